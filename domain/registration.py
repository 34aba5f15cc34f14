"""Registration: joining the programme as a mentor, a mentee or both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.capacity import keep_listing
from domain.errors import InvalidInput
from domain.loading import PROFILES
from domain.members import Actor, SlackIdentity, refresh_identity
from domain.model import Member, MemberStatus, OutboxKind
from domain.programme import ensure_programme


def _member_row(session: Session, actor: Actor, identity: SlackIdentity,
                now: datetime) -> Member:
    """The actor's row, active or not, or a new one started from their Slack profile."""
    member = session.scalars(select(Member).where(
        Member.team_id == actor.team_id, Member.slack_user_id == actor.user_id)
        .options(*PROFILES)).unique().one_or_none()
    if member is None:
        member = Member(team_id=actor.team_id, slack_user_id=actor.user_id,
                        mentor_profile=None, mentee_profile=None,
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
    # Welcomed once, when the row is made: joining again (another role) is no new welcome,
    # and that must not depend on the welcome's outbox row, which is deleted after 90 days.
    joining = member in session.new
    member.status = MemberStatus.ACTIVE
    member.is_mentor = member.is_mentor or as_mentor
    member.is_mentee = member.is_mentee or as_mentee
    refresh_identity(member, identity, now)
    session.flush()
    keep_listing(session, member=member)
    if not joining:
        return member
    outbox.enqueue(
        session, team_id=actor.team_id, recipient=actor.user_id, kind=OutboxKind.WELCOME,
        dedupe_key=f"welcome:{member.id}:{int(member.registered_at.timestamp())}",
        payload={"name": member.name, "programme": programme.name,
                 "is_mentor": member.is_mentor, "is_mentee": member.is_mentee},
        now=now)
    return member
