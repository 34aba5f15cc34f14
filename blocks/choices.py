"""Selects over the programme's lists: static menus up to Slack's 100 options, external
selects (options asked for as the person types) beyond, and the options such a select gets.

A retired entry is never offered, but one already chosen (on a profile, in a search) stays
chosen and says "(retired)", so nothing a person picked silently disappears.
"""

from __future__ import annotations

from collections.abc import Sequence

from blocks import ids, kit
from blocks.kit import Block
from blocks.payloads import encode_id
from domain.model import ListKind
from domain.programme import Choice, ProgrammeLists, shown_label

MAX_OPTIONS = 100  # Slack's most options in a static select, and in an options answer
ANY_ROLE, ANY_COMMUNITY = "Any role", "Any professional community"

# Every external select the lists may need: its action id, the list it offers and the
# "any" choice it starts with, if it has one.
SUGGESTED: dict[str, tuple[ListKind, str | None]] = {
    ids.PROFILE_MENTOR_AREAS: (ListKind.AREA, None),
    ids.PROFILE_MENTEE_AREAS: (ListKind.AREA, None),
    ids.PROFILE_MENTOR_ROLE: (ListKind.ROLE, None),
    ids.PROFILE_MENTOR_COMMUNITY: (ListKind.COMMUNITY, None),
    ids.PROFILE_PREFERRED_ROLE: (ListKind.ROLE, ANY_ROLE),
    ids.PROFILE_PREFERRED_COMMUNITY: (ListKind.COMMUNITY, ANY_COMMUNITY),
    ids.SEARCH_AREAS: (ListKind.AREA, None),
    ids.SEARCH_ROLE: (ListKind.ROLE, ANY_ROLE),
    ids.SEARCH_COMMUNITY: (ListKind.COMMUNITY, ANY_COMMUNITY),
}


def choice_option(item: Choice) -> Block:
    """One list entry as an option: its id through the codec, a retired one marked."""
    return kit.option(shown_label(item), encode_id(item.id))


def _chosen(lists: ProgrammeLists, kind: ListKind, selected: Sequence[int]) -> list[Choice]:
    """The chosen entries of this kind, offered or retired, in the order chosen."""
    kinds = {item.id for item in (*lists.by_kind(kind), *lists.retired_of(kind))}
    return list(lists.named([one for one in dict.fromkeys(selected) if one in kinds]))


def retired_hint(lists: ProgrammeLists, kind: ListKind, selected: Sequence[int]) -> str | None:
    """A word beside a field whose choices include a retired entry, else nothing."""
    if not any(item.archived for item in _chosen(lists, kind, selected)):
        return None
    return ("Choices marked (retired) are no longer offered: you may keep them, or swap them "
            "for current ones.")


def _placeholder(text: str) -> Block:
    return {"type": "plain_text", "text": text}


def multi_choice(lists: ProgrammeLists, kind: ListKind, selected: Sequence[int], *,
                 most: int, placeholder: str = "Choose…") -> Block:
    """A multi-select of one list with `selected` chosen; external beyond 100 entries."""
    chosen = _chosen(lists, kind, selected)
    kept = [item for item in chosen if item.archived]
    offered = [*lists.by_kind(kind), *kept]
    element: Block = {"max_selected_items": most, "placeholder": _placeholder(placeholder)}
    if len(offered) > MAX_OPTIONS:
        element.update(type="multi_external_select", min_query_length=0)
    else:
        element.update(type="multi_static_select",
                       options=[choice_option(item) for item in offered])
    if chosen:
        element["initial_options"] = [choice_option(item) for item in chosen]
    return element


def one_choice(lists: ProgrammeLists, kind: ListKind, selected: int | None, *,
               any_label: str | None = None) -> Block:
    """A select of one list with `selected` chosen (or the "any" choice, when it has one);
    external beyond 100 entries."""
    chosen = _chosen(lists, kind, [selected] if selected is not None else [])
    any_option = [kit.option(any_label, ids.ANY)] if any_label else []
    offered = [*any_option, *(choice_option(item) for item in (
        *lists.by_kind(kind), *(item for item in chosen if item.archived)))]
    element: Block = {"placeholder": _placeholder("Choose…")}
    if len(offered) > MAX_OPTIONS:
        element.update(type="external_select", min_query_length=0)
    else:
        element.update(type="static_select", options=offered)
    initial = [choice_option(item) for item in chosen] or any_option
    if initial:
        element["initial_option"] = initial[0]
    return element


def suggestions(lists: ProgrammeLists, action_id: str, typed: str) -> list[Block]:
    """What an external select offers for what was typed: the entries whose label contains it
    (any case), the "any" choice first where there is one, at most 100; never a retired one.

    An action id that is not one of ours (forged) gets no options."""
    if action_id not in SUGGESTED:
        return []
    kind, any_label = SUGGESTED[action_id]
    wanted = " ".join(typed.split()).casefold()
    found = [kit.option(any_label, ids.ANY)] if any_label and wanted in any_label.casefold() \
        else []
    found += [choice_option(item) for item in lists.by_kind(kind)
              if wanted in item.label.casefold()]
    return found[:MAX_OPTIONS]
