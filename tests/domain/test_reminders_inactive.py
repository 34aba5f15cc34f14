"""Inactive relationships: off by default; with a warning period set, both are warned, and
closed as inactive after the notice if nobody got in touch, as a withdrawal ends one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from blocks.notifications import render_text
from bot import db
from domain.admin.health import health_report
from domain.members import Actor
from domain.model import (
    Conversation,
    Meeting,
    MeetingStatus,
    Member,
    MentorProfile,
    NudgeKind,
    OutboxKind,
    Programme,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.reminders import mute_reminders
from domain.reminders.kinds import remind_inactive_relationships, remind_quiet_relationships
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once
from tests.support.statements import counting


def warn_after(session: Session, days: int | None) -> None:
    """The admins' setting, as the settings form stores it."""
    session.execute(update(Programme).values(reminder_timings={"inactive_warning_days": days},
                                             version=Programme.version + 1))


def quiet_since(session: Session, lists: ProgrammeLists, clock: FakeClock, days: float
                ) -> tuple[Member, Member, Relationship]:
    """John mentoring Alice, matched `days` ago with nothing since."""
    return seed.quiet_pair(session, lists, matched_at=clock.now() - timedelta(days=days))


def tick(session: Session, now: datetime) -> int:
    return remind_inactive_relationships(session, now=now)


def sent(session: Session, kind: OutboxKind) -> list[str]:
    return sorted(dm.recipient_user_id for dm in seed.dms(session, kind))


def meeting_ahead(session: Session, relationship: Relationship, starts: datetime) -> Meeting:
    """A meeting arranged when they were matched, still to come."""
    made = Meeting(team_id="T1", relationship_id=relationship.id,
                   created_by_id=relationship.mentee_id, uid=f"m-{relationship.id}",
                   title="Catch-up", starts_at=starts, duration_minutes=60,
                   share_with_partner=True, created_at=relationship.started_at,
                   updated_at=relationship.started_at)
    session.add(made)
    session.flush()
    return made


def spare(session: Session, mentor: Member) -> int:
    return session.scalars(select(MentorProfile.spare_capacity).where(
        MentorProfile.member_id == mentor.id).execution_options(populate_existing=True)).one()


