"""Keep a member's name, photo, e-mail and time zone in step with their Slack profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.members import Actor, SlackIdentity, find_member, refresh_identity
from domain.model import Member


def _shown(member: Member) -> tuple[object, ...]:
    return (member.name, member.slack_email, member.image_url, member.tz, member.contact_email)


def follow_slack_profile(session: Session, *, actor: Actor, identity: SlackIdentity,
                         now: datetime) -> None:
    """Copy a changed Slack profile onto the member and refresh the Homes that show them.

    People who have not registered are left alone: nothing is stored about them."""
    member = find_member(session, actor=actor)
    if member is None:
        return
    before = _shown(member)
    refresh_identity(member, identity, now)
    if _shown(member) == before:
        return
    session.flush()
