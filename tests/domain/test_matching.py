"""The scoring rule alone, and the database search agreeing with it."""

from __future__ import annotations

import uuid
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.db import session_factory
from domain.matching import SearchCriteria, fit, is_shown, rank_key
from domain.search import find_mentors
from tests.support import seed


def test_areas_count_in_proportion_to_those_asked() -> None:
    criteria = SearchCriteria(area_ids=(1, 2, 3))
    assert fit(criteria, area_ids={1, 2}, role_id=9, community_id=9).score == Fraction(40)
    assert fit(criteria, area_ids={1, 2, 3, 4}, role_id=9, community_id=9).score == 60


def test_role_and_community_add_twenty_each() -> None:
    criteria = SearchCriteria(area_ids=(1,), role_id=5, community_id=7)
    assert fit(criteria, area_ids={1}, role_id=5, community_id=7).score == 100
    assert fit(criteria, area_ids=set(), role_id=5, community_id=8).score == 20


def test_exact_matching_keeps_only_mentors_who_meet_every_criterion() -> None:
    criteria = SearchCriteria(area_ids=(1, 2), role_id=5, exact=True)
    assert is_shown(criteria, fit(criteria, area_ids={1, 2}, role_id=5, community_id=0))
    assert not is_shown(criteria, fit(criteria, area_ids={1}, role_id=5, community_id=0))
    assert not is_shown(criteria, fit(criteria, area_ids={1, 2}, role_id=6, community_id=0))


def test_without_exact_matching_meeting_one_criterion_is_enough() -> None:
    criteria = SearchCriteria(area_ids=(1, 2), role_id=5)
    assert is_shown(criteria, fit(criteria, area_ids=set(), role_id=5, community_id=0))
    assert not is_shown(criteria, fit(criteria, area_ids={3}, role_id=6, community_id=0))


def test_with_no_criteria_everyone_is_shown() -> None:
    criteria = SearchCriteria()
    assert is_shown(criteria, fit(criteria, area_ids=set(), role_id=1, community_id=1))


def test_ties_go_to_the_mentor_with_more_room_then_the_earlier_member() -> None:
    same = fit(SearchCriteria(area_ids=(1,)), area_ids={1}, role_id=0, community_id=0)
    ordered = sorted([(same, 1, 10), (same, 3, 11), (same, 3, 9)],
                     key=lambda r: rank_key(r[0], r[1], r[2]))
    assert [r[2] for r in ordered] == [9, 11, 10]


def test_the_search_excludes_self_paused_full_and_already_asked(session: Session) -> None:
    lists = seed.programme(session)
    me = seed.mentor(session, lists, "UME", areas=[0])  # a mentor looking for a mentor
    me.is_mentee = True
    paused = seed.mentor(session, lists, "UPAUSED", areas=[0], open_now=False)
    full = seed.mentor(session, lists, "UFULL", areas=[0], capacity=1)
    seed.pair(session, full, seed.mentee(session, lists, "UOTHER", areas=[0]))
    mine = seed.mentor(session, lists, "UMINE", areas=[0])
    seed.pair(session, mine, me)
    free = seed.mentor(session, lists, "UFREE", areas=[0])
    page = find_mentors(session, team_id="T1", searcher_id=me.id,
                        criteria=SearchCriteria(area_ids=(lists.areas[0].id,)))
    shown = {m.mentor.slack_user_id for m in page.matches}
    assert free.slack_user_id in shown
    assert not shown & {"UME", paused.slack_user_id, full.slack_user_id, mine.slack_user_id}


def test_the_keyword_narrows_by_title_organisation_name_or_bio(session: Session) -> None:
    lists = seed.programme(session)
    me = seed.mentee(session, lists, "UME", areas=[0])
    seed.mentor(session, lists, "URAIL", areas=[0], job_title="Rail planner")
    seed.mentor(session, lists, "UPORT", areas=[0], bio="Ports and 100% shipping")
    for keyword, expected in (("rail", {"URAIL"}), ("SHIPPING", {"UPORT"}), ("100%", {"UPORT"}),
                              ("%", {"UPORT"}), ("_", set())):
        page = find_mentors(session, team_id="T1", searcher_id=me.id,
                            criteria=SearchCriteria(keyword=keyword))
        assert {m.mentor.slack_user_id for m in page.matches} == expected, keyword


mentors_strategy = st.lists(st.tuples(
    st.sets(st.integers(0, 5), max_size=4), st.integers(0, 2), st.integers(0, 2),
    st.integers(1, 3), st.integers(0, 3), st.booleans()), min_size=0, max_size=14)
criteria_strategy = st.tuples(st.sets(st.integers(0, 5), max_size=3),
                              st.none() | st.integers(0, 2), st.none() | st.integers(0, 2))


def _all_pages(session: Session, team: str, searcher: int, criteria: SearchCriteria
               ) -> list[int]:
    found, page = [], 0
    while True:
        results = find_mentors(session, team_id=team, searcher_id=searcher, criteria=criteria,
                               page=page)
        found += [m.mentor.id for m in results.matches]
        if not results.has_next:
            return found
        page += 1


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mentors=mentors_strategy, wanted=criteria_strategy, exact=st.booleans())
def test_the_database_ranks_exactly_as_the_rule_says(
    clean_engine: Engine, mentors: list[tuple[set[int], int, int, int, int, bool]],
    wanted: tuple[set[int], int | None, int | None], exact: bool,
) -> None:
    team = f"T{uuid.uuid4().hex[:10]}"
    with session_factory(clean_engine).begin() as session:
        lists = seed.programme(session, team)
        me = seed.mentee(session, lists, "UME", areas=[0], team_id=team)
        expected = []
        for n, (areas, role, community, capacity, taken, open_now) in enumerate(mentors):
            member = seed.mentor(session, lists, f"U{n}", areas=sorted(areas), role=role,
                                 community=community, capacity=capacity, open_now=open_now,
                                 team_id=team)
            for k in range(min(taken, capacity)):
                seed.pair(session, member, seed.mentee(session, lists, f"UM{n}_{k}", areas=[0],
                                                       team_id=team))
            criteria = SearchCriteria(
                area_ids=tuple(lists.areas[a].id for a in sorted(wanted[0])),
                role_id=lists.roles[wanted[1]].id if wanted[1] is not None else None,
                community_id=(lists.communities[wanted[2]].id if wanted[2] is not None
                              else None), exact=exact)
            result = fit(criteria, area_ids={lists.areas[a].id for a in areas},
                         role_id=lists.roles[role].id, community_id=lists.communities[community].id)
            spare = capacity - min(taken, capacity)
            if open_now and spare > 0 and is_shown(criteria, result):
                expected.append((rank_key(result, spare, member.id), member.id))
        criteria = SearchCriteria(
            area_ids=tuple(lists.areas[a].id for a in sorted(wanted[0])),
            role_id=lists.roles[wanted[1]].id if wanted[1] is not None else None,
            community_id=lists.communities[wanted[2]].id if wanted[2] is not None else None,
            exact=exact)
        found = _all_pages(session, team, me.id, criteria)
        assert found == [member_id for _, member_id in sorted(expected)]
        if exact:
            partial = _all_pages(session, team, me.id,
                                 SearchCriteria(criteria.area_ids, criteria.role_id,
                                                criteria.community_id, exact=False))
            assert set(found) <= set(partial)
