"""Journey: a question with a file reaches the mentor, file and all; replies come back."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from bot.app import Mentorbot
from tests.journeys.steps import button_values, join_as_mentee, join_as_mentor, search, wait_for_dm
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually, settled


def open_thread_with_first_mentor(slack: SlackRequests, fake: FakeSlack) -> dict[str, Any]:
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake, "UJOHN", "John Smith")
    fake.reset()
    results = search(slack, fake, "UALICE")
    slack.block_action("UALICE", ids.CONVERSATION_OPEN,
                       value=button_values(results, ids.CONVERSATION_OPEN)[0], view=results)
    fake.wait_for("views.push")
    return fake.latest_modal()


def wait_for_upload(fake: FakeSlack, name: str) -> dict[str, Any]:
    found = eventually(lambda: [u for u in fake.uploaded_files if u["filename"] == name], bool,
                       f"an upload of {name}")
    return found[0]


def test_a_question_with_a_file_reaches_the_mentor_with_the_file(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    thread = open_thread_with_first_mentor(slack, fake_slack)
    assert "Ask *John Smith* anything" in json.dumps(thread)
    cv = fake_slack.add_user_file("UALICE", "my-cv.pdf", b"%PDF-1.4 Alice's CV")
    reply = slack.view_submission("UALICE", thread, fill(thread, {
        ids.CONVERSATION_MESSAGE: "Could you look at my CV before we talk?",
        ids.CONVERSATION_FILES: [cv]}))
    assert "my-cv.pdf" in json.dumps(reply.json()["view"])
    dm = wait_for_dm(fake_slack, "UJOHN", "Could you look at my CV")
    assert "1 file attached" in json.dumps(dm["blocks"])
    upload = wait_for_upload(fake_slack, "my-cv.pdf")
    assert upload["content"] == b"%PDF-1.4 Alice's CV"
    assert upload["channel_id"] == "DUJOHN"
    download = fake_slack.calls_to("file_download")[0]
    assert download.token == "xoxb-test"


def test_a_file_that_cannot_be_fetched_is_named_not_lost_silently(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    thread = open_thread_with_first_mentor(slack, fake_slack)
    ghost = {**fake_slack.add_user_file("UALICE", "ghost.txt", b"x"), "id": "FNOTTHERE"}
    slack.view_submission("UALICE", thread, fill(thread, {
        ids.CONVERSATION_MESSAGE: "With a file Slack has lost.",
        ids.CONVERSATION_FILES: [ghost]}))
    wait_for_dm(fake_slack, "UJOHN", "With a file Slack has lost.")
    wait_for_dm(fake_slack, "UJOHN", "could not be passed on: ghost.txt")


def test_an_empty_or_overlong_message_is_refused_beside_the_box(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    thread = open_thread_with_first_mentor(slack, fake_slack)
    settled(app)  # the welcome DMs of registration are out before counting
    posted = len(fake_slack.calls_to("chat.postMessage"))
    for text, says in (("   ", "Please enter your message"), ("x" * 3001, "3000 characters")):
        values = fill(thread, {})
        values[ids.CONVERSATION_MESSAGE][ids.CONVERSATION_MESSAGE]["value"] = text
        answer = slack.view_submission("UALICE", thread, values).json()
        assert answer["response_action"] == "errors"
        assert says in answer["errors"][ids.CONVERSATION_MESSAGE]
    settled(app)
    assert len(fake_slack.calls_to("chat.postMessage")) == posted
