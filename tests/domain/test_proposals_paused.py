"""A mentor who pauses, stops mentoring or fills up: their waiting requests are answered at
once, kindly, with other mentors to ask; and "Decline and pause my requests" in one step."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from blocks.notifications import render_text
from domain.errors import NotAllowed
from domain.lifecycle import NotPossibleNow
from domain.model import Member, MentorProfile, OutboxKind, Proposal, ProposalStatus
from domain.profiles import MenteeAnswers, MentorAnswers, ProfileAnswers, save_profile
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, decline_and_pause, propose_mentorship
from domain.proposals.answers import accept_proposal
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import JOHN, at_once
from tests.support.seed import actor, dms

UNAVAILABLE = OutboxKind.PROPOSAL_UNAVAILABLE


class People:
    """John Smith with requests from Alice and Bob; Jane Doe, another mentor who matches."""

    def __init__(self, session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
        self.john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=3,
                                name="John Smith")
        self.jane = seed.mentor(session, lists, "UJANE", areas=[1], name="Jane Doe")
        self.alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
        self.bob = seed.mentee(session, lists, "UBOB", areas=[1], name="Bob Reyes")
        self.from_alice, self.from_bob = (
            propose_mentorship(session, actor=actor(m), mentor_id=self.john.id,
                               answers=ProposalAnswers(lists.areas[1].id, "Please."),
                               now=clock.now()) for m in (self.alice, self.bob))


@pytest.fixture
def people(session: Session, lists: ProgrammeLists, clock: FakeClock) -> People:
    """John's two waiting requests."""
    return People(session, lists, clock)


def johns_profile(lists: ProgrammeLists, *, open_now: bool = True, capacity: int = 3,
                  as_mentor: bool = True) -> ProfileAnswers:
    """John's profile form as he would submit it."""
    return ProfileAnswers(
        as_mentor=as_mentor, as_mentee=not as_mentor, job_title="Manager",
        organisation="Acme Freight", contact_email="john@example.org",
        mentor=MentorAnswers(area_ids=[lists.areas[1].id], role_id=lists.roles[0].id,
                             community_id=lists.communities[0].id, bio="Experienced.",
                             capacity=capacity, open_to_requests=open_now),
        mentee=None if as_mentor else MenteeAnswers(area_ids=[lists.areas[1].id],
                                                     statement="Help me grow."))


def told(session: Session, kind: OutboxKind = UNAVAILABLE) -> list[tuple[str, str]]:
    """(mentee, reason) of each request closed because its mentor became unavailable."""
    return [(m.recipient_user_id, m.payload.get("reason", "")) for m in dms(session, kind)]


def test_pausing_in_the_profile_answers_every_waiting_request_kindly(
    session: Session, lists: ProgrammeLists, clock: FakeClock, people: People
) -> None:
    save_profile(session, actor=actor(people.john), answers=johns_profile(lists, open_now=False),
                 now=clock.now())
    assert people.from_alice.status == people.from_bob.status == ProposalStatus.DECLINED
    assert people.from_alice.answer_note == "Closed when you paused new requests."
    assert told(session) == [("UALICE", "paused"), ("UBOB", "paused")]
    dm = dms(session, UNAVAILABLE)[0]
    assert [a["member_id"] for a in dm.payload["alternatives"]] == [people.jane.id]
    assert render_text(UNAVAILABLE, dm.payload).startswith(
        "John Smith isn't taking new requests right now, so your mentoring request")
    # John's own DM about each request now says why it closed.
    assert dms(session, OutboxKind.PROPOSAL_CARD)[-1].payload["status"] == "declined"


def test_editing_a_profile_that_stays_open_leaves_the_requests_waiting(
    session: Session, lists: ProgrammeLists, clock: FakeClock, people: People
) -> None:
    save_profile(session, actor=actor(people.john), answers=johns_profile(lists, capacity=5),
                 now=clock.now())
    assert people.from_alice.status == people.from_bob.status == ProposalStatus.PENDING
    assert told(session) == []


