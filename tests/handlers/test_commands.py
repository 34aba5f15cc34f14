"""/mentor and the Home tab's buttons, over HTTP."""

from __future__ import annotations

import json

from blocks import ids
from bot.app import Mentorbot
from tests.journeys.steps import mentee_answers, register, wait_for_home
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def registered_mentee(slack: SlackRequests, fake: FakeSlack, user_id: str = "UALICE") -> None:
    fake.add_user(user_id, name="alice", real_name="Alice Kember")
    form = register(slack, fake, user_id, "mentee")
    assert slack.view_submission(user_id, form, fill(form, mentee_answers(form))).status == 200


def test_unknown_text_gets_a_short_ephemeral_help(slack: SlackRequests,
                                                  fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice")
    reply = slack.command("UALICE", "teleport me <!channel>")
    assert reply.status == 200
    answer = fake_slack.wait_for("response_url")[0].params
    assert answer["response_type"] == "ephemeral"
    assert "I don't know `teleport me &lt;!channel&gt;`" in answer["text"]
    assert "/mentor profile" in answer["text"]
    assert fake_slack.calls_to("views.open") == []


def test_help_opens_the_help_modal(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice")
    slack.command("UALICE", "HELP")
    help_view = fake_slack.wait_for("views.open")[0].params["view"]
    assert help_view["callback_id"] == ids.HELP_VIEW
    assert "Change my e-mail address" in json.dumps(help_view)
    assert fake_slack.calls_to("response_url") == []


def test_a_member_gets_the_menu_and_can_open_their_profile_from_it(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    registered_mentee(slack, fake_slack)
    opened = len(fake_slack.calls_to("views.open"))
    slack.command("UALICE")
    fake_slack.wait_for("views.open", opened + 1)
    menu = fake_slack.latest_modal()
    assert menu["callback_id"] == ids.MENU_VIEW
    assert_fits_slack(menu)
    assert slack.block_action("UALICE", ids.MENU_OPEN_PROFILE, view=menu).status == 200
    pushed = fake_slack.wait_for("views.push")[0].params["view"]
    assert pushed["callback_id"] == ids.PROFILE_SUBMIT
    assert "Transport co-ordinator" in json.dumps(pushed)


def test_help_opens_from_home(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice")
    assert slack.block_action("UALICE", ids.HOME_OPEN_HELP).status == 200
    help_view = fake_slack.wait_for("views.open")[0].params["view"]
    assert help_view["callback_id"] == ids.HELP_VIEW
    assert_fits_slack(help_view)


def test_a_request_with_a_bad_signature_is_refused(slack: SlackRequests,
                                                   fake_slack: FakeSlack) -> None:
    before = len(fake_slack.calls)
    reply = slack.raw("command=%2Fmentor&user_id=UALICE&team_id=T1", {
        "X-Slack-Request-Timestamp": "1700000000", "X-Slack-Signature": "v0=forged"})
    assert reply.status == 401
    assert len(fake_slack.calls) == before


def test_a_slack_retry_of_home_opened_is_answered_without_harm(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    registered_mentee(slack, fake_slack)
    published = len(fake_slack.calls_to("views.publish"))
    assert slack.app_home_opened("UALICE").status == 200
    assert slack.event({"type": "app_home_opened", "user": "UALICE", "tab": "home"},
                       retry_num=1).status == 200
    fake_slack.wait_for("views.publish", published + 1)
    wait_for_home(fake_slack, "UALICE", "Transport co-ordinator")


def test_the_messages_tab_opening_does_not_publish_home(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UALICE", name="alice")
    assert slack.event({"type": "app_home_opened", "user": "UALICE",
                        "tab": "messages"}).status == 200
    app.close()  # waits for the listener to finish
    assert fake_slack.calls_to("views.publish") == []
