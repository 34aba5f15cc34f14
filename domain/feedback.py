"""The feedback survey: each side of a completed relationship answers once, privately."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.errors import DomainError, InvalidInput
from domain.lifecycle import NotPossibleNow
from domain.members import Actor
from domain.model import Feedback, RelationshipStatus
from domain.relationships import Pairing, pairing_for
from domain.stages import feedback_given
from domain.text import check_text

GOALS_MET = ("fully", "mostly", "partly", "not_yet")
RATINGS = range(1, 6)
MAX_ANSWER = 1000


class FeedbackAlreadyGiven(DomainError):
    """This person has answered the survey for this relationship already."""

    def __init__(self, partner_name: str) -> None:
        super().__init__(f"You've already shared your feedback on your mentoring with "
                         f"{partner_name}: thank you! Each person answers once, so there is "
                         "nothing more to do.")


@dataclass(frozen=True)
class FeedbackAnswers:
    """The survey as answered; None where nothing (or something unknown) was chosen."""

    rating: int | None
    goals_met: str | None
    would_recommend: bool | None
    what_worked: str = ""
    could_be_better: str = ""


def feedback_form_for(session: Session, *, actor: Actor, relationship_id: int) -> Pairing:
    """The relationship whose survey the actor may answer: completed, and not answered yet."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    relationship = pairing.relationship
    if relationship.status != RelationshipStatus.COMPLETED:
        raise NotPossibleNow("Feedback opens once your mentor marks the relationship complete.")
    me = relationship.mentor if pairing.i_am_mentor else relationship.mentee
    if feedback_given(session, relationship_id=relationship.id, author_id=me.id):
        raise FeedbackAlreadyGiven(pairing.partner.name)
    return pairing


def _checked(answers: FeedbackAnswers) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if answers.rating not in RATINGS:
        errors["rating"] = "Please choose a rating from 1 to 5."
    if answers.goals_met not in GOALS_MET:
        errors["goals_met"] = "Please say how far your goals were met."
    if answers.would_recommend is None:
        errors["would_recommend"] = "Please say whether you would recommend mentoring."
    worked = check_text(errors, "what_worked", answers.what_worked, label="answer",
                        max_length=MAX_ANSWER, required=False)
    better = check_text(errors, "could_be_better", answers.could_be_better, label="answer",
                        max_length=MAX_ANSWER, required=False)
    if errors:
        raise InvalidInput(errors)
    return worked, better


def give_feedback(session: Session, *, actor: Actor, relationship_id: int,
                  answers: FeedbackAnswers, now: datetime) -> Feedback:
    """Record the actor's answers; a second submission is refused kindly and changes nothing."""
    pairing = feedback_form_for(session, actor=actor, relationship_id=relationship_id)
    worked, better = _checked(answers)
    relationship = pairing.relationship
    me = relationship.mentor if pairing.i_am_mentor else relationship.mentee
    assert answers.rating is not None and answers.goals_met is not None
    feedback = Feedback(team_id=relationship.team_id, relationship_id=relationship.id,
                        author_id=me.id, rating=answers.rating, goals_met=answers.goals_met,
                        would_recommend=bool(answers.would_recommend), what_worked=worked,
                        could_be_better=better, submitted_at=now)
    try:
        with session.begin_nested():
            session.add(feedback)
    except IntegrityError:  # the same survey, submitted a moment ago from another modal
        raise FeedbackAlreadyGiven(pairing.partner.name) from None
    # Only the author's Home changes (it stops offering the survey); the partner sees nothing.
    return feedback
