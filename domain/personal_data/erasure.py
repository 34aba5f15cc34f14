"""Erasing a member's personal data once they have withdrawn (domain/leaving.py).

What goes: their name, contact details and photo; profile text; diary (with its themes);
their worksheets; the text of their messages, proposals, goals, milestones, feedback comments
and support requests; the meeting notes of their relationships; their reminders and mutes;
DMs owed to them; and their name, Slack id and typed text wherever a stored copy of a DM,
alert or admin log holds it.

What stays, anonymous: the member row (marked ERASED, named FORMER_NAME, its Slack id
replaced by a tombstone so the same person registering again starts afresh), their roles and
areas, and the rows of proposals, relationships, meetings, goals and ratings, so programme
statistics do not move. Partners keep their own goals, diary, worksheets and messages.

Meeting notes have no author (either side may write them), so the notes of every meeting of
the erased person's relationships are blanked: they may hold what the erased person typed.
The title and details of a meeting are its creator's: blanked when the erased person made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from domain.capacity import keep_listing
from domain.model import (
    AdminAlert,
    AdminLogEntry,
    CohortRun,
    CohortRunStatus,
    CohortSuggestion,
    ConversationMessage,
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    HomeRefresh,
    Meeting,
    Member,
    MemberStatus,
    MenteeProfile,
    MentorProfile,
    Nudge,
    NudgeMute,
    OutboxMessage,
    OutboxStatus,
    Programme,
    Proposal,
    Relationship,
    SupportRequest,
    Worksheet,
    diary_entry_themes,
)
from domain.model.support import MemberBlock
from domain.outbox import KEPT_AFTER_SENT

FORMER_NAME = "Former member"
REMOVED = "(removed)"
_UNDELIVERED = (OutboxStatus.PENDING, OutboxStatus.SENDING)


def tombstone_of(member_id: int) -> str:
    """The Slack id an erased member keeps: unique, and never a real Slack user id."""
    return f"erased-{member_id}"


def erase_member(session: Session, *, member_id: int, now: datetime) -> Member:
    """Erase the member's personal data (they have withdrawn already); doing it twice is
    harmless: an erased member has nothing left to erase."""
    member = session.scalars(select(Member).where(Member.id == member_id)
                             .with_for_update()).one()
    if member.status == MemberStatus.ERASED:
        return member
    needles = _personal_strings(session, member)
    user_id = member.slack_user_id
    for step in _STEPS:
        step(session, member)
    _scrub_stored_copies(session, member, needles)
    _forget_slack_id(session, member, user_id)
    _blank_member(session, member, now)
    session.flush()
    # Last, after the flush that queued Homes for what changed: nobody shows this person.
    session.execute(delete(HomeRefresh).where(
        HomeRefresh.team_id == member.team_id,
        HomeRefresh.user_id.in_((user_id, member.slack_user_id))))
    return member


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


def _personal_strings(session: Session, member: Member) -> set[str]:
    """What identifies the member or was typed by them: looked for in the stored copies that
    mention them (a common phrase of theirs is left alone in copies about others)."""
    typed: list[str | None] = list(_identity_of(member))
    for column, author in _TYPED:
        typed += session.scalars(select(column).where(author == member.id))
    typed += session.scalars(select(Meeting.notes).join(Relationship).where(_in_pair(member)))
    typed += session.scalars(select(GoalMilestone.text).join(Goal)
                             .where(Goal.author_id == member.id))
    for sections in session.scalars(select(Worksheet.sections)
                                    .where(Worksheet.author_id == member.id)):
        typed += [text for text in (sections or {}).values() if isinstance(text, str)]
    return _long_enough(typed)


def _in_pair(member: Member) -> Any:
    return or_(Relationship.mentee_id == member.id, Relationship.mentor_id == member.id)


def _blank_member(session: Session, member: Member, now: datetime) -> None:
    """The member row: no name, no contact, no Slack id; roles kept for the statistics."""
    member.name, member.slack_user_id = FORMER_NAME, tombstone_of(member.id)
    member.slack_email = member.contact_email = member.image_url = None
    member.job_title = member.organisation = ""
    member.tz, member.workspace_admin = "UTC", False
    member.status, member.updated_at = MemberStatus.ERASED, now
    session.flush()
    keep_listing(session, member=member)


def _profiles(session: Session, member: Member) -> None:
    """Profile text blanked; areas, role and community stay (anonymous, counted)."""
    session.execute(update(MentorProfile).where(MentorProfile.member_id == member.id)
                    .values(bio="", open_to_requests=False))
    session.execute(update(MenteeProfile).where(MenteeProfile.member_id == member.id)
                    .values(statement="", paused=True))


def _diary_and_worksheets(session: Session, member: Member) -> None:
    """The diary is theirs alone, and so are their worksheets: deleted."""
    entries = select(DiaryEntry.id).where(DiaryEntry.author_id == member.id)
    session.execute(delete(diary_entry_themes).where(diary_entry_themes.c.entry_id.in_(entries)))
    session.execute(delete(DiaryEntry).where(DiaryEntry.author_id == member.id))
    session.execute(delete(Worksheet).where(Worksheet.author_id == member.id))


def _their_text(session: Session, member: Member) -> None:
    """What they typed into shared records: the rows stay, their text goes."""
    session.execute(update(ConversationMessage).where(ConversationMessage.author_id == member.id)
                    .values(body=REMOVED, files=[]))
    session.execute(update(Proposal).where(Proposal.mentee_id == member.id).values(statement=""))
    session.execute(update(Proposal).where(Proposal.mentor_id == member.id).values(answer_note=""))
    session.execute(update(Relationship).where(Relationship.ended_by_id == member.id)
                    .values(end_reason=""))
    session.execute(update(Feedback).where(Feedback.author_id == member.id)
                    .values(what_worked="", could_be_better=""))
    goals = select(Goal.id).where(Goal.author_id == member.id)
    session.execute(update(GoalMilestone).where(GoalMilestone.goal_id.in_(goals))
                    .values(text=""))
    session.execute(update(Goal).where(Goal.author_id == member.id)
                    .values(label="Goal", details="", outcome_note=""))


def _meetings(session: Session, member: Member) -> None:
    """Notes of their pairs' meetings blanked (no author is kept), and what they titled."""
    pairs = select(Relationship.id).where(_in_pair(member))
    session.execute(update(Meeting).where(Meeting.relationship_id.in_(pairs))
                    .values(notes=""))
    session.execute(update(Meeting).where(Meeting.created_by_id == member.id)
                    .values(title="Meeting", details="", location=""))


