"""Muting: a member turns off one kind of reminder (and can turn it on again)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.base import insert_ignoring_duplicates
from domain.members import Actor, require_member
from domain.model import NudgeKind, NudgeMute

# What each kind is called where a person reads "You won't get … any more".
KIND_NAMES: dict[NudgeKind, str] = {
    NudgeKind.MEETING_SOON: "reminders before your meetings",
    NudgeKind.MEETING_FOLLOW_UP: "prompts to write notes after a meeting",
    NudgeKind.PROPOSAL_CHASE: "reminders of requests waiting for your answer",
    NudgeKind.GOAL_DUE: "reminders of your goals' dates",
    NudgeKind.QUIET_RELATIONSHIP: "nudges when a mentoring relationship goes quiet",
    NudgeKind.INACTIVE_RELATIONSHIP: "warnings before an inactive relationship is closed",
    NudgeKind.FEEDBACK_CHASE: "reminders to give feedback on a finished relationship",
    NudgeKind.PROFILE_INCOMPLETE: "reminders to finish your profile",
    NudgeKind.NO_REQUEST: "suggestions of mentors to ask",
    NudgeKind.DIGEST: "the morning round-up of reminders",
}


def mute_reminders(session: Session, *, actor: Actor, kind: NudgeKind, now: datetime) -> str:
    """Stop this kind of reminder for the actor (again is harmless); what it is called."""
    member = require_member(session, actor=actor)
    insert_ignoring_duplicates(session, model=NudgeMute,
                               values={"member_id": member.id, "kind": kind, "muted_at": now})
    return KIND_NAMES[kind]


def unmute_reminders(session: Session, *, actor: Actor, kind: NudgeKind) -> str:
    """Send this kind of reminder to the actor again; what it is called."""
    member = require_member(session, actor=actor)
    session.execute(delete(NudgeMute).where(NudgeMute.member_id == member.id,
                                            NudgeMute.kind == kind))
    return KIND_NAMES[kind]


def muted_kinds(session: Session, *, actor: Actor) -> set[NudgeKind]:
    """The kinds of reminder the actor has muted."""
    member = require_member(session, actor=actor)
    return set(session.scalars(select(NudgeMute.kind).where(NudgeMute.member_id == member.id)))
