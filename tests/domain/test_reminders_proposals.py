"""Requests waiting for the mentor: chased after 3 and 7 days, inside the mentor's working
hours, once each, never once answered, muted or paused."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from blocks.notifications import render_text
from domain.model import Member, NudgeKind, OutboxKind, Programme, Proposal, ProposalStatus
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, propose_mentorship
from domain.proposals.answers import accept_proposal, decline_proposal
from domain.reminders import mute_reminders
from domain.reminders.kinds import send_morning_digests
from domain.reminders.kinds.proposals import remind_proposals
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms
from tests.support.statements import counting

REMINDER = OutboxKind.PROPOSAL_REMINDER


def ask(session: Session, mentee: Member, mentor: Member, now: datetime) -> Proposal:
    area = mentor.mentor_profile.areas[0].id if mentor.mentor_profile else None
    return propose_mentorship(session, actor=actor(mentee), mentor_id=mentor.id,
                              answers=ProposalAnswers(area, "Please help me grow."), now=now)


@pytest.fixture
def alices_request(session: Session, lists: ProgrammeLists, clock: FakeClock) -> Proposal:
    """Alice Kember's request to John Smith, sent on Monday 23 November at 09:00 UTC."""
    alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    return ask(session, alice, john, clock.now())


def reminders(session: Session) -> list[tuple[str, int]]:
    """(recipient, days waiting) of every reminder owed, oldest first."""
    return [(m.recipient_user_id, m.payload["days_waiting"]) for m in dms(session, REMINDER)]


def test_the_mentor_is_chased_on_day_three_and_day_seven_once_each(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    start = clock.now()
    assert remind_proposals(session, now=start + timedelta(days=3, minutes=-1)) == 0
    assert remind_proposals(session, now=start + timedelta(days=3)) == 1
    assert remind_proposals(session, now=start + timedelta(days=3, minutes=5)) == 0
    assert remind_proposals(session, now=start + timedelta(days=6, hours=23)) == 0
    assert remind_proposals(session, now=start + timedelta(days=7)) == 1
    assert remind_proposals(session, now=start + timedelta(days=8)) == 0
    assert reminders(session) == [("UJOHN", 3), ("UJOHN", 7)]
    first = dms(session, REMINDER)[0]
    assert first.payload["nudge_kind"] == NudgeKind.PROPOSAL_CHASE
    assert first.payload["proposal_id"] == alices_request.id
    text = render_text(REMINDER, first.payload)
    assert "Alice Kember's mentoring request has been waiting 3 days for your answer" in text
    assert "closes in 11 days" in text and "decline and pause" in text


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_a_request_answered_before_day_three_is_never_chased(
    session: Session, clock: FakeClock, alices_request: Proposal, answer: str
) -> None:
    john = actor(alices_request.mentor)
    when = clock.advance(days=2, hours=23)
    if answer == "accept":
        accept_proposal(session, actor=john, proposal_id=alices_request.id, now=when)
    else:
        decline_proposal(session, actor=john, proposal_id=alices_request.id, note="", now=when)
    for day in (3, 7, 9):
        assert remind_proposals(session, now=when + timedelta(days=day)) == 0
    assert reminders(session) == []


def test_more_than_a_hundred_waiting_requests_are_all_chased(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    mentors = [seed.mentor(session, lists, f"UM{n:03}", areas=[1]) for n in range(150)]
    start = clock.now()
    for n, mentor in enumerate(mentors):  # one a minute: the newest are the last 50
        session.add(Proposal(team_id="T1", mentee=alice, mentor=mentor, area=lists.areas[1],
                             statement="Please.", status=ProposalStatus.PENDING,
                             created_at=start + timedelta(minutes=n),
                             updated_at=start, expires_at=start + timedelta(days=14)))
    session.flush()
    assert remind_proposals(session, now=start + timedelta(days=3, hours=3)) == 150
    assert {user for user, _ in reminders(session)} == {m.slack_user_id for m in mentors}


def test_a_mentor_who_muted_request_reminders_gets_none(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    mute_reminders(session, actor=actor(alices_request.mentor), kind=NudgeKind.PROPOSAL_CHASE,
                   now=clock.now())
    for day in (3, 7):
        assert remind_proposals(session, now=clock.now() + timedelta(days=day)) == 0
    assert reminders(session) == []


def test_nothing_is_chased_while_the_programme_is_paused(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    session.get_one(Programme, "T1").nudges_paused = True
    session.flush()
    assert remind_proposals(session, now=clock.now() + timedelta(days=3)) == 0
    assert remind_proposals(session, now=clock.now() + timedelta(days=7)) == 0
    assert reminders(session) == []


def test_a_reminder_due_at_night_where_the_mentor_lives_goes_at_their_eight_oclock(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    alices_request.mentor.tz = "America/Los_Angeles"  # Thursday 09:00 UTC is 01:00 there
    session.flush()
    due = clock.now() + timedelta(days=3)
    assert remind_proposals(session, now=due) == 0
    assert remind_proposals(session, now=due + timedelta(hours=6, minutes=59)) == 0
    assert remind_proposals(session, now=due + timedelta(hours=7)) == 1  # 08:00 in LA
    assert reminders(session) == [("UJOHN", 3)]


def test_a_programme_without_chase_days_chases_nobody(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    session.get_one(Programme, "T1").reminder_timings = {"proposal_chase_days": []}
    session.get_one(Programme, "T1").version += 1
    session.flush()
    assert remind_proposals(session, now=clock.now() + timedelta(days=3)) == 0


def test_reminders_over_the_daily_cap_wait_for_the_digest_unless_answered_meanwhile(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=9, name="John Smith")
    mentees = [seed.mentee(session, lists, f"UMENTEE{n}", areas=[1], name=f"Mentee {n}")
               for n in range(5)]
    asked = [ask(session, mentee, john, clock.now()) for mentee in mentees]
    assert remind_proposals(session, now=clock.advance(days=3)) == 3  # the cap: 3 a day
    decline_proposal(session, actor=actor(john), proposal_id=asked[3].id, note="",
                     now=clock.now())
    assert send_morning_digests(session, now=clock.advance(days=1)) == 1
    digest = dms(session, OutboxKind.NUDGE_DIGEST)[0]
    assert digest.payload["lines"] == [
        "Mentee 4's mentoring request has waited 3 days for your answer: accept or decline it "
        "from your Home."]


def test_a_tick_costs_the_same_statements_for_few_requests_or_many(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    def seed_requests(count: int, tag: str) -> None:
        mentee = seed.mentee(session, lists, f"U{tag}", areas=[1])
        for n in range(count):
            ask(session, mentee, seed.mentor(session, lists, f"U{tag}{n}", areas=[1]),
                clock.now())

    def statements_of_a_tick() -> int:
        session.flush()
        with counting(session.get_bind()) as sent:
            assert remind_proposals(session, now=clock.now() + timedelta(days=3)) > 0
        return len(sent)

    seed_requests(2, "SMALL")
    small = statements_of_a_tick()
    clock.advance(hours=1)
    session.get_one(Programme, "T1").max_open_proposals = 50
    session.get_one(Programme, "T1").version += 1
    seed_requests(40, "LARGE")
    assert statements_of_a_tick() == small
