"""A database's rows kept and put back, so a starting point built by a journey is built once
per run (and database) and every later test starts from exactly the rows it left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text

from domain.base import Base


@dataclass(frozen=True)
class Snapshot:
    """Every row of every table, and where each used id sequence stood (PostgreSQL)."""

    rows: dict[str, list[dict[str, Any]]]
    sequences: dict[str, int]


def take(engine: Engine) -> Snapshot:
    """The rows of the database now, each table in primary-key order."""
    with engine.connect() as connection:
        rows = {table.name: [dict(row._mapping) for row in connection.execute(
            select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables}
        return Snapshot(rows, _sequences(connection))


def restore(engine: Engine, snapshot: Snapshot) -> None:
    """Put the snapshot's rows into an emptied database (tests.support.databases.wipe), so
    the next ids are the ones the snapshot's journey would have seen next."""
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:  # what a row refers to goes in first
            if snapshot.rows[table.name]:
                connection.execute(insert(table), snapshot.rows[table.name])
        for sequence, last_value in snapshot.sequences.items():
            connection.execute(text("SELECT setval(CAST(:name AS regclass), :value, true)"),
                               {"name": f'"{sequence}"', "value": last_value})


def _sequences(connection: Connection) -> dict[str, int]:
    """The last value of each id sequence used so far (SQLite has none: it numbers from the
    largest id in the table)."""
    if connection.dialect.name != "postgresql":
        return {}
    used = connection.execute(text(
        "SELECT sequencename, last_value FROM pg_sequences "
        "WHERE schemaname = current_schema() AND last_value IS NOT NULL"))
    return {name: last_value for name, last_value in used}
