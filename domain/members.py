"""Joining the programme and finding who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.errors import InvalidInput, NotRegistered
from domain.model import Member, MemberStatus, OutboxKind
from domain.programme import ensure_programme


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


def find_member(session: Session, *, actor: Actor) -> Member | None:
    """The actor's active membership, or None when they have not registered (or left)."""
    return session.scalars(
        select(Member).where(
            Member.team_id == actor.team_id,
            Member.slack_user_id == actor.user_id,
            Member.status == MemberStatus.ACTIVE,
        )
    ).one_or_none()


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


def _member_row(session: Session, actor: Actor, identity: SlackIdentity,
                now: datetime) -> Member:
    """The actor's row, active or not, or a new one started from their Slack profile."""
    member = session.scalars(select(Member).where(
        Member.team_id == actor.team_id, Member.slack_user_id == actor.user_id)).one_or_none()
    if member is None:
        member = Member(team_id=actor.team_id, slack_user_id=actor.user_id,
                        contact_email=identity.email, job_title=identity.title[:80],
                        registered_at=now)
        session.add(member)
    return member


def register_member(
    session: Session,
    *,
    actor: Actor,
    as_mentor: bool,
    as_mentee: bool,
    identity: SlackIdentity,
    now: datetime,
) -> Member:
    """Join the programme as mentor, mentee or both; joining again adds the roles chosen."""
    if not (as_mentor or as_mentee):
        raise InvalidInput.of("roles", "Please choose at least one: mentor or mentee.")
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    member = _member_row(session, actor, identity, now)
    member.status = MemberStatus.ACTIVE
    member.is_mentor = member.is_mentor or as_mentor
    member.is_mentee = member.is_mentee or as_mentee
    refresh_identity(member, identity, now)
    session.flush()
    outbox.enqueue(
        session, team_id=actor.team_id, recipient=actor.user_id, kind=OutboxKind.WELCOME,
        dedupe_key=f"welcome:{member.id}:{int(member.registered_at.timestamp())}",
        payload={"name": member.name, "programme": programme.name,
                 "is_mentor": member.is_mentor, "is_mentee": member.is_mentee},
        now=now)
    return member


def refresh_identity(member: Member, identity: SlackIdentity, now: datetime) -> None:
    """Copy the Slack profile's name, e-mail, photo and time zone onto the member."""
    member.name = (identity.name or member.name or "")[:120]
    member.slack_email = identity.email
    member.image_url = identity.image_url
    member.tz = valid_tz(identity.tz)
    if not member.contact_email:
        member.contact_email = identity.email
    member.updated_at = now
