"""The admin menu (`/mentor admin`) and the Admin section on an admin's Home."""

from __future__ import annotations

from dataclasses import dataclass

from blocks import ids
from blocks.kit import Block, actions, button, context, divider, escape, header, modal, section
from domain.admin import AdminMenu, Headline, Trend


@dataclass(frozen=True)
class MenuSection:
    """One thing an admin can open from the menu: a line saying what it is, and its button."""

    title: str
    text: str
    label: str
    action_id: str


# The admin menu, top to bottom: each part of the admin work has its row.
MENU_SECTIONS: tuple[MenuSection, ...] = (
    MenuSection("Programme health",
                "Members, requests, relationships, meetings, goals and feedback month by "
                "month; the PDF report with its charts, and CSV exports.", "Programme health",
                ids.ADMIN_HEALTH_OPEN),
    MenuSection("Match manually",
                "Pair a mentee with a mentor yourself; both are told who matched them and "
                "why.", "Match manually", ids.ADMIN_MATCH_OPEN),
    MenuSection("Suggest matches",
                "The best overall matches for every mentee still without a mentor: review "
                "them, then send them to the mentors as requests.", "Suggest matches",
                ids.ADMIN_COHORT_OPEN),
    MenuSection("Lists",
                "The areas of support, roles, professional communities and diary themes "
                "people choose from.", "Lists", ids.ADMIN_LISTS_OPEN),
    MenuSection("Settings",
                "Name, channels and admins; mentor capacity and request limits; reminders, "
                "quiet hours and video links.", "Settings", ids.ADMIN_SETTINGS_OPEN),
)

# The tasks an admin's Home offers at once, beside the way into the whole menu.
HOME_SHORTCUTS = (ids.ADMIN_HEALTH_OPEN, ids.ADMIN_MATCH_OPEN, ids.ADMIN_COHORT_OPEN)


def headline_text(headline: Headline) -> str:
    """The headline numbers as one line, and this month against the last below it."""
    def counted(number: int, one: str, many: str) -> str:
        return f"*{number:,}* {one if number == 1 else many}"

    def trended(what: str, trend: Trend) -> str:
        return f"{what} *{trend.this_month:,}* {trend.arrow} ({trend.last_month:,} last month)"

    now = " · ".join((counted(headline.members, "member", "members"),
                      counted(headline.active_relationships, "active relationship",
                              "active relationships"),
                      counted(headline.open_requests, "open request", "open requests")))
    month = " · ".join((trended("joined", headline.joined),
                        trended("requests sent", headline.requests_sent),
                        trended("relationships started", headline.relationships_started)))
    return f"{now}\nThis month: {month}"


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
            actions(*(button(one.label, one.action_id) for one in MENU_SECTIONS
                      if one.action_id in HOME_SHORTCUTS)),
            context("You see this because you are one of the programme's admins.")]
