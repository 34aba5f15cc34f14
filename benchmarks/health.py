"""The health report at scale: 50,000 members unless told otherwise.

Seeds a programme in bulk (members and mentor profiles, requests, relationships, meetings,
goals and feedback spread over two years) and prints, for each database, a table of the time
to build the report, the statements it sends, the time to draw the PDF and the PNG, and the
time to write the five CSV exports. Run:
    .venv/bin/python -m benchmarks.health [--members N] [--runs N] [--database-url URL ...]
`--database-url` may be given more than once; `sqlite` means a new SQLite file (the default).
A PostgreSQL URL gets a new schema for the run, dropped afterwards.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select, text

from benchmarks.search import fresh_database
from bot import db
from bot.health_report import health_pdf, overview_png
from bot.health_report.csvs import csv_bytes
from domain.admin.health import build_report, export_tables
from domain.model import (
    Feedback,
    Goal,
    Meeting,
    Member,
    MentorProfile,
    Proposal,
    Relationship,
)
from domain.programme import ensure_programme, programme_lists
from tests.support.clock import FakeClock
from tests.support.statements import counting

TEAM = "T1"
BATCH = 5_000
PROPOSAL_STATUSES = ("accepted", "accepted", "declined", "expired", "withdrawn", "pending")
REL_STATUSES = ("active", "active", "completed", "withdrawn")
STAGES = ("first_conversation", "progression", "completion")


def _insert(engine: Engine, model: type, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(model), rows[start:start + BATCH])


def _when(rng: random.Random, now: datetime, days: int = 730) -> datetime:
    return now - timedelta(minutes=rng.randint(60, days * 24 * 60))


def _members(engine: Engine, count: int, rng: random.Random, now: datetime
             ) -> tuple[list[int], list[int]]:
    roles = [rng.choices(((True, False), (False, True), (True, True)), (4, 5, 1))[0]
             for _ in range(count)]
    _insert(engine, Member, [
        {"team_id": TEAM, "slack_user_id": f"U{n:06d}", "name": f"Member {n:06d}",
         "contact_email": f"m{n}@example.org", "job_title": "Planner", "organisation": "Org",
         "is_mentor": mentor, "is_mentee": mentee, "status": "active", "tz": "UTC",
         "registered_at": _when(rng, now), "updated_at": now}
        for n, (mentor, mentee) in enumerate(roles)])
    with engine.connect() as connection:
        rows = connection.execute(select(Member.id, Member.is_mentor, Member.is_mentee)).all()
    return [r.id for r in rows if r.is_mentor], [r.id for r in rows if r.is_mentee]


def _mentor_profiles(engine: Engine, mentors: list[int], rng: random.Random,
                     now: datetime) -> None:
    with db.session_factory(engine)() as session:
        lists = programme_lists(session, team_id=TEAM)
    _insert(engine, MentorProfile, [
        {"member_id": m, "team_id": TEAM, "role_id": rng.choice(lists.roles).id,
         "community_id": rng.choice(lists.communities).id, "capacity": 3,
         "spare_capacity": 2, "updated_at": now} for m in mentors])


def _proposals(engine: Engine, mentors: list[int], mentees: list[int], rng: random.Random,
               now: datetime) -> None:
    with db.session_factory(engine)() as session:
        area = programme_lists(session, team_id=TEAM).areas[0].id
    rows = []
    for n, mentee in enumerate(mentees + mentees[: len(mentees) // 5]):
        status, sent = PROPOSAL_STATUSES[n % len(PROPOSAL_STATUSES)], _when(rng, now, 540)
        closed = min(now, sent + timedelta(hours=rng.randint(1, 400)))
        rows.append({"team_id": TEAM, "mentee_id": mentee, "mentor_id": rng.choice(mentors),
                     "area_id": area, "statement": "Please.", "status": status,
                     "created_at": sent, "updated_at": closed, "expires_at": sent,
                     "answered_at": closed if status in ("accepted", "declined") else None,
                     "revision": 0, "answer_note": ""})
    _insert(engine, Proposal, rows)


def _together(engine: Engine, mentors: list[int], mentees: list[int], rng: random.Random,
              now: datetime) -> None:
    pairs = []
    for n, mentee in enumerate(mentees[: len(mentees) * 3 // 5]):
        status, started = REL_STATUSES[n % len(REL_STATUSES)], _when(rng, now, 500)
        pairs.append({"team_id": TEAM, "mentee_id": mentee, "mentor_id": rng.choice(mentors),
                      "status": status, "stage": rng.choice(STAGES), "started_at": started,
                      "ended_at": None if status == "active" else min(
                          now, started + timedelta(days=rng.randint(10, 200))),
                      "end_reason": ""})
    _insert(engine, Relationship, pairs)
    with engine.connect() as connection:
        made = connection.execute(select(Relationship.id, Relationship.mentee_id,
                                         Relationship.status, Relationship.started_at)).all()
    _activity(engine, made, rng, now)


def _activity(engine: Engine, pairs: list[Any], rng: random.Random, now: datetime) -> None:
    meetings, goals, feedback = [], [], []
    for pair in pairs:
        for k in range(3):
            at = pair.started_at + timedelta(days=7 * (k + 1), hours=rng.randint(0, 9))
            meetings.append({"team_id": TEAM, "relationship_id": pair.id,
                             "created_by_id": pair.mentee_id, "uid": f"u{pair.id}-{k}",
                             "title": "Catch-up", "starts_at": at, "duration_minutes": 60,
                             "status": "scheduled" if k < 2 else "cancelled",
                             "created_at": pair.started_at, "updated_at": pair.started_at,
                             "sequence": 0, "share_with_partner": True})
        for k in range(2):
            made = pair.started_at + timedelta(days=3 + k)
            done = made + timedelta(days=40) if k == 0 else None
            goals.append({"team_id": TEAM, "relationship_id": pair.id,
                          "author_id": pair.mentee_id, "label": "Goal", "details": "",
                          "status": "completed" if done else "open", "completed_at": done,
                          "created_at": made, "updated_at": made, "outcome_note": ""})
        if pair.status == "completed":
            feedback.append({"team_id": TEAM, "relationship_id": pair.id,
                             "author_id": pair.mentee_id, "rating": rng.randint(2, 5),
                             "goals_met": rng.choice(("fully", "mostly", "partly", "not_yet")),
                             "would_recommend": rng.random() < 0.8,
                             "what_worked": "Regular meetings." if rng.random() < 0.3 else "",
                             "could_be_better": "", "submitted_at": min(
                                 now, pair.started_at + timedelta(days=210))})
    _insert(engine, Meeting, meetings)
    _insert(engine, Goal, goals)
    _insert(engine, Feedback, feedback)


def seed(engine: Engine, members: int, now: datetime) -> dict[str, int]:
    """Fill the programme; returns how many rows of each kind it holds."""
    rng = random.Random(7)
    with db.session_factory(engine).begin() as session:
        ensure_programme(session, team_id=TEAM, now=now - timedelta(days=800))
    mentors, mentees = _members(engine, members, rng, now)
    _mentor_profiles(engine, mentors, rng, now)
    _proposals(engine, mentors, mentees, rng, now)
    _together(engine, mentors, mentees, rng, now)
    _settle(engine)
    with engine.connect() as connection:
        return {table: connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0
                for table in ("members", "proposals", "relationships", "meetings", "goals",
                              "feedback")}


def _settle(engine: Engine) -> None:
    """Statistics as autovacuum leaves them after a bulk load."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name != "postgresql":
            connection.execute(text("ANALYZE"))
            return
        for table in ("members", "mentor_profiles", "proposals", "relationships", "meetings",
                      "goals", "feedback"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def timed(runs: int, action: Callable[[], object]) -> tuple[list[float], float]:
    """Seconds taken by each of `runs` calls (after one warm-up call), and the CPU seconds
    per call this process spent: unlike wall time, it hardly moves on a shared machine."""
    action()
    times, cpu = [], time.process_time()
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times, (time.process_time() - cpu) / runs


def measure(engine: Engine, members: int, runs: int) -> None:
    """Seed one database, time each part of the report, print its table."""
    now = FakeClock().now()
    started = time.perf_counter()
    counts = seed(engine, members, now)
    seeded = time.perf_counter() - started
    sessions = db.session_factory(engine)

    def build() -> Any:
        with sessions() as session:
            return build_report(session, team_id=TEAM, name="Bench", now=now)

    with counting(engine) as statements:
        report = build()

    def csvs() -> None:
        with sessions() as session:
            for table in export_tables(session, team_id=TEAM, now=now):
                csv_bytes(table)

    rows = [("build the report", timed(runs, build)),
            ("PDF (five charts) + PNG overview", timed(runs, lambda: (health_pdf(report),
                                                                      overview_png(report)))),
            ("five CSV exports", timed(runs, csvs))]
    print(f"\n{engine.dialect.name}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items())
          + f" (seeded in {seeded:.1f} s)\n")
    print(f"| {'measure':<34} | runs | p50 s | max s | CPU s/run |")
    print(f"| {'-' * 34} | ---- | ----- | ----- | --------- |")
    for name, (times, cpu) in rows:
        print(f"| {name:<34} | {len(times):>4} | {statistics.median(times):>5.2f} | "
              f"{max(times):>5.2f} | {cpu:>9.2f} |", flush=True)
    print(f"\nstatements to build the report: {len(statements)}", flush=True)


def main() -> None:
    """Seed, measure, print one table per database."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", action="append",
                        help="sqlite (a new file, the default) or a PostgreSQL URL; repeatable")
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for url in args.database_url or ["sqlite"]:
        with fresh_database(url, "bench_health") as engine:
            measure(engine, args.members, args.runs)


if __name__ == "__main__":
    main()
