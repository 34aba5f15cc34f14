"""Find a mentor: the search modal, its pages, and a mentor's profile."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.ask_about import about_of
from blocks.forms import clicked_view
from blocks.payloads import MemberRef, Page, action_payload
from blocks.search import (
    criteria_from_metadata,
    criteria_from_profile,
    mentor_profile_view,
    read_criteria,
    search_view,
)
from domain.members import require_member
from domain.programme import choice_lists
from domain.search import find_mentors, view_mentor, your_mentors
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def open_search(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """Open the search at once with the member's own criteria, then fill in the results."""
    with ctx.transaction() as session:
        member = require_member(session, actor=ctx.actor)
        lists = choice_lists(session, team_id=ctx.team_id, now=ctx.now())
        criteria = criteria_from_profile(member)
    view_id = open_modal(client, body, search_view(lists, criteria, None))
    with ctx.transaction() as session:
        results = find_mentors(session, team_id=ctx.team_id, searcher_id=member.id,
                               criteria=criteria)
        view = search_view(lists, criteria, results)
    client.views_update(view_id=view_id, view=view)


def handle_find_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Find a mentor: a Home or DM button, or the global shortcut."""
    ack()
    open_search(client, body, ctx)


def handle_search_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Update search results: search again with the criteria as they stand."""
    criteria, about = read_criteria(view), about_of(view)
    with ctx.transaction() as session:
        member = require_member(session, actor=ctx.actor)
        results = find_mentors(session, team_id=ctx.team_id, searcher_id=member.id,
                               criteria=criteria)
        lists = choice_lists(session, team_id=ctx.team_id, now=ctx.now())
        mentors = your_mentors(session, team_id=ctx.team_id,
                               searcher_id=member.id) if about else None
        updated = search_view(lists, criteria, results, about=about, mentors=mentors)
    ack(response_action="update", view=updated)


def handle_page_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Next / Previous: the same search, another page."""
    ack()
    view = clicked_view(body)
    criteria, page = criteria_from_metadata(view), action_payload(body, Page).page
    about = about_of(view)
    with ctx.transaction() as session:
        member = require_member(session, actor=ctx.actor)
        results = find_mentors(session, team_id=ctx.team_id, searcher_id=member.id,
                               criteria=criteria, page=page)
        lists = choice_lists(session, team_id=ctx.team_id, now=ctx.now())
        mentors = your_mentors(session, team_id=ctx.team_id,
                               searcher_id=member.id) if about and page == 0 else None
        updated = search_view(lists, criteria, results, about=about, mentors=mentors)
    client.views_update(view_id=view["id"], hash=view.get("hash"), view=updated)


def handle_view_profile_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                                ctx: Ctx) -> None:
    """View profile on a result or a suggestion."""
    ack()
    with ctx.transaction() as session:
        shown = view_mentor(session, actor=ctx.actor,
                            mentor_id=action_payload(body, MemberRef).member)
        view = mentor_profile_view(shown.mentor, shown.spare)
    open_modal(client, body, view)


def register(wiring: Wiring) -> None:
    """Wire the search listeners."""
    wiring.shortcut(ids.SEARCH_SHORTCUT, handle_find_clicked)
    for action_id in (ids.HOME_FIND_MENTOR, ids.SEARCH_OPEN):
        wiring.action(action_id, handle_find_clicked)
    wiring.view(ids.SEARCH_SUBMIT, handle_search_submitted)
    wiring.action(ids.SEARCH_PAGE, handle_page_clicked)
    wiring.action(ids.SEARCH_VIEW_PROFILE, handle_view_profile_clicked)
