"""A workspace's programme: created with sensible defaults the first time anyone uses it.

Read paths get the programme and its lists as frozen values from a per-process cache that
the session factory hands every session (`session.info[PROGRAMME_CACHE]`). Each read of the
programme reads its row (one small statement), whose `version` any change to the programme
or its lists raises in the same transaction; the lists are read again only when it moved, so
every process sees an admin's change on its next request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, bindparam, or_, select, update
from sqlalchemy.orm import Session

from domain.base import insert_ignoring_duplicates, insert_many_ignoring_duplicates
from domain.model import ListItem, ListKind, Programme, ProgrammeScope
from domain.programme.defaults import DEFAULT_LISTS, DEFAULT_NAME, DEFAULT_THEMES
from domain.programme.snapshot import (
    PROGRAMME_CACHE,
    RESUMES_SENDING,
    Choice,
    Item,
    ListEntry,
    ProgrammeCache,
    ProgrammeLists,
    ProgrammeSnapshot,
    ReminderTimings,
    shown_label,
)
from domain.programme.units import Origin, in_use, is_org_key, programme_key
from domain.programme.version import changed_in, raise_version

__all__ = [
    "DEFAULT_LISTS",
    "DEFAULT_NAME",
    "DEFAULT_THEMES",
    "PROGRAMME_CACHE",
    "RESUMES_SENDING",
    "Choice",
    "ListEntry",
    "Origin",
    "ProgrammeCache",
    "ProgrammeLists",
    "ProgrammeSnapshot",
    "ReminderTimings",
    "choice_lists",
    "ensure_programme",
    "ensure_themes",
    "every_programme",
    "is_admin",
    "lists_of",
    "nudging",
    "programme_lists",
    "programme_of",
    "raise_version",
    "resume_stopped",
    "sending",
    "shown_label",
]

def ensure_programme(session: Session, *, team_id: str, now: datetime) -> ProgrammeSnapshot:
    """The workspace's programme, created with default settings and lists on first use; one
    small statement, which also tells whether this process's cached copy is current."""
    row = _row(session, team_id)
    if row is None:
        if insert_ignoring_duplicates(
            session, model=Programme, values={"team_id": team_id, "name": DEFAULT_NAME,
                                              "created_at": now, "admin_user_ids": [],
                                              "scope": _first_scope(team_id)}
        ):
            _seed_default_lists(session, team_id)
            changed_in(session).add(team_id)  # uncommitted: kept from the cache until it ends
        row = _row(session, team_id)
        assert row is not None
    if row["sending_stopped_at"] is not None and session.info.get(RESUMES_SENDING):
        resume_stopped(session, team_id=team_id)  # rare: only the first request after a stop
        row = _row(session, team_id)
        assert row is not None
    return _snapshot(session, row)


def _first_scope(key: str) -> ProgrammeScope:
    """An org-wide install starts with one programme for its whole org (the installing unit)."""
    return ProgrammeScope.ORG if is_org_key(key) else ProgrammeScope.WORKSPACE


def programme_of(session: Session, *, origin: Origin, now: datetime) -> str:
    """The key of the programme a request from `origin` belongs to: its workspace's, or
    under an org-wide install the org's (or, if the org so chose, its workspace's own)."""
    if not origin.org_wide:
        return origin.team_id
    org = ensure_programme(session, team_id=str(origin.enterprise_id), now=now)
    return programme_key(origin, org.scope)


def resume_stopped(session: Session, *, team_id: str) -> bool:
    """Lift the workspace's stop on sending, raising the programme's version so every
    process's cached copy learns it; True when there was one."""
    table = Programme.__table__
    lifted = session.connection().execute(
        update(table).where(table.c.team_id == team_id, table.c.sending_stopped_at.is_not(None))
        .values(sending_stopped_at=None, sending_stopped_reason=None,
                version=table.c.version + 1))
    changed_in(session).add(team_id)
    return bool(lifted.rowcount)


def every_programme(session: Session) -> dict[str, ProgrammeSnapshot]:
    """Every installed programme in use by key, in one statement: for the background ticks,
    which owe nothing to a workspace that uninstalled the app, nor to a programme its org's
    scope leaves nobody to reach (`units.in_use`)."""
    table = Programme.__table__
    found = {row["team_id"]: _snapshot(session, row) for row in session.execute(
        select(table).where(table.c.sending_stopped_at.is_(None))).mappings()}
    scopes = {key: programme.scope for key, programme in found.items() if is_org_key(key)}
    return {key: programme for key, programme in found.items() if in_use(key, scopes)}


def _snapshot(session: Session, row: RowMapping) -> ProgrammeSnapshot:
    """The settings of a programme row, from this process's cache when it is current."""
    cache = _cache_for(session, row["team_id"])
    kept = cache.get(row["team_id"], row["version"]) if cache else None
    if kept is not None:
        return kept.programme
    settings: dict[str, Any] = {f.name: row[f.name] for f in fields(ProgrammeSnapshot)
                                if f.name != "reminders"}
    settings["admin_user_ids"] = tuple(settings["admin_user_ids"] or ())
    settings["reminders"] = ReminderTimings.from_document(row["reminder_timings"])
    programme = ProgrammeSnapshot(**settings)
    if cache is not None:
        cache.put(programme)
    return programme


