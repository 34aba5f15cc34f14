"""Journey: Contact support over HTTP, from Help to the admins' card and back to the person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocks import ids
from bot.app import Mentorbot
from domain.model import OutboxMessage, Programme, SupportRequest, SupportState
from domain.programme import ensure_programme
from domain.support import received_key
from tests.journeys.steps import button_values, dms_to, join_as_mentee, text_of, wait_for_dm
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually

CHANNEL = "CSUPPORT"


def admins(app: Mentorbot, fake: FakeSlack, channel: str | None = CHANNEL) -> None:
    """Sam administers the workspace, Kim the programme; requests go to `channel`."""
    fake.add_user("USAM", name="sam", real_name="Sam Admin", is_admin=True)
    fake.add_user("UKIM", name="kim", real_name="Kim Lead")
    with app.sessions.begin() as session:
        ensure_programme(session, team_id="T1", now=app.clock())
        programme = session.get_one(Programme, "T1")
        programme.support_channel_id = channel
        programme.admin_user_ids = ["UKIM"]


def open_form(slack: SlackRequests, fake: FakeSlack, user: str) -> dict[str, Any]:
    """Help, then its Contact support button: the form stacked on it."""
    assert slack.command(user, "help").status == 200
    fake.wait_for("views.open")
    help_view = fake.latest_modal()
    assert button_values(help_view, ids.HELP_CONTACT) == [""]
    pushed = len(fake.calls_to("views.push"))
    assert slack.block_action(user, ids.HELP_CONTACT, view=help_view).status == 200
    fake.wait_for("views.push", pushed + 1)
    form = fake.latest_modal()
    assert form["callback_id"] == ids.SUPPORT_SUBMIT
    assert_fits_slack(form)
    return form


def send(slack: SlackRequests, user: str, form: dict[str, Any], **answers: str) -> dict[str, Any]:
    fields = {ids.SUPPORT_SUBJECT: "Cannot find a mentor",
              ids.SUPPORT_MESSAGE: "Search shows nobody for\nleadership.",
              **{getattr(ids, f"SUPPORT_{k.upper()}"): v for k, v in answers.items()}}
    return slack.view_submission(user, form, fill(form, fields)).json()


def card_posts(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_to("chat.postMessage")
            if c.params.get("channel") == channel and "support request" in c.params["text"]]


def wait_for_card(fake: FakeSlack, channel: str = CHANNEL) -> dict[str, Any]:
    card = eventually(lambda: card_posts(fake, channel), bool, f"a card in {channel}")[0]
    assert_fits_slack({"type": "message", "blocks": card["blocks"]})
    return {"text": card["text"], "blocks": card["blocks"]}


def updates_of(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_to("chat.update") if c.params.get("channel") == channel]


def the_request(app: Mentorbot) -> SupportRequest:
    with app.sessions() as session:
        return session.scalars(select(SupportRequest)).one()


def test_support_round_trip_request_card_reply_threaded_dm_card_updated(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    admins(app, fake_slack)
    form = open_form(slack, fake_slack, "UALICE")
    shown = text_of(form)
    assert "Alice Kember" in shown and "@example" in shown  # pre-filled from her profile
    assert send(slack, "UALICE", form)["response_action"] == "update"
    confirmation = wait_for_dm(fake_slack, "UALICE", "we have your request")
    card = wait_for_card(fake_slack)
    assert "Cannot find a mentor" in text_of(card) and "leadership" in text_of(card)
    reply_clicks = len(fake_slack.calls_to("views.open"))
    assert slack.block_action("USAM", ids.ADMIN_SUPPORT_REPLY, message=card,
                              channel_id=CHANNEL).status == 200
    fake_slack.wait_for("views.open", reply_clicks + 1)
    reply = fake_slack.latest_modal()
    assert reply["callback_id"] == ids.ADMIN_SUPPORT_REPLY_SUBMIT
    answer = slack.view_submission("USAM", reply, fill(
        reply, {ids.ADMIN_SUPPORT_ANSWER: "Try fewer areas in the search."}))
    assert answer.status == 200 and not answer.body
    answered = wait_for_dm(fake_slack, "UALICE", "Sam Admin from")
    assert "Try fewer areas" in text_of(answered)
    with app.sessions() as session:
        first = session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == received_key(the_request(app).id))).one()
        assert answered["thread_ts"] == first.message_ts  # threaded under her request
    assert "thread_ts" not in confirmation
    updated = eventually(lambda: updates_of(fake_slack, CHANNEL), bool, "the card updated")[0]
    assert "Sam Admin* replied" in text_of(updated)
    assert ids.ADMIN_SUPPORT_REPLY not in text_of(updated)
    request = the_request(app)
    assert (request.state, request.answered_by_user_id) == (SupportState.ANSWERED, "USAM")


def test_without_a_support_channel_each_admin_gets_the_card_by_dm(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    admins(app, fake_slack, channel=None)
    fake_slack.add_user("UOUT", name="out", real_name="Olly Outsider", email="olly@example.org")
    form = open_form(slack, fake_slack, "UOUT")
    assert "Olly Outsider" in text_of(form) and "olly@example.org" in text_of(form)
    assert send(slack, "UOUT", form)["response_action"] == "update"
    kim_card = wait_for_card(fake_slack, "DUKIM")
    assert slack.block_action("UKIM", ids.ADMIN_SUPPORT_MARK_ANSWERED, message=kim_card,
                              channel_id="DUKIM").status == 200
    updated = eventually(lambda: updates_of(fake_slack, "DUKIM"), bool, "Kim's card updated")
    assert "Kim Lead* marked this answered" in text_of(updated[0])
    assert the_request(app).member_id is None
    assert not [m for m in dms_to(fake_slack, "UOUT") if "answered your request" in m["text"]]


def test_a_sixth_request_in_an_hour_is_refused_beside_the_message_and_kept(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    admins(app, fake_slack)
    fake_slack.add_user("UOUT", name="out", real_name="Olly Outsider", email="olly@example.org")
    form = open_form(slack, fake_slack, "UOUT")
    for _ in range(5):
        assert send(slack, "UOUT", form)["response_action"] == "update"
        clock.advance(minutes=5)
    refused = send(slack, "UOUT", form, message="One more thing")
    assert refused["response_action"] == "errors"
    assert "5 requests in the last hour" in refused["errors"][ids.SUPPORT_MESSAGE]
    clock.advance(minutes=40)  # the first request is more than an hour old now
    assert send(slack, "UOUT", form)["response_action"] == "update"


def test_each_wrong_field_is_named_beside_it(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    admins(app, fake_slack)
    fake_slack.add_user("UOUT", name="out", real_name="Olly Outsider")
    form = open_form(slack, fake_slack, "UOUT")
    refused = send(slack, "UOUT", form, email="not-an-address", subject="")
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {ids.SUPPORT_EMAIL, ids.SUPPORT_SUBJECT}
    assert the_request_count(app) == 0


def the_request_count(app: Mentorbot) -> int:
    with app.sessions() as session:
        return len(session.scalars(select(SupportRequest)).all())


def test_a_non_admin_is_refused_and_a_second_mark_answered_acts_once(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    admins(app, fake_slack)
    fake_slack.add_user("UOUT", name="out", real_name="Olly Outsider", email="olly@example.org")
    fake_slack.add_user("UEVE", name="eve", real_name="Eve Nosy")
    send(slack, "UOUT", open_form(slack, fake_slack, "UOUT"))
    card = wait_for_card(fake_slack)
    for action in (ids.ADMIN_SUPPORT_REPLY, ids.ADMIN_SUPPORT_MARK_ANSWERED):
        opened = len(fake_slack.calls_to("views.open"))
        assert slack.block_action("UEVE", action, message=card, channel_id=CHANNEL).status == 200
        fake_slack.wait_for("views.open", opened + 1)
        assert "only the programme's admins" in str(fake_slack.latest_modal())
    app.settle()
    assert not updates_of(fake_slack, CHANNEL)
    assert the_request(app).state == SupportState.OPEN
    for _ in range(2):
        assert slack.block_action("USAM", ids.ADMIN_SUPPORT_MARK_ANSWERED, message=card,
                                  channel_id=CHANNEL).status == 200
    app.settle()
    assert "Sam Admin already answered" in str(fake_slack.latest_modal())
    assert len(updates_of(fake_slack, CHANNEL)) == 1
    request = the_request(app)
    assert (request.state, request.answered_by_user_id) == (SupportState.ANSWERED, "USAM")
