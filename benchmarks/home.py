"""The App Home of a busy mentor (20 mentees, their goals and meetings, 30 requests, a long
diary) and the DM outbox draining, under load: median and 99th-percentile times, throughput, the
Home's peak memory and block count.  Run:  .venv/bin/python -m benchmarks.home
[--database-url URL] [--runs N] [--members N] [--diary N] [--dms N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.search import SECRET, TEAM, p99, timed
from blocks.home import MAX_HOME_BLOCKS, home_view
from bot import db
from bot.app import Mentorbot, create_app
from bot.config import Settings
from domain import outbox
from domain.home.dashboard import load_dashboard
from domain.members import Actor
from domain.model import Meeting, Stage
from domain.model.journey import Proposal, Relationship
from domain.model.members import Member, MenteeProfile, MentorProfile, mentor_areas
from domain.model.reflection import DiaryEntry, Goal, GoalMilestone
from domain.programme import ProgrammeLists, ensure_programme, programme_lists
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.http_server import serving
from tests.support.slack_requests import SlackRequests

BUSY, PAIRS, ASKING, GOALS, MEETING_DAYS = "UBUSY", 20, 30, 10, (-14, -7, 2, 9, 16)


def _insert(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk-insert rows; returns their new ids in the order given."""
    with engine.begin() as connection:
        return list(connection.scalars(
            insert(model).returning(model.id, sort_by_parameter_order=True), rows))


def _person(n: int, user: str, name: str, mentor: bool, now: datetime) -> dict[str, Any]:
    return {"team_id": TEAM, "slack_user_id": user, "name": name, "job_title": "Planner",
            "organisation": f"Org {n % 50}", "is_mentor": mentor, "is_mentee": not mentor,
            "status": "active", "tz": "UTC", "registered_at": now, "updated_at": now}


def seed_people(engine: Engine, lists: ProgrammeLists, members: int, now: datetime
                ) -> tuple[int, list[int]]:
    """Background members, UBUSY and the mentees UBUSY works with; returns (busy, partners)."""
    rng = random.Random(7)
    people = [_person(n, f"UM{n:05d}", f"Member {n:05d}", n % 2 == 0, now)
              for n in range(members)]
    people += [_person(n, f"UP{n:03d}", f"Partner {n:03d}", False, now)
               for n in range(PAIRS + ASKING)]
    people.append(_person(0, BUSY, "Busy Mentor", True, now))
    ids_ = _insert(engine, Member, people)
    mentors = [i for i, p in zip(ids_, people, strict=True) if p["is_mentor"]]
    with engine.begin() as connection:
        connection.execute(insert(MentorProfile), [
            {"member_id": i, "role_id": rng.choice(lists.roles).id,
             "community_id": rng.choice(lists.communities).id, "bio": "Years of experience.",
             "capacity": 20 if i == ids_[-1] else rng.randint(1, 5), "open_to_requests": True,
             "updated_at": now} for i in mentors])
        connection.execute(insert(mentor_areas), [
            {"member_id": i, "item_id": area.id} for i in mentors
            for area in rng.sample(lists.areas, rng.randint(1, 3))])
        connection.execute(insert(MenteeProfile), [
            {"member_id": i, "statement": "Help me.", "updated_at": now}
            for i, p in zip(ids_, people, strict=True) if not p["is_mentor"]])
    return ids_[-1], ids_[members:members + PAIRS + ASKING]


def seed_pairs(engine: Engine, busy: int, mentees: list[int], now: datetime
               ) -> list[tuple[int, int]]:
    """UBUSY's relationships, five meetings each (two past); returns (relationship, mentee)."""
    pairs = list(zip(_insert(engine, Relationship, [
        {"team_id": TEAM, "mentor_id": busy, "mentee_id": mentee, "status": "active",
         "stage": list(Stage)[k % 2], "started_at": now - timedelta(days=3 * k + 1)}
        for k, mentee in enumerate(mentees)]), mentees, strict=True))
    _insert(engine, Meeting, [
        {"team_id": TEAM, "relationship_id": pair, "created_by_id": busy if m % 2 else mentee,
         "uid": f"bench-{pair}-{m}@mentorbot", "title": f"Catch-up {m + 1}",
         "starts_at": now + timedelta(days=days, hours=k % 8), "duration_minutes": 45,
         "location": "Video", "status": "scheduled", "created_at": now, "updated_at": now}
        for k, (pair, mentee) in enumerate(pairs) for m, days in enumerate(MEETING_DAYS)])
    return pairs


