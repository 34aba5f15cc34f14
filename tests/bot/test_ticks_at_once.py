"""Two tick runs at the same moment (a cron `mentorbot tick` overlapping a scheduler's, or two
overlapping cron runs on SQLite, where nothing leads): every DM is owed once and sent once."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import Mentorbot
from bot.outbox import OutboxSender
from bot.slack import background_client
from bot.tick_once import deliver_all_due
from bot.ticks import run_every_tick
from domain.model import Meeting, MeetingStatus, OutboxKind, OutboxMessage, OutboxStatus
from domain.proposals import ProposalAnswers, propose_mentorship
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once
from tests.support.fake_slack import FakeSlack

PAIRS = 8


def seed_due(sessions: sessionmaker[Session], clock: FakeClock) -> None:
    """Eight pairs meeting in 23 hours (arranged last week), and a request to each mentor that
    has waited eight days; the DMs owed back then are out."""
    now = clock.now()
    with sessions.begin() as session:
        lists = seed.programme(session)
        for n in range(PAIRS):
            mentor = seed.mentor(session, lists, f"UM{n}", areas=[1], capacity=3)
            mentee = seed.mentee(session, lists, f"UE{n}", areas=[1])
            asking = seed.mentee(session, lists, f"UA{n}", areas=[1])
            pair = seed.pair(session, mentor, mentee)
            session.add(Meeting(team_id="T1", relationship_id=pair.id, created_by_id=mentee.id,
                                uid=f"at-once-{n}", title=f"Meeting {n}", duration_minutes=30,
                                starts_at=now + timedelta(hours=23, minutes=n),
                                status=MeetingStatus.SCHEDULED, created_at=now - timedelta(days=7),
                                updated_at=now - timedelta(days=7)))
            propose_mentorship(session, actor=seed.actor(asking), mentor_id=mentor.id,
                               answers=ProposalAnswers(lists.areas[1].id, "Please."),
                               now=now - timedelta(days=8))
        for row in session.scalars(select(OutboxMessage)):
            row.status = OutboxStatus.SENT


def test_two_ticks_at_once_owe_and_send_each_dm_once(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    seed_due(app.sessions, clock)
    # Two senders sharing nothing but the database, as two processes would.
    senders = [OutboxSender(app.sessions, background_client(app.settings), clock.now)
               for _ in range(2)]

    def tick_and_deliver(sender: OutboxSender) -> int:
        run_every_tick(app.sessions, clock.now, after=lambda: None)
        return deliver_all_due(sender)

    try:
        delivered = at_once(tick_and_deliver, senders)
    finally:
        for sender in senders:
            sender.close()
    assert all(isinstance(count, int) for count in delivered), delivered
    with app.sessions() as session:
        owed = session.scalars(select(OutboxMessage).where(OutboxMessage.kind.in_(
            [OutboxKind.MEETING_REMINDER, OutboxKind.PROPOSAL_REMINDER]))).all()
    assert Counter(row.kind for row in owed) == {OutboxKind.MEETING_REMINDER: 2 * PAIRS,
                                                 OutboxKind.PROPOSAL_REMINDER: PAIRS}
    assert {row.status for row in owed} == {OutboxStatus.SENT}
    posted = Counter((c.params["channel"], c.params["text"])
                     for c in fake_slack.calls_to("chat.postMessage"))
    assert sum(delivered) == len(owed) == len(posted)  # type: ignore[arg-type]
    assert set(posted.values()) == {1}
