"""The programme's lists as its admins keep them: add, rename, reorder, retire, bring back.

Every change is checked by `require_admin` first, made under a lock on the programme's row (so
two admins editing one list queue rather than interleave positions), logged as an
`AdminLogEntry`, and raises the programme's version through the ORM flush hook, so every
worker offers the new lists on its next request. Repeats (a double click, a Slack retry) find
the work done and change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.lists.rules import (
    MAX_LABEL,
    label_problem,
    labels_problem,
    moved,
    taken_labels,
    tidy_label,
    typed_labels,
)
from domain.errors import InvalidInput
from domain.members import Actor
from domain.model import (
    AdminLogEntry,
    DiaryEntry,
    ListItem,
    ListKind,
    Programme,
    diary_entry_themes,
)
from domain.people import in_workspace
from domain.programme import ListEntry
from domain.submissions import create_once

__all__ = ["KIND_NAMES", "MAX_LABEL", "AdminList", "EditableEntry", "add_items", "admin_list",
           "bring_back_item", "edit_item", "entry_to_edit", "move_item", "retire_item"]

KIND_NAMES = {ListKind.AREA: "areas of support", ListKind.ROLE: "roles",
              ListKind.COMMUNITY: "professional communities", ListKind.THEME: "diary themes"}


@dataclass(frozen=True)
class AdminList:
    """One list as its admin sees it: the entries offered in order, then the retired ones."""

    kind: ListKind
    current: list[ListEntry]
    retired: list[ListEntry]


def _entry(item: ListItem) -> ListEntry:
    return ListEntry(item.id, item.kind, item.label, item.position, item.archived)


def _rows(session: Session, team_id: str, kind: ListKind) -> list[ListItem]:
    return list(session.scalars(select(ListItem).where(
        ListItem.team_id == team_id, ListItem.kind == kind)
        .order_by(ListItem.position, ListItem.id)))


def _locked_rows(session: Session, team_id: str, kind: ListKind) -> list[ListItem]:
    """The list's rows as they stand once the programme's row is locked for this transaction
    (rows read before the lock, the entry being changed among them, are read afresh: another
    admin may have changed them while this one waited)."""
    session.execute(select(Programme.team_id).where(Programme.team_id == team_id)
                    .with_for_update())
    return list(session.scalars(select(ListItem).where(
        ListItem.team_id == team_id, ListItem.kind == kind)
        .order_by(ListItem.position, ListItem.id)
        .execution_options(populate_existing=True)))


def _log(session: Session, actor: Actor, action: str, item: ListItem, now: datetime, *,
         before: object = None, after: object = None) -> None:
    session.add(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                              action=f"list.{action}", subject=f"{item.kind}: {item.label}"[:80],
                              before=before, after=after, at=now))


def admin_list(session: Session, *, actor: Actor, workspace_admin: bool, kind: ListKind,
               now: datetime) -> AdminList:
    """One of the programme's lists, retired entries too, for its admins."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin, what="see a list",
                  now=now)
    rows = _rows(session, actor.team_id, kind)
    return AdminList(kind, [_entry(r) for r in rows if not r.archived],
                     [_entry(r) for r in rows if r.archived])


@dataclass(frozen=True)
class EditableEntry:
    """An entry for the edit form: where it stands (from 1; None once retired) of how many."""

    entry: ListEntry
    position: int | None
    size: int


def entry_to_edit(session: Session, *, actor: Actor, workspace_admin: bool, item_id: int,
                  now: datetime) -> EditableEntry:
    """One entry of the actor's programme, with its place in its list."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="edit a list entry", now=now)
    item = in_workspace(session, actor=actor, model=ListItem, object_id=item_id,
                        what="list entry")
    current = [r for r in _rows(session, actor.team_id, item.kind) if not r.archived]
    position = current.index(item) + 1 if item in current else None
    return EditableEntry(_entry(item), position, len(current))


def add_items(session: Session, *, actor: Actor, workspace_admin: bool, kind: ListKind,
              typed: str, now: datetime, submission: str | None = None) -> None:
    """Add one entry per line typed to the end of the list (once per view submission)."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin, what="add to a list",
                  now=now)

    def add() -> ListItem:
        rows = _locked_rows(session, actor.team_id, kind)
        labels = typed_labels(typed)
        problem = labels_problem(labels, taken_labels((r.label, r.archived) for r in rows))
        if problem:
            raise InvalidInput.of("labels", problem)
        start = max((r.position for r in rows), default=-1) + 1
        added = [ListItem(team_id=actor.team_id, kind=kind, label=label, position=start + n,
                          archived=False) for n, label in enumerate(labels)]
        session.add_all(added)
        for item in added:
            _log(session, actor, "add", item, now, after=item.label)
        session.flush()
        return added[0]

    create_once(session, team_id=actor.team_id, key=submission, model=ListItem, make=add,
                now=now)


