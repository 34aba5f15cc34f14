"""Whom an org-wide install's programme is for: the whole Enterprise Grid org, or each of
its workspaces apart. Only the org's own admins and owners decide it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.settings import CHANGED_SETTING
from domain.errors import DomainError, InvalidInput
from domain.members import Actor
from domain.model import AdminLogEntry, Programme, ProgrammeScope
from domain.programme import Origin, ensure_programme
from domain.programme.version import changed_in

NOT_ORG_WIDE = ("mentorbot is installed in this workspace only, so its programme is this "
                "workspace's.")
ORG_ADMINS_ONLY = "Only an admin or owner of the org can change whom the programme is for."


@dataclass(frozen=True)
class ScopeChoice:
    """What the scope form shows: the org's choice now, and whether this admin may change it."""

    scope: ProgrammeScope
    may_change: bool


def _org_key(origin: Origin) -> str:
    """The org whose choice this is; refused outside an org-wide install."""
    if not origin.org_wide:
        raise DomainError(NOT_ORG_WIDE)
    return str(origin.enterprise_id)


def programme_scope_of(session: Session, *, actor: Actor, workspace_admin: bool,
                       org_admin: bool, origin: Origin, now: datetime) -> ScopeChoice:
    """The org's choice, for a programme admin under an org-wide install."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="open the programme's scope", now=now)
    org = ensure_programme(session, team_id=_org_key(origin), now=now)
    return ScopeChoice(org.scope, may_change=org_admin)


def set_programme_scope(session: Session, *, actor: Actor, workspace_admin: bool,
                        org_admin: bool, origin: Origin, scope: ProgrammeScope | None,
                        now: datetime) -> bool:
    """Make the org's programme the whole org's, or each workspace's; False when it already
    was (a double click changes and logs nothing). Logged in the admin's own programme."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="change the programme's scope", now=now)
    key = _org_key(origin)
    if scope is None:
        raise InvalidInput({"scope": "Please choose one."})
    if not org_admin:
        raise InvalidInput({"scope": ORG_ADMINS_ONLY})
    before = ensure_programme(session, team_id=key, now=now).scope
    table = Programme.__table__
    changed = session.connection().execute(
        update(table).where(table.c.team_id == key, table.c.scope != scope)
        .values(scope=scope, version=table.c.version + 1)).rowcount
    if not changed:
        return False
    changed_in(session).add(key)
    session.add(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                              action=CHANGED_SETTING, subject="scope", before=before.value,
                              after=scope.value, at=now))
    return True
