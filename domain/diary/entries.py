"""The learning diary: private entries only their author ever reads, edits, deletes or exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from domain import outbox
from domain import permissions as may
from domain.diary.answers import (
    DiaryAnswers,
    LinkChoice,
    check_entry,
    link_choices,
    today_for,
)
from domain.errors import NotFound
from domain.goals import goal_for
from domain.meetings import meeting_for
from domain.members import Actor, require_member
from domain.model import (
    DiaryEntry,
    ListItem,
    ListKind,
    Meeting,
    Member,
    OutboxKind,
    diary_entry_themes,
)
from domain.people import in_workspace
from domain.programme import choice_lists, ensure_themes
from domain.programme.snapshot import RETIRED
from domain.relationships import pairing_for
from domain.submissions import create_once

PAGE_SIZE = 10
NO_THEME = "No theme"
EXPORT_LIMIT = 2000


@dataclass(frozen=True)
class DiaryForm:
    """What the entry form shows: the entry (or its pre-filled start) and the choices."""

    entry_id: int | None
    answers: DiaryAnswers
    theme_options: list[str]
    links: list[LinkChoice]


@dataclass(frozen=True)
class DiaryPage:
    """One page of the author's diary, newest first or grouped by theme."""

    by_theme: bool
    page: int
    total: int
    # (theme heading or None when listed by date, entry, its themes)
    rows: list[tuple[str | None, DiaryEntry, list[str]]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages the diary has (at least one)."""
        return max(1, -(-self.total // PAGE_SIZE))


def themes_of(session: Session, *, entry_ids: list[int],
              marked: bool = False) -> dict[int, list[str]]:
    """Each entry's themes, in alphabetical order; `marked` for reading, where a theme the
    programme has retired says so (in the same statement)."""
    found: dict[int, list[str]] = {i: [] for i in entry_ids}
    theme = diary_entry_themes.c.theme
    retired = select(ListItem.id).where(
        ListItem.team_id == DiaryEntry.team_id, ListItem.kind == ListKind.THEME,
        ListItem.label == theme, ListItem.archived.is_(True)).exists() if marked else literal(False)
    query = select(diary_entry_themes.c.entry_id, theme, retired.label("retired"))
    if marked:
        query = query.join(DiaryEntry, DiaryEntry.id == diary_entry_themes.c.entry_id)
    rows = session.execute(query.where(diary_entry_themes.c.entry_id.in_(entry_ids or [-1]))
                           .order_by(theme)).all()
    for entry_id, label, is_retired in rows:
        found[entry_id].append(label + RETIRED if is_retired else label)
    return found


def entry_of(session: Session, *, actor: Actor, entry_id: int) -> DiaryEntry:
    """One of the actor's own entries; anyone else's is refused as if it did not exist."""
    me = require_member(session, actor=actor)
    what = "diary entry"
    entry = in_workspace(session, actor=actor, model=DiaryEntry, object_id=entry_id, what=what)
    if not may.may_read_diary_entry(entry, me):
        raise NotFound(f"Sorry, that {what} no longer exists.")  # private: not even "not yours"
    return entry


def _theme_labels(session: Session, team_id: str, now: datetime) -> list[str]:
    themes = choice_lists(session, team_id=team_id, now=now).themes
    if not themes:
        ensure_themes(session, team_id=team_id)
        themes = choice_lists(session, team_id=team_id, now=now).themes
    return [item.label for item in themes]


def _form(session: Session, me: Member, actor: Actor, entry_id: int | None,
          answers: DiaryAnswers, now: datetime) -> DiaryForm:
    return DiaryForm(entry_id, answers, _theme_labels(session, actor.team_id, now),
                     link_choices(session, member=me))


def new_entry_form(session: Session, *, actor: Actor, now: datetime, title: str = "",
                   reflection: str = "", permalink: str | None = None, tags: str = ""
                   ) -> DiaryForm:
    """An empty entry dated today where the author is, optionally started from a message or
    a guide (whose stage it is tagged with)."""
    me = require_member(session, actor=actor)
    answers = DiaryAnswers(title=title, reflection=reflection[:3000], tags=tags,
                           entry_date=today_for(me, now), permalink=permalink)
    return _form(session, me, actor, None, answers, now)


def meeting_entry_form(session: Session, *, actor: Actor, meeting_id: int, now: datetime
                       ) -> DiaryForm:
    """An entry about one of the actor's meetings, titled and linked to it."""
    meeting, _ = meeting_for(session, actor=actor, meeting_id=meeting_id)
    me = require_member(session, actor=actor)
    answers = DiaryAnswers(title=f"After: {meeting.title}"[:120], entry_date=today_for(me, now),
                           link=f"m{meeting.id}")
    return _form(session, me, actor, None, answers, now)


def stage_entry_form(session: Session, *, actor: Actor, relationship_id: int, now: datetime
                     ) -> DiaryForm:
    """An entry about a stage just completed, linked to the relationship."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    me = require_member(session, actor=actor)
    answers = DiaryAnswers(title=f"Stage completed with {pairing.partner.name}"[:120],
                           entry_date=today_for(me, now), link=f"r{relationship_id}")
    return _form(session, me, actor, None, answers, now)


def goal_entry_form(session: Session, *, actor: Actor, goal_id: int, now: datetime) -> DiaryForm:
    """An entry about a completed goal, linked to its relationship."""
    goal = goal_for(session, actor=actor, goal_id=goal_id).goal
    me = require_member(session, actor=actor)
    answers = DiaryAnswers(title=f"Goal completed: {goal.label}"[:120],
                           entry_date=today_for(me, now), link=f"g{goal.id}")
    return _form(session, me, actor, None, answers, now)


def edit_entry_form(session: Session, *, actor: Actor, entry_id: int, now: datetime) -> DiaryForm:
    """The author's entry, ready to edit."""
    entry = entry_of(session, actor=actor, entry_id=entry_id)
    link = f"m{entry.meeting_id}" if entry.meeting_id else \
        f"g{entry.goal_id}" if entry.goal_id else \
        f"r{entry.relationship_id}" if entry.relationship_id else None
    labels = _theme_labels(session, actor.team_id, now)
    themes = themes_of(session, entry_ids=[entry.id])[entry.id]
    answers = DiaryAnswers(entry.title, entry.reflection, [t for t in themes if t in labels],
                           ", ".join(t for t in themes if t not in labels), entry.entry_date,
                           link, entry.source_permalink)
    return DiaryForm(entry.id, answers, labels,
                     link_choices(session, member=require_member(session, actor=actor)))


def save_entry(session: Session, *, actor: Actor, entry_id: int | None, answers: DiaryAnswers,
               now: datetime, submission: str | None = None) -> DiaryEntry:
    """Write a new entry (once per view submission), or change one of the author's own."""
    if entry_id is not None:
        return _write_entry(session, actor, entry_id, answers, now)
    return create_once(session, team_id=actor.team_id, key=submission, model=DiaryEntry, now=now,
                       make=lambda: _write_entry(session, actor, None, answers, now))


def _write_entry(session: Session, actor: Actor, entry_id: int | None, answers: DiaryAnswers,
                 now: datetime) -> DiaryEntry:
    me = require_member(session, actor=actor)
    known = set(_theme_labels(session, actor.team_id, now))
    checked = check_entry(session, member=me, answers=answers, known=known, now=now)
    if entry_id is None:
        entry = DiaryEntry(team_id=actor.team_id, author_id=me.id, created_at=now)
        entry.source_permalink = checked.permalink
        session.add(entry)
    else:
        entry = entry_of(session, actor=actor, entry_id=entry_id)
    entry.title, entry.reflection, entry.entry_date = (checked.title, checked.reflection,
                                                       checked.entry_date)
    entry.relationship_id, entry.meeting_id = checked.relationship_id, checked.meeting_id
    entry.goal_id = checked.goal_id
    entry.updated_at = now
    session.flush()
    session.execute(delete(diary_entry_themes).where(diary_entry_themes.c.entry_id == entry.id))
    if checked.themes:
        session.execute(insert(diary_entry_themes),
                        [{"entry_id": entry.id, "theme": t} for t in checked.themes])
    return entry


def delete_entry(session: Session, *, actor: Actor, entry_id: int, now: datetime) -> None:
    """Delete one of the author's own entries."""
    entry = entry_of(session, actor=actor, entry_id=entry_id)
    session.execute(delete(diary_entry_themes).where(diary_entry_themes.c.entry_id == entry.id))
    session.delete(entry)


def _newest_first() -> tuple[object, ...]:
    return (DiaryEntry.entry_date.desc(), DiaryEntry.id.desc())


def diary_page(session: Session, *, actor: Actor, page: int, by_theme: bool) -> DiaryPage:
    """One page of the actor's own diary: newest first, or each theme's entries together."""
    me = require_member(session, actor=actor)
    if by_theme:
        return _theme_page(session, me, page)
    total = session.scalar(select(func.count()).where(DiaryEntry.author_id == me.id)) or 0
    page = min(max(page, 0), max(0, (total - 1) // PAGE_SIZE))
    entries = session.scalars(select(DiaryEntry).where(DiaryEntry.author_id == me.id)
                              .order_by(*_newest_first())
                              .offset(page * PAGE_SIZE).limit(PAGE_SIZE)).all()
    themes = themes_of(session, entry_ids=[e.id for e in entries], marked=True)
    return DiaryPage(False, page, total, [(None, e, themes[e.id]) for e in entries])


def _theme_page(session: Session, me: Member, page: int) -> DiaryPage:
    """Entries under each of their themes (untagged ones last), a page of rows at a time."""
    theme = diary_entry_themes.c.theme
    rows = (select(DiaryEntry, theme)
            .outerjoin(diary_entry_themes, diary_entry_themes.c.entry_id == DiaryEntry.id)
            .where(DiaryEntry.author_id == me.id))
    total = session.scalar(select(func.count()).select_from(rows.subquery())) or 0
    page = min(max(page, 0), max(0, (total - 1) // PAGE_SIZE))
    found = session.execute(rows.order_by(theme.is_(None), theme, *_newest_first())
                            .offset(page * PAGE_SIZE).limit(PAGE_SIZE)).all()
    themes = themes_of(session, entry_ids=[entry.id for entry, _ in found], marked=True)
    return DiaryPage(True, page, total, [(_heading(label, themes[entry.id]), entry,
                                          themes[entry.id]) for entry, label in found])


def _heading(label: str | None, shown: list[str]) -> str:
    """A theme's heading as its entries show it (marked when retired); NO_THEME for none."""
    if label is None:
        return NO_THEME
    return next((one for one in shown if one == label + RETIRED), label)


# Built once: Home sends it every time.
_LATEST = (select(DiaryEntry).where(DiaryEntry.author_id == bindparam("author_id"))
           .order_by(*_newest_first()).limit(bindparam("limit")))


def latest_entries(session: Session, *, member: Member, limit: int = 3) -> list[DiaryEntry]:
    """The member's own latest entries, for their Home tab."""
    return list(session.scalars(_LATEST, {"author_id": member.id, "limit": limit}).all())


def linked_meeting(session: Session, *, entry: DiaryEntry) -> Meeting | None:
    """The meeting an entry is about, if it still exists."""
    return session.get(Meeting, entry.meeting_id) if entry.meeting_id else None


def entries_to_export(session: Session, *, actor: Actor
                      ) -> tuple[Member, list[tuple[DiaryEntry, list[str]]]]:
    """The author and all their own entries, oldest first, for the PDF."""
    me = require_member(session, actor=actor)
    entries = session.scalars(select(DiaryEntry).where(DiaryEntry.author_id == me.id)
                              .order_by(DiaryEntry.entry_date, DiaryEntry.id)
                              .limit(EXPORT_LIMIT)).all()
    themes = themes_of(session, entry_ids=[e.id for e in entries], marked=True)
    return me, [(e, themes[e.id]) for e in entries]


def request_export(session: Session, *, actor: Actor, now: datetime) -> None:
    """Owe the author a DM with their diary as a PDF (built when the DM is sent)."""
    require_member(session, actor=actor)
    outbox.enqueue(session, team_id=actor.team_id, recipient=actor.user_id,
                   kind=OutboxKind.DIARY_PDF,
                   dedupe_key=f"diary_pdf:{actor.user_id}:{now.isoformat()}",
                   payload={"diary_pdf": actor.team_id}, now=now)
