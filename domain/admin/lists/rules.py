"""The small rules of the programme's lists: what a label may be, and where an entry moves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from domain.text import clean

MAX_LABEL = 75  # Slack's longest option text: every label must fit in a menu
MAX_ADDED = 100  # labels at once: a static select offers at most 100
MAX_PROBLEMS = 3  # named beside the field; more would bury the first

T = TypeVar("T")


def tidy_label(typed: str) -> str:
    """A label as stored: cleaned, its inner whitespace single spaces."""
    return " ".join(clean(typed).split())


def typed_labels(typed: str) -> list[str]:
    """One label per line of what was typed, tidied, blank lines and repeats (any case) left
    out, in the order typed."""
    seen: dict[str, str] = {}
    for line in clean(typed).splitlines():
        label = tidy_label(line)
        if label and label.casefold() not in seen:
            seen[label.casefold()] = label
    return list(seen.values())


def label_problem(label: str, taken: dict[str, bool]) -> str | None:
    """Why `label` cannot be a new name in a list whose labels (casefolded) are `taken`, each
    True when that entry is retired; None when it can."""
    if not label:
        return "Please type a name."
    if len(label) > MAX_LABEL:
        return f"“{label[:30]}…” is longer than {MAX_LABEL} characters; please shorten it."
    retired = taken.get(label.casefold())
    if retired is None:
        return None
    if retired:
        return f"“{label}” is retired: bring it back from Retired instead."
    return f"“{label}” is already in the list."


def labels_problem(labels: Sequence[str], taken: dict[str, bool]) -> str | None:
    """Why these labels cannot all be added (the first few problems), or None."""
    if not labels:
        return "Please type at least one name, one per line."
    if len(labels) > MAX_ADDED:
        return f"Please add at most {MAX_ADDED} at once."
    problems = [found for label in labels if (found := label_problem(label, taken))]
    return " ".join(problems[:MAX_PROBLEMS]) if problems else None


def moved(entries: Sequence[T], entry: T, to: int) -> list[T]:
    """The entries with `entry` moved to index `to` (clamped to the list)."""
    rest = [one for one in entries if one is not entry]
    rest.insert(max(0, min(to, len(rest))), entry)
    return rest


def taken_labels(entries: Iterable[tuple[str, bool]]) -> dict[str, bool]:
    """The labels of a list (casefolded), each True when that entry is retired."""
    return {label.casefold(): archived for label, archived in entries}
