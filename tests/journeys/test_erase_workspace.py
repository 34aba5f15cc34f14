"""`mentorbot erase-workspace`: every row of one workspace goes, in every table; another
workspace's rows all stay."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import Engine, func, select

from bot.app import Mentorbot
from bot.erase import erase_workspace_command
from domain.base import Base
from domain.programme import ensure_programme
from domain.workspace import WORKSPACELESS, workspace_reach
from tests.conftest import TEAM
from tests.journeys.steps import match_pair
from tests.support.fake_slack import FakeSlack
from tests.support.health_seed import at, hand_counted
from tests.support.slack_requests import SlackRequests

OTHER = "T2"


def _rows(engine: Engine) -> dict[str, int]:
    """How many rows every table of the schema holds."""
    with engine.connect() as connection:
        return {table.name: int(connection.scalar(
            select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables}


def _two_workspaces(app: Mentorbot, slack: SlackRequests, fake: FakeSlack) -> dict[str, int]:
    """Another workspace's programme with its people, pairs, meetings, goals and feedback,
    then a pair matched over HTTP in ours: the rows the other workspace has."""
    with app.sessions.begin() as session:
        ensure_programme(session, team_id=OTHER, now=at("2026-10-01"))
        hand_counted(session, team_id=OTHER)
    app.sender.deliver_due()  # its Home refreshes, published now rather than during ours
    others = _rows(app.engine)
    match_pair(slack, fake)
    return others


def test_every_table_can_be_reached_from_a_workspace() -> None:
    unreachable = [name for name, reach in workspace_reach().items() if reach is None]
    assert not unreachable, f"add a team_id or a foreign key to reach: {unreachable}"
    assert set(workspace_reach()) | set(WORKSPACELESS) == set(Base.metadata.tables)


def test_erase_deletes_every_row_of_one_workspace_only(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    others = _two_workspaces(app, slack, fake_slack)
    before = _rows(app.engine)
    ours = {name: before[name] - others[name] for name in before if before[name] > others[name]}
    assert {"members", "relationships", "proposals", "outbox", "programmes"} <= set(ours)

    # A wrong answer at the prompt deletes nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO("T9\n"))
    assert not erase_workspace_command(app.engine, TEAM, confirmed=False)
    said = capsys.readouterr().out
    assert f"members: {ours['members']}" in said and "Nothing was deleted." in said
    assert _rows(app.engine) == before

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TEAM}\n"))
    assert erase_workspace_command(app.engine, TEAM, confirmed=False)
    assert f"Deleted {sum(ours.values())} rows" in capsys.readouterr().out
    assert _rows(app.engine) == others
    # Once gone, there is nothing left to erase.
    assert not erase_workspace_command(app.engine, TEAM, confirmed=True)


def test_erase_without_asking_for_scripts(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
        monkeypatch: pytest.MonkeyPatch) -> None:
    others = _two_workspaces(app, slack, fake_slack)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nobody there to answer
    assert erase_workspace_command(app.engine, TEAM, confirmed=True)
    assert _rows(app.engine) == others
