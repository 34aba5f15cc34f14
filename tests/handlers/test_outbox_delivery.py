"""The outbox sender against the fake Slack: late but once, whatever Slack does."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import Mentorbot
from bot.outbox import OutboxSender
from bot.slack import background_client
from domain import outbox
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack

WELCOME = {"name": "Ana", "programme": "Mentoring programme", "is_mentor": False,
           "is_mentee": True}


def owe_welcome(app: Mentorbot, clock: FakeClock, key: str = "welcome:1") -> bool:
    with app.sessions.begin() as session:
        return outbox.enqueue(session, team_id="T1", recipient="UANA", kind=OutboxKind.WELCOME,
                              dedupe_key=key, payload=WELCOME, now=clock.now())


def the_message(app: Mentorbot) -> OutboxMessage:
    with app.sessions() as session:
        return session.scalars(select(OutboxMessage)).one()


def test_a_dm_is_delivered_once(app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock) -> None:
    owe_welcome(app, clock)
    assert app.sender.deliver_due() == 1
    assert app.sender.deliver_due() == 0
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 1 and posted[0].params["channel"] == "DUANA"
    assert "Welcome to Mentoring programme, Ana!" in posted[0].params["text"]
    message = the_message(app)
    assert message.status == OutboxStatus.SENT
    assert message.message_ts and message.channel_id == "DUANA"


def test_the_same_dedupe_key_owes_one_dm(app: Mentorbot, clock: FakeClock) -> None:
    assert owe_welcome(app, clock) is True
    assert owe_welcome(app, clock) is False
    with app.sessions() as session:
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_a_dm_survives_slack_being_down_and_is_delivered_once_when_it_is_back(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_welcome(app, clock)
    fake_slack.set_down(True)
    assert app.sender.deliver_due() == 0
    assert app.sender.deliver_due() == 0  # not due again yet: backoff
    message = the_message(app)
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert message.last_error == "http_503"
    assert message.next_attempt_at == clock.now() + timedelta(seconds=5)

    clock.advance(seconds=5)
    assert app.sender.deliver_due() == 0
    assert the_message(app).next_attempt_at == clock.now() + timedelta(seconds=10)

    fake_slack.set_down(False)
    clock.advance(seconds=10)
    assert app.sender.deliver_due() == 1
    clock.advance(hours=2)
    assert app.sender.deliver_due() == 0
    assert len([c for c in fake_slack.calls_to("chat.postMessage")]) == 1
    assert the_message(app).status == OutboxStatus.SENT


def test_a_rate_limited_dm_is_retried_after_retry_after(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_welcome(app, clock)
    fake_slack.fail_next("chat.postMessage", retry_after=7)
    assert app.sender.deliver_due() == 0
    message = the_message(app)
    assert message.last_error == "ratelimited"
    assert message.next_attempt_at == clock.now() + timedelta(seconds=7)
    clock.advance(seconds=6)
    assert app.sender.deliver_due() == 0
    clock.advance(seconds=1)
    assert app.sender.deliver_due() == 1
    assert the_message(app).status == OutboxStatus.SENT


def test_a_person_who_left_is_marked_failed_with_the_reason_and_not_retried(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_welcome(app, clock)
    fake_slack.fail_next("conversations.open", error="user_not_found")
    assert app.sender.deliver_due() == 0
    clock.advance(days=1)
    assert app.sender.deliver_due() == 0
    message = the_message(app)
    assert (message.status, message.last_error) == (OutboxStatus.FAILED, "user_not_found")
    assert fake_slack.calls_to("chat.postMessage") == []


def test_a_kind_the_domain_does_not_owe_is_refused_when_it_is_written(
    app: Mentorbot, clock: FakeClock
) -> None:
    with app.sessions.begin() as session, pytest.raises(ValueError, match="welcom"):
        outbox.enqueue(session, team_id="T1", recipient="UANA", kind="welcom",  # type: ignore[arg-type]
                       dedupe_key="typo", payload=WELCOME, now=clock.now())


def test_a_row_of_an_unknown_kind_fails_for_good_and_the_others_are_still_sent(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with app.sessions.begin() as session:  # as a row written by a version that had this kind
        session.add(OutboxMessage(team_id="T1", dedupe_key="old", recipient_user_id="UANA",
                                  kind="retired_kind", payload={}, next_attempt_at=clock.now(),
                                  created_at=clock.now()))
    owe_welcome(app, clock)
    with caplog.at_level(logging.ERROR, logger="mentorbot.outbox"):
        assert app.sender.deliver_due() == 1
    assert "'retired_kind'" in caplog.text
    clock.advance(hours=2)
    assert app.sender.deliver_due() == 0
    with app.sessions() as session:
        old = session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == "old")).one()
        assert (old.status, old.last_error) == (OutboxStatus.FAILED, outbox.UNKNOWN_KIND)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_a_claim_abandoned_mid_send_is_taken_again_after_its_lease(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_welcome(app, clock)
    with app.sessions.begin() as session:
        assert len(outbox.claim_due(session, now=clock.now())) == 1  # a sender that then died
    assert app.sender.deliver_due() == 0
    clock.advance(minutes=2)
    assert app.sender.deliver_due() == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_two_senders_at_once_send_each_dm_once(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    for n in range(20):
        owe_welcome(app, clock, key=f"welcome:{n}")
    # Separate senders share no lock: only the database keeps them from taking the same row.
    senders = [OutboxSender(app.sessions, background_client(app.settings), clock.now)
               for _ in range(4)]
    passes = [threading.Thread(target=sender.deliver_due, kwargs={"limit": 3})
              for sender in senders for _ in range(2)]
    for thread in passes:
        thread.start()
    for thread in passes:
        thread.join()
    for sender in senders:
        sender.deliver_due()
        sender.close()
    keys = [c.params["text"] for c in fake_slack.calls_to("chat.postMessage")]
    assert len(keys) == 20
