"""The learning diary as a PDF: every entry, oldest first, in its author's own words."""

from __future__ import annotations

from datetime import datetime

from fpdf import FPDF
from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.pdf_fonts import new_document
from bot.pdf_layout import write
from domain.diary import entries_to_export
from domain.meetings.times import zone_of
from domain.members import Actor
from domain.model import DiaryEntry


def _entry(pdf: FPDF, entry: DiaryEntry, themes: list[str]) -> None:
    write(pdf, entry.title, size=13, style="B", height=7)
    meta = entry.entry_date.strftime("%d %B %Y")
    if themes:
        meta += " · " + ", ".join(themes)
    write(pdf, meta, size=9, style="I", height=5)
    if entry.reflection:
        pdf.ln(1)
        write(pdf, entry.reflection)
    if entry.source_permalink:
        write(pdf, "From: " + entry.source_permalink, size=8, height=4)
    pdf.ln(5)


def diary_pdf(author: str, entries: list[tuple[DiaryEntry, list[str]]],
              generated: datetime) -> bytes:
    """The PDF bytes of an author's diary entries (already limited to their own);
    `generated` is in the author's own time zone."""
    texts = [author] + [text for entry, themes in entries
                        for text in (entry.title, entry.reflection or "", *themes)]
    pdf = new_document(f"Learning diary of {author}", texts)
    write(pdf, f"Learning diary of {author}", size=18, style="B", height=10)
    write(pdf, f"Private to its author · exported {generated:%d %B %Y}", size=9, style="I")
    pdf.ln(4)
    if not entries:
        write(pdf, "No entries yet.")
    for entry, themes in entries:
        _entry(pdf, entry, themes)
    return bytes(pdf.output())


def attach_diary_pdf(client: WebClient, sessions: sessionmaker[Session], actor: Actor,
                     now: datetime, *, channel: str, thread_ts: str) -> None:
    """Build the recipient's own diary PDF and upload it under their export DM."""
    with sessions() as session:
        me, entries = entries_to_export(session, actor=actor)
        content = diary_pdf(me.name or "you", entries, now.astimezone(zone_of(me.tz)))
        session.rollback()
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=content,
                           filename="learning-diary.pdf", title="Learning diary")
