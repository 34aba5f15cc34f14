"""Test databases: a SQLite file always, PostgreSQL too when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

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
    scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    engine = make_engine(scoped)
    try:
        yield engine, scoped
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def wipe(engine: Engine) -> None:
    """Delete every row, so each test starts from an empty programme."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
