"""The health summary: within Slack's limits, people's words escaped, the notice in place."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from blocks import ids
from blocks.admin_health import (
    chart_block,
    health_view,
    hours_text,
    with_notice,
)
from domain.admin.health import HealthReport, build_report
from domain.model import RelationshipStatus, Stage
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts
from tests.support.clock import FakeClock
from tests.support.health_seed import at, feedback, hand_counted, member, pair


@pytest.fixture
def report(session: Session, clock: FakeClock) -> HealthReport:
    people = hand_counted(session)
    for n in range(30):  # many long comments, one trying to ping everyone
        mentee = member(session, "T1", f"UC{n}", "2026-11-01", mentee=True)
        together = pair(session, mentee, people["M2"], RelationshipStatus.COMPLETED,
                        Stage.COMPLETION, at("2026-11-01"), at("2026-11-10"))
        feedback(session, together, mentee, 4, "fully", True, at("2026-11-11", n % 20),
                 worked="<!channel> " + "great " * 600, better="x" * 3000)
    return build_report(session, team_id="T1", name="<!here> Programme", now=clock.now())


def test_the_summary_fits_slack_and_escapes_what_people_wrote(report: HealthReport) -> None:
    view = health_view(report)
    assert_fits_slack(view)
    assert all("<!channel>" not in text for text in mrkdwn_texts(view))
    assert "&lt;!channel&gt;" in json.dumps(view)
    assert sum(1 for b in view["blocks"] if b["type"] == "context") == 1 + 5  # about + 5


def test_the_notice_replaces_the_last_one(report: HealthReport) -> None:
    view = {**health_view(report, notice="First"), "id": "V1"}
    again = with_notice(view, "Second")
    notices = [b for b in again["blocks"] if b.get("block_id") == ids.ADMIN_HEALTH_NOTICE]
    assert len(notices) == 1 and "Second" in json.dumps(notices)
    assert len(again["blocks"]) == len(view["blocks"])


def test_the_chart_and_hours(report: HealthReport) -> None:
    assert chart_block("F123", report.period)["slack_file"] == {"id": "F123"}
    assert (hours_text(None), hours_text(6.0), hours_text(159.0)) == ("–", "6 h", "6.6 days")
