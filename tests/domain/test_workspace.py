"""Stopping and resuming sending to a workspace, in the domain: idempotent, and free for the
requests of a workspace that never uninstalled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot import db
from domain.model import HomeRefresh, OutboxKind, OutboxMessage, OutboxStatus, Programme
from domain.outbox import claim_due, enqueue, take_home_refreshes
from domain.programme import RESUMES_SENDING, ensure_programme, every_programme
from domain.workspace import UNINSTALLED, resume_sending, stop_sending
from tests.support.statements import counting

NOW = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)


def _owe(session: Session, team_id: str, key: str) -> None:
    enqueue(session, team_id=team_id, recipient="UJOHN", kind=OutboxKind.WELCOME,
            dedupe_key=key, payload={}, now=NOW)


def _statuses(session: Session) -> dict[str, OutboxStatus]:
    return {f"{m.team_id}/{m.dedupe_key}": m.status for m in session.scalars(select(OutboxMessage))}


def test_stop_puts_aside_what_is_owed_and_later_rows_at_claim(clean_engine: Engine) -> None:
    sessions = db.session_factory(clean_engine)
    with sessions.begin() as session:
        for team in ("T1", "T2"):
            ensure_programme(session, team_id=team, now=NOW)
            _owe(session, team, "before")
            session.add(HomeRefresh(team_id=team, user_id="UJOHN", requested_at=NOW))
    with sessions.begin() as session:
        assert stop_sending(session, team_id="T1", reason=UNINSTALLED, now=NOW) == 1
    with sessions.begin() as session:  # Slack's retry of the event
        assert stop_sending(session, team_id="T1", reason=UNINSTALLED,
                            now=NOW + timedelta(minutes=1)) == 0
        assert session.scalar(select(Programme.sending_stopped_at)
                              .where(Programme.team_id == "T1")) == NOW
        _owe(session, "T1", "after")  # written by something that ran on meanwhile
        assert set(every_programme(session)) == {"T2"}
    with sessions.begin() as session:
        assert [m.team_id for m in claim_due(session, now=NOW + timedelta(hours=1))] == ["T2"]
        assert take_home_refreshes(session) == [("T2", "UJOHN")]
    with sessions.begin() as session:
        assert _statuses(session) == {"T1/before": OutboxStatus.STOPPED,
                                      "T1/after": OutboxStatus.STOPPED,
                                      "T2/before": OutboxStatus.SENDING}
        assert session.scalars(select(HomeRefresh)).all() == []
    with sessions.begin() as session:
        assert resume_sending(session, team_id="T1", now=NOW)
        assert not resume_sending(session, team_id="T1", now=NOW)
        assert set(every_programme(session)) == {"T1", "T2"}


def test_a_request_lifts_a_stop_and_costs_nothing_more_without_one(clean_engine: Engine) -> None:
    sessions = db.session_factory(clean_engine)
    with sessions.begin() as session:
        ensure_programme(session, team_id="T1", now=NOW)
    with counting(clean_engine) as statements, sessions.begin() as session:
        session.info[RESUMES_SENDING] = True
        ensure_programme(session, team_id="T1", now=NOW)
    assert len(statements) == 1, statements
    with sessions.begin() as session:
        stop_sending(session, team_id="T1", reason=UNINSTALLED, now=NOW)
    with sessions.begin() as session:  # a background pass reads it: still stopped
        ensure_programme(session, team_id="T1", now=NOW)
        assert session.scalar(select(Programme.sending_stopped_at)) is not None
    with sessions.begin() as session:
        session.info[RESUMES_SENDING] = True
        assert ensure_programme(session, team_id="T1", now=NOW).sending_stopped_at is None
    with sessions.begin() as session:
        assert session.scalar(select(Programme.sending_stopped_at)) is None
