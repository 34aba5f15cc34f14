"""Help: /mentor help and the Help buttons, the keyword box, answers, guides and their buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.diary import diary_form
from blocks.forms import clicked_view, text_value
from blocks.help import answer_view, guide_view, help_view, is_guide, reflection_start, topic_of
from blocks.payloads import HelpGo, HelpPlace, action_payload, view_payload
from domain import diary
from domain.errors import StalePayload
from domain.help import HelpContext, help_context
from handlers.context import Ctx
from handlers.goals import open_goals
from handlers.meetings import open_meetings
from handlers.relationships import open_relationships
from handlers.surfaces import open_modal
from handlers.wiring import Wiring

Opener = Callable[[WebClient, dict[str, Any], Ctx], None]
# Where an answer's button leads, for the answers whose screens need no payload of their own.
GO: dict[str, Opener] = {"meet": open_meetings, "goals": open_goals,
                         "relationships": open_relationships}


def _context(ctx: Ctx) -> HelpContext:
    with ctx.transaction() as session:
        return help_context(session, actor=ctx.actor, now=ctx.now())


def open_help(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor help: every question and guide, for anyone in the workspace."""
    open_modal(client, body, help_view(_context(ctx)))


def handle_help_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Help on Home or in the /mentor menu."""
    ack()
    open_help(client, body, ctx)


def _in_place(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    client.views_update(view_id=clicked_view(body)["id"], view=view)


def _searched(view: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
    """Help redrawn with the questions whose question or answer hold the words typed."""
    place = view_payload(view, HelpPlace)
    keyword = text_value(view, ids.help_keyword_block(place.round))
    return help_view(_context(ctx), keyword, place.round)


def handle_keyword_entered(ack: Ack, body: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Enter in the keyword box: Help filtered in place."""
    ack()
    _in_place(client, body, _searched(clicked_view(body), ctx))


def handle_search_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Search (the modal's button): Help filtered in place, the modal kept open."""
    ack(response_action="update", view=_searched(view, ctx))


def handle_topic_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Read / Open guide beside a question: its answer in place of the list."""
    ack()
    place = action_payload(body, HelpPlace)
    topic, context = topic_of(place.topic), _context(ctx)
    view = guide_view(topic, context, place) if is_guide(topic) \
        else answer_view(topic, context, place)
    _in_place(client, body, view)


def handle_back_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Back to Help (with the keyword searched for) or Show all questions (a fresh box)."""
    ack()
    place = action_payload(body, HelpPlace)
    _in_place(client, body, help_view(_context(ctx), place.keyword, place.round))


def handle_guide_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Guide to this stage on Next step: the guide stacked on the road map."""
    ack()
    topic = topic_of(action_payload(body, HelpPlace).topic)
    if not is_guide(topic):
        raise StalePayload()
    open_modal(client, body, guide_view(topic, _context(ctx)))


def handle_go_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """An answer's button: the screen the answer is about, stacked on Help."""
    ack()
    opener = GO.get(action_payload(body, HelpGo).where)
    if opener is None:
        raise StalePayload()
    opener(client, body, ctx)


def handle_reflect_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Reflect in my diary: a private entry titled after the guide, tagged with its stage."""
    ack()
    topic = topic_of(action_payload(body, HelpPlace).topic)
    if not is_guide(topic):
        raise StalePayload()
    title, tag = reflection_start(topic)
    with ctx.transaction() as session:
        form = diary.new_entry_form(session, actor=ctx.actor, now=ctx.now(), title=title,
                                    tags=tag)
    open_modal(client, body, diary_form(form))


def register(wiring: Wiring) -> None:
    """Wire Help's listeners."""
    wiring.action(ids.HOME_OPEN_HELP, handle_help_clicked)
    wiring.action(ids.MENU_OPEN_HELP, handle_help_clicked)
    wiring.action(ids.HELP_KEYWORD, handle_keyword_entered)
    wiring.view(ids.HELP_VIEW, handle_search_submitted)
    wiring.action(ids.HELP_TOPIC, handle_topic_clicked)
    wiring.action(ids.HELP_BACK, handle_back_clicked)
    wiring.action(ids.HELP_GUIDE, handle_guide_clicked)
    wiring.action(ids.HELP_GO, handle_go_clicked)
    wiring.action(ids.HELP_REFLECT, handle_reflect_clicked)
