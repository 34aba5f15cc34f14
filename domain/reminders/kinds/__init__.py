"""The kinds of reminder, one module each: what falls due, to whom, in which words.

Each kind module offers a tick use case `remind_<kind>(session, *, now) -> int` (listed in
bot/ticks.TICKS) built from `domain.reminders` (Schedule, last_step, not_muted, Due,
send_nudges), and a liveness check in LIVENESS for the digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain.model import NudgeKind
from domain.reminders.digest import Liveness, send_digests
from domain.reminders.kinds.proposals import proposals_still_waiting

# Which held subjects are still due, per kind (see domain/reminders/digest.py).
LIVENESS: dict[NudgeKind, Liveness] = {
    NudgeKind.PROPOSAL_CHASE: proposals_still_waiting,
}


def send_morning_digests(session: Session, *, now: datetime) -> int:
    """The digests due now, checked against every kind's liveness."""
    return send_digests(session, now=now, liveness=LIVENESS)
