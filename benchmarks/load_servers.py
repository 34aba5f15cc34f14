"""The processes the load benchmark measures: mentorbot and the bare Bolt app, each as
`mentorbot serve` runs (on PostgreSQL a gunicorn worker per core), as `serve` in one process
(`serve-1`, WEB_WORKERS=1: waitress), or under gunicorn with two workers."""

from __future__ import annotations

import importlib.util
import itertools
import os
import random
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import stop, wait_until_healthy

REPO = Path(__file__).resolve().parents[1]
MENTORBOT, BARE = "mentorbot", "bare Bolt"
SERVE, SERVE_ONE, GUNICORN = "serve", "serve-1", "gunicorn-2"
STARTUP_SECONDS = 90.0


def servers_available() -> list[str]:
    """`serve` always; `serve-1` and `gunicorn-2` when gunicorn is installed (the
    production extra), as `serve` is one process without it."""
    return [SERVE, SERVE_ONE, GUNICORN] if importlib.util.find_spec("gunicorn") else [SERVE]


@dataclass(frozen=True)
class Launch:
    """How to start one app under one server."""

    app: str
    server: str
    threads: int

    def argv(self, port: int) -> list[str]:
        """The command line, as people run it."""
        if self.server in (SERVE, SERVE_ONE):
            module = "bot.cli" if self.app == MENTORBOT else "benchmarks.bare"
            return [sys.executable, "-m", module, *(["serve"] if self.app == MENTORBOT else [])]
        target = ("bot.wsgi:application" if self.app == MENTORBOT
                  else "benchmarks.bare:wsgi_from_env()")
        return [sys.executable, "-m", "gunicorn", "-w", "2", "--threads", str(self.threads),
                "-b", f"127.0.0.1:{port}", "--log-level", "warning", target]


# Below Linux's ephemeral range (32768 and up): a socket bound to port 0 elsewhere (say, by
# tests running beside the benchmark) cannot take the port between the probe and gunicorn.
PORTS = range(31000, 32700)
# A random start (not the pid: two runs started together have pids a few apart), then each
# call past the ports handed out before.
_tried = itertools.count(random.randrange(len(PORTS)))


def free_port() -> int:
    """A TCP port nobody listens on right now, outside the range the system hands out."""
    for _ in PORTS:
        port = PORTS[next(_tried) % len(PORTS)]
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port for the benchmark's servers")


def environment(slack_api_url: str, secret: str, database_url: str, port: int, threads: int,
                views: Path) -> dict[str, str]:
    """The environment both apps read their settings from (nothing of ours leaks in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-load", SLACK_SIGNING_SECRET=secret,
               SLACK_API_URL=slack_api_url, DATABASE_URL=database_url, HOST="127.0.0.1",
               PORT=str(port), WEB_THREADS=str(threads), BARE_VIEWS=str(views),
               PYTHONPATH=str(REPO))
    return env


@contextmanager
def running(launch: Launch, env: dict[str, str], port: int, workdir: Path) -> Iterator[str]:
    """The app running as its own process(es); yields its /slack/events URL."""
    log = workdir / f"{launch.app.replace(' ', '-')}-{launch.server}.log"
    env = {**env, **({"WEB_WORKERS": "1"} if launch.server == SERVE_ONE else {})}
    with log.open("ab") as output:
        process = subprocess.Popen(launch.argv(port), cwd=workdir, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(base, process, log, STARTUP_SECONDS)
            yield f"{base}/slack/events"
        finally:
            stop(process)
