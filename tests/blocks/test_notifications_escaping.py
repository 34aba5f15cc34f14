"""Every outbox kind, with hostile text in every string of its payload: nothing of it is live."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import pytest

from blocks.notifications import direct_message
from domain.model import OutboxKind
from tests.blocks.test_notifications import SAMPLES

# A broadcast, a mention, a disguised link and a bare ampersand, as a person could type them.
HOSTILE = "<!channel> <@U123> <https://x|y> & co"
LIVE = ("<!channel>", "<@U123>", "<https://x|y>")
BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")
SHOWS_NO_TEXT = {OutboxKind.DIARY_PDF, OutboxKind.MY_DATA}  # payloads hold only the team id
# The samples, with the optional strings a payload may carry filled in so they are tried too.
FULLER = {**SAMPLES, OutboxKind.CONVERSATION_MESSAGE: {
    **SAMPLES[OutboxKind.CONVERSATION_MESSAGE], "files": [{"id": "F1", "name": "plan.pdf"}]}}


def _is_date(text: str) -> bool:
    """Dates and times are the app's own values, parsed before they are shown."""
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            parse(text)
        except ValueError:
            continue
        return True
    return False


def hostile(value: Any) -> Any:
    """The payload with every string a person could have written replaced by HOSTILE."""
    if isinstance(value, dict):
        return {key: hostile(item) for key, item in value.items()}
    if isinstance(value, list):
        return [hostile(item) for item in value]
    if isinstance(value, StrEnum) or not isinstance(value, str) or _is_date(value):
        return value  # a vocabulary member, a number or a flag: no one types these
    if value.startswith("https://"):  # a link a person gave (a video call): still theirs
        return f"{value}?{HOSTILE}"
    return HOSTILE


def mrkdwn_texts(thing: Any) -> list[str]:
    """Every text Slack parses as mrkdwn in blocks; plain_text is shown as typed."""
    if isinstance(thing, list):
        return [text for item in thing for text in mrkdwn_texts(item)]
    if not isinstance(thing, dict):
        return []
    found = [thing["text"]] if thing.get("type") == "mrkdwn" else []
    return found + [text for item in thing.values() for text in mrkdwn_texts(item)]


def test_the_hostile_payloads_do_carry_hostile_text() -> None:
    assert HOSTILE in str(hostile(SAMPLES[OutboxKind.PROPOSAL_CARD]))
    assert hostile({"status": OutboxKind.WELCOME, "at": "2026-11-23"}) == {
        "status": OutboxKind.WELCOME, "at": "2026-11-23"}


@pytest.mark.parametrize("kind", list(OutboxKind))
def test_no_string_of_the_payload_is_live_in_the_dm(kind: OutboxKind) -> None:
    dm = direct_message(kind, hostile(FULLER[kind]))
    texts = [dm.text, *mrkdwn_texts(dm.blocks)]
    assert kind in SHOWS_NO_TEXT or "&amp; co" in " ".join(texts), "no hostile text shown"
    for text in texts:
        live = [token for token in LIVE if token in text]
        assert not live, f"{kind}: {live} live in {text!r}"
        assert not BARE_AMPERSAND.search(text), f"{kind}: a bare & in {text!r}"
