"""Journey: either of a pair downloads a SWOT or G-STAR worksheet as a PDF, in any script."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from blocks import ids, payloads
from blocks.payloads import value
from bot.app import Mentorbot
from domain.model import Member
from tests.journeys.goal_steps import act, menu_choice, open_goals, set_goal
from tests.journeys.steps import button_values, choose
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually

SECTIONS = {
    "worksheet.strengths": "Attend CILT(UK) event — 東京 Zoë\nΕλληνικά και Русский",
    "worksheet.weaknesses": "مرحبا بالعالم\nשלום עולם",
    "worksheet.opportunities": "नमस्ते दुनिया\nสวัสดีชาวโลก",
    "worksheet.threats": "Tiếng Việt có dấu",
}


def sheet_of(pair_id: int, author: int | None = None) -> str:
    """The value of Download (PDF) on a SWOT: one's own, or the author's."""
    return value(payloads.Worksheet("swot", pair_id, author))


def open_sheet(slack: SlackRequests, fake: FakeSlack, user: str, pair_id: int
               ) -> dict[str, Any]:
    before = len(fake.calls_to("views.open"))
    choose(slack, user, ids.GOAL_MENU, menu_choice("swot", pair_id))
    fake.wait_for("views.open", before + 1)
    return fake.latest_modal()


def download(slack: SlackRequests, fake: FakeSlack, user: str, sheet: dict[str, Any], value: str
             ) -> tuple[str, str]:
    """Press Download (PDF); the PDF's text and the DM's text, once the upload arrived."""
    before = len(fake.uploaded_files)
    assert slack.block_action(user, ids.WORKSHEET_DOWNLOAD, value=value, view=sheet).status == 200
    upload = eventually(lambda: fake.uploaded_files[before:], bool, "the PDF upload")[0]
    assert upload["filename"] == "swot-of-zo-ng.pdf"
    pages = PdfReader(io.BytesIO(upload["content"])).pages
    dm = fake.calls_to("chat.postMessage")[-1].params["text"]
    return "\n".join(page.extract_text() for page in pages), dm


def test_either_partner_downloads_a_worksheet_in_every_script_dated_where_they_are(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock,
    pair: int,
) -> None:
    # 11:30 UTC on 23 November is the 23rd in New York (Alice) and the 24th in Auckland (John).
    clock.advance(hours=2, minutes=30)
    assert clock.now() == datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
    sheet = open_sheet(slack, fake_slack, "UALICE", pair)
    assert slack.view_submission("UALICE", sheet, fill(sheet, SECTIONS)).status == 200
    with app.sessions.begin() as session:
        members = {m.slack_user_id: m for m in session.scalars(select(Member))}
        members["UJOHN"].tz = "Pacific/Auckland"
        alice_id = members["UALICE"].id
    johns = open_sheet(slack, fake_slack, "UJOHN", pair)
    assert button_values(johns, ids.WORKSHEET_DOWNLOAD) == [sheet_of(pair, alice_id)]
    text, dm = download(slack, fake_slack, "UJOHN", johns, sheet_of(pair, alice_id))
    assert "SWOT of Zoë Ngô" in dm
    lines = text.split("\n")
    for written in SECTIONS.values():
        for line in written.split("\n"):
            assert line in lines, (line, text)
    assert not any(mark in text for mark in ("□", "\ufffd", "?")), text
    assert "Last changed on 24 November 2026" in text
    # Alice downloads her own, dated where she is.
    alices = open_sheet(slack, fake_slack, "UALICE", pair)
    assert button_values(alices, ids.WORKSHEET_DOWNLOAD)[0] == sheet_of(pair)
    text, _ = download(slack, fake_slack, "UALICE", alices, sheet_of(pair))
    assert "Last changed on 23 November 2026" in text and "東京" in text


def test_a_goal_pdf_dates_the_goal_where_its_reader_is(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock,
    pair: int,
) -> None:
    clock.advance(hours=2, minutes=30)  # 11:30 UTC: the 23rd in New York, the 24th in Auckland
    _, goal_id = set_goal(slack, fake_slack, pair, "Visit the 東京 depot", "2026-12-01")
    with app.sessions.begin() as session:
        john = session.scalars(select(Member).where(Member.slack_user_id == "UJOHN")).one()
        john.tz = "Pacific/Auckland"
    for user, set_on in (("UJOHN", "24 November 2026"), ("UALICE", "23 November 2026")):
        before = len(fake_slack.uploaded_files)
        choose(slack, user, ids.GOAL_ACTIONS, act("pdf", goal_id),
               open_goals(slack, fake_slack, user, pair))
        upload = eventually(lambda start=before: fake_slack.uploaded_files[start:], bool,
                            "the upload")[0]
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(upload["content"])).pages)
        assert f"Set on\n{set_on}" in text, (user, text)
