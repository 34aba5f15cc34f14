"""One full tick at scale: every tick of `bot.ticks.TICKS` over a seeded programme.

Seeds the programme of `benchmarks.ticks_seed` (50,000 members at scale 1) and prints, for
each database and scale, two tables of each tick's median and p99 time, the SQL statements it
sent and the rows it acted on:
- the first tick, with everything seeded as due at once: each run is rolled back after, so
  that every run has the same work;
- the steady tick, once earlier ticks (committed) have done everything that was due: the cost
  of looking when nothing is owed, what most ticks of a day are.
Run:
    .venv/bin/python -m benchmarks.ticks [--scale S ...] [--runs N] [--database-url URL ...]
`--scale` and `--database-url` may be given more than once (default: scales 0.1 and 1, on a
new SQLite file); a PostgreSQL URL gets a new schema for the run, dropped afterwards. The
statements of the two scales side by side show whether a tick's cost grows with the data.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.search import fresh_database, p99
from benchmarks.ticks_seed import seed
from bot import db
from bot.ticks import TICKS, Tick, run_every_tick, run_tick
from domain.programme import PROGRAMME_CACHE, ProgrammeCache
from tests.support.clock import FakeClock
from tests.support.statements import counting

EVERY = "every tick (run_every_tick)"
DRAIN_LIMIT = 1_000  # committed ticks at most to work off everything due


@dataclass
class Figures:
    """One row of a table: the times of each run, and what the last run sent and did."""

    times: list[float] = field(default_factory=list)
    statements: int = 0
    acted_on: int = 0


def rolled_back(engine: Engine, work: Callable[[sessionmaker[Session]], None]) -> None:
    """Run `work` with sessions whose transactions are savepoints of one outer transaction,
    rolled back after: the tick commits as usual, and the next run finds the same data."""
    with engine.connect() as connection:
        outer = connection.begin()
        sessions = sessionmaker(bind=connection, expire_on_commit=False,
                                join_transaction_mode="create_savepoint",
                                info={PROGRAMME_CACHE: ProgrammeCache()})
        try:
            work(sessions)
        finally:
            outer.rollback()


def one_run(engine: Engine, now: datetime, table: dict[str, Figures]) -> None:
    """Each tick once, timed and counted, then all undone."""
    def ticks(sessions: sessionmaker[Session]) -> None:
        whole = table.setdefault(EVERY, Figures())
        whole.statements = whole.acted_on = 0
        spent = 0.0
        for tick in TICKS:
            spent += _timed_tick(engine, tick, sessions, now, table.setdefault(tick.name,
                                                                                Figures()))
            whole.statements += table[tick.name].statements
            whole.acted_on += table[tick.name].acted_on
        whole.times.append(spent)

    rolled_back(engine, ticks)


def _timed_tick(engine: Engine, tick: Tick, sessions: sessionmaker[Session], now: datetime,
                figures: Figures) -> float:
    with counting(engine) as statements:
        started = time.perf_counter()
        figures.acted_on = run_tick(tick, sessions, lambda: now, after=lambda: None)
        spent = time.perf_counter() - started
    figures.times.append(spent)
    figures.statements = len(statements)
    return spent


def drain(engine: Engine, now: datetime) -> int:
    """Committed ticks until none has anything left to do; how many it took."""
    sessions = db.session_factory(engine)
    for run in range(1, DRAIN_LIMIT + 1):
        if not any(run_every_tick(sessions, lambda: now, after=lambda: None).values()):
            return run
    raise RuntimeError(f"still due after {DRAIN_LIMIT} ticks")


def print_table(title: str, table: dict[str, Figures]) -> None:
    """A markdown table: one row per tick, then the whole tick."""
    print(f"\n{title}\n")
    print(f"| {'tick':<28} | runs | median ms | p99 ms | statements | rows acted on |")
    print(f"| {'-' * 28} | ---- | --------- | ------ | ---------- | ------------- |")
    for name in [*(tick.name for tick in TICKS), EVERY]:
        row = table[name]
        print(f"| {name:<28} | {len(row.times):>4} | {statistics.median(row.times) * 1000:>9.1f} "
              f"| {p99(row.times) * 1000:>6.1f} | {row.statements:>10} | {row.acted_on:>13} |",
              flush=True)


def measure(engine: Engine, scale: float, runs: int) -> None:
    """Seed one database at `scale`, time the first and the steady tick, print both tables."""
    now = FakeClock().now()
    started = time.perf_counter()
    counts = seed(engine, scale, now)
    seeded = time.perf_counter() - started
    print(f"\n## {engine.dialect.name}, scale {scale:g}: "
          + ", ".join(f"{n:,} {t}" for t, n in counts.items())
          + f" (seeded in {seeded:.1f} s)", flush=True)
    first: dict[str, Figures] = {}
    for _ in range(runs):
        one_run(engine, now, first)
    print_table("first tick (everything due at once; rolled back after each run)", first)
    ticks_to_drain = drain(engine, now)
    steady: dict[str, Figures] = {}
    for _ in range(runs):
        one_run(engine, now, steady)
    print_table(f"steady tick (after {ticks_to_drain} committed ticks did all that was due)",
                steady)


def main() -> None:
    """Seed, measure, print the tables for each database and scale."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", action="append",
                        help="sqlite (a new file, the default) or a PostgreSQL URL; repeatable")
    parser.add_argument("--scale", action="append", type=float,
                        help="1 is 50,000 members (default: 0.1 and 1); repeatable")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for url in args.database_url or ["sqlite"]:
        for scale in args.scale or [0.1, 1.0]:
            with fresh_database(url, "bench_ticks") as engine:
                measure(engine, scale, args.runs)


if __name__ == "__main__":
    main()
