"""Newcomers' reminders: an unfinished profile (days 2 and 14 after registration) and a mentee
who has asked nobody (days 7 and 14), with their three best matches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.model import (
    Member,
    MemberStatus,
    MenteeProfile,
    Nudge,
    NudgeKind,
    OutboxKind,
    Programme,
)
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, propose_mentorship
from domain.reminders import mute_reminders
from domain.reminders.kinds import LIVENESS, send_morning_digests
from domain.reminders.kinds.newcomers import remind_newcomers
from tests.support import seed
from tests.support.statements import counting

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PROFILE, NO_REQUEST = OutboxKind.NUDGE_PROFILE_INCOMPLETE, OutboxKind.NUDGE_NO_REQUEST


def _day(count: float, hours: float = 0) -> datetime:
    return MONDAY + timedelta(days=count, hours=hours)


def _joined(session: Session, user_id: str, *, at: datetime = MONDAY, mentee: bool = True,
            mentor: bool = False) -> Member:
    """Registered at `at`, with neither half of the profile filled in."""
    member = Member(team_id="T1", slack_user_id=user_id, name=user_id[1:].title(),
                    is_mentee=mentee, is_mentor=mentor, status=MemberStatus.ACTIVE,
                    registered_at=at, updated_at=at)
    member.mentor_profile, member.mentee_profile = None, None
    session.add(member)
    session.flush()
    return member


def _mentee(session: Session, lists: ProgrammeLists, user_id: str, *,
            at: datetime = MONDAY, tz: str = "UTC") -> Member:
    """A mentee who registered at `at` and finished their profile: areas 1 and 2, community 1."""
    member = seed.mentee(session, lists, user_id, areas=[1, 2], community=1,
                         name=user_id[1:].title())
    member.registered_at, member.tz = at, tz
    session.flush()
    return member


def _mentors(session: Session, lists: ProgrammeLists, prefix: str = "U") -> list[Member]:
    """Four mentors who fit the mentees above less and less well."""
    return [seed.mentor(session, lists, f"{prefix}{name.upper()}", areas=areas,
                        community=community, name=name if prefix == "U" else f"{name} {prefix}")
            for name, areas, community in (("Best", [1, 2], 1), ("Second", [1, 2], 0),
                                           ("Third", [1], 1), ("Fourth", [1], 0))]


def _sent(session: Session, kind: OutboxKind) -> list[tuple[str, dict[str, Any]]]:
    return [(dm.recipient_user_id, dm.payload) for dm in seed.dms(session, kind)]


def _to(session: Session, kind: OutboxKind, user_id: str) -> list[dict[str, Any]]:
    return [payload for who, payload in _sent(session, kind) if who == user_id]


def test_an_unfinished_profile_is_reminded_on_day_two_and_fourteen_once_each(
        session: Session, lists: ProgrammeLists) -> None:
    _joined(session, "UANA")
    assert remind_newcomers(session, now=_day(2, hours=-1)) == 0  # a tick before
    assert remind_newcomers(session, now=_day(2)) == 1
    [first] = _to(session, PROFILE, "UANA")
    assert first["missing"] == ["mentee"] and first["step"] == 0
    assert first["nudge_kind"] == NudgeKind.PROFILE_INCOMPLETE
    assert remind_newcomers(session, now=_day(2, hours=1)) == 0  # once
    assert remind_newcomers(session, now=_day(13)) == 0
    assert remind_newcomers(session, now=_day(14)) == 1
    assert [(p["step"], p["last"]) for p in _to(session, PROFILE, "UANA")] == [
        (0, False), (1, True)]
    assert remind_newcomers(session, now=_day(14, hours=2)) == 0
    assert remind_newcomers(session, now=_day(21)) == 0  # nothing after the last step


def test_what_is_missing_is_named_for_each_role_taken(session: Session,
                                                      lists: ProgrammeLists) -> None:
    _joined(session, "UBOTH", mentor=True)
    mentor_only = seed.mentee(session, lists, "UHALF", areas=[1])  # mentee half done
    mentor_only.is_mentor, mentor_only.registered_at = True, MONDAY
    session.flush()
    assert remind_newcomers(session, now=_day(2)) == 2
    assert _to(session, PROFILE, "UBOTH")[0]["missing"] == ["mentee", "mentor"]
    assert _to(session, PROFILE, "UHALF")[0]["missing"] == ["mentor"]


def test_a_profile_finished_in_time_is_not_reminded(session: Session,
                                                    lists: ProgrammeLists) -> None:
    early = _joined(session, "UEARLY")
    late = _joined(session, "ULATE")
    early.mentee_profile = MenteeProfile(statement="Networking.", updated_at=_day(1))
    session.flush()
    assert remind_newcomers(session, now=_day(2)) == 1
    assert [who for who, _ in _sent(session, PROFILE)] == ["ULATE"]
    late.mentee_profile = MenteeProfile(statement="Networking.", updated_at=_day(5))
    session.flush()
    remind_newcomers(session, now=_day(14))  # both are now mentees who have asked nobody
    assert [who for who, _ in _sent(session, PROFILE)] == ["ULATE"]
    assert LIVENESS[NudgeKind.PROFILE_INCOMPLETE](session, [early.id, late.id]) == set()


def test_people_who_registered_long_ago_are_not_reminded_when_this_arrives(
        session: Session, lists: ProgrammeLists) -> None:
    for days_ago in (30, 90, 400):
        _joined(session, f"UOLD{days_ago}", at=_day(-days_ago))
    _mentee(session, lists, "UOLDMENTEE", at=_day(-60))
    seed.mentor(session, lists, "UMENTOR", areas=[1])
    assert remind_newcomers(session, now=MONDAY) == 0


def test_a_weekend_moment_is_sent_on_monday_morning(session: Session,
                                                    lists: ProgrammeLists) -> None:
    friday_evening = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)  # day 2: Friday 21:00
    _joined(session, "UWEEKEND", at=friday_evening - timedelta(days=2))
    assert remind_newcomers(session, now=friday_evening) == 0  # quiet hours
    assert remind_newcomers(session, now=datetime(2026, 11, 28, 12, 0, tzinfo=UTC)) == 0
    assert remind_newcomers(session, now=datetime(2026, 11, 30, 8, 0, tzinfo=UTC)) == 1


def test_a_mentee_who_asked_nobody_gets_their_three_best_matches_on_day_seven(
        session: Session, lists: ProgrammeLists) -> None:
    best, second, third, _fourth = _mentors(session, lists)
    _mentee(session, lists, "UANA")
    assert remind_newcomers(session, now=_day(7, hours=-1)) == 0
    assert remind_newcomers(session, now=_day(7)) == 1
    [dm] = _to(session, NO_REQUEST, "UANA")
    assert [m["member_id"] for m in dm["matches"]] == [best.id, second.id, third.id]
    assert dm["matches"][0]["name"] == "Best" and dm["matches"][0]["offers"]
    assert dm["step"] == 0 and dm["nudge_kind"] == NudgeKind.NO_REQUEST
    assert remind_newcomers(session, now=_day(7, hours=1)) == 0
    assert remind_newcomers(session, now=_day(14)) == 1
    assert [(p["step"], p["last"]) for p in _to(session, NO_REQUEST, "UANA")] == [
        (0, False), (1, True)]
    assert remind_newcomers(session, now=_day(15)) == 0
    assert _sent(session, PROFILE) == []  # her profile was finished all along


def test_a_mentee_who_sent_a_request_is_not_reminded_again(session: Session,
                                                           lists: ProgrammeLists) -> None:
    best = _mentors(session, lists)[0]
    ana = _mentee(session, lists, "UANA")
    assert remind_newcomers(session, now=_day(7)) == 1
    propose_mentorship(session, actor=seed.actor(ana), mentor_id=best.id, now=_day(8),
                       answers=ProposalAnswers(best.mentor_profile.areas[0].id, "Please."))
    assert remind_newcomers(session, now=_day(14)) == 0
    assert len(_to(session, NO_REQUEST, "UANA")) == 1
    assert LIVENESS[NudgeKind.NO_REQUEST](session, [ana.id]) == set()


def test_mentors_paired_mentees_and_unfinished_profiles_get_no_suggestions(
        session: Session, lists: ProgrammeLists) -> None:
    best = _mentors(session, lists)[0]
    for mentor in _mentors(session, lists, "UNEW"):
        mentor.registered_at = MONDAY
    paired = _mentee(session, lists, "UPAIRED")
    seed.pair(session, best, paired)
    _joined(session, "UUNFINISHED")
    _mentee(session, lists, "UANA")
    session.flush()
    assert remind_newcomers(session, now=_day(7)) == 1
    assert [who for who, _ in _sent(session, NO_REQUEST)] == ["UANA"]
    assert LIVENESS[NudgeKind.NO_REQUEST](session, [paired.id]) == set()


def test_with_no_match_the_mentee_still_gets_a_way_on(session: Session,
                                                      lists: ProgrammeLists) -> None:
    seed.mentor(session, lists, "UFAR", areas=[5], community=3)
    _mentee(session, lists, "UANA")
    assert remind_newcomers(session, now=_day(7)) == 1
    assert _to(session, NO_REQUEST, "UANA")[0]["matches"] == []


def test_muted_kinds_are_not_sent(session: Session, lists: ProgrammeLists) -> None:
    _mentors(session, lists)
    unfinished = _joined(session, "UUNFINISHED")
    waiting = _mentee(session, lists, "UWAITING")
    mute_reminders(session, actor=seed.actor(unfinished), kind=NudgeKind.PROFILE_INCOMPLETE,
                   now=MONDAY)
    mute_reminders(session, actor=seed.actor(waiting), kind=NudgeKind.NO_REQUEST, now=MONDAY)
    assert remind_newcomers(session, now=_day(2)) == 0
    assert remind_newcomers(session, now=_day(7)) == 0
    assert seed.dms(session, PROFILE) == [] and seed.dms(session, NO_REQUEST) == []


def test_a_paused_programme_sends_nothing(session: Session, lists: ProgrammeLists) -> None:
    _mentors(session, lists)
    _joined(session, "UUNFINISHED")
    _mentee(session, lists, "UWAITING")
    session.execute(update(Programme).values(nudges_paused=True, version=Programme.version + 1))
    assert remind_newcomers(session, now=_day(2)) == 0
    assert remind_newcomers(session, now=_day(7)) == 0
    assert session.scalars(select(Nudge)).all() == []


def test_held_over_the_cap_they_reach_the_digest_only_while_still_true(
        session: Session, lists: ProgrammeLists) -> None:
    best = _mentors(session, lists)[0]
    ben = _mentee(session, lists, "UBEN")
    _joined(session, "UANA", at=_day(5))
    session.execute(update(Programme).values(daily_nudge_cap=0, version=Programme.version + 1))
    assert remind_newcomers(session, now=_day(7)) == 0  # both held over the day's cap
    propose_mentorship(session, actor=seed.actor(ben), mentor_id=best.id, now=_day(7, hours=1),
                       answers=ProposalAnswers(best.mentor_profile.areas[0].id, "Please."))
    assert send_morning_digests(session, now=_day(8)) == 1
    [digest] = _sent(session, OutboxKind.NUDGE_DIGEST)
    assert digest[0] == "UANA" and digest[1]["lines"] == [
        "Your profile is not finished: say what you would like help with, from your Home, so "
        "we can suggest mentors."]


def test_matching_is_capped_per_tick_and_the_rest_follow_earliest_first(
        session: Session, lists: ProgrammeLists) -> None:
    _mentors(session, lists)
    # Tokyo's mentee is due first, but it is night there: she must not use up the cap.
    _mentee(session, lists, "UTOKYO", at=_day(-1), tz="Asia/Tokyo")
    for hour in range(5):
        _mentee(session, lists, f"UM{hour}", at=_day(0, hours=hour))
    evening = _day(7, hours=9)  # 18:00 in London, 03:00 in Tokyo
    assert remind_newcomers(session, now=evening, matched_limit=2) == 2
    assert [who for who, _ in _sent(session, NO_REQUEST)] == ["UM0", "UM1"]
    assert remind_newcomers(session, now=evening + timedelta(hours=1), matched_limit=2) == 2
    # 20:00 here and 05:00 in Tokyo: nobody may be reached
    assert remind_newcomers(session, now=evening + timedelta(hours=2), matched_limit=2) == 0
    assert remind_newcomers(session, now=_day(7, hours=14), matched_limit=2) == 1  # 08:00 JST
    assert _sent(session, NO_REQUEST)[-1][0] == "UTOKYO"
    assert remind_newcomers(session, now=_day(8, hours=-1), matched_limit=2) == 1  # 08:00 here
    assert sorted(who for who, _ in _sent(session, NO_REQUEST)) == sorted(
        ["UTOKYO", *(f"UM{hour}" for hour in range(5))])


def _seed_wave(session: Session, lists: ProgrammeLists, name: str, *, mentees: int,
               unfinished: int, at: datetime) -> None:
    """Mentees due their suggestions, and profiles due their reminder, at the same tick."""
    for n in range(mentees):
        _mentee(session, lists, f"U{name}M{n}", at=at)
    for n in range(unfinished):
        _joined(session, f"U{name}P{n}", at=at + timedelta(days=5))


def test_a_tick_costs_the_same_statements_for_few_newcomers_or_many(
        session: Session, lists: ProgrammeLists) -> None:
    _mentors(session, lists)
    _seed_wave(session, lists, "FEW", mentees=2, unfinished=1, at=MONDAY)
    engine = session.get_bind()
    with counting(engine) as small:
        assert remind_newcomers(session, now=_day(7), matched_limit=2) == 3
    for n in range(6):
        seed.mentor(session, lists, f"UMORE{n}", areas=[1, 2], community=n % 3)
    _seed_wave(session, lists, "MANY", mentees=9, unfinished=7, at=_day(3))
    with counting(engine) as large:
        assert remind_newcomers(session, now=_day(10), matched_limit=2) == 9
    # the programmes, the two queries, the areas; three per matched mentee (the page of
    # results, its mentors, their areas); then the four of sending
    assert len(small) == len(large) == 4 + 3 * 2 + 4, str(large)
