"""SMART goals: Goals ▾ on a relationship, the list, the goal form and each goal's Actions ▾."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from blocks import ids
from blocks.forms import clicked_view, submission_of, text_value
from blocks.goals import (
    SMART_OPTION,
    across_view,
    complete_form,
    delete_form,
    goal_completed_view,
    goal_form,
    goals_view,
    milestones_view,
    parent_view_id,
    read_goal_answers,
    read_milestone,
    read_target,
)
from blocks.kit import Block
from blocks.payloads import (
    BoundView,
    GoalAction,
    GoalMenuChoice,
    MilestoneRef,
    Page,
    RelationshipRef,
    action_payload,
)
from blocks.worksheets import worksheet_view
from domain import goals, worksheets
from domain.relationships import pairing_for
from handlers.context import Ctx
from handlers.surfaces import open_modal, reset_home_menu
from handlers.wiring import Wiring

PER_PAIR = 5  # goals per relationship in /mentor goals, within Slack's 100 blocks


def _list_view(session: Session, ctx: Ctx, relationship_id: int, page: int = 0) -> Block:
    return goals_view(goals.goals_of(session, actor=ctx.actor, relationship_id=relationship_id,
                                     now=ctx.now(), page=page))


def _refresh_list(client: WebClient, ctx: Ctx, parent: BoundView | None,
                  relationship_id: int) -> None:
    """Show a change in the goal list the form was opened from."""
    if parent:
        with ctx.transaction() as session:
            view = _list_view(session, ctx, relationship_id)
        client.views_update(view_id=parent.view, view=view)


def handle_menu_chosen(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Goals ▾ on a relationship card: SWOT, G-STAR or SMART Goals."""
    ack()
    try:
        chosen = action_payload(body, GoalMenuChoice)
        with ctx.transaction() as session:
            if chosen.kind == SMART_OPTION:
                view = _list_view(session, ctx, chosen.relationship)
            else:
                view = worksheet_view(worksheets.open_worksheets(
                    session, actor=ctx.actor, relationship_id=chosen.relationship,
                    kind=chosen.kind))
        open_modal(client, body, view)
    finally:
        reset_home_menu(client, body, ctx)


def handle_page_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Previous / Next in the goal list, in place."""
    ack()
    page = action_payload(body, Page)
    with ctx.transaction() as session:
        view = _list_view(session, ctx, page.need_of(), page.page)
    client.views_update(view_id=clicked_view(body)["id"], view=view)


def handle_new_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """New goal in the list."""
    ack()
    with ctx.transaction() as session:
        pairing = pairing_for(session, actor=ctx.actor,
                              relationship_id=action_payload(body, RelationshipRef).relationship)
        view = goal_form(pairing, None, parent_view_id(body))
    open_modal(client, body, view)


def handle_goal_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Save goal: a new one, or changes to one's own."""
    target, answers = read_target(view, ctx.user_id), read_goal_answers(view)
    with ctx.transaction() as session:
        if target.item is not None:
            goal = goals.edit_goal(session, actor=ctx.actor, goal_id=target.item, answers=answers,
                                   now=ctx.now())
        else:
            goal = goals.create_goal(session, actor=ctx.actor,
                                     relationship_id=target.need_relationship(), answers=answers,
                                     now=ctx.now(), submission=submission_of(view))
        relationship_id = goal.relationship_id
    ack()
    _refresh_list(client, ctx, target.parent, relationship_id)


def _goal_modal(session: Session, ctx: Ctx, verb: str, goal_id: int,
                parent: BoundView | None) -> Block:
    """The modal one of a goal's actions opens."""
    if verb == "milestones":
        return milestones_view(goals.goal_for(session, actor=ctx.actor, goal_id=goal_id), parent)
    if verb == "complete":
        return complete_form(goals.goal_to_complete(session, actor=ctx.actor,
                                                    goal_id=goal_id).goal, parent)
    access = goals.own_goal(session, actor=ctx.actor, goal_id=goal_id)
    if verb == "edit":
        return goal_form(access.pairing, access.goal, parent)
    return delete_form(access.goal, parent)


