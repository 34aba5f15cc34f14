"""Goals as a printable A4 PDF: one goal, or every goal of a relationship, with milestones."""

from __future__ import annotations

import re
from typing import Any

from fpdf import FPDF
from slack_sdk import WebClient

from bot.pdf_fonts import new_document
from bot.pdf_layout import day, field, texts_in, write

KIND_TITLES = {"milestone": "Milestone", "review": "Review", "outcome": "Outcome"}


def _goal(pdf: FPDF, goal: dict[str, Any]) -> None:
    write(pdf, goal["label"], size=16, style="B", height=8)
    pdf.ln(2)
    status = "Completed" if goal["status"] == "completed" else "Open"
    field(pdf, "Owner", goal["owner"])
    field(pdf, "Partner", goal["partner"])
    field(pdf, "Status", status + (f" on {day(goal['completed_on'])}"
                                    if goal.get("completed_on") else ""))
    field(pdf, "Set on", day(goal["created_on"]))
    field(pdf, "Expected completion", day(goal["due_on"]))
    field(pdf, "Details", goal["details"])
    if goal.get("outcome_note"):
        field(pdf, "Outcome note", goal["outcome_note"])
    write(pdf, "Milestones, reviews and outcomes", size=13, style="B", height=7)
    if not goal["milestones"]:
        write(pdf, "None recorded.", style="I")
    for item in goal["milestones"]:
        title = f"{day(item['happened_on'])} · {KIND_TITLES.get(item['kind'], item['kind'])}"
        write(pdf, title, size=10, style="B", height=5)
        write(pdf, item["text"])
        pdf.ln(1)


def goals_pdf(title: str, goals: list[dict[str, Any]]) -> bytes:
    """The PDF of the goals given (data from domain.goals.goal_export), one after another."""
    pdf = new_document(title, texts_in(goals))
    write(pdf, title, size=20, style="B", height=10)
    pdf.ln(4)
    if not goals:
        write(pdf, "No goals have been set yet.")
    for number, goal in enumerate(goals):
        if number:
            pdf.add_page()
        _goal(pdf, goal)
    return bytes(pdf.output())


def pdf_filename(title: str) -> str:
    """A file name from the title: 'goals-alice-kember.pdf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    return f"{slug or 'goals'}.pdf"


def attach_goals_pdf(client: WebClient, export: dict[str, Any], *, channel: str,
                     thread_ts: str) -> None:
    """Upload the goals PDF into the DM's thread; Slack's refusal is the outbox's to retry."""
    client.files_upload_v2(channel=channel, thread_ts=thread_ts,
                           content=goals_pdf(export["title"], export["goals"]),
                           filename=pdf_filename(export["title"]), title=export["title"])
