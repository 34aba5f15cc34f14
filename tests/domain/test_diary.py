"""The diary in the domain: themes for older programmes, paging, and 500 entries within limits."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from blocks.diary import diary_view
from blocks.home import home_view
from bot.pdf_diary import diary_pdf
from domain.diary import PAGE_SIZE, diary_page, entries_to_export, save_entry
from domain.diary.answers import DiaryAnswers
from domain.errors import InvalidInput
from domain.home.dashboard import load_dashboard
from domain.members import Actor
from domain.model import DiaryEntry, ListItem, ListKind, diary_entry_themes
from domain.programme import DEFAULT_THEMES, ensure_themes
from tests.support import seed
from tests.support.block_limits import assert_fits_slack

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ALICE = Actor("T1", "UALICE")


def _theme_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ListItem)
                          .where(ListItem.kind == ListKind.THEME)) or 0


def test_a_programme_without_themes_gets_the_defaults_once(session: Session) -> None:
    lists = seed.programme(session)
    assert lists.themes == []
    seed.mentee(session, lists, "UALICE", areas=[0])
    save_entry(session, actor=ALICE, entry_id=None,
               answers=DiaryAnswers(title="One", themes=["Leadership"]), now=NOW)
    ensure_themes(session, team_id="T1")
    assert _theme_count(session) == len(DEFAULT_THEMES)


def _many(session: Session, count: int) -> None:
    lists = seed.programme(session)
    alice = seed.mentee(session, lists, "UALICE", areas=[0])
    rows = [{"team_id": "T1", "author_id": alice.id, "title": f"Entry {n} <!here>" + "x" * 100,
             "reflection": "Thoughts " * 300, "entry_date": date(2026, 1, 1) + timedelta(n % 300),
             "created_at": NOW, "updated_at": NOW} for n in range(count)]
    session.execute(insert(DiaryEntry), rows)
    ids = session.scalars(select(DiaryEntry.id)).all()
    session.execute(insert(diary_entry_themes),
                    [{"entry_id": i, "theme": f"Theme {n} " + "t" * 60}
                     for i in ids for n in range(10)])


def test_five_hundred_entries_page_within_slacks_limits(session: Session) -> None:
    _many(session, 500)
    for by_theme in (False, True):
        first = diary_page(session, actor=ALICE, page=0, by_theme=by_theme)
        assert len(first.rows) == PAGE_SIZE
        assert first.pages == (5000 if by_theme else 500) // PAGE_SIZE
        assert_fits_slack(diary_view(first))
        last = diary_page(session, actor=ALICE, page=10**6, by_theme=by_theme)
        assert last.page == last.pages - 1
        assert_fits_slack(diary_view(last))
    newest = diary_page(session, actor=ALICE, page=0, by_theme=False).rows[0][1]
    assert newest.entry_date == date(2026, 1, 1) + timedelta(299)
    home = home_view(load_dashboard(session, actor=ALICE, now=NOW))
    assert_fits_slack({**home, "type": "modal", "title": {"type": "plain_text", "text": "x"}})
    assert "&lt;!here&gt;" in str(home)


def test_another_members_diary_is_never_listed_or_exported(session: Session) -> None:
    _many(session, 3)
    seed.mentee(session, seed.programme(session), "UBOB", areas=[0])
    bob = Actor("T1", "UBOB")
    assert diary_page(session, actor=bob, page=0, by_theme=True).rows == []
    assert entries_to_export(session, actor=bob)[1] == []


def test_the_pdf_prints_every_script_and_never_fails_on_cjk_or_emoji(session: Session) -> None:
    lists = seed.programme(session)
    seed.mentee(session, lists, "UALICE", areas=[0])
    save_entry(session, actor=ALICE, entry_id=None, answers=DiaryAnswers(
        title="Zoë Ngô — Ωμέγα, Дмитрий", reflection="東京 ✓ 🚚\nTiếng Việt có dấu",
        tags="Ελληνικά, русский"), now=NOW)
    _, entries = entries_to_export(session, actor=ALICE)
    content = diary_pdf("Zoë Ngô", entries, NOW)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for fragment in ("Zoë Ngô", "Ωμέγα", "Дмитрий", "Tiếng Việt có dấu", "Ελληνικά", "русский"):
        assert fragment in text


def test_a_diary_entry_is_not_dated_in_the_future_where_its_author_is(session: Session) -> None:
    lists = seed.programme(session)
    alice = seed.mentee(session, lists, "UALICE", areas=[0])
    alice.tz = "Pacific/Pago_Pago"  # UTC-11: still 22 November there at NOW
    for day in (date(2026, 11, 23), date(9999, 12, 31)):
        try:
            save_entry(session, actor=ALICE, entry_id=None, now=NOW,
                       answers=DiaryAnswers(title="Later", entry_date=day))
        except InvalidInput as refused:
            assert "today or an earlier date" in refused.errors["entry_date"]
        else:
            raise AssertionError(f"{day} was accepted")
    entry = save_entry(session, actor=ALICE, entry_id=None, now=NOW,
                       answers=DiaryAnswers(title="Today", entry_date=date(2026, 11, 22)))
    assert entry.entry_date == date(2026, 11, 22)
    assert session.scalars(select(DiaryEntry.title)).all() == ["Today"]
