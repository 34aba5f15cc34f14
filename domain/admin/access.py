"""Who is a programme admin: the workspace's own admins and owners, and the members the
settings name. Every admin use case asks `require_admin` before it reads or changes anything."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from domain.errors import NotAllowed
from domain.members import Actor
from domain.programme import ProgrammeSnapshot, ensure_programme, is_admin

log = logging.getLogger(__name__)

ADMIN_ONLY = "Sorry, only the programme's admins can do that."


def require_admin(session: Session, *, actor: Actor, workspace_admin: bool, what: str,
                  now: datetime) -> ProgrammeSnapshot:
    """The actor's programme when they administer it; otherwise a polite refusal, logged
    with what they tried (`what`), since a refusal here may be a forged payload."""
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    if not is_admin(programme, actor.user_id, workspace_admin=workspace_admin):
        log.warning("refused admin action %s to %s in %s: not a programme admin",
                    what, actor.user_id, actor.team_id)
        raise NotAllowed(ADMIN_ONLY)
    return programme
