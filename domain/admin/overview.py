"""What an admin sees first: the programme's name and a few numbers that cost one statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.members import Actor, find_member
from domain.model import (
    Member,
    MemberStatus,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.programme import ProgrammeSnapshot


@dataclass(frozen=True)
class Headline:
    """The programme's headline numbers."""

    members: int
    active_relationships: int
    open_requests: int


@dataclass(frozen=True)
class AdminMenu:
    """The admin menu: the programme and its headline numbers."""

    programme: ProgrammeSnapshot
    headline: Headline


def headline_of(session: Session, *, team_id: str) -> Headline:
    """Members, active relationships and open requests of the workspace, in one statement."""
    def counted(model: type, *where: object) -> object:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    row = session.execute(select(
        counted(Member, Member.team_id == team_id, Member.status == MemberStatus.ACTIVE),
        counted(Relationship, Relationship.team_id == team_id,
                Relationship.status == RelationshipStatus.ACTIVE),
        counted(Proposal, Proposal.team_id == team_id,
                Proposal.status == ProposalStatus.PENDING))).one()
    return Headline(*(int(number or 0) for number in row))


def admin_menu_of(session: Session, *, actor: Actor, workspace_admin: bool,
                  now: datetime) -> AdminMenu:
    """The admin menu of an admin; anyone else is refused politely (and logged)."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="open the admin menu", now=now)
    member = find_member(session, actor=actor)
    if member is not None and member.workspace_admin != workspace_admin:
        # Slack's fresh word, kept for the Homes published without asking it (rows from
        # before the flag, or a user_change we missed).
        member.workspace_admin = workspace_admin
    return AdminMenu(programme, headline_of(session, team_id=actor.team_id))
