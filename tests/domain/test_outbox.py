"""The outbox's writes: many DMs owed in one statement, each dedupe key owed once."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support.clock import FakeClock
from tests.support.statements import counting

WELCOME = {"name": "Ana", "programme": "Mentoring programme", "is_mentor": False,
           "is_mentee": True}


def owed(n: int, kind: OutboxKind = OutboxKind.WELCOME) -> outbox.OwedDM:
    return outbox.OwedDM("T1", f"U{n:04d}", kind, f"welcome:{n}", {**WELCOME, "name": str(n)})


def test_many_dms_are_owed_in_one_statement_and_a_key_already_owed_adds_nothing(
    session: Session, clock: FakeClock
) -> None:
    assert outbox.enqueue_many(session, rows=[owed(0)], now=clock.now()) == 1
    with counting(session.get_bind()) as statements:
        added = outbox.enqueue_many(session, rows=[owed(n) for n in range(300)],
                                    now=clock.now())
    assert (added, len(statements)) == (299, 1)
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert len(rows) == 300 and {r.status for r in rows} == {OutboxStatus.PENDING}
    assert rows[-1].payload["name"] == "299" and rows[-1].next_attempt_at == clock.now()
    assert session.info[outbox.PENDING_FLAG] is True


def test_past_a_thousand_rows_the_insert_goes_in_batches(session: Session,
                                                         clock: FakeClock) -> None:
    with counting(session.get_bind()) as statements:
        assert outbox.enqueue_many(session, rows=[owed(n) for n in range(2_500)],
                                   now=clock.now()) == 2_500
    assert len(statements) == 3  # SQLAlchemy's insertmanyvalues: a thousand rows a batch


def test_nothing_owed_sends_nothing(session: Session, clock: FakeClock) -> None:
    with counting(session.get_bind()) as statements:
        assert outbox.enqueue_many(session, rows=[], now=clock.now()) == 0
    assert len(statements) == 0


def test_a_kind_that_does_not_exist_is_refused_before_anything_is_written(
    session: Session, clock: FakeClock
) -> None:
    with pytest.raises(ValueError, match="welcom"):
        outbox.enqueue_many(session, rows=[owed(1), owed(2, "welcom")],  # type: ignore[arg-type]
                            now=clock.now())
    assert session.scalars(select(OutboxMessage)).all() == []


def test_an_update_whose_original_is_no_longer_kept_gives_up_at_once(
    session: Session, clock: FakeClock
) -> None:
    outbox.enqueue(session, team_id="T1", recipient="UANA", kind=OutboxKind.WELCOME,
                   dedupe_key="welcome:1:again", payload={**WELCOME, "replaces": "welcome:1"},
                   now=clock.now())
    (row,) = outbox.claim_due(session, now=clock.now())
    assert outbox.replaced_by(session, update=row) is None
    assert (row.status, row.last_error) == (OutboxStatus.FAILED,
                                            "the message it updates is no longer kept")
