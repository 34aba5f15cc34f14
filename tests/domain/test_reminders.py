"""The reminder framework: working hours in each person's zone, once only, the daily cap and
the morning digest, muting and the admins' pause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.model import Member, Nudge, NudgeKind, NudgeStatus, OutboxKind, Programme
from domain.programme import ProgrammeLists, ProgrammeSnapshot, ensure_programme
from domain.reminders import (
    Due,
    Recipient,
    Schedule,
    days,
    is_working_time,
    mute_reminders,
    next_working_time,
    send_digests,
    send_nudges,
    unmute_reminders,
)
from domain.reminders.kinds.quiet import remind_quiet_relationships
from tests.support import seed
from tests.support.statements import counting

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _programme(session: Session) -> ProgrammeSnapshot:
    return ensure_programme(session, team_id="T1", now=MONDAY)


def _person(session: Session, lists: ProgrammeLists, user_id: str, tz: str = "UTC") -> Member:
    member = seed.mentee(session, lists, user_id, areas=[0], name=user_id.title())
    member.tz = tz
    session.flush()
    return member


def _due(member: Member, subject: int = 1, *, kind: NudgeKind = NudgeKind.GOAL_DUE,
         at: datetime = MONDAY, step: int = 0) -> Due:
    return Due(kind=kind, subject_id=subject, anchor_at=at, step=step, due_at=at,
               recipient=Recipient(member.id, member.team_id, member.slack_user_id, member.tz),
               message=OutboxKind.NUDGE_DIGEST, payload={"lines": [f"thing {subject}"]},
               line=f"Goal {subject} is due.")


def _dms(session: Session, user_id: str) -> list[str]:
    return [dm.kind for dm in seed.dms(session) if dm.recipient_user_id == user_id]


@pytest.mark.parametrize(("local", "working"), [
    (datetime(2026, 11, 23, 8, 0), True), (datetime(2026, 11, 23, 7, 59), False),
    (datetime(2026, 11, 23, 19, 59), True), (datetime(2026, 11, 23, 20, 0), False),
    (datetime(2026, 11, 28, 12, 0), False), (datetime(2026, 11, 29, 12, 0), False)])
def test_working_hours_are_eight_to_eight_on_weekdays(session: Session, lists: ProgrammeLists,
                                                      local: datetime, working: bool) -> None:
    assert is_working_time(local, _programme(session)) is working


def test_the_next_working_moment_of_a_friday_night_is_monday_eight(
        session: Session, lists: ProgrammeLists) -> None:
    friday_night_tokyo = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 22:00 in Tokyo
    assert next_working_time(friday_night_tokyo, "Asia/Tokyo", _programme(session)) == \
        datetime(2026, 11, 29, 23, 0, tzinfo=UTC)  # Monday 08:00 in Tokyo


def test_a_nudge_due_at_three_in_tokyo_waits_for_eight_while_los_angeles_gets_it_now(
        session: Session, lists: ProgrammeLists) -> None:
    tokyo = _person(session, lists, "UTOKYO", "Asia/Tokyo")
    los_angeles = _person(session, lists, "ULA", "America/Los_Angeles")
    three_in_tokyo = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # Tue 03:00 JST, Mon 10:00 PST
    dues = [_due(tokyo, at=three_in_tokyo), _due(los_angeles, at=three_in_tokyo)]
    assert send_nudges(session, dues=dues, now=three_in_tokyo) == 1
    assert _dms(session, "ULA") == [OutboxKind.NUDGE_DIGEST] and _dms(session, "UTOKYO") == []
    seven_fifty_five = datetime(2026, 11, 23, 22, 55, tzinfo=UTC)
    assert send_nudges(session, dues=dues, now=seven_fifty_five) == 0
    eight_in_tokyo = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert send_nudges(session, dues=dues, now=eight_in_tokyo) == 1
    assert _dms(session, "UTOKYO") == [OutboxKind.NUDGE_DIGEST]
    assert len(_dms(session, "ULA")) == 1  # once only


def test_meeting_reminders_go_at_night(session: Session, lists: ProgrammeLists) -> None:
    member = _person(session, lists, "UNIGHT")
    night = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    due = _due(member, kind=NudgeKind.MEETING_SOON, at=night)
    assert send_nudges(session, dues=[due, _due(member, 2, at=night)], now=night) == 1
    assert session.scalars(select(Nudge.kind)).all() == [NudgeKind.MEETING_SOON]


def test_the_fourth_nudge_of_the_day_waits_for_the_morning_digest(
        session: Session, lists: ProgrammeLists) -> None:
    member = _person(session, lists, "UBUSY")
    dues = [_due(member, subject) for subject in range(1, 6)]
    assert send_nudges(session, dues=dues, now=MONDAY) == 3
    held = session.scalars(select(Nudge.subject_id).where(Nudge.status == NudgeStatus.HELD))
    assert sorted(held) == [4, 5]
    assert send_digests(session, now=MONDAY + timedelta(hours=10), liveness={}) == 0  # evening
    tuesday_seven = MONDAY + timedelta(hours=22)
    assert send_digests(session, now=tuesday_seven, liveness={}) == 0  # before working hours
    tuesday_eight = MONDAY + timedelta(hours=23)
    assert send_digests(session, now=tuesday_eight, liveness={}) == 1
    digest = seed.dms(session, OutboxKind.NUDGE_DIGEST)[-1]
    assert digest.payload["lines"] == ["Goal 4 is due.", "Goal 5 is due."]
    assert send_digests(session, now=tuesday_eight + timedelta(minutes=5), liveness={}) == 0
    # the digest is the first of Tuesday's three
    more = [_due(member, subject, at=tuesday_eight) for subject in range(6, 9)]
    assert send_nudges(session, dues=more, now=tuesday_eight) == 2


def test_the_digest_leaves_out_what_is_no_longer_true(session: Session,
                                                      lists: ProgrammeLists) -> None:
    member = _person(session, lists, "USTALE")
    send_nudges(session, dues=[_due(member, subject) for subject in range(1, 6)], now=MONDAY)
    tuesday = MONDAY + timedelta(days=1)
    assert send_digests(session, now=tuesday, liveness={NudgeKind.GOAL_DUE: lambda s, ids: {5}}
                        ) == 1
    assert seed.dms(session, OutboxKind.NUDGE_DIGEST)[-1].payload["lines"] == ["Goal 5 is due."]
    assert session.scalars(select(Nudge.status).where(Nudge.subject_id == 4)).one() == \
        NudgeStatus.DROPPED


def test_no_digest_when_nothing_held_is_still_true(session: Session,
                                                   lists: ProgrammeLists) -> None:
    member = _person(session, lists, "UGONE")
    send_nudges(session, dues=[_due(member, subject) for subject in range(1, 5)], now=MONDAY)
    assert send_digests(session, now=MONDAY + timedelta(days=1),
                        liveness={NudgeKind.GOAL_DUE: lambda s, ids: set()}) == 0
    assert len(seed.dms(session)) == 3  # the day's three, and no digest


def test_a_muted_kind_is_neither_sent_nor_digested(session: Session,
                                                   lists: ProgrammeLists) -> None:
    member = _person(session, lists, "UMUTE")
    send_nudges(session, dues=[_due(member, subject) for subject in range(1, 5)], now=MONDAY)
    mute_reminders(session, actor=seed.actor(member), kind=NudgeKind.GOAL_DUE, now=MONDAY)
    assert send_digests(session, now=MONDAY + timedelta(days=1), liveness={}) == 0
    unmute_reminders(session, actor=seed.actor(member), kind=NudgeKind.GOAL_DUE)
    assert send_nudges(session, dues=[_due(member, 9)], now=MONDAY + timedelta(days=1)) == 1


def test_a_paused_programme_sends_nothing_until_it_resumes(session: Session,
                                                           lists: ProgrammeLists) -> None:
    member = _person(session, lists, "UPAUSE")
    session.execute(update(Programme).values(nudges_paused=True, version=Programme.version + 1))
    assert send_nudges(session, dues=[_due(member)], now=MONDAY) == 0
    session.execute(update(Programme).values(nudges_paused=False, version=Programme.version + 1))
    assert send_nudges(session, dues=[_due(member)], now=MONDAY) == 1


def test_a_schedule_sends_only_its_latest_step_and_skips_stale_ones() -> None:
    schedule = Schedule(offsets=days(3, 7))
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=2, hours=23), None) is None
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=3), None) == 0
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=3), 0) is None
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=8), None) == 1  # not both
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=11), 0) == 1  # after a weekend
    assert schedule.step_due(MONDAY, MONDAY + timedelta(days=12), 0) is None  # too late


def test_sending_costs_the_same_statements_for_two_people_or_forty(
        session: Session, lists: ProgrammeLists) -> None:
    few = [_person(session, lists, f"UFEW{n}") for n in range(2)]
    many = [_person(session, lists, f"UMANY{n}") for n in range(40)]
    engine = session.get_bind()
    with counting(engine) as small:
        send_nudges(session, dues=[_due(m, s) for m in few for s in range(4)], now=MONDAY)
    with counting(engine) as large:
        send_nudges(session, dues=[_due(m, s) for m in many for s in range(4)], now=MONDAY)
    assert len(small) == len(large) == 4, str(large)


def test_the_digests_cost_the_same_statements_for_two_people_or_twenty(
        session: Session, lists: ProgrammeLists) -> None:
    engine = session.get_bind()
    tuesday = MONDAY + timedelta(days=1)
    counts = []
    for size, prefix in ((2, "UDA"), (20, "UDB")):
        people = [_person(session, lists, f"{prefix}{n}") for n in range(size)]
        send_nudges(session, dues=[_due(m, s) for m in people for s in range(5)], now=MONDAY)
        with counting(engine) as statements:
            assert send_digests(session, now=tuesday,
                                liveness={NudgeKind.GOAL_DUE: lambda s, ids: set(ids)}) == size
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_a_quiet_pair_in_tokyo_and_los_angeles_each_hear_in_their_own_morning(
        session: Session, lists: ProgrammeLists) -> None:
    three_in_tokyo = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # Tue 03:00 JST, Mon 10:00 PST
    john, alice, _ = seed.quiet_pair(session, lists,
                                     matched_at=three_in_tokyo - timedelta(days=21))
    john.tz, alice.tz = "Asia/Tokyo", "America/Los_Angeles"
    session.flush()

    def nudged() -> list[str]:
        return sorted(dm.recipient_user_id for dm in seed.dms(session, OutboxKind.QUIET_NUDGE))

    assert remind_quiet_relationships(session, now=three_in_tokyo) == 1
    assert nudged() == ["UALICE"]  # 10:00 in Los Angeles: at once
    for minutes in range(5, 5 * 60, 5):  # ticks every five minutes through Tokyo's night
        remind_quiet_relationships(session, now=three_in_tokyo + timedelta(minutes=minutes))
    assert nudged() == ["UALICE"]
    eight_in_tokyo = three_in_tokyo + timedelta(hours=5)
    assert remind_quiet_relationships(session, now=eight_in_tokyo) == 1
    assert nudged() == ["UALICE", "UJOHN"]
