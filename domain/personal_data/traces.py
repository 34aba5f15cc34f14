"""Where a person's traces are: what they typed, and the stored copies (of DMs, alert cards,
reminder lines, the admin log) that name them, scrubbed for erasure (erasure.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from domain.model import (
    AdminAlert,
    AdminLogEntry,
    ConversationMessage,
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    Meeting,
    Member,
    MenteeProfile,
    MentorProfile,
    Nudge,
    OutboxMessage,
    OutboxStatus,
    Proposal,
    Relationship,
    SupportRequest,
    Worksheet,
)
from domain.outbox import KEPT_AFTER_SENT

FORMER_NAME = "Former member"
REMOVED = "(removed)"
_UNDELIVERED = (OutboxStatus.PENDING, OutboxStatus.SENDING)
_SCRUB_BATCH = 500  # outbox rows read at a time


# What a member typed, by the column that holds it and the column naming its author.
_TYPED: tuple[tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]], ...] = (
    (MentorProfile.bio, MentorProfile.member_id), (MenteeProfile.statement,
                                                   MenteeProfile.member_id),
    (Proposal.statement, Proposal.mentee_id),
    (ConversationMessage.body, ConversationMessage.author_id),
    (Goal.label, Goal.author_id), (Goal.details, Goal.author_id),
    (Goal.outcome_note, Goal.author_id), (Meeting.title, Meeting.created_by_id),
    (Meeting.details, Meeting.created_by_id), (Meeting.location, Meeting.created_by_id),
    (DiaryEntry.title, DiaryEntry.author_id), (DiaryEntry.reflection, DiaryEntry.author_id),
    (Feedback.what_worked, Feedback.author_id), (Feedback.could_be_better, Feedback.author_id),
    (SupportRequest.subject, SupportRequest.member_id),
    (SupportRequest.message, SupportRequest.member_id))


def _long_enough(texts: Iterable[str | None]) -> set[str]:
    # Short words ("Hi", "ok", "Ann") are everyone's: only longer strings are the person's own.
    return {text.strip() for text in texts if text and len(text.strip()) >= 4}


def _identity_of(member: Member) -> set[str]:
    """What names the member: wherever it is stored, the copy is theirs."""
    return _long_enough([member.name, member.slack_email, member.contact_email,
                         member.slack_user_id, member.image_url])


def personal_strings(session: Session, member: Member) -> set[str]:
    """What identifies the member or was typed by them: looked for in the stored copies that
    mention them (a common phrase of theirs is left alone in copies about others)."""
    typed: list[str | None] = list(_identity_of(member))
    for column, author in _TYPED:
        typed += session.scalars(select(column).where(author == member.id))
    typed += session.scalars(select(Meeting.notes).join(Relationship).where(in_pair(member)))
    typed += session.scalars(select(GoalMilestone.text).join(Goal)
                             .where(Goal.author_id == member.id))
    for sections in session.scalars(select(Worksheet.sections)
                                    .where(Worksheet.author_id == member.id)):
        typed += [text for text in (sections or {}).values() if isinstance(text, str)]
    return _long_enough(typed)


def in_pair(member: Member) -> Any:
    """The member is one side of the relationship."""
    return or_(Relationship.mentee_id == member.id, Relationship.mentor_id == member.id)


def scrubbed(value: Any, needles: Iterable[str], member_id: int) -> Any:
    """A JSON copy with the member's own strings gone: a person dict of them becomes the
    former member, a string holding their name or text becomes REMOVED (their bare name,
    FORMER_NAME)."""
    needles = tuple(needles)
    if isinstance(value, dict):
        if value.get("member_id") == member_id and "name" in value:
            return {key: (FORMER_NAME if key == "name" else member_id if key == "member_id"
                          else "") for key in value}
        return {key: scrubbed(item, needles, member_id) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed(item, needles, member_id) for item in value]
    if isinstance(value, str) and any(needle in value for needle in needles):
        return REMOVED
    return value


def mentions(value: Any, member_id: int, identity: Iterable[str]) -> bool:
    """Whether a JSON copy is about the member: it holds them as a person, or names them."""
    identity = tuple(identity)
    if isinstance(value, dict):
        return value.get("member_id") == member_id or any(
            mentions(item, member_id, identity) for item in value.values())
    if isinstance(value, list):
        return any(mentions(item, member_id, identity) for item in value)
    return isinstance(value, str) and any(needle in value for needle in identity)


def scrub_stored_copies(session: Session, member: Member, needles: set[str]) -> None:
    """Copies of DMs and alerts about them lose their name and text; reminder lines and the
    admin log, which only ever name people, lose their name."""
    identity = _identity_of(member)
    _scrub_outbox(session, member, needles, identity)
    for alert in session.scalars(select(AdminAlert).where(AdminAlert.team_id == member.team_id,
                                                          AdminAlert.summary != "")):
        about = member.id in (alert.mentee_id, alert.mentor_id)
        alert.summary = scrubbed(alert.summary, needles if about else identity, member.id)
    for nudge in session.scalars(select(Nudge).where(Nudge.team_id == member.team_id,
                                                     Nudge.line != "")):
        nudge.line = scrubbed(nudge.line, identity, member.id)
    for entry in session.scalars(select(AdminLogEntry).where(
            AdminLogEntry.team_id == member.team_id)):
        entry.before = scrubbed(entry.before, identity, member.id)
        entry.after = scrubbed(entry.after, identity, member.id)


def _scrub_outbox(session: Session, member: Member, needles: set[str], identity: set[str]
                  ) -> None:
    """A DM still owed goes out as written (the partner's farewell names who left), keeping
    its scrubbed copy for when Slack has it; a DM already out is scrubbed now."""
    # Erasure is rare and the workspace's own rows are read once: simpler than guessing in SQL
    # which JSON copies hold a name (an escaped one would slip past a LIKE). Streamed a batch
    # at a time, so a big workspace's outbox is never in memory at once: only the rows changed
    # stay referenced until the flush.
    rows = session.scalars(select(OutboxMessage)
                           .where(OutboxMessage.team_id == member.team_id)
                           .execution_options(yield_per=_SCRUB_BATCH))
    for row in rows:
        if not mentions(row.payload, member.id, identity):
            continue
        clean = scrubbed(row.payload, needles, member.id)
        if row.status in _UNDELIVERED:
            row.payload = {**row.payload, KEPT_AFTER_SENT: clean}
        else:
            row.payload = clean
