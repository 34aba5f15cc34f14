"""Meetings: Meet / Video, the Create meeting form, and edit, cancel and notes."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from blocks import ids
from blocks.diary import notes_saved_view
from blocks.forms import clicked_view, submission_of, text_value
from blocks.meetings import (
    arranged_notice,
    cancel_form,
    chooser_view,
    edit_form,
    meetings_view,
    notes_form,
    parent_view_id,
    read_meeting_answers,
    read_target,
)
from blocks.payloads import MeetingRef, RelationshipRef, Target, action_payload
from domain import meetings
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def _list_view(session: Session, ctx: Ctx, relationship_id: int) -> dict[str, Any]:
    return meetings_view(meetings.meetings_of(session, actor=ctx.actor,
                                              relationship_id=relationship_id, now=ctx.now()))


def _meeting_id(body: dict[str, Any]) -> int:
    return action_payload(body, MeetingRef).meeting


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Meet / Video on a relationship card, View meetings in a DM, or Arrange another."""
    ack()
    with ctx.transaction() as session:
        view = _list_view(session, ctx, action_payload(body, RelationshipRef).relationship)
    if parent_view_id(body):  # Arrange another, in the list itself: a fresh form in place
        client.views_update(view_id=clicked_view(body)["id"], view=view)
    else:
        open_modal(client, body, view)


def open_meetings(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor meet: the meetings with one's only partner, or a choice of partners."""
    with ctx.transaction() as session:
        pairings = meetings.pairings_to_meet(session, actor=ctx.actor)
        view = _list_view(session, ctx, pairings[0].relationship.id) if len(pairings) == 1 \
            else chooser_view(pairings)
    open_modal(client, body, view)


def _refresh_parent(client: WebClient, target: Target, view: dict[str, Any] | None
                    ) -> None:
    """Show the change in the meetings list the form was opened from."""
    if target.parent and view is not None:
        client.views_update(view_id=target.parent.view, view=view)


def handle_meeting_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                             ctx: Ctx) -> None:
    """Create meeting in the list, or Save changes in the edit form."""
    target, answers = read_target(view, ctx.user_id), read_meeting_answers(view)
    if target.item is not None:
        with ctx.transaction() as session:
            changed = meetings.edit_meeting(session, actor=ctx.actor, meeting_id=target.item,
                                            answers=answers, now=ctx.now())
            listing = _list_view(session, ctx, changed.relationship_id) \
                if target.parent else None
        ack()
        _refresh_parent(client, target, listing)
        return
    with ctx.transaction() as session:
        made = meetings.arrange_meeting(session, actor=ctx.actor,
                                        relationship_id=target.need_relationship(), answers=answers,
                                        now=ctx.now(), submission=submission_of(view))
        listing_now = meetings.meetings_of(session, actor=ctx.actor,
                                           relationship_id=made.relationship_id, now=ctx.now())
        updated = meetings_view(listing_now,
                                notice=arranged_notice(made, listing_now.pairing.partner))
    ack(response_action="update", view=updated)


def handle_edit_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Edit on a meeting still ahead."""
    ack()
    with ctx.transaction() as session:
        edit = meetings.meeting_to_edit(session, actor=ctx.actor, meeting_id=_meeting_id(body),
                                        now=ctx.now())
        view = edit_form(edit, ctx.now(), parent_view_id(body))
    open_modal(client, body, view)


def handle_cancel_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Cancel on a meeting still ahead: confirm first, with an optional word."""
    ack()
    with ctx.transaction() as session:
        edit = meetings.meeting_to_edit(session, actor=ctx.actor, meeting_id=_meeting_id(body),
                                        now=ctx.now())
        view = cancel_form(edit, parent_view_id(body))
    open_modal(client, body, view)


def handle_cancel_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Cancel meeting confirmed."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        cancelled = meetings.cancel_meeting(session, actor=ctx.actor, meeting_id=target.need_item(),
                                            reason=text_value(view, ids.MEETING_REASON),
                                            now=ctx.now())
        listing = _list_view(session, ctx, cancelled.relationship_id) \
            if target.parent else None
    ack()
    _refresh_parent(client, target, listing)


def handle_notes_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Add notes / Edit notes on a meeting under way or held."""
    ack()
    with ctx.transaction() as session:
        meeting, pairing = meetings.notes_of(session, actor=ctx.actor, meeting_id=_meeting_id(body),
                                             now=ctx.now())
        view = notes_form(meeting, pairing, parent_view_id(body))
    open_modal(client, body, view)


def handle_notes_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                           ctx: Ctx) -> None:
    """Save notes: then the offer to reflect on the meeting in the learning diary."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        noted = meetings.record_meeting_notes(session, actor=ctx.actor,
                                              meeting_id=target.need_item(),
                                              notes=text_value(view, ids.MEETING_NOTES_TEXT),
                                              now=ctx.now())
        listing = _list_view(session, ctx, noted.relationship_id) \
            if target.parent else None
        saved = notes_saved_view(noted)
    ack(response_action="update", view=saved)
    _refresh_parent(client, target, listing)


def handle_join_video_clicked(ack: Ack) -> None:
    """Join the video chat: Slack opens the link itself and only wants the click acked."""
    ack()


def register(wiring: Wiring) -> None:
    """Wire the meetings listeners."""
    wiring.action(ids.MEETING_OPEN, handle_open_clicked)
    wiring.view(ids.MEETING_SUBMIT, handle_meeting_submitted)
    wiring.action(ids.MEETING_EDIT, handle_edit_clicked)
    wiring.action(ids.MEETING_CANCEL, handle_cancel_clicked)
    wiring.view(ids.MEETING_CANCEL_SUBMIT, handle_cancel_submitted)
    wiring.action(ids.MEETING_NOTES, handle_notes_clicked)
    wiring.view(ids.MEETING_NOTES_SUBMIT, handle_notes_submitted)
    wiring.action(ids.MEETING_JOIN_VIDEO, handle_join_video_clicked)
