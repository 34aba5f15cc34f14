"""The programme `benchmarks.ticks` ticks over, seeded in bulk (Core inserts, never the ORM).

At scale 1: 50,000 members, 20,000 relationships, 100,000 meetings and 100,000 goals, and
requests waiting for an answer, with a realistic share falling due: requests waiting 3, 7,
12 and 15 days (nothing due yet, the first reminder, the second, expiry), a meeting in the
next day for about one active pair in sixteen, goals due in the next days, one active pair in
ten quiet for a month, and pairs completed in the last fortnight awaiting feedback.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select, update

from benchmarks.health import TEAM, _insert, _members, _mentor_profiles, _settle
from bot import db
from domain.model import Goal, Meeting, Member, Programme, Proposal, Relationship
from domain.programme import ensure_programme, programme_lists

MEMBERS, RELATIONSHIPS, MEETINGS, GOALS = 50_000, 20_000, 100_000, 100_000
WAITING = 0.03  # of the members, a request of theirs is waiting for the mentor's answer
WAITED_DAYS = (3, 7, 12, 15)  # requests close after 14 days; reminders at 7 and at 12
QUIET_SHARE, MEETING_TOMORROW_SHARE = 10, 16  # one active pair in ...


def _pairs(engine: Engine, mentors: list[int], mentees: list[int], count: int,
           rng: random.Random, now: datetime) -> list[Any]:
    rows = []
    for n, mentee in enumerate(mentees[:count]):
        status = "completed" if n % 10 == 0 else "withdrawn" if n % 20 == 1 else "active"
        started = now - timedelta(days=rng.randint(40, 400))
        rows.append({"team_id": TEAM, "mentee_id": mentee, "mentor_id": rng.choice(mentors),
                     "status": status, "stage": "progression", "started_at": started,
                     "ended_at": None if status == "active" else
                     now - timedelta(days=rng.randint(1, 14)), "end_reason": ""})
    _insert(engine, Relationship, rows)
    with engine.connect() as connection:
        return connection.execute(select(Relationship.id, Relationship.mentee_id,
                                         Relationship.status)).all()


def _meeting(pair: Any, k: int, starts: datetime, arranged: datetime) -> dict[str, Any]:
    return {"team_id": TEAM, "relationship_id": pair.id, "created_by_id": pair.mentee_id,
            "uid": f"bench-{pair.id}-{k}", "title": "Catch-up", "starts_at": starts,
            "duration_minutes": 60, "status": "scheduled", "created_at": arranged,
            "updated_at": arranged, "sequence": 0, "share_with_partner": True}


def _goal(pair: Any, k: int, made: datetime, due: datetime, done: bool) -> dict[str, Any]:
    return {"team_id": TEAM, "relationship_id": pair.id, "author_id": pair.mentee_id,
            "label": f"Goal {k}", "details": "", "due_on": due.date(),
            "status": "completed" if done else "open", "completed_at": made if done else None,
            "created_at": made, "updated_at": made, "outcome_note": ""}


def _activity(engine: Engine, pairs: list[Any], meetings: int, goals: int,
              rng: random.Random, now: datetime) -> None:
    """Meetings and goals spread over the pairs; the quiet ones' all over a month ago."""
    per_meetings, per_goals = max(meetings // len(pairs), 1), max(goals // len(pairs), 1)
    meeting_rows, goal_rows = [], []
    for n, pair in enumerate(pairs):
        quiet = pair.status == "active" and n % QUIET_SHARE == 3
        last = now - timedelta(days=rng.randint(30, 60) if quiet else rng.randint(1, 6))
        for k in range(per_meetings):
            starts = last - timedelta(days=7 * k)
            if k == 0 and pair.status == "active" and not quiet:  # the next one, ahead
                ahead = timedelta(hours=rng.randint(1, 23)) if n % MEETING_TOMORROW_SHARE == 0 \
                    else timedelta(days=rng.randint(2, 30))
                starts = now + ahead
            meeting_rows.append(_meeting(pair, k, starts, min(starts, last) - timedelta(days=7)))
        for k in range(per_goals):
            due = now + timedelta(days=rng.randint(-30, 60))
            goal_rows.append(_goal(pair, k, last - timedelta(days=k), due, rng.random() < 0.3))
    _insert(engine, Meeting, meeting_rows)
    _insert(engine, Goal, goal_rows)


def _waiting_requests(engine: Engine, mentors: list[int], mentees: list[int], count: int,
                      rng: random.Random, now: datetime) -> None:
    with db.session_factory(engine)() as session:
        area = programme_lists(session, team_id=TEAM).areas[0].id
    rows = []
    for n, mentee in enumerate(mentees[-count:]):
        sent = now - timedelta(days=WAITED_DAYS[n % len(WAITED_DAYS)], hours=rng.randint(0, 9))
        rows.append({"team_id": TEAM, "mentee_id": mentee, "mentor_id": rng.choice(mentors),
                     "area_id": area, "statement": "Please.", "status": "pending",
                     "created_at": sent, "updated_at": sent,
                     "expires_at": sent + timedelta(days=14), "answered_at": None,
                     "revision": 0, "answer_note": ""})
    _insert(engine, Proposal, rows)


def seed(engine: Engine, scale: float, now: datetime) -> dict[str, int]:
    """Fill the programme at `scale`; how many rows of each kind it holds."""
    rng = random.Random(11)
    with db.session_factory(engine).begin() as session:
        ensure_programme(session, team_id=TEAM, now=now - timedelta(days=800))
        # Quiet relationships are carded only where the programme has an admin channel.
        session.execute(update(Programme).values(admin_channel_id="CADMINS"))
    mentors, mentees = _members(engine, max(int(MEMBERS * scale), 20), rng, now)
    _mentor_profiles(engine, mentors, rng, now)
    waiting = max(int(MEMBERS * scale * WAITING), 4)
    relationships = min(max(int(RELATIONSHIPS * scale), 4), len(mentees) - waiting)
    pairs = _pairs(engine, mentors, mentees, relationships, rng, now)
    _activity(engine, pairs, int(MEETINGS * scale), int(GOALS * scale), rng, now)
    _waiting_requests(engine, mentors, mentees[relationships:], waiting, rng, now)
    _settle(engine)
    with engine.connect() as connection:
        return {table.__tablename__: connection.scalar(select(func.count()).select_from(table))
                or 0 for table in (Member, Relationship, Meeting, Goal, Proposal)}
