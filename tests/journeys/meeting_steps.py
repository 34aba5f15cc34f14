"""Steps with meetings, as the meeting and diary-prompt journeys take them."""

from __future__ import annotations

from typing import Any

from blocks import ids
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

KICK_OFF = {ids.MEETING_DATE: "2026-12-01", ids.MEETING_TIME: "09:00",
            ids.MEETING_DURATION: "60", ids.MEETING_TITLE: "Kick-off chat",
            ids.MEETING_LOCATION: "Video call", ids.MEETING_DETAILS: "Bring <!channel> your CV.",
            ids.MEETING_OPTIONS: ["share", "video"]}


def open_meetings(slack: SlackRequests, fake: FakeSlack, user_id: str,
                  relationship: str) -> dict[str, Any]:
    """Meet / Video on the relationship card of the person's Home tab."""
    known = len(fake.views)
    home = {"type": "home", "blocks": [{"type": "actions", "elements": [
        {"type": "button", "action_id": ids.MEETING_OPEN, "value": relationship,
         "text": {"type": "plain_text", "text": "Meet / Video"}}]}]}
    assert slack.block_action(user_id, ids.MEETING_OPEN, value=relationship,
                              view=home).status == 200
    view = fake.wait_for_new_modal(ids.MEETING_SUBMIT, known)
    assert_fits_slack(view)
    return view


def arrange(slack: SlackRequests, fake: FakeSlack, relationship: str,
            **answers: Any) -> dict[str, Any]:
    """Alice fills in Create meeting; returns the list as it looks afterwards (with its id)."""
    view = open_meetings(slack, fake, "UALICE", relationship)
    reply = slack.view_submission("UALICE", view, fill(view, {**KICK_OFF, **answers})).json()
    assert reply["response_action"] == "update", reply
    assert_fits_slack(reply["view"])
    return {**reply["view"], "id": view["id"]}
