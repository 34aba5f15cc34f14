"""The Block Kit constructors: escaping, cutting, and Slack's limits enforced at the source."""

from __future__ import annotations

from blocks import ids
from blocks.kit import button, cut, escape, modal, option, plain, quote, section, slack_date
from tests.blocks.builders import EVIL, EVIL_ESCAPED, NOW
from tests.support.block_limits import assert_fits_slack


def test_escape_turns_markup_into_text() -> None:
    assert escape(EVIL) == EVIL_ESCAPED
    assert escape("&lt;") == "&amp;lt;"  # already-escaped text is shown as typed, not decoded
    assert escape(None) == ""


def test_cut_keeps_short_text_and_marks_a_cut_with_an_ellipsis() -> None:
    assert cut("short", 10) == "short"
    assert cut("x" * 11, 10) == "x" * 9 + "…"
    assert len(cut("word " * 1000, 3000)) <= 3000


def test_a_quote_escapes_every_line() -> None:
    assert quote(f"one\n{EVIL}") == f"> one\n> {EVIL_ESCAPED}"
    assert quote("") == "> "


def test_long_titles_labels_values_and_texts_are_cut_to_slacks_limits() -> None:
    long = "a" * 5000
    view = modal(ids.NOTICE_VIEW, long, [section(long) for _ in range(150)], submit=long,
                 close=long, private_metadata=long)
    view["blocks"][0]["accessory"] = button(long, ids.HOME_REGISTER, value=long)
    view["blocks"][1]["accessory"] = {"type": "overflow", "action_id": ids.HOME_REGISTER,
                                      "options": [option(long, "v")]}
    assert_fits_slack(view)
    assert len(view["blocks"]) == 100 and len(view["private_metadata"]) == 3000
    assert len(view["blocks"][0]["accessory"]["value"]) == 2000


def test_empty_text_is_never_sent_empty() -> None:
    assert plain("")["text"] == " "
    assert section("")["text"]["text"] == " "


def test_a_date_token_carries_a_utc_fallback() -> None:
    assert slack_date(NOW) == f"<!date^{int(NOW.timestamp())}^{{date_long_pretty}}|" \
        "23 Nov 2026 09:00 UTC>"
