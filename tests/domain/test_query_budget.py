"""Each surface costs the same number of SQL statements on a small and on a large programme.

Two workspaces are seeded side by side: in SMALL the busy member has one mentee, in LARGE
eight, with goals, meetings, requests and diary entries growing with them. A surface is
measured as its listener runs it (the use case and the rendering of its view) in a new
session, so nothing is served from an identity map the seeding filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from blocks.account import account_view
from blocks.diary import diary_view
from blocks.goals import across_view, goals_view
from blocks.help import help_view
from blocks.home import home_view
from blocks.meetings import meetings_view
from blocks.menu import menu_view
from blocks.search import criteria_from_profile, search_view
from bot import db
from domain import account, diary, goals, meetings
from domain.help import help_context
from domain.home.dashboard import load_dashboard
from domain.home.menu import menu_of
from domain.members import Actor, require_member
from domain.programme import programme_lists
from domain.relationships import relationships_of
from domain.search import find_mentors
from tests.support.busy import BUSY, busy_programme
from tests.support.clock import FakeClock
from tests.support.databases import wipe
from tests.support.statements import Statements, counting

SMALL, LARGE = "TSMALL", "TLARGE"


@dataclass(frozen=True)
class Visit:
    """Who looks at a surface, when, and at which of their relationships."""

    actor: Actor
    now: datetime
    pair: int


Surface = Callable[[Session, Visit], Any]


@pytest.fixture(scope="module")
def programmes(engine: Engine) -> Iterator[Engine]:
    """Both workspaces, seeded once for the module."""
    wipe(engine)
    now = FakeClock().now()
    with db.session_factory(engine).begin() as session:
        busy_programme(session, team_id=SMALL, size=1, now=now)
        busy_programme(session, team_id=LARGE, size=8, now=now)
    yield engine
    wipe(engine)


def visit(engine: Engine, team_id: str) -> Visit:
    """The busy member of `team_id`, looking at their oldest current relationship."""
    actor = Actor(team_id, BUSY)
    with db.session_factory(engine)() as session:
        pairs = relationships_of(session, member=require_member(session, actor=actor))
    return Visit(actor, FakeClock().now(), pairs[-1].id)


def cost(engine: Engine, team_id: str, surface: Surface) -> Statements:
    """The statements one run of the surface sends, in a session of its own."""
    seen = visit(engine, team_id)
    with db.session_factory(engine).begin() as session, counting(engine) as statements:
        surface(session, seen)
    return statements


def home(session: Session, seen: Visit) -> Any:
    return home_view(load_dashboard(session, actor=seen.actor, now=seen.now))


def home_of_an_admin(session: Session, seen: Visit) -> Any:
    """Home with its Admin section: the headline numbers are one statement more."""
    dashboard = load_dashboard(session, actor=seen.actor, now=seen.now, workspace_admin=True)
    assert dashboard.admin is not None
    return home_view(dashboard)


def menu(session: Session, seen: Visit) -> Any:
    shown = menu_of(session, actor=seen.actor, now=seen.now)
    assert shown.member is not None
    return menu_view(shown.programme_name, shown.member)


def search(session: Session, seen: Visit) -> Any:
    member = require_member(session, actor=seen.actor)
    criteria = criteria_from_profile(member)
    return search_view(programme_lists(session, team_id=seen.actor.team_id), criteria,
                       find_mentors(session, team_id=seen.actor.team_id, searcher_id=member.id,
                                    criteria=criteria))


def goals_across(session: Session, seen: Visit) -> Any:
    return across_view(*goals.goals_across(session, actor=seen.actor, now=seen.now, per_pair=5))


def goals_list(session: Session, seen: Visit) -> Any:
    return goals_view(goals.goals_of(session, actor=seen.actor, now=seen.now,
                                     relationship_id=seen.pair))


def meetings_list(session: Session, seen: Visit) -> Any:
    return meetings_view(meetings.meetings_of(session, actor=seen.actor, now=seen.now,
                                              relationship_id=seen.pair))


def diary_list(session: Session, seen: Visit) -> Any:
    return diary_view(diary.diary_page(session, actor=seen.actor, page=1, by_theme=False))


def diary_by_theme(session: Session, seen: Visit) -> Any:
    return diary_view(diary.diary_page(session, actor=seen.actor, page=1, by_theme=True))


def help_modal(session: Session, seen: Visit) -> Any:
    """Help with a keyword searched for: the programme, the reader and whom to ask."""
    return help_view(help_context(session, actor=seen.actor, now=seen.now), "meeting")


def account_modal(session: Session, seen: Visit) -> Any:
    """The Account modal: the member, their profiles and their muted reminders."""
    return account_view(account.open_account(session, actor=seen.actor))


# The most statements each surface may send. Home and the menu are the budgets; the
# others are what they cost now, so that a change which adds a query says so here.
BUDGETS: dict[Surface, int] = {
    home: 12, home_of_an_admin: 12, menu: 6, search: 7, goals_across: 6, goals_list: 6,
    meetings_list: 6, diary_list: 6, diary_by_theme: 6, help_modal: 3,
    # Account: one more for the people the member blocked, listed with Unblock (issue 13).
    account_modal: 5,
}


@pytest.mark.parametrize("surface", BUDGETS, ids=lambda s: s.__name__)
def test_a_surface_costs_the_same_whatever_the_size(programmes: Engine, surface: Surface
                                                     ) -> None:
    small, large = cost(programmes, SMALL, surface), cost(programmes, LARGE, surface)
    assert len(small) == len(large), f"small:\n{small}\nlarge:\n{large}"
    assert len(large) <= BUDGETS[surface], f"over budget:\n{large}"
