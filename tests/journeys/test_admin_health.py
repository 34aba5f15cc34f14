"""Journey: an admin reads the programme's health, gets the PDF with its charts inline and the
CSVs in their DM; anyone else is refused, whatever they send."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from pypdf import PdfReader

from blocks import ids
from bot.app import Mentorbot
from domain.admin import ADMIN_ONLY
from tests.journeys.steps import dms_to, text_of
from tests.support.block_limits import assert_fits_slack, walk
from tests.support.fake_slack import FakeSlack
from tests.support.health_seed import SECRET, hand_counted
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually, settled

ADMIN, MEMBER = "UBOSS", "UE1"


@pytest.fixture
def programme(app: Mentorbot, fake_slack: FakeSlack) -> None:
    """The hand-counted programme, its admin (a Slack workspace admin) and a member."""
    with app.sessions.begin() as session:
        hand_counted(session)
    fake_slack.add_user(ADMIN, name="Bea Boss", is_admin=True)
    fake_slack.add_user(MEMBER, name="Ed Member")


def open_summary(slack: SlackRequests, fake: FakeSlack, user: str) -> dict[str, Any]:
    """Click Programme health (on Home); the summary once its figures are in."""
    assert slack.block_action(user, ids.ADMIN_HEALTH_OPEN).status == 200
    opened = fake.wait_for("views.open")[-1]
    assert opened.params["view"]["callback_id"] == ids.ADMIN_HEALTH_VIEW  # at once: counting
    return eventually(fake.latest_modal, lambda v: "Members: 6" in text_of(v),
                      "the summary with its figures")


def words(view: dict[str, Any]) -> str:
    """Every text the view shows, one per line."""
    return "\n".join(node["text"] for node in walk(view) if isinstance(node.get("text"), str))


def uploads(fake: FakeSlack, name_start: str) -> list[dict[str, Any]]:
    return [f for f in fake.uploaded_files if f["filename"].startswith(name_start)]


def test_the_admin_reads_the_summary_with_trends(
    programme: None, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    summary = open_summary(slack, fake_slack, ADMIN)
    assert_fits_slack(summary)
    shown = words(summary)
    assert "Mentoring programme: Dec 2025 – Nov 2026" in shown
    assert "6*  ·  3 mentors, 4 mentees (1 both)" in shown
    assert "*Sent*\n3 ↑ (Oct 2026: 2)" in shown  # this month against the last
    assert "*Accepted*\n1 → (Oct 2026: 1)" in shown
    # The November median is 159 h, against 24 h in October and over the 12 months.
    assert "6.6 days ↑ (Oct 2026: 24 h)\n12 months: 24 h" in shown
    assert "Relationships: 2 active*, 1 completed, 1 ended early" in shown
    assert "First conversation 1 · Progression 1 · Completion 0" in shown
    assert "3 answers · average rating 3.7 / 5 · 67% would recommend" in shown
    assert "More time" in shown and "Clear goals" in shown
    for private in (SECRET, "Name of", "Private", "UE1"):
        assert private not in shown


def test_the_admin_gets_the_pdf_with_the_charts_inline_once_however_often_they_click(
    app: Mentorbot, programme: None, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    summary = open_summary(slack, fake_slack, ADMIN)
    for _ in range(2):  # a double click
        assert slack.block_action(ADMIN, ids.ADMIN_HEALTH_PDF, view=summary).status == 200
    eventually(lambda: uploads(fake_slack, "programme-health-"), bool, "the PDF")
    settled(app)
    dms = [m for m in dms_to(fake_slack, ADMIN) if "health report" in m["text"]]
    assert len(dms) == 1
    # The charts: uploaded privately, then shown in the DM itself through slack_file.
    png = uploads(fake_slack, "programme-health.png")
    assert len(png) == 1 and png[0]["channel_id"] is None
    assert png[0]["content"].startswith(b"\x89PNG")
    completed = fake_slack.calls_to("files.completeUploadExternal")
    png_id = next(c.params["files"][0]["id"] for c in completed if not c.params.get("channel_id"))
    update = fake_slack.calls_to("chat.update")[-1].params
    assert update["channel"] == f"D{ADMIN}"
    image = [b for b in update["blocks"] if b["type"] == "image"]
    assert image == [{"type": "image", "block_id": ids.ADMIN_HEALTH_CHART,
                      "slack_file": {"id": png_id}, "title": image[0]["title"],
                      "alt_text": image[0]["alt_text"]}]
    # The PDF, shared into the DM: it opens, with the figures and the charts.
    pdf = uploads(fake_slack, "programme-health-")
    assert len(pdf) == 1 and pdf[0]["channel_id"] == f"D{ADMIN}"
    reader = PdfReader(io.BytesIO(pdf[0]["content"]))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Mentor requests sent" in text and "Clear goals" in text
    assert sum(len(page.images) for page in reader.pages) >= 3
    # The summary says what is on its way.
    notice = eventually(lambda: text_of(fake_slack.views[summary["id"]]),
                        lambda t: "on its way" in t, "the notice in the summary")
    assert "The PDF with its charts is on its way" in notice


def test_the_admin_gets_the_csvs(
    app: Mentorbot, programme: None, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    summary = open_summary(slack, fake_slack, ADMIN)
    assert slack.block_action(ADMIN, ids.ADMIN_HEALTH_CSV, view=summary).status == 200
    eventually(lambda: [f for f in fake_slack.uploaded_files if f["filename"].endswith(".csv")],
               lambda found: len(found) == 5, "five CSV files")
    files = {f["filename"].split("-")[0]: f for f in fake_slack.uploaded_files}
    assert set(files) == {"members", "relationships", "goals", "meetings", "feedback"}
    assert all(f["channel_id"] == f"D{ADMIN}" for f in files.values())
    rows = {name: list(csv.DictReader(io.StringIO(f["content"].decode("utf-8-sig"))))
            for name, f in files.items()}
    assert files["members"]["content"].startswith(b"\xef\xbb\xbf")
    assert [len(rows[n]) for n in ("members", "relationships", "goals", "meetings",
                                   "feedback")] == [6, 4, 3, 4, 3]
    assert rows["goals"][0]["set_on"] == "2026-10-12"
    wait_dm = [m for m in dms_to(fake_slack, ADMIN) if "CSV exports" in m["text"]]
    assert len(wait_dm) == 1


@pytest.mark.parametrize("action_id", [ids.ADMIN_HEALTH_OPEN, ids.ADMIN_HEALTH_PDF,
                                       ids.ADMIN_HEALTH_CSV])
def test_a_member_is_refused_and_gets_nothing(
    app: Mentorbot, programme: None, slack: SlackRequests, fake_slack: FakeSlack,
    action_id: str
) -> None:
    forged = {"type": "modal", "id": "VFORGED", "callback_id": ids.ADMIN_HEALTH_VIEW,
              "blocks": [{"type": "actions", "elements": [
                  {"type": "button", "action_id": action_id, "text": {"type": "plain_text",
                                                                      "text": "x"}}]}]}
    slack.block_action(MEMBER, action_id, view=forged if action_id != ids.ADMIN_HEALTH_OPEN
                       else None)
    notice = eventually(lambda: [c.params["view"] for c in fake_slack.calls_to("views.open")
                                 + fake_slack.calls_to("views.push")],
                        bool, "the refusal")[-1]
    assert ADMIN_ONLY in text_of(notice)
    settled(app)
    assert not fake_slack.uploaded_files
    assert not [m for m in dms_to(fake_slack, MEMBER) if "health" in m.get("text", "")]
    assert not [c for c in fake_slack.calls_to("views.update")]
