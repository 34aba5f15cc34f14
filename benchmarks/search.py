"""Mentor search at scale: 10,000 mentors and 5,000 relationships unless told otherwise.

Prints, for each database, a table of median (p50) and 99th-percentile times for
`find_mentors` alone and for the whole search interaction (a signed view_submission over HTTP
to the real app, answered with the results). Run:
    .venv/bin/python -m benchmarks.search [--mentors N] [--relationships N] [--runs N]
        [--database-url URL ...]
`--database-url` may be given more than once; `sqlite` means a new SQLite file (the default).
A PostgreSQL URL gets a new schema for the run, dropped afterwards.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, insert, text

from blocks import ids
from blocks.search import search_view
from bot import db
from bot.app import create_app
from bot.config import Settings
from domain.matching import SearchCriteria
from domain.model import (
    Member,
    MenteeProfile,
    MentorProfile,
    Relationship,
    area_list_of,
    mentor_areas,
)
from domain.programme import ProgrammeLists, ensure_programme, programme_lists
from domain.search import find_mentors
from tests.support.clock import FakeClock
from tests.support.databases import scratch_schema
from tests.support.fake_slack import FakeSlack
from tests.support.http_server import serving
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

TEAM, SECRET = "T1", "bench-secret"
TITLES = ["Fleet manager", "Supply chain director", "Rail planner", "Port operations lead",
          "Procurement manager", "Logistics analyst", "Warehouse manager", "Consultant"]


def _seed_mentors(engine: Engine, lists: ProgrammeLists, count: int, rng: random.Random,
                  now: object) -> list[int]:
    with engine.begin() as connection:
        connection.execute(insert(Member), [
            {"team_id": TEAM, "slack_user_id": f"UM{n:05d}", "name": f"Mentor {n:05d}",
             "job_title": rng.choice(TITLES), "organisation": f"Org {n % 700}",
             "is_mentor": True, "is_mentee": False, "status": "active", "tz": "UTC",
             "registered_at": now, "updated_at": now} for n in range(count)])
    with engine.connect() as connection:
        ids_ = [row.id for row in connection.execute(
            Member.__table__.select().where(Member.is_mentor))]
    profiles = [
        {"member_id": i, "team_id": TEAM, "role_id": rng.choice(lists.roles).id,
         "community_id": rng.choice(lists.communities).id, "bio": "Years of experience.",
         "capacity": rng.randint(1, 5), "open_to_requests": rng.random() < 0.9,
         "updated_at": now} for i in ids_]
    areas = {i: [a.id for a in rng.sample(lists.areas, rng.randint(1, 4))] for i in ids_}
    for profile in profiles:  # a bulk insert passes by the model's copy of the areas
        profile["area_list"] = area_list_of(areas[profile["member_id"]])
    with engine.begin() as connection:
        connection.execute(insert(MentorProfile), profiles)
        connection.execute(insert(mentor_areas), [
            {"member_id": i, "item_id": area} for i, chosen in areas.items() for area in chosen])
    return ids_


def _seed_mentees(engine: Engine, lists: ProgrammeLists, count: int, now: object) -> list[int]:
    with engine.begin() as connection:
        connection.execute(insert(Member), [
            {"team_id": TEAM, "slack_user_id": f"UE{n:05d}", "name": f"Mentee {n:05d}",
             "job_title": "Planner", "organisation": "Mango", "is_mentor": False,
             "is_mentee": True, "status": "active", "tz": "UTC", "registered_at": now,
             "updated_at": now} for n in range(count)])
    with engine.connect() as connection:
        ids_ = [row.id for row in connection.execute(
            Member.__table__.select().where(Member.is_mentee))]
    with engine.begin() as connection:
        connection.execute(insert(MenteeProfile), [
            {"member_id": i, "statement": "Help me.", "updated_at": now} for i in ids_])
    return ids_


def seed(engine: Engine, mentors: int, relationships: int) -> int:
    """Fill the programme; returns the member id of a mentee to search as."""
    rng, now = random.Random(7), FakeClock().now()
    with db.session_factory(engine).begin() as session:
        ensure_programme(session, team_id=TEAM, now=now)
        lists = programme_lists(session, team_id=TEAM)
    mentor_ids = _seed_mentors(engine, lists, mentors, rng, now)
    mentee_ids = _seed_mentees(engine, lists, relationships + 1, now)
    with engine.begin() as connection:
        connection.execute(insert(Relationship), [
            {"team_id": TEAM, "mentor_id": rng.choice(mentor_ids), "mentee_id": mentee,
             "status": "active", "started_at": now} for mentee in mentee_ids[1:]])
        # Mentors were drawn at random, so count what each one has left, as the migration does.
        connection.execute(text(
            "UPDATE mentor_profiles SET spare_capacity = capacity - (SELECT count(*) FROM "
            "relationships r WHERE r.mentor_id = mentor_profiles.member_id "
            "AND r.status = 'active')"))
    _settle(engine)
    return mentee_ids[0]


def _settle(engine: Engine) -> None:
    """Statistics and visibility as autovacuum leaves them: the steady state of a programme.

    A bulk load leaves the planner without statistics, and PostgreSQL's index-only scans
    without a visibility map, until autovacuum has been round."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name != "postgresql":
            connection.execute(text("ANALYZE"))
            return
        for table in ("members", "mentor_profiles", "mentor_areas", "mentee_profiles",
                      "relationships", "proposals", "list_items"):  # this schema's only
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def random_criteria(lists: ProgrammeLists, rng: random.Random) -> SearchCriteria:
    """Criteria like a mentee's: 1-3 areas, sometimes a role or community, sometimes exact."""
    return SearchCriteria(
        area_ids=tuple(a.id for a in rng.sample(lists.areas, rng.randint(1, 3))),
        role_id=rng.choice(lists.roles).id if rng.random() < 0.4 else None,
        community_id=rng.choice(lists.communities).id if rng.random() < 0.5 else None,
        exact=rng.random() < 0.3)


