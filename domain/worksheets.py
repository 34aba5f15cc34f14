"""SWOT and G-STAR worksheets: each of a pair keeps their own; the partner may read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from domain import outbox
from domain.base import insert_ignoring_duplicates
from domain.errors import InvalidInput, NotFound
from domain.meetings.times import zone_of
from domain.members import Actor, require_member
from domain.model import OutboxKind, Worksheet, WorksheetKind, member_of
from domain.relationships import Pairing, pairing_for
from domain.text import check_text

MAX_SECTION = 2000
SECTIONS: dict[WorksheetKind, tuple[tuple[str, str], ...]] = {
    WorksheetKind.SWOT: (("strengths", "Strengths"), ("weaknesses", "Weaknesses"),
                         ("opportunities", "Opportunities"), ("threats", "Threats")),
    WorksheetKind.GSTAR: (("goal", "Goal"), ("situation", "Situation"), ("task", "Task"),
                          ("action", "Action"), ("result", "Result")),
}
TITLES = {WorksheetKind.SWOT: "SWOT", WorksheetKind.GSTAR: "G-STAR"}


@dataclass(frozen=True)
class WorksheetPair:
    """One kind of worksheet in a relationship: the viewer's own and the partner's."""

    kind: str
    pairing: Pairing
    mine: dict[str, str]
    theirs: dict[str, str] | None


def _kind(kind: str) -> str:
    if member_of(WorksheetKind, kind) is None:
        raise NotFound("Sorry, there is no such worksheet.")
    return kind


def _sections_of(session: Session, relationship_id: int, author_id: int, kind: str
                 ) -> Worksheet | None:
    return session.scalars(select(Worksheet).where(
        Worksheet.relationship_id == relationship_id, Worksheet.author_id == author_id,
        Worksheet.kind == kind).options(joinedload(Worksheet.author))).one_or_none()


def open_worksheets(session: Session, *, actor: Actor, relationship_id: int,
                    kind: str) -> WorksheetPair:
    """The viewer's worksheet of this kind (empty when new) and the partner's, if written."""
    kind = _kind(kind)
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    mine = _sections_of(session, relationship_id, me.id, kind)
    theirs = _sections_of(session, relationship_id, pairing.partner.id, kind)
    return WorksheetPair(kind, pairing, dict(mine.sections) if mine else {},
                         dict(theirs.sections) if theirs else None)


def check_sections(kind: str, answers: dict[str, str]) -> dict[str, str]:
    """The worksheet's sections cleaned, or InvalidInput naming each one too long."""
    errors: dict[str, str] = {}
    cleaned = {name: check_text(errors, name, answers.get(name, ""), label=label.lower(),
                                max_length=MAX_SECTION, required=False)
               for name, label in SECTIONS[_kind(kind)]}
    if errors:
        raise InvalidInput(errors)
    return cleaned


def save_worksheet(session: Session, *, actor: Actor, relationship_id: int, kind: str,
                   answers: dict[str, str], now: datetime) -> Worksheet:
    """Save the actor's own worksheet; nobody can write another's."""
    sections = check_sections(kind, answers)
    pairing_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    insert_ignoring_duplicates(session, model=Worksheet, values={
        "team_id": actor.team_id, "relationship_id": relationship_id, "author_id": me.id,
        "kind": kind, "sections": {}, "created_at": now, "updated_at": now})
    sheet = session.scalars(select(Worksheet).where(
        Worksheet.relationship_id == relationship_id, Worksheet.author_id == me.id,
        Worksheet.kind == kind).with_for_update().options(selectinload(Worksheet.author))
        .execution_options(populate_existing=True)).one()
    sheet.sections, sheet.updated_at = sections, now
    return sheet


def delete_worksheet(session: Session, *, actor: Actor, relationship_id: int, kind: str) -> bool:
    """Delete the actor's own worksheet of this kind; True when there was one."""
    kind = _kind(kind)
    pairing_for(session, actor=actor, relationship_id=relationship_id)
    mine = _sections_of(session, relationship_id, require_member(session, actor=actor).id, kind)
    if mine is None:
        return False
    session.delete(mine)
    return True


def worksheet_export(sheet: Worksheet, reader_tz: str | None) -> dict[str, Any]:
    """Plain data for printing one worksheet; its last change is dated in the reader's zone."""
    title = f"{TITLES[sheet.kind]} of {sheet.author.name}"
    return {"title": title, "author": sheet.author.name,
            "updated_on": sheet.updated_at.astimezone(zone_of(reader_tz)).date().isoformat(),
            "sections": [{"label": label, "text": sheet.sections.get(name) or ""}
                         for name, label in SECTIONS[sheet.kind]]}


def send_worksheet_pdf(session: Session, *, actor: Actor, relationship_id: int, kind: str,
                       author_id: int | None = None, now: datetime) -> None:
    """Owe the actor a DM with their own worksheet of this kind, or their partner's, as a PDF."""
    kind = _kind(kind)
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    if author_id not in (None, me.id, pairing.partner.id):
        raise NotFound("Sorry, there is no such worksheet.")
    sheet = _sections_of(session, relationship_id, author_id or me.id, kind)
    if sheet is None or not any(sheet.sections.values()):
        raise NotFound("That worksheet hasn't been written yet.")
    stamp = now.strftime("%Y%m%dT%H%M%S.%f")
    outbox.enqueue(session, team_id=actor.team_id, recipient=actor.user_id,
                   kind=OutboxKind.WORKSHEET_PDF,
                   dedupe_key=f"worksheet_pdf:{actor.user_id}:{sheet.id}:{stamp}",
                   payload={"worksheet_pdf": worksheet_export(sheet, me.tz)}, now=now)
