"""A workspace as a whole: sending stops when it uninstalls the app, resumes when it is used
again, and an operator can erase everything it holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Table, delete, func, select, update
from sqlalchemy.orm import Session

from domain.base import Base
from domain.model import HomeRefresh, OutboxMessage, OutboxStatus, Programme
from domain.outbox import STOPPED_ERROR, WAITING
from domain.programme import resume_stopped
from domain.programme.units import SEPARATOR, is_org_key
from domain.programme.version import changed_in

UNINSTALLED = "app_uninstalled"
TOKENS_REVOKED = "tokens_revoked"


def stop_sending(session: Session, *, team_id: str, reason: str, now: datetime) -> int:
    """Send the install nothing more: record the stop on its programmes (the first one
    counts; Slack retries events) and put aside every DM they are still owed; how many.
    `team_id` is the install's key: a workspace's id, or an org's for an org-wide install."""
    table = Programme.__table__
    stopped = 0
    for key in install_family(session, key=team_id):
        session.connection().execute(
            update(table).where(table.c.team_id == key, table.c.sending_stopped_at.is_(None))
            .values(sending_stopped_at=now, sending_stopped_reason=reason[:32],
                    version=table.c.version + 1))
        changed_in(session).add(key)
        stopped += stop_team_outbox(session, team_id=key)
    return stopped


def resume_sending(session: Session, *, team_id: str, now: datetime) -> bool:
    """The install has the app again: send to its programmes as before (what was put aside
    stays so); True when one had been stopped."""
    del now  # a resume is recorded by clearing the stop; the time is kept for the signature
    resumed = [resume_stopped(session, team_id=key)
               for key in install_family(session, key=team_id)]
    return any(resumed)


def install_family(session: Session, *, key: str) -> list[str]:
    """The programmes one install speaks for: a workspace install's own; an org-wide
    install's org programme and the workspaces' own programmes under it."""
    if not is_org_key(key):
        return [key]
    column = Programme.__table__.c.team_id
    found = session.scalars(select(column).where(column.like(f"{key}{SEPARATOR}%")))
    return [key, *sorted(found)]


@dataclass(frozen=True)
class Reach:
    """How a table's rows are found for one workspace: by its own team_id column, or by a
    foreign key into a table that is reached (`through`)."""

    table: Table
    column: str
    through: Reach | None = None
    referred: str = ""

    def condition(self, team_id: str) -> ColumnElement[bool]:
        """The rows of this table that belong to the workspace."""
        if self.through is None:
            return self.table.c[self.column] == team_id
        parent = self.through.table
        return self.table.c[self.column].in_(
            select(parent.c[self.referred]).where(self.through.condition(team_id)))


# Tables whose rows belong to no workspace, and why erasing one leaves them be.
WORKSPACELESS = {
    "slack_oauth_states": "an install's one-time state, made before any workspace is known "
                          "and expired within minutes",
}


def workspace_reach() -> dict[str, Reach | None]:
    """Every table of the schema but the WORKSPACELESS, with how its rows are found for a
    workspace (None: no way, which a test refuses)."""
    reach: dict[str, Reach | None] = {}
    tables = [table for table in Base.metadata.sorted_tables  # parents first: a child's
              if table.name not in WORKSPACELESS]             # parent is settled by then
    for _ in range(2):  # a second pass reaches tables whose first key points at a later one
        for table in tables:
            if reach.get(table.name) is None:
                reach[table.name] = _reach(table, reach)
    return reach


def _reach(table: Table, known: dict[str, Reach | None]) -> Reach | None:
    if "team_id" in table.c:
        return Reach(table, "team_id")
    for key in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        parent = known.get(key.column.table.name)
        if parent is not None:
            return Reach(table, key.parent.name, parent, key.column.name)
    return None


def _reached() -> Iterator[Reach]:
    """Each table's reach, children before parents: the order rows can be deleted in."""
    reach = workspace_reach()
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in WORKSPACELESS:
            continue
        found = reach[table.name]
        assert found is not None, f"no way to find a workspace's rows in {table.name}"
        yield found


def workspace_counts(session: Session, *, team_id: str) -> dict[str, int]:
    """How many rows each table holds for the workspace (tables with none left out)."""
    counts = {found.table.name: int(session.scalar(
        select(func.count()).select_from(found.table).where(found.condition(team_id))) or 0)
        for found in _reached()}
    return {name: count for name, count in sorted(counts.items()) if count}


def erase_workspace(session: Session, *, team_id: str) -> int:
    """Delete every row the workspace has in every table, children first; how many. Run in
    the caller's one transaction, so it is all or nothing."""
    erased = 0
    for found in _reached():
        erased += int(session.execute(delete(found.table).where(found.condition(team_id))
                                      .execution_options(synchronize_session=False))
                      .rowcount or 0)
    return erased


def stop_team_outbox(session: Session, *, team_id: str) -> int:
    """Put aside every DM the workspace is still owed (waiting, being sent or due a retry)
    and forget its Home refreshes; how many DMs were put aside."""
    stopped = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.team_id == team_id, OutboxMessage.status.in_(WAITING))
        .values(status=OutboxStatus.STOPPED, last_error=STOPPED_ERROR)
        .execution_options(synchronize_session=False))
    session.execute(delete(HomeRefresh).where(HomeRefresh.team_id == team_id))
    return int(stopped.rowcount or 0)
