"""The admin menu (`/mentor admin`) and the Admin section on an admin's Home."""

from __future__ import annotations

from dataclasses import dataclass

from blocks import ids
from blocks.kit import Block, button, context, divider, escape, header, modal, section
from domain.admin import AdminMenu, Headline


@dataclass(frozen=True)
class MenuSection:
    """One thing an admin can open from the menu: a line saying what it is, and its button."""

    title: str
    text: str
    label: str
    action_id: str


# The admin menu, top to bottom. Each part of the admin work adds its own row here; the lead
# adds Lists (ids.ADMIN_LISTS_OPEN, "admin_lists.open"), Match manually ("admin_match.open"),
# Suggest matches ("admin_cohort.open") and Health report ("admin_health.open") at merge,
# once their listeners are wired.
MENU_SECTIONS: tuple[MenuSection, ...] = (
    MenuSection("Settings",
                "Name, channels and admins; mentor capacity and request limits; reminders, "
                "quiet hours and video links.", "Settings", ids.ADMIN_SETTINGS_OPEN),
)


def headline_text(headline: Headline) -> str:
    """The headline numbers as one line."""
    def counted(number: int, one: str, many: str) -> str:
        return f"*{number:,}* {one if number == 1 else many}"

    return " · ".join((counted(headline.members, "member", "members"),
                       counted(headline.active_relationships, "active relationship",
                               "active relationships"),
                       counted(headline.open_requests, "open request", "open requests")))


def admin_menu_view(menu: AdminMenu, sections: tuple[MenuSection, ...] = MENU_SECTIONS
                    ) -> Block:
    """The admin menu: the programme, its headline numbers and a row per admin task."""
    blocks: list[Block] = [
        header(menu.programme.name),
        section(headline_text(menu.headline)),
        divider(),
    ]
    for one in sections:
        blocks.append(section(f"*{escape(one.title)}*\n{escape(one.text)}",
                              button(one.label, one.action_id)))
    blocks.append(context("Only the programme's admins see this menu: Slack's workspace admins "
                          "and owners, and the people named in Settings."))
    return modal(ids.ADMIN_MENU_VIEW, "Programme admin", blocks)


def home_admin_section(headline: Headline) -> list[Block]:
    """Home's Admin section: the numbers, and the way into the admin menu."""
    return [divider(), header("Programme admin"),
            section(headline_text(headline),
                    button("Open admin", ids.ADMIN_OPEN, style="primary")),
            context("You see this because you are one of the programme's admins.")]
