"""Mentor requests: the form, and the mentee's and mentor's buttons on Home and in DMs."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from blocks import ids
from blocks.forms import text_value
from blocks.payloads import MemberRef, ProposalRef, action_payload, view_payload
from blocks.proposals import (
    decline_form,
    form_target,
    paused_confirmation,
    proposal_form,
    read_proposal_answers,
)
from blocks.proposals import sent_view as request_sent_view
from domain import proposals
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def _proposal_id(body: dict[str, Any]) -> int:
    return action_payload(body, ProposalRef).proposal


def handle_request_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mentor request on a result or a profile: the form, or why a request can't be sent."""
    ack()
    with ctx.transaction() as session:
        draft = proposals.open_proposal_form(session, actor=ctx.actor,
                                             mentor_id=action_payload(body, MemberRef).member,
                                             now=ctx.now())
        view = proposal_form(draft)
    open_modal(client, body, view)


def handle_edit_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Edit on a waiting request."""
    ack()
    with ctx.transaction() as session:
        draft = proposals.open_edit_form(session, actor=ctx.actor, proposal_id=_proposal_id(body))
        view = proposal_form(draft, proposal_id=_proposal_id(body))
    open_modal(client, body, view)


def handle_request_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Send request / Save changes."""
    mentor_id, proposal_id = form_target(view)
    given = read_proposal_answers(view)
    with ctx.transaction() as session:
        if proposal_id is not None:
            proposals.edit_proposal(session, actor=ctx.actor, proposal_id=proposal_id,
                                    answers=given, now=ctx.now())
            confirmation = None
        else:
            sent = proposals.propose_mentorship(session, actor=ctx.actor, mentor_id=mentor_id,
                                                answers=given, now=ctx.now())
            confirmation = request_sent_view(sent)
    if confirmation is None:
        ack()
    else:
        ack(response_action="update", view=confirmation)


def handle_withdraw_clicked(ack: Ack, body: dict[str, Any], ctx: Ctx) -> None:
    """Withdraw on a waiting request (it can be reinstated)."""
    ack()
    with ctx.transaction() as session:
        proposals.withdraw_proposal(session, actor=ctx.actor, proposal_id=_proposal_id(body),
                                    now=ctx.now())


def handle_reinstate_clicked(ack: Ack, body: dict[str, Any], ctx: Ctx) -> None:
    """Reinstate on a withdrawn request."""
    ack()
    with ctx.transaction() as session:
        proposals.reinstate_proposal(session, actor=ctx.actor, proposal_id=_proposal_id(body),
                                     now=ctx.now())


def handle_accept_clicked(ack: Ack, body: dict[str, Any], ctx: Ctx) -> None:
    """Accept, in the mentor's DM or on their Home tab."""
    ack()
    with ctx.transaction() as session:
        proposals.accept_proposal(session, actor=ctx.actor, proposal_id=_proposal_id(body),
                                now=ctx.now())


def handle_decline_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Decline: ask for an optional note first."""
    ack()
    with ctx.transaction() as session:
        view = decline_form(proposals.proposal_to_decline(session, actor=ctx.actor,
                                                        proposal_id=_proposal_id(body)))
    open_modal(client, body, view)


def handle_decline_submitted(ack: Ack, view: dict[str, Any], ctx: Ctx) -> None:
    """Decline confirmed, with the note if one was written."""
    proposal_id = view_payload(view, ProposalRef).proposal
    with ctx.transaction() as session:
        proposals.decline_proposal(session, actor=ctx.actor, proposal_id=proposal_id,
                                 note=text_value(view, ids.PROPOSAL_NOTE), now=ctx.now())
    ack()


def handle_decline_and_pause_clicked(ack: Ack, body: dict[str, Any], respond: Respond,
                                     ctx: Ctx) -> None:
    """Decline and pause my requests, on a reminder (Slack asked to confirm first): the
    reminder becomes the confirmation, saying how to open requests again."""
    ack()
    with ctx.transaction() as session:
        done = proposals.decline_and_pause(session, actor=ctx.actor,
                                           proposal_id=_proposal_id(body), now=ctx.now())
    text, blocks = paused_confirmation(done)
    respond(text=text, blocks=blocks, replace_original=True)


def register(wiring: Wiring) -> None:
    """Wire the proposal listeners."""
    wiring.action(ids.PROPOSAL_OPEN, handle_request_clicked)
    wiring.action(ids.PROPOSAL_EDIT, handle_edit_clicked)
    wiring.view(ids.PROPOSAL_SUBMIT, handle_request_submitted)
    wiring.action(ids.PROPOSAL_WITHDRAW, handle_withdraw_clicked)
    wiring.action(ids.PROPOSAL_REINSTATE, handle_reinstate_clicked)
    wiring.action(ids.PROPOSAL_ACCEPT, handle_accept_clicked)
    wiring.action(ids.PROPOSAL_DECLINE, handle_decline_clicked)
    wiring.view(ids.PROPOSAL_DECLINE_SUBMIT, handle_decline_submitted)
    wiring.action(ids.PROPOSAL_DECLINE_AND_PAUSE, handle_decline_and_pause_clicked)
