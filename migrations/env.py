"""Alembic's entry point: migrate the engine bot.db hands us, or DATABASE_URL's."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, Engine, create_engine

import domain.model  # noqa: F401 - registers every table on the metadata
from domain.base import Base

config = context.config


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "DATABASE_URL", "sqlite:///mentorbot.sqlite3"
    )
    return create_engine(url)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run every pending migration in one transaction."""
    engine = _engine()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds tables; with foreign keys on, that would cascade-delete rows.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            _migrate(connection)
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    raise SystemExit("mentorbot migrations run online only: use `mentorbot db upgrade`.")
run_migrations_online()
