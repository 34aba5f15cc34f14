"""The diary entry form's answers: checked, cleaned, and what an entry may be linked to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.model import Goal, Meeting, MeetingStatus, Member, Relationship
from domain.relationships import partner_of, relationships_of
from domain.text import check_text, clean

MAX_TITLE = 120
MAX_REFLECTION = 3000
MAX_THEME = 75
MAX_THEMES = 10
MAX_TAGS_TYPED = 800
MAX_PERMALINK = 500
LINKED_MEETINGS = 30


@dataclass(frozen=True)
class DiaryAnswers:
    """The diary form as submitted; `link` is 'r<id>' (relationship) or 'm<id>' (meeting)."""

    title: str = ""
    reflection: str = ""
    themes: list[str] = field(default_factory=list)
    tags: str = ""
    entry_date: date | None = None
    link: str | None = None
    permalink: str | None = None


@dataclass(frozen=True)
class CheckedEntry:
    """Answers that passed every rule, ready to store."""

    title: str
    reflection: str
    themes: list[str]
    entry_date: date
    relationship_id: int | None
    meeting_id: int | None
    permalink: str | None
    goal_id: int | None = None


@dataclass(frozen=True)
class LinkChoice:
    """One thing an entry may be linked to, as the form offers it."""

    value: str
    label: str


def today_for(member: Member, now: datetime) -> date:
    """Today's date where the member is (their Slack time zone; UTC when unknown)."""
    try:
        zone: ZoneInfo | type[UTC] = ZoneInfo(member.tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return now.astimezone(zone).date()


def link_choices(session: Session, *, member: Member) -> list[LinkChoice]:
    """The member's relationships (any status) and their latest meetings, to link an entry to."""
    pairs = relationships_of(session, member=member, current_only=False)[:20]
    choices = [LinkChoice(f"r{r.id}", f"Mentoring with {partner_of(r, member.id).name}")
               for r in pairs]
    meetings = session.scalars(
        select(Meeting).where(Meeting.relationship_id.in_([r.id for r in pairs] or [-1]),
                              Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(LINKED_MEETINGS)).all()
    choices += [LinkChoice(f"m{m.id}", f"Meeting: {m.title} ({m.starts_at:%d %b %Y})")
                for m in meetings]
    goals = session.scalars(
        select(Goal).where(Goal.relationship_id.in_([r.id for r in pairs] or [-1]))
        .order_by(Goal.updated_at.desc(), Goal.id.desc()).limit(LINKED_MEETINGS)).all()
    return choices + [LinkChoice(f"g{g.id}", f"Goal: {g.label}") for g in goals]


def _themes(errors: dict[str, str], chosen: list[str], typed: str, known: set[str]
            ) -> list[str]:
    """Chosen programme themes plus typed tags, cleaned, without repeats (case-insensitive)."""
    if len(typed) > MAX_TAGS_TYPED:
        errors["tags"] = f"Please keep your own tags to {MAX_TAGS_TYPED} characters."
        return []
    themes: list[str] = []
    for raw in [c for c in chosen if c in known] + typed.split(","):
        label = " ".join(clean(raw).split())
        if len(label) > MAX_THEME:
            errors["tags"] = f"Please keep each tag to {MAX_THEME} characters."
        elif label and label.casefold() not in {t.casefold() for t in themes}:
            themes.append(label)
    if len(themes) > MAX_THEMES:
        errors["tags"] = f"Please choose at most {MAX_THEMES} themes and tags together."
    return themes


_NOT_YOURS = "Please choose one of your relationships, goals or meetings."


def _link(session: Session, member: Member, link: str | None
          ) -> tuple[int | None, int | None, int | None]:
    """(relationship, meeting, goal) ids of a link, refused unless it is one of the member's
    pairs."""
    if not link:
        return None, None, None
    kind, number = link[:1], link[1:]
    if kind not in ("r", "m", "g") or not number.isdigit() or len(number) > 12:
        raise InvalidInput({"link": _NOT_YOURS})
    mine = or_(Relationship.mentee_id == member.id, Relationship.mentor_id == member.id)
    if kind == "r":
        found = session.scalar(select(Relationship.id).where(
            Relationship.id == int(number), Relationship.team_id == member.team_id, mine))
        if found is None:
            raise InvalidInput({"link": _NOT_YOURS})
        return found, None, None
    model = Meeting if kind == "m" else Goal
    row = session.execute(select(model.relationship_id, model.id)
                          .join(Relationship, model.relationship_id == Relationship.id)
                          .where(model.id == int(number), model.team_id == member.team_id,
                                 mine)).first()
    if row is None:
        raise InvalidInput({"link": _NOT_YOURS})
    return (row[0], row[1], None) if kind == "m" else (row[0], None, row[1])


def check_entry(session: Session, *, member: Member, answers: DiaryAnswers, known: set[str],
                now: datetime) -> CheckedEntry:
    """The answers checked; InvalidInput names each field that is wrong."""
    errors: dict[str, str] = {}
    title = check_text(errors, "title", answers.title, label="title", max_length=MAX_TITLE)
    reflection = check_text(errors, "reflection", answers.reflection, label="reflection",
                            max_length=MAX_REFLECTION, required=False)
    themes = _themes(errors, answers.themes, answers.tags, known)
    today = today_for(member, now)
    day = answers.entry_date or today
    if day > today:
        errors["entry_date"] = "Please choose today or an earlier date; a diary entry records "\
            "what has happened."
    elif today - day > timedelta(days=366 * 50):
        errors["entry_date"] = "Please choose a date closer to today."
    if errors:
        raise InvalidInput(errors)
    relationship_id, meeting_id, goal_id = _link(session, member, answers.link)
    permalink = answers.permalink if answers.permalink and answers.permalink.startswith(
        "https://") and len(answers.permalink) <= MAX_PERMALINK else None
    return CheckedEntry(title, reflection, themes, day, relationship_id, meeting_id, permalink,
                        goal_id)
