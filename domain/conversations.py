"""Conversations between two members: a question to a mentor, a reply, messages later on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from domain import outbox
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.members import Actor, require_member
from domain.model import Conversation, ConversationMessage, Member, OutboxKind, Proposal
from domain.people import member_in_workspace, person
from domain.reports import refuse_if_blocked
from domain.submissions import create_once
from domain.text import check_text

MAX_MESSAGE = 3000
MAX_FILES = 5
HISTORY_PAGE = 20


@dataclass(frozen=True)
class Thread:
    """A conversation as one of its members sees it: the partner and a page of history."""

    conversation: Conversation | None
    me: Member
    partner: Member
    messages: list[ConversationMessage]
    earlier: int
    page: int = 0


def _pair(a: Member, b: Member) -> tuple[int, int]:
    return (a.id, b.id) if a.id < b.id else (b.id, a.id)


def _find(session: Session, a: Member, b: Member) -> Conversation | None:
    first, second = _pair(a, b)
    return session.scalars(select(Conversation).where(
        Conversation.first_member_id == first,
        Conversation.second_member_id == second)).one_or_none()


def _start(session: Session, me: Member, partner: Member, now: datetime) -> Conversation:
    first, second = _pair(me, partner)
    try:
        with session.begin_nested():
            conversation = Conversation(team_id=me.team_id, first_member_id=first,
                                        second_member_id=second, created_at=now,
                                        last_message_at=now)
            session.add(conversation)
    except IntegrityError:  # both wrote first at the same moment: use theirs
        found = _find(session, me, partner)
        if found is None:
            raise
        return found
    return conversation


def may_write(session: Session, *, me: Member, partner: Member) -> bool:
    """Anyone may ask a mentor; a mentor may write to whoever asked them to mentor; anyone
    may answer someone who already wrote to them."""
    if me.id == partner.id:
        return False
    if partner.is_mentor or _find(session, me, partner) is not None:
        return True
    pair = or_(and_(Proposal.mentee_id == partner.id, Proposal.mentor_id == me.id),
               and_(Proposal.mentee_id == me.id, Proposal.mentor_id == partner.id))
    return session.scalar(select(Proposal.id).where(pair).limit(1)) is not None


def send_message(session: Session, *, actor: Actor, partner_id: int, body: str,
                 files: list[dict[str, Any]], now: datetime,
                 submission: str | None = None) -> ConversationMessage:
    """Add a message to the pair's conversation, once per view submission; the partner gets it
    as a DM with Reply."""
    return create_once(session, team_id=actor.team_id, key=submission, model=ConversationMessage,
                       now=now, options=(joinedload(ConversationMessage.author),),
                       make=lambda: _send(session, actor, partner_id, body, files, now))


def _send(session: Session, actor: Actor, partner_id: int, body: str,
          files: list[dict[str, Any]], now: datetime) -> ConversationMessage:
    errors: dict[str, str] = {}
    body = check_text(errors, "message", body, label="message", max_length=MAX_MESSAGE)
    if len(files) > MAX_FILES:
        errors["files"] = f"Please attach at most {MAX_FILES} files."
    if errors:
        raise InvalidInput(errors)
    me = require_member(session, actor=actor)
    partner = member_in_workspace(session, actor=actor, member_id=partner_id)
    refuse_if_blocked(session, me=me, other=partner)
    if not may_write(session, me=me, partner=partner):
        raise DomainError(f"You can message {partner.name} once they have written to you.")
    conversation = _find(session, me, partner) or _start(session, me, partner, now)
    message = ConversationMessage(conversation_id=conversation.id, author=me, body=body,
                                  files=files, created_at=now)
    session.add(message)
    conversation.last_message_at = now
    session.flush()
    outbox.enqueue(session, team_id=actor.team_id, recipient=partner.slack_user_id,
                   kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key=f"message:{message.id}",
                   now=now,
                   payload={"sender": person(me), "body": body, "files": files,
                            "sent_at": now.isoformat()})
    return message


def open_thread(session: Session, *, actor: Actor, partner_id: int, page: int = 0) -> Thread:
    """The actor's conversation with one partner; page 0 is the newest messages."""
    page = max(page, 0)
    me = require_member(session, actor=actor)
    partner = member_in_workspace(session, actor=actor, member_id=partner_id)
    if me.id == partner.id:
        raise NotAllowed("That conversation would be with yourself.")
    conversation = _find(session, me, partner)
    if conversation is None:
        return Thread(None, me, partner, [], 0)
    everything = select(ConversationMessage).where(
        ConversationMessage.conversation_id == conversation.id)
    total = session.scalar(select(func.count()).select_from(ConversationMessage).where(
        ConversationMessage.conversation_id == conversation.id)) or 0
    newest_first = session.scalars(everything.order_by(
        ConversationMessage.created_at.desc(), ConversationMessage.id.desc())
        .options(joinedload(ConversationMessage.author))
        .limit(HISTORY_PAGE).offset(page * HISTORY_PAGE)).all()
    earlier = max(total - (page + 1) * HISTORY_PAGE, 0)
    return Thread(conversation, me, partner, list(reversed(newest_first)), earlier, page)
