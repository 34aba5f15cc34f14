"""The Help modal: questions grouped, a keyword box, an answer or a guide in place of the list."""

from __future__ import annotations

from blocks import ids
from blocks.help.catalogue import (
    GROUP_TITLES,
    MENTOR,
    TOPICS,
    Topic,
    answer_text,
    contact_line,
    is_guide,
    matching,
)
from blocks.kit import Block, actions, button, context, cut, divider, escape, modal, section
from blocks.payloads import HelpGo, HelpPlace, metadata, value
from domain.help import HelpContext

MAX_KEYWORD = 100
# The button an answer ends with, by its topic's action: label, action id and value (None:
# the button opens a listener that needs none). Features add theirs here.
ACTION_BUTTONS: dict[str, tuple[str, str, HelpGo | None]] = {
    "find": ("Find a mentor", ids.SEARCH_OPEN, None),
    "profile": ("Open my profile", ids.MENU_OPEN_PROFILE, None),
    "account": ("Open my account", ids.ACCOUNT_OPEN, None),
    "diary": ("Open my diary", ids.DIARY_OPEN, None),
    "my_data": ("See what is stored", ids.PERSONAL_DATA_EXPORT, None),
    "meet": ("Arrange a meeting", ids.HELP_GO, HelpGo("meet")),
    "goals": ("Open my goals", ids.HELP_GO, HelpGo("goals")),
    "requests": ("Open my requests", ids.HELP_GO, HelpGo("relationships")),
    "relationships": ("Open my relationships", ids.HELP_GO, HelpGo("relationships")),
}


def action_button(topic: Topic, style: str | None = "primary") -> list[Block]:
    """The button that does what the topic is about, if there is one."""
    if topic.action not in ACTION_BUTTONS:
        return []
    label, action_id, payload = ACTION_BUTTONS[topic.action]
    return [button(label, action_id, value(payload) if payload else None, style=style)]


def _keyword_box(keyword: str, round_: int) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": ids.HELP_KEYWORD,
                      "max_length": MAX_KEYWORD,
                      "placeholder": {"type": "plain_text", "text": "e.g. meeting, e-mail, pause"},
                      "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]}}
    if keyword:
        element["initial_value"] = keyword[:MAX_KEYWORD]
    return {"type": "input", "block_id": ids.help_keyword_block(round_), "optional": True,
            "dispatch_action": True, "element": element,
            "label": {"type": "plain_text", "text": "Search Help"}}


def _found_line(keyword: str, found: int, round_: int) -> list[Block]:
    shown = escape(cut(keyword, MAX_KEYWORD))
    text = f"No answers match “{shown}”. Try another word, or look through every question." \
        if not found else f"{found} answer{'s' if found != 1 else ''} match “{shown}”."
    return [section(text, button("Show all questions", ids.HELP_BACK,
                                 value(HelpPlace(round=round_ + 1))))]


def _groups(help: HelpContext) -> list[str]:
    """The groups in reading order: a mentor who is not a mentee reads the mentors' first."""
    order = list(GROUP_TITLES)
    if help.is_mentor and not help.is_mentee:
        order.remove(MENTOR)
        order.insert(1, MENTOR)
    return order


def _rows(topics: list[Topic], help: HelpContext, keyword: str, round_: int) -> list[Block]:
    blocks: list[Block] = []
    for group in _groups(help):
        title = GROUP_TITLES[group]
        mine = [topic for topic in topics if topic.group == group]
        if mine:
            blocks.append(section(f"*{title}*"))
        blocks += [section(f"• {escape(topic.question)}", button(
            "Read" if not is_guide(topic) else "Open guide", ids.HELP_TOPIC,
            value(HelpPlace(topic.key, keyword, round_)))) for topic in mine]
    return blocks


def help_view(help: HelpContext, keyword: str = "", round_: int = 0) -> Block:
    """Help: every question and guide, or those matching the keyword typed."""
    keyword = keyword.strip()[:MAX_KEYWORD]
    topics = matching(keyword, help) if keyword else list(TOPICS)
    blocks = [section(f"*Help for {escape(help.programme_name)}*\nAnswers to common questions, "
                      "and a guide to each stage of the mentoring journey."),
              _keyword_box(keyword, round_)]
    if keyword:
        blocks += _found_line(keyword, len(topics), round_)
    blocks += [*_rows(topics, help, keyword, round_), divider(),
               context(f"Can't find what you need? Ask {contact_line(help)}."),
               actions(button("Contact support", ids.HELP_CONTACT))]
    return modal(ids.HELP_VIEW, "Help", blocks, submit="Search",
                 private_metadata=metadata(HelpPlace(keyword=keyword, round=round_)))


def _back(place: HelpPlace) -> Block:
    return button("Back to Help", ids.HELP_BACK, value(HelpPlace(keyword=place.keyword,
                                                                 round=place.round)))


def answer_view(topic: Topic, help: HelpContext, place: HelpPlace) -> Block:
    """One answer in place of the list, ending with the button that does the thing."""
    asked = topic.question[:1].lower() + topic.question[1:]
    blocks = [section(f"*How do I… {escape(asked)}?*"),
              section(answer_text(topic, help)), actions(*action_button(topic), _back(place)),
              context(f"Still stuck? Ask {contact_line(help)}.")]
    return modal(ids.HELP_ANSWER_VIEW, "Help", blocks,
                 private_metadata=metadata(HelpPlace(topic.key, place.keyword, place.round)))


def guide_view(topic: Topic, help: HelpContext, place: HelpPlace | None = None) -> Block:
    """A stage guide or a tool explained, ending with Reflect in my diary; Back to Help when
    it replaced the list (`place`), none when it was stacked on Next step."""
    buttons = [button("Reflect in my diary", ids.HELP_REFLECT, value(HelpPlace(topic.key)),
                      style="primary"), *action_button(topic, style=None),
               *([_back(place)] if place is not None else [])]
    blocks = [section(f"*{escape(topic.question)}*"), section(answer_text(topic, help)),
              actions(*buttons),
              context(":lock: Your diary entry is private: only you can read it.")]
    return modal(ids.HELP_GUIDE_VIEW, "Guide", blocks,
                 private_metadata=metadata(place or HelpPlace(topic.key)))