def _item(session: Session, actor: Actor, workspace_admin: bool, item_id: int, what: str,
          now: datetime) -> tuple[ListItem, list[ListItem]]:
    """The entry (of the actor's workspace) and its whole list, locked for the change."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin, what=what, now=now)
    item = in_workspace(session, actor=actor, model=ListItem, object_id=item_id,
                        what="list entry")
    rows = _locked_rows(session, actor.team_id, item.kind)
    return item, rows


def _renumber(rows: list[ListItem]) -> None:
    """Positions 0, 1, 2… in this order, writing only those that change."""
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def edit_item(session: Session, *, actor: Actor, workspace_admin: bool, item_id: int,
              label: str, position: int | None, now: datetime) -> ListItem:
    """Rename an entry and, when `position` (from 1) is given, move it there."""
    item, rows = _item(session, actor, workspace_admin, item_id, "edit a list entry", now)
    current = [r for r in rows if not r.archived]
    errors: dict[str, str] = {}
    new_label = tidy_label(label)
    taken = taken_labels((r.label, r.archived) for r in rows if r is not item)
    if problem := label_problem(new_label, taken):
        errors["label"] = problem
    if position is not None and not (item in current and 1 <= position <= len(current)):
        errors["position"] = f"Please enter a position from 1 to {len(current)}."
    if errors:
        raise InvalidInput(errors)
    if new_label != item.label:
        _rename(session, actor, item, new_label, now)
    if position is not None and current.index(item) != position - 1:
        _move(session, actor, item, current, position - 1, now)
    return item


def _rename(session: Session, actor: Actor, item: ListItem, label: str, now: datetime) -> None:
    before = item.label
    item.label = label
    _log(session, actor, "rename", item, now, before=before, after=label)
    if item.kind == ListKind.THEME:  # diary entries name their themes: they follow the rename
        _rename_theme(session, actor.team_id, before, label)


def _rename_theme(session: Session, team_id: str, before: str, after: str) -> None:
    entries = select(DiaryEntry.id).where(DiaryEntry.team_id == team_id)
    theme = diary_entry_themes.c.theme
    has_new = select(diary_entry_themes.c.entry_id).where(theme == after)
    session.execute(delete(diary_entry_themes).where(
        theme == before, diary_entry_themes.c.entry_id.in_(entries),
        diary_entry_themes.c.entry_id.in_(has_new)))
    session.execute(update(diary_entry_themes).where(
        theme == before, diary_entry_themes.c.entry_id.in_(entries)).values(theme=after))


def _move(session: Session, actor: Actor, item: ListItem, current: list[ListItem], to: int,
          now: datetime) -> None:
    before = current.index(item) + 1
    _renumber(moved(current, item, to))
    _log(session, actor, "move", item, now, before=before, after=to + 1)


def move_item(session: Session, *, actor: Actor, workspace_admin: bool, item_id: int,
              seen_at: int, to: int, now: datetime) -> None:
    """Move an entry from position `seen_at` (from 1, as the admin saw it) to `to`; when it is
    no longer where they saw it (a repeat of the same click) nothing moves."""
    item, rows = _item(session, actor, workspace_admin, item_id, "reorder a list", now)
    current = [r for r in rows if not r.archived]
    if item not in current or current.index(item) != seen_at - 1:
        return
    _move(session, actor, item, current, to - 1, now)


def retire_item(session: Session, *, actor: Actor, workspace_admin: bool, item_id: int,
                now: datetime) -> ListItem:
    """Stop offering an entry; everything that names it keeps it, marked retired."""
    item, rows = _item(session, actor, workspace_admin, item_id, "retire a list entry", now)
    if not item.archived:
        item.archived = True
        _renumber([r for r in rows if not r.archived])
        _log(session, actor, "retire", item, now)
    return item


def bring_back_item(session: Session, *, actor: Actor, workspace_admin: bool, item_id: int,
                    now: datetime) -> ListItem:
    """Offer a retired entry again, at the end of its list."""
    item, rows = _item(session, actor, workspace_admin, item_id, "bring back a list entry", now)
    if item.archived:
        item.archived = False
        item.position = max((r.position for r in rows if not r.archived), default=-1) + 1
        _log(session, actor, "bring_back", item, now)
    return item
