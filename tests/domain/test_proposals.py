"""Proposals and answers as use cases: rules, limits, permissions and what each side is told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import DomainError, NotAllowed, NotFound
from domain.lifecycle import NotPossibleNow
from domain.model import (
    HomeRefresh,
    Member,
    MenteeProfile,
    Programme,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.proposals import (
    CannotPropose,
    ProposalAnswers,
    edit_proposal,
    propose_mentorship,
    reinstate_proposal,
    withdraw_proposal,
)
from domain.proposals.answers import (
    MentorAtCapacity,
    accept_proposal,
    decline_proposal,
    expire_unanswered,
)
from domain.reminders.kinds.proposals import remind_proposals
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms


@pytest.fixture
def alices_request(session: Session, lists: ProgrammeLists, clock: FakeClock) -> Proposal:
    """Alice's waiting request to John, who offers two areas."""
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john = seed.mentor(session, lists, "UJOHN", areas=[1, 2])
    return ask(session, alice, john, clock)


def ask(session: Session, mentee: Member, mentor: Member, clock: FakeClock,
        statement: str = "Please help me grow my network.") -> Proposal:
    area = mentor.mentor_profile.areas[0].id if mentor.mentor_profile else None
    return propose_mentorship(session, actor=actor(mentee), mentor_id=mentor.id,
                              answers=ProposalAnswers(area, statement), now=clock.now())


def test_a_request_reaches_the_mentor_and_refreshes_both_homes(
    session: Session, clock: FakeClock, alices_request: Proposal
) -> None:
    proposal = alices_request
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.expires_at == clock.now() + timedelta(days=14)
    card = dms(session, "proposal_card")[0]
    assert card.recipient_user_id == "UJOHN" and card.payload["mentee"]["name"] == "UALICE"
    refreshed = {r.user_id for r in session.scalars(select(HomeRefresh))}
    assert refreshed == {"UALICE", "UJOHN"}


def test_the_same_request_twice_is_one_request(session: Session, lists: ProgrammeLists,
                                                clock: FakeClock) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    assert ask(session, alice, john, clock).id == ask(session, alice, john, clock).id
    assert len(dms(session, "proposal_card")) == 1
    with pytest.raises(CannotPropose):
        ask(session, alice, john, clock, statement="Something else entirely.")


