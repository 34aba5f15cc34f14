"""Fixtures the journeys share: a matched pair to start from, mentorbot installed by OAuth."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from blocks.payloads import RelationshipRef, value
from tests.journeys.install_steps import Distributed, serving_distributed
from tests.journeys.steps import match_pair
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests


@pytest.fixture
def pair(slack: SlackRequests, fake_slack: FakeSlack) -> int:
    """Alice (New York, "Zoë Ngô") is John's (London, "Дмитрий Ωμέγα") mentee: their
    relationship id."""
    return match_pair(slack, fake_slack)


@pytest.fixture
def pair_ref(pair: int) -> str:
    """The pair's relationship as the buttons of their cards carry it."""
    return value(RelationshipRef(pair))


@pytest.fixture
def distributed(clean_engine: Engine, fake_slack: FakeSlack,
                clock: FakeClock) -> Iterator[Distributed]:
    """mentorbot with a client id and secret and no bot token, served on 127.0.0.1."""
    with serving_distributed(clean_engine, fake_slack, clock) as app:
        yield app
