"""Showing the charts inline waits for Slack to finish the upload, and falls back to a file."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.health_report import CHART_PAUSES, show_health_chart
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.health_seed import hand_counted


@pytest.fixture
def payload(sessions: sessionmaker[Session], clock: FakeClock) -> dict[str, Any]:
    """What the outbox row of an admin's PDF request holds, on the hand-counted programme."""
    with sessions.begin() as session:
        hand_counted(session)
    return {"programme": "Mentoring programme", "period": "Dec 2025 – Nov 2026",
            "health_pdf": {"team_id": "T1", "as_of": clock.now().isoformat()}}


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake_slack.base_url)


def test_an_image_block_refused_while_the_upload_finishes_is_tried_again(
    client: WebClient, fake_slack: FakeSlack, sessions: sessionmaker[Session],
    payload: dict[str, Any]
) -> None:
    fake_slack.fail_next("chat.update", times=2, error="invalid_blocks")
    pauses: list[float] = []
    show_health_chart(client, sessions, payload, channel="DUBOSS", thread_ts="1.000100",
                      pause=pauses.append)
    assert pauses == list(CHART_PAUSES[:2])
    updates = fake_slack.calls_to("chat.update")
    assert len(updates) == 3 and updates[-1].params["blocks"][-1]["type"] == "image"
    assert [f["channel_id"] for f in fake_slack.uploaded_files] == [None]


def test_still_refused_the_chart_is_shared_as_a_file_in_the_dm(
    client: WebClient, fake_slack: FakeSlack, sessions: sessionmaker[Session],
    payload: dict[str, Any]
) -> None:
    fake_slack.fail_next("chat.update", times=len(CHART_PAUSES) + 1, error="invalid_blocks")
    pauses: list[float] = []
    show_health_chart(client, sessions, payload, channel="DUBOSS", thread_ts="1.000100",
                      pause=pauses.append)
    assert pauses == list(CHART_PAUSES)
    assert [f["channel_id"] for f in fake_slack.uploaded_files] == [None, "DUBOSS"]
