"""The programme and its lists, cached per process and checked against the row's version."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot import db
from domain.model import ListItem, ListKind, Programme
from domain.programme import (
    DEFAULT_LISTS,
    ListEntry,
    choice_lists,
    ensure_programme,
    ensure_themes,
)
from tests.support.statements import counting

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def areas(sessions: Any) -> list[str]:
    with sessions.begin() as session:
        return [entry.label for entry in choice_lists(session, team_id="T1", now=NOW).areas]


def test_cached_reads_cost_one_small_statement_each_and_give_frozen_values(
    clean_engine: Engine,
) -> None:
    sessions = db.session_factory(clean_engine)
    with sessions.begin() as session:
        ensure_programme(session, team_id="T1", now=NOW)  # created: not cached uncommitted
    with sessions.begin() as session:
        first = ensure_programme(session, team_id="T1", now=NOW)
        lists = choice_lists(session, team_id="T1", now=NOW)
    with counting(clean_engine) as statements, sessions.begin() as session:
        again = ensure_programme(session, team_id="T1", now=NOW)
        lists_again = choice_lists(session, team_id="T1", now=NOW)
    assert again is first and lists_again is lists
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2 and all("FROM programmes" in s for s in selects)
    assert isinstance(lists.areas[0], ListEntry)
    assert [e.label for e in lists.areas] == list(DEFAULT_LISTS[ListKind.AREA])
    with pytest.raises(dataclasses.FrozenInstanceError):
        lists.areas[0].label = "changed"  # type: ignore[misc]


def test_a_change_made_by_another_process_is_seen_on_the_next_read(
    clean_engine: Engine,
) -> None:
    mine, theirs = db.session_factory(clean_engine), db.session_factory(clean_engine)
    assert "Port security" not in areas(mine)
    with theirs.begin() as session:
        session.add(ListItem(team_id="T1", kind=ListKind.AREA, label="Port security",
                             position=99, archived=False))
    assert areas(mine)[-1] == "Port security"
    with theirs.begin() as session:
        rail = session.scalars(select(ListItem).where(ListItem.label == "Port security")).one()
        rail.archived = True
    assert "Port security" not in areas(mine)
    with theirs.begin() as session:
        session.get_one(Programme, "T1").name = "Freight mentoring"
    with mine.begin() as session:
        assert ensure_programme(session, team_id="T1", now=NOW).name == "Freight mentoring"


def test_each_change_raises_the_version_in_its_own_transaction(clean_engine: Engine) -> None:
    sessions = db.session_factory(clean_engine)
    with sessions.begin() as session:
        before = ensure_programme(session, team_id="T1", now=NOW).version
        ensure_themes(session, team_id="T1")  # Core inserts: raised by hand
    with sessions.begin() as session:
        after_themes = ensure_programme(session, team_id="T1", now=NOW)
        assert after_themes.version == before + 1
        assert choice_lists(session, team_id="T1", now=NOW).themes
        ensure_themes(session, team_id="T1")  # nothing added: nothing raised
        session.add(ListItem(team_id="T1", kind=ListKind.ROLE, label="Harbour master",
                             position=50, archived=False))
        session.flush()
        # Inside the changing transaction the cache is passed by: it sees its own change.
        assert choice_lists(session, team_id="T1", now=NOW).roles[-1].label == "Harbour master"
    with sessions.begin() as session:
        assert ensure_programme(session, team_id="T1", now=NOW).version == before + 2


def test_a_change_rolled_back_is_never_kept(clean_engine: Engine) -> None:
    mine, theirs = db.session_factory(clean_engine), db.session_factory(clean_engine)
    with mine() as session, session.begin():
        ensure_programme(session, team_id="T1", now=NOW)  # created, then rolled back
        session.rollback()
    with theirs.begin() as session:
        created = choice_lists(session, team_id="T1", now=NOW)
    with mine.begin() as session:
        assert choice_lists(session, team_id="T1", now=NOW) == created
    with mine() as session, session.begin():
        session.add(ListItem(team_id="T1", kind=ListKind.AREA, label="Never", position=99))
        assert choice_lists(session, team_id="T1", now=NOW).areas[-1].label == "Never"
        session.rollback()
    with mine.begin() as session:
        assert "Never" not in [e.label for e in choice_lists(session, team_id="T1",
                                                              now=NOW).areas]
