"""Workflow Builder steps: a workflow of this workspace inviting someone to the programme."""

from __future__ import annotations

from typing import Any

from slack_bolt import Complete
from slack_sdk import WebClient

from blocks import ids
from domain import workflows
from handlers.context import Ctx
from handlers.wiring import Wiring


def _person(client: WebClient, user_id: str) -> workflows.SlackPerson:
    """The person a step's input names, as Slack knows them."""
    user = client.users_info(user=user_id)["user"]
    return workflows.SlackPerson(user_id=user["id"], team_id=user.get("team_id", ""),
                                 is_bot=bool(user.get("is_bot")),
                                 deleted=bool(user.get("deleted")))


def handle_invite(inputs: dict[str, Any], event: dict[str, Any], complete: Complete,
                  client: WebClient, ctx: Ctx) -> None:
    """Invite to the mentoring programme: DM the person Register, unless already in."""
    person = _person(client, str(inputs.get("user_id") or ""))
    with ctx.transaction() as session:
        invited = workflows.invite_to_programme(
            session, team_id=ctx.team_id, person=person,
            execution_id=event["function_execution_id"], now=ctx.now())
    complete(outputs={"invited": invited})


def handle_suggest(inputs: dict[str, Any], event: dict[str, Any], complete: Complete,
                   client: WebClient, ctx: Ctx) -> None:
    """Suggest mentors to a person: DM a mentee their three best matches."""
    person = _person(client, str(inputs.get("user_id") or ""))
    with ctx.transaction() as session:
        suggested = workflows.suggest_mentors(
            session, team_id=ctx.team_id, person=person,
            execution_id=event["function_execution_id"], now=ctx.now())
    complete(outputs={"suggested": suggested})


def register(wiring: Wiring) -> None:
    """Wire the Workflow Builder steps."""
    wiring.function(ids.WORKFLOW_INVITE, handle_invite)
    wiring.function(ids.WORKFLOW_SUGGEST, handle_suggest)
