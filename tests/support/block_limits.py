"""Slack's documented limits on views and messages, checked on everything the app builds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from blocks import ids

KNOWN_IDS = {v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)}
TEXT_LIMITS = {"section": 3000, "header": 150, "context": 2000}


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a view or message, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def _check_block(block: dict[str, Any], problems: list[str]) -> None:
    kind = block.get("type")
    text = (block.get("text") or {}).get("text", "")
    if kind in TEXT_LIMITS and len(text) > TEXT_LIMITS[kind]:
        problems.append(f"{kind} text of {len(text)} characters")
    if kind == "section" and not text.strip() and not block.get("fields"):
        problems.append("empty section")
    if kind == "actions" and len(block.get("elements", [])) > 25:
        problems.append("more than 25 elements in actions")
    element = block.get("element") or {}
    if element.get("type") == "plain_text_input" and not element.get("max_length"):
        problems.append(f"text input {block.get('block_id')} has no max_length")


def _check_element(node: dict[str, Any], problems: list[str]) -> None:
    if node.get("type") == "button" and len(node["text"]["text"]) > 75:
        problems.append("button label over 75")
    options = node.get("options")
    if isinstance(options, list) and options and "value" in options[0]:
        if len(options) > 100:
            problems.append(f"{len(options)} options")
        problems.extend(f"option text over 75: {o['text']['text'][:20]}" for o in options
                        if len(o["text"]["text"]) > 75)
    for key in ("action_id", "callback_id"):
        if node.get(key) and node[key] not in KNOWN_IDS:
            problems.append(f"{key} {node[key]!r} is not defined in blocks/ids/")


def view_problems(view: dict[str, Any]) -> list[str]:
    """Every way the view breaks Slack's limits or our id rules; empty when it is fine."""
    problems: list[str] = []
    blocks = view.get("blocks", [])
    most = 50 if view.get("type") not in ("modal", "home") else 100
    if len(blocks) > most:
        problems.append(f"{len(blocks)} blocks (limit {most})")
    for key in ("title", "submit", "close"):
        if view.get(key) and len(view[key]["text"]) > 24:
            problems.append(f"{key} over 24 characters")
    if len(view.get("private_metadata", "")) > 3000:
        problems.append("private_metadata over 3000")
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        problems.append("duplicate block_id")
    for block in blocks:
        _check_block(block, problems)
    for node in walk(view):
        _check_element(node, problems)
    return problems


def assert_fits_slack(view: dict[str, Any]) -> None:
    """Fail the test with the list of problems when the view breaks a limit."""
    problems = view_problems(view)
    assert not problems, problems


def mrkdwn_texts(view: dict[str, Any]) -> list[str]:
    """Every mrkdwn string in the view: the places where Slack would act on <!…> and <@…>."""
    return [node["text"] for node in walk(view) if node.get("type") == "mrkdwn"]
