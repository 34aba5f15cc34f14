"""The scheduler's jobs: short passes over what our own tables say is due."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from domain.admin.alerts.quiet import alert_quiet_relationships
from domain.meetings import remind_upcoming
from domain.proposals.answers import chase_unanswered, expire_unanswered

log = logging.getLogger("mentorbot.ticks")


def proposal_tick(sessions: sessionmaker[Session], clock: Callable[[], datetime],
                  after: Callable[[], None]) -> tuple[int, int]:
    """Close requests past their date and remind mentors of waiting ones; (closed, reminded)."""
    with sessions.begin() as session:
        closed = expire_unanswered(session, now=clock())
        reminded = chase_unanswered(session, now=clock())
    if closed or reminded:
        log.info("requests closed: %s, reminders sent: %s", closed, reminded)
        after()
    return closed, reminded


def meeting_tick(sessions: sessionmaker[Session], clock: Callable[[], datetime],
                 after: Callable[[], None]) -> int:
    """Remind both sides of meetings starting soon; returns how many meetings were reminded."""
    with sessions.begin() as session:
        reminded = remind_upcoming(session, now=clock())
    if reminded:
        log.info("meeting reminders sent: %s", reminded)
        after()
    return reminded


def quiet_relationship_tick(sessions: sessionmaker[Session], clock: Callable[[], datetime],
                            after: Callable[[], None]) -> int:
    """Card, in the admin channel, each relationship that went quiet; returns how many."""
    with sessions.begin() as session:
        raised = alert_quiet_relationships(session, now=clock())
    if raised:
        log.info("quiet relationships carded: %s", raised)
        after()
    return raised
