"""Search at scale: a total counted up to a cap, and the area list it scores by kept current."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.matching import SearchCriteria
from domain.members import Actor
from domain.model import Member, MentorProfile
from domain.profiles import MentorAnswers, ProfileAnswers, save_profile
from domain.programme import ProgrammeLists, programme_lists
from domain.search import COUNTED, PAGE_SIZE, find_mentors
from tests.support import seed
from tests.support.clock import FakeClock

MANY = COUNTED + 5  # fills 14 pages, the last holding a single mentor


def _many_mentors(session: Session) -> tuple[ProgrammeLists, Member]:
    lists = seed.programme(session)
    searcher = seed.mentee(session, lists, "UME", areas=[0])
    for n in range(MANY):
        seed.mentor(session, lists, f"U{n:03d}", areas=[0])
    return lists, searcher


def test_past_the_cap_the_total_reads_more_than_and_every_page_is_reached(
        session: Session) -> None:
    lists, searcher = _many_mentors(session)
    criteria = SearchCriteria(area_ids=(lists.areas[0].id,))

    def page(number: int) -> tuple[int, bool, bool, int]:
        found = find_mentors(session, team_id="T1", searcher_id=searcher.id, criteria=criteria,
                             page=number)
        return found.total, found.more, found.has_next, len(found.matches)

    last = (MANY - 1) // PAGE_SIZE
    assert page(0) == (COUNTED, True, True, PAGE_SIZE)
    # Further on, counting goes one past the page shown, so Next is offered while it leads on.
    assert page(last - 1) == (last * PAGE_SIZE, True, True, PAGE_SIZE)
    assert page(last) == (MANY, False, False, MANY - last * PAGE_SIZE)
    beyond = find_mentors(session, team_id="T1", searcher_id=searcher.id, criteria=criteria,
                          page=last + 5)
    assert (beyond.page, beyond.total, beyond.more) == (last, MANY, False)


def test_below_the_cap_the_total_is_exact(session: Session) -> None:
    lists = seed.programme(session)
    searcher = seed.mentee(session, lists, "UME", areas=[0])
    for n in range(PAGE_SIZE + 3):
        seed.mentor(session, lists, f"U{n:03d}", areas=[0, 1][: 1 + n % 2])
    found = find_mentors(session, team_id="T1", searcher_id=searcher.id,
                         criteria=SearchCriteria(area_ids=(lists.areas[1].id,)))
    assert (found.total, found.more, found.has_next) == ((PAGE_SIZE + 3) // 2, False, False)


def _edit_areas(sessions: sessionmaker[Session], mentor: Member, areas: list[int],
                clock: FakeClock) -> None:
    """The mentor saves their profile with these areas, in a request of its own."""
    with sessions.begin() as session:
        lists = programme_lists(session, team_id=mentor.team_id)
        save_profile(session, actor=Actor(mentor.team_id, mentor.slack_user_id),
                     now=clock.now(), answers=ProfileAnswers(
                         as_mentor=True, as_mentee=False, job_title="Manager",
                         organisation="Acme Freight", contact_email="ann@example.org",
                         mentor=MentorAnswers(area_ids=[lists.areas[i].id for i in areas],
                                              role_id=lists.roles[0].id,
                                              community_id=lists.communities[0].id,
                                              bio="Experienced.", capacity=2)))


def test_the_area_list_follows_every_edit_of_a_mentors_areas(
        sessions: sessionmaker[Session], clock: FakeClock) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        searcher = seed.mentee(session, lists, "UME", areas=[0])
        ann = seed.mentor(session, lists, "UANN", areas=[3, 1])
    areas = [item.id for item in lists.areas]

    def stored() -> list[int]:
        with sessions() as session:
            return [int(one) for one in (session.scalar(select(MentorProfile.area_list).where(
                MentorProfile.member_id == ann.id)) or "").split()]

    def shown_for(area: int) -> bool:
        with sessions() as session:
            found = find_mentors(session, team_id="T1", searcher_id=searcher.id,
                                 criteria=SearchCriteria(area_ids=(areas[area],)))
            return ann.id in {m.mentor.id for m in found.matches}

    assert stored() == sorted(areas[i] for i in (1, 3))
    _edit_areas(sessions, ann, [2], clock)
    assert stored() == [areas[2]]
    assert shown_for(2) and not shown_for(1) and not shown_for(3)
    _edit_areas(sessions, ann, [1, 2], clock)
    assert shown_for(1) and shown_for(2)
