"""Quiet relationships: both sides nudged once per quiet spell, from the pair's last activity,
as the admin channel's quiet card counts it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from blocks.notifications import render_text
from bot import db
from domain.admin.alerts.quiet import alert_quiet_relationships
from domain.model import (
    Conversation,
    Goal,
    Member,
    Nudge,
    NudgeKind,
    NudgeStatus,
    OutboxKind,
    Programme,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.relationships import withdraw_from_relationship
from domain.reminders import mute_reminders
from domain.reminders.kinds import remind_quiet_relationships, send_morning_digests
from domain.reminders.kinds.quiet import PER_TICK
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.statements import counting


def quiet_since(session: Session, lists: ProgrammeLists, clock: FakeClock, days: float
                ) -> tuple[Member, Member, Relationship]:
    """John mentoring Alice, matched `days` ago with nothing since."""
    return seed.quiet_pair(session, lists, matched_at=clock.now() - timedelta(days=days))


def tick(session: Session, now: datetime) -> int:
    return remind_quiet_relationships(session, now=now)


def nudged(session: Session) -> list[str]:
    """Who got a quiet nudge, in order."""
    return [dm.recipient_user_id for dm in seed.dms(session, OutboxKind.QUIET_NUDGE)]


def talk(session: Session, one: Member, other: Member, at: datetime) -> None:
    """A message between the two, at `at`."""
    first, second = sorted((one.id, other.id))
    found = session.scalars(select(Conversation).where(
        Conversation.first_member_id == first, Conversation.second_member_id == second)).first()
    if found is None:
        session.add(Conversation(team_id="T1", first_member_id=first, second_member_id=second,
                                 created_at=at, last_message_at=at))
    else:
        found.last_message_at = at
    session.flush()


def test_both_are_nudged_at_twenty_one_quiet_days_not_twenty(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john, _, relationship = quiet_since(session, lists, clock, days=20)  # Tue 3 Nov 09:00
    assert tick(session, clock.now()) == 0
    clock.advance(hours=23, minutes=59)
    assert tick(session, clock.now()) == 0
    clock.advance(minutes=1)  # Tuesday 24 Nov 09:00: 21 days
    assert tick(session, clock.now()) == 2
    assert sorted(nudged(session)) == ["UALICE", "UJOHN"]
    to_alice = next(dm for dm in seed.dms(session, OutboxKind.QUIET_NUDGE)
                    if dm.recipient_user_id == "UALICE")
    text = render_text(OutboxKind.QUIET_NUDGE, to_alice.payload)
    assert text.startswith("Hi Alice Kember, it's been 21 days since you and John Smith "
                           "were last in touch")
    assert to_alice.payload["partner"]["member_id"] == john.id
    assert to_alice.payload["relationship_id"] == relationship.id
    assert to_alice.payload["nudge_kind"] == NudgeKind.QUIET_RELATIONSHIP
    assert tick(session, clock.advance(hours=1)) == 0  # once
    assert tick(session, clock.advance(days=3)) == 0


def test_a_new_activity_starts_a_new_spell_nudged_after_as_many_quiet_days(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    session.get_one(Programme, "T1").admin_channel_id = "CADMIN"
    john, alice, _ = quiet_since(session, lists, clock, days=21)
    assert tick(session, clock.now()) == 2
    assert alert_quiet_relationships(session, now=clock.now()) == 1
    talk(session, alice, john, clock.advance(days=1))  # Tuesday 24 Nov
    clock.advance(days=20)  # Monday 14 Dec: 20 days after the message
    assert tick(session, clock.now()) == 0
    assert alert_quiet_relationships(session, now=clock.now()) == 0
    clock.advance(days=1)
    assert tick(session, clock.now()) == 2
    assert nudged(session).count("UALICE") == 2 and nudged(session).count("UJOHN") == 2
    assert alert_quiet_relationships(session, now=clock.now()) == 1  # the card: one per spell
    assert alert_quiet_relationships(session, now=clock.advance(hours=1)) == 0
    assert len(seed.dms(session, OutboxKind.ADMIN_ALERT)) == 2
    assert tick(session, clock.now()) == 0


def test_working_on_a_goal_counts_as_being_in_touch(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _, _, relationship = quiet_since(session, lists, clock, days=23)
    session.add(Goal(team_id="T1", relationship_id=relationship.id,
                     author_id=relationship.mentee_id, label="Lead a meeting",
                     created_at=clock.now() - timedelta(days=5),
                     updated_at=clock.now() - timedelta(days=3)))
    session.flush()
    assert tick(session, clock.now()) == 0  # quiet for 3 days only
    assert tick(session, clock.advance(days=17, hours=23)) == 0
    assert tick(session, clock.advance(hours=1)) == 2  # Friday 11 Dec: 21 days after the goal


def test_a_withdrawn_relationship_is_not_nudged(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _, alice, relationship = quiet_since(session, lists, clock, days=19)
    withdraw_from_relationship(session, actor=seed.actor(alice), relationship_id=relationship.id,
                               reason="", now=clock.now())
    assert relationship.status == RelationshipStatus.WITHDRAWN
    assert tick(session, clock.advance(days=2)) == 0 and nudged(session) == []


def test_one_who_muted_quiet_nudges_is_left_out(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john, _, _ = quiet_since(session, lists, clock, days=21)
    mute_reminders(session, actor=seed.actor(john), kind=NudgeKind.QUIET_RELATIONSHIP,
                   now=clock.now())
    assert tick(session, clock.now()) == 1 and nudged(session) == ["UALICE"]


def test_a_paused_programme_nudges_nobody(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    quiet_since(session, lists, clock, days=21)
    session.execute(update(Programme).values(nudges_paused=True, version=Programme.version + 1))
    assert tick(session, clock.now()) == 0 and nudged(session) == []


def test_a_nudge_found_at_night_goes_at_eight_where_they_live(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _, alice, _ = quiet_since(session, lists, clock, days=21)
    alice.tz = "America/New_York"  # 04:00 there
    session.flush()
    assert tick(session, clock.now()) == 1 and nudged(session) == ["UJOHN"]
    assert tick(session, clock.advance(hours=3, minutes=59)) == 0  # 07:59 in New York
    assert tick(session, clock.advance(minutes=1)) == 1
    assert nudged(session) == ["UJOHN", "UALICE"]


def test_a_held_nudge_is_dropped_from_the_digest_once_they_are_back_in_touch(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    session.execute(update(Programme).values(daily_nudge_cap=0, version=Programme.version + 1))
    john, alice, _ = quiet_since(session, lists, clock, days=21)
    mary = seed.mentor(session, lists, "UMARY", areas=[1], name="Mary Jones")
    eve = seed.mentee(session, lists, "UEVE", areas=[1], name="Eve Stone")
    seed.pair(session, mary, eve).started_at = clock.now() - timedelta(days=21)
    session.flush()
    assert tick(session, clock.now()) == 0  # over the day's cap: held for the morning digest
    assert session.scalars(select(Nudge.status)).all() == [NudgeStatus.HELD] * 4
    talk(session, alice, john, clock.advance(hours=5))
    assert send_morning_digests(session, now=clock.advance(hours=19)) == 2  # Mary and Eve's
    digests = seed.dms(session, OutboxKind.NUDGE_DIGEST)
    assert sorted(d.recipient_user_id for d in digests) == ["UEVE", "UMARY"]
    assert "You and Eve Stone haven't been in touch for 21 days" in \
        digests[0].payload["lines"][0] + digests[1].payload["lines"][0]
    assert sorted(session.scalars(select(Nudge.status).where(
        Nudge.kind == NudgeKind.QUIET_RELATIONSHIP))) == [NudgeStatus.DIGESTED] * 2 + [
        NudgeStatus.DROPPED] * 2


def test_a_backlog_goes_over_several_ticks_the_longest_quiet_first(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    session.execute(update(Programme).values(daily_nudge_cap=5, version=Programme.version + 1))
    quiet_since(session, lists, clock, days=23)  # John and Alice: the longest quiet
    for n in range(100):  # 200 sides quiet for 21 days, one of them for 22
        mentor = seed.mentor(session, lists, f"UM{n}", areas=[1])
        mentee = seed.mentee(session, lists, f"UE{n}", areas=[1])
        seed.pair(session, mentor, mentee).started_at = clock.now() - timedelta(days=21 + (
            n == 0))
    session.flush()
    assert tick(session, clock.now()) == PER_TICK == 200
    assert {"UALICE", "UJOHN", "UM0", "UE0"} <= set(nudged(session))
    assert tick(session, clock.now()) == 2
    assert tick(session, clock.now()) == 0


def _grow(session: Session, lists: ProgrammeLists, clock: FakeClock, times: int,
          prefix: str) -> None:
    """More pairs: quiet ones due, busy ones, ended ones, and some already nudged."""
    for n in range(times):
        mentor = seed.mentor(session, lists, f"UM{prefix}{n}", areas=[1], name=f"Mentor {n}")
        mentee = seed.mentee(session, lists, f"UE{prefix}{n}", areas=[1], name=f"Mentee {n}")
        together = seed.pair(session, mentor, mentee,
                             status=(RelationshipStatus.ACTIVE if n % 4 else
                                     RelationshipStatus.WITHDRAWN))
        together.started_at = clock.now() - timedelta(days=(21, 5, 40, 21)[n % 4])
        if n % 5 == 0:
            talk(session, mentor, mentee, clock.now())
    session.flush()


def test_the_same_statements_whatever_the_number_of_pairs(
        clean_engine: Engine, clock: FakeClock) -> None:
    sessions = db.session_factory(clean_engine)
    counted = []
    for growth in (4, 60):
        with sessions.begin() as session:
            lists = seed.programme(session)
            session.execute(update(Relationship).values(started_at=clock.now()))
            _grow(session, lists, clock, growth, str(growth))
        with sessions.begin() as session, counting(clean_engine) as statements:
            assert tick(session, clock.now()) > 0
        counted.append(len(statements))
        clock.advance(days=1)
    # The programmes, the pairs due, then send_nudges: the programmes, today's counts, the
    # ledger and the outbox.
    assert counted == [6, 6], counted
