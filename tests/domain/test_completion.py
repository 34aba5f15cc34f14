"""Completion, new journeys and feedback as use cases: who may, how often, and what is told."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.completion import (
    CannotStartAgain,
    complete_relationship,
    completion_to_confirm,
    past_relationships,
    request_completion,
    start_new_journey,
)
from domain.errors import InvalidInput, NotAllowed
from domain.feedback import (
    FeedbackAlreadyGiven,
    FeedbackAnswers,
    feedback_form_for,
    give_feedback,
)
from domain.lifecycle import NotPossibleNow
from domain.model import Feedback, Member, Relationship, StageCompletion
from domain.model.states import OutboxKind, RelationshipStatus, Stage
from domain.programme import ProgrammeLists
from domain.stages import FINAL, News, StageState, complete_stage
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms, pair_of

GOOD = FeedbackAnswers(rating=5, goals_met="mostly", would_recommend=True,
                       what_worked="Monthly calls.", could_be_better="")


def test_the_mentor_marks_the_relationship_complete_and_both_are_asked_for_feedback(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    assert completion_to_confirm(session, actor=actor(john),
                                 relationship_id=relationship.id).partner.id == alice.id
    road = complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                                 now=clock.now())
    assert road.news is News.RELATIONSHIP_COMPLETED
    assert relationship.status == RelationshipStatus.COMPLETED and relationship.stage == FINAL
    assert relationship.ended_at == clock.now() and relationship.ended_by_id == john.id
    assert all(step.state is StageState.DONE for step in road.steps)
    assert session.scalars(select(StageCompletion.stage)).all() == [FINAL]
    told = {m.recipient_user_id: m.payload for m in dms(session, OutboxKind.RELATIONSHIP_COMPLETED)}
    assert told["UJOHN"]["i_am_mentor"] and told["UJOHN"]["partner"]["name"] == "Alice Kember"
    assert not told["UALICE"]["i_am_mentor"] and told["UALICE"]["partner"]["name"] == "John Smith"

    again = complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                                  now=clock.now())
    assert again.pairing.relationship.id == relationship.id
    assert len(dms(session, OutboxKind.RELATIONSHIP_COMPLETED)) == 2


def test_the_mentee_and_strangers_cannot_mark_it_complete(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, alice, relationship = pair_of(session, lists)
    carol = seed.mentor(session, lists, "UCAROL", areas=[1])
    with pytest.raises(NotAllowed, match="Only your mentor"):
        completion_to_confirm(session, actor=actor(alice), relationship_id=relationship.id)
    with pytest.raises(NotAllowed, match="Only your mentor"):
        complete_relationship(session, actor=actor(alice), relationship_id=relationship.id,
                              now=clock.now())
    with pytest.raises(NotAllowed, match="isn't yours"):
        complete_relationship(session, actor=actor(carol), relationship_id=relationship.id,
                              now=clock.now())
    assert relationship.status == RelationshipStatus.ACTIVE
    assert dms(session, OutboxKind.RELATIONSHIP_COMPLETED) == []


@pytest.fixture
def completed(session: Session, lists: ProgrammeLists, clock: FakeClock
              ) -> tuple[Member, Member, Relationship]:
    """John and Alice, their relationship marked complete by John."""
    john, alice, relationship = pair_of(session, lists)
    complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                          now=clock.now())
    return john, alice, relationship


@pytest.mark.parametrize("step", ["complete", "ask to complete", "complete a stage"])
def test_a_withdrawn_relationship_is_not_completed_or_moved_on(
    session: Session, lists: ProgrammeLists, clock: FakeClock, step: str
) -> None:
    john, alice, relationship = pair_of(session, lists)
    relationship.status = RelationshipStatus.WITHDRAWN
    ended = {"relationship_id": relationship.id, "now": clock.now()}
    attempt = {
        "complete": lambda: complete_relationship(session, actor=actor(john), **ended),
        "ask to complete": lambda: request_completion(session, actor=actor(alice), **ended),
        "complete a stage": lambda: complete_stage(session, actor=actor(alice), **ended,
                                                   stage=Stage.FIRST_CONVERSATION),
    }[step]
    with pytest.raises(NotPossibleNow, match="has ended"):
        attempt()


def test_the_mentee_asks_the_mentor_once_per_request(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    road = request_completion(session, actor=actor(alice), relationship_id=relationship.id,
                              now=clock.now())
    assert road.news is News.COMPLETION_REQUESTED
    assert relationship.completion_requested_at == clock.now()
    request_completion(session, actor=actor(alice), relationship_id=relationship.id,
                       now=clock.advance(hours=1))
    asked = dms(session, OutboxKind.COMPLETION_REQUESTED)
    assert [m.recipient_user_id for m in asked] == ["UJOHN"]
    assert asked[0].payload["mentee"]["name"] == "Alice Kember"

    # A week without an answer: asking again reminds the mentor.
    request_completion(session, actor=actor(alice), relationship_id=relationship.id,
                       now=clock.advance(days=7))
    assert len(dms(session, OutboxKind.COMPLETION_REQUESTED)) == 2
    with pytest.raises(NotAllowed, match="As the mentor"):
        request_completion(session, actor=actor(john), relationship_id=relationship.id,
                           now=clock.now())
    complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                          now=clock.now())
    with pytest.raises(NotPossibleNow, match="has been completed"):
        request_completion(session, actor=actor(alice), relationship_id=relationship.id,
                           now=clock.now())


def test_a_new_journey_continues_a_completed_relationship_once(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, old = pair_of(session, lists)
    with pytest.raises(CannotStartAgain, match="once this one is marked complete"):
        start_new_journey(session, actor=actor(alice), relationship_id=old.id, now=clock.now())
    complete_relationship(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    road = start_new_journey(session, actor=actor(alice), relationship_id=old.id,
                             now=clock.advance(days=1))
    new = road.pairing.relationship
    assert road.news is News.JOURNEY_STARTED and road.pairing.partner.id == john.id
    assert (new.status, new.stage, new.previous_id) == (
        RelationshipStatus.ACTIVE, Stage.FIRST_CONVERSATION, old.id)
    assert (new.mentor_id, new.mentee_id) == (john.id, alice.id) and new.proposal_id is None
    assert [m.recipient_user_id for m in dms(session, OutboxKind.JOURNEY_STARTED)] == ["UJOHN"]

    # A double click, or the partner pressing it too: the same journey, nothing more.
    for who in (alice, john):
        assert start_new_journey(session, actor=actor(who), relationship_id=old.id, now=clock.now()
                                 ).pairing.relationship.id == new.id
    assert session.query(Relationship).filter_by(status=RelationshipStatus.ACTIVE).count() == 1
    assert len(dms(session, OutboxKind.JOURNEY_STARTED)) == 1


def test_a_new_journey_is_refused_while_the_pair_has_another_active_one(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, old = pair_of(session, lists)
    complete_relationship(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    # Alice mentors John in another relationship: the pair already works together.
    alice.is_mentor = True
    reverse = Relationship(team_id="T1", mentor=alice, mentee=john,
                           status=RelationshipStatus.ACTIVE, started_at=clock.now())
    session.add(reverse)
    session.flush()
    with pytest.raises(CannotStartAgain, match="already have an active mentoring relationship"):
        start_new_journey(session, actor=actor(john), relationship_id=old.id, now=clock.now())


def test_a_new_journey_is_refused_when_the_mentor_is_full(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, old = pair_of(session, lists, capacity=1)
    complete_relationship(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    seed.pair(session, john, seed.mentee(session, lists, "UBOB", areas=[1]))
    with pytest.raises(CannotStartAgain, match="John Smith has no room"):
        start_new_journey(session, actor=actor(alice), relationship_id=old.id, now=clock.now())
    with pytest.raises(CannotStartAgain, match="raise your capacity"):
        start_new_journey(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    assert session.query(Relationship).filter_by(previous_id=old.id).count() == 0


def test_a_stranger_cannot_start_a_journey_with_someone_elses_partner(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, _, old = pair_of(session, lists)
    complete_relationship(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    carol = seed.mentee(session, lists, "UCAROL", areas=[1])
    with pytest.raises(NotAllowed):
        start_new_journey(session, actor=actor(carol), relationship_id=old.id, now=clock.now())
    assert session.query(Relationship).count() == 1


def test_each_side_gives_feedback_once_and_only_after_completion(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    with pytest.raises(NotPossibleNow, match="Feedback opens once"):
        give_feedback(session, actor=actor(alice), relationship_id=relationship.id, answers=GOOD,
                      now=clock.now())
    complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                          now=clock.now())
    assert feedback_form_for(session, actor=actor(alice),
                             relationship_id=relationship.id).partner.id == john.id
    given = give_feedback(session, actor=actor(alice), relationship_id=relationship.id,
                          answers=GOOD, now=clock.now())
    assert (given.rating, given.goals_met, given.would_recommend) == (5, "mostly", True)
    with pytest.raises(FeedbackAlreadyGiven, match="already shared your feedback"):
        feedback_form_for(session, actor=actor(alice), relationship_id=relationship.id)
    with pytest.raises(FeedbackAlreadyGiven):
        give_feedback(session, actor=actor(alice), relationship_id=relationship.id, answers=GOOD,
                      now=clock.now())
    give_feedback(session, actor=actor(john), relationship_id=relationship.id,
                  answers=FeedbackAnswers(3, "not_yet", False), now=clock.now())
    assert sorted(session.scalars(select(Feedback.author_id))) == sorted([alice.id, john.id])


def test_a_second_feedback_that_slips_past_the_check_is_refused_by_the_database(
    session: Session, lists: ProgrammeLists, clock: FakeClock,
    completed: tuple[Member, Member, Relationship]
) -> None:
    _, alice, relationship = completed
    session.add(Feedback(team_id="T1", relationship_id=relationship.id, author_id=alice.id,
                         rating=4, goals_met="fully", would_recommend=True,
                         submitted_at=clock.now()))
    session.flush()
    with pytest.raises(FeedbackAlreadyGiven):
        give_feedback(session, actor=actor(alice), relationship_id=relationship.id, answers=GOOD,
                      now=clock.now())
    assert session.query(Feedback).count() == 1


@pytest.mark.parametrize(("answers", "fields"), [
    (FeedbackAnswers(0, "fully", True), {"rating"}),
    (FeedbackAnswers(6, "fully", True), {"rating"}),
    (FeedbackAnswers(None, None, None), {"rating", "goals_met", "would_recommend"}),
    (FeedbackAnswers(4, "sometimes", True), {"goals_met"}),
    (FeedbackAnswers(4, "fully", True, what_worked="x" * 1001, could_be_better="y" * 1001),
     {"what_worked", "could_be_better"}),
])
def test_invalid_feedback_is_refused_field_by_field(
    session: Session, lists: ProgrammeLists, clock: FakeClock, answers: FeedbackAnswers,
    fields: set[str]
) -> None:
    john, alice, relationship = pair_of(session, lists)
    complete_relationship(session, actor=actor(john), relationship_id=relationship.id,
                          now=clock.now())
    with pytest.raises(InvalidInput) as refused:
        give_feedback(session, actor=actor(alice), relationship_id=relationship.id, answers=answers,
                      now=clock.now())
    assert set(refused.value.errors) == fields
    assert session.query(Feedback).count() == 0


def test_strangers_cannot_give_feedback_on_someone_elses_relationship(
    session: Session, lists: ProgrammeLists, clock: FakeClock,
    completed: tuple[Member, Member, Relationship]
) -> None:
    _, _, relationship = completed
    carol = seed.mentee(session, lists, "UCAROL", areas=[1])
    with pytest.raises(NotAllowed):
        give_feedback(session, actor=actor(carol), relationship_id=relationship.id, answers=GOOD,
                      now=clock.now())
    assert session.query(Feedback).count() == 0


def test_past_relationships_say_what_each_side_can_still_do(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, old = pair_of(session, lists)
    complete_relationship(session, actor=actor(john), relationship_id=old.id, now=clock.now())
    give_feedback(session, actor=actor(alice), relationship_id=old.id, answers=GOOD,
                  now=clock.now())
    (alices,) = past_relationships(session, member=alice)
    (johns,) = past_relationships(session, member=john)
    assert alices.feedback_given and not johns.feedback_given
    assert not alices.continued and johns.pairing.i_am_mentor
    start_new_journey(session, actor=actor(john), relationship_id=old.id, now=clock.advance(days=1))
    assert past_relationships(session, member=alice)[0].continued
    assert past_relationships(session, member=seed.mentee(session, lists, "UNEW", areas=[1])) == []
