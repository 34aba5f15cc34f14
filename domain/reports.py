"""Report a problem with a person, and block them: a report is a support request flagged
"report" that only the programme's admins see (the person reported is told nothing); a block
stops requests, questions and messages between the two, and hides each from the other's
search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.members import Actor, require_member
from domain.model import Member, MemberBlock, MemberStatus, SupportKind, SupportRequest
from domain.people import member_in_workspace
from domain.support import SupportDraft, file_request, rate_limit_refusal
from domain.text import check_text

# The reasons a person may give, by the value the form sends.
REASONS: dict[str, str] = {
    "inappropriate": "Inappropriate behaviour or harassment",
    "spam": "Spam or selling",
    "not_genuine": "Not a genuine mentoring request",
    "other": "Something else",
}
MAX_DETAILS = 2000


class Blocked(DomainError):
    """One of the two has blocked the other: nothing more goes between them."""


def blocked_between(session: Session, a_id: int, b_id: int) -> bool:
    """Whether either of these two members has blocked the other."""
    return session.scalar(select(exists().where(either_blocked(a_id, b_id)))) or False


def either_blocked(a: ColumnElement[int] | int, b: ColumnElement[int] | int
                   ) -> ColumnElement[bool]:
    """The condition "a block exists between a and b, whoever made it" (for use inside other
    statements, such as search's NOT EXISTS)."""
    return or_(and_(MemberBlock.blocker_id == a, MemberBlock.blocked_id == b),
               and_(MemberBlock.blocker_id == b, MemberBlock.blocked_id == a))


def refuse_if_blocked(session: Session, *, me: Member, other: Member) -> None:
    """Refuse kindly (without saying who blocked whom) when a block stands between them."""
    if blocked_between(session, me.id, other.id):
        raise Blocked(f"{other.name} can't receive requests or messages from you through the "
                      "programme.")


def _other(session: Session, actor: Actor, member_id: int) -> tuple[Member, Member]:
    me = require_member(session, actor=actor)
    other = member_in_workspace(session, actor=actor, member_id=member_id)
    if other.id == me.id:
        raise NotAllowed("You can't report or block yourself.")
    return me, other


def reportable(session: Session, *, actor: Actor, member_id: int) -> Member:
    """The person the actor may report or block (of their workspace, not themselves)."""
    return _other(session, actor, member_id)[1]


@dataclass(frozen=True)
class Filed:
    """A report as filed: the stored request and the person it is about."""

    request: SupportRequest
    reported: Member


def report_member(session: Session, *, actor: Actor, member_id: int, reason: str,
                  details: str, now: datetime) -> Filed:
    """Tell the programme's admins about a problem with a person (a REPORT support request,
    rate-limited with the others); the person reported is told nothing."""
    me, other = _other(session, actor, member_id)
    errors: dict[str, str] = {}
    if reason not in REASONS:
        errors["reason"] = "Please choose what the problem is."
    details = check_text(errors, "details", details, label="details", max_length=MAX_DETAILS,
                         required=False)
    if not errors:
        refusal = rate_limit_refusal(session, actor=actor, now=now)
        if refusal:
            errors["details"] = refusal
    if errors:
        raise InvalidInput(errors)
    message = f"Reason: {REASONS[reason]}" + (f"\n\n{details}" if details else "")
    draft = SupportDraft(name=me.name[:120], email=(me.contact_email or "")[:254],
                         subject=f"Report about {other.name}"[:150], message=message)
    request = file_request(session, actor=actor, draft=draft, kind=SupportKind.REPORT,
                           reported_member_id=other.id, now=now)
    return Filed(request, other)


def block_member(session: Session, *, actor: Actor, member_id: int, now: datetime,
                 report_id: int | None = None) -> Member:
    """Stop requests, questions and messages between the actor and this person (once, however
    often it is clicked); the blocked person is told nothing."""
    me, other = _other(session, actor, member_id)
    if session.scalar(select(MemberBlock.id).where(MemberBlock.blocker_id == me.id,
                                                   MemberBlock.blocked_id == other.id)):
        return other
    if report_id is not None and not session.scalar(select(SupportRequest.id).where(
            SupportRequest.id == report_id, SupportRequest.member_id == me.id)):
        report_id = None  # not the actor's own report: the block stands without it
    try:
        with session.begin_nested():
            session.add(MemberBlock(team_id=actor.team_id, blocker_id=me.id, blocked_id=other.id,
                                    report_id=report_id, created_at=now))
    except IntegrityError:  # a second click committed it a moment ago
        pass
    return other


def unblock_member(session: Session, *, actor: Actor, member_id: int) -> None:
    """Lift the actor's block of this person (nothing happens when there is none)."""
    me = require_member(session, actor=actor)
    session.execute(delete(MemberBlock).where(MemberBlock.blocker_id == me.id,
                                              MemberBlock.blocked_id == member_id)
                    .execution_options(synchronize_session=False))


def blocked_people(session: Session, *, member_id: int) -> list[Member]:
    """The active members this member has blocked, by name."""
    return list(session.scalars(select(Member).join(
        MemberBlock, MemberBlock.blocked_id == Member.id).where(
        MemberBlock.blocker_id == member_id, Member.status == MemberStatus.ACTIVE)
        .order_by(Member.name, Member.id)))
