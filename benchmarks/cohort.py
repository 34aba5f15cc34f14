"""Whole-cohort matching at scale: 2,000 unmatched mentees and 1,000 mentors unless told otherwise.

Prints, for each database, how long each step takes (reading the candidates, the score
matrix, solving, storing the run, publishing it as proposals) and the total fit of the
optimal assignment against a greedy baseline (best pair first). Run:
    .venv/bin/python -m benchmarks.cohort [--mentees N] [--mentors N] [--database-url URL ...]
`--database-url` may be given more than once; `sqlite` means a new SQLite file (the default).
A PostgreSQL URL gets a new schema for the run, dropped afterwards.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine, func, insert, select

from benchmarks.search import _settle, fresh_database
from bot import db
from domain.admin.cohort import publish_run, suggest_matches
from domain.admin.cohort.candidates import never_suggested, open_mentors, unmatched_mentees
from domain.admin.cohort.runs import store_suggestions
from domain.admin.cohort.solver import score_matrix, solve, solve_greedily, total
from domain.members import Actor
from domain.model import (
    CohortRun,
    Member,
    MenteeProfile,
    MentorProfile,
    Proposal,
    mentee_areas,
    mentor_areas,
)
from domain.programme import ProgrammeLists, ensure_programme, programme_lists
from tests.support.clock import FakeClock

TEAM = "T1"
ADMIN = Actor(TEAM, "UADMIN")
T = TypeVar("T")


def _members(engine: Engine, prefix: str, count: int, mentor: bool, rng: random.Random,
             now: object) -> list[int]:
    with engine.begin() as connection:
        connection.execute(insert(Member), [
            {"team_id": TEAM, "slack_user_id": f"{prefix}{n:05d}", "name": f"{prefix} {n:05d}",
             "job_title": "Planner", "organisation": f"Org {rng.randrange(300)}",
             "is_mentor": mentor, "is_mentee": not mentor, "status": "active", "tz": "UTC",
             "registered_at": now, "updated_at": now} for n in range(count)])
        return list(connection.scalars(select(Member.id).where(
            Member.slack_user_id.startswith(prefix)).order_by(Member.id)))


def seed(engine: Engine, mentees: int, mentors: int) -> None:
    """Mentors with 1-4 areas and 1-3 places; mentees asking for 1-3 areas, sometimes a role
    or a community, as people fill in their profiles."""
    rng, now = random.Random(7), FakeClock().now()
    with db.session_factory(engine).begin() as session:
        ensure_programme(session, team_id=TEAM, now=now)
        lists: ProgrammeLists = programme_lists(session, team_id=TEAM)
    mentor_ids = _members(engine, "UM", mentors, True, rng, now)
    mentee_ids = _members(engine, "UE", mentees, False, rng, now)
    with engine.begin() as connection:
        connection.execute(insert(MentorProfile), [
            {"member_id": i, "team_id": TEAM, "role_id": rng.choice(lists.roles).id,
             "community_id": rng.choice(lists.communities).id, "bio": "Experienced.",
             "capacity": rng.randint(1, 3), "open_to_requests": True, "updated_at": now}
            for i in mentor_ids])
        connection.execute(insert(mentor_areas), [
            {"member_id": i, "item_id": a.id} for i in mentor_ids
            for a in rng.sample(lists.areas, rng.randint(1, 4))])
        connection.execute(insert(MenteeProfile), [
            {"member_id": i, "statement": "Help me grow.", "updated_at": now,
             "preferred_role_id": rng.choice(lists.roles).id if rng.random() < 0.4 else None,
             "preferred_community_id": rng.choice(lists.communities).id
             if rng.random() < 0.5 else None} for i in mentee_ids])
        connection.execute(insert(mentee_areas), [
            {"member_id": i, "item_id": a.id} for i in mentee_ids
            for a in rng.sample(lists.areas, rng.randint(1, 3))])
    _settle(engine)


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """What the action returns, and its wall time in milliseconds."""
    started = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - started) * 1000


def measure(engine: Engine, mentees: int, mentors: int) -> None:
    """Seed one database, time each step of a cohort run, print its table."""
    seed(engine, mentees, mentors)
    sessions, now = db.session_factory(engine), FakeClock().now()
    with sessions() as session:
        (people, read_ms) = timed(lambda: (unmatched_mentees(session, team_id=TEAM),
                                           open_mentors(session, team_id=TEAM),
                                           never_suggested(session, team_id=TEAM)))
        scores, matrix_ms = timed(lambda: score_matrix(*people))
        pairs, solve_ms = timed(lambda: solve(scores))
        greedy, greedy_ms = timed(lambda: solve_greedily(scores))
        run = CohortRun(team_id=TEAM, created_by=ADMIN.user_id, created_at=now)
        session.add(run)
        session.flush()
        _, store_ms = timed(lambda: store_suggestions(session, run_id=run.id, scores=scores,
                                                      pairs=pairs))
        session.rollback()
    with sessions.begin() as session:
        run, suggest_ms = timed(lambda: suggest_matches(session, actor=ADMIN,
                                                        workspace_admin=True, now=now))
        run_id = run.id
    with sessions.begin() as session:
        report, publish_ms = timed(lambda: publish_run(session, actor=ADMIN,
                                                       workspace_admin=True, run_id=run_id,
                                                       now=now))
    with sessions() as session:
        proposals = session.scalar(select(func.count()).select_from(Proposal)
                                   .where(Proposal.suggested_by_programme))
    print(f"\n{engine.dialect.name}: {len(scores.mentees)} unmatched mentees, "
          f"{len(scores.mentors)} open mentors, "
          f"{sum(m.spare for m in scores.mentors)} places\n")
    print(f"| {'step':<44} | {'ms':>8} |")
    print(f"| {'-' * 44} | {'-' * 8} |")
    for name, ms in (("read candidates and exclusions (SQL)", read_ms),
                     ("build the score matrix", matrix_ms),
                     ("solve (linear_sum_assignment)", solve_ms),
                     ("solve greedily (baseline)", greedy_ms),
                     (f"store the run ({len(pairs)} pairs)", store_ms),
                     ("suggest_matches, all of the above", suggest_ms),
                     (f"publish ({proposals} proposals and their DMs)", publish_ms)):
        print(f"| {name:<44} | {ms:>8.0f} |")
    best, baseline = total(scores, pairs), total(scores, greedy)
    print(f"\n| {'assignment':<10} | pairs | total fit | mean fit |")
    print(f"| {'-' * 10} | ----- | --------- | -------- |")
    for name, chosen, fit in (("optimal", pairs, best), ("greedy", greedy, baseline)):
        print(f"| {name:<10} | {len(chosen):>5} | {fit:>9.0f} | "
              f"{fit / max(len(chosen), 1):>8.1f} |")
    print(f"\noptimal is {100 * (best - baseline) / max(baseline, 1):+.1f} % total fit over "
          f"greedy; published {report.proposed}, skipped {sum(report.skipped.values())}",
          flush=True)


def main() -> None:
    """Seed, measure, print one table per database."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", action="append",
                        help="sqlite (a new file, the default) or a PostgreSQL URL; repeatable")
    parser.add_argument("--mentees", type=int, default=2_000)
    parser.add_argument("--mentors", type=int, default=1_000)
    args = parser.parse_args()
    for url in args.database_url or ["sqlite"]:
        with fresh_database(url) as engine:
            measure(engine, args.mentees, args.mentors)


if __name__ == "__main__":
    main()
