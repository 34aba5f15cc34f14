"""Processes of ours started from outside (`mentorbot serve`, gunicorn): up, then down."""

from __future__ import annotations

import itertools
import os
import random
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

# Ports for servers a test starts as another process. They lie below Linux's ephemeral range
# (32768 and up), so no socket bound to port 0 in this run (the fake Slack, the served test
# apps) can take one between the probe and the process binding it. Each pytest-xdist worker
# has its own block, so two workers never hand out the same port; and each run starts at a
# random place in its block, so another run on the same machine is unlikely to meet it.
PORTS_FROM = 20000
PORTS_PER_WORKER = 2000
WORKERS = 5  # blocks: 20000 to 29999 (the benchmarks take theirs above)
_next_port = itertools.count(random.randrange(PORTS_PER_WORKER))


def _worker_block() -> int:
    """This worker's block of ports: gw0 the first, gw1 the next; the first without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return PORTS_FROM + (int(worker) if worker.isdigit() else 0) % WORKERS * PORTS_PER_WORKER


def free_port() -> int:
    """A port of this worker's block that nothing listens on now."""
    for _ in range(PORTS_PER_WORKER):
        port = _worker_block() + next(_next_port) % PORTS_PER_WORKER
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken by something outside this run: try the next
        return port
    raise RuntimeError("no free port in this worker's block")


def wait_until_healthy(base: str, process: subprocess.Popen[bytes], log: Path,
                       seconds: float = 60) -> None:
    """Return once `base`/healthz answers ok; fail with the log if the process exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited at start:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.read() == b"ok\n":
                    return
        except OSError:
            time.sleep(0.1)  # polling a port that is not listening yet
    raise RuntimeError(f"the server was not healthy after {seconds:.0f} s")


def stop(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    """Ask the process to stop; kill it if it is still there after `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
