"""Support requests in the domain: what submitting costs, and answering acts once."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.errors import NotAllowed
from domain.members import Actor
from domain.model import OutboxKind, Programme, SupportRequest, SupportState
from domain.support import SupportDraft, request_support
from domain.support.answering import AlreadyAnswered, mark_answered, reply_to_request
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once
from tests.support.statements import counting

ALICE, SAM, KIM = Actor("T1", "UALICE"), Actor("T1", "USAM"), Actor("T1", "UKIM")
DRAFT = SupportDraft("Alice Kember", "alice@example.org", "Stuck", "Search finds nobody.")


def with_support_channel(session: Session, channel: str | None = "CSUPPORT") -> None:
    seed.programme(session)
    programme = session.get_one(Programme, "T1")
    programme.support_channel_id, programme.admin_user_ids = channel, ["USAM", "UKIM"]
    session.flush()


@pytest.mark.parametrize("channel", ["CSUPPORT", None])
def test_submitting_a_request_costs_a_fixed_number_of_statements(
        session: Session, clock: FakeClock, channel: str | None) -> None:
    with_support_channel(session, channel)
    request_support(session, actor=ALICE, draft=DRAFT, now=clock.now())  # warms the caches
    with counting(session.get_bind()) as statements:
        request_support(session, actor=ALICE, draft=DRAFT, now=clock.now())
    # count, programme, member, insert, the cards and the confirmation in one insert;
    # without a channel, one more to find the workspace admins.
    assert len(statements) == (5 if channel else 6), statements
    cards = seed.dms(session, OutboxKind.SUPPORT_CARD)
    assert {c.recipient_user_id for c in cards} == ({"CSUPPORT"} if channel else {"USAM", "UKIM"})


def test_a_non_admin_cannot_answer(session: Session, clock: FakeClock) -> None:
    with_support_channel(session)
    request = request_support(session, actor=ALICE, draft=DRAFT, now=clock.now())
    with pytest.raises(NotAllowed):
        reply_to_request(session, actor=ALICE, workspace_admin=False, admin_name="Alice",
                         request_id=request.id, answer="Sorted.", now=clock.now())
    with pytest.raises(NotAllowed):
        mark_answered(session, actor=ALICE, workspace_admin=False, admin_name="Alice",
                      request_id=request.id, now=clock.now())
    assert request.state == SupportState.OPEN


@pytest.mark.parametrize("clicks", [[SAM, KIM], [SAM, SAM]])
def test_two_clicks_at_once_answer_once(sessions: sessionmaker[Session], clock: FakeClock,
                                        clicks: list[Actor]) -> None:
    with sessions.begin() as session:
        with_support_channel(session)
        request_id = request_support(session, actor=ALICE, draft=DRAFT, now=clock.now()).id

    def click(actor: Actor) -> str:
        with sessions.begin() as session:
            mark_answered(session, actor=actor, workspace_admin=False, admin_name=actor.user_id,
                          request_id=request_id, now=clock.now())
        return "marked"

    outcomes = at_once(click, clicks)
    assert sorted(type(o).__name__ if isinstance(o, Exception) else str(o)
                  for o in outcomes) == ["AlreadyAnswered", "marked"], outcomes
    assert any(isinstance(o, AlreadyAnswered) and "already answered" in o.message
               for o in outcomes)
    with sessions.begin() as session:
        assert len(seed.dms(session, OutboxKind.SUPPORT_CARD)) == 2  # the card and its update
        state = session.scalars(select(SupportRequest.state)).one()
        assert state == SupportState.ANSWERED
