"""What the /mentor menu shows: the programme's name and how the person takes part."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from domain.members import Actor, find_membership
from domain.model import Member
from domain.programme import ensure_programme, is_admin


@dataclass(frozen=True)
class Menu:
    """The menu of one person; `member` is None for someone not registered."""

    programme_name: str
    member: Member | None
    admin: bool = False  # offers the admin menu


def menu_of(session: Session, *, actor: Actor, now: datetime) -> Menu:
    """The actor's menu: two reads, the programme and the membership (not its profiles).

    Whether Slack makes them an admin is the member row's copy, not a users.info call: the
    menu opens at once however many people type /mentor together."""
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    member = find_membership(session, actor=actor)
    return Menu(programme.name, member, is_admin(
        programme, actor.user_id, workspace_admin=bool(member and member.workspace_admin)))
