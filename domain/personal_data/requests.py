"""Asking for a copy of one's data: one DM owed, its files made when it is sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain import outbox
from domain.members import Actor, require_member
from domain.model import OutboxKind


def request_export(session: Session, *, actor: Actor, now: datetime) -> bool:
    """Owe the actor a DM with their data as JSON and PDF; a second ask within the same
    minute (a double click, a Slack retry) adds nothing. Whether a DM was newly owed."""
    require_member(session, actor=actor)
    # The files are built when the DM is sent, not now: the outbox then holds no copy of
    # the person's data (nothing more to erase), and the copy is as fresh as it can be.
    return outbox.enqueue(session, team_id=actor.team_id, recipient=actor.user_id,
                          kind=OutboxKind.MY_DATA,
                          dedupe_key=f"my_data:{actor.user_id}:{now:%Y-%m-%dT%H:%M}",
                          payload={"my_data": actor.team_id}, now=now)
