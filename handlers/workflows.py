"""Workflow Builder steps: a workflow of this workspace inviting someone to the programme,
suggesting mentors to a mentee, or logging a meeting for the person who ran it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Complete
from slack_sdk import WebClient

from blocks import ids
from blocks.workflows import read_meeting_log
from domain import workflows
from handlers.context import Ctx
from handlers.wiring import Wiring


def _person(client: WebClient, user_id: str) -> workflows.SlackPerson:
    """The person a step's input names, as Slack knows them."""
    user = client.users_info(user=user_id)["user"]
    return workflows.SlackPerson(user_id=user["id"], team_id=user.get("team_id", ""),
                                 is_bot=bool(user.get("is_bot")),
                                 deleted=bool(user.get("deleted")),
                                 enterprise_id=(user.get("enterprise_user") or {})
                                 .get("enterprise_id"))


def _step(use_case: Callable[..., bool | int], output: str, doc: str) -> Callable[..., None]:
    """A step's listener: run `use_case` for the person its input names, complete with the
    answer as `output` (a domain refusal becomes the step's failure, in failing_step)."""

    def handle(inputs: dict[str, Any], event: dict[str, Any], complete: Complete,
               client: WebClient, ctx: Ctx) -> None:
        person = _person(client, str(inputs.get("user_id") or ""))
        with ctx.transaction() as session:
            answer = use_case(session, team_id=ctx.team_id, person=person,
                              execution_id=event["function_execution_id"], now=ctx.now())
        complete(outputs={output: answer})

    handle.__doc__ = doc
    return handle


handle_invite = _step(workflows.invite_to_programme, "invited",
                      "Invite to the programme: DM the person Register, unless already in.")
handle_suggest = _step(workflows.suggest_mentors, "suggested",
                       "Suggest mentors to a person: DM a mentee their three best matches.")


def handle_log_meeting(inputs: dict[str, Any], event: dict[str, Any], complete: Complete,
                       ctx: Ctx) -> None:
    """Log a meeting: the person who ran the workflow records one held with their partner."""
    log = read_meeting_log(inputs)
    with ctx.transaction() as session:
        logged = workflows.log_meeting(session, team_id=ctx.team_id, runner=log.runner,
                                       held=log.held,
                                       execution_id=event["function_execution_id"],
                                       now=ctx.now())
    complete(outputs={"meeting_logged": logged})


def register(wiring: Wiring) -> None:
    """Wire the Workflow Builder steps."""
    wiring.function(ids.WORKFLOW_INVITE, handle_invite)
    wiring.function(ids.WORKFLOW_SUGGEST, handle_suggest)
    wiring.function(ids.WORKFLOW_LOG_MEETING, handle_log_meeting)
