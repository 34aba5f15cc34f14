"""The programme's lists as admins keep them: the label rules, every change logged and
versioned, repeats harmless, retired entries kept where they are used, and non-admins refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from domain import diary
from domain.admin.lists import (
    add_items,
    admin_list,
    bring_back_item,
    edit_item,
    move_item,
    retire_item,
)
from domain.admin.lists.rules import label_problem, labels_problem, moved, typed_labels
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.matching import SearchCriteria
from domain.members import Actor, SlackIdentity
from domain.model import AdminLogEntry, DiaryEntry, ListKind, diary_entry_themes
from domain.profiles import MentorAnswers, ProfileAnswers, save_profile
from domain.programme import ensure_programme, programme_lists, shown_label
from domain.registration import register_member
from domain.search import find_mentors
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once

ADMIN, MEMBER = Actor("T1", "UADMIN"), Actor("T1", "UMEMBER")
OTHER_ADMIN = Actor("T2", "UOTHER")
OTHER_SAME_TEAM = Actor("T1", "UADMIN2")


def labels(session: Session, kind: ListKind = ListKind.ROLE) -> list[str]:
    return [e.label for e in admin_list(session, actor=ADMIN, workspace_admin=True, kind=kind,
                                         now=NOW).current]


NOW = FakeClock().now()


def log(session: Session) -> list[tuple[str, str]]:
    return [(e.action, e.subject) for e in session.scalars(
        select(AdminLogEntry).order_by(AdminLogEntry.id))]


# ---- the rules -------------------------------------------------------------------------


def test_typed_labels_are_one_per_line_trimmed_without_blanks_or_repeats() -> None:
    assert typed_labels("  Harbour  master \n\n harbour MASTER\nPilot\r\n") == \
        ["Harbour master", "Pilot"]


def test_a_label_is_1_to_75_characters_and_unique_in_its_list_in_any_case() -> None:
    taken = {"rail": False, "canals": True}
    assert label_problem("Road", taken) is None
    assert label_problem("", taken) == "Please type a name."
    assert "longer than 75" in (label_problem("x" * 76, taken) or "")
    assert label_problem("x" * 75, taken) is None
    assert label_problem("RAIL", taken) == "“RAIL” is already in the list."
    assert "bring it back" in (label_problem("Canals", taken) or "")
    assert labels_problem([], taken) == "Please type at least one name, one per line."


def test_moved_puts_one_entry_at_an_index_clamped_to_the_list() -> None:
    assert moved(["a", "b", "c"], "c", 0) == ["c", "a", "b"]
    assert moved(["a", "b", "c"], "a", 9) == ["b", "c", "a"]


# ---- the use cases ----------------------------------------------------------------------


def test_an_admin_adds_several_at_once_to_the_end_and_each_is_logged(session: Session) -> None:
    before = ensure_programme(session, team_id="T1", now=NOW).version
    add_items(session, actor=ADMIN, workspace_admin=True, kind=ListKind.ROLE,
              typed="Harbour master\nPilot", now=NOW)
    assert labels(session)[-2:] == ["Harbour master", "Pilot"]
    assert log(session) == [("list.add", "role: Harbour master"), ("list.add", "role: Pilot")]
    assert ensure_programme(session, team_id="T1", now=NOW).version > before
    assert [e.label for e in programme_lists(session, team_id="T1").roles][-1] == "Pilot"


def test_adding_refuses_repeats_beside_the_field_and_adds_nothing(session: Session) -> None:
    ensure_programme(session, team_id="T1", now=NOW)
    with pytest.raises(InvalidInput) as refused:
        add_items(session, actor=ADMIN, workspace_admin=True, kind=ListKind.ROLE,
                  typed="Pilot\nmanager", now=NOW)
    assert refused.value.errors == {"labels": "“manager” is already in the list."}
    assert "Pilot" not in labels(session)


def test_one_submission_sent_twice_adds_once(session: Session) -> None:
    for _ in range(2):
        add_items(session, actor=ADMIN, workspace_admin=True, kind=ListKind.ROLE,
                  typed="Pilot", now=NOW, submission="V1:h1")
    assert labels(session).count("Pilot") == 1


def test_rename_and_move_in_one_edit_and_a_repeated_move_changes_nothing(
    session: Session,
) -> None:
    ensure_programme(session, team_id="T1", now=NOW)
    first, second, third = admin_list(session, actor=ADMIN, workspace_admin=True,
                                      kind=ListKind.ROLE, now=NOW).current[:3]
    edit_item(session, actor=ADMIN, workspace_admin=True, item_id=third.id,
              label="  Senior  lead ", position=1, now=NOW)
    assert labels(session)[:3] == ["Senior lead", first.label, second.label]
    for _ in range(2):  # a double click on Move down
        move_item(session, actor=ADMIN, workspace_admin=True, item_id=third.id, seen_at=1,
                  to=2, now=NOW)
    assert labels(session)[:3] == [first.label, "Senior lead", second.label]
    assert [a for a, _ in log(session)] == ["list.rename", "list.move", "list.move"]


def test_edit_refuses_a_taken_name_and_a_position_outside_the_list(session: Session) -> None:
    ensure_programme(session, team_id="T1", now=NOW)
    roles = admin_list(session, actor=ADMIN, workspace_admin=True, kind=ListKind.ROLE,
                       now=NOW).current
    with pytest.raises(InvalidInput) as refused:
        edit_item(session, actor=ADMIN, workspace_admin=True, item_id=roles[0].id,
                  label=roles[1].label.upper(), position=len(roles) + 1, now=NOW)
    assert set(refused.value.errors) == {"label", "position"}
    assert f"from 1 to {len(roles)}" in refused.value.errors["position"]


def test_retire_and_bring_back_are_logged_once_and_offered_again_at_the_end(
    session: Session,
) -> None:
    roles = seed.programme(session).roles
    for _ in range(2):
        retired = retire_item(session, actor=ADMIN, workspace_admin=True, item_id=roles[0].id,
                              now=NOW)
    assert shown_label(retired) == f"{roles[0].label} (retired)"
    shown = admin_list(session, actor=ADMIN, workspace_admin=True, kind=ListKind.ROLE, now=NOW)
    assert roles[0].label not in [e.label for e in shown.current]
    assert [e.label for e in shown.retired] == [roles[0].label]
    lists = programme_lists(session, team_id="T1")
    assert roles[0].id not in [e.id for e in lists.roles]
    assert lists.named([roles[0].id])[0].archived
    for _ in range(2):
        bring_back_item(session, actor=ADMIN, workspace_admin=True, item_id=roles[0].id,
                        now=NOW)
    assert labels(session)[-1] == roles[0].label
    assert [a for a, _ in log(session)] == ["list.retire", "list.bring_back"]


def test_renaming_a_theme_renames_it_on_diary_entries(session: Session) -> None:
    member = register_member(session, actor=MEMBER, as_mentor=False, as_mentee=True,
                             identity=SlackIdentity(name="Mo"), now=NOW)
    entry = DiaryEntry(team_id="T1", author_id=member.id, title="t", reflection="r",
                       entry_date=NOW.date(), created_at=NOW, updated_at=NOW)
    session.add(entry)
    session.flush()
    add_items(session, actor=ADMIN, workspace_admin=True, kind=ListKind.THEME,
              typed="Resilience", now=NOW)
    theme = next(e for e in admin_list(session, actor=ADMIN, workspace_admin=True,
                                       kind=ListKind.THEME, now=NOW).current
                 if e.label == "Resilience")
    session.execute(insert(diary_entry_themes), [{"entry_id": entry.id, "theme": "Resilience"}])
    edit_item(session, actor=ADMIN, workspace_admin=True, item_id=theme.id,
              label="Bouncing back", position=None, now=NOW)
    assert session.scalars(select(diary_entry_themes.c.theme)).all() == ["Bouncing back"]


def test_non_admins_and_other_workspaces_are_refused(session: Session) -> None:
    ensure_programme(session, team_id="T1", now=NOW)
    role = programme_lists(session, team_id="T1").roles[0]
    with pytest.raises(NotAllowed):
        admin_list(session, actor=MEMBER, workspace_admin=False, kind=ListKind.ROLE, now=NOW)
    with pytest.raises(NotAllowed):
        retire_item(session, actor=MEMBER, workspace_admin=False, item_id=role.id, now=NOW)
    with pytest.raises(NotAllowed):
        add_items(session, actor=MEMBER, workspace_admin=False, kind=ListKind.ROLE,
                  typed="Pilot", now=NOW)
    with pytest.raises(NotFound):
        retire_item(session, actor=OTHER_ADMIN, workspace_admin=True, item_id=role.id, now=NOW)
    assert not programme_lists(session, team_id="T1").retired
    assert log(session) == []


def test_a_retired_area_stays_on_profiles_matches_searches_and_may_be_kept_not_added(
    session: Session,
) -> None:
    lists = seed.programme(session)
    mo = seed.mentor(session, lists, "UMEMBER", areas=[0, 1])
    ana = seed.mentee(session, lists, "UANA", areas=[0])
    kept, other = lists.areas[0], lists.areas[5]
    retire_item(session, actor=ADMIN, workspace_admin=True, item_id=kept.id, now=NOW)
    retire_item(session, actor=ADMIN, workspace_admin=True, item_id=other.id, now=NOW)
    found = find_mentors(session, team_id="T1", searcher_id=ana.id,
                         criteria=SearchCriteria(area_ids=(kept.id,)))
    assert [m.mentor.id for m in found.matches] == [mo.id] and found.matches[0].fit.areas_met == 1

    def save(area_ids: list[int]) -> None:
        save_profile(session, actor=MEMBER, now=NOW, answers=ProfileAnswers(
            as_mentor=True, as_mentee=False, job_title="Manager", organisation="",
            contact_email="mo@example.org", mentor=MentorAnswers(
                area_ids=area_ids, role_id=lists.roles[0].id,
                community_id=lists.communities[0].id, bio="Years of it.", capacity=2)))

    save([kept.id, lists.areas[2].id])  # kept until changed
    assert [a.id for a in mo.mentor_profile.areas] == [kept.id, lists.areas[2].id]
    with pytest.raises(InvalidInput) as refused:
        save([kept.id, other.id])  # a retired one the profile never had is not offered
    assert "no longer offered" in refused.value.errors["mentor_areas"]


def test_a_retired_theme_stays_on_diary_entries_marked_and_is_kept_as_a_tag(
    session: Session,
) -> None:
    register_member(session, actor=MEMBER, as_mentor=False, as_mentee=True,
                    identity=SlackIdentity(name="Mo"), now=NOW)
    form = diary.new_entry_form(session, actor=MEMBER, now=NOW)
    theme = form.theme_options[0]
    entry = diary.save_entry(session, actor=MEMBER, entry_id=None, now=NOW, answers=replace(
        form.answers, title="After our chat", reflection="Went well.", themes=[theme]))
    item = next(e for e in admin_list(session, actor=ADMIN, workspace_admin=True,
                                      kind=ListKind.THEME, now=NOW).current if e.label == theme)
    retire_item(session, actor=ADMIN, workspace_admin=True, item_id=item.id, now=NOW)
    for by_theme in (False, True):
        page = diary.diary_page(session, actor=MEMBER, page=0, by_theme=by_theme)
        assert page.rows[0][2] == [f"{theme} (retired)"]
    assert page.rows[0][0] == f"{theme} (retired)"  # the heading of its group
    assert theme not in diary.new_entry_form(session, actor=MEMBER, now=NOW).theme_options
    edit = diary.edit_entry_form(session, actor=MEMBER, entry_id=entry.id, now=NOW)
    assert edit.answers.themes == [] and edit.answers.tags == theme  # kept, as a tag


def test_two_admins_retiring_or_moving_one_entry_at_once_do_it_once(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as session:
        areas = seed.programme(session).areas  # the last retired; the second moved down
        first_id, second_id = areas[-1].id, areas[1].id

    def act(work: str) -> None:
        with sessions.begin() as session:
            if work == "retire":
                retire_item(session, actor=ADMIN, workspace_admin=True, item_id=first_id,
                            now=NOW)
            else:
                move_item(session, actor=OTHER_SAME_TEAM, workspace_admin=True,
                          item_id=second_id, seen_at=2, to=3, now=NOW)

    outcomes = at_once(act, ["retire", "retire", "move", "move"])
    assert outcomes == [None] * 4
    with sessions.begin() as session:
        assert sorted(a for a, _ in log(session)) == ["list.move", "list.retire"]
        shown = admin_list(session, actor=ADMIN, workspace_admin=True, kind=ListKind.AREA,
                           now=NOW)
        assert [e.id for e in shown.retired] == [first_id]
