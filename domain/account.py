"""A member's own account: contact e-mail, pausing either role, and which reminders they get.

Each change is its own use case and touches only the actor's own rows; `save_account` is what
the Account modal's Save runs: it checks the e-mail first, then makes only the changes asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.members import Actor, require_member
from domain.model import Member, NudgeKind
from domain.proposals.answers import close_when_unavailable
from domain.reminders import mute_reminders, muted_kinds, unmute_reminders
from domain.reports import blocked_people, unblock_member
from domain.text import EMAIL_HINT, clean, is_email

# The morning round-up gathers the others: it is not switched on or off by itself here.
REMINDER_KINDS: tuple[NudgeKind, ...] = tuple(k for k in NudgeKind if k != NudgeKind.DIGEST)


@dataclass(frozen=True)
class Account:
    """What the Account modal shows: a role's pause is None when the member has no such
    profile to pause."""

    contact_email: str
    mentor_paused: bool | None
    mentee_paused: bool | None
    reminders_on: frozenset[NudgeKind]
    # The people the member blocked, as (member id, name), for Unblock.
    blocked: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class AccountAnswers:
    """What the Account modal sent back."""

    contact_email: str
    mentor_paused: bool
    mentee_paused: bool
    reminders_on: frozenset[NudgeKind]


def open_account(session: Session, *, actor: Actor) -> Account:
    """The actor's account settings and the people they blocked (NotRegistered for a
    newcomer)."""
    member = require_member(session, actor=actor)
    blocked = tuple((p.id, p.name) for p in blocked_people(session, member_id=member.id))
    return replace(_account_of(member, muted_kinds(session, actor=actor)), blocked=blocked)


def _settings(session: Session, actor: Actor) -> Account:
    member = require_member(session, actor=actor)
    return _account_of(member, muted_kinds(session, actor=actor))


def _account_of(member: Member, muted: set[NudgeKind]) -> Account:
    mentor, mentee = member.mentor_profile, member.mentee_profile
    return Account(
        contact_email=member.contact_email or "",
        mentor_paused=(not mentor.open_to_requests) if mentor and member.is_mentor else None,
        mentee_paused=mentee.paused if mentee and member.is_mentee else None,
        reminders_on=frozenset(REMINDER_KINDS) - muted)


def checked_email(text: str) -> str:
    """The e-mail as stored, or InvalidInput beside the field (the profile form's rule)."""
    email = clean(text)
    if not is_email(email):
        raise InvalidInput({"contact_email": EMAIL_HINT})
    return email


def change_contact_email(session: Session, *, actor: Actor, email: str, now: datetime
                         ) -> Member:
    """Change the e-mail partners and mentors see for the actor."""
    member = require_member(session, actor=actor)
    member.contact_email, member.updated_at = checked_email(email), now
    return member


def pause_mentoring(session: Session, *, actor: Actor, paused: bool, now: datetime) -> int:
    """Pause (or resume) new requests to the actor as a mentor; when paused, requests already
    waiting are answered kindly at once, as the profile form's switch does; how many."""
    member = require_member(session, actor=actor)
    profile = member.mentor_profile
    if profile is None:
        raise InvalidInput({"mentor_paused": "You don't have a mentor profile to pause."})
    profile.open_to_requests, profile.updated_at = not paused, now
    session.flush()
    return close_when_unavailable(session, mentor_id=member.id, now=now)


def pause_mentee(session: Session, *, actor: Actor, paused: bool, now: datetime) -> None:
    """Pause (or resume) the actor as a mentee: while paused, admins' matching passes them by."""
    member = require_member(session, actor=actor)
    profile = member.mentee_profile
    if profile is None:
        raise InvalidInput({"mentee_paused": "You don't have a mentee profile to pause."})
    profile.paused, profile.updated_at = paused, now


def choose_reminders(session: Session, *, actor: Actor, on: frozenset[NudgeKind],
                     now: datetime) -> None:
    """Turn each kind of reminder on (ticked) or off: a muted kind is not sent any more."""
    muted = muted_kinds(session, actor=actor)
    for kind in REMINDER_KINDS:
        if kind in on and kind in muted:
            unmute_reminders(session, actor=actor, kind=kind)
        elif kind not in on and kind not in muted:
            mute_reminders(session, actor=actor, kind=kind, now=now)


def save_account(session: Session, *, actor: Actor, answers: AccountAnswers, now: datetime
                 ) -> None:
    """Save the Account modal: the e-mail checked before anything changes, then each change."""
    email = checked_email(answers.contact_email)
    before = _settings(session, actor)
    if email != before.contact_email:
        change_contact_email(session, actor=actor, email=email, now=now)
    if before.mentor_paused is not None and answers.mentor_paused != before.mentor_paused:
        pause_mentoring(session, actor=actor, paused=answers.mentor_paused, now=now)
    if before.mentee_paused is not None and answers.mentee_paused != before.mentee_paused:
        pause_mentee(session, actor=actor, paused=answers.mentee_paused, now=now)
    if answers.reminders_on != before.reminders_on:
        choose_reminders(session, actor=actor, on=answers.reminders_on, now=now)


def unblock(session: Session, *, actor: Actor, member_id: int) -> Account:
    """Account's Unblock: lift the actor's block of this person; the account as it is now."""
    unblock_member(session, actor=actor, member_id=member_id)
    return open_account(session, actor=actor)
