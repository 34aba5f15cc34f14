"""Contact support: a request from anyone in the workspace, kept, and shown to the programme's
admins as a card (in the support channel, or by DM to each admin when there is none).

Answering it lives in `answering`; the card's outbox keys are shared from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.alerts.cards import alert_support_request
from domain.errors import InvalidInput
from domain.members import Actor
from domain.model import Member, MemberStatus, OutboxKind, SupportKind, SupportRequest
from domain.programme import ProgrammeSnapshot, ensure_programme
from domain.text import check_text, is_email

MAX_NAME, MAX_EMAIL, MAX_SUBJECT, MAX_MESSAGE = 120, 254, 150, 3000
# How many requests one person may send in RATE_WINDOW (the next is refused kindly).
RATE_LIMIT, RATE_WINDOW = 5, timedelta(hours=1)


@dataclass(frozen=True)
class SupportDraft:
    """What the Contact support form shows: the person's name and e-mail, or what they typed."""

    name: str = ""
    email: str = ""
    subject: str = ""
    message: str = ""


def received_key(request_id: int) -> str:
    """The outbox key of the person's "we have your request" DM; answers thread under it."""
    return f"support:{request_id}:received"


def card_prefix(request_id: int) -> str:
    """The start of the outbox key of each card of a request (one per place it was shown)."""
    return f"support:{request_id}:card:"


def _member(session: Session, actor: Actor) -> Member | None:
    return session.scalars(select(Member).where(
        Member.team_id == actor.team_id, Member.slack_user_id == actor.user_id,
        Member.status == MemberStatus.ACTIVE)).one_or_none()


def support_draft(session: Session, *, actor: Actor, slack_name: str, slack_email: str | None,
                  now: datetime) -> SupportDraft:
    """The form pre-filled: a member's name and contact e-mail, else what Slack says."""
    member = _member(session, actor)
    if member is None:
        return SupportDraft(name=slack_name[:MAX_NAME], email=(slack_email or "")[:MAX_EMAIL])
    return SupportDraft(name=(member.name or slack_name)[:MAX_NAME],
                        email=(member.contact_email or slack_email or "")[:MAX_EMAIL])


def _checked(draft: SupportDraft) -> tuple[SupportDraft, dict[str, str]]:
    """Each field cleaned, and the first problem of each, keyed by field."""
    errors: dict[str, str] = {}
    name = check_text(errors, "name", draft.name, label="name", max_length=MAX_NAME)
    email = check_text(errors, "email", draft.email, label="e-mail", max_length=MAX_EMAIL)
    if email and "email" not in errors and not is_email(email):
        errors["email"] = "Please enter an e-mail address like name@example.org."
    subject = check_text(errors, "subject", draft.subject, label="subject",
                         max_length=MAX_SUBJECT)
    message = check_text(errors, "message", draft.message, label="message",
                         max_length=MAX_MESSAGE)
    return SupportDraft(name, email, subject, message), errors


def _sent_lately(session: Session, actor: Actor, now: datetime) -> int:
    return session.scalar(select(func.count(SupportRequest.id)).where(
        SupportRequest.team_id == actor.team_id, SupportRequest.requester_user_id == actor.user_id,
        SupportRequest.created_at > now - RATE_WINDOW)) or 0


def _card_places(session: Session, programme: ProgrammeSnapshot) -> list[str]:
    """Where the card goes: the support channel, else each programme and workspace admin."""
    if programme.support_channel_id:
        return [programme.support_channel_id]
    workspace = session.scalars(select(Member.slack_user_id).where(
        Member.team_id == programme.team_id, Member.workspace_admin.is_(True),
        Member.status == MemberStatus.ACTIVE).order_by(Member.slack_user_id)).all()
    return list(dict.fromkeys([*programme.admin_user_ids, *workspace]))


def card_payload(request: SupportRequest, *, to_channel: bool, now: datetime) -> dict[str, Any]:
    """What a card shows: who asked what, when, and (once answered) by whom."""
    return {"request_id": request.id, "kind": request.kind, "to_channel": to_channel,
            "requester": request.requester_user_id, "name": request.name,
            "email": request.email, "subject": request.subject, "message": request.message,
            "at": now.isoformat(), "answered": None}


def rate_limit_refusal(session: Session, *, actor: Actor, now: datetime) -> str | None:
    """Why one more request is refused now (the person sent as many as we take), or None."""
    if _sent_lately(session, actor, now) < RATE_LIMIT:
        return None
    return (f"You have sent {RATE_LIMIT} requests in the last hour, which is as many as we "
            "take. Please try again a little later; your text is kept here.")


def request_support(session: Session, *, actor: Actor, draft: SupportDraft,
                    now: datetime) -> SupportRequest:
    """Keep the request, owe its card to the admins and the person's confirmation DM;
    InvalidInput names each wrong field, and the rate limit's refusal sits on the message."""
    draft, errors = _checked(draft)
    if not errors:
        refusal = rate_limit_refusal(session, actor=actor, now=now)
        if refusal:
            errors["message"] = refusal
    if errors:
        raise InvalidInput(errors)
    return file_request(session, actor=actor, draft=draft, kind=SupportKind.QUESTION, now=now)


def file_request(session: Session, *, actor: Actor, draft: SupportDraft, kind: SupportKind,
                 now: datetime, reported_member_id: int | None = None) -> SupportRequest:
    """Store a checked request and owe its cards (support channel or admins, plus an alert in
    the admin channel when that is elsewhere) and the person's confirmation DM."""
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    member = _member(session, actor)
    request = SupportRequest(
        team_id=actor.team_id, requester_user_id=actor.user_id,
        member_id=member.id if member else None, name=draft.name, email=draft.email,
        subject=draft.subject, message=draft.message, kind=kind,
        reported_member_id=reported_member_id,
        card_channel_id=programme.support_channel_id, created_at=now, answered_by_name="")
    session.add(request)
    session.flush()
    rows = [outbox.OwedDM(actor.team_id, place, OutboxKind.SUPPORT_CARD,
                          f"{card_prefix(request.id)}{place}",
                          card_payload(request, to_channel=place == programme.support_channel_id,
                                       now=now))
            for place in _card_places(session, programme)]
    rows.append(outbox.OwedDM(actor.team_id, actor.user_id, OutboxKind.SUPPORT_RECEIVED,
                              received_key(request.id),
                              {"request_id": request.id, "name": request.name,
                               "subject": request.subject, "programme": programme.name}))
    outbox.enqueue_many(session, rows=rows, now=now)
    if programme.admin_channel_id and programme.admin_channel_id != programme.support_channel_id:
        # Where the support card went already, one card is enough.
        alert_support_request(session, team_id=actor.team_id, requester_user_id=actor.user_id,
                              summary=request.subject, requester_name=request.name, now=now,
                              request_id=request.id)
    return request
