"""Profiles: every field checked, nothing stored when anything is wrong."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.members import Actor, SlackIdentity
from domain.model import Member
from domain.profiles import MenteeAnswers, MentorAnswers, ProfileAnswers, save_profile
from domain.programme import ProgrammeLists, programme_lists
from domain.registration import register_member
from tests.support.clock import FakeClock

ANA = Actor("T1", "UANA")


@pytest.fixture
def lists(session: Session, clock: FakeClock) -> ProgrammeLists:
    register_member(session, actor=ANA, as_mentor=True, as_mentee=True,
                    identity=SlackIdentity(name="Ana", email="ana@example.org"), now=clock.now())
    return programme_lists(session, team_id="T1")


def answers(lists: ProgrammeLists, **changes: object) -> ProfileAnswers:
    base = ProfileAnswers(
        as_mentor=True, as_mentee=True, job_title="Fleet planner", organisation="Mango Logistics",
        contact_email="ana@example.org",
        mentor=MentorAnswers(area_ids=[lists.areas[0].id, lists.areas[1].id],
                             role_id=lists.roles[2].id, community_id=lists.communities[0].id,
                             bio="Twenty years in road freight.", capacity=2),
        mentee=MenteeAnswers(area_ids=[lists.areas[3].id], preferred_role_id=None,
                             preferred_community_id=lists.communities[1].id,
                             statement="I want to build a network."),
    )
    return replace(base, **changes)


def test_a_complete_profile_is_stored(session: Session, clock: FakeClock,
                                      lists: ProgrammeLists) -> None:
    member = save_profile(session, actor=ANA, answers=answers(lists), now=clock.now())
    assert member.mentor_profile is not None and member.mentee_profile is not None
    assert [a.label for a in member.mentor_profile.areas] == [lists.areas[0].label,
                                                               lists.areas[1].label]
    assert member.mentor_profile.capacity == 2 and member.mentor_profile.open_to_requests
    assert member.mentee_profile.preferred_role is None
    assert member.mentee_profile.preferred_community == lists.communities[1]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"job_title": "   "}, "job_title"),
        ({"job_title": "x" * 81}, "job_title"),
        ({"job_title": "Fleet planner 🚚"}, "job_title"),
        ({"organisation": "<!channel> Logistics"}, "organisation"),
        ({"contact_email": "ana at example"}, "contact_email"),
        ({"as_mentor": False, "as_mentee": False}, "roles"),
    ],
)
def test_bad_shared_fields_are_refused_by_name(session: Session, clock: FakeClock,
                                               lists: ProgrammeLists, change: dict[str, object],
                                               field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_profile(session, actor=ANA, answers=answers(lists, **change), now=clock.now())
    assert field in refused.value.errors


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 500}, "capacity"),
        ({"capacity": None}, "capacity"),
        ({"area_ids": []}, "mentor_areas"),
        ({"area_ids": [-1]}, "mentor_areas"),
        ({"role_id": None}, "mentor_role"),
        ({"community_id": 10**9}, "mentor_community"),
        ({"bio": ""}, "bio"),
        ({"bio": "b" * 1501}, "bio"),
    ],
)
def test_bad_mentor_fields_are_refused_by_name(session: Session, clock: FakeClock,
                                               lists: ProgrammeLists, change: dict[str, object],
                                               field: str) -> None:
    base = answers(lists)
    assert base.mentor is not None
    with pytest.raises(InvalidInput) as refused:
        save_profile(session, actor=ANA,
                     answers=replace(base, mentor=replace(base.mentor, **change)), now=clock.now())
    assert field in refused.value.errors


def test_nothing_is_stored_when_one_field_is_wrong(session: Session, clock: FakeClock,
                                                   lists: ProgrammeLists) -> None:
    with pytest.raises(InvalidInput):
        save_profile(session, actor=ANA, answers=answers(lists, job_title=""), now=clock.now())
    member = session.query(Member).one()
    assert member.mentor_profile is None and member.job_title == ""


def test_another_workspaces_list_entries_are_refused(session: Session, clock: FakeClock,
                                                     lists: ProgrammeLists) -> None:
    other = Actor("T2", "UBEN")
    register_member(session, actor=other, as_mentor=False, as_mentee=True,
                    identity=SlackIdentity(name="Ben"), now=clock.now())
    foreign = programme_lists(session, team_id="T2").areas[0].id
    base = answers(lists)
    assert base.mentee is not None
    with pytest.raises(InvalidInput) as refused:
        save_profile(session, actor=ANA,
                     answers=replace(base, mentee=replace(base.mentee, area_ids=[foreign])),
                     now=clock.now())
    assert "mentee_areas" in refused.value.errors


def test_emoji_and_markup_in_free_text_are_kept_for_escaping(session: Session, clock: FakeClock,
                                                             lists: ProgrammeLists) -> None:
    base = answers(lists)
    assert base.mentor is not None
    bio = "I love trucks 🚚 & <!channel> tips"
    member = save_profile(session, actor=ANA,
                          answers=replace(base, mentor=replace(base.mentor, bio=bio)),
                          now=clock.now())
    assert member.mentor_profile is not None and member.mentor_profile.bio == bio


def test_control_characters_are_dropped(session: Session, clock: FakeClock,
                                        lists: ProgrammeLists) -> None:
    member = save_profile(session, actor=ANA, answers=answers(lists, job_title="Plan\x00ner\x07"),
                          now=clock.now())
    assert member.job_title == "Planner"
