"""Outbox retention: copies of DMs finished 90 days ago go, a bounded batch at a time, and
the originals something may still update or thread under stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.alerts.acting import mark_handled
from domain.admin.alerts.cards import alert_support_request
from domain.members import Actor
from domain.model import (
    Member,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Programme,
)
from domain.outbox.retention import FINISHED, RETENTION, forget_old_messages
from domain.personal_data import CATALOGUE
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, expire_unanswered, propose_mentorship
from domain.proposals.requests import withdraw_proposal
from domain.support import SupportDraft, request_support
from domain.support.answering import reply_to_request
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.statements import counting

SAM = Actor("T1", "USAM")
PAYLOAD = {"name": "Ana", "programme": "Mentoring programme", "is_mentor": False,
           "is_mentee": True}


def owe(session: Session, key: str, at: datetime) -> OutboxMessage:
    """A welcome DM owed at `at` (each to someone else, so none waits behind another)."""
    outbox.enqueue(session, team_id="T1", recipient=f"U{key}", kind=OutboxKind.WELCOME,
                   dedupe_key=key, payload=PAYLOAD, now=at)
    return session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()


def claim(row: OutboxMessage, at: datetime) -> OutboxMessage:
    """Claimed by a sender at `at`, as claim_due does it."""
    row.status, row.attempts = OutboxStatus.SENDING, row.attempts + 1
    row.next_attempt_at = at + outbox.CLAIM_LEASE
    return row


def deliver(session: Session, at: datetime) -> None:
    """Every DM due is taken and Slack has it, at `at`."""
    for row in outbox.claim_due(session, now=at, limit=10_000):
        outbox.mark_sent(row, channel_id=f"D{row.id}", message_ts=f"{row.id}.0", now=at)
    session.flush()


def keys(session: Session) -> set[str]:
    return set(session.scalars(select(OutboxMessage.dedupe_key)))


def test_copies_finished_over_90_days_ago_go_and_the_rest_stay(session: Session,
                                                               clock: FakeClock) -> None:
    now = clock.now()
    long_ago, just_inside = now - RETENTION - timedelta(days=1), now - RETENTION + timedelta(days=1)
    outbox.mark_sent(claim(owe(session, "sent-old", long_ago), long_ago),
                     channel_id="D1", message_ts="1.0", now=long_ago)
    outbox.mark_sent(claim(owe(session, "sent-recent", long_ago), just_inside),
                     channel_id="D2", message_ts="2.0", now=just_inside)
    assert outbox.mark_failed_attempt(claim(owe(session, "failed-old", long_ago), long_ago),
                                      error="user_not_found", now=long_ago)
    owe(session, "withdrawn-old", long_ago).status = OutboxStatus.WITHDRAWN
    outbox.mark_stopped(owe(session, "stopped-old", long_ago))
    owe(session, "pending-old", long_ago - timedelta(days=30))
    claim(owe(session, "sending-old", long_ago), long_ago)  # its sender died long ago
    session.flush()

    assert forget_old_messages(session, now=now) == 4
    assert keys(session) == {"sent-recent", "pending-old", "sending-old"}
    with counting(session.get_bind()) as statements:
        assert forget_old_messages(session, now=now) == 0  # a second run finds nothing
    assert len(statements) == 1
    # Two days on, the recent one is past 90 days too.
    assert forget_old_messages(session, now=now + timedelta(days=2)) == 1


def _many_old(session: Session, clock: FakeClock, count: int) -> datetime:
    long_ago = clock.now() - RETENTION - timedelta(days=1)
    outbox.enqueue_many(session, now=long_ago, rows=[
        outbox.OwedDM("T1", f"U{n}", OutboxKind.WELCOME, f"welcome:{n}", PAYLOAD)
        for n in range(count)])
    session.execute(update(OutboxMessage).values(status=OutboxStatus.SENT, sent_at=long_ago))
    return long_ago


def test_a_run_deletes_a_thousand_rows_a_statement(session: Session, clock: FakeClock) -> None:
    _many_old(session, clock, 2_500)
    with counting(session.get_bind()) as statements:
        assert forget_old_messages(session, now=clock.now()) == 2_500
    assert len(statements) == 3, statements
    assert keys(session) == set()


def test_a_backlog_goes_over_several_runs_each_of_bounded_size(session: Session,
                                                               clock: FakeClock) -> None:
    _many_old(session, clock, 350)
    with counting(session.get_bind()) as statements:
        assert forget_old_messages(session, now=clock.now(), batch=100, batches=3) == 300
    assert len(statements) == 3, statements
    assert forget_old_messages(session, now=clock.now(), batch=100, batches=3) == 50
    assert forget_old_messages(session, now=clock.now(), batch=100, batches=3) == 0


def _ask(session: Session, lists: ProgrammeLists, mentee: Member, mentor: Member,
         at: datetime) -> int:
    return propose_mentorship(session, actor=seed.actor(mentee), mentor_id=mentor.id,
                              answers=ProposalAnswers(lists.areas[1].id, "Please."), now=at).id


def test_a_request_card_stays_while_the_request_can_change(
        session: Session, lists: ProgrammeLists, john: Member, clock: FakeClock) -> None:
    now = clock.now()
    session.get_one(Programme, "T1").proposal_expiry_days = 90
    alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    bea = seed.mentee(session, lists, "UBEA", areas=[1], name="Bea Ortiz")
    asked_at = now - RETENTION - timedelta(hours=1)
    waiting = _ask(session, lists, alice, john, asked_at)
    withdrawn = _ask(session, lists, bea, john, asked_at)
    withdraw_proposal(session, actor=seed.actor(bea), proposal_id=withdrawn, now=asked_at)
    deliver(session, asked_at)

    # Alice's is still waiting; Bea's was withdrawn and is past its expiry: it can no longer
    # be sent again, so its card and the card's update go.
    assert forget_old_messages(session, now=now) == 3
    assert keys(session) == {f"proposal:{waiting}:card"}
    # The request expires: the card's update waits to be posted over the original.
    assert expire_unanswered(session, now=now) == 1
    assert forget_old_messages(session, now=now) == 0
    assert f"proposal:{waiting}:card" in keys(session)
    deliver(session, now)
    assert forget_old_messages(session, now=now) == 1
    assert f"proposal:{waiting}:card" not in keys(session)
    assert f"proposal:{waiting}:card:r1" in keys(session)


def test_an_alert_card_stays_while_the_alert_is_open(session: Session, clock: FakeClock) -> None:
    now, raised_at = clock.now(), clock.now() - RETENTION - timedelta(days=10)
    seed.programme(session)
    programme = session.get_one(Programme, "T1")
    programme.admin_channel_id, programme.admin_user_ids = "CADMIN", ["USAM"]
    alert = alert_support_request(session, team_id="T1", requester_user_id="UNEW",
                                  summary="Stuck", requester_name="Nina Obi", now=raised_at)
    assert alert is not None
    deliver(session, raised_at)
    assert forget_old_messages(session, now=now) == 0
    mark_handled(session, actor=SAM, workspace_admin=False, admin_name="Sam Admin",
                 alert_id=alert.id, now=now)
    assert forget_old_messages(session, now=now) == 0  # its update is still owed
    deliver(session, now)
    assert forget_old_messages(session, now=now) == 1
    assert keys(session) == {f"admin_alert:{alert.id}:handled"}


def test_a_support_requests_cards_and_confirmation_stay_while_it_is_open(
        session: Session, clock: FakeClock) -> None:
    now, asked_at = clock.now(), clock.now() - RETENTION - timedelta(days=10)
    seed.programme(session)
    programme = session.get_one(Programme, "T1")
    programme.support_channel_id, programme.admin_user_ids = "CSUPPORT", ["USAM"]
    request = request_support(session, actor=Actor("T1", "UALICE"), now=asked_at, draft=(
        SupportDraft("Alice Kember", "alice@example.org", "Stuck", "Search finds nobody.")))
    deliver(session, asked_at)
    assert forget_old_messages(session, now=now) == 0
    reply_to_request(session, actor=SAM, workspace_admin=False, admin_name="Sam Admin",
                     request_id=request.id, answer="Try rail.", now=now)
    assert forget_old_messages(session, now=now) == 0  # the reply threads under the first DM
    deliver(session, now)
    assert forget_old_messages(session, now=now) == 2
    assert keys(session) == {f"support:{request.id}:card:CSUPPORT:answered",
                             f"support:{request.id}:answer"}


def test_the_personal_data_catalogue_says_how_long_copies_are_kept() -> None:
    (link,) = CATALOGUE["outbox"]
    assert f"kept {RETENTION.days} days after the message is sent" in link.reason


def test_only_rows_no_longer_owed_count_as_finished() -> None:
    assert set(FINISHED) == {OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.WITHDRAWN,
                             OutboxStatus.STOPPED}
