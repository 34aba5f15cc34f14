"""A DM that threads under an earlier one (payload `thread_under`): the sender finds where
that one went, and never loses the reply when it was never delivered."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.app import Mentorbot
from domain import outbox
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack

RECEIVED = {"request_id": 1, "name": "Ana", "subject": "Stuck", "programme": "Mentoring"}
ANSWER = {"request_id": 1, "subject": "Stuck", "answer": "Try again.", "by": "Sam Admin",
          "programme": "Mentoring", "thread_under": "support:1:received"}


def owe(app: Mentorbot, clock: FakeClock, kind: OutboxKind, key: str,
        payload: dict[str, Any]) -> None:
    with app.sessions.begin() as session:
        outbox.enqueue(session, team_id="T1", recipient="UANA", kind=kind, dedupe_key=key,
                       payload=payload, now=clock.now())


def row(app: Mentorbot, key: str) -> OutboxMessage:
    with app.sessions() as session:
        return session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()


def test_a_reply_goes_in_the_thread_of_the_dm_it_answers(
        app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock) -> None:
    owe(app, clock, OutboxKind.SUPPORT_RECEIVED, "support:1:received", RECEIVED)
    owe(app, clock, OutboxKind.SUPPORT_ANSWER, "support:1:answer", ANSWER)
    assert app.sender.deliver_due() == 2
    first, reply = (c.params for c in fake_slack.calls_to("chat.postMessage"))
    assert "thread_ts" not in first
    parent = row(app, "support:1:received")
    assert (reply["channel"], reply["thread_ts"]) == (parent.channel_id, parent.message_ts)
    assert row(app, "support:1:answer").status == OutboxStatus.SENT


def test_a_reply_whose_dm_was_never_delivered_goes_as_a_dm_of_its_own(
        app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock) -> None:
    owe(app, clock, OutboxKind.SUPPORT_RECEIVED, "support:1:received", RECEIVED)
    with app.sessions.begin() as session:
        session.scalars(select(OutboxMessage)).one().status = OutboxStatus.FAILED
    owe(app, clock, OutboxKind.SUPPORT_ANSWER, "support:1:answer", ANSWER)
    assert app.sender.deliver_due() == 1
    (reply,) = (c.params for c in fake_slack.calls_to("chat.postMessage"))
    assert reply["channel"] == "DUANA" and "thread_ts" not in reply
    assert "Try again." in str(reply["blocks"])
