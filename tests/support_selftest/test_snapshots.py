"""A snapshot put back into an emptied database is the database it was taken from."""

from __future__ import annotations

from sqlalchemy import Engine

from bot import db
from tests.support import seed, snapshots
from tests.support.databases import wipe


def _mentee_joins(engine: Engine, user_id: str) -> int:
    with db.session_factory(engine).begin() as session:
        lists = seed.programme(session)
        return seed.mentee(session, lists, user_id, areas=[1]).id


def test_restored_rows_are_the_rows_taken_and_the_next_ids_follow_on(
        clean_engine: Engine) -> None:
    with db.session_factory(clean_engine).begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
        seed.pair(session, john, seed.mentee(session, lists, "UALICE", areas=[1]))
    taken = snapshots.take(clean_engine)
    next_id = _mentee_joins(clean_engine, "UCAROL")
    assert sum(map(len, taken.rows.values())) > 10

    wipe(clean_engine)
    snapshots.restore(clean_engine, taken)

    assert snapshots.take(clean_engine) == taken
    assert _mentee_joins(clean_engine, "UCAROL") == next_id