@pytest.mark.parametrize("problem", ["self", "paused", "full", "not_mentor", "other_team"])
def test_requests_the_programme_does_not_allow_are_refused(
    session: Session, lists: ProgrammeLists, clock: FakeClock, problem: str
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    if problem == "self":
        target = seed.mentor(session, lists, "UBOTH", areas=[1])
        target.is_mentee = True
        target.mentee_profile = MenteeProfile(areas=[lists.areas[1]], statement="Me too.",
                                              updated_at=clock.now())
        alice = target
    elif problem == "other_team":
        seed.programme(session, "T2")
        target = seed.mentor(session, seed.programme(session, "T2"), "UX", areas=[1],
                             team_id="T2")
    else:
        target = seed.mentor(session, lists, "UJOHN", areas=[1], open_now=problem != "paused",
                             capacity=1)
        if problem == "full":
            seed.pair(session, target, seed.mentee(session, lists, "UBOB", areas=[1]))
        if problem == "not_mentor":
            target.is_mentor = False
    with pytest.raises((CannotPropose, NotFound)):
        ask(session, alice, target, clock)
    assert dms(session) == []


def test_a_mentee_may_have_three_requests_waiting_at_once(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    mentors = [seed.mentor(session, lists, f"UM{n}", areas=[1]) for n in range(4)]
    for mentor in mentors[:3]:
        ask(session, alice, mentor, clock)
    with pytest.raises(CannotPropose) as refused:
        ask(session, alice, mentors[3], clock)
    assert "3 requests waiting" in refused.value.message


def test_only_the_mentee_edits_withdraws_and_reinstates(
    session: Session, lists: ProgrammeLists, clock: FakeClock, alices_request: Proposal
) -> None:
    proposal, alice, john = alices_request, alices_request.mentee, alices_request.mentor
    for use_case in (withdraw_proposal, reinstate_proposal):
        with pytest.raises(NotAllowed):
            use_case(session, actor=actor(john), proposal_id=proposal.id, now=clock.now())
    with pytest.raises(NotAllowed):
        edit_proposal(session, actor=actor(john), proposal_id=proposal.id,
                      answers=ProposalAnswers(None, "x"), now=clock.now())
    edited = edit_proposal(session, actor=actor(alice), proposal_id=proposal.id,
                           answers=ProposalAnswers(lists.areas[2].id, "Now about leadership."),
                           now=clock.now())
    assert edited.area == lists.areas[2] and edited.revision == 1
    update = dms(session, "proposal_card")[-1]
    assert update.payload["replaces"] == f"proposal:{proposal.id}:card"
    assert update.payload["statement"] == "Now about leadership."
    withdrawn = withdraw_proposal(session, actor=actor(alice), proposal_id=proposal.id,
                                  now=clock.now())
    assert withdrawn.status == ProposalStatus.WITHDRAWN
    reinstated = reinstate_proposal(session, actor=actor(alice), proposal_id=proposal.id,
                                    now=clock.now())
    assert reinstated.status == ProposalStatus.PENDING


def test_a_withdrawn_request_cannot_be_reinstated_after_its_expiry(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    proposal = ask(session, alice, seed.mentor(session, lists, "UJOHN", areas=[1]), clock)
    withdraw_proposal(session, actor=actor(alice), proposal_id=proposal.id, now=clock.now())
    with pytest.raises(CannotPropose):
        reinstate_proposal(session, actor=actor(alice), proposal_id=proposal.id,
                           now=clock.advance(days=15))


def test_accepting_starts_a_relationship_once_however_often_it_is_clicked(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    proposal = ask(session, alice, john, clock)
    first = accept_proposal(session, actor=actor(john), proposal_id=proposal.id, now=clock.now())
    again = accept_proposal(session, actor=actor(john), proposal_id=proposal.id, now=clock.now())
    assert first.id == again.id and first.status == RelationshipStatus.ACTIVE
    assert len(session.scalars(select(Relationship)).all()) == 1
    told = dms(session, "proposal_accepted")
    assert len(told) == 1 and told[0].recipient_user_id == "UALICE"
    assert told[0].payload["mentor"]["email"] == "ujohn@example.org"


def test_only_the_mentor_answers(session: Session, lists: ProgrammeLists,
                                 clock: FakeClock) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    stranger = seed.mentor(session, lists, "USTRANGER", areas=[1])
    proposal = ask(session, alice, john, clock)
    for who in (alice, stranger):
        with pytest.raises(NotAllowed):
            accept_proposal(session, actor=actor(who), proposal_id=proposal.id, now=clock.now())
        with pytest.raises(NotAllowed):
            decline_proposal(session, actor=actor(who), proposal_id=proposal.id, note="",
                             now=clock.now())
    assert proposal.status == ProposalStatus.PENDING


def test_when_a_mentor_takes_their_last_place_their_other_requests_close_kindly(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=1, name="John Smith")
    jane = seed.mentor(session, lists, "UJANE", areas=[1])
    first = ask(session, seed.mentee(session, lists, "UA", areas=[1]), john, clock)
    second = ask(session, seed.mentee(session, lists, "UB", areas=[1]), john, clock)
    accept_proposal(session, actor=actor(john), proposal_id=first.id, now=clock.now())
    assert second.status == ProposalStatus.DECLINED
    assert second.answer_note == "Closed when all your places were taken."
    told = dms(session, "proposal_unavailable")
    assert [(d.recipient_user_id, d.payload["reason"]) for d in told] == [("UB", "full")]
    assert [a["member_id"] for a in told[0].payload["alternatives"]] == [jane.id]
    assert told[0].payload["note"] == ""  # the mentor's card has the note; the mentee, kind words


def test_accept_is_refused_when_the_mentor_is_full_or_paused(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=2)
    waiting = ask(session, seed.mentee(session, lists, "UB", areas=[1]), john, clock)
    assert john.mentor_profile is not None
    # As a change committed meanwhile by another server would leave it, unseen by this one:
    john.mentor_profile.spare_capacity = 0
    with pytest.raises(MentorAtCapacity) as refused:
        accept_proposal(session, actor=actor(john), proposal_id=waiting.id, now=clock.now())
    assert "2 of the 2 mentees" in refused.value.message
    john.mentor_profile.spare_capacity, john.mentor_profile.open_to_requests = 2, False
    with pytest.raises(MentorAtCapacity, match="paused"):
        accept_proposal(session, actor=actor(john), proposal_id=waiting.id, now=clock.now())


def test_a_declined_request_cannot_then_be_accepted(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    other = seed.mentor(session, lists, "UOTHER", areas=[1])
    proposal = ask(session, alice, john, clock)
    decline_proposal(session, actor=actor(john), proposal_id=proposal.id,
                     note="Not the right time, sorry.", now=clock.now())
    with pytest.raises(NotPossibleNow, match="already been declined"):
        accept_proposal(session, actor=actor(john), proposal_id=proposal.id, now=clock.now())
    told = dms(session, "proposal_declined")[0]
    assert told.payload["note"] == "Not the right time, sorry."
    assert [a["member_id"] for a in told.payload["alternatives"]] == [other.id]


def test_when_a_mentee_is_matched_their_other_requests_close(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    john, jane = (seed.mentor(session, lists, u, areas=[1]) for u in ("UJOHN", "UJANE"))
    first, second = ask(session, alice, john, clock), ask(session, alice, jane, clock)
    accept_proposal(session, actor=actor(john), proposal_id=first.id, now=clock.now())
    assert second.status == ProposalStatus.WITHDRAWN
    assert [d.recipient_user_id for d in dms(session, "proposal_closed")] == ["UJANE"]


def test_unanswered_requests_are_chased_then_expire(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    proposal = ask(session, alice, seed.mentor(session, lists, "UJOHN", areas=[1]), clock)
    # Sent on a Monday at 09:00: chased on Thursday and on the next Monday, expired a week on.
    assert remind_proposals(session, now=clock.advance(days=3, minutes=-1)) == 0
    assert remind_proposals(session, now=clock.advance(minutes=1)) == 1
    assert remind_proposals(session, now=clock.advance(hours=1)) == 0
    assert remind_proposals(session, now=clock.advance(days=4, hours=-1)) == 1
    assert expire_unanswered(session, now=clock.advance(days=6)) == 0
    assert expire_unanswered(session, now=clock.advance(days=1)) == 1
    assert proposal.status == ProposalStatus.EXPIRED
    assert [d.recipient_user_id for d in dms(session, "proposal_reminder")] == ["UJOHN"] * 2
    assert dms(session, "proposal_expired")[0].recipient_user_id == "UALICE"


def test_no_request_is_chased_while_the_admins_pause_the_nudges(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    ask(session, alice, seed.mentor(session, lists, "UJOHN", areas=[1]), clock)
    session.get_one(Programme, "T1").nudges_paused = True
    session.flush()
    assert remind_proposals(session, now=clock.advance(days=3)) == 0
    session.get_one(Programme, "T1").nudges_paused = False
    session.flush()
    assert remind_proposals(session, now=clock.now()) == 1  # due, so sent once resumed
    assert [d.recipient_user_id for d in dms(session, "proposal_reminder")] == ["UJOHN"]


def test_an_incomplete_mentee_is_asked_to_finish_their_profile(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    alice.mentee_profile = None
    session.flush()
    with pytest.raises(DomainError, match="complete your mentee profile"):
        ask(session, alice, seed.mentor(session, lists, "UJOHN", areas=[1]), clock)
