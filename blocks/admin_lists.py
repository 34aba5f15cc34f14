"""The programme's lists as admins see them: one list at a time, each entry with its actions,
the retired ones below; and the forms to add entries and to rename or move one."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import int_value, text_value
from blocks.kit import Block
from blocks.payloads import (
    AdminListForm,
    AdminListItem,
    AdminListPage,
    BoundView,
    metadata,
    value,
)
from domain.admin.lists import KIND_NAMES, MAX_LABEL, AdminList, EditableEntry
from domain.model import ListKind
from domain.programme import ListEntry

PAGE_SIZE = 40  # entries a page, well inside a modal's 100 blocks
MAX_TYPED = 3000  # a multiline input's most characters

TITLES = {ListKind.AREA: "Areas of support", ListKind.ROLE: "Roles",
          ListKind.COMMUNITY: "Professional communities", ListKind.THEME: "Diary themes"}
USES = {
    ListKind.AREA: "Mentors offer these and mentees ask for them; search matches on them.",
    ListKind.ROLE: "A mentor's role, and the role a mentee would like their mentor to have.",
    ListKind.COMMUNITY: "A mentor's professional community, and a mentee's preferred one.",
    ListKind.THEME: "Members tag their learning diary entries with these.",
}


def _kind_select(kind: ListKind) -> Block:
    options = [kit.option(TITLES[one], value(AdminListPage(one))) for one in ListKind]
    chosen = next(o for o, one in zip(options, ListKind, strict=True) if one == kind)
    return {"type": "static_select", "action_id": ids.ADMIN_LISTS_KIND, "options": options,
            "initial_option": chosen}


def _item_menu(entry: ListEntry, at: int | None, size: int) -> Block:
    """The actions of one entry, offered as its place allows."""
    def option(text: str, verb: str) -> Block:
        return kit.option(text, value(AdminListItem(verb, entry.id, at or 0)))

    choices = [option("Rename or move…" if at else "Rename…", "edit")]
    if at is None:
        choices.append(option("Bring back", "back"))
    else:
        choices += ([option("Move up", "up")] if at > 1 else []) + \
                   ([option("Move down", "down")] if at < size else []) + \
                   [option("Retire", "retire")]
    return {"type": "overflow", "action_id": ids.ADMIN_LISTS_ITEM, "options": choices}


def _rows(shown: AdminList) -> list[tuple[ListEntry, int | None]]:
    """Every entry with its place (None for the retired), offered ones first."""
    return [*((entry, n) for n, entry in enumerate(shown.current, 1)),
            *((entry, None) for entry in shown.retired)]


LAST_PAGE = 10**6  # asks lists_view for the last page, wherever that is


def lists_view(shown: AdminList, page: int = 0, notice: str | None = None) -> Block:
    """The lists modal, showing one list a page at a time (a page beyond the end shows the
    last); `notice` (plain text) says what just changed."""
    rows = _rows(shown)
    last = max(0, (len(rows) - 1) // PAGE_SIZE)
    page = min(max(page, 0), last)
    size = len(shown.current)
    blocks: list[Block] = [
        kit.section(f"*{TITLES[shown.kind]}* · {size} offered"
                    + (f", {len(shown.retired)} retired" if shown.retired else "")
                    + f"\n{USES[shown.kind]} Forms offer them in this order.",
                    _kind_select(shown.kind), block_id=ids.admin_lists_kind_block(shown.kind)),
        kit.actions(kit.button(f"Add {KIND_NAMES[shown.kind]}…", ids.ADMIN_LISTS_ADD,
                               value(AdminListPage(shown.kind, page)), style="primary"),
                    block_id=ids.ADMIN_LISTS_TOOLS),
    ]
    if notice:
        blocks.append(kit.context(":white_check_mark: " + kit.escape(notice)))
    blocks.append(kit.divider())
    shown_rows = rows[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    for n, (entry, at) in enumerate(shown_rows):
        if at is None and (n == 0 or shown_rows[n - 1][1] is not None):
            blocks.append(kit.header("Retired"))
            blocks.append(kit.context("No longer offered. Profiles, searches and reports "
                                      "that use them still show them, marked (retired)."))
        text = f"`{at}.` {kit.escape(entry.label)}" if at else f"~{kit.escape(entry.label)}~"
        blocks.append(kit.section(text, _item_menu(entry, at, size),
                                  block_id=ids.admin_lists_item_block(entry.id)))
    if not rows:
        blocks.append(kit.section("_This list is empty. Add the first entries above._"))
    blocks += _paging(shown.kind, page, last)
    return kit.modal(ids.ADMIN_LISTS_VIEW, "Programme lists", blocks,
                     private_metadata=metadata(AdminListPage(shown.kind, page)))


def _paging(kind: ListKind, page: int, last: int) -> list[Block]:
    buttons = []
    if page > 0:
        buttons.append(kit.button("← Previous", ids.ADMIN_LISTS_PAGE,
                                  value(AdminListPage(kind, page - 1))))
    if page < last:
        buttons.append(kit.button("Next →", ids.ADMIN_LISTS_PAGE,
                                  value(AdminListPage(kind, page + 1))))
    return [kit.context(f"Page {page + 1} of {last + 1}"),
            kit.actions(*buttons, block_id=ids.ADMIN_LISTS_PAGING)] if buttons else []


def add_form(kind: ListKind, page: int, parent: BoundView | None) -> Block:
    """Add entries to one list: one per line."""
    blocks = [kit.input_block(ids.ADMIN_LISTS_LABELS, f"New {KIND_NAMES[kind]}", {
        "type": "plain_text_input", "multiline": True, "max_length": MAX_TYPED,
        "placeholder": kit.plain("One per line")},
        hint=f"One per line, each up to {MAX_LABEL} characters. They are added at the end of "
             "the list; move them afterwards if you like.")]
    return kit.modal(ids.ADMIN_LISTS_ADD_SUBMIT, "Add entries", blocks, submit="Add",
                     close="Back", private_metadata=metadata(AdminListForm(kind, None, page,
                                                                           parent)))


def edit_form(editable: EditableEntry, page: int, parent: BoundView | None) -> Block:
    """Rename an entry and, while it is offered, move it to another place."""
    entry = editable.entry
    blocks = [kit.input_block(ids.ADMIN_LISTS_LABEL, "Name", {
        "type": "plain_text_input", "max_length": MAX_LABEL, "initial_value": entry.label},
        hint="Profiles, searches and diary entries that use it show the new name.")]
    if editable.position is not None:
        blocks.append(kit.input_block(ids.ADMIN_LISTS_POSITION, "Position", {
            "type": "number_input", "is_decimal_allowed": False, "min_value": "1",
            "max_value": str(max(editable.size, 1)), "initial_value": str(editable.position)},
            hint=f"From 1 (first) to {editable.size} (last)."))
    return kit.modal(ids.ADMIN_LISTS_EDIT_SUBMIT, "Edit entry", blocks, submit="Save",
                     close="Back", private_metadata=metadata(
                         AdminListForm(entry.kind, entry.id, page, parent)))


def typed_labels_of(view: dict[str, Any]) -> str:
    """What the admin typed in the add form."""
    return text_value(view, ids.ADMIN_LISTS_LABELS)


def edit_answers(view: dict[str, Any]) -> tuple[str, int | None]:
    """The name and the position (None when the form has none, or it was left empty) given
    in the edit form."""
    return text_value(view, ids.ADMIN_LISTS_LABEL), int_value(view, ids.ADMIN_LISTS_POSITION)
