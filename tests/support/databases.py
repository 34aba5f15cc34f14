"""Test databases: a SQLite file always, PostgreSQL too when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text

from bot.config import database_url
from bot.db import make_engine
from domain.base import Base


def backends() -> list[str]:
    """The databases every database test runs on."""
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


def postgres_url() -> str:
    """TEST_DATABASE_URL, read as psycopg 3."""
    return database_url({"DATABASE_URL": os.environ["TEST_DATABASE_URL"]})


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[Engine]:
    """An engine on a database nobody else uses: a new SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{directory / f'{uuid.uuid4().hex}.sqlite3'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with scratch_schema(postgres_url(), "mentorbot_test") as (engine, _):
        yield engine


@contextmanager
def scratch_schema(url: str, prefix: str) -> Iterator[tuple[Engine, str]]:
    """A new schema in the PostgreSQL database at `url`, dropped afterwards: an engine on it,
    and a DATABASE_URL that reaches it from another process."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    # synchronous_commit=off: a test's commits need not wait for the disk (a crash of the
    # test server loses nothing a test needs); what other sessions see is unchanged.
    options = f"-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"
    scoped = f"{url}{'&' if '?' in url else '?'}options={options}"
    engine = make_engine(scoped)
    try:
        yield engine, scoped
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def wipe(engine: Engine) -> None:
    """Delete every row, so each test starts from an empty programme, ids from 1 again.

    Only the tables that hold rows are emptied, with DELETE: on PostgreSQL a TRUNCATE of
    every table costs a tenth of a second per test (new files for each table and index),
    a DELETE of a test's few rows next to nothing.
    """
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        used = _tables_with_rows(connection, tables)
        for table in tables:  # dependents first, so no foreign key is left dangling
            if table in used:
                connection.execute(text(f"DELETE FROM {table}"))
        if engine.dialect.name == "postgresql":
            _restart_sequences(connection)


def _tables_with_rows(connection: Connection, tables: list[str]) -> set[str]:
    """The tables that hold at least one row, in one statement."""
    probe = " UNION ALL ".join(f"SELECT '{t}' FROM (SELECT 1 FROM {t} LIMIT 1) AS {t}_any"
                               for t in tables)
    return set(connection.execute(text(probe)).scalars())


def _restart_sequences(connection: Connection) -> None:
    """Restart the id sequences this schema has used (SQLite reuses ids by itself: its
    tables have no AUTOINCREMENT, so an empty table numbers from 1)."""
    used = connection.execute(text(
        "SELECT sequencename FROM pg_sequences "
        "WHERE schemaname = current_schema() AND last_value IS NOT NULL")).scalars().all()
    for sequence in used:
        connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
