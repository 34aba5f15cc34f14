"""The spare capacity column stays equal to capacity less active mentees, whatever happens."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from domain.completion import complete_relationship, start_new_journey
from domain.matching import SearchCriteria
from domain.members import Actor
from domain.model import Member, MentorProfile, Relationship, RelationshipStatus
from domain.profiles import MenteeAnswers, MentorAnswers, ProfileAnswers, save_profile
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, propose_mentorship
from domain.proposals.answers import accept_proposal
from domain.relationships import withdraw_from_relationship
from domain.search import find_mentors
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import accepted_at_once, at_once


def actor(member: Member) -> Actor:
    return Actor(member.team_id, member.slack_user_id)


def spare_and_counted(session: Session, mentor: Member) -> tuple[int, int]:
    """The column as stored, and capacity less the active relationships counted afresh."""
    session.flush()
    spare, capacity = session.execute(
        select(MentorProfile.spare_capacity, MentorProfile.capacity)
        .where(MentorProfile.member_id == mentor.id)).one()
    active = session.scalar(select(func.count()).select_from(Relationship).where(
        Relationship.mentor_id == mentor.id,
        Relationship.status == RelationshipStatus.ACTIVE)) or 0
    return spare, capacity - active


def request(session: Session, lists: ProgrammeLists, mentee: Member, mentor: Member,
            clock: FakeClock) -> int:
    return propose_mentorship(session, actor=actor(mentee), mentor_id=mentor.id,
                              answers=ProposalAnswers(lists.areas[1].id, "Please."),
                              now=clock.now()).id


def edit_capacity(session: Session, lists: ProgrammeLists, mentor: Member, capacity: int,
                  clock: FakeClock, *, as_mentor: bool = True) -> None:
    save_profile(session, actor=actor(mentor), now=clock.now(), answers=ProfileAnswers(
        as_mentor=as_mentor, as_mentee=not as_mentor, job_title="Manager",
        organisation="Acme Freight", contact_email="john@example.org", mentor=MentorAnswers(
            area_ids=[lists.areas[1].id], role_id=lists.roles[0].id,
            community_id=lists.communities[0].id, bio="Experienced.", capacity=capacity),
        mentee=MenteeAnswers(area_ids=[lists.areas[1].id], statement="Help me grow.")))


def test_a_member_who_stops_mentoring_leaves_the_search_and_comes_back_with_it(
    session: Session, clock: FakeClock
) -> None:
    lists = seed.programme(session)
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    alice = seed.mentee(session, lists, "UALICE", areas=[1])

    def shown() -> bool:
        page = find_mentors(session, team_id="T1", searcher_id=alice.id,
                            criteria=SearchCriteria(area_ids=(lists.areas[1].id,)))
        return john.id in {m.mentor.id for m in page.matches}

    assert shown()
    edit_capacity(session, lists, john, 2, clock, as_mentor=False)
    assert not shown()
    edit_capacity(session, lists, john, 2, clock)
    assert shown()


def test_the_column_follows_accept_withdraw_complete_new_journey_and_edits(
    session: Session, clock: FakeClock
) -> None:
    lists = seed.programme(session)
    john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=3)
    alice, bob, carol = (seed.mentee(session, lists, u, areas=[1])
                         for u in ("UALICE", "UBOB", "UCAROL"))
    assert spare_and_counted(session, john) == (3, 3)
    pairs = []
    for mentee in (alice, bob, carol):
        proposal_id = request(session, lists, mentee, john, clock)
        pairs.append(accept_proposal(session, actor=actor(john), proposal_id=proposal_id,
                                     now=clock.now()))
        assert spare_and_counted(session, john)[0] == spare_and_counted(session, john)[1]
    assert spare_and_counted(session, john) == (0, 0)
    edit_capacity(session, lists, john, 5, clock)
    assert spare_and_counted(session, john) == (2, 2)
    withdraw_from_relationship(session, actor=actor(bob), relationship_id=pairs[1].id,
                               reason="", now=clock.now())
    assert spare_and_counted(session, john) == (3, 3)
    complete_relationship(session, actor=actor(john), relationship_id=pairs[0].id,
                          now=clock.now())
    assert spare_and_counted(session, john) == (4, 4)
    start_new_journey(session, actor=actor(alice), relationship_id=pairs[0].id,
                      now=clock.now() + timedelta(days=1))
    assert spare_and_counted(session, john) == (3, 3)
    edit_capacity(session, lists, john, 1, clock)  # below what he has: no room, none lost
    assert spare_and_counted(session, john) == (-1, -1)
    edit_capacity(session, lists, john, 2, clock)
    assert spare_and_counted(session, john) == (0, 0)


def john_with_room_for_two(session: Session) -> tuple[ProgrammeLists, Member]:
    """The programme, and John, a mentor who takes two mentees."""
    lists = seed.programme(session)
    return lists, seed.mentor(session, lists, "UJOHN", areas=[1], capacity=2)


def test_two_accepts_at_once_take_the_last_place_once(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    with sessions.begin() as session:
        lists, john = john_with_room_for_two(session)
        seed.pair(session, john, seed.mentee(session, lists, "UFIRST", areas=[1]))
        proposal_ids = [request(session, lists, seed.mentee(session, lists, f"UM{n}",
                                                            areas=[1]), john, clock)
                        for n in range(2)]
    assert accepted_at_once(sessions, proposal_ids, clock.now()) == ["accepted", "closed"]
    with sessions() as session:
        assert spare_and_counted(session, session.get_one(Member, john.id)) == (0, 0)


def test_a_capacity_edit_and_an_accept_at_once_both_count(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    with sessions.begin() as session:
        lists, john = john_with_room_for_two(session)
        proposal_id = request(session, lists, seed.mentee(session, lists, "UM", areas=[1]),
                              john, clock)

    def run(step: str) -> None:
        with sessions.begin() as session:
            if step == "accept":
                accept_proposal(session, actor=Actor("T1", "UJOHN"),
                                proposal_id=proposal_id, now=clock.now())
            else:
                edit_capacity(session, lists, session.get_one(Member, john.id), 4, clock)

    assert at_once(run, ["accept", "edit"]) == [None, None]
    with sessions() as session:
        assert spare_and_counted(session, session.get_one(Member, john.id)) == (3, 3)
