"""Ask a mentor about this: a message shortcut into the search, and the question it drafts."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.ask_about import about_of, draft_question
from blocks.conversations import thread_view
from blocks.forms import clicked_view
from blocks.payloads import MemberRef, action_payload
from blocks.search import search_view
from domain.ask_about import criteria_from_message, message_about
from domain.conversations import open_thread
from domain.errors import StalePayload
from domain.members import require_member
from domain.programme import choice_lists
from domain.search import find_mentors, your_mentors
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def handle_shortcut(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Ask a mentor about this: the search opens at once on what the message is about, then
    fills in the results with the member's own mentor first."""
    ack()
    message = body.get("message") or {}
    text = str(message.get("text") or "")
    with ctx.transaction() as session:
        member = require_member(session, actor=ctx.actor)
        lists = choice_lists(session, team_id=ctx.team_id, now=ctx.now())
    link = client.chat_getPermalink(channel=body["channel"]["id"],
                                    message_ts=str(message.get("ts") or body["message_ts"]))
    about = message_about(text, str(link.get("permalink") or ""))
    criteria = criteria_from_message(text, lists.areas)
    view_id = open_modal(client, body, search_view(lists, criteria, None, about=about))
    with ctx.transaction() as session:
        results = find_mentors(session, team_id=ctx.team_id, searcher_id=member.id,
                               criteria=criteria)
        mentors = your_mentors(session, team_id=ctx.team_id, searcher_id=member.id)
        view = search_view(lists, criteria, results, about=about, mentors=mentors)
    client.views_update(view_id=view_id, view=view)


def handle_question_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Ask question from those results: the usual form, the message already in the question."""
    ack()
    about = about_of(clicked_view(body))
    if about is None:
        raise StalePayload()
    with ctx.transaction() as session:
        thread = open_thread(session, actor=ctx.actor,
                             partner_id=action_payload(body, MemberRef).member)
        view = thread_view(thread, asking=thread.partner.is_mentor, draft=draft_question(about))
    open_modal(client, body, view)


def register(wiring: Wiring) -> None:
    """Wire the Ask a mentor about this listeners."""
    wiring.message_shortcut(ids.ASK_ABOUT_MESSAGE, handle_shortcut)
    wiring.action(ids.ASK_ABOUT_QUESTION, handle_question_clicked)
