"""The feedback survey modal, reading its answers, and the thank-you."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.forms import selected_value, text_value
from blocks.kit import (
    Block,
    actions,
    button,
    context,
    escape,
    input_block,
    modal,
    option,
    section,
)
from blocks.notices import notice_view
from blocks.payloads import RelationshipRef, metadata, value
from blocks.stages import SMART_REMINDER
from domain.feedback import MAX_ANSWER, FeedbackAnswers
from domain.relationships import Pairing

RATINGS = {"1": "1 · Poor", "2": "2 · Fair", "3": "3 · Good", "4": "4 · Very good",
           "5": "5 · Excellent"}
GOALS = {"fully": "Fully", "mostly": "Mostly", "partly": "Partly", "not_yet": "Not yet"}
RECOMMEND = {"yes": "Yes", "no": "No"}


def _radios(choices: dict[str, str]) -> Block:
    return {"type": "radio_buttons",
            "options": [option(label, value) for value, label in choices.items()]}


def _long_answer() -> Block:
    return {"type": "plain_text_input", "multiline": True, "max_length": MAX_ANSWER}


def feedback_form(pairing: Pairing) -> Block:
    """Ready to give feedback: a short survey about the mentoring with this partner."""
    name = escape(pairing.partner.name)
    role = "mentee" if pairing.i_am_mentor else "mentor"
    return modal(ids.FEEDBACK_SUBMIT, "Your feedback", [
        section(f"How did your mentoring with *{name}* go? We would find your feedback on the "
                "success and effectiveness of your mentoring journey really valuable. Your "
                f"answers go to the programme team; your {role} never sees them."),
        context(SMART_REMINDER),
        input_block(ids.FEEDBACK_RATING, "Overall, how would you rate your mentoring?",
                    _radios(RATINGS)),
        input_block(ids.FEEDBACK_GOALS_MET, "How far were your goals met?", _radios(GOALS)),
        input_block(ids.FEEDBACK_RECOMMEND, "Would you recommend mentoring to a colleague?",
                    _radios(RECOMMEND)),
        input_block(ids.FEEDBACK_WHAT_WORKED, "What worked well?", _long_answer(),
                    optional=True),
        input_block(ids.FEEDBACK_COULD_BE_BETTER, "What could have been better?",
                    _long_answer(), optional=True),
    ], submit="Send feedback",
        private_metadata=metadata(RelationshipRef(pairing.relationship.id)))


def read_feedback_answers(view: dict[str, Any]) -> FeedbackAnswers:
    """The survey as submitted; an unknown or forged choice reads as no answer."""
    rating = selected_value(view, ids.FEEDBACK_RATING)
    recommend = selected_value(view, ids.FEEDBACK_RECOMMEND)
    return FeedbackAnswers(
        rating=int(rating) if rating in RATINGS else None,
        goals_met=selected_value(view, ids.FEEDBACK_GOALS_MET),
        would_recommend={"yes": True, "no": False}.get(recommend or ""),
        what_worked=text_value(view, ids.FEEDBACK_WHAT_WORKED),
        could_be_better=text_value(view, ids.FEEDBACK_COULD_BE_BETTER))


def thanks_view() -> Block:
    """Shown in place of the survey once it is sent."""
    return notice_view("Thank you for your feedback! It helps the programme get better for the "
                       f"pairs that follow you.\n\n{SMART_REMINDER}", title="Your feedback")


def feedback_chase_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The reminder of an unanswered survey, with the button that opens it."""
    return [section(text), actions(button("Give feedback", ids.FEEDBACK_OPEN,
                                          value(RelationshipRef(payload["relationship_id"])),
                                          style="primary"))]
