"""What an admin sees first: the programme's name and a few numbers that cost one statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.health.months import month_starts, trend
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
class Trend:
    """A count this calendar month (UTC) against the month before."""

    this_month: int
    last_month: int

    @property
    def arrow(self) -> str:
        """↑, ↓ or →, as the health report draws them."""
        return trend(self.this_month, self.last_month)


@dataclass(frozen=True)
class Headline:
    """The programme's headline numbers, with how this month compares with the last."""

    members: int
    active_relationships: int
    open_requests: int
    joined: Trend = Trend(0, 0)
    requests_sent: Trend = Trend(0, 0)
    relationships_started: Trend = Trend(0, 0)


@dataclass(frozen=True)
class AdminMenu:
    """The admin menu: the programme and its headline numbers."""

    programme: ProgrammeSnapshot
    headline: Headline


def headline_of(session: Session, *, team_id: str, now: datetime) -> Headline:
    """Members, active relationships and open requests of the workspace, and who joined, what
    was asked and what started this month and last, in one statement."""
    def counted(model: type, *where: object) -> object:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    last, this, _ = month_starts(now)[-3:]
    def by_month(model: type, at: Any, *where: object) -> tuple[object, object]:
        return (counted(model, *where, at >= this), counted(model, *where, at >= last, at < this))

    row = session.execute(select(
        counted(Member, Member.team_id == team_id, Member.status == MemberStatus.ACTIVE),
        counted(Relationship, Relationship.team_id == team_id,
                Relationship.status == RelationshipStatus.ACTIVE),
        counted(Proposal, Proposal.team_id == team_id,
                Proposal.status == ProposalStatus.PENDING),
        *by_month(Member, Member.registered_at, Member.team_id == team_id),
        *by_month(Proposal, Proposal.created_at, Proposal.team_id == team_id),
        *by_month(Relationship, Relationship.started_at, Relationship.team_id == team_id),
    )).one()
    numbers = [int(number or 0) for number in row]
    return Headline(*numbers[:3], Trend(*numbers[3:5]), Trend(*numbers[5:7]),
                    Trend(*numbers[7:9]))


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
    return AdminMenu(programme, headline_of(session, team_id=actor.team_id, now=now))
