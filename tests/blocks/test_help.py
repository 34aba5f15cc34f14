"""Help's content and views: every seed question answered, escaped, inside Slack's limits,
searchable, and each answer ending with the button that does the thing."""

from __future__ import annotations

import json
import re

import pytest

from blocks import ids
from blocks.help import (
    ACTION_BUTTONS,
    GENERAL,
    GUIDE,
    MENTEE,
    MENTOR,
    TOOL,
    TOPICS,
    Topic,
    answer_text,
    answer_view,
    guide_key,
    guide_view,
    help_view,
    is_guide,
    matching,
    reflection_start,
    topic_of,
)
from blocks.menu import COMMANDS
from blocks.payloads import HelpPlace, decode
from blocks.stages import stage_view
from domain.errors import StalePayload
from domain.help import HelpContext
from domain.model import Stage
from tests.blocks.test_stages import road
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts

EVIL = "<!channel> & <@U123>"
HELP = HelpContext(EVIL, "CSUPPORT", ("UADMIN1", "UADMIN2"), True, True, True)
ALONE = HelpContext("Freight Futures", None, ())

# The seed's Support section, "How do I…", word for word, and the topic answering each.
SEED_QUESTIONS = {
    "How it works": "how_it_works",
    "Change/retrieve my password": "password",
    "Change my email address": "change_email",
    "Cancel my account and withdraw from the programme": "cancel_account",
    "Arrange a meeting using the platform": "arrange_meeting",
    "Use video chat for meetings": "video_chat",
    "View the SWOT / G-STAR / Goals for my relationship": "view_tools",
    "View the proposal for my mentoring relationship": "view_proposal",
    "Mark my mentoring relationship as complete": "mark_complete",
    "See what information is used and stored on the mentoring platform": "stored",
    "Record meeting notes": "meeting_notes",
    "Search for a mentor": "search",
    "Wait before a mentor accepts my proposal": "waiting",
    "Edit my mentoring proposal": "edit_proposal",
    "Withdraw / reinstate my mentoring proposal": "withdraw_proposal",
}
SEED_MENTEE = {"Search for a mentor", "Wait before a mentor accepts my proposal",
               "Edit my mentoring proposal", "Withdraw / reinstate my mentoring proposal"}
# What a mentor asks, answered in the mentor group.
MENTOR_QUESTIONS = {"answer_request", "ask_before_deciding", "decline_kindly", "pause",
                    "capacity", "full", "end_relationship", "give_feedback"}
# Where each answer's button must lead (the action ids its listeners are wired to).
SEED_BUTTONS = {"edit_proposal": ids.HELP_GO, "withdraw_proposal": ids.HELP_GO,
                "search": ids.SEARCH_OPEN, "arrange_meeting": ids.HELP_GO,
                "change_email": ids.ACCOUNT_OPEN, "view_tools": ids.HELP_GO,
                "meeting_notes": ids.HELP_GO}


def elements(view: dict) -> list[dict]:
    return [e for b in view["blocks"] for e in [*b.get("elements", []), b.get("accessory") or {}]
            if e.get("type") == "button"]


def text(view: dict) -> str:
    return "\n".join(mrkdwn_texts(view))


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_every_seed_question_has_an_answer_in_its_group(question: str) -> None:
    topic = topic_of(SEED_QUESTIONS[question])
    assert topic.group == (MENTEE if question in SEED_MENTEE else GENERAL)
    assert len(answer_text(topic, ALONE)) > 150
    # Typing the seed's own words into the keyword box finds the answer.
    words = [w for w in question.lower().replace("/", " ").split() if len(w) > 4
             and w not in ("platform", "using")]
    assert topic in matching(" ".join(words), ALONE), (question, words)


def test_mentors_have_their_own_questions_and_every_group_its_topics() -> None:
    assert {t.key for t in TOPICS if t.group == MENTOR} >= MENTOR_QUESTIONS
    assert {t.group for t in TOPICS} == {GENERAL, MENTEE, MENTOR, GUIDE, TOOL}
    assert len({t.key for t in TOPICS}) == len(TOPICS)


def test_questions_that_do_not_apply_in_slack_say_why_and_what_to_do() -> None:
    password = answer_text(topic_of("password"), ALONE)
    assert "Slack signs you in" in password and "Slack's own sign-in page" in password


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_no_answer_promises_what_does_not_exist(topic: Topic) -> None:
    answer = answer_text(topic, HELP).lower()
    assert "coming soon" not in answer
    # Every `/mentor …` an answer names is one the command lists.
    known = {command for command, _ in COMMANDS}
    assert set(re.findall(r"/mentor(?: [a-z]+)?", answer)) <= known | {"/mentor"}


def test_answers_that_need_the_admins_name_them_or_the_support_channel() -> None:
    cancel = answer_text(topic_of("cancel_account"), HELP)
    assert "<#CSUPPORT>" in cancel and "<@UADMIN1>, <@UADMIN2>" in cancel
    assert "Slack workspace's admins" in answer_text(topic_of("stored"), ALONE)


@pytest.mark.parametrize("key", SEED_BUTTONS)
def test_an_answer_ends_with_the_button_that_does_the_thing(key: str) -> None:
    view = answer_view(topic_of(key), HELP, HelpPlace(key))
    last = view["blocks"][-2]
    assert last["type"] == "actions"
    assert last["elements"][0]["action_id"] == SEED_BUTTONS[key]
    assert last["elements"][-1]["action_id"] == ids.HELP_BACK
    assert elements(view)[0]["text"]["text"] == (
        "Open my requests" if key.endswith("proposal") else elements(view)[0]["text"]["text"])


