"""The Register modal: the first screen of the journey for everyone."""

from __future__ import annotations

from blocks import ids
from blocks.kit import Block, context, escape, input_block, modal, option, section

ROLE_CHOICES = {
    "mentor": "Mentor: I'd like to share my experience and support others",
    "mentee": "Mentee: I'd like a mentor to support my development",
}


def register_view(programme_name: str) -> Block:
    """Choose mentor, mentee or both; nothing else in the programme works before this."""
    blocks = [
        section(f"*Welcome to {escape(programme_name)}!*\nMentoring pairs people who want to "
                "grow with people who have walked the road. Register once, complete your "
                "profile, and the programme does the rest: finding a mentor, proposals, "
                "meetings, goals and a private learning diary, all here in Slack."),
        input_block(ids.REGISTRATION_ROLES, "How would you like to take part?", {
            "type": "checkboxes",
            "options": [option(label[:75], value) for value, label in ROLE_CHOICES.items()],
        }, hint="You can be both, with different partners. You can change this later."),
        context("Your Slack name, photo, e-mail and time zone are used for your profile. "
                "You choose what else to share in your profile."),
    ]
    return modal(ids.REGISTRATION_SUBMIT, "Join the programme", blocks, submit="Register",
                 close="Not now")