def _support(session: Session, member: Member) -> None:
    """Their support requests keep only when and what kind: who, and what they said, go."""
    session.execute(update(SupportRequest).where(SupportRequest.member_id == member.id)
                    .values(name=FORMER_NAME, email="", subject=REMOVED, message=REMOVED,
                            answer=None))
    session.execute(update(AdminAlert).where(AdminAlert.team_id == member.team_id,
                                             AdminAlert.requester_user_id == member.slack_user_id)
                    .values(summary=""))


def _reminders_and_matching(session: Session, member: Member) -> None:
    """Reminders owed or muted, blocks, and draft cohort suggestions of them: gone."""
    session.execute(delete(Nudge).where(Nudge.member_id == member.id))
    session.execute(delete(NudgeMute).where(NudgeMute.member_id == member.id))
    session.execute(delete(MemberBlock).where(
        or_(MemberBlock.blocker_id == member.id, MemberBlock.blocked_id == member.id)))
    drafts = select(CohortRun.id).where(CohortRun.status == CohortRunStatus.DRAFT)
    session.execute(delete(CohortSuggestion).where(
        CohortSuggestion.run_id.in_(drafts),
        or_(CohortSuggestion.mentee_id == member.id, CohortSuggestion.mentor_id == member.id)))


def _outbox_to_them(session: Session, member: Member) -> None:
    """DMs to them, sent or owed: they left, and the copies are theirs."""
    session.execute(delete(OutboxMessage).where(
        OutboxMessage.team_id == member.team_id,
        OutboxMessage.recipient_user_id == member.slack_user_id))


_STEPS: tuple[Callable[[Session, Member], None], ...] = (
    _profiles, _diary_and_worksheets, _their_text, _meetings, _support,
    _reminders_and_matching, _outbox_to_them)


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


def _scrub_stored_copies(session: Session, member: Member, needles: set[str]) -> None:
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
    # which JSON copies hold a name (an escaped one would slip past a LIKE).
    rows = session.scalars(select(OutboxMessage)
                           .where(OutboxMessage.team_id == member.team_id)).all()
    for row in rows:
        if not mentions(row.payload, member.id, identity):
            continue
        clean = scrubbed(row.payload, needles, member.id)
        if row.status in _UNDELIVERED:
            row.payload = {**row.payload, KEPT_AFTER_SENT: clean}
        else:
            row.payload = clean


# Columns that hold a Slack user id, by who acted (with the name kept beside it, if any):
# the tombstone replaces theirs.
_SLACK_IDS: tuple[tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any] | None], ...] = (
    (SupportRequest.requester_user_id, None),
    (SupportRequest.answered_by_user_id, SupportRequest.answered_by_name),
    (AdminAlert.requester_user_id, None),
    (AdminAlert.handled_by_user_id, AdminAlert.handled_by_name),
    (AdminLogEntry.actor_user_id, None), (CohortRun.created_by, None),
    (CohortRun.published_by, None))


def _forget_slack_id(session: Session, member: Member, user_id: str) -> None:
    """Where they acted as an admin or asked for help, the record names nobody; and they are
    no admin of the programme any more."""
    tombstone = tombstone_of(member.id)
    for column, name in _SLACK_IDS:
        model = column.class_
        values: dict[Any, Any] = {column: tombstone}
        if name is not None:
            values[name] = FORMER_NAME
        session.execute(update(model).where(model.team_id == member.team_id, column == user_id)
                        .values(values).execution_options(synchronize_session=False))
    programme = session.get(Programme, member.team_id)
    if programme is not None and user_id in (programme.admin_user_ids or []):
        programme.admin_user_ids = [u for u in programme.admin_user_ids if u != user_id]