def test_stopping_mentoring_answers_the_waiting_requests(
    session: Session, lists: ProgrammeLists, clock: FakeClock, people: People
) -> None:
    save_profile(session, actor=actor(people.john), answers=johns_profile(lists, as_mentor=False),
                 now=clock.now())
    assert told(session) == [("UALICE", "paused"), ("UBOB", "paused")]


def test_a_mentor_who_fills_up_by_accepting_closes_the_rest_as_full(
    session: Session, lists: ProgrammeLists, clock: FakeClock, people: People
) -> None:
    save_profile(session, actor=actor(people.john), answers=johns_profile(lists, capacity=1),
                 now=clock.now())
    assert told(session) == []  # one place is still free
    accept_proposal(session, actor=actor(people.john), proposal_id=people.from_alice.id,
                    now=clock.now())
    assert people.from_bob.status == ProposalStatus.DECLINED
    assert told(session) == [("UBOB", "full")]
    assert "has no room for another mentee right now" in render_text(
        UNAVAILABLE, dms(session, UNAVAILABLE)[0].payload)


def test_decline_and_pause_declines_pauses_and_closes_the_others_once(
    session: Session, clock: FakeClock, people: People
) -> None:
    done = decline_and_pause(session, actor=actor(people.john),
                             proposal_id=people.from_alice.id, now=clock.now())
    assert (done.mentee_name, done.others_closed) == ("Alice Kember", 1)
    assert people.from_alice.status == ProposalStatus.DECLINED
    assert people.john.mentor_profile is not None
    assert people.john.mentor_profile.open_to_requests is False
    declined = dms(session, OutboxKind.PROPOSAL_DECLINED)
    assert [d.recipient_user_id for d in declined] == ["UALICE"]
    assert [a["member_id"] for a in declined[0].payload["alternatives"]] == [people.jane.id]
    assert told(session) == [("UBOB", "paused")]
    owed = len(dms(session))
    again = decline_and_pause(session, actor=actor(people.john),
                              proposal_id=people.from_alice.id, now=clock.now())
    assert again.others_closed == 0 and len(dms(session)) == owed  # a double click: once


@pytest.mark.parametrize("who", ["alice", "jane"])
def test_only_the_mentor_asked_may_decline_and_pause(
    session: Session, clock: FakeClock, people: People, who: str
) -> None:
    someone: Member = getattr(people, who)
    with pytest.raises(NotAllowed):
        decline_and_pause(session, actor=actor(someone), proposal_id=people.from_alice.id,
                          now=clock.now())
    assert people.from_alice.status == ProposalStatus.PENDING
    assert people.john.mentor_profile is not None and people.john.mentor_profile.open_to_requests


def test_an_accepted_request_cannot_then_be_declined_and_paused(
    session: Session, clock: FakeClock, people: People
) -> None:
    accepted: Proposal = people.from_alice
    accept_proposal(session, actor=actor(people.john), proposal_id=accepted.id, now=clock.now())
    with pytest.raises(NotPossibleNow, match="already been accepted"):
        decline_and_pause(session, actor=actor(people.john), proposal_id=accepted.id,
                          now=clock.now())
    assert people.john.mentor_profile is not None and people.john.mentor_profile.open_to_requests


def test_an_accept_and_a_decline_and_pause_at_once_end_consistent(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    with sessions.begin() as session:
        people = People(session, seed.programme(session), clock)
        ids = {"accept": people.from_alice.id, "pause": people.from_bob.id}

    def run(step: str) -> str:
        with sessions.begin() as session:
            if step == "accept":
                accept_proposal(session, actor=JOHN, proposal_id=ids[step], now=clock.now())
            else:
                decline_and_pause(session, actor=JOHN, proposal_id=ids[step], now=clock.now())
        return "done"

    outcomes = at_once(run, ["accept", "pause"])
    assert outcomes[1] == "done"  # pausing always goes through; the accept may come first
    with sessions() as session:
        statuses = {p.id: p.status for p in session.scalars(select(Proposal))}
        paused = not session.get_one(MentorProfile, people.john.id).open_to_requests
    assert paused and statuses[ids["pause"]] == ProposalStatus.DECLINED
    assert statuses[ids["accept"]] == (ProposalStatus.ACCEPTED if outcomes[0] == "done"
                                       else ProposalStatus.DECLINED)
