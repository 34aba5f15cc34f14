"""Answering a support request: Reply (the answer goes to the person, threaded under their
confirmation DM) or Mark answered. Either is done once: a conditional UPDATE lets the first
admin through, and anyone after is told who did it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.access import require_admin
from domain.errors import DomainError
from domain.members import Actor
from domain.model import AdminLogEntry, OutboxKind, OutboxMessage, SupportRequest, SupportState
from domain.people import in_workspace
from domain.programme import ProgrammeSnapshot
from domain.support import card_prefix, received_key
from domain.text import one_text

MAX_ANSWER = 3000


class AlreadyAnswered(DomainError):
    """Another admin (or another click) answered this request first."""


def _request(session: Session, actor: Actor, request_id: int, *,
             fresh: bool = False) -> SupportRequest:
    return in_workspace(session, actor=actor, model=SupportRequest, object_id=request_id,
                        what="support request", fresh=fresh)


def _answered_message(request: SupportRequest) -> str:
    return f"{request.answered_by_name or 'Another admin'} already answered this request."


def open_request(session: Session, *, actor: Actor, workspace_admin: bool, request_id: int,
                 now: datetime) -> tuple[ProgrammeSnapshot, SupportRequest]:
    """A still-open request of the admin's programme, for the Reply form."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="support request", now=now)
    request = _request(session, actor, request_id)
    if request.state != SupportState.OPEN:
        raise AlreadyAnswered(_answered_message(request))
    return programme, request


def _claim(session: Session, actor: Actor, admin_name: str, request_id: int,
           answer: str | None, now: datetime) -> SupportRequest:
    """Mark the request answered by the actor, or refuse when someone did first."""
    claimed = session.execute(
        update(SupportRequest).where(SupportRequest.id == request_id,
                                     SupportRequest.team_id == actor.team_id,
                                     SupportRequest.state == SupportState.OPEN)
        .values(state=SupportState.ANSWERED, answered_at=now, answer=answer,
                answered_by_user_id=actor.user_id,
                answered_by_name=(admin_name or "An admin")[:120])
        .execution_options(synchronize_session=False)).rowcount
    request = _request(session, actor, request_id, fresh=True)
    if claimed != 1:
        raise AlreadyAnswered(_answered_message(request))
    session.add(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                              action="support_replied" if answer else "support_answered",
                              subject=f"support request {request.id}", at=now))
    return request


def _update_cards(session: Session, request: SupportRequest, replied: bool,
                  now: datetime) -> None:
    """Every card of the request rewritten in place: who answered, and no buttons."""
    cards = session.scalars(select(OutboxMessage).where(
        OutboxMessage.team_id == request.team_id,
        OutboxMessage.kind == OutboxKind.SUPPORT_CARD,
        OutboxMessage.dedupe_key.startswith(card_prefix(request.id)))).all()
    answered = {"by": request.answered_by_name, "replied": replied, "at": now.isoformat()}
    outbox.enqueue_many(session, now=now, rows=[outbox.OwedDM(
        card.team_id, card.recipient_user_id, OutboxKind.SUPPORT_CARD,
        f"{card.dedupe_key}:answered",
        {**card.payload, "replaces": card.dedupe_key, "answered": answered})
        for card in cards if "replaces" not in card.payload])  # the cards, not their updates


def reply_to_request(session: Session, *, actor: Actor, workspace_admin: bool,
                     admin_name: str, request_id: int, answer: str,
                     now: datetime) -> SupportRequest:
    """The admin's answer to the person by DM, under their request; the cards say so."""
    answer = one_text("answer", answer, label="answer", max_length=MAX_ANSWER, required=True)
    programme, _ = open_request(session, actor=actor, workspace_admin=workspace_admin,
                                request_id=request_id, now=now)
    request = _claim(session, actor, admin_name, request_id, answer, now)
    outbox.enqueue(session, team_id=request.team_id, recipient=request.requester_user_id,
                   kind=OutboxKind.SUPPORT_ANSWER, dedupe_key=f"support:{request.id}:answer",
                   now=now, payload={"request_id": request.id, "subject": request.subject,
                                     "answer": answer, "by": request.answered_by_name,
                                     "programme": programme.name,
                                     "thread_under": received_key(request.id)})
    _update_cards(session, request, True, now)
    return request


def mark_answered(session: Session, *, actor: Actor, workspace_admin: bool, admin_name: str,
                  request_id: int, now: datetime) -> SupportRequest:
    """The admin answered it another way: the cards say who, and their buttons go."""
    open_request(session, actor=actor, workspace_admin=workspace_admin, request_id=request_id,
                 now=now)
    request = _claim(session, actor, admin_name, request_id, None, now)
    _update_cards(session, request, False, now)
    return request
