"""The buttons of alert cards in the admin channel: each acts once, for admins only."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.admin_alerts import close_form, profiles_view
from blocks.admin_match import match_form
from blocks.forms import text_value
from blocks.payloads import AlertRef, MatchDraft, action_payload, view_payload
from domain.admin.alerts import acting
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def _alert_id(body: dict[str, Any]) -> int:
    return action_payload(body, AlertRef).alert


def handle_nudge_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Nudge both: a friendly DM to each, and the card says who nudged them."""
    ack()
    with ctx.transaction() as session:
        acting.nudge_both(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                          admin_name=ctx.identity(client).name, alert_id=_alert_id(body),
                          now=ctx.now())


def handle_match_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Match manually: the form, with the alert's mentee filled in."""
    ack()
    alert_id = _alert_id(body)
    with ctx.transaction() as session:
        mentee = acting.mentee_of_alert(session, actor=ctx.actor,
                                        workspace_admin=ctx.workspace_admin(client),
                                        alert_id=alert_id, now=ctx.now())
    open_modal(client, body, match_form(MatchDraft(mentee=mentee, alert=alert_id)))


def handle_close_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Close relationship: confirm first, with an optional word to both."""
    ack()
    with ctx.transaction() as session:
        alert, relationship = acting.relationship_to_close(
            session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
            alert_id=_alert_id(body), now=ctx.now())
        view = close_form(alert.id, relationship)
    open_modal(client, body, view)


def handle_close_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Close it: the relationship ends as a withdrawal does, and both are told."""
    with ctx.transaction() as session:
        acting.close_from_alert(session, actor=ctx.actor,
                                workspace_admin=ctx.workspace_admin(client),
                                admin_name=ctx.identity(client).name,
                                alert_id=view_payload(view, AlertRef).alert,
                                reason=text_value(view, ids.ADMIN_ALERTS_REASON), now=ctx.now())
    ack()


def handle_profile_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Open profile: the profile cards of the people the alert is about."""
    ack()
    with ctx.transaction() as session:
        view = profiles_view(acting.people_of_alert(
            session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
            alert_id=_alert_id(body), now=ctx.now()))
    open_modal(client, body, view)


def handle_done_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mark as handled: the card says who dealt with it, and its buttons go."""
    ack()
    with ctx.transaction() as session:
        acting.mark_handled(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                            admin_name=ctx.identity(client).name, alert_id=_alert_id(body),
                            now=ctx.now())


def register(wiring: Wiring) -> None:
    """Wire the alert card listeners."""
    wiring.action(ids.ADMIN_ALERTS_NUDGE, handle_nudge_clicked)
    wiring.action(ids.ADMIN_ALERTS_MATCH, handle_match_clicked)
    wiring.action(ids.ADMIN_ALERTS_CLOSE, handle_close_clicked)
    wiring.view(ids.ADMIN_ALERTS_CLOSE_SUBMIT, handle_close_submitted)
    wiring.action(ids.ADMIN_ALERTS_PROFILE, handle_profile_clicked)
    wiring.action(ids.ADMIN_ALERTS_DONE, handle_done_clicked)
