"""The whole app against the floor: mentorbot as people run it, beside a bare Bolt app.

Seeds a programme (benchmarks.search: 10,000 mentors, 5,000 relationships), starts
`mentorbot serve` (and, when gunicorn is installed, `gunicorn -w 2 --threads N
bot.wsgi:application`) as its own process, then the bare Bolt app of benchmarks/bare.py on
the same server with views of the same size, both behind one Slack Web API stub. Closed-loop
clients (1, 4, 16) send App Home opened (40 %), `/mentor` (30 %) and search submissions
(30 %) as seeded members. One table per server and database: p50 and p99 until the view
reaches Slack (Home, /mentor), of the search round trip, requests per second and the share
of the floor's throughput mentorbot reaches.
Run:  .venv/bin/python -m benchmarks.load [--database-url [URL]] [--seconds S] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

from benchmarks.load_clients import HOME, MENU, MIX, SEARCH, Client, Tally, Workload, drive
from benchmarks.load_servers import (
    BARE,
    MENTORBOT,
    Launch,
    environment,
    free_port,
    running,
    servers_available,
)
from benchmarks.search import SECRET, TEAM, p99, seed
from benchmarks.slack_stub import SlackStub, serving_stub
from blocks.search import search_view
from bot import db
from domain.matching import SearchCriteria
from domain.programme import programme_lists

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SAMPLES = 9  # requests of each kind whose views the bare app is given (the median's)
Results = dict[tuple[str, int], tuple[Tally, float]]


@contextmanager
def database(url: str | None, workdir: Path) -> Iterator[str]:
    """A database for this run: a new SQLite file, or a new PostgreSQL schema dropped after."""
    if url is None:
        yield f"sqlite:///{workdir / 'load.sqlite3'}"
        return
    if not url.startswith("postgresql"):
        yield url
        return
    schema = f"load_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        options = {"options": f"-csearch_path={schema}"}
        yield make_url(url).update_query_dict(options).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def prepare(url: str, mentors: int, relationships: int) -> tuple[Workload, str, float]:
    """Migrate and seed; returns the workload (minus its URL), the dialect and seconds taken."""
    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        started = time.perf_counter()
        seed(engine, mentors, relationships)
        seeded = time.perf_counter() - started
        with db.session_factory(engine)() as session:
            lists = programme_lists(session, team_id=TEAM)
        form = search_view(lists, SearchCriteria(), None)
        areas = next(b["element"]["options"] for b in form["blocks"]
                     if b.get("element", {}).get("type") == "multi_static_select")
        # Mentees (all but the first have a mentor) and mentors (about half have mentees).
        users = [f"UE{n:05d}" for n in range(relationships + 1)]
        users += [f"UM{n:05d}" for n in range(mentors)]
        random.Random(3).shuffle(users)
        return Workload("", SECRET, TEAM, users, form, areas), engine.dialect.name, seeded
    finally:
        engine.dispose()


def _median_sized(views: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    if not views:
        raise RuntimeError(f"mentorbot sent no {kind} view to copy for the bare app")
    return sorted(views, key=lambda v: len(json.dumps(v)))[len(views) // 2]


def capture_views(work: Workload, stub: SlackStub, path: Path) -> dict[str, int]:
    """Keep views mentorbot drew for a few members, for the bare app to send; their sizes."""
    client, answers = Client(work, stub, work.users, seed=99), []
    stub.start_capture()
    try:
        for user in work.users[:SAMPLES]:
            client.act(HOME, user)
            client.act(MENU, user)
            status, answer = client.submit_search(user)
            if status == 200:
                answers.append(json.loads(answer)["view"])
    finally:
        client.close()
        captured = stub.stop_capture()
    if client.tally.failures:
        raise RuntimeError(f"mentorbot failed while drawing views: {client.tally.failures}")
    views = {"home": _median_sized(captured["views.publish"], HOME),
             "menu": _median_sized(captured["views.open"], MENU),
             "search": _median_sized(answers, SEARCH)}
    path.write_text(json.dumps(views))
    return {kind: len(json.dumps(view)) for kind, view in views.items()}


def measure(work: Workload, stub: SlackStub, levels: list[int], seconds: float,
            warmup: float) -> dict[int, tuple[Tally, float]]:
    """A warm-up, then each level of concurrency for `seconds`."""
    drive(work, stub, max(levels), warmup)
    return {clients: drive(work, stub, clients, seconds) for clients in levels}


def _ms(times: list[float], which: str) -> str:
    if not times:
        return "-"
    return f"{statistics.median(times) if which == 'p50' else p99(times):.0f}"


def table(title: str, results: Results, levels: list[int]) -> str:
    """One server on one database: a row per app and level of concurrency."""
    head = ["clients", "app      ", "req/s", "of floor"]
    head += [f"{kind} {which} ms" for kind, _ in MIX for which in ("p50", "p99")]
    head += ["driver CPU", "failed"]
    lines = [title, "", "| " + " | ".join(head) + " |",
             "|" + "|".join("-" * (len(h) + 2) for h in head) + "|"]
    for clients in levels:
        floor = results[(BARE, clients)][0].done / results[(BARE, clients)][1]
        for app in (MENTORBOT, BARE):
            tally, elapsed = results[(app, clients)]
            rate = tally.done / elapsed
            share = f"{rate / floor:.0%}" if app == MENTORBOT and floor else ""
            cells = [str(clients), app, f"{rate:.0f}", share]
            cells += [_ms(tally.times[kind], which) for kind, _ in MIX for which in ("p50", "p99")]
            cells += [f"{tally.driver_cpu / elapsed:.0%}", str(len(tally.failures))]
            lines.append("| " + " | ".join(c.ljust(len(h)) if h.startswith("app") else
                                           c.rjust(len(h)) for c, h in
                                           zip(cells, head, strict=True)) + " |")
    return "\n".join(lines)


def _failures(results: Results) -> list[str]:
    return [f"{app} at {clients} clients: {reason}" for (app, clients), (tally, _) in
            results.items() for reason in tally.failures[:3]]


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", nargs="?", const=DEFAULT_POSTGRES,
                        help=f"default: a new SQLite file; without a value: {DEFAULT_POSTGRES}")
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=5_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="per level of clients")
    parser.add_argument("--clients", default="1,4,16", help="levels of concurrency")
    parser.add_argument("--threads", type=int, default=8, help="WEB_THREADS / --threads")
    parser.add_argument("--servers", help=f"comma-separated; default {servers_available()}")
    parser.add_argument("--quick", action="store_true",
                        help="40 mentors, 20 relationships, 2 clients for 1.5 s, serve only")
    args = parser.parse_args()
    if args.quick:
        args.mentors, args.relationships, args.seconds, args.clients = 40, 20, 1.5, "2"
        args.servers = args.servers or "serve"
    args.levels = [int(n) for n in args.clients.split(",")]
    args.server_list = (args.servers.split(",") if args.servers else servers_available())
    return args


def run_server(server: str, args: argparse.Namespace, work: Workload, stub: SlackStub,
               env: dict[str, Any], workdir: Path) -> Results:
    """mentorbot, then the bare app, under one server; the figures of both."""
    results: Results = {}
    views = Path(env["views"])
    for app in (MENTORBOT, BARE):
        port = free_port()
        launch = environment(env["api_url"], SECRET, env["url"], port, args.threads, views)
        with running(Launch(app, server, args.threads), launch, port, workdir) as slack:
            work.url = slack
            if not views.exists():
                sizes = capture_views(work, stub, views)
                print(f"views sent (JSON characters): Home {sizes['home']}, /mentor "
                      f"{sizes['menu']}, search results {sizes['search']}")
            for clients, outcome in measure(work, stub, args.levels, args.seconds,
                                            min(2.0, args.seconds / 3)).items():
                results[(app, clients)] = outcome
    return results


def main() -> None:
    """Seed, run each server with each app, print the tables."""
    args = _args()
    workdir, failed = Path(tempfile.mkdtemp(prefix="mentorbot-load-")), True
    try:
        with database(args.database_url, workdir) as url, serving_stub() as (stub, api_url):
            work, dialect, seeded = prepare(url, args.mentors, args.relationships)
            print(f"\n{dialect}: {args.mentors} mentors, {args.relationships} relationships "
                  f"(seeded in {seeded:.1f} s); {os.cpu_count()} CPUs, load average "
                  f"{os.getloadavg()[0]:.1f} at start; {args.threads} threads per process; "
                  f"{args.seconds:g} s per level", flush=True)
            env = {"api_url": api_url, "url": url, "views": str(workdir / "bare-views.json")}
            failures = []
            for server in args.server_list:
                results = run_server(server, args, work, stub, env, workdir)
                print(f"\n{table(f'{server} on {dialect}', results, args.levels)}", flush=True)
                failures += _failures(results)
        print("\n(ms until the view reaches Slack for Home and /mentor, of the HTTP round trip "
              "for search; driver CPU: the clients' and Slack stub's share of one core)")
        print(f"Slack stub calls: {dict(sorted(stub.calls.items()))}")
        for line in failures:
            print(f"failed: {line}")
        failed = bool(failures)
    finally:
        if failed:
            print(f"the servers' logs are kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
