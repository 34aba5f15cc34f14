"""The learning diary: the entry form, the diary by date or by theme, an entry, and Home."""

from __future__ import annotations

from typing import Any

from blocks import forms, ids, kit
from blocks.kit import Block
from blocks.payloads import (
    BoundView,
    EntryRef,
    MeetingRef,
    Page,
    Target,
    metadata,
    value,
    view_payload,
)
from domain.diary import DiaryForm, DiaryPage
from domain.diary.answers import MAX_REFLECTION, MAX_TAGS_TYPED, MAX_THEME, MAX_TITLE, DiaryAnswers
from domain.model import DiaryEntry, Meeting

EMPTY = "No diary entries yet. Reflect on a meeting, a goal or anything you learned."


def read_target(view: dict[str, Any], actor: str) -> Target:
    """What a submitted diary modal acts on: the entry (None: a new one), the message it was
    saved from, the list beneath it."""
    return view_payload(view, Target, actor)


def parent_view_id(body: dict[str, Any]) -> str | None:
    """The diary list a button was clicked in, so it can be refreshed after a change."""
    return forms.parent_view_of(body, ids.DIARY_LIST_VIEW)


def _text(max_length: int, initial: str, *, multiline: bool = False) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": max_length,
                      "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def _themes_input(labels: list[str], chosen: list[str]) -> Block:
    choices = [kit.option(label, label[:MAX_THEME]) for label in labels[:100]]
    element: Block = {"type": "multi_static_select", "options": choices,
                      "max_selected_items": 10}
    initial = [c for c in choices if c["value"] in chosen]
    if initial:
        element["initial_options"] = initial
    return kit.input_block(ids.DIARY_THEMES, "Themes", element, optional=True)


def _link_input(form: DiaryForm) -> Block | None:
    if not form.links:
        return None
    choices = [kit.option(choice.label, choice.value) for choice in form.links[:100]]
    element: Block = {"type": "static_select", "options": choices,
                      "placeholder": {"type": "plain_text", "text": "Not linked"}}
    initial = next((c for c in choices if c["value"] == form.answers.link), None)
    if initial:
        element["initial_option"] = initial
    return kit.input_block(ids.DIARY_LINK, "About", element, optional=True,
                           hint="Link the entry to one of your relationships or meetings.")


def diary_form(form: DiaryForm, parent: BoundView | None = None) -> Block:
    """The entry form: new (perhaps pre-filled) or an entry being edited."""
    answers = form.answers
    date_element: Block = {"type": "datepicker"}
    if answers.entry_date:
        date_element["initial_date"] = answers.entry_date.isoformat()
    blocks = [
        kit.input_block(ids.DIARY_TITLE, "Title", _text(MAX_TITLE, answers.title)),
        kit.input_block(ids.DIARY_DATE, "Date", date_element),
        kit.input_block(ids.DIARY_REFLECTION, "Reflection",
                        _text(MAX_REFLECTION, answers.reflection, multiline=True), optional=True,
                        hint="What happened, what you learned, what you will do next."),
        _themes_input(form.theme_options, answers.themes),
        kit.input_block(ids.DIARY_TAGS, "Your own tags", _text(MAX_TAGS_TYPED, answers.tags),
                        optional=True, hint="Separate tags with commas; at most 10 themes in all."),
    ]
    link = _link_input(form)
    if link:
        blocks.append(link)
    blocks.append(kit.context(":lock: Only you can see your learning diary."))
    target = Target(item=form.entry_id, parent=parent, permalink=answers.permalink or None)
    return kit.modal(ids.DIARY_SUBMIT, "Edit diary entry" if form.entry_id else "New diary entry",
                     blocks, submit="Save", close="Cancel", private_metadata=metadata(target))


def read_diary_answers(view: dict[str, Any]) -> DiaryAnswers:
    """The entry form as submitted."""
    return DiaryAnswers(
        title=forms.text_value(view, ids.DIARY_TITLE),
        reflection=forms.text_value(view, ids.DIARY_REFLECTION),
        themes=forms.selected_values(view, ids.DIARY_THEMES),
        tags=forms.text_value(view, ids.DIARY_TAGS),
        entry_date=forms.date_value(view, ids.DIARY_DATE),
        link=forms.selected_value(view, ids.DIARY_LINK),
        permalink=view_payload(view, Target).permalink,
    )


def _summary(entry: DiaryEntry, themes: list[str]) -> str:
    tags = ", ".join(themes)
    line = f"*{kit.escape(entry.title)}*\n{entry.entry_date:%d %b %Y}"
    if tags:
        line += f" · _{kit.escape(kit.cut(tags, 300))}_"
    if entry.reflection:
        line += "\n" + kit.escape(kit.cut(" ".join(entry.reflection.split()), 200))
    return line


