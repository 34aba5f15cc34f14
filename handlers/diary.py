"""The learning diary: shortcuts, the diary modal, the entry form, delete and export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from blocks import ids
from blocks.diary import (
    delete_form,
    diary_form,
    diary_view,
    entry_view,
    parent_view_id,
    read_diary_answers,
    read_target,
)
from blocks.forms import clicked_view, submission_of
from blocks.notices import notice_view
from blocks.payloads import (
    BoundView,
    EntryRef,
    GoalRef,
    MeetingRef,
    Page,
    RelationshipRef,
    action_payload,
)
from domain import diary
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def _list_view(session: Session, ctx: Ctx, page: Page | None = None) -> dict[str, Any]:
    page = page or Page()
    return diary_view(diary.diary_page(session, actor=ctx.actor, page=page.page,
                                       by_theme=page.by_theme))


def _entry_id(body: dict[str, Any]) -> int:
    return action_payload(body, EntryRef).entry


def open_diary(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor diary, or Open diary on Home: the newest entries first."""
    with ctx.transaction() as session:
        view = _list_view(session, ctx)
    open_modal(client, body, view)


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Open diary on Home or in the menu."""
    ack()
    open_diary(client, body, ctx)


def handle_page_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Newer / Older, Previous / Next, By date / By theme: the diary redrawn in place."""
    ack()
    with ctx.transaction() as session:
        view = _list_view(session, ctx, action_payload(body, Page))
    client.views_update(view_id=clicked_view(body)["id"], view=view)


def handle_new_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """New entry in the diary, or the New diary entry global shortcut."""
    ack()
    with ctx.transaction() as session:
        view = diary_form(diary.new_entry_form(session, actor=ctx.actor, now=ctx.now()),
                          parent_view_id(body))
    open_modal(client, body, view)


def handle_message_shortcut(ack: Ack, body: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Save to learning diary: the message's text and link, with the form open to reflect."""
    ack()
    message = body.get("message") or {}
    text = str(message.get("text") or "")
    link = client.chat_getPermalink(channel=body["channel"]["id"],
                                    message_ts=str(message.get("ts") or body["message_ts"]))
    title = " ".join(text.split())[:80] or "Saved message"
    with ctx.transaction() as session:
        form = diary.new_entry_form(session, actor=ctx.actor, now=ctx.now(), title=title,
                                    reflection=text, permalink=str(link.get("permalink") or ""))
    open_modal(client, body, diary_form(form))


# Each "Add to learning diary" prompt opens the form titled and linked to what prompted it;
# its button carries a reference to that meeting, relationship (stage) or goal.
PROMPTS: dict[str, tuple[Any, Callable[[Any], dict[str, int]]]] = {
    ids.DIARY_FROM_MEETING: (
        diary.meeting_entry_form,
        lambda body: {"meeting_id": action_payload(body, MeetingRef).meeting}),
    ids.DIARY_FROM_STAGE: (
        diary.stage_entry_form,
        lambda body: {"relationship_id": action_payload(body, RelationshipRef).relationship}),
    ids.DIARY_FROM_GOAL: (
        diary.goal_entry_form, lambda body: {"goal_id": action_payload(body, GoalRef).goal}),
}


def handle_prompt_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Add to learning diary after a meeting's notes, a completed stage or a completed goal."""
    ack()
    start, prompted_by = PROMPTS[body["actions"][0]["action_id"]]
    source = prompted_by(body)
    with ctx.transaction() as session:
        view = diary_form(start(session, actor=ctx.actor, now=ctx.now(), **source))
    open_modal(client, body, view)


def handle_entry_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Open on an entry in the diary."""
    ack()
    with ctx.transaction() as session:
        entry = diary.entry_of(session, actor=ctx.actor, entry_id=_entry_id(body))
        themes = diary.themes_of(session, entry_ids=[entry.id], marked=True)[entry.id]
        view = entry_view(entry, themes, diary.linked_meeting(session, entry=entry),
                          parent_view_id(body))
    open_modal(client, body, view)


def handle_edit_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Edit on an entry: the form in place of the entry, the diary refreshed after saving."""
    ack()
    parent = read_target(clicked_view(body), ctx.user_id).parent
    with ctx.transaction() as session:
        view = diary_form(diary.edit_entry_form(session, actor=ctx.actor, entry_id=_entry_id(body),
                                                now=ctx.now()),
                          parent)
    client.views_update(view_id=clicked_view(body)["id"], view=view)


def handle_delete_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Delete on an entry: confirm first."""
    ack()
    parent = read_target(clicked_view(body), ctx.user_id).parent
    with ctx.transaction() as session:
        entry = diary.entry_of(session, actor=ctx.actor, entry_id=_entry_id(body))
        view = delete_form(entry, parent)
    open_modal(client, body, view)


def _refresh_parent(client: WebClient, ctx: Ctx, parent: BoundView | None) -> None:
    if parent:
        with ctx.transaction() as session:
            view = _list_view(session, ctx)
        client.views_update(view_id=parent.view, view=view)


def handle_entry_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Save on the entry form."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        diary.save_entry(session, actor=ctx.actor, entry_id=target.item,
                         answers=read_diary_answers(view), now=ctx.now(),
                         submission=submission_of(view))
    ack()
    _refresh_parent(client, ctx, target.parent)


def handle_delete_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Delete confirmed: the entry's view closes with the confirmation."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        diary.delete_entry(session, actor=ctx.actor, entry_id=target.need_item(), now=ctx.now())
    if target.parent:
        ack(response_action="clear")
    else:
        ack(response_action="update", view=notice_view("Entry deleted.", "Diary entry"))
    _refresh_parent(client, ctx, target.parent)


def handle_export_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Export PDF: the diary arrives as a file in the author's DM with the app."""
    ack()
    with ctx.transaction() as session:
        diary.request_export(session, actor=ctx.actor, now=ctx.now())
    open_modal(client, body, notice_view(
        "Your learning diary is on its way as a PDF in your messages with me.", "Export diary"))


def register(wiring: Wiring) -> None:
    """Wire the learning diary's listeners."""
    wiring.shortcut(ids.DIARY_SHORTCUT, handle_new_clicked)
    wiring.message_shortcut(ids.DIARY_MESSAGE_SHORTCUT, handle_message_shortcut)
    wiring.action(ids.DIARY_OPEN, handle_open_clicked)
    wiring.action(ids.DIARY_PAGE, handle_page_clicked)
    wiring.action(ids.DIARY_NEW, handle_new_clicked)
    for action_id in PROMPTS:
        wiring.action(action_id, handle_prompt_clicked)
    wiring.action(ids.DIARY_ENTRY, handle_entry_clicked)
    wiring.action(ids.DIARY_EDIT, handle_edit_clicked)
    wiring.action(ids.DIARY_DELETE, handle_delete_clicked)
    wiring.action(ids.DIARY_EXPORT, handle_export_clicked)
    wiring.view(ids.DIARY_SUBMIT, handle_entry_submitted)
    wiring.view(ids.DIARY_DELETE_SUBMIT, handle_delete_submitted)
