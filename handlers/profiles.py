"""The profile form: opened from anywhere, rebuilt when roles change, saved field by field."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from blocks import ids
from blocks.forms import clicked_view
from blocks.profiles import answers_from_member, profile_view, read_profile_answers, with_roles
from domain import profiles
from domain.leaving import leave_workspace
from domain.profiles import ProfileAnswers, follow_slack_profile
from handlers.context import Ctx, identity_of
from handlers.surfaces import open_modal
from handlers.wiring import Wiring


def open_profile_form(client: WebClient, body: dict[str, Any], ctx: Ctx) -> None:
    """Open the actor's profile for editing (NotRegistered sends newcomers to Register)."""
    with ctx.transaction() as session:
        draft = profiles.open_profile(session, actor=ctx.actor, now=ctx.now())
        view = profile_view(draft.lists, answers_from_member(draft.member, draft.default_capacity))
    open_modal(client, body, view)


def handle_edit_profile_clicked(
    ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx
) -> None:
    """Edit profile on Home, in the menu or in a DM."""
    ack()
    open_profile_form(client, body, ctx)


def handle_roles_changed(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Mentor / mentee ticked or unticked: show the matching halves, keeping what was typed."""
    ack()
    view = clicked_view(body)
    form = _rebuilt_form(ctx, read_profile_answers(view))
    client.views_update(view_id=view["id"], hash=view.get("hash"), view=form)


def _rebuilt_form(ctx: Ctx, answers: ProfileAnswers) -> dict[str, Any]:
    """The form for the roles now ticked, keeping the answers given so far."""
    with ctx.transaction() as session:
        draft = profiles.open_profile(session, actor=ctx.actor, now=ctx.now())
        saved = answers_from_member(draft.member, draft.default_capacity)
        return profile_view(draft.lists, with_roles(answers, saved))


def handle_profile_submitted(
    ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx
) -> None:
    """Save pressed: store the profile, or show each problem beside its field."""
    answers = read_profile_answers(view)
    if (answers.as_mentor and answers.mentor is None) or (
        answers.as_mentee and answers.mentee is None
    ):
        # A role was ticked but its half of the form never reached the screen: show it now.
        ack(response_action="update", view=_rebuilt_form(ctx, answers))
        return
    with ctx.transaction() as session:
        profiles.save_profile(session, actor=ctx.actor, answers=answers, now=ctx.now())
    ack()


def handle_user_changed(event: dict[str, Any], ctx: Ctx) -> None:
    """Someone's Slack profile changed: a member's name, photo and time zone follow it; a
    member deactivated in Slack leaves the programme (withdrawn and erased)."""
    if (event.get("user") or {}).get("deleted") is True:
        with ctx.transaction() as session:
            leave_workspace(session, actor=ctx.actor, now=ctx.now())
        return
    identity = identity_of(event.get("user") or {})
    ctx.services.people.remember(ctx.team_id, ctx.user_id, identity)
    with ctx.transaction() as session:
        follow_slack_profile(session, actor=ctx.actor, identity=identity, now=ctx.now())


def register(wiring: Wiring) -> None:
    """Wire the profile listeners."""
    for action_id in (ids.HOME_OPEN_PROFILE, ids.MENU_OPEN_PROFILE, ids.NOTIFICATION_OPEN_PROFILE):
        wiring.action(action_id, handle_edit_profile_clicked)
    wiring.action(ids.PROFILE_ROLES, handle_roles_changed)
    wiring.view(ids.PROFILE_SUBMIT, handle_profile_submitted)
    wiring.event("user_change", handle_user_changed)
