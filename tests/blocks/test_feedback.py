"""The feedback survey: escaped, inside Slack's limits, and forged answers read as none."""

from __future__ import annotations

from blocks import ids
from blocks.feedback import feedback_form, read_feedback_answers, thanks_view
from blocks.payloads import RelationshipRef, view_payload
from domain.feedback import FeedbackAnswers
from domain.model import RelationshipStatus
from tests.blocks.builders import assert_escaped, pairing
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted


def test_the_survey_reads_back_what_was_chosen() -> None:
    view = feedback_form(pairing(status=RelationshipStatus.COMPLETED))
    assert_fits_slack(view)
    assert_escaped(view)
    assert view_payload(view, RelationshipRef) == RelationshipRef(7)
    answers = read_feedback_answers(submitted(view, {
        ids.FEEDBACK_RATING: "4", ids.FEEDBACK_GOALS_MET: "mostly",
        ids.FEEDBACK_RECOMMEND: "no", ids.FEEDBACK_WHAT_WORKED: "Listening"}))
    assert answers == FeedbackAnswers(4, "mostly", False, "Listening", "")


def test_the_mentor_is_told_their_mentee_never_sees_it() -> None:
    text = feedback_form(pairing(i_am_mentor=True))["blocks"][0]["text"]["text"]
    assert "your mentee never sees them" in text


def test_a_forged_rating_or_recommendation_reads_as_no_answer() -> None:
    def chose(block_id: str, value: object) -> dict:
        return {block_id: {block_id: {"selected_option": {"value": value}}}}
    view = {"state": {"values": {**chose(ids.FEEDBACK_RATING, "9"),
                                 **chose(ids.FEEDBACK_RECOMMEND, "maybe")}}}
    answers = read_feedback_answers(view)
    assert answers.rating is None and answers.would_recommend is None
    assert read_feedback_answers({}) == FeedbackAnswers(None, None, None)


def test_the_thanks_fit_slack() -> None:
    assert_fits_slack(thanks_view())