def timed(runs: int, action: Callable[[int], object]) -> list[float]:
    """Milliseconds taken by each of `runs` calls (after two warm-up calls)."""
    for n in range(2):
        action(n)
    times = []
    for n in range(runs):
        started = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - started) * 1000)
    return times


def with_cpu(measure: Callable[[], list[float]]) -> tuple[list[float], float]:
    """The times `measure` returns, and the milliseconds of CPU this process spent on them."""
    started = time.process_time()
    times = measure()
    return times, (time.process_time() - started) * 1000


def p99(values: list[float]) -> float:
    """The 99th percentile (the largest value for fewer than 100 runs)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def bench_interaction(engine: Engine, searcher_user: str, runs: int,
                      lists: ProgrammeLists) -> list[float]:
    """Round trips of 'Update search results' through the real app over HTTP."""
    with FakeSlack() as fake:
        fake.add_user(searcher_user, name="searcher")
        settings = Settings(bot_token="xoxb-bench", signing_secret=SECRET,
                            slack_api_url=fake.base_url)
        bot = create_app(settings, engine=engine, migrate=False)
        rng = random.Random(11)
        form = {**search_view(lists, SearchCriteria(), None), "id": "VBENCH"}
        try:
            with serving(bot.wsgi()) as url:
                slack = SlackRequests(f"{url}/slack/events", SECRET, team_id=TEAM)

                def submit(_: int) -> object:
                    wanted = random_criteria(lists, rng)
                    values = fill(form, {ids.SEARCH_AREAS: [str(a) for a in wanted.area_ids]})
                    reply = slack.view_submission(searcher_user, form, values)
                    assert reply.json()["response_action"] == "update"
                    return reply

                return timed(runs, submit)
        finally:
            bot.close()


@contextmanager
def fresh_database(url: str, prefix: str = "bench_search") -> Iterator[Engine]:
    """A migrated, empty database: a new SQLite file, or a new schema in PostgreSQL (its name
    starting with `prefix`)."""
    if url == "sqlite":
        engine = db.make_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}")
        db.upgrade(engine)
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with scratch_schema(url, prefix) as (engine, _):
        db.upgrade(engine)
        yield engine


def measure(engine: Engine, mentors: int, relationships: int, runs: int) -> None:
    """Seed one database, time the search, print its table."""
    started = time.perf_counter()
    searcher = seed(engine, mentors, relationships)
    seeded = time.perf_counter() - started
    sessions = db.session_factory(engine)
    with sessions() as session:
        lists = programme_lists(session, team_id=TEAM)
        searcher_user = session.get_one(Member, searcher).slack_user_id
    rng = random.Random(5)

    def search(_: int) -> object:
        with sessions() as session:
            return find_mentors(session, team_id=TEAM, searcher_id=searcher,
                                criteria=random_criteria(lists, rng))

    rows = [("find_mentors (one page + total)", *with_cpu(lambda: timed(runs, search))),
            ("search interaction over HTTP", *with_cpu(lambda: bench_interaction(
                engine, searcher_user, runs, lists)))]
    print(f"\n{engine.dialect.name}: {mentors} mentors, {relationships} "
          f"relationships (seeded in {seeded:.1f} s)\n")
    # CPU is this process's (client, and SQLite or the app's threads): unlike wall time it
    # hardly moves when other work shares the machine.
    print(f"| {'measure':<34} | runs | p50 ms | p99 ms | CPU ms/run |")
    print(f"| {'-' * 34} | ---- | ------ | ------ | ---------- |")
    for name, times, cpu in rows:
        print(f"| {name:<34} | {len(times):>4} | {statistics.median(times):>6.1f} | "
              f"{p99(times):>6.1f} | {cpu / len(times):>10.1f} |", flush=True)


def main() -> None:
    """Seed, measure, print one table per database."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", action="append",
                        help="sqlite (a new file, the default) or a PostgreSQL URL; repeatable")
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    for url in args.database_url or ["sqlite"]:
        with fresh_database(url) as engine:
            measure(engine, args.mentors, args.relationships, args.runs)


if __name__ == "__main__":
    main()
