"""Journey: a mentor reports a request to the programme and blocks its sender over HTTP; the
reported mentee hears nothing, can't reach him any more, and Unblock in Account undoes it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from blocks import ids
from bot.app import Mentorbot
from domain.model import MemberBlock, Programme, SupportKind, SupportRequest
from tests.journeys.steps import (
    ask_the_closest_mentor,
    button_values,
    join_as_mentee,
    join_as_mentor,
    search,
    wait_for_dm,
)
from tests.journeys.test_support import admins
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually, settled

CHANNEL = "CSUPPORT"


def posts_to(fake: FakeSlack, channel: str, containing: str) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_to("chat.postMessage")
            if c.params.get("channel") == channel and containing in json.dumps(c.params)]


def calls_about(fake: FakeSlack, user_id: str) -> list[str]:
    """Every recorded call that reached this person: a DM, their Home, a modal of theirs."""
    return [c.method for c in fake.calls
            if c.params and (c.params.get("channel") in (user_id, f"D{user_id}")
                             or c.params.get("user_id") == user_id
                             or c.params.get("user") == user_id)]


def fresh_search(app: Mentorbot, slack: SlackRequests, fake: FakeSlack) -> dict[str, Any]:
    """Alice's search results, on a cleared call log (the search step reads the first modal)."""
    settled(app)
    fake.reset()
    return search(slack, fake, "UALICE")


def open_report_form(slack: SlackRequests, fake: FakeSlack, card: dict[str, Any]
                     ) -> dict[str, Any]:
    """John: Report to the programme on a DM from Alice: the form."""
    opened = len(fake.calls_to("views.open"))
    assert slack.block_action("UJOHN", ids.REPORT_OPEN,
                              value=button_values(card["blocks"], ids.REPORT_OPEN)[0]
                              ).status == 200
    fake.wait_for("views.open", opened + 1)
    form = fake.latest_modal()
    assert form["callback_id"] == ids.REPORT_SUBMIT
    assert "*Alice Kember*" in json.dumps(form)
    assert_fits_slack(form)
    return form


def report_from_card(slack: SlackRequests, fake: FakeSlack, card: dict[str, Any]
                     ) -> dict[str, Any]:
    """John: Report to the programme on the request's DM, a reason and details, Send."""
    form = open_report_form(slack, fake, card)
    reply = slack.view_submission("UJOHN", form, fill(form, {
        ids.REPORT_REASON: "inappropriate", ids.REPORT_DETAILS: "Pushy <!channel> *again*"}))
    answer = reply.json()
    assert answer["response_action"] == "update"
    assert "will look into it" in json.dumps(answer["view"])
    # Slack keeps the view's id when a submission updates it: the form's id, the new blocks.
    return {**form, **answer["view"]}


def ask_john(slack: SlackRequests, fake: FakeSlack, value: str, question: str,
             view: dict[str, Any]) -> dict[str, Any]:
    """Alice opens her thread with John from the search results and sends a question."""
    pushed = len(fake.calls_to("views.push"))
    slack.block_action("UALICE", ids.CONVERSATION_OPEN, value=value, view=view)
    fake.wait_for("views.push", pushed + 1)
    thread = fake.latest_modal()
    return slack.view_submission("UALICE", thread, fill(thread, {
        ids.CONVERSATION_MESSAGE: question})).json()


def alice_asks_john(app: Mentorbot, slack: SlackRequests, fake: FakeSlack, question: str
                    ) -> tuple[str, dict[str, Any]]:
    """Alice (mentee) and John (mentor) join; she finds him and asks a question: his value
    in her search results, and the DM he gets."""
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake, "UJOHN", "John Smith")
    results = fresh_search(app, slack, fake)
    john = button_values(results, ids.CONVERSATION_OPEN)[0]
    ask_john(slack, fake, john, question, results)
    return john, wait_for_dm(fake, "UJOHN", question)