def test_every_topic_action_has_a_button() -> None:
    assert {t.action for t in TOPICS if t.action} <= set(ACTION_BUTTONS)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_every_answer_and_guide_fits_slack_and_escapes_the_programme_name(topic: Topic) -> None:
    place = HelpPlace(topic.key, "x" * 100, 3)
    view = guide_view(topic, HELP, place) if is_guide(topic) else answer_view(topic, HELP, place)
    assert_fits_slack(view)
    assert "<!channel>" not in text(view)
    assert decode(view["private_metadata"], HelpPlace).keyword == "x" * 100


def test_help_lists_every_topic_within_slack_limits() -> None:
    view = help_view(HELP)
    assert_fits_slack(view)
    shown = [decode(e["value"], HelpPlace).topic for e in elements(view)
             if e["action_id"] == ids.HELP_TOPIC]
    assert shown == [t.key for group in (GENERAL, MENTEE, MENTOR, GUIDE, TOOL)
                     for t in TOPICS if t.group == group]
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in text(view)
    box = view["blocks"][1]
    assert box["dispatch_action"] and box["element"]["action_id"] == ids.HELP_KEYWORD


def test_a_mentor_who_is_not_a_mentee_reads_the_mentors_questions_first() -> None:
    view = help_view(HelpContext("Freight Futures", None, (), True, True, False))
    headings = [b["text"]["text"] for b in view["blocks"]
                if b["type"] == "section" and b["text"]["text"].startswith("*For ")]
    assert headings == ["*For mentors: how do I…*", "*For mentees: how do I…*"]


def test_a_keyword_finds_questions_by_their_answers_too() -> None:
    found = [t.key for t in matching("VIDEO link", ALONE)]
    assert "video_chat" in found and "password" not in found
    view = help_view(ALONE, "  pause ", 2)
    assert "answers match “pause”" in text(view) or "answer match “pause”" in text(view)
    assert {decode(e["value"], HelpPlace).topic for e in elements(view)
            if e["action_id"] == ids.HELP_TOPIC} == {t.key for t in matching("pause", ALONE)}
    assert view["blocks"][1]["element"]["initial_value"] == "pause"
    assert view["blocks"][1]["block_id"] == ids.help_keyword_block(2)


def test_no_match_says_so_and_offers_a_fresh_start() -> None:
    view = help_view(ALONE, "zebra")
    assert "No answers match “zebra”" in text(view)
    assert not [e for e in elements(view) if e["action_id"] == ids.HELP_TOPIC]
    back = next(e for e in elements(view) if e["action_id"] == ids.HELP_BACK)
    assert decode(back["value"], HelpPlace) == HelpPlace(round=1)
    assert_fits_slack(view)


def test_markup_and_emoji_typed_are_shown_escaped() -> None:
    view = help_view(ALONE, "<!here> :tada: <@U1|x> *bold*")
    assert "No answers match “&lt;!here&gt; :tada: &lt;@U1|x&gt; *bold*”" in text(view)
    assert "<!here>" not in json.dumps(mrkdwn_texts(view))
    assert_fits_slack(help_view(ALONE, "é" * 500))


def test_stale_topics_are_refused() -> None:
    with pytest.raises(StalePayload):
        topic_of("no_such_question")


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("for_mentor", [False, True])
def test_each_side_has_a_guide_to_each_stage_with_dos_and_donts(stage: Stage,
                                                                for_mentor: bool) -> None:
    topic = topic_of(guide_key(stage, for_mentor))
    answer = answer_text(topic, ALONE)
    assert "*Do*" in answer and "*Don't*" in answer
    view = guide_view(topic, ALONE)
    reflect = elements(view)[0]
    assert reflect["action_id"] == ids.HELP_REFLECT
    assert decode(reflect["value"], HelpPlace).topic == topic.key
    assert ids.HELP_BACK not in {e["action_id"] for e in elements(view)}
    title, tag = reflection_start(topic)
    assert title.startswith("Reflecting on: ") and topic.question in title
    assert tag in {"First conversation", "Progression", "Completion"}


@pytest.mark.parametrize("key, words", [("smart", ["Specific", "Measurable", "Achievable",
                                                    "Realistic", "Timebound"]),
                                         ("swot", ["Strengths", "Weaknesses", "Opportunities",
                                                   "Threats"]),
                                         ("gstar", ["Goal", "Situation", "Task", "Action",
                                                    "Result"])])
def test_the_tools_are_explained(key: str, words: list[str]) -> None:
    answer = answer_text(topic_of(key), ALONE)
    assert all(f"*{word}*" in answer for word in words)


@pytest.mark.parametrize("i_am_mentor", [False, True])
@pytest.mark.parametrize("stage", list(Stage))
def test_next_step_links_the_guide_to_its_current_stage(stage: Stage, i_am_mentor: bool) -> None:
    view = stage_view(road(stage, i_am_mentor=i_am_mentor))
    guide = [e for e in elements(view) if e["action_id"] == ids.HELP_GUIDE]
    assert [decode(e["value"], HelpPlace).topic for e in guide] == [guide_key(stage, i_am_mentor)]
    assert_fits_slack(view)
