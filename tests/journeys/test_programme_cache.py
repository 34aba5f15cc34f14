"""Two app instances on one database: an admin's change in one shows in the other at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from blocks import ids
from bot.app import Mentorbot, create_app
from domain.model import ListItem, ListKind
from tests.conftest import settings_for
from tests.journeys.steps import join_as_mentee, search
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests


@pytest.fixture
def other_app(app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock) -> Iterator[Mentorbot]:
    """A second mentorbot on the same database, as another worker process would be."""
    other = create_app(settings_for(fake_slack), clock=clock.now, engine=app.engine,
                       migrate=False)
    yield other
    other.close()


def area_labels(view: dict[str, Any]) -> list[str]:
    block = next(b for b in view["blocks"] if b.get("block_id") == ids.SEARCH_AREAS)
    return [option["text"]["text"] for option in block["element"]["options"]]


def test_a_list_entry_added_elsewhere_is_offered_on_the_next_request(
    slack: SlackRequests, fake_slack: FakeSlack, other_app: Mentorbot
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Zoë Ngô")
    fake_slack.reset()
    assert "Port security" not in area_labels(search(slack, fake_slack, "UALICE"))
    with other_app.sessions.begin() as session:  # what an admin's change does to the rows
        session.add(ListItem(team_id="T1", kind=ListKind.AREA, label="Port security",
                             position=99, archived=False))
    fake_slack.reset()
    assert area_labels(search(slack, fake_slack, "UALICE"))[-1] == "Port security"
    with other_app.sessions.begin() as session:
        session.scalars(select(ListItem).where(ListItem.label == "Port security")).one() \
            .archived = True
    fake_slack.reset()
    assert "Port security" not in area_labels(search(slack, fake_slack, "UALICE"))
