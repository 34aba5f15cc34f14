"""Manual matching: checked beside each field, limits confirmed and logged, made once."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.admin.matching import MatchRequest, match_manually
from domain.errors import InvalidInput, NotAllowed
from domain.members import Actor
from domain.model import (
    AdminLogEntry,
    MentorProfile,
    OutboxKind,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, propose_mentorship
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once

ADMIN = Actor("T1", "UADMIN")


def match(session: Session, clock: FakeClock, mentee: str = "UALICE", mentor: str = "UJOHN", *,
          note: str = "", override: bool = False, submission: str | None = None,
          admin: Actor = ADMIN, workspace_admin: bool = True):  # type: ignore[no-untyped-def]
    return match_manually(session, actor=admin, workspace_admin=workspace_admin,
                          admin_name="Sam Admin", request=MatchRequest(mentee, mentor, note),
                          override=override, now=clock.now(), submission=submission)


def test_a_match_starts_the_relationship_takes_a_place_tells_both_and_is_logged(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith", capacity=2)
    seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    result = match(session, clock, note="You both love freight.")
    assert result.relationship is not None and not result.limits
    assert result.relationship.status == RelationshipStatus.ACTIVE
    assert result.relationship.proposal_id is None
    session.flush()
    assert session.get(MentorProfile, john.id).spare_capacity == 1
    told = seed.dms(session, OutboxKind.ADMIN_MATCHED)
    assert sorted(m.recipient_user_id for m in told) == ["UALICE", "UJOHN"]
    assert all(m.payload["note"] == "You both love freight." and m.payload["by"] == "Sam Admin"
               for m in told)
    logged = session.scalars(select(AdminLogEntry)).one()
    assert (logged.action, logged.actor_user_id) == ("match_manually", "UADMIN")
    assert logged.subject == "Alice Kember → John Smith"


def test_a_waiting_request_between_them_is_the_one_accepted(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    proposal = propose_mentorship(session, actor=seed.actor(alice), mentor_id=john.id,
                                  answers=ProposalAnswers(lists.areas[1].id, "Please."),
                                  now=clock.now())
    result = match(session, clock)
    assert result.relationship is not None
    assert result.relationship.proposal_id == proposal.id
    assert session.get(Proposal, proposal.id).status == ProposalStatus.ACCEPTED


@pytest.mark.parametrize(("mentee", "mentor", "field", "says"), [
    ("UJOHN", "UJOHN", "mentee", "registered as a mentee"),
    ("UALICE", "UALICE", "mentor", "registered as a mentor"),
    ("UNOBODY", "UJOHN", "mentee", "registered as a mentee"),
    (None, "UJOHN", "mentee", "Please choose"),
    ("UBOTH", "UBOTH", "mentor", "other than the mentee"),
])
def test_who_is_matched_is_checked_beside_each_field(
        session: Session, lists: ProgrammeLists, clock: FakeClock, mentee: str | None,
        mentor: str, field: str, says: str) -> None:
    seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    both = seed.mentor(session, lists, "UBOTH", areas=[1], name="Bo Th")
    both.is_mentee = True
    with pytest.raises(InvalidInput) as refused:
        match(session, clock, mentee, mentor)  # type: ignore[arg-type]
    assert says in refused.value.errors[field]


def test_an_existing_pair_is_refused_beside_the_mentor(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    seed.pair_of(session, lists)
    with pytest.raises(InvalidInput) as refused:
        match(session, clock)
    assert "already Alice Kember's mentor" in refused.value.errors["mentor"]


def test_a_non_admin_is_refused_and_nothing_changes(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    seed.mentor(session, lists, "UJOHN", areas=[1])
    seed.mentee(session, lists, "UALICE", areas=[1])
    with pytest.raises(NotAllowed):
        match(session, clock, admin=Actor("T1", "UALICE"), workspace_admin=False)
    assert session.scalars(select(Relationship)).all() == []
    assert session.scalars(select(AdminLogEntry)).all() == []


def test_past_the_limits_it_asks_first_then_matches_anyway_and_logs_the_override(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith", capacity=1,
                       open_now=False)
    seed.pair(session, john, seed.mentee(session, lists, "UEVE", areas=[1], name="Eve"))
    seed.pair(session, seed.mentor(session, lists, "UMAX", areas=[1], name="Max"),
              seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember"))
    waiting = match(session, clock)
    assert waiting.relationship is None
    assert waiting.limits == (
        "John Smith has paused new requests.",
        "John Smith is full: they mentor 1 of the 1 mentees they said they can take.",
        "Alice Kember already has 1 active mentor; the programme allows 1 at once.")
    assert session.scalars(select(AdminLogEntry)).all() == []
    assert seed.dms(session, OutboxKind.ADMIN_MATCHED) == []
    done = match(session, clock, override=True)
    assert done.relationship is not None
    session.flush()
    assert session.get(MentorProfile, john.id).spare_capacity == -1
    logged = session.scalars(select(AdminLogEntry)).one()
    assert logged.action == "match_override" and len(logged.before["limits"]) == 3


def test_the_same_submission_twice_makes_one_relationship(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    seed.mentor(session, lists, "UJOHN", areas=[1])
    seed.mentee(session, lists, "UALICE", areas=[1])
    first = match(session, clock, submission="V1:h1")
    again = match(session, clock, submission="V1:h1")
    assert first.relationship is not None and again.relationship is not None
    assert first.relationship.id == again.relationship.id
    assert len(session.scalars(select(Relationship)).all()) == 1
    assert len(seed.dms(session, OutboxKind.ADMIN_MATCHED)) == 2


def test_two_copies_of_one_submission_at_once_make_one_relationship(
        sessions: sessionmaker[Session], clock: FakeClock) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=3)
        seed.mentee(session, lists, "UALICE", areas=[1])

    def submit(_: int) -> int:
        with sessions.begin() as session:
            made = match(session, clock, submission="V9:h")
            assert made.relationship is not None
            return made.relationship.id

    outcomes = at_once(submit, [1, 2])
    assert len(set(outcomes)) == 1, outcomes
    with sessions.begin() as session:
        assert len(session.scalars(select(Relationship)).all()) == 1
        assert session.get(MentorProfile, john.id).spare_capacity == 2
