"""The programme's lists for admins (add, rename, reorder, retire, bring back), and the
options external selects over those lists ask for once a list outgrows a static menu."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from blocks import ids
from blocks.admin_lists import (
    LAST_PAGE,
    add_form,
    edit_answers,
    edit_form,
    lists_view,
    typed_labels_of,
)
from blocks.choices import SUGGESTED, suggestions
from blocks.forms import clicked_view, parent_view_of, submission_of, suggestion_query
from blocks.kit import Block
from blocks.payloads import (
    AdminListForm,
    AdminListItem,
    AdminListPage,
    BoundView,
    action_payload,
    view_payload,
)
from domain.admin import lists
from domain.errors import StalePayload
from domain.model import ListKind
from domain.programme import choice_lists
from handlers.context import Ctx
from handlers.surfaces import open_modal
from handlers.wiring import Wiring

DONE = {"up": "Moved “{}” up.", "down": "Moved “{}” down.",
        "retire": "Retired “{}”: no form offers it now, and everything that uses it keeps it, "
                  "marked (retired). Bring it back any time from Retired below.",
        "back": "Brought back “{}”: it is offered again, at the end of the list."}


def _kind(written: str) -> ListKind:
    """A list kind from a payload; anything else is stale."""
    try:
        return ListKind(written)
    except ValueError:
        raise StalePayload() from None


def _list_view(ctx: Ctx, admin: bool, kind: ListKind, page: int = 0,
               notice: str | None = None) -> Block:
    with ctx.transaction() as session:
        shown = lists.admin_list(session, actor=ctx.actor, workspace_admin=admin, kind=kind,
                                 now=ctx.now())
    return lists_view(shown, page, notice)


def handle_open_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Lists in the admin menu: the areas of support first."""
    ack()
    open_modal(client, body, _list_view(ctx, ctx.workspace_admin(client), ListKind.AREA))


def handle_list_chosen(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Another list chosen, or another page of this one: shown in place."""
    ack()
    chosen = action_payload(body, AdminListPage)
    view = _list_view(ctx, ctx.workspace_admin(client), _kind(chosen.kind), chosen.page)
    client.views_update(view_id=clicked_view(body)["id"], view=view)


def handle_add_clicked(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Add… : the form for new entries, over the list."""
    ack()
    shown = action_payload(body, AdminListPage)
    kind = _kind(shown.kind)
    _list_view(ctx, ctx.workspace_admin(client), kind)  # refused here unless an admin
    open_modal(client, body, add_form(kind, shown.page, parent_view_of(body, ids.ADMIN_LISTS_VIEW)))


def _refresh(client: WebClient, ctx: Ctx, admin: bool, form: AdminListForm, notice: str,
             page: int | None = None) -> None:
    """Show the change in the list the form was opened over (on its page, or `page`)."""
    if form.parent:
        client.views_update(view_id=form.parent.view, view=_list_view(
            ctx, admin, _kind(form.kind), form.page if page is None else page, notice))


def handle_add_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Add pressed: every line becomes an entry, or each problem is shown beside the field."""
    form, admin = view_payload(view, AdminListForm, ctx.user_id), ctx.workspace_admin(client)
    with ctx.transaction() as session:
        lists.add_items(session, actor=ctx.actor, workspace_admin=admin, kind=_kind(form.kind),
                        typed=typed_labels_of(view), now=ctx.now(),
                        submission=submission_of(view))
    ack()
    _refresh(client, ctx, admin, form, "Added at the end of the list.", LAST_PAGE)


def handle_item_chosen(ack: Ack, body: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """One of an entry's actions: edit opens its form; the others change it in place."""
    ack()
    chosen, admin = action_payload(body, AdminListItem), ctx.workspace_admin(client)
    view = clicked_view(body)
    shown = view_payload(view, AdminListPage)
    if chosen.verb == "edit":
        _open_edit(client, body, ctx, admin, chosen.item, shown.page)
        return
    if chosen.verb not in DONE:
        raise StalePayload()
    with ctx.transaction() as session:
        label = _change(session, ctx, admin, chosen)
    client.views_update(view_id=view["id"], view=_list_view(
        ctx, admin, _kind(shown.kind), shown.page, DONE[chosen.verb].format(label)))


def _change(session: Session, ctx: Ctx, admin: bool, chosen: AdminListItem) -> str:
    """Make the chosen change; the entry's label, for the notice."""
    who = {"actor": ctx.actor, "workspace_admin": admin, "item_id": chosen.item,
           "now": ctx.now()}
    if chosen.verb in ("up", "down"):
        step = -1 if chosen.verb == "up" else 1
        lists.move_item(session, **who, seen_at=chosen.at, to=chosen.at + step)
        return lists.entry_to_edit(session, **who).entry.label
    change = lists.retire_item if chosen.verb == "retire" else lists.bring_back_item
    return change(session, **who).label


def _open_edit(client: WebClient, body: dict[str, Any], ctx: Ctx, admin: bool, item_id: int,
               page: int) -> None:
    with ctx.transaction() as session:
        editable = lists.entry_to_edit(session, actor=ctx.actor, workspace_admin=admin,
                                       item_id=item_id, now=ctx.now())
    parent: BoundView | None = parent_view_of(body, ids.ADMIN_LISTS_VIEW)
    open_modal(client, body, edit_form(editable, page, parent))


def handle_edit_submitted(ack: Ack, view: dict[str, Any], client: WebClient, ctx: Ctx) -> None:
    """Save pressed on an entry: renamed and moved, or each problem shown beside its field."""
    form, admin = view_payload(view, AdminListForm, ctx.user_id), ctx.workspace_admin(client)
    if form.item is None:
        raise StalePayload()
    label, position = edit_answers(view)
    with ctx.transaction() as session:
        item = lists.edit_item(session, actor=ctx.actor, workspace_admin=admin,
                               item_id=form.item, label=label, position=position, now=ctx.now())
        saved = item.label
    ack()
    _refresh(client, ctx, admin, form, f"Saved “{saved}”.")


def handle_suggestions(ack: Ack, body: dict[str, Any], ctx: Ctx) -> None:
    """Options for an external select over a list, filtered by what was typed (cached lists:
    one small statement)."""
    action_id, typed = suggestion_query(body)
    with ctx.transaction() as session:
        current = choice_lists(session, team_id=ctx.team_id, now=ctx.now())
    ack(options=suggestions(current, action_id, typed))


def register(wiring: Wiring) -> None:
    """Wire the lists' listeners."""
    wiring.action(ids.ADMIN_LISTS_OPEN, handle_open_clicked)
    for action_id in (ids.ADMIN_LISTS_KIND, ids.ADMIN_LISTS_PAGE):
        wiring.action(action_id, handle_list_chosen)
    wiring.action(ids.ADMIN_LISTS_ADD, handle_add_clicked)
    wiring.action(ids.ADMIN_LISTS_ITEM, handle_item_chosen)
    wiring.view(ids.ADMIN_LISTS_ADD_SUBMIT, handle_add_submitted)
    wiring.view(ids.ADMIN_LISTS_EDIT_SUBMIT, handle_edit_submitted)
    for action_id in SUGGESTED:
        wiring.suggestions(action_id, handle_suggestions)
