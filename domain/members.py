"""Who is acting, their membership and what they copy from their Slack profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from domain.errors import NotRegistered
from domain.loading import PROFILES
from domain.model import Member, MemberStatus


@dataclass(frozen=True)
class Actor:
    """Who is acting: a Slack user in a workspace. Never trusted beyond that."""

    team_id: str
    user_id: str


@dataclass(frozen=True)
class SlackIdentity:
    """What Slack says about a person: shown on cards and used for their time zone."""

    name: str
    email: str | None = None
    tz: str | None = None
    image_url: str | None = None
    title: str = ""
    # Slack's own admins and owners of the workspace (users.info), who run the programme too.
    workspace_admin: bool = False
    # On Enterprise Grid: the org's own admins and owners, who run an org-wide programme.
    org_admin: bool = False


# Built once: nearly every request asks who is acting, and building a statement costs more
# CPU than sending it; only the values change.
_ACTIVE_MEMBER = select(Member).where(
    Member.team_id == bindparam("team_id"), Member.slack_user_id == bindparam("user_id"),
    Member.status == MemberStatus.ACTIVE)
_ACTIVE_MEMBER_WITH_PROFILES = _ACTIVE_MEMBER.options(*PROFILES)


def find_member(session: Session, *, actor: Actor) -> Member | None:
    """The actor's active membership with their profiles, or None when they have not
    registered (or left)."""
    # A use case asks for the actor several times (the lookup, each check, the view): the
    # session remembers whom it found, so only the first asks the database.
    key = ("member", actor.team_id, actor.user_id)
    known = session.info.get(key)
    if known is not None and known in session and known.status == MemberStatus.ACTIVE:
        return known
    found = session.scalars(_ACTIVE_MEMBER_WITH_PROFILES, _who(actor)).unique().one_or_none()
    if found is not None:
        session.info[key] = found
    return found


def find_membership(session: Session, *, actor: Actor) -> Member | None:
    """The actor's active membership without its profiles (one narrow statement)."""
    return session.scalars(_ACTIVE_MEMBER, _who(actor)).one_or_none()


def _who(actor: Actor) -> dict[str, str]:
    return {"team_id": actor.team_id, "user_id": actor.user_id}


def require_member(session: Session, *, actor: Actor) -> Member:
    """The actor's membership; NotRegistered when there is none."""
    member = find_member(session, actor=actor)
    if member is None:
        raise NotRegistered()
    return member


def valid_tz(tz: str | None) -> str:
    """An IANA zone name we can compute with; UTC when Slack gave none or one we don't know."""
    if not tz:
        return "UTC"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return tz


def refresh_identity(member: Member, identity: SlackIdentity, now: datetime) -> None:
    """Copy the Slack profile's name, e-mail, photo, time zone and admin flag onto the member."""
    member.name = (identity.name or member.name or "")[:120]
    member.slack_email = identity.email
    member.image_url = identity.image_url
    member.tz = valid_tz(identity.tz)
    member.workspace_admin = identity.workspace_admin
    if not member.contact_email:
        member.contact_email = identity.email
    member.updated_at = now
