"""Settings from the environment, and the `mentorbot` command run as a real process."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

import domain.model  # noqa: F401 - registers every table on the metadata
import migrations
from bot.config import ConfigError, Settings, load_settings
from domain.base import Base
from domain.programme import ensure_programme
from tests.support.fake_slack import FakeSlack

REPO = Path(__file__).resolve().parents[1]
SLACK = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "s3cret"}


def _settings(**extra: str) -> Settings:
    return load_settings({**SLACK, **extra})


def _mentorbot(tmp_path: Path, *args: str, input: str = "",
               **env: str) -> subprocess.CompletedProcess[str]:
    """`mentorbot ARGS` in a clean environment (no Slack settings, no DATABASE_URL), with
    `input` typed at it."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("SLACK_") and k != "DATABASE_URL"}
    clean.update(PYTHONPATH=str(REPO), **env)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], cwd=tmp_path, env=clean,
        capture_output=True, text=True, timeout=60, check=False, input=input,
    )


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def _versions(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]


@pytest.mark.parametrize(
    ("missing", "where"),
    [("SLACK_BOT_TOKEN", "OAuth & Permissions"), ("SLACK_SIGNING_SECRET", "Basic Information")],
)
def test_a_missing_slack_setting_is_named_with_where_to_find_it(missing: str, where: str) -> None:
    env = {k: v for k, v in SLACK.items() if k != missing}
    with pytest.raises(ConfigError) as problem:
        load_settings(env)
    assert f"{missing} is not set" in str(problem.value)
    assert where in str(problem.value)


def test_a_blank_slack_setting_counts_as_missing() -> None:
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is not set"):
        _settings(SLACK_SIGNING_SECRET="   ")


def test_a_bot_token_that_is_not_a_bot_token_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"SLACK_BOT_TOKEN should start with 'xoxb-'"):
        _settings(SLACK_BOT_TOKEN="xoxp-1-2-user-token")


def test_the_slack_settings_are_read_as_given() -> None:
    settings = _settings()
    assert (settings.bot_token, settings.signing_secret) == ("xoxb-1-2-abc", "s3cret")


@pytest.mark.parametrize("port", ["abc", "0", "-1", "3000.5"])
def test_a_port_that_is_not_a_positive_whole_number_is_refused(port: str) -> None:
    with pytest.raises(ConfigError, match=rf"PORT must be .*{re.escape(repr(port))}"):
        _settings(PORT=port)


def test_a_port_is_read_as_a_number() -> None:
    assert _settings(PORT="8080").port == 8080


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_a_plain_postgres_url_is_read_as_psycopg_3(scheme: str) -> None:
    settings = _settings(DATABASE_URL=f"{scheme}://u@h/db")
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_without_database_url_a_sqlite_file_is_used() -> None:
    assert _settings().database_url == "sqlite:///mentorbot.sqlite3"


def test_a_database_other_than_sqlite_or_postgresql_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"DATABASE_URL must be a SQLite .* or PostgreSQL"):
        _settings(DATABASE_URL="mysql://u:p@h/db")


@pytest.mark.parametrize(
    ("given", "used"),
    [("http://127.0.0.1:9000/api", "http://127.0.0.1:9000/api/"),
     ("https://slack.com/api/", "https://slack.com/api/"),
     ("", "https://slack.com/api/")],
)
def test_the_slack_api_url_ends_with_a_slash(given: str, used: str) -> None:
    assert _settings(SLACK_API_URL=given).slack_api_url == used


def test_serve_without_slack_settings_stops_with_one_sentence_and_no_traceback(
    tmp_path: Path,
) -> None:
    result = _mentorbot(tmp_path, "serve")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mentorbot: SLACK_BOT_TOKEN is not set"), result.stderr


