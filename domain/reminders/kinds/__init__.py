"""The kinds of reminder, one module each: what falls due, to whom, in which words.

Each kind module offers a tick use case `remind_<kind>(session, *, now) -> int` (listed in
bot/ticks.TICKS) built from `domain.reminders` (Schedule, last_step, not_muted, Due,
send_nudges), and a liveness check in LIVENESS for the digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.model import NudgeKind
from domain.reminders.digest import Liveness, send_digests
from domain.reminders.kinds.feedback import feedback_missing
from domain.reminders.kinds.goals import open_goals
from domain.reminders.kinds.inactive import remind_inactive_relationships
from domain.reminders.kinds.meetings import meetings_still_on
from domain.reminders.kinds.newcomers import still_incomplete, still_without_request
from domain.reminders.kinds.proposals import proposals_still_waiting
from domain.reminders.kinds.quiet import remind_quiet_relationships, still_quiet

# Which held subjects are still due, per kind (see domain/reminders/digest.py).
LIVENESS: dict[NudgeKind, Liveness] = {
    # urgent, so never held; listed all the same, should that ever change
    NudgeKind.MEETING_SOON: meetings_still_on,
    NudgeKind.MEETING_FOLLOW_UP: meetings_still_on,
    NudgeKind.PROPOSAL_CHASE: proposals_still_waiting,
    NudgeKind.PROFILE_INCOMPLETE: still_incomplete,
    NudgeKind.NO_REQUEST: still_without_request,
    NudgeKind.GOAL_DUE: open_goals,
    NudgeKind.FEEDBACK_CHASE: feedback_missing,
    NudgeKind.QUIET_RELATIONSHIP: still_quiet(NudgeKind.QUIET_RELATIONSHIP),
    NudgeKind.INACTIVE_RELATIONSHIP: still_quiet(NudgeKind.INACTIVE_RELATIONSHIP),
}

__all__ = ["LIVENESS", "remind_inactive_relationships", "remind_quiet_relationships",
           "send_morning_digests"]


def send_morning_digests(session: Session, *, now: datetime) -> int:
    """The digests due now, checked against every kind's liveness."""
    return send_digests(session, now=now, liveness=LIVENESS)
