"""Journey: a matched pair messages both ways with files; long histories page."""

from __future__ import annotations

import json

from blocks import ids
from blocks.payloads import MemberRef, value
from bot.app import Mentorbot
from domain.conversations import HISTORY_PAGE, send_message
from domain.members import Actor
from tests.journeys.steps import button_values, wait_for_dm
from tests.support import seed
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def matched_pair(app: Mentorbot, fake: FakeSlack, history: int = 0,
                 clock: FakeClock | None = None) -> tuple[int, int]:
    """John mentors Alice; returns their member ids after `history` messages from Alice."""
    with app.sessions.begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
        alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
        seed.pair(session, john, alice)
        for n in range(history):
            assert clock is not None
            send_message(session, actor=Actor("T1", "UALICE"), partner_id=john.id,
                         body=f"Message number {n}", files=[], now=clock.advance(minutes=1))
        ids_ = (john.id, alice.id)
    for user in ("UJOHN", "UALICE"):
        fake.add_user(user, name=user.lower())
    fake.reset()
    return ids_


def test_messages_go_both_ways_with_files(app: Mentorbot, slack: SlackRequests,
                                          fake_slack: FakeSlack) -> None:
    john, _alice = matched_pair(app, fake_slack)
    slack.block_action("UALICE", ids.CONVERSATION_OPEN, value=value(MemberRef(john)))
    fake_slack.wait_for("views.open")
    thread = fake_slack.latest_modal()
    assert "There are no messages yet" in json.dumps(thread)
    slack.view_submission("UALICE", thread, fill(thread, {
        ids.CONVERSATION_MESSAGE: "Agenda for Tuesday attached.",
        ids.CONVERSATION_FILES: [fake_slack.add_user_file("UALICE", "agenda.txt", b"1. Goals")]}))
    dm = wait_for_dm(fake_slack, "UJOHN", "Agenda for Tuesday attached.")

    slack.block_action("UJOHN", ids.CONVERSATION_OPEN,
                       value=button_values(dm["blocks"], ids.CONVERSATION_OPEN)[0])
    fake_slack.wait_for("views.open", 2)
    johns = fake_slack.latest_modal()
    assert "Agenda for Tuesday" in json.dumps(johns) and "agenda.txt" in json.dumps(johns)
    slack.view_submission("UJOHN", johns, fill(johns, {
        ids.CONVERSATION_MESSAGE: "Thanks, here are my notes.",
        ids.CONVERSATION_FILES: [fake_slack.add_user_file("UJOHN", "notes.txt", b"Notes")]}))
    wait_for_dm(fake_slack, "UALICE", "Thanks, here are my notes.")
    fake_slack.wait_for("files.completeUploadExternal", 2)
    shared = {(u["filename"], u["channel_id"]) for u in fake_slack.uploaded_files}
    assert shared == {("agenda.txt", "DUJOHN"), ("notes.txt", "DUALICE")}


def test_a_long_history_pages_back_and_forth(app: Mentorbot, slack: SlackRequests,
                                             fake_slack: FakeSlack, clock: FakeClock) -> None:
    _john, alice = matched_pair(app, fake_slack, history=HISTORY_PAGE + 5, clock=clock)
    slack.block_action("UJOHN", ids.CONVERSATION_OPEN, value=value(MemberRef(alice)))
    fake_slack.wait_for("views.open")
    newest = fake_slack.latest_modal()
    assert_fits_slack(newest)
    text = json.dumps(newest)
    assert f"Message number {HISTORY_PAGE + 4}" in text and "Message number 4" not in text
    earlier = button_values(newest, ids.CONVERSATION_EARLIER)
    assert earlier
    slack.block_action("UJOHN", ids.CONVERSATION_EARLIER, value=earlier[0], view=newest)
    fake_slack.wait_for("views.update")
    oldest = fake_slack.latest_modal()
    assert_fits_slack(oldest)
    assert "Message number 0" in json.dumps(oldest)
    assert "Message number 5" not in json.dumps(oldest)
    assert button_values(oldest, ids.CONVERSATION_EARLIER)  # "Newer messages" leads back
