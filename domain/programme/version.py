"""The programme's version: raised in the same transaction as any change to it or its lists.

Every process compares it with the snapshot it keeps (`ProgrammeCache`), so an admin's change
is seen everywhere on the next request. A transaction that changed a programme reads it past
the cache until it ends: what it sees is not committed, and may never be.
"""

from __future__ import annotations

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from domain.model import ListItem, Programme

_CHANGED = "programme_changed"  # session.info: teams whose programme this transaction changed


def changed_in(session: Session) -> set[str]:
    """The workspaces whose programme this session's transaction changed."""
    changed: set[str] = session.info.setdefault(_CHANGED, set())
    return changed


def raise_version(session: Session, *, team_ids: set[str]) -> None:
    """Tell every process that these programmes or their lists changed (in this transaction)."""
    table = Programme.__table__
    session.connection().execute(update(table).where(table.c.team_id.in_(team_ids))
                                 .values(version=table.c.version + 1))
    changed_in(session).update(team_ids)


@event.listens_for(Session, "after_flush")
def _raise_changed_versions(session: Session, _context: object) -> None:
    """Any ORM change to a programme or a list entry raises the programme's version."""
    teams = {row.team_id for row in (*session.new, *session.dirty, *session.deleted)
             if isinstance(row, ListItem)
             or (isinstance(row, Programme) and row not in session.new
                 and session.is_modified(row))}
    if teams:
        raise_version(session, team_ids=teams)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_CHANGED, None)
