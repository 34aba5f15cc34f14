"""The benchmarks still run (on tiny data): a benchmark nobody can run proves nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_search_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.search", "--mentors", "40", "--relationships", "10",
         "--runs", "3"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "| find_mentors (one page + total)" in result.stdout
    assert "| search interaction over HTTP" in result.stdout


def test_the_home_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.home", "--members", "20", "--diary", "30", "--dms", "20",
         "--runs", "3"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    for row in ("| load_dashboard + home_view (UBUSY)", "| Home over HTTP (app_home_opened",
                "| outbox drain (20 DMs)", "| outbox throughput, DMs per second",
                "| peak memory of one Home, KiB", "| blocks in the published Home"):
        assert row in result.stdout, result.stdout
