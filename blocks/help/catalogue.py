"""What Help answers: the questions, guides and explanations, each answered by a Jinja2 macro
in blocks/templates/help/<group>.txt.j2 named after its key, and the keyword search over them.

A topic's `action` names the button its answer ends with (blocks.help.views.ACTION_BUTTONS);
later features add their own actions (contact support, account) beside these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocks.kit import escape
from blocks.menu import COMMANDS
from blocks.stages import stage_text
from domain.errors import StalePayload
from domain.help import HelpContext, guide_key
from domain.model import Stage


class Trusted(str):
    """Text we built as mrkdwn (a channel or a mention), printed by the templates as it is."""


# Our own words; every value a template prints is escaped unless we built it as mrkdwn.
_content = Environment(
    loader=PackageLoader("blocks", "templates"),
    finalize=lambda shown: escape(shown) if isinstance(shown, str)
    and not isinstance(shown, Trusted) else shown,
    undefined=StrictUndefined,
    autoescape=False,
)

GENERAL, MENTEE, MENTOR, GUIDE, TOOL = "general", "mentee", "mentor", "guides", "tools"
GROUP_TITLES = {GENERAL: "General questions: how do I…", MENTEE: "For mentees: how do I…",
                MENTOR: "For mentors: how do I…", GUIDE: "Guides for each stage",
                TOOL: "Goal-setting tools explained"}


@dataclass(frozen=True)
class Topic:
    """One question, guide or explanation; guides and tools belong to a journey stage."""

    key: str
    group: str
    question: str
    action: str | None = None
    stage: Stage | None = None


def _faq(group: str, *rows: tuple[str, str, str | None]) -> list[Topic]:
    return [Topic(key, group, question, action) for key, question, action in rows]


def _guides() -> list[Topic]:
    titles = {Stage.FIRST_CONVERSATION: "the first conversation",
              Stage.PROGRESSION: "progression", Stage.COMPLETION: "completion"}
    return [Topic(guide_key(stage, side == MENTOR), GUIDE,
                  f"{side.capitalize()} guide: {titles[stage]}", stage=stage)
            for side in (MENTEE, MENTOR) for stage in Stage]


TOPICS: tuple[Topic, ...] = (
    *_faq(GENERAL,
          ("how_it_works", "Understand how it works", None),
          ("commands", "Use the /mentor command", None),
          ("password", "Change or retrieve my password", None),
          ("change_email", "Change my e-mail address", "account"),
          ("cancel_account", "Cancel my account and withdraw from the programme", "account"),
          ("arrange_meeting", "Arrange a meeting", "meet"),
          ("video_chat", "Use video chat for meetings", "meet"),
          ("view_tools", "View the SWOT, G-STAR and goals for my relationship", "goals"),
          ("view_proposal", "View the proposal for my mentoring relationship", "requests"),
          ("mark_complete", "Mark my mentoring relationship as complete", "relationships"),
          ("stored", "See what information is used and stored", "my_data"),
          ("meeting_notes", "Record meeting notes", "meet"),
          ("diary", "Keep a private learning diary", "diary"),
          ("report_block", "Report a problem with someone, or stop them contacting me",
           "account")),
    *_faq(MENTEE,
          ("search", "Search for a mentor", "find"),
          ("ask_question", "Ask a mentor a question before I send a request", "find"),
          ("waiting", "Wait before a mentor accepts my proposal", "requests"),
          ("edit_proposal", "Edit my mentoring proposal", "requests"),
          ("withdraw_proposal", "Withdraw or reinstate my mentoring proposal", "requests"),
          ("declined", "Carry on when a mentor declines or does not answer", "find")),
    *_faq(MENTOR,
          ("answer_request", "Answer a mentoring request", "requests"),
          ("ask_before_deciding", "Ask a mentee something before I decide", "requests"),
          ("decline_kindly", "Decline a request kindly", "requests"),
          ("pause", "Pause new requests for a while", "account"),
          ("capacity", "Change how many mentees I can take", "profile"),
          ("full", "Know what happens when I am full", "profile"),
          ("support_goals", "Support my mentee with their goals", "goals"),
          ("end_relationship", "End a mentoring relationship early", "relationships"),
          ("give_feedback", "Give feedback when the mentoring ends", "relationships")),
    *_guides(),
    Topic("smart", TOOL, "SMART goals explained", "goals", Stage.FIRST_CONVERSATION),
    Topic("swot", TOOL, "The SWOT worksheet explained", "goals", Stage.FIRST_CONVERSATION),
    Topic("gstar", TOOL, "The G-STAR worksheet explained", "goals", Stage.FIRST_CONVERSATION),
)
_BY_KEY = {topic.key: topic for topic in TOPICS}


def topic_of(key: str) -> Topic:
    """The topic a button names; a key we no longer have is a stale button."""
    topic = _BY_KEY.get(key)
    if topic is None:
        raise StalePayload()
    return topic


def reflection_start(topic: Topic) -> tuple[str, str]:
    """A diary entry begun from a guide: titled after it, tagged with its stage's name."""
    return f"Reflecting on: {topic.question}"[:120], stage_text(topic.stage or "").short


def is_guide(topic: Topic) -> bool:
    """Guides and explanations end with Reflect in my diary."""
    return topic.stage is not None


def contact_line(context: HelpContext) -> Trusted:
    """Whom to ask when Help does not answer: the support channel and the named admins."""
    admins = ", ".join(f"<@{user}>" for user in context.admin_user_ids)
    channel = f"<#{context.support_channel_id}>" if context.support_channel_id else ""
    if channel and admins:
        return Trusted(f"the programme's support channel {channel} or its admins ({admins})")
    if channel:
        return Trusted(f"the programme's support channel {channel}")
    if admins:
        return Trusted(f"the programme's admins ({admins})")
    return Trusted("your Slack workspace's admins, who run the programme")


def _values(context: HelpContext) -> dict[str, Any]:
    return {"programme": context.programme_name, "contact": contact_line(context),
            "command_list": COMMANDS}


@cache
def _module(group: str) -> Any:
    return _content.get_template(f"help/{group}.txt.j2")


def answer_text(topic: Topic, context: HelpContext) -> str:
    """The topic's answer in mrkdwn, with the programme's name and whom to ask."""
    module = _module(topic.group).make_module(_values(context))
    return str(getattr(module, topic.key)()).strip()


def _folded(text: str) -> str:
    """Text as search compares it: any case, "e-mail" as "email"."""
    return text.casefold().replace("-", "")


def matching(keyword: str, context: HelpContext) -> list[Topic]:
    """Topics whose question or answer holds every word typed, in any case; all for none."""
    words = _folded(keyword).split()
    if not words:
        return list(TOPICS)
    found = []
    for topic in TOPICS:
        text = _folded(f"{topic.question} {answer_text(topic, context)}")
        if all(word in text for word in words):
            found.append(topic)
    return found
