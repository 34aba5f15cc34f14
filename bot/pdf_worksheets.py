"""A SWOT or G-STAR worksheet as a printable A4 PDF, in the goal PDF's style."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.pdf_fonts import new_document
from bot.pdf_goals import pdf_filename
from bot.pdf_layout import day, field, texts_in, write


def worksheet_pdf(sheet: dict[str, Any]) -> bytes:
    """The PDF of one worksheet (data from domain.worksheets.worksheet_export)."""
    pdf = new_document(sheet["title"], texts_in(sheet))
    write(pdf, sheet["title"], size=20, style="B", height=10)
    pdf.ln(2)
    write(pdf, f"Last changed on {day(sheet['updated_on'])}", size=9, style="I", height=5)
    pdf.ln(4)
    for section in sheet["sections"]:
        field(pdf, section["label"], section["text"])
    return bytes(pdf.output())


def attach_worksheet_pdf(client: WebClient, sheet: dict[str, Any], *, channel: str,
                         thread_ts: str) -> None:
    """Upload the worksheet PDF into the DM's thread; Slack's refusal is the outbox's to retry."""
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=worksheet_pdf(sheet),
                           filename=pdf_filename(sheet["title"]), title=sheet["title"])
