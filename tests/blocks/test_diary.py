"""The learning diary: the form read back, the list paged, an entry, Home; all escaped."""

from __future__ import annotations

from datetime import date

from blocks import ids
from blocks.diary import (
    delete_form,
    diary_form,
    diary_view,
    entry_view,
    home_diary,
    notes_saved_view,
    read_diary_answers,
    read_target,
)
from blocks.payloads import BoundView, EntryRef, MeetingRef, Page, Target
from domain.diary import DiaryForm, DiaryPage
from domain.diary.answers import MAX_REFLECTION, DiaryAnswers, LinkChoice
from domain.model import DiaryEntry, Meeting
from tests.blocks.builders import EVIL, EVIL_ESCAPED, assert_escaped, carried
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

DAY = date(2026, 11, 23)


def entry(n: int, reflection: str = EVIL, permalink: str | None = None) -> DiaryEntry:
    return DiaryEntry(id=n, team_id="T1", author_id=1, title=EVIL, reflection=reflection,
                      entry_date=DAY, source_permalink=permalink)


def test_the_form_reads_back_what_was_entered_and_keeps_the_message_link() -> None:
    answers = DiaryAnswers(title="Draft", entry_date=DAY, permalink="https://t.slack.com/p1")
    form = DiaryForm(None, answers, [EVIL, "Leadership"], [LinkChoice("rel:7", EVIL)])
    view = diary_form(form, parent=BoundView("V2", "U1"))
    assert_fits_slack(view)
    assert read_target(view, "U1") == Target(parent=BoundView("V2", "U1"),
                                             permalink="https://t.slack.com/p1")
    sent = submitted(view, {ids.DIARY_REFLECTION: "Learned a lot",
                            ids.DIARY_THEMES: ["Leadership"], ids.DIARY_TAGS: "a, b",
                            ids.DIARY_LINK: "rel:7"})
    assert read_diary_answers(sent) == DiaryAnswers(
        "Draft", "Learned a lot", ["Leadership"], "a, b", DAY, "rel:7", "https://t.slack.com/p1")


def test_editing_starts_from_the_entry_and_chosen_themes() -> None:
    answers = DiaryAnswers(title="T", reflection="x" * 5000, themes=["Leadership"])
    view = diary_form(DiaryForm(3, answers, ["Leadership"], []))
    assert view["title"]["text"] == "Edit diary entry" and read_target(view, "U1").item == 3
    read = read_diary_answers(submitted(view, {}))
    assert read.themes == ["Leadership"] and len(read.reflection) == MAX_REFLECTION


def test_the_list_escapes_titles_and_themes_and_pages_the_same_way() -> None:
    rows = [(EVIL, entry(n), [EVIL]) for n in range(1, 11)]
    view = diary_view(DiaryPage(by_theme=True, page=1, total=35, rows=rows))
    assert_fits_slack(view)
    assert_escaped(view)
    assert f":label: *{EVIL_ESCAPED}*" in str(view)
    assert carried(view, ids.DIARY_PAGE, Page) == [Page(), Page(0, by_theme=True),
                                                    Page(2, by_theme=True)]
    assert [e.entry for e in carried(view, ids.DIARY_ENTRY, EntryRef)] == list(range(1, 11))


def test_an_empty_diary_says_so() -> None:
    view = diary_view(DiaryPage(by_theme=False, page=0, total=0))
    assert carried(view, ids.DIARY_PAGE, Page) == [Page(by_theme=True)]
    assert "No diary entries yet" in str(view)


def test_an_entry_is_shown_whole_and_a_bar_cannot_split_its_link() -> None:
    meeting = Meeting(id=4, title=EVIL)
    view = entry_view(entry(5, reflection="long " * 1000,
                            permalink="https://t.slack.com/p1?a=b|c"), [EVIL], meeting,
                      BoundView("V1", "U1"))
    assert_fits_slack(view)
    assert_escaped(view)
    assert "<https://t.slack.com/p1?a=b%7Cc|Saved from a Slack message>" in str(view)
    assert carried(view, ids.DIARY_DELETE, EntryRef) == [EntryRef(5)]
    assert read_target(view, "U1") == Target(item=5, parent=BoundView("V1", "U1"))


def test_delete_home_and_the_meeting_prompt_fit_and_escape() -> None:
    assert_escaped(delete_form(entry(1), None))
    home = home_diary([entry(1), entry(2)])
    assert_fits_slack({"blocks": home})
    assert_escaped(home)
    assert "No diary entries yet" in str(home_diary([]))
    prompt = notes_saved_view(Meeting(id=9, title=EVIL))
    assert_escaped(prompt)
    assert carried(prompt, ids.DIARY_FROM_MEETING, MeetingRef) == [MeetingRef(9)]
