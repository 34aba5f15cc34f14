"""The newcomers' reminders: finish your profile, and mentors who match a mentee who has
asked nobody yet, each with the Mentor request button search results carry."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, escape, photo, section
from blocks.payloads import MemberRef, value

SHOWN = 3


def profile_incomplete_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The reminder with the welcome's Complete your profile button."""
    return [section(text), actions(button("Complete your profile",
                                          ids.NOTIFICATION_OPEN_PROFILE, style="primary"))]


def _suggested(match: dict[str, Any]) -> list[Block]:
    """One suggested mentor: who they are, what they offer, and the ways to ask them."""
    who = ", ".join(escape(p) for p in (match.get("title"), match.get("organisation")) if p)
    offers = ", ".join(escape(area) for area in match.get("offers", []))
    lines = [f"*{escape(match['name'])}*", who, f"Offers: {offers}" if offers else ""]
    ref = value(MemberRef(match["member_id"]))
    return [section("\n".join(line for line in lines if line),
                    photo(match.get("image_url"), match["name"])),
            actions(button("View profile", ids.SEARCH_VIEW_PROFILE, ref),
                    button("Mentor request", ids.PROPOSAL_OPEN, ref, style="primary"))]


def no_request_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The mentee's best matches, each a click from the request form, then Find a mentor;
    with no match, Find a mentor and the way to change their preferences."""
    matches = payload.get("matches", [])[:SHOWN]
    blocks = [section(text)]
    for match in matches:
        blocks += _suggested(match)
    if matches:
        blocks.append(actions(button("Find a mentor", ids.SEARCH_OPEN)))
    else:
        blocks.append(actions(button("Find a mentor", ids.SEARCH_OPEN, style="primary"),
                              button("Change your preferences",
                                     ids.NOTIFICATION_OPEN_PROFILE)))
    return blocks
