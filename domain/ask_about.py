"""Ask a mentor about this: what a Slack message suggests searching for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.matching import MAX_KEYWORD, SearchCriteria
from domain.programme import Choice

# Slack markup that is not words: <@U123> mentions, <#C1|name> channels, <https://..|label> links.
_MARKUP = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SHORTEST_WORD = 4

_STOP_WORDS = """
about above after again against all also and any anyone are aren't because been before being
below between both but can can't could couldn't did didn't does doesn't doing don't down during
each else even ever every few for from further get gets getting got had hadn't has hasn't have
haven't having hello her here hers herself him himself his how however i'm i've into isn't it's
its itself just know let's like make many may maybe might more most much must myself need needs
not now off once only other ought our ours ourselves out over own please really same shall she
should shouldn't since some still such than thank thanks that that's the their theirs them
themselves then there there's these they they're thing things think this those though through
today tomorrow too under until upon very want wants was wasn't way well were weren't what
what's when where which while who whom whose why will with within without won't would
wouldn't yes yet you you're you've your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _mentions(text: str, name: str) -> bool:
    """The name appears in the text as whole words, whatever the case."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def area_names(label: str) -> list[str]:
    """The ways a message may name an area: its whole label, or one of the parts its label
    joins with 'and', '&', '/' or commas ("Procurement and contracts": "Procurement")."""
    parts = (part.strip() for part in re.split(r",|&|/|\band\b", label, flags=re.IGNORECASE))
    return [label.strip(), *(part for part in parts if len(part) >= _SHORTEST_WORD
                             and part.lower() not in STOP_WORDS and part != label.strip())]


def keyword_from_message(text: str) -> str:
    """The longest meaningful word of a message (the first of equal length); '' when none."""
    words = [w.strip("'’-") for w in _WORD.findall(_MARKUP.sub(" ", text))]
    meaningful = [w for w in words if len(w) >= _SHORTEST_WORD and w.lower() not in STOP_WORDS]
    return max(meaningful, key=len, default="")[:MAX_KEYWORD]


def area_in_message(text: str, areas: Sequence[Choice]) -> Choice | None:
    """The programme's area of support the message names: the one named at greatest length
    (the most specific), the first in the list on a tie; None when it names none."""
    plain, best, longest = _MARKUP.sub(" ", text), None, 0
    for area in areas:
        named = [len(name) for name in area_names(area.label) if name and _mentions(plain, name)]
        if named and max(named) > longest:
            best, longest = area, max(named)
    return best


def criteria_from_message(text: str, areas: Sequence[Choice]) -> SearchCriteria:
    """What the search opens with: the area the message names, else its longest meaningful
    word as the keyword, else nothing (a message of files only)."""
    area = area_in_message(text, areas)
    if area is not None:
        return SearchCriteria(area_ids=(area.id,))
    return SearchCriteria(keyword=keyword_from_message(text))


@dataclass(frozen=True)
class MessageAbout:
    """The message a member asks about: its link and its text cut to what a modal can carry."""

    permalink: str
    quote: str


MAX_QUOTE = 500


def message_about(text: str, permalink: str) -> MessageAbout:
    """The message as the search and the question carry it, its text cut to MAX_QUOTE."""
    plain = " ".join(text.split())
    quote = plain if len(plain) <= MAX_QUOTE else plain[:MAX_QUOTE - 1].rstrip() + "…"
    return MessageAbout(permalink[:300], quote)