def _paging(page: DiaryPage) -> list[Block]:
    buttons = []
    if page.page > 0:
        buttons.append(kit.button("Newer" if not page.by_theme else "Previous", ids.DIARY_PAGE,
                                  value(Page(page.page - 1, by_theme=page.by_theme))))
    if page.page + 1 < page.pages:
        buttons.append(kit.button("Older" if not page.by_theme else "Next", ids.DIARY_PAGE,
                                  value(Page(page.page + 1, by_theme=page.by_theme))))
    if not buttons:
        return []
    return [kit.actions(*buttons), kit.context(f"Page {page.page + 1} of {page.pages}")]


def diary_view(page: DiaryPage) -> Block:
    """The author's diary: a page of entries newest first, or grouped by theme."""
    other = ("By date", value(Page())) if page.by_theme \
        else ("By theme", value(Page(by_theme=True)))
    blocks: list[Block] = [
        kit.section(":lock: *Your learning diary* (only you can see it)"),
        kit.actions(kit.button("New entry", ids.DIARY_NEW, style="primary"),
                    kit.button(other[0], ids.DIARY_PAGE, other[1]),
                    kit.button("Export PDF", ids.DIARY_EXPORT)),
        kit.divider()]
    if not page.rows:
        blocks.append(kit.section(EMPTY))
    heading = None
    for theme, entry, themes in page.rows:
        if theme is not None and theme != heading:
            heading = theme
            blocks.append(kit.section(f":label: *{kit.escape(theme)}*"))
        blocks.append(kit.section(_summary(entry, themes),
                                  kit.button("Open", ids.DIARY_ENTRY, value(EntryRef(entry.id)))))
    return kit.modal(ids.DIARY_LIST_VIEW, "Learning diary", blocks + _paging(page))


def entry_view(entry: DiaryEntry, themes: list[str], meeting: Meeting | None,
               parent: BoundView | None) -> Block:
    """One entry in full, with Edit and Delete."""
    lines = [f"*{kit.escape(entry.title)}*", f"{entry.entry_date:%A %d %B %Y}"]
    if themes:
        lines.append("Themes: " + kit.escape(", ".join(themes)))
    if meeting is not None:
        lines.append(f"About the meeting: {kit.escape(meeting.title)}")
    blocks = [kit.section("\n".join(lines))]
    if entry.reflection:
        blocks.append(kit.section(kit.quote(entry.reflection)))
    if entry.source_permalink:
        blocks.append(kit.context(f"<{entry.source_permalink.replace('|', '%7C')}|Saved from a "
                                  "Slack message>"))
    ref = value(EntryRef(entry.id))
    blocks.append(kit.actions(kit.button("Edit", ids.DIARY_EDIT, ref),
                              kit.button("Delete", ids.DIARY_DELETE, ref, style="danger")))
    return kit.modal(ids.DIARY_ENTRY_VIEW, "Diary entry", blocks,
                     private_metadata=metadata(Target(item=entry.id, parent=parent)))


def delete_form(entry: DiaryEntry, parent: BoundView | None) -> Block:
    """Delete an entry: confirm first."""
    return kit.modal(ids.DIARY_DELETE_SUBMIT, "Delete entry", [
        kit.section(f"Delete *{kit.escape(entry.title)}* ({entry.entry_date:%d %b %Y})? "
                    "This can't be undone.")],
        submit="Delete", close="Keep it",
        private_metadata=metadata(Target(item=entry.id, parent=parent)))


def home_diary(entries: list[DiaryEntry]) -> list[Block]:
    """Home's Learning diary section: the latest entries and a way in."""
    blocks = [kit.section("*Learning diary*", kit.button("Open diary", ids.DIARY_OPEN))]
    if not entries:
        return [*blocks, kit.context(EMPTY)]
    return blocks + [
        kit.context(f"{entry.entry_date:%d %b %Y} · {kit.escape(kit.cut(entry.title, 120))}")
        for entry in entries]


def notes_saved_view(meeting: Meeting) -> Block:
    """After a meeting's notes are saved: a prompt to reflect on it in the diary."""
    return kit.modal(ids.MEETING_NOTES_SAVED_VIEW, "Meeting notes", [
        kit.section(f":white_check_mark: Notes saved for *{kit.escape(meeting.title)}*."),
        kit.section("What did you take away from it? Your learning diary is private to you.",
                    kit.button("Add to learning diary", ids.DIARY_FROM_MEETING,
                               value(MeetingRef(meeting.id)))),
    ])
