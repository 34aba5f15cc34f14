"""The database: engine, sessions, and the schema kept current by Alembic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

import migrations
from domain.programme import PROGRAMME_CACHE, ProgrammeCache

# Dated revision files, e.g. 2026_11_23_1200_add_goal_due_date.py (% doubled for ConfigParser).
FILE_TEMPLATE = "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d_%%(slug)s"


# The scheduler runs at most this many jobs at once (more wait for a thread, not a connection).
SCHEDULER_THREADS = 4
# Beside the listener threads: the outbox sender, the scheduler's jobs and the connection
# that holds the scheduler's advisory lock.
BACKGROUND_CONNECTIONS = 1 + SCHEDULER_THREADS + 1


def pool_size_for(threads: int) -> int:
    """Connections a process needs at once: one per listener thread plus the background's."""
    return threads + BACKGROUND_CONNECTIONS


def make_engine(url: str, *, threads: int = 8, **options: Any) -> Engine:
    """An engine tuned for the database behind `url` (SQLite file or PostgreSQL), with a pool
    sized so that `threads` listeners and the background never wait for a connection."""
    pool = {"pool_size": pool_size_for(threads), "max_overflow": threads // 2 + 1}
    if url.startswith("sqlite"):
        if ":memory:" in url or url.rstrip("/") == "sqlite:":
            pool = {}  # an in-memory database lives in one connection: SQLite's own pool
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **pool, **options
        )
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool, **options)


def _serialise_sqlite_writers(engine: Engine) -> None:
    """WAL for concurrent readers; BEGIN IMMEDIATE so two writers queue instead of deadlocking."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (views render after the transaction),
    sharing one cache of the programme and its lists between all of them."""
    return sessionmaker(engine, expire_on_commit=False,
                        info={PROGRAMME_CACHE: ProgrammeCache()})


def alembic_config(engine: Engine) -> Config:
    """Alembic pointed at our migrations and at this engine."""
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("file_template", FILE_TEMPLATE)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision`."""
    command.downgrade(alembic_config(engine), revision)