def test_serve_with_a_token_slack_refuses_stops_with_one_sentence(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("auth.test", error="invalid_auth")
    result = _mentorbot(tmp_path, "serve", SLACK_BOT_TOKEN="xoxb-revoked",
                        SLACK_SIGNING_SECRET="s", SLACK_API_URL=fake_slack.base_url,
                        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "mentorbot: Slack did not accept SLACK_BOT_TOKEN (invalid_auth)"), result.stderr


def test_db_upgrade_creates_the_tables_and_running_it_again_changes_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "x.sqlite3"
    head = ScriptDirectory(str(Path(migrations.__file__).parent)).get_current_head()
    expected = set(Base.metadata.tables) | {"alembic_version"}

    for run in ("first", "second"):
        result = _mentorbot(tmp_path, "db", "upgrade", DATABASE_URL=f"sqlite:///{database}")
        assert result.returncode == 0, f"{run} run failed:\n{result.stderr}"
        assert "Traceback" not in result.stderr
        assert _tables(database) == expected, f"after the {run} run"
        assert _versions(database) == [head], f"after the {run} run"


def test_scheduler_is_on_unless_switched_off_in_plain_words() -> None:
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert load_settings(base).scheduler is True
    assert load_settings({**base, "SCHEDULER": "Off"}).scheduler is False
    with pytest.raises(ConfigError, match="SCHEDULER must be on or off, but it is 'sometimes'"):
        load_settings({**base, "SCHEDULER": "sometimes"})


DISTRIBUTED = {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "shh",
               "SLACK_SIGNING_SECRET": "s3cret"}


def test_a_client_id_and_secret_without_a_bot_token_is_distributed_mode() -> None:
    settings = load_settings(DISTRIBUTED)
    assert settings.distributed
    assert (settings.bot_token, settings.client_id, settings.client_secret) == (
        "", "1111.2222", "shh")


def test_a_bot_token_is_single_workspace_mode() -> None:
    settings = _settings()
    assert not settings.distributed and settings.client_id == ""


def test_a_bot_token_and_a_client_id_together_are_refused_in_one_sentence() -> None:
    with pytest.raises(ConfigError) as problem:
        load_settings({**DISTRIBUTED, "SLACK_BOT_TOKEN": "xoxb-1-2-abc"})
    assert str(problem.value).startswith("Set either SLACK_BOT_TOKEN (one workspace) or "
                                         "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    assert str(problem.value).count(". ") == 0  # one sentence


def test_neither_mode_names_the_bot_token_and_the_other_way() -> None:
    with pytest.raises(ConfigError) as problem:
        load_settings({"SLACK_SIGNING_SECRET": "s3cret"})
    assert str(problem.value).startswith("SLACK_BOT_TOKEN is not set.")
    assert "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in str(problem.value)


@pytest.mark.parametrize("missing", ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET",
                                     "SLACK_SIGNING_SECRET"])
def test_distributed_mode_names_what_it_still_needs(missing: str) -> None:
    env = {k: v for k, v in DISTRIBUTED.items() if k != missing}
    with pytest.raises(ConfigError, match=f"{missing} is not set. Copy the "):
        load_settings(env)


def test_socket_mode_in_distributed_mode_stops_with_one_sentence(tmp_path: Path) -> None:
    result = _mentorbot(tmp_path, "socket", SLACK_APP_TOKEN="xapp-1", **DISTRIBUTED)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "mentorbot: Socket Mode serves the one workspace of SLACK_BOT_TOKEN: installs in many "
        "workspaces need `mentorbot serve` at a public URL."]


def test_erase_workspace_asks_again_and_deletes_only_when_the_team_id_is_typed(
    tmp_path: Path,
) -> None:
    database = tmp_path / "x.sqlite3"
    url = f"sqlite:///{database}"
    assert _mentorbot(tmp_path, "db", "upgrade", DATABASE_URL=url).returncode == 0
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        ensure_programme(session, team_id="T9", now=datetime(2026, 12, 1, tzinfo=UTC))
    engine.dispose()

    refused = _mentorbot(tmp_path, "erase-workspace", "T9", DATABASE_URL=url, input="T8\n")
    assert refused.returncode == 1 and "Nothing was deleted." in refused.stdout
    assert "programmes: 1" in refused.stdout
    erased = _mentorbot(tmp_path, "erase-workspace", "T9", DATABASE_URL=url, input="T9\n")
    assert erased.returncode == 0, erased.stderr
    assert "Workspace T9 is erased." in erased.stdout
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT count(*) FROM programmes").fetchone() == (0,)
    again = _mentorbot(tmp_path, "erase-workspace", "T9", "--yes", DATABASE_URL=url)
    assert again.returncode == 1 and "Nothing is stored for workspace T9." in again.stdout


def test_token_rotation_is_off_unless_switched_on_in_distributed_mode() -> None:
    assert load_settings(DISTRIBUTED).token_rotation is False
    assert load_settings({**DISTRIBUTED, "SLACK_TOKEN_ROTATION": "on"}).token_rotation is True
    with pytest.raises(ConfigError, match="SLACK_TOKEN_ROTATION must be on or off"):
        load_settings({**DISTRIBUTED, "SLACK_TOKEN_ROTATION": "weekly"})


def test_token_rotation_with_a_bot_token_is_refused_in_one_sentence() -> None:
    with pytest.raises(ConfigError) as problem:
        _settings(SLACK_TOKEN_ROTATION="on")
    assert str(problem.value) == (
        "SLACK_TOKEN_ROTATION=on works only when workspaces install mentorbot by OAuth "
        "(SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), since a SLACK_BOT_TOKEN cannot be "
        "refreshed: remove SLACK_TOKEN_ROTATION or SLACK_BOT_TOKEN.")
    assert _settings(SLACK_TOKEN_ROTATION="off").token_rotation is False
