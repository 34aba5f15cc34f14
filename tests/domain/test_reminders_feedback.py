"""Feedback reminders: each side that has not answered, 2 and 7 days after completion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from blocks.notifications import render_text
from domain.completion import complete_relationship
from domain.feedback import FeedbackAnswers, give_feedback
from domain.model import (
    Member,
    NudgeKind,
    OutboxKind,
    Programme,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.reminders import mute_reminders
from domain.reminders.kinds import send_morning_digests
from domain.reminders.kinds.feedback import remind_feedback
from tests.support import seed
from tests.support.statements import counting

# Completed on Monday 23 November at 09:00 UTC: chased from Wednesday 25th and Monday 30th.
DONE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ANSWERS = FeedbackAnswers(rating=5, goals_met="mostly", would_recommend=True)


def completed(session: Session, lists: ProgrammeLists, at: datetime = DONE
              ) -> tuple[Member, Member, int]:
    """John Smith marks his mentoring of Alice Kember complete at `at`."""
    john, alice, pair = seed.pair_of(session, lists)
    complete_relationship(session, actor=seed.actor(john), relationship_id=pair.id, now=at)
    return john, alice, pair.id


def chases(session: Session) -> list[tuple[str, str]]:
    """(recipient, text) of every feedback reminder owed so far."""
    return [(row.recipient_user_id, render_text(OutboxKind.FEEDBACK_CHASE, row.payload))
            for row in seed.dms(session, OutboxKind.FEEDBACK_CHASE)]


def test_both_sides_are_asked_two_and_seven_days_after_completion(
        session: Session, lists: ProgrammeLists) -> None:
    completed(session, lists)
    assert remind_feedback(session, now=DONE + timedelta(days=2, minutes=-1)) == 0
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 2
    assert sorted(chases(session)) == [
        ("UALICE", "How did your mentoring with John Smith go? We'd love to hear.\nThe feedback "
                   "survey takes a couple of minutes. Your answers go to the programme team "
                   "only, never to your mentor, and they help us make mentoring better for "
                   "everyone."),
        ("UJOHN", "How did your mentoring with Alice Kember go? We'd love to hear.\nThe "
                  "feedback survey takes a couple of minutes. Your answers go to the programme "
                  "team only, never to your mentee, and they help us make mentoring better for "
                  "everyone.")]
    assert remind_feedback(session, now=DONE + timedelta(days=2, hours=1)) == 0  # once
    assert remind_feedback(session, now=DONE + timedelta(days=6, hours=23)) == 0
    assert remind_feedback(session, now=DONE + timedelta(days=7)) == 2
    assert all(text.startswith("One last reminder: we'd still love to hear how your mentoring")
               for _, text in chases(session)[2:])
    for later in (8, 9, 14, 30):
        assert remind_feedback(session, now=DONE + timedelta(days=later)) == 0
    assert len(chases(session)) == 4


def test_only_the_side_that_has_not_answered_is_asked(session: Session,
                                                      lists: ProgrammeLists) -> None:
    _, alice, pair = completed(session, lists)
    give_feedback(session, actor=seed.actor(alice), relationship_id=pair, answers=ANSWERS,
                  now=DONE + timedelta(days=1))
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 1
    assert [who for who, _ in chases(session)] == ["UJOHN"]


def test_feedback_given_after_the_first_reminder_stops_the_second(
        session: Session, lists: ProgrammeLists) -> None:
    john, alice, pair = completed(session, lists)
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 2
    for who in (john, alice):
        give_feedback(session, actor=seed.actor(who), relationship_id=pair, answers=ANSWERS,
                      now=DONE + timedelta(days=3))
    assert remind_feedback(session, now=DONE + timedelta(days=7)) == 0


def test_ended_otherwise_or_completed_long_ago_is_never_chased(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, pair = seed.pair_of(session, lists)
    pair.status, pair.ended_at = RelationshipStatus.WITHDRAWN, DONE
    carol = seed.mentor(session, lists, "UCAROL", areas=[1], name="Carol Jones")
    old = seed.pair(session, carol, alice)
    # Completed in the spring, before this reminder existed: deploying it chases nobody.
    complete_relationship(session, actor=seed.actor(carol), relationship_id=old.id,
                          now=DONE - timedelta(days=200))
    session.flush()
    for later in (0, 2, 7):
        assert remind_feedback(session, now=DONE + timedelta(days=later)) == 0


def test_muted_people_and_paused_programmes_are_not_asked(
        session: Session, lists: ProgrammeLists) -> None:
    _, alice, _ = completed(session, lists)
    mute_reminders(session, actor=seed.actor(alice), kind=NudgeKind.FEEDBACK_CHASE, now=DONE)
    programme = session.scalars(select(Programme)).one()
    programme.nudges_paused = True
    session.flush()
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 0
    programme.nudges_paused = False
    session.flush()
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 1
    assert [who for who, _ in chases(session)] == ["UJOHN"]


def test_a_step_due_on_friday_evening_waits_for_monday_morning(session: Session,
                                                               lists: ProgrammeLists) -> None:
    wednesday = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)  # due Friday 20:30, after hours
    completed(session, lists, at=wednesday)
    assert remind_feedback(session, now=wednesday + timedelta(days=2)) == 0
    assert remind_feedback(session, now=datetime(2026, 11, 28, 10, 0, tzinfo=UTC)) == 0
    assert remind_feedback(session, now=datetime(2026, 11, 30, 7, 59, tzinfo=UTC)) == 0
    assert remind_feedback(session, now=datetime(2026, 11, 30, 8, 0, tzinfo=UTC)) == 2


def test_a_held_reminder_leaves_the_digest_once_both_have_answered(
        session: Session, lists: ProgrammeLists) -> None:
    john, alice, pair = completed(session, lists)
    carol = seed.mentor(session, lists, "UCAROL", areas=[1], name="Carol Jones")
    dan = seed.mentee(session, lists, "UDAN", areas=[1], name="Dan Brown")
    other = seed.pair(session, carol, dan)
    complete_relationship(session, actor=seed.actor(carol), relationship_id=other.id, now=DONE)
    session.scalars(select(Programme)).one().daily_nudge_cap = 0  # everything held
    session.flush()
    assert remind_feedback(session, now=DONE + timedelta(days=2)) == 0
    for who in (john, alice):
        give_feedback(session, actor=seed.actor(who), relationship_id=pair, answers=ANSWERS,
                      now=DONE + timedelta(days=2, hours=3))
    assert send_morning_digests(session, now=DONE + timedelta(days=3)) == 2  # Carol and Dan
    lines = {row.recipient_user_id: row.payload["lines"]
             for row in seed.dms(session, OutboxKind.NUDGE_DIGEST)}
    assert lines == {
        "UCAROL": ["Your feedback on your mentoring with Dan Brown is still welcome: choose "
                   "Give feedback under Past relationships on your Home."],
        "UDAN": ["Your feedback on your mentoring with Carol Jones is still welcome: choose "
                 "Give feedback under Past relationships on your Home."]}


def _seed_completed(session: Session, lists: ProgrammeLists, pairs: int) -> None:
    """`pairs` relationships completed at DONE, and as many completed a year before."""
    for n in range(pairs):
        for ago, tag in ((0, "N"), (365, "O")):
            mentor = seed.mentor(session, lists, f"UM{pairs}{tag}{n}", areas=[1])
            mentee = seed.mentee(session, lists, f"UE{pairs}{tag}{n}", areas=[1])
            relationship = seed.pair(session, mentor, mentee)
            complete_relationship(session, actor=seed.actor(mentor),
                                  relationship_id=relationship.id,
                                  now=DONE - timedelta(days=ago))


def test_a_tick_costs_the_same_statements_for_two_relationships_as_for_thirty(
        session: Session, lists: ProgrammeLists) -> None:
    counts = []
    for pairs, day in ((2, 2), (30, 7)):
        _seed_completed(session, lists, pairs)
        with counting(session.get_bind()) as statements:
            sent = remind_feedback(session, now=DONE + timedelta(days=day))
        assert sent == 2 * pairs + (4 if day == 7 else 0)
        counts.append(len(statements))
    # programmes, the candidates with their recorded steps; then sending: programmes, the
    # day's counts, the ledger, the outbox
    assert counts == [6, 6], statements
