"""A workspace's programme: created with sensible defaults the first time anyone uses it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.base import insert_ignoring_duplicates
from domain.model import ListItem, ListKind, Programme

DEFAULT_NAME = "Mentoring programme"

# The seeds' setting is a professional body for transport, logistics and supply chain.
DEFAULT_LISTS: dict[ListKind, tuple[str, ...]] = {
    ListKind.AREA: (
        "Career development and progression",
        "Networking and networking skills",
        "Leadership and management",
        "Confidence and personal impact",
        "Professional qualifications and CPD",
        "Chartership and professional registration",
        "Operations and process improvement",
        "Supply chain strategy",
        "Procurement and contracts",
        "Warehousing and inventory",
        "Freight and fleet management",
        "Transport planning and policy",
        "Sustainability and decarbonisation",
        "Digital, data and technology",
        "Health, safety and compliance",
        "Project and change management",
        "Commercial and customer skills",
        "Wellbeing and work-life balance",
        "Returning to work or changing sector",
        "Equality, diversity and inclusion",
    ),
    ListKind.ROLE: (
        "Director or senior leader",
        "Senior manager",
        "Manager",
        "Team leader or supervisor",
        "Specialist or technical expert",
        "Consultant or adviser",
        "Analyst or planner",
        "Academic or educator",
        "Business owner or self-employed",
        "Graduate or early career",
    ),
    ListKind.COMMUNITY: (
        "Logistics",
        "Supply chain",
        "Freight forwarding",
        "Road transport and haulage",
        "Rail",
        "Aviation",
        "Maritime and ports",
        "Public transport",
        "Transport planning",
        "Procurement",
        "Warehousing and distribution",
        "Active travel",
        "Defence logistics",
        "Humanitarian logistics",
        "Academia and research",
    ),
}


# The learning diary's themes; kept apart from DEFAULT_LISTS, which profiles choose from.
DEFAULT_THEMES: tuple[str, ...] = (
    "Career planning",
    "Leadership",
    "Networking",
    "Confidence",
    "Communication",
    "Professional development",
    "Technical skills",
    "Wellbeing",
    "Challenges and setbacks",
    "Successes",
)


@dataclass(frozen=True)
class ProgrammeLists:
    """The three lists that profiles and matching choose from, in display order."""

    areas: list[ListItem]
    roles: list[ListItem]
    communities: list[ListItem]
    themes: list[ListItem] = field(default_factory=list)

    def by_kind(self, kind: str) -> list[ListItem]:
        """The list of one kind: 'area', 'role' or 'community'."""
        return {ListKind.AREA: self.areas, ListKind.ROLE: self.roles,
                ListKind.COMMUNITY: self.communities}[kind]


def ensure_programme(session: Session, *, team_id: str, now: datetime) -> Programme:
    """The workspace's programme, created with default settings and lists on first use."""
    existing = session.get(Programme, team_id)
    if existing is not None:  # the usual case: read, don't write on every request
        return existing
    if insert_ignoring_duplicates(
        session, model=Programme,
        values={"team_id": team_id, "name": DEFAULT_NAME, "created_at": now, "admin_user_ids": []}
    ):
        _seed_default_lists(session, team_id)
    programme = session.get(Programme, team_id)
    assert programme is not None
    return programme


def _seed_default_lists(session: Session, team_id: str) -> None:
    for kind, labels in DEFAULT_LISTS.items():
        for position, label in enumerate(labels):
            insert_ignoring_duplicates(
                session,
                model=ListItem,
                values={"team_id": team_id, "kind": kind, "label": label, "position": position,
                 "archived": False},
            )


def ensure_themes(session: Session, *, team_id: str) -> None:
    """Give a programme without any diary themes the default ones (idempotent)."""
    if session.scalar(select(ListItem.id).where(ListItem.team_id == team_id,
                                                ListItem.kind == ListKind.THEME).limit(1)):
        return
    for position, label in enumerate(DEFAULT_THEMES):
        insert_ignoring_duplicates(
            session, model=ListItem,
            values={"team_id": team_id, "kind": ListKind.THEME, "label": label,
                    "position": position, "archived": False})


def programme_lists(session: Session, *, team_id: str) -> ProgrammeLists:
    """The programme's current (not archived) list entries."""
    items = session.scalars(
        select(ListItem)
        .where(ListItem.team_id == team_id, ListItem.archived.is_(False))
        .order_by(ListItem.kind, ListItem.position, ListItem.id)
    ).all()
    grouped: dict[str, list[ListItem]] = {kind: [] for kind in ListKind}
    for item in items:
        grouped.setdefault(item.kind, []).append(item)
    return ProgrammeLists(grouped[ListKind.AREA], grouped[ListKind.ROLE],
                          grouped[ListKind.COMMUNITY], grouped[ListKind.THEME])


def is_admin(programme: Programme, slack_user_id: str, *, workspace_admin: bool) -> bool:
    """Programme admins are the workspace's admins and owners and the users named in settings."""
    return workspace_admin or slack_user_id in (programme.admin_user_ids or [])
