"""Processes of ours started from outside (`mentorbot serve`, gunicorn): up, then down."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path


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
