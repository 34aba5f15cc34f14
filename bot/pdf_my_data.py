"""See what is stored: the person's data as a JSON file and a readable PDF in their DM."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fpdf import FPDF
from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.pdf_fonts import new_document
from bot.pdf_layout import texts_in, write
from domain.members import Actor
from domain.personal_data import export_personal_data

JSON_NAME = "mentorbot-my-data.json"
PDF_NAME = "mentorbot-my-data.pdf"
HEADINGS = {
    "member": "About you", "settings": "Your settings", "mentor_profile": "Mentor profile",
    "mentee_profile": "Mentee profile", "proposals": "Requests sent and received",
    "relationships": "Mentoring relationships", "messages": "Messages you wrote",
    "meetings": "Meetings", "goals": "Goals and milestones", "worksheets": "Worksheets",
    "diary": "Learning diary", "feedback": "Feedback you gave",
    "support_requests": "Support requests you sent", "reminders": "Reminders sent to you",
    "admin_actions": "What you did as a programme admin",
}


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    """A value as one readable line or paragraph."""
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "\n".join(f"{_label(k)}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return ", ".join(_shown(item) for item in value)
        return "\n".join("• " + _shown(item).replace("\n", "; ") for item in value)
    return str(value)


def _fields(pdf: FPDF, data: dict[str, Any]) -> None:
    for key, value in data.items():
        write(pdf, f"{_label(key)}: {_shown(value)}", size=10, height=5)
    pdf.ln(3)


def _section(pdf: FPDF, key: str, data: Any) -> None:
    write(pdf, HEADINGS.get(key, _label(key)), size=14, style="B", height=8)
    if not data:
        write(pdf, "Nothing stored.", size=10, style="I", height=5)
        pdf.ln(3)
    elif isinstance(data, dict):
        _fields(pdf, data)
    else:
        for item in data:
            _fields(pdf, item)


def my_data_pdf(document: dict[str, Any]) -> bytes:
    """The PDF bytes of an export document: a heading per section, each row's fields."""
    name = document["member"]["name"] or "you"
    pdf = new_document(f"What the mentoring programme holds about {name}",
                       [name, *texts_in(document)])
    write(pdf, f"What the mentoring programme holds about {name}", size=18, style="B",
          height=10)
    write(pdf, f"Private to you · exported {document['exported_at'][:10]}", size=9, style="I")
    pdf.ln(4)
    for key in HEADINGS:
        _section(pdf, key, document.get(key))
    return bytes(pdf.output())


def _document(sessions: sessionmaker[Session], actor: Actor, now: datetime) -> dict[str, Any]:
    """The export read afresh when the DM goes out (read only: rolled back)."""
    with sessions() as session:
        document = export_personal_data(session, actor=actor, now=now)
        session.rollback()
    return document


def attach_my_data_json(client: WebClient, sessions: sessionmaker[Session], actor: Actor,
                        now: datetime, *, channel: str, thread_ts: str) -> None:
    """Upload the person's data as JSON under their export DM."""
    content = json.dumps(_document(sessions, actor, now), ensure_ascii=False, indent=2)
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=content.encode(),
                           filename=JSON_NAME, title="Your data (JSON)")


def attach_my_data_pdf(client: WebClient, sessions: sessionmaker[Session], actor: Actor,
                       now: datetime, *, channel: str, thread_ts: str) -> None:
    """Upload the person's data as a readable PDF under their export DM."""
    content = my_data_pdf(_document(sessions, actor, now))
    client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=content,
                           filename=PDF_NAME, title="Your data (PDF)")
