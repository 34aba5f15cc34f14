"""App Home over HTTP: app_home_opened until views.publish costs the same statements at any size."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, update

from bot import db
from bot.app import Mentorbot
from domain.model import Member
from tests.conftest import SIGNING_SECRET
from tests.support.busy import BUSY, busy_programme
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.statements import Statements, counting

HOME_BUDGET = 12


def home_opened(engine: Engine, slack: SlackRequests, fake: FakeSlack) -> Statements:
    """The statements of one app_home_opened, from the request until Home reached Slack."""
    published = len(fake.calls_to("views.publish"))
    with counting(engine) as statements:
        assert slack.app_home_opened(BUSY).status == 200
        fake.wait_for("views.publish", published + 1)
    return statements


@pytest.mark.parametrize("admin", [False, True], ids=["member", "admin"])
def test_home_costs_the_same_for_one_mentee_and_for_eight(
    app: Mentorbot, server_url: str, clean_engine: Engine, fake_slack: FakeSlack,
    clock: FakeClock, admin: bool,
) -> None:
    # A workspace admin's Home has the Admin section: one statement more, within the budget.
    with db.session_factory(clean_engine).begin() as session:
        busy_programme(session, team_id="TSMALL", size=1, now=clock.now())
        busy_programme(session, team_id="TLARGE", size=8, now=clock.now())
        # What registering copied from Slack's profile (users.info is_admin).
        session.execute(update(Member).where(Member.slack_user_id == BUSY)
                        .values(workspace_admin=admin))
    costs = []
    for team in ("TSMALL", "TLARGE"):
        slack = SlackRequests(f"{server_url}/slack/events", SIGNING_SECRET, team_id=team,
                              settle=app.settle)
        costs.append(home_opened(clean_engine, slack, fake_slack))
    small, large = costs
    assert len(small) == len(large), f"small:\n{small}\nlarge:\n{large}"
    assert len(large) <= HOME_BUDGET, f"over budget:\n{large}"
    published = str(fake_slack.calls_to("views.publish")[-1].params)
    assert "Busy Bee" in published
    assert ("Open admin" in published) is admin
    assert not fake_slack.calls_to("users.info")  # a member's row says whether they are admin