def seed_goals(engine: Engine, busy: int, pairs: list[tuple[int, int]], now: datetime) -> None:
    """Ten goals per relationship (most due in the coming weeks), milestones on every third."""
    today = now.date()
    goals = [{"team_id": TEAM, "relationship_id": pair, "author_id": busy if g % 2 else mentee,
              "label": f"Goal {g} with {mentee}", "details": "Specific and measurable.",
              "due_on": today + timedelta(days=7 * (g // 2) + k) if g % 4 != 3 else None,
              "status": "completed" if g == GOALS - 1 else "open",
              "completed_at": now if g == GOALS - 1 else None, "created_at": now,
              "updated_at": now}
             for k, (pair, mentee) in enumerate(pairs) for g in range(GOALS)]
    ids_ = _insert(engine, Goal, goals)
    with engine.begin() as connection:
        connection.execute(insert(GoalMilestone), [
            {"goal_id": goal, "kind": kind, "text": f"A {kind} on the way.",
             "happened_on": today - timedelta(days=days), "created_at": now}
            for goal in ids_[::3] for kind, days in (("milestone", 10), ("review", 3))])


def seed_requests_and_diary(engine: Engine, lists: ProgrammeLists, busy: int,
                            askers: list[int], diary: int, now: datetime) -> None:
    """Requests waiting for UBUSY's answer, and UBUSY's own diary."""
    _insert(engine, Proposal, [
        {"team_id": TEAM, "mentee_id": mentee, "mentor_id": busy,
         "area_id": lists.areas[n % len(lists.areas)].id, "statement": "Please mentor me.",
         "status": "pending", "created_at": now - timedelta(hours=n),
         "updated_at": now - timedelta(hours=n), "expires_at": now + timedelta(days=7)}
        for n, mentee in enumerate(askers)])
    _insert(engine, DiaryEntry, [
        {"team_id": TEAM, "author_id": busy, "title": f"Reflection {n}",
         "reflection": "What went well, what I'd change. " * 5,
         "entry_date": now.date() - timedelta(days=n // 2), "created_at": now,
         "updated_at": now} for n in range(diary)])


def seed(engine: Engine, members: int, diary: int, now: datetime) -> None:
    """Fill the programme around UBUSY, then let the planner see the statistics."""
    with db.session_factory(engine).begin() as session:
        ensure_programme(session, team_id=TEAM, now=now)
        lists = programme_lists(session, team_id=TEAM)
    busy, partners = seed_people(engine, lists, members, now)
    pairs = seed_pairs(engine, busy, partners[:PAIRS], now)
    seed_goals(engine, busy, pairs, now)
    seed_requests_and_diary(engine, lists, busy, partners[PAIRS:], diary, now)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def busy_home(sessions: sessionmaker[Session], now: datetime) -> dict[str, Any]:
    """UBUSY's Home view, built as publish_home builds it."""
    with sessions() as session:
        return home_view(load_dashboard(session, actor=Actor(TEAM, BUSY), now=now))


def peak_kib(sessions: sessionmaker[Session], now: datetime) -> float:
    """Peak memory traced while building UBUSY's Home once, in KiB."""
    tracemalloc.start()
    try:
        busy_home(sessions, now)
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def _app(engine: Engine, fake: FakeSlack, clock: FakeClock) -> Mentorbot:
    settings = Settings(bot_token="xoxb-bench", signing_secret=SECRET,
                        slack_api_url=fake.base_url)
    return create_app(settings, clock=clock.now, engine=engine, migrate=False)


def _publishes(fake: FakeSlack) -> list[Any]:
    return [c for c in fake.calls_to("views.publish") if c.params.get("user_id") == BUSY]


def bench_home_http(engine: Engine, runs: int) -> tuple[list[float], int]:
    """app_home_opened over HTTP until UBUSY's Home is published; returns (times, blocks)."""
    with FakeSlack() as fake:
        fake.add_user(BUSY, name="busy", team_id=TEAM)
        bot = _app(engine, fake, FakeClock())
        try:
            with serving(bot.wsgi()) as url:
                slack = SlackRequests(f"{url}/slack/events", SECRET, team_id=TEAM)

                def open_home(_: int) -> None:
                    known, deadline = len(_publishes(fake)), time.monotonic() + 30
                    slack.app_home_opened(BUSY)
                    while len(_publishes(fake)) == known:
                        assert time.monotonic() < deadline, "Home was never published"
                        time.sleep(0.0005)

                times = timed(runs, open_home)
            return times, len(fake.home_views[BUSY]["blocks"])
        finally:
            bot.close()


def bench_drain(engine: Engine, dms: int) -> float:
    """Enqueue `dms` welcome DMs, then time the app's sender draining them all (ms)."""
    clock = FakeClock()
    with FakeSlack() as fake:
        bot = _app(engine, fake, clock)
        try:
            with bot.sessions.begin() as session:
                for n in range(dms):
                    outbox.enqueue(session, team_id=TEAM, recipient=f"UM{n:05d}",
                                   kind="welcome", dedupe_key=f"bench-welcome-{n}",
                                   payload={"name": f"Member {n}", "programme": "Mentoring",
                                            "is_mentor": n % 2 == 0, "is_mentee": n % 2 == 1},
                                   now=clock.now())
            started, delivered = time.perf_counter(), 0
            while delivered < dms and (sent := bot.sender.deliver_due()):
                delivered += sent
            elapsed = (time.perf_counter() - started) * 1000
            assert delivered == dms, f"only {delivered} of {dms} DMs were delivered"
            assert len(fake.calls_to("chat.postMessage")) == dms
            return elapsed
        finally:
            bot.close()


def _print_tables(rows: list[tuple[str, list[float]]], facts: list[tuple[str, str]]) -> None:
    print(f"| {'measure':<44} | runs | median ms | p99 ms |")
    print(f"| {'-' * 44} | ---- | --------- | ------ |")
    for name, times in rows:
        print(f"| {name:<44} | {len(times):>4} | {statistics.median(times):>9.1f} | "
              f"{p99(times):>6.1f} |")
    print(f"\n| {'measure':<44} | {'value':>10} |\n| {'-' * 44} | {'-' * 10} |")
    for name, value in facts:
        print(f"| {name:<44} | {value:>10} |")


def measure(engine: Engine, args: argparse.Namespace, now: datetime
            ) -> tuple[list[tuple[str, list[float]]], list[tuple[str, str]]]:
    """Time the Home and the outbox; returns the timed rows and the other facts."""
    sessions = db.session_factory(engine)
    rows = [("load_dashboard + home_view (UBUSY)",
             timed(args.runs, lambda _: busy_home(sessions, now)))]
    http_times, blocks = bench_home_http(engine, args.runs)
    # home_view cuts at Slack's limit, so reaching it means sections were cut off.
    assert blocks < MAX_HOME_BLOCKS, f"the Home reached {blocks} blocks and was cut"
    drain_ms = bench_drain(engine, args.dms)
    rows += [("Home over HTTP (app_home_opened -> publish)", http_times),
             (f"outbox drain ({args.dms} DMs)", [drain_ms])]
    facts = [("outbox throughput, DMs per second", f"{args.dms / drain_ms * 1000:.0f}"),
             ("peak memory of one Home, KiB", f"{peak_kib(sessions, now):.0f}"),
             ("blocks in the published Home", str(blocks))]
    return rows, facts


def main() -> None:
    """Seed, measure, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument("--members", type=int, default=2_000, help="background members")
    parser.add_argument("--diary", type=int, default=500, help="UBUSY's diary entries")
    parser.add_argument("--dms", type=int, default=1_000, help="DMs in the outbox to drain")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    engine, now = db.make_engine(url), FakeClock().now()
    db.upgrade(engine)
    started = time.perf_counter()
    seed(engine, args.members, args.diary, now)
    seeded = time.perf_counter() - started
    rows, facts = measure(engine, args, now)
    print(f"\n{engine.dialect.name}: {args.members} members + UBUSY ({PAIRS} mentees, "
          f"{PAIRS * GOALS} goals, {PAIRS * len(MEETING_DAYS)} meetings, {ASKING} requests, "
          f"{args.diary} diary entries), {args.dms} DMs (seeded in {seeded:.1f} s)\n")
    _print_tables(rows, facts)
    engine.dispose()

if __name__ == "__main__":
    main()
