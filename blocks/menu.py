"""The /mentor menu and the short help for commands it does not know."""

from __future__ import annotations

from blocks import ids
from blocks.kit import Block, actions, button, escape, modal, section
from domain.model import Member

COMMANDS = (
    ("/mentor", "open this menu"),
    ("/mentor profile", "see and edit your profile"),
    ("/mentor find", "find a mentor who matches what you need"),
    ("/mentor relationships", "your mentoring relationships and requests"),
    ("/mentor meet", "arrange and see meetings with your mentor or mentee"),
    ("/mentor diary", "your private learning diary"),
    ("/mentor goals", "your SMART goals in every relationship"),
    ("/mentor account", "your contact e-mail, pausing and reminders"),
    ("/mentor help", "what you can do and how"),
    ("/mentor admin", "for programme admins: settings and running the programme"),
)


def menu_view(programme_name: str, member: Member, admin: bool = False) -> Block:
    """The menu `/mentor` opens for a registered member (and the way to the admin menu for
    the programme's admins)."""
    roles = " and ".join(r for r, on in (("mentor", member.is_mentor),
                                         ("mentee", member.is_mentee)) if on)
    blocks = [
        section(f"*{escape(programme_name)}*\nYou take part as a {roles}. "
                "Your dashboard is this app's Home tab."),
        actions(*([button("Find a mentor", ids.SEARCH_OPEN, style="primary")]
                  if member.is_mentee else []),
                button("My profile", ids.MENU_OPEN_PROFILE),
                button("Learning diary", ids.DIARY_OPEN),
                button("Help", ids.MENU_OPEN_HELP),
                button("Contact support", ids.MENU_CONTACT_SUPPORT),
                *([button("Programme admin", ids.ADMIN_OPEN)] if admin else [])),
    ]
    return modal(ids.MENU_VIEW, "Mentoring", blocks)


def help_text(unknown: str | None = None) -> str:
    """Plain help listing the sub-commands; names the text it did not understand, if any."""
    lines = [f"• `{command}`: {what}" for command, what in COMMANDS]
    opening = (f"Sorry, I don't know `{escape(unknown[:50])}`. " if unknown else "") + \
        "Here is what you can do:"
    return "\n".join([opening, *lines])
