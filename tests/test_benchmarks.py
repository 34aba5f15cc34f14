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


def test_the_load_benchmark_prints_a_table_per_server() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--quick"], cwd=REPO, capture_output=True,
        text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    assert "serve on sqlite" in result.stdout, result.stdout
    for header in ("| clients | app", "| req/s | of floor |", "| Home p50 ms | Home p99 ms |",
                   "| /mentor p50 ms | /mentor p99 ms |", "| search p50 ms | search p99 ms |"):
        assert header in result.stdout, result.stdout
    assert "|       2 | mentorbot |" in result.stdout, result.stdout
    assert "|       2 | bare Bolt |" in result.stdout, result.stdout
    # A 5xx, a refused request or a view that never reached Slack is a defect; a search Bolt
    # gave up on after 3 s is a figure of a loaded machine, not for a test to judge.
    failed = [line for line in result.stdout.splitlines() if line.startswith("failed:")]
    assert all("within Bolt's 3 s" in line for line in failed), result.stdout


def test_the_health_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.health", "--members", "200", "--runs", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    for row in ("| build the report", "| PDF (five charts) + PNG overview",
                "| five CSV exports", "statements to build the report: 8"):
        assert row in result.stdout, result.stdout


def test_the_cohort_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.cohort", "--mentees", "40", "--mentors", "20"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    for row in ("| solve (linear_sum_assignment)", "| publish (", "| optimal    |",
                "| greedy     |"):
        assert row in result.stdout, result.stdout


def test_the_ticks_benchmark_prints_both_tables_at_two_sizes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.ticks", "--scale", "0.01", "--scale", "0.02",
         "--runs", "2"], cwd=REPO, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    for row in ("## sqlite, scale 0.01", "## sqlite, scale 0.02", "first tick", "steady tick",
                "| proposals_expire", "| meetings", "| every tick (run_every_tick)"):
        assert row in result.stdout, result.stdout
    # A tick that finds nothing due sends the same statements however large the programme.
    steady = [line for line in result.stdout.splitlines()
              if line.startswith("| every tick")][1::2]
    assert len(steady) == 2 and steady[0].split("|")[5] == steady[1].split("|")[5], steady
