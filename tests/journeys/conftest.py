"""Fixtures the journeys share: a matched pair to start from, mentorbot installed by OAuth."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from blocks.payloads import RelationshipRef, value
from tests.journeys.install_steps import Distributed, serving_distributed
from tests.journeys.steps import match_pair
from tests.support import snapshots
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_users import FakeUser
from tests.support.slack_requests import SlackRequests


@dataclass(frozen=True)
class MadePair:
    """What match_pair left behind: the database's rows, the fake's users, the pair's id."""

    rows: snapshots.Snapshot
    users: list[FakeUser]
    relationship: int


@pytest.fixture(scope="session")
def made_pairs() -> dict[str, MadePair]:
    """The pair as the first test on each database made it, by database URL."""
    return {}


@pytest.fixture
def pair(slack: SlackRequests, fake_slack: FakeSlack, clean_engine: Engine,
         made_pairs: dict[str, MadePair]) -> int:
    """Alice (New York, "Zoë Ngô") is John's (London, "Дмитрий Ωμέγα") mentee: their
    relationship id.

    The first test on each database makes the pair as people do, over HTTP; later tests start
    from the rows and fake users it left, put back, which costs a fraction of the journey.
    """
    key = clean_engine.url.render_as_string(hide_password=False)
    made = made_pairs.get(key)
    if made is None:
        relationship = match_pair(slack, fake_slack)
        made = made_pairs[key] = MadePair(snapshots.take(clean_engine),
                                          fake_slack.known_users(), relationship)
    else:
        snapshots.restore(clean_engine, made.rows)
        fake_slack.add_known_users(made.users)
    return made.relationship


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
