"""Journey: Help over HTTP. Every answer's button opens what it says, the keyword box
filters, guides start a diary entry, and Next step links its stage's guide."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from blocks import ids
from blocks.help import TOPICS, Topic, guide_key, is_guide
from blocks.payloads import HelpGo, HelpPlace, RelationshipRef, value
from bot.app import Mentorbot
from domain.model import DiaryEntry, Stage
from domain.model.reflection import diary_entry_themes
from tests.journeys.steps import button_values, text_of
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

# Where each kind of answer button leads: the modal stacked on Help.
OPENS = {"find": ids.SEARCH_SUBMIT, "profile": ids.PROFILE_SUBMIT, "diary": ids.DIARY_LIST_VIEW,
         "meet": ids.MEETING_SUBMIT, "goals": ids.GOAL_ACROSS_VIEW,
         "requests": ids.RELATIONSHIP_LIST_VIEW, "relationships": ids.RELATIONSHIP_LIST_VIEW,
         "account": ids.ACCOUNT_VIEW, "my_data": ids.NOTICE_VIEW}


def open_help(slack: SlackRequests, fake: FakeSlack, user: str) -> dict[str, Any]:
    opened = len(fake.calls_to("views.open"))
    assert slack.command(user, "help").status == 200
    fake.wait_for("views.open", opened + 1)
    view = fake.latest_modal()
    assert view["callback_id"] == ids.HELP_VIEW
    assert_fits_slack(view)
    return view


def click(slack: SlackRequests, fake: FakeSlack, user: str, view: dict[str, Any],
          action_id: str, index: int = 0, *, topic: str | None = None) -> dict[str, Any]:
    """Click a button of the view, which redraws it in place; the view as it now stands."""
    values = button_values(view, action_id)
    chosen = next(v for v in values if topic in v) if topic \
        else values[index]
    updated = len(fake.calls_to("views.update"))
    assert slack.block_action(user, action_id, value=chosen, view=view).status == 200
    fake.wait_for("views.update", updated + 1)
    shown = fake.views[view["id"]]
    assert_fits_slack(shown)
    return shown


def type_keyword(slack: SlackRequests, fake: FakeSlack, view: dict[str, Any],
                 keyword: str) -> dict[str, Any]:
    box = next(b["block_id"] for b in view["blocks"] if b["type"] == "input")
    updated = len(fake.calls_to("views.update"))
    reply = slack.block_action("UALICE", ids.HELP_KEYWORD, view=view, block_id=box,
                               action_type="plain_text_input", value=keyword,
                               state_values=fill(view, {box: keyword}))
    assert reply.status == 200
    fake.wait_for("views.update", updated + 1)
    shown = fake.latest_modal()
    assert_fits_slack(shown)
    return shown


def topic_value(topic: Topic) -> str:
    return f'"topic":"{topic.key}"'


@pytest.mark.parametrize("user", ["UALICE", "UJOHN"])
def test_every_answer_ends_with_a_button_that_opens_what_it_says(
    pair: int, slack: SlackRequests, fake_slack: FakeSlack, user: str
) -> None:
    listing = open_help(slack, fake_slack, user)
    for topic in [t for t in TOPICS if t.action and not is_guide(t)]:
        answer = click(slack, fake_slack, user, listing, ids.HELP_TOPIC, topic=topic_value(topic))
        assert answer["callback_id"] == ids.HELP_ANSWER_VIEW, topic.key
        action_row = next(b for b in answer["blocks"] if b["type"] == "actions")
        button = action_row["elements"][0]
        known, pushed = len(fake_slack.views), len(fake_slack.calls_to("views.push"))
        assert slack.block_action(user, button["action_id"], value=button.get("value"),
                                  view=answer).status == 200
        opened = fake_slack.wait_for_new_modal(OPENS[topic.action], known)
        assert len(fake_slack.calls_to("views.push")) == pushed + 1, topic.key
        assert_fits_slack(opened)
        listing = click(slack, fake_slack, user, answer, ids.HELP_BACK)
        assert listing["callback_id"] == ids.HELP_VIEW


def test_the_keyword_box_filters_and_keeps_what_was_typed(
    slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = open_help(slack, fake_slack, "UALICE")
    found = type_keyword(slack, fake_slack, listing, "video")
    assert "Use video chat for meetings" in text_of(found)
    assert "Change or retrieve my password" not in text_of(found)
    answer = click(slack, fake_slack, "UALICE", found, ids.HELP_TOPIC,
                   topic='"topic":"video_chat"')
    assert "Video chat meeting" in text_of(answer)
    back = click(slack, fake_slack, "UALICE", answer, ids.HELP_BACK)
    box = next(b for b in back["blocks"] if b["type"] == "input")
    assert box["element"]["initial_value"] == "video"
    assert "Change or retrieve my password" not in text_of(back)

    none = type_keyword(slack, fake_slack, back, "<!channel> :zebra_face:")
    assert "No answers match “&lt;!channel&gt; :zebra_face:”" in text_of(none)
    assert button_values(none, ids.HELP_TOPIC) == []
    every = click(slack, fake_slack, "UALICE", none, ids.HELP_BACK)
    fresh = next(b for b in every["blocks"] if b["type"] == "input")
    assert fresh["block_id"] != box["block_id"] and "initial_value" not in fresh["element"]
    assert len(button_values(every, ids.HELP_TOPIC)) == len(TOPICS)


def test_help_opens_for_someone_not_registered_and_answers_send_them_to_register(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UNEW", name="newcomer")
    listing = open_help(slack, fake_slack, "UNEW")
    answer = click(slack, fake_slack, "UNEW", listing, ids.HELP_TOPIC, topic='"topic":"search"')
    known = len(fake_slack.views)
    assert slack.block_action("UNEW", ids.SEARCH_OPEN, view=answer).status == 200
    fake_slack.wait_for_new_modal(ids.REGISTRATION_SUBMIT, known)


def reflect(slack: SlackRequests, fake: FakeSlack, guide: dict[str, Any]) -> dict[str, Any]:
    known = len(fake.views)
    assert slack.block_action("UALICE", ids.HELP_REFLECT, view=guide).status == 200
    form = fake.wait_for_new_modal(ids.DIARY_SUBMIT, known)
    assert_fits_slack(form)
    return form


def test_a_guide_from_help_starts_a_private_diary_entry_themed_by_its_stage(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = open_help(slack, fake_slack, "UALICE")
    guide = click(slack, fake_slack, "UALICE", listing, ids.HELP_TOPIC,
                  topic=f'"topic":"{guide_key(Stage.PROGRESSION, False)}"')
    assert guide["callback_id"] == ids.HELP_GUIDE_VIEW
    assert "*Don't*" in text_of(guide)
    form = reflect(slack, fake_slack, guide)
    fields = {b["block_id"]: b["element"] for b in form["blocks"] if b["type"] == "input"}
    assert fields[ids.DIARY_TITLE]["initial_value"] == "Reflecting on: Mentee guide: progression"
    assert fields[ids.DIARY_TAGS]["initial_value"] == "Progression"
    reply = slack.view_submission("UALICE", form, fill(form, {
        ids.DIARY_REFLECTION: "Bring what I tried to each meeting."}))
    assert reply.status == 200 and not reply.body, reply.body
    with app.sessions() as session:
        entry = session.scalars(select(DiaryEntry)).one()
        themes = session.scalars(select(diary_entry_themes.c.theme).where(
            diary_entry_themes.c.entry_id == entry.id)).all()
    assert entry.title == "Reflecting on: Mentee guide: progression"
    assert themes == ["Progression"]


@pytest.mark.parametrize("user, side", [("UALICE", "Mentee"), ("UJOHN", "Mentor")])
def test_next_step_links_the_guide_to_the_pair_s_current_stage(
    slack: SlackRequests, fake_slack: FakeSlack, pair: int, user: str, side: str
) -> None:
    assert slack.block_action(user, ids.STAGE_OPEN, value=value(RelationshipRef(pair))
                              ).status == 200
    road = fake_slack.wait_for("views.open")[-1].params["view"]
    road = fake_slack.latest_modal() if road["callback_id"] != ids.STAGE_VIEW else road
    known, pushed = len(fake_slack.views), len(fake_slack.calls_to("views.push"))
    assert slack.block_action(user, ids.HELP_GUIDE, view=road).status == 200
    guide = fake_slack.wait_for_new_modal(ids.HELP_GUIDE_VIEW, known)
    assert len(fake_slack.calls_to("views.push")) == pushed + 1
    assert f"{side} guide: the first conversation" in text_of(guide)
    assert button_values(guide, ids.HELP_BACK) == []
    if user == "UALICE":
        form = reflect(slack, fake_slack, guide)
        title = next(b for b in form["blocks"] if b.get("block_id") == ids.DIARY_TITLE)
        assert "first conversation" in title["element"]["initial_value"]


def test_a_forged_topic_is_refused_kindly(slack: SlackRequests, fake_slack: FakeSlack,
                                          pair: int) -> None:
    listing = open_help(slack, fake_slack, "UALICE")
    for action_id, forged in ((ids.HELP_TOPIC, HelpPlace("not_a_question")),
                              (ids.HELP_REFLECT, HelpPlace("password")),
                              (ids.HELP_GUIDE, HelpPlace("password"))):
        known = len(fake_slack.views)
        assert slack.block_action("UALICE", action_id, value=value(forged),
                                  view=listing).status == 200
        notice = fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known)
        assert "open" in text_of(notice).lower()
    assert slack.block_action("UALICE", ids.HELP_GO, value=value(HelpGo("elsewhere")),
                              view=listing).status == 200
    assert all(v.get("callback_id") != ids.DIARY_SUBMIT for v in fake_slack.views.values())


def test_the_search_button_filters_as_enter_does(slack: SlackRequests, fake_slack: FakeSlack,
                                                 pair: int) -> None:
    listing = open_help(slack, fake_slack, "UALICE")
    box = next(b["block_id"] for b in listing["blocks"] if b["type"] == "input")
    reply = slack.view_submission("UALICE", listing, fill(listing, {box: "E-MAIL"}))
    answer = reply.json()
    assert answer["response_action"] == "update"
    assert answer["view"]["callback_id"] == ids.HELP_VIEW
    assert_fits_slack(answer["view"])
    assert "Change my e-mail address" in text_of(answer["view"])
    assert "Record meeting notes" not in text_of(answer["view"])


def test_help_in_the_menu_is_stacked_on_it(slack: SlackRequests, fake_slack: FakeSlack,
                                           pair: int) -> None:
    assert slack.command("UALICE").status == 200
    fake_slack.wait_for("views.open")
    menu = fake_slack.latest_modal()
    known = len(fake_slack.views)
    assert slack.block_action("UALICE", ids.MENU_OPEN_HELP, view=menu).status == 200
    shown = fake_slack.wait_for_new_modal(ids.HELP_VIEW, known)
    assert fake_slack.calls_to("views.push")
    assert "Guides for each stage" in text_of(shown)
