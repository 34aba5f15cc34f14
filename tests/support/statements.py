"""Counting the SQL statements a use case or a request sends to the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

# Transaction control differs between the databases (SQLite's BEGIN IMMEDIATE is a statement,
# psycopg's BEGIN is not), and is no query: only the queries count.
_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Statements:
    """The statements sent while counting, in order."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __len__(self) -> int:
        return len(self.sent)

    def __iter__(self) -> Iterator[str]:
        return iter(self.sent)

    def __str__(self) -> str:
        return "\n".join(f"{n + 1:>3}. {' '.join(s.split())[:160]}"
                         for n, s in enumerate(self.sent))

    def record(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        """A before_cursor_execute listener."""
        if not statement.lstrip().upper().startswith(_CONTROL):
            self.sent.append(statement)


@contextmanager
def counting(engine: Engine) -> Iterator[Statements]:
    """Record every query sent on `engine` inside the block."""
    statements = Statements()
    event.listen(engine, "before_cursor_execute", statements.record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", statements.record)
