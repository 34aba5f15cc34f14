"""Journey: Ask a mentor about this, from a Slack message to the mentor's question DM."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from tests.journeys.steps import (
    button_values,
    join_as_mentee,
    join_as_mentor,
    match_alice_with_john,
    text_of,
    wait_for_dm,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

PROCUREMENT = "Any advice on procurement for our new depot? Suppliers keep slipping."


def ask_about(slack: SlackRequests, fake: FakeSlack, user_id: str,
              message: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run the shortcut on a message in #C123: the modal as it opened, and with its results."""
    opened, updated = len(fake.calls_to("views.open")), len(fake.calls_to("views.update"))
    reply = slack.message_shortcut(user_id, ids.ASK_ABOUT_MESSAGE, channel_id="C123",
                                   message={"ts": "1700000000.000100", "user": "UBOB", **message})
    assert reply.status == 200
    first = fake.wait_for("views.open", opened + 1)[-1].params["view"]
    fake.wait_for("views.update", updated + 1)
    results = fake.latest_modal()
    assert_fits_slack(first)
    assert_fits_slack(results)
    return first, results


def chosen_areas(view: dict[str, Any]) -> list[str]:
    """The labels the Areas of support box opens with."""
    [block] = [b for b in view["blocks"] if b.get("block_id") == ids.SEARCH_AREAS]
    return [o["text"]["text"] for o in block["element"].get("initial_options", [])]


def keyword_of(view: dict[str, Any]) -> str:
    """What the Keyword box opens with."""
    [block] = [b for b in view["blocks"] if b.get("block_id") == ids.SEARCH_KEYWORD]
    return str(block["element"].get("initial_value", ""))



def ask_question(slack: SlackRequests, fake: FakeSlack, results: dict[str, Any],
                 index: int = 0) -> dict[str, Any]:
    """Ask question on a result: the question form pushed over the search."""
    pushed = len(fake.calls_to("views.push"))
    slack.block_action("UALICE", ids.ASK_ABOUT_QUESTION,
                       value=button_values(results, ids.ASK_ABOUT_QUESTION)[index], view=results)
    fake.wait_for("views.push", pushed + 1)
    form = fake.latest_modal()
    assert form["callback_id"] == ids.CONVERSATION_SEND
    assert_fits_slack(form)
    return form


def draft_of(form: dict[str, Any]) -> str:
    """What the New message box opens with."""
    [block] = [b for b in form["blocks"] if b.get("block_id") == ids.CONVERSATION_MESSAGE]
    return str(block["element"].get("initial_value", ""))


def test_a_message_becomes_a_question_to_the_mentor_it_is_about(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentor(slack, fake_slack, "UMARY", "Mary Jones", choose={
        ids.PROFILE_MENTOR_AREAS: ["Procurement and contracts"]})
    fake_slack.reset()
    opened, results = ask_about(slack, fake_slack, "UALICE", {"text": PROCUREMENT})
    assert chosen_areas(opened) == ["Procurement and contracts"] and keyword_of(opened) == ""
    assert "Ask a mentor about this message" in text_of(opened)
    assert "new depot" in text_of(results)
    assert fake_slack.calls_to("chat.getPermalink")
    assert button_values(results, ids.CONVERSATION_OPEN) == []  # every Ask carries the message
    assert "Mary Jones" in text_of(results).split("John Smith")[0]  # the closest match first

    form = ask_question(slack, fake_slack, results)
    draft = draft_of(form)
    assert "https://acme.slack.test/archives/C123/p1700000000000100" in draft
    assert PROCUREMENT in draft and "Ask *Mary Jones* anything" in json.dumps(form)
    question = draft + "Who should I ask about supplier penalties?"
    slack.view_submission("UALICE", form, fill(form, {ids.CONVERSATION_MESSAGE: question}))
    dm = wait_for_dm(fake_slack, "UMARY", "supplier penalties")
    assert "p1700000000000100" in json.dumps(dm["blocks"]) and "new depot" in json.dumps(dm)


def test_updating_the_search_keeps_the_message_it_is_about(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith", **{
        ids.PROFILE_BIO: "Years of forklift certification audits."})
    fake_slack.reset()
    opened, results = ask_about(slack, fake_slack, "UALICE",
                                {"text": "Who knows about forklift certification?"})
    assert keyword_of(opened) == "certification" and chosen_areas(opened) == []
    assert "John Smith" in text_of(results)
    reply = slack.view_submission("UALICE", results, fill(results, {}))
    updated = reply.json()["view"]
    assert "forklift certification" in text_of(updated)
    assert button_values(updated, ids.ASK_ABOUT_QUESTION)
    assert button_values(updated, ids.CONVERSATION_OPEN) == []


def test_a_member_with_a_mentor_is_offered_that_mentor_first(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    match_alice_with_john(slack, fake_slack)
    join_as_mentor(slack, fake_slack, "UMARY", "Mary Jones")
    fake_slack.reset()
    _, results = ask_about(slack, fake_slack, "UALICE", {"text": "Leadership and management?"})
    shown = text_of(results)
    assert shown.index("John Smith") < shown.index("Mary Jones")
    offered = [b["text"]["text"] for b in results["blocks"] if b["type"] == "section"
               and "John Smith" in b["text"]["text"]]
    assert offered == ["*John Smith* · Your mentor\nOperations director, Kember Freight"], offered
    form = ask_question(slack, fake_slack, results, index=0)
    assert "Messages with John Smith" in text_of(form)
    assert "Leadership and management?" in draft_of(form)


def test_a_message_of_files_only_opens_the_whole_search_with_its_link(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    fake_slack.reset()
    opened, results = ask_about(slack, fake_slack, "UALICE", {
        "text": "", "files": [{"id": "F1", "name": "rota.xlsx"}]})
    assert keyword_of(opened) == "" and chosen_areas(opened) == []
    assert "A message with files" in text_of(opened)
    assert "John Smith" in text_of(results)
    draft = draft_of(ask_question(slack, fake_slack, results))
    assert draft.startswith("About this message: https://acme.slack.test/archives/C123/")
    assert "“" not in draft


def test_someone_not_registered_is_offered_registration(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UNEW", name="new", real_name="New Person", email="new@example.org")
    slack.message_shortcut("UNEW", ids.ASK_ABOUT_MESSAGE, channel_id="C123",
                           message={"text": PROCUREMENT})
    fake_slack.wait_for("views.open")
    assert fake_slack.latest_modal()["callback_id"] == ids.REGISTRATION_SUBMIT
    assert not fake_slack.calls_to("chat.getPermalink")
