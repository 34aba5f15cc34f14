"""Two-step deliveries (a DM, then a file under it) against the fake Slack: no step twice."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.app import Mentorbot
from domain import diary, outbox
from domain.members import Actor
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack

DIARY_DM = "Here is your learning diary as a PDF"
NOT_MADE = "Sorry, the learning diary PDF could not be made"


def owe_diary(app: Mentorbot, clock: FakeClock, user_id: str = "UANA") -> None:
    with app.sessions.begin() as session:
        seed.mentee(session, seed.programme(session), user_id, areas=[0], name="Ana Lima")
        diary.request_export(session, actor=Actor("T1", user_id), now=clock.now())


def owe_welcome(app: Mentorbot, clock: FakeClock) -> None:
    with app.sessions.begin() as session:
        outbox.enqueue(session, team_id="T1", recipient="UBEN", kind=OutboxKind.WELCOME,
                       dedupe_key="welcome:ben", now=clock.now(),
                       payload={"name": "Ben", "programme": "Mentoring programme",
                                "is_mentor": True, "is_mentee": False})


def row(app: Mentorbot, kind: OutboxKind = OutboxKind.DIARY_PDF) -> OutboxMessage:
    with app.sessions() as session:
        return session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).one()


def posts_saying(fake: FakeSlack, text: str) -> list[dict[str, object]]:
    return [c.params for c in fake.calls_to("chat.postMessage") if text in c.params["text"]]


def test_a_429_on_the_second_step_past_the_lease_gives_exactly_one_dm(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_diary(app, clock)
    fake_slack.fail_next("files.getUploadURLExternal", retry_after=1)
    assert app.sender.deliver_due() == 1
    waiting = row(app)
    assert (waiting.status, waiting.last_error) == (OutboxStatus.PENDING, "ratelimited")
    assert waiting.message_ts and not waiting.steps_done

    clock.advance(minutes=3)  # past Retry-After and past the claim's lease
    assert app.sender.deliver_due() == 0  # nothing posted anew: only the PDF was owed
    clock.advance(hours=2)
    assert app.sender.deliver_due() == 0

    [dm] = posts_saying(fake_slack, DIARY_DM)
    [upload] = fake_slack.uploaded_files
    [completed] = fake_slack.calls_to("files.completeUploadExternal")
    assert upload["filename"] == "learning-diary.pdf" and upload["channel_id"] == dm["channel"]
    assert completed.params["thread_ts"] == waiting.message_ts
    done = row(app)
    assert (done.status, done.last_error, done.steps_done) == (
        OutboxStatus.SENT, None, ["diary_pdf"])


def test_a_failing_upload_holds_up_no_other_dm_of_the_same_pass(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe_diary(app, clock)
    owe_welcome(app, clock)
    fake_slack.fail_next("files.getUploadURLExternal", status=500)
    assert app.sender.deliver_due() == 2
    assert row(app, OutboxKind.WELCOME).status == OutboxStatus.SENT
    assert (row(app).status, row(app).last_error) == (OutboxStatus.PENDING, "http_500")


def test_an_unexpected_error_in_a_step_is_recorded_on_its_row_and_the_pass_goes_on(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with app.sessions.begin() as session:  # owed to someone no longer in the programme
        outbox.enqueue(session, team_id="T1", recipient="UGONE", kind=OutboxKind.DIARY_PDF,
                       dedupe_key="diary_pdf:UGONE", payload={"diary_pdf": "T1"},
                       now=clock.now())
    owe_welcome(app, clock)
    with caplog.at_level(logging.ERROR, logger="mentorbot.outbox"):
        assert app.sender.deliver_due() == 2
    assert "DM " in caplog.text and "unexpected failure" in caplog.text
    failed = row(app)
    assert failed.status == OutboxStatus.PENDING and failed.last_error.startswith("unexpected")
    assert row(app, OutboxKind.WELCOME).status == OutboxStatus.SENT


def test_once_the_budget_is_spent_the_person_is_told_and_an_admin_can_read_why(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    owe_diary(app, clock)
    fake_slack.fail_next("files.getUploadURLExternal", times=outbox.MAX_ATTEMPTS, retry_after=1)
    with caplog.at_level(logging.WARNING, logger="mentorbot.outbox"):
        for _ in range(outbox.MAX_ATTEMPTS + 2):
            app.sender.deliver_due()
            clock.advance(minutes=3)
    assert len(posts_saying(fake_slack, DIARY_DM)) == 1
    [notice] = posts_saying(fake_slack, NOT_MADE)
    given_up = row(app)
    assert notice["thread_ts"] == given_up.message_ts
    assert (given_up.status, given_up.last_error) == (OutboxStatus.SENT, "ratelimited")
    assert fake_slack.uploaded_files == []
    gave_up = [r for r in caplog.records if "gave up on diary_pdf" in r.getMessage()]
    assert gave_up and gave_up[0].levelno == logging.ERROR
    assert "ratelimited" in gave_up[0].getMessage()


def test_a_file_that_cannot_be_passed_on_is_named_without_pinging_anyone(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    hostile = "<!channel> <https://evil.example|invoice.pdf> & co.pdf"
    with app.sessions.begin() as session:
        outbox.enqueue(session, team_id="T1", recipient="UANA",
                       kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key="message:1",
                       now=clock.now(), payload={
                           "sender": {"member_id": 2, "user_id": "UJOHN", "name": "John"},
                           "body": "See attached.", "sent_at": clock.now().isoformat(),
                           "files": [{"id": "FGONE", "name": hostile}]})
    assert app.sender.deliver_due() == 1
    [note] = posts_saying(fake_slack, "Some files could not be passed on")
    assert note["text"] == ("Some files could not be passed on: &lt;!channel&gt; "
                            "&lt;https://evil.example|invoice.pdf&gt; &amp; co.pdf")
    assert row(app, OutboxKind.CONVERSATION_MESSAGE).steps_done == ["files"]
