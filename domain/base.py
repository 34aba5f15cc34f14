"""The declarative base, column types and small query helpers shared by every model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session

# Stable constraint names make Alembic migrations reproducible on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back time-zone aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes: every time in the domain is explicit UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC was expected")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """SQLite forgets the zone; put UTC back."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class EnumString(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its plain value in VARCHAR(n): no database enum type, no migration."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum
        self.length = length

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        """Refuse a value outside the vocabulary before it reaches a row or a WHERE clause."""
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        """Read the column back as the enum member."""
        return None if value is None else self.enum(value)


JSONDocument = JSON().with_variant(postgresql.JSONB(), "postgresql")


class Base(DeclarativeBase):
    """Every table of the programme."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def insert_ignoring_duplicates(session: Session, *, model: type[Base],
                               values: dict[str, Any]) -> bool:
    """INSERT a row unless a unique constraint says it exists; True when a row was added."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key = list(model.__table__.primary_key.columns)
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(*key)
    # rowcount is unreliable here across drivers; a returned key means the row is new.
    return session.execute(statement).first() is not None


def insert_many_ignoring_duplicates(session: Session, *, model: type[Base],
                                    rows: Sequence[dict[str, Any]],
                                    returning: Any) -> list[Any]:
    """INSERT many rows at once, skipping those a unique constraint says exist; returns the
    `returning` column of the rows added. One statement is compiled and sent as few
    multi-row batches (SQLAlchemy's "insertmanyvalues"), which is several times cheaper than
    compiling one VALUES list per call."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model.__table__).on_conflict_do_nothing().returning(returning)
    return list(session.scalars(statement, list(rows)))