def test_report_then_block_then_unblock(app: Mentorbot, slack: SlackRequests,
                                        fake_slack: FakeSlack) -> None:
    admins(app, fake_slack)
    john, question = alice_asks_john(app, slack, fake_slack, "Can you help me sell my course?")
    settled(app)
    fake_slack.reset()

    confirmation = report_from_card(slack, fake_slack, question)
    flagged = eventually(lambda: posts_to(fake_slack, CHANNEL, "Report about Alice Kember"),
                         bool, "the report's card in the support channel")[0]
    shown = json.dumps(flagged["blocks"])
    assert "has not been told" in shown and "&lt;!channel&gt;" in shown
    assert ids.ADMIN_SUPPORT_REPLY in shown
    settled(app)
    assert calls_about(fake_slack, "UALICE") == []
    with app.sessions() as session:
        report = session.scalars(select(SupportRequest)).one()
        assert report.kind == SupportKind.REPORT and report.reported_member_id is not None

    updates = len(fake_slack.calls_to("views.update"))
    assert slack.block_action("UJOHN", ids.REPORT_BLOCK, view=confirmation,
                              value=button_values(confirmation, ids.REPORT_BLOCK)[0]
                              ).status == 200
    fake_slack.wait_for("views.update", updates + 1)
    assert "You have blocked Alice Kember" in json.dumps(fake_slack.latest_modal())
    with app.sessions() as session:
        assert session.scalars(select(MemberBlock.report_id)).one() == report.id
    settled(app)
    assert calls_about(fake_slack, "UALICE") == []

    # Alice: John is gone from her search, and another question to him is refused kindly.
    assert john not in button_values(fresh_search(app, slack, fake_slack),
                                     ids.CONVERSATION_OPEN)
    refused = ask_john(slack, fake_slack, john, "Why won't you answer?",
                       fake_slack.latest_modal())
    assert "can't receive requests or messages from you" in json.dumps(refused)
    assert "blocked" not in json.dumps(refused).lower()
    settled(app)
    assert not posts_to(fake_slack, "DUJOHN", "Why won't you answer?")

    # John: Account lists Alice with Unblock; after it, she finds him again.
    opened = len(fake_slack.calls_to("views.open"))
    slack.command("UJOHN", "account")
    fake_slack.wait_for("views.open", opened + 1)
    account = fake_slack.latest_modal()
    assert "People you blocked" in json.dumps(account)
    updates = len(fake_slack.calls_to("views.update"))
    slack.block_action("UJOHN", ids.ACCOUNT_UNBLOCK, view=account,
                       value=button_values(account, ids.ACCOUNT_UNBLOCK)[0])
    fake_slack.wait_for("views.update", updates + 1)
    assert "People you blocked" not in json.dumps(fake_slack.latest_modal())
    with app.sessions() as session:
        assert session.scalars(select(MemberBlock)).all() == []
    assert john in button_values(fresh_search(app, slack, fake_slack), ids.CONVERSATION_OPEN)


def test_a_report_also_alerts_a_separate_admin_channel(app: Mentorbot, slack: SlackRequests,
                                                       fake_slack: FakeSlack) -> None:
    admins(app, fake_slack)
    with app.sessions.begin() as session:
        session.get_one(Programme, "T1").admin_channel_id = "CADMIN"
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    settled(app)
    fake_slack.reset()
    card = ask_the_closest_mentor(slack, fake_slack)  # the request's DM carries Report too
    report_from_card(slack, fake_slack, card)
    alert = eventually(lambda: posts_to(fake_slack, "CADMIN", "Report about Alice Kember"),
                       bool, "an alert in the admin channel")[0]
    assert ids.ADMIN_SUPPORT_REPLY in json.dumps(alert["blocks"])
    settled(app)
    assert len(posts_to(fake_slack, "CADMIN", "Report about Alice Kember")) == 1


def test_block_without_reporting_from_the_form(app: Mentorbot, slack: SlackRequests,
                                               fake_slack: FakeSlack) -> None:
    _, question = alice_asks_john(app, slack, fake_slack, "Buy my course?")
    form = open_report_form(slack, fake_slack, question)
    assert "Rather not report?" in json.dumps(form)
    updates = len(fake_slack.calls_to("views.update"))
    assert slack.block_action("UJOHN", ids.REPORT_BLOCK, view=form,
                              value=button_values(form, ids.REPORT_BLOCK)[0]).status == 200
    fake_slack.wait_for("views.update", updates + 1)
    assert "You have blocked Alice Kember" in json.dumps(fake_slack.latest_modal())
    with app.sessions() as session:
        assert session.scalars(select(MemberBlock.report_id)).all() == [None]
        assert session.scalars(select(SupportRequest)).all() == []  # no report was made
    settled(app)
    assert calls_about(fake_slack, "UALICE") == []
