"""Keep a member's name, photo, e-mail and time zone in step with their Slack profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.members import Actor, SlackIdentity, find_member, refresh_identity
from domain.model import Member, Proposal, Relationship


def _shown(member: Member) -> tuple[object, ...]:
    return (member.name, member.slack_email, member.image_url, member.tz, member.contact_email)


def _people_who_see(session: Session, member: Member) -> set[str]:
    """Slack ids of everyone whose Home shows this member: partners and open proposals."""
    involved = or_(Relationship.mentee_id == member.id, Relationship.mentor_id == member.id)
    pairs = session.execute(select(Relationship.mentee_id, Relationship.mentor_id).where(
        involved, Relationship.status == "active")).all()
    asked = or_(Proposal.mentee_id == member.id, Proposal.mentor_id == member.id)
    pairs += session.execute(select(Proposal.mentee_id, Proposal.mentor_id).where(
        asked, Proposal.status == "pending")).all()
    others = {other for pair in pairs for other in pair if other != member.id}
    if not others:
        return set()
    return set(session.scalars(select(Member.slack_user_id).where(Member.id.in_(others))))


def follow_slack_profile(session: Session, actor: Actor, identity: SlackIdentity,
                         now: datetime) -> bool:
    """Copy a changed Slack profile onto the member; True when anything they show changed.

    People who have not registered are left alone: nothing is stored about them."""
    member = find_member(session, actor)
    if member is None:
        return False
    before = _shown(member)
    refresh_identity(member, identity, now)
    if _shown(member) == before:
        return False
    session.flush()
    outbox.refresh_home(session, actor.team_id, actor.user_id,
                        *sorted(_people_who_see(session, member)), now=now)
    return True
