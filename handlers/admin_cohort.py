"""Whole-cohort matching for admins: open (suggesting when nothing is under review), page,
remove or put back a pair, suggest again, and Publish, which answers Slack first."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from blocks import ids
from blocks.admin_cohort import published_view, review_view, working_view
from blocks.forms import clicked_view
from blocks.payloads import CohortPage, CohortPair, action_payload, view_payload
from domain.admin import cohort
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring

log = logging.getLogger("mentorbot")


def _review(ctx: Ctx, client: WebClient, run_id: int | None, page: int = 0
            ) -> dict[str, Any] | None:
    """The review of a run as a view; None when the workspace has no run yet."""
    with ctx.transaction() as session:
        review = cohort.cohort_review(session, actor=ctx.actor,
                                      workspace_admin=ctx.workspace_admin(client),
                                      run_id=run_id, page=page, now=ctx.now())
        return review_view(review) if review is not None else None


def _review_of(ctx: Ctx, client: WebClient, run_id: int, page: int = 0) -> dict[str, Any]:
    """The review of this run as a view."""
    view = _review(ctx, client, run_id, page)
    assert view is not None  # a run asked for by id is there, or NotFound was raised
    return view


def _suggest(ctx: Ctx, client: WebClient) -> dict[str, Any]:
    """Suggest afresh and show the first page of the new run."""
    with ctx.transaction() as session:
        run = cohort.suggest_matches(session, actor=ctx.actor,
                                     workspace_admin=ctx.workspace_admin(client), now=ctx.now())
        run_id = run.id
    return _review_of(ctx, client, run_id)


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Suggest matches: the run under review, or a new one worked out while the modal waits."""
    ack()
    under_review = _review(ctx, client, None)  # refuses non-admins before anything opens
    if under_review is not None:
        open_modal(client, body, under_review)
        return
    view_id = open_modal(client, body, working_view())
    client.views_update(view_id=view_id, view=_suggest(ctx, client))


def handle_suggest_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Suggest again: replaces the unpublished run with one from the data as it is now."""
    ack()
    view, shown = clicked_view(body), action_payload(body, CohortPage)
    _review_of(ctx, client, shown.run)  # refuses non-admins before the view changes
    client.views_update(view_id=view["id"], view=working_view())
    client.views_update(view_id=view["id"], view=_suggest(ctx, client))


def handle_page_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Previous / Next through the run's pairs."""
    ack()
    view, page = clicked_view(body), action_payload(body, CohortPage)
    client.views_update(view_id=view["id"], view=_review_of(ctx, client, page.run, page.page))


def _set_removed(body: dict[str, Any], client: WebClient, ctx: Ctx, removed: bool) -> None:
    view, pair = clicked_view(body), action_payload(body, CohortPair)
    with ctx.transaction() as session:
        cohort.set_removed(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(client),
                           run_id=pair.run, suggestion_id=pair.pair, removed=removed,
                           now=ctx.now())
    client.views_update(view_id=view["id"], view=_review_of(ctx, client, pair.run, pair.page))


def handle_remove_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Remove on a pair: it will not be published."""
    ack()
    _set_removed(body, client, ctx, removed=True)


def handle_restore_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Undo on a removed pair: it is back in the run."""
    ack()
    _set_removed(body, client, ctx, removed=False)


def handle_publish_submitted(ack: Ack, view: dict[str, Any], client: WebClient,
                             ctx: Ctx) -> None:
    """Publish: answer Slack at once with a working view, send the proposals, then show what
    was sent and what was skipped."""
    run = view_payload(view, CohortPage).run
    _review(ctx, client, run)  # refuses non-admins and unknown runs while Slack waits
    ack(response_action="update", view=working_view("Publishing the suggested matches…"))
    with ctx.transaction() as session:
        report = cohort.publish_run(session, actor=ctx.actor,
                                    workspace_admin=ctx.workspace_admin(client), run_id=run,
                                    now=ctx.now())
    try:
        client.views_update(view_id=view["id"], view=published_view(report))
    except SlackApiError as closed:  # the admin closed the modal: the work is done anyway
        log.warning("could not show the publish summary: %s", closed.response.get("error"))


def register(wiring: Wiring) -> None:
    """Wire the cohort matching listeners."""
    wiring.action(ids.ADMIN_COHORT_OPEN, handle_open_clicked)
    wiring.action(ids.ADMIN_COHORT_SUGGEST, handle_suggest_clicked)
    wiring.action(ids.ADMIN_COHORT_PAGE, handle_page_clicked)
    wiring.action(ids.ADMIN_COHORT_REMOVE, handle_remove_clicked)
    wiring.action(ids.ADMIN_COHORT_RESTORE, handle_restore_clicked)
    wiring.view(ids.ADMIN_COHORT_PUBLISH, handle_publish_submitted)
