"""Fixtures the journeys share: a matched pair to start from."""

from __future__ import annotations

import pytest

from blocks.payloads import RelationshipRef, value
from tests.journeys.steps import match_pair
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