def test_it_is_off_by_default(session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _, _, relationship = quiet_since(session, lists, clock, days=200)
    assert tick(session, clock.now()) == 0
    assert tick(session, clock.advance(days=30)) == 0
    assert seed.dms(session) == [] and relationship.status == RelationshipStatus.ACTIVE


def test_warned_at_ninety_days_then_closed_at_ninety_seven_and_both_told(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    john, _, relationship = quiet_since(session, lists, clock, days=89)  # Tue 24 Nov: 90
    ahead = meeting_ahead(session, relationship, clock.now() + timedelta(days=20))
    places = spare(session, john)
    assert tick(session, clock.now()) == 0
    assert tick(session, clock.advance(days=1)) == 2
    assert sent(session, OutboxKind.INACTIVE_WARNING) == ["UALICE", "UJOHN"]
    warning = next(dm for dm in seed.dms(session, OutboxKind.INACTIVE_WARNING)
                   if dm.recipient_user_id == "UALICE")
    text = render_text(OutboxKind.INACTIVE_WARNING, warning.payload)
    assert text.startswith("Hi Alice Kember, you and John Smith haven't been in touch for 90 "
                           "days, so your mentoring relationship will be closed as inactive on")
    assert "(in 7 days) unless you get in touch" in text
    assert warning.payload["nudge_kind"] == NudgeKind.INACTIVE_RELATIONSHIP
    assert tick(session, clock.advance(days=6, hours=23)) == 0  # once, and not closed yet
    assert relationship.status == RelationshipStatus.ACTIVE
    assert tick(session, clock.advance(hours=1)) == 1  # Tuesday 1 Dec: 97 days
    assert relationship.status == RelationshipStatus.INACTIVE
    assert relationship.ended_at == clock.now() and relationship.ended_by_id is None
    assert sent(session, OutboxKind.INACTIVE_CLOSED) == ["UALICE", "UJOHN"]
    closed = next(dm for dm in seed.dms(session, OutboxKind.INACTIVE_CLOSED)
                  if dm.recipient_user_id == "UJOHN")
    assert render_text(OutboxKind.INACTIVE_CLOSED, closed.payload).startswith(
        "Your mentoring relationship with Alice Kember has been closed as inactive")
    assert "nudge_kind" not in closed.payload  # an ordinary DM, not a reminder
    assert session.get_one(Meeting, ahead.id).status == MeetingStatus.CANCELLED
    assert sent(session, OutboxKind.MEETING_CANCELLED) == ["UALICE", "UJOHN"]
    assert spare(session, john) == places + 1  # John's place is free again
    assert tick(session, clock.advance(days=1)) == 0
    assert remind_quiet_relationships(session, now=clock.now()) == 0


def test_a_message_between_the_warning_and_the_close_calls_the_close_off(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    john, alice, relationship = quiet_since(session, lists, clock, days=90)
    assert tick(session, clock.now()) == 2
    first, second = sorted((john.id, alice.id))
    session.add(Conversation(team_id="T1", first_member_id=first, second_member_id=second,
                             created_at=clock.advance(days=3), last_message_at=clock.now()))
    session.flush()
    assert tick(session, clock.advance(days=4)) == 0  # 97 days after the match: not closed
    assert relationship.status == RelationshipStatus.ACTIVE
    assert sent(session, OutboxKind.INACTIVE_CLOSED) == []
    assert tick(session, clock.advance(days=86)) == 2  # 90 days after the message: warned again
    assert len(seed.dms(session, OutboxKind.INACTIVE_WARNING)) == 4


def test_the_close_waits_until_the_later_side_had_the_full_notice(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    _, alice, relationship = quiet_since(session, lists, clock, days=90)
    alice.tz = "America/New_York"  # warned at 08:00 there, four hours after John
    session.flush()
    assert tick(session, clock.now()) == 1
    assert tick(session, clock.advance(hours=4)) == 1
    assert tick(session, clock.advance(days=7, hours=-1)) == 0  # 7 days after John's only
    assert relationship.status == RelationshipStatus.ACTIVE
    assert tick(session, clock.advance(hours=1)) == 1
    assert relationship.status == RelationshipStatus.INACTIVE


def test_turning_the_setting_off_after_the_warning_closes_nothing(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    _, _, relationship = quiet_since(session, lists, clock, days=90)
    assert tick(session, clock.now()) == 2
    warn_after(session, None)
    assert tick(session, clock.advance(days=8)) == 0
    assert relationship.status == RelationshipStatus.ACTIVE


def test_a_side_who_muted_warnings_is_not_warned_and_nobody_unwarned_is_closed(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    john, alice, relationship = quiet_since(session, lists, clock, days=90)
    for side in (john, alice):
        mute_reminders(session, actor=seed.actor(side), kind=NudgeKind.INACTIVE_RELATIONSHIP,
                       now=clock.now())
    assert tick(session, clock.now()) == 0
    assert tick(session, clock.advance(days=8)) == 0
    assert relationship.status == RelationshipStatus.ACTIVE


def test_a_paused_programme_neither_warns_nor_closes(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    _, _, relationship = quiet_since(session, lists, clock, days=90)
    assert tick(session, clock.now()) == 2
    session.execute(update(Programme).values(nudges_paused=True, version=Programme.version + 1))
    assert tick(session, clock.advance(days=8)) == 0
    assert relationship.status == RelationshipStatus.ACTIVE


def test_the_health_report_counts_it_as_closed_inactive_not_completed_or_withdrawn(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    warn_after(session, 90)
    quiet_since(session, lists, clock, days=90)
    tick(session, clock.now())
    assert tick(session, clock.advance(days=7)) == 1
    figures = health_report(session, actor=Actor("T1", "UBOSS"), workspace_admin=True,
                            now=clock.now()).relationships
    assert (figures.active, figures.completed, figures.ended_early, figures.closed_inactive) == (
        0, 0, 0, 1)


def test_two_ticks_at_once_warn_once_and_close_once(
        sessions: sessionmaker[Session], clock: FakeClock) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        warn_after(session, 90)
        john, _, relationship = quiet_since(session, lists, clock, days=90)
        places, pair_id = spare(session, john), relationship.id

    def run(now: datetime) -> int:
        with sessions.begin() as session:
            return tick(session, now)

    assert sorted(at_once(run, [clock.now(), clock.now()])) == [0, 2]  # type: ignore[type-var]
    assert sorted(at_once(run, [clock.advance(days=7)] * 2)) == [0, 1]  # type: ignore[type-var]
    with sessions.begin() as session:
        assert sent(session, OutboxKind.INACTIVE_WARNING) == ["UALICE", "UJOHN"]
        assert sent(session, OutboxKind.INACTIVE_CLOSED) == ["UALICE", "UJOHN"]
        assert session.get_one(Relationship, pair_id).status == RelationshipStatus.INACTIVE
        assert spare(session, session.get_one(Member, john.id)) == places + 1


def _grow(session: Session, lists: ProgrammeLists, clock: FakeClock, times: int,
          prefix: str) -> None:
    """More pairs: ended ones, busy ones, ones not quiet for long enough, and ones due a
    warning now (one in four)."""
    for n in range(times):
        mentor = seed.mentor(session, lists, f"UM{prefix}{n}", areas=[1])
        mentee = seed.mentee(session, lists, f"UE{prefix}{n}", areas=[1])
        together = seed.pair(session, mentor, mentee, status=(
            RelationshipStatus.ACTIVE if n % 4 else RelationshipStatus.COMPLETED))
        together.started_at = clock.now() - timedelta(days=(90, 5, 60, 90)[n % 4])
    session.flush()


def test_the_same_statements_whatever_the_number_of_pairs(
        clean_engine: Engine, clock: FakeClock) -> None:
    sessions = db.session_factory(clean_engine)
    with sessions.begin() as session:
        lists = seed.programme(session)
        warn_after(session, 90)
        quiet_since(session, lists, clock, days=90)
        assert tick(session, clock.now()) == 2
    counted = []
    for growth in (4, 60):  # each round: one pair closed, and new ones warned
        clock.advance(days=7)
        with sessions.begin() as session:
            _grow(session, lists, clock, growth, str(growth))
        with sessions.begin() as session, counting(clean_engine) as statements:
            assert tick(session, clock.now()) == 1 + 2 * (growth // 4)
        counted.append(len(statements))
    # The programmes, the warned pairs, one close as a withdrawal does it (its row, lock,
    # status, Home refreshes, the mentor's place, meetings ahead, its waiting reminders
    # withdrawn), the word to both, then the pairs due a warning and send_nudges' four.
    assert counted == [21, 21], counted
