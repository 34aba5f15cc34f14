"""A busy member's programme, made straight in the database at a chosen size.

UBUSY mentors `size` mentees and is mentored by one mentor (UFREE could be another); each
relationship has goals with milestones, meetings past and coming, stage completions, and a
completed predecessor with feedback. UBUSY has requests waiting on them, requests they
sent, and a diary with themes.
Query-budget tests seed a small and a large one and compare what a surface costs on each.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from domain.model import (
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    Meeting,
    Member,
    MenteeProfile,
    Proposal,
    Relationship,
    StageCompletion,
    diary_entry_themes,
)
from domain.model.states import GoalStatus, ProposalStatus, RelationshipStatus, Stage
from domain.programme import ProgrammeLists
from tests.support import seed

BUSY = "UBUSY"


def busy_member(session: Session, lists: ProgrammeLists, team_id: str) -> Member:
    """UBUSY: a mentor with room for many, who is also a mentee."""
    member = seed.mentor(session, lists, BUSY, areas=[0, 1, 2], capacity=20, name="Busy Bee",
                         team_id=team_id)
    member.is_mentee = True
    member.mentee_profile = MenteeProfile(areas=[lists.areas[3]], preferred_role=lists.roles[1],
                                          statement="Help me lead.", updated_at=seed.WHEN)
    session.flush()
    return member


def _pair_with_history(session: Session, busy: Member, mentee: Member, n: int,
                       now: datetime) -> Relationship:
    """An active relationship continuing a completed one the busy member gave feedback on."""
    before = seed.pair(session, busy, mentee, RelationshipStatus.COMPLETED)
    before.ended_at = now - timedelta(days=40 + n)
    session.add(Feedback(team_id=busy.team_id, relationship_id=before.id, author_id=busy.id,
                         rating=4, goals_met="yes", would_recommend=True, submitted_at=now))
    current = seed.pair(session, busy, mentee)
    current.previous_id, current.stage = before.id, Stage.PROGRESSION
    current.completion_requested_at = now if n % 2 else None
    session.add(StageCompletion(relationship_id=current.id, stage=Stage.FIRST_CONVERSATION,
                                completed_by_id=busy.id, completed_at=now))
    return current


def _goals(session: Session, pair: Relationship, authors: list[Member], count: int,
           now: datetime) -> list[Goal]:
    goals = [Goal(team_id=pair.team_id, pair=pair, author=authors[g % 2], label=f"Goal {g}",
                  due_on=now.date() + timedelta(days=g) if g % 3 else None,
                  status=GoalStatus.COMPLETED if g == count - 1 else GoalStatus.OPEN,
                  created_at=now, updated_at=now) for g in range(count)]
    for goal in goals:
        goal.milestones = [GoalMilestone(kind=kind, text=f"A {kind}", created_at=now,
                                         happened_on=now.date() - timedelta(days=d))
                           for d, kind in ((9, "milestone"), (2, "review"))]
    session.add_all(goals)
    return goals


def _meetings(session: Session, pair: Relationship, authors: list[Member], count: int,
              now: datetime) -> list[Meeting]:
    meetings = [Meeting(team_id=pair.team_id, pair=pair, created_by=authors[m % 2],
                        uid=f"busy-{pair.id}-{m}@mentorbot", title=f"Catch-up {m}",
                        starts_at=now + timedelta(days=m - count // 2, hours=1),
                        duration_minutes=45, share_with_partner=m % 3 != 0,
                        created_at=now, updated_at=now) for m in range(count)]
    session.add_all(meetings)
    return meetings


def _requests(session: Session, lists: ProgrammeLists, busy: Member, size: int,
              now: datetime) -> None:
    """Requests waiting on the busy member, and ones they sent (some withdrawn)."""
    for n in range(size):
        asking = seed.mentee(session, lists, f"UASK{n:03d}", areas=[n % 5], team_id=busy.team_id)
        asked = seed.mentor(session, lists, f"UASKED{n:03d}", areas=[3], team_id=busy.team_id)
        for mentee, mentor, status in ((asking, busy, ProposalStatus.PENDING),
                                       (busy, asked, list(ProposalStatus)[n % 2 * 3])):
            session.add(Proposal(team_id=busy.team_id, mentee=mentee, mentor=mentor,
                                 area=lists.areas[3], statement="Please.", status=status,
                                 created_at=now - timedelta(hours=n),
                                 updated_at=now - timedelta(hours=n),
                                 expires_at=now + timedelta(days=7)))


def _diary(session: Session, busy: Member, goals: list[Goal], meetings: list[Meeting],
           count: int, now: datetime) -> None:
    entries = [DiaryEntry(team_id=busy.team_id, author_id=busy.id, title=f"Reflection {n}",
                          reflection="What went well.", entry_date=now.date() - timedelta(days=n),
                          goal_id=goals[n % len(goals)].id,
                          meeting_id=meetings[n % len(meetings)].id,
                          created_at=now, updated_at=now) for n in range(count)]
    session.add_all(entries)
    session.flush()
    session.execute(insert(diary_entry_themes), [
        {"entry_id": e.id, "theme": theme} for n, e in enumerate(entries)
        for theme in ("Leadership", "Networking")[:n % 3]])


def busy_programme(session: Session, *, team_id: str, size: int, now: datetime) -> Member:
    """UBUSY with `size` mentees and everything that grows with a busy programme."""
    lists = seed.programme(session, team_id)
    busy = busy_member(session, lists, team_id)
    mentor = seed.mentor(session, lists, "UHERMENTOR", areas=[3], team_id=team_id)
    seed.mentor(session, lists, "UFREE", areas=[3], team_id=team_id)  # found by every search
    pairs = [seed.pair(session, mentor, busy)]
    for n in range(size):
        mentee = seed.mentee(session, lists, f"UMENTEE{n:03d}", areas=[n % 3], team_id=team_id)
        pairs.append(_pair_with_history(session, busy, mentee, n, now))
    goals, meetings = [], []
    for pair in pairs:
        sides = [pair.mentor, pair.mentee]
        goals += _goals(session, pair, sides, 2 + size, now)
        meetings += _meetings(session, pair, sides, 2 + size, now)
    session.flush()
    _requests(session, lists, busy, size, now)
    _diary(session, busy, goals, meetings, 3 + 4 * size, now)
    session.flush()
    return busy
