"""A notice: the message shown whole, in a modal Slack accepts."""

from __future__ import annotations

from blocks import ids
from blocks.notices import notice_view
from tests.support.block_limits import assert_fits_slack


def test_a_notice_shows_the_message_with_only_a_close_button() -> None:
    view = notice_view("Sorry, that request was already answered.", title="A very long title "
                       "for a notice")
    assert_fits_slack(view)
    assert view["callback_id"] == ids.NOTICE_VIEW and "submit" not in view
    assert view["blocks"][0]["text"]["text"] == "Sorry, that request was already answered."
    assert view["close"]["text"] == "Close"
