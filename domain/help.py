"""Help: what the FAQs and guides need to know about the reader and the programme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.members import Actor, find_membership
from domain.model import Member, MemberStatus
from domain.programme import ensure_programme

CONTACTS = 5  # admins named in Help: enough to reach someone, few enough to read


@dataclass(frozen=True)
class HelpContext:
    """The programme's name, whom to ask when Help does not answer, and the reader's roles
    (both False for someone who has not registered)."""

    programme_name: str
    support_channel_id: str | None
    admin_user_ids: tuple[str, ...]
    registered: bool = False
    is_mentor: bool = False
    is_mentee: bool = False


def _workspace_admins(session: Session, team_id: str) -> list[str]:
    """Registered members whom Slack makes the workspace's admins or owners."""
    return list(session.scalars(
        select(Member.slack_user_id)
        .where(Member.team_id == team_id, Member.workspace_admin.is_(True),
               Member.status == MemberStatus.ACTIVE)
        .order_by(Member.id).limit(CONTACTS)))


def help_context(session: Session, *, actor: Actor, now: datetime) -> HelpContext:
    """What Help shows anyone in the workspace, registered or not, in three statements."""
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    member = find_membership(session, actor=actor)
    named = list(programme.admin_user_ids or ())
    admins = named + [u for u in _workspace_admins(session, actor.team_id) if u not in named]
    return HelpContext(programme.name, programme.support_channel_id, tuple(admins[:CONTACTS]),
                       member is not None, bool(member and member.is_mentor),
                       bool(member and member.is_mentee))


def guide_key(stage: str, for_mentor: bool) -> str:
    """The Help topic of one side's guide to a journey stage."""
    return f"{'mentor' if for_mentor else 'mentee'}_{stage}"
