"""Creates made once per view submission: a double send gets the row the first one made."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from domain.base import Base
from domain.errors import NotFound
from domain.model import Submission

MAX_KEY = 200
Row = TypeVar("Row", bound=Base)


def submission_key(view_id: str | None, view_hash: str | None) -> str | None:
    """The key of one view submission (its view id and hash), or None without a view id."""
    if not view_id:
        return None
    return f"{view_id}:{view_hash or ''}"[:MAX_KEY]


def _earlier(session: Session, team_id: str, key: str, model: type[Row],
             options: Sequence[ORMOption]) -> Row | None:
    seen = session.scalars(select(Submission).where(Submission.team_id == team_id,
                                                    Submission.key == key)).one_or_none()
    if seen is None:
        return None
    if seen.kind != model.__tablename__:
        raise NotFound("That was already saved, and has since been removed.")
    row = session.scalars(select(model).where(model.id == seen.row_id)  # type: ignore[attr-defined]
                          .options(*options)).unique().one_or_none()
    if row is None:
        raise NotFound("That was already saved, and has since been removed.")
    return row


def create_once(session: Session, *, team_id: str, key: str | None, model: type[Row],
                make: Callable[[], Row], now: datetime,
                options: Sequence[ORMOption] = ()) -> Row:
    """The row `make` creates, or the one an earlier copy of this submission created (loaded
    with `options`)."""
    if key is None:
        return make()
    found = _earlier(session, team_id, key, model, options)
    if found is not None:
        return found
    try:
        # The row and its mark go in one savepoint: a copy that loses the race to the unique
        # mark takes back its row too, and answers with the winner's.
        with session.begin_nested():
            row = make()
            session.flush()
            session.add(Submission(team_id=team_id, key=key[:MAX_KEY],
                                   kind=model.__tablename__, row_id=row.id, created_at=now))
    except IntegrityError:
        found = _earlier(session, team_id, key, model, options)
        if found is None:
            raise
        return found
    return row
