"""Each surface costs the same number of SQL statements on a small and on a large programme.

Two workspaces are seeded side by side: in SMALL the busy member has one mentee, in LARGE
eight, with goals, meetings, requests and diary entries growing with them. A surface is
measured as its listener runs it (the use case and the rendering of its view) in a new
session, so nothing is served from an identity map a test filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from blocks.diary import diary_view
from blocks.goals import across_view, goals_view
from blocks.home import home_view
from blocks.meetings import meetings_view
from blocks.menu import menu_view
from blocks.search import criteria_from_profile
from bot import db
from domain import diary, goals, meetings
from domain.home.dashboard import load_dashboard
from domain.members import Actor, require_member
from domain.relationships import relationships_of
from domain.search import find_mentors
from tests.support.busy import BUSY, busy_programme
from tests.support.clock import FakeClock
from tests.support.statements import Statements, counting

SMALL, LARGE = "TSMALL", "TLARGE"
Surface = Callable[[Session, Actor, datetime], Any]


@pytest.fixture(scope="module")
def programmes(engine: Engine) -> Iterator[Engine]:
    """Both workspaces, seeded once for the module."""
    from tests.support.databases import wipe
    wipe(engine)
    now = FakeClock().now()
    with db.session_factory(engine).begin() as session:
        busy_programme(session, team_id=SMALL, size=1, now=now)
        busy_programme(session, team_id=LARGE, size=8, now=now)
    yield engine
    wipe(engine)


def cost(engine: Engine, team_id: str, surface: Surface) -> Statements:
    """The statements one run of the surface sends, for the busy member of `team_id`."""
    now = FakeClock().now()
    with db.session_factory(engine).begin() as session, counting(engine) as statements:
        surface(session, Actor(team_id, BUSY), now)
    return statements


def home(session: Session, actor: Actor, now: datetime) -> Any:
    return home_view(load_dashboard(session, actor=actor, now=now))


def menu(session: Session, actor: Actor, now: datetime) -> Any:
    dashboard = load_dashboard(session, actor=actor, now=now)
    return menu_view(dashboard.programme.name, dashboard.member)


def search(session: Session, actor: Actor, now: datetime) -> Any:
    member = require_member(session, actor=actor)
    return find_mentors(session, team_id=actor.team_id, searcher_id=member.id,
                        criteria=criteria_from_profile(member))


def goals_across(session: Session, actor: Actor, now: datetime) -> Any:
    return across_view(*goals.goals_across(session, actor=actor, now=now, per_pair=5))


def _first_pair(session: Session, actor: Actor) -> int:
    return relationships_of(session, member=require_member(session, actor=actor))[-1].id


def goals_list(session: Session, actor: Actor, now: datetime) -> Any:
    return goals_view(goals.goals_of(session, actor=actor, now=now,
                                     relationship_id=_first_pair(session, actor)))


def meetings_list(session: Session, actor: Actor, now: datetime) -> Any:
    return meetings_view(meetings.meetings_of(session, actor=actor, now=now,
                                              relationship_id=_first_pair(session, actor)))


def diary_list(session: Session, actor: Actor, now: datetime) -> Any:
    return diary_view(diary.diary_page(session, actor=actor, page=1, by_theme=False))


def diary_by_theme(session: Session, actor: Actor, now: datetime) -> Any:
    return diary_view(diary.diary_page(session, actor=actor, page=1, by_theme=True))


SURFACES = [home, menu, search, goals_across, goals_list, meetings_list, diary_list,
            diary_by_theme]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.__name__)
def test_costs_the_same_whatever_the_size(programmes: Engine, surface: Surface) -> None:
    small, large = cost(programmes, SMALL, surface), cost(programmes, LARGE, surface)
    print(f"\n{surface.__name__}: small {len(small)} large {len(large)}")
    assert len(small) == len(large), f"small:\n{small}\nlarge:\n{large}"
