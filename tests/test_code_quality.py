"""The code stays clean: ruff, the import-linter layer contracts, and modules of a readable size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLS = Path(sys.executable).parent
PACKAGES = ("bot", "handlers", "blocks", "domain")
MAX_MODULE_LINES = 300


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    executable = TOOLS / command[0]
    if not executable.exists():
        pytest.fail(f"{executable} is missing: pip install -e '.[dev]'")
    return subprocess.run(
        [str(executable), *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=120,
        check=False,
    )


def test_ruff_finds_nothing_to_fix() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, f"ruff check . failed:\n{result.stdout}{result.stderr}"


def test_imports_keep_to_the_layer_contracts() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}{result.stderr}"


def test_no_module_is_longer_than_the_limit() -> None:
    modules = sorted(path for package in PACKAGES for path in (REPO / package).rglob("*.py"))
    assert modules, "no modules found"
    lengths = {path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in modules}
    too_long = {name: lines for name, lines in lengths.items() if lines > MAX_MODULE_LINES}
    assert not too_long, f"split these modules (over {MAX_MODULE_LINES} lines): {too_long}"
