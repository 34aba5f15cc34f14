"""Help: the FAQs (general, mentee, mentor), the stage guides and the tools explained."""

from __future__ import annotations

from blocks.help.catalogue import (
    GENERAL,
    GUIDE,
    MENTEE,
    MENTOR,
    TOOL,
    TOPICS,
    Topic,
    answer_text,
    guide_key,
    is_guide,
    matching,
    reflection_start,
    topic_of,
)
from blocks.help.views import (
    ACTION_BUTTONS,
    MAX_KEYWORD,
    action_button,
    answer_view,
    guide_view,
    help_view,
)

__all__ = [
    "ACTION_BUTTONS", "GENERAL", "GUIDE", "MAX_KEYWORD", "MENTEE", "MENTOR", "TOOL", "TOPICS",
    "Topic", "action_button", "answer_text", "answer_view", "guide_key", "guide_view",
    "help_view", "is_guide", "matching", "reflection_start", "topic_of",
]