def choice_lists(session: Session, *, team_id: str, now: datetime) -> ProgrammeLists[ListEntry]:
    """The programme's current lists: one statement when this process has them already."""
    return lists_of(session, programme=ensure_programme(session, team_id=team_id, now=now))


def lists_of(session: Session, *, programme: ProgrammeSnapshot) -> ProgrammeLists[ListEntry]:
    """The lists of the programme as read (no statement when they are cached at its version).

    They are read after the programme's row, so they are never older than the version they
    are kept under: at worst newer, and read again at the next request."""
    cache = _cache_for(session, programme.team_id)
    kept = cache.get(programme.team_id, programme.version) if cache else None
    if kept is not None and kept.lists is not None:
        return kept.lists
    rows = session.execute(_entries(
        programme.team_id, ListItem.id, ListItem.kind, ListItem.label, ListItem.position,
        ListItem.archived))
    read = _grouped([ListEntry(*row) for row in rows])  # frozen: shared between threads
    lists = ProgrammeLists(*(tuple(getattr(read, f.name)) for f in fields(ProgrammeLists)))
    if cache is not None:
        cache.put(programme, lists)
    return lists


# Sent by every request (it carries the version the cache is checked against): built once.
_PROGRAMME_ROW = select(Programme.__table__).where(
    Programme.__table__.c.team_id == bindparam("team_id"))


def _row(session: Session, team_id: str) -> RowMapping | None:
    found = session.execute(_PROGRAMME_ROW, {"team_id": team_id}).first()
    return found._mapping if found is not None else None


def _cache_for(session: Session, team_id: str) -> ProgrammeCache | None:
    """The process's cache, unless this transaction changed the programme: what it sees is not
    committed, and may never be."""
    if team_id in changed_in(session):
        return None
    cache = session.info.get(PROGRAMME_CACHE)
    return cache if isinstance(cache, ProgrammeCache) else None


def _entries(team_id: str, *columns: Any) -> Select[Any]:
    """The workspace's entries, retired ones too, in display order: kind, position, then age."""
    return (select(*columns).where(ListItem.team_id == team_id)
            .order_by(ListItem.kind, ListItem.position, ListItem.id))


def _grouped(entries: Iterable[Item]) -> ProgrammeLists[Item]:
    """The entries as `ProgrammeLists`: those offered by kind, each as read, and the retired."""
    grouped: dict[str, list[Item]] = {kind: [] for kind in ListKind}
    retired: list[Item] = []
    for entry in entries:
        (retired if entry.archived else grouped.setdefault(entry.kind, [])).append(entry)
    return ProgrammeLists(*(grouped[kind] for kind in (
        ListKind.AREA, ListKind.ROLE, ListKind.COMMUNITY, ListKind.THEME)), retired)


def _add_entries(session: Session, team_id: str, entries: Iterable[tuple[str, str, int]]
                 ) -> bool:
    """Add the (kind, label, position) entries the workspace lacks, in one multi-row
    statement; True when any was added."""
    rows = [{"team_id": team_id, "kind": kind, "label": label, "position": position,
             "archived": False} for kind, label, position in entries]
    return bool(insert_many_ignoring_duplicates(session, model=ListItem, rows=rows,
                                                returning=ListItem.id))


def _seed_default_lists(session: Session, team_id: str) -> None:
    # One statement, not one per entry: a workspace's first request seeds all 45 entries
    # inside Slack's three seconds, and on a remote database each round trip counts.
    _add_entries(session, team_id, ((kind, label, position)
                                    for kind, labels in DEFAULT_LISTS.items()
                                    for position, label in enumerate(labels)))


def ensure_themes(session: Session, *, team_id: str) -> None:
    """Give a programme without any diary themes the default ones (idempotent)."""
    if session.scalar(select(ListItem.id).where(ListItem.team_id == team_id,
                                                ListItem.kind == ListKind.THEME).limit(1)):
        return
    if _add_entries(session, team_id, ((ListKind.THEME, label, position)
                                       for position, label in enumerate(DEFAULT_THEMES))):
        raise_version(session, team_ids={team_id})  # Core inserts pass no flush hook


def programme_lists(session: Session, *, team_id: str) -> ProgrammeLists[ListItem]:
    """The programme's list entries as rows of this session (those offered by kind, and the
    retired), for writes that attach them to a profile; read paths use `choice_lists`."""
    return _grouped(session.scalars(_entries(team_id, ListItem)))


def nudging(team_id: ColumnElement[str]) -> ColumnElement[bool]:
    """Rows of workspaces whose admins have not paused the programme's reminders and nudges
    (nor uninstalled the app); a subquery, so that a reminder query may lock its own rows and
    not the programme's."""
    return team_id.not_in(select(Programme.team_id).where(
        or_(Programme.nudges_paused.is_(True), Programme.sending_stopped_at.is_not(None))))


def sending(team_id: ColumnElement[str]) -> ColumnElement[bool]:
    """Rows of workspaces that have the app installed (no stop on sending); a subquery."""
    return team_id.not_in(select(Programme.team_id).where(
        Programme.sending_stopped_at.is_not(None)))


def is_admin(programme: ProgrammeSnapshot, slack_user_id: str, *, workspace_admin: bool) -> bool:
    """Programme admins are the workspace's admins and owners and the users named in settings."""
    return workspace_admin or slack_user_id in (programme.admin_user_ids or [])