def handle_goal_action(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Actions ▾ on a goal (and Download all): PDF, milestones, edit, delete, complete, reopen."""
    ack()
    chosen, parent = action_payload(body, GoalAction), parent_view_id(body)
    verb, number = chosen.verb, chosen.target
    with ctx.transaction() as session:
        if verb in ("pdf", "pdfall"):
            goals.send_goals_pdf(session, actor=ctx.actor, now=ctx.now(),
                                 **({"goal_id": number} if verb == "pdf"
                                    else {"relationship_id": number}))
            return
        if verb == "reopen":
            relationship_id = goals.reopen_goal(session, actor=ctx.actor, goal_id=number,
                                                now=ctx.now()).relationship_id
        else:
            view = _goal_modal(session, ctx, verb, number, parent)
    if verb == "reopen":
        _refresh_list(client, ctx, parent, relationship_id)
    else:
        open_modal(client, body, view)


def handle_delete_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                            ctx: Ctx) -> None:
    """Delete goal confirmed."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        relationship_id = goals.delete_goal(session, actor=ctx.actor, goal_id=target.need_item(),
                                            now=ctx.now())
    ack()
    _refresh_list(client, ctx, target.parent, relationship_id)


def handle_complete_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                              ctx: Ctx) -> None:
    """Complete goal confirmed, with its optional outcome."""
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        goal = goals.complete_goal(session, actor=ctx.actor, goal_id=target.need_item(),
                                   note=text_value(view, ids.GOAL_NOTE), now=ctx.now())
        relationship_id = goal.relationship_id
    ack(response_action="update", view=goal_completed_view(goal))
    _refresh_list(client, ctx, target.parent, relationship_id)


def handle_milestone_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                               ctx: Ctx) -> None:
    """Add a milestone, review or outcome; the form shows it in place."""
    target = read_target(view, ctx.user_id)
    kind, text, happened_on = read_milestone(view)
    with ctx.transaction() as session:
        goals.add_milestone(session, actor=ctx.actor, goal_id=target.need_item(), kind=kind,
                            text=text, happened_on=happened_on, now=ctx.now(),
                            submission=submission_of(view))
        access = goals.goal_for(session, actor=ctx.actor, goal_id=target.need_item())
        updated = milestones_view(access, target.parent)
        relationship_id = access.goal.relationship_id
    ack(response_action="update", view=updated)
    _refresh_list(client, ctx, target.parent, relationship_id)


def handle_milestone_remove_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                                    ctx: Ctx) -> None:
    """Remove (confirmed by Slack) on one of one's own milestones; what is typed below stays."""
    ack()
    view = clicked_view(body)
    target = read_target(view, ctx.user_id)
    with ctx.transaction() as session:
        access = goals.remove_milestone(
            session, actor=ctx.actor, milestone_id=action_payload(body, MilestoneRef).milestone,
            now=ctx.now())
        updated = milestones_view(access, target.parent)
        relationship_id = access.goal.relationship_id
    client.views_update(view_id=view["id"], view=updated)
    _refresh_list(client, ctx, target.parent, relationship_id)


def register(wiring: Wiring) -> None:
    """Wire the goals listeners."""
    wiring.action(ids.GOAL_MENU, handle_menu_chosen)
    wiring.action(ids.GOAL_PAGE, handle_page_clicked)
    wiring.action(ids.GOAL_NEW, handle_new_clicked)
    wiring.view(ids.GOAL_SUBMIT, handle_goal_submitted)
    wiring.action(ids.GOAL_ACTIONS, handle_goal_action)
    wiring.view(ids.GOAL_DELETE_SUBMIT, handle_delete_submitted)
    wiring.view(ids.GOAL_COMPLETE_SUBMIT, handle_complete_submitted)
    wiring.view(ids.GOAL_MILESTONE_SUBMIT, handle_milestone_submitted)
    wiring.action(ids.GOAL_MILESTONE_REMOVE, handle_milestone_remove_clicked)


def open_goals(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """/mentor goals: the goals of every current relationship."""
    with ctx.transaction() as session:
        today, rows = goals.goals_across(session, actor=ctx.actor, now=ctx.now(), per_pair=PER_PAIR)
    open_modal(client, body, across_view(today, rows))
