"""A request left waiting, over HTTP: the tick reminds the mentor on day 3, and the reminder's
"Decline and pause my requests" declines it, pauses the mentor and closes their other
waiting request, each mentee told kindly with other mentors to ask."""

from __future__ import annotations

from typing import Any

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_tick
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually, settled


def ask_john(slack: SlackRequests, fake: FakeSlack, mentee: str) -> None:
    """The mentee sends John, the first mentor the search offers, a request."""
    updated = len(fake.calls_to("views.update"))
    assert slack.command(mentee, "find").status == 200
    fake.wait_for("views.update", updated + 1)
    results = fake.latest_modal()
    pushed = len(fake.calls_to("views.push"))
    slack.block_action(mentee, ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    fake.wait_for("views.push", pushed + 1)
    form = fake.latest_modal()
    assert "John Smith" in text_of(form)
    assert slack.view_submission(mentee, form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."})
                                 ).status == 200


def elements(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by action id."""
    return {e["action_id"]: e for block in message["blocks"] if block["type"] == "actions"
            for e in block["elements"]}


def test_a_reminder_on_day_three_then_decline_and_pause_in_one_step(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentor(slack, fake_slack, "UJANE", "Jane Doe")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentee(slack, fake_slack, "UBOB", "Bob Reyes")
    ask_john(slack, fake_slack, "UALICE")
    ask_john(slack, fake_slack, "UBOB")
    wait_for_dm(fake_slack, "UJOHN", "Bob Reyes would like you to be their mentor")

    clock.advance(days=3)
    assert run_tick("proposals_chase", app.sessions, clock.now, app.sender.kick) == 2
    reminder = wait_for_dm(fake_slack, "UJOHN", "Alice Kember's mentoring request has been "
                                                "waiting 3 days for your answer")
    assert_fits_slack({"type": "message", "blocks": reminder["blocks"]})
    buttons = elements(reminder)
    assert {ids.PROPOSAL_ACCEPT, ids.PROPOSAL_DECLINE,
            ids.PROPOSAL_DECLINE_AND_PAUSE} <= set(buttons)
    assert buttons[ids.PROPOSAL_DECLINE_AND_PAUSE]["confirm"]["confirm"]["text"] == \
        "Decline and pause"
    assert run_tick("proposals_chase", app.sessions, clock.now, app.sender.kick) == 0

    for _ in range(2):  # a double click does it once
        assert slack.block_action(
            "UJOHN", ids.PROPOSAL_DECLINE_AND_PAUSE,
            value=buttons[ids.PROPOSAL_DECLINE_AND_PAUSE]["value"],
            message={"ts": "1700000000.000100", "blocks": reminder["blocks"]}).status == 200

    confirmed = fake_slack.wait_for(RESPONSE_URL_METHOD)[0].params
    assert confirmed["replace_original"] in (True, "true")
    assert "you declined Alice Kember's request and paused new requests" in confirmed["text"]
    assert "The other request waiting for you was closed kindly too" in confirmed["text"]
    assert "Open to new mentee requests now" in confirmed["text"]

    declined = wait_for_dm(fake_slack, "UALICE", "isn't able to mentor you this time")
    assert "Jane Doe" in text_of(declined["blocks"])
    closed = wait_for_dm(fake_slack, "UBOB", "John Smith isn't taking new requests right now")
    assert "Jane Doe" in text_of(closed["blocks"])
    assert ids.SEARCH_VIEW_PROFILE in text_of(closed["blocks"])
    wait_for_home(fake_slack, "UJOHN", "You have paused new requests")

    settled(app)
    assert len([m for m in dms_to(fake_slack, "UALICE")
                if "isn't able to mentor you" in m.get("text", "")]) == 1
    assert len([m for m in dms_to(fake_slack, "UBOB")
                if "isn't taking new requests" in m.get("text", "")]) == 1
    eventually(lambda: len(fake_slack.calls_to(RESPONSE_URL_METHOD)), lambda n: n == 2,
               "both clicks answered")
