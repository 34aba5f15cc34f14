"""The /mentor menu and help: what each member is offered, and unknown text escaped."""

from __future__ import annotations

import json

from blocks import ids
from blocks.menu import COMMANDS, help_text, menu_view
from tests.blocks.builders import EVIL, EVIL_ESCAPED, member
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts


def buttons(view: dict) -> list[str]:
    return [e["action_id"] for b in view["blocks"] if b["type"] == "actions"
            for e in b["elements"]]


def test_only_a_mentee_is_offered_find_a_mentor() -> None:
    mentee = menu_view("Programme", member(mentor=False))
    mentor = menu_view("Programme", member(mentee=False))
    for view in (mentee, mentor):
        assert_fits_slack(view)
    assert buttons(mentee)[0] == ids.SEARCH_OPEN and "as a mentee." in json.dumps(mentee)
    assert ids.SEARCH_OPEN not in buttons(mentor) and "as a mentor." in json.dumps(mentor)


def test_the_programme_name_is_escaped() -> None:
    view = menu_view(EVIL, member())
    assert EVIL_ESCAPED in mrkdwn_texts(view)[0] and "<!channel>" not in json.dumps(view)


def test_help_names_every_command_and_the_unknown_text_escaped_and_cut() -> None:
    text = help_text(EVIL + "x" * 100)
    assert f"`{EVIL_ESCAPED}" in text and "x" * 31 not in text
    assert all(f"`{command}`" in text for command, _ in COMMANDS)
    assert help_text().startswith("Here is what you can do:")
