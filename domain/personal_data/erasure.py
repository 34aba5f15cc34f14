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

from collections.abc import Callable
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
    Programme,
    Proposal,
    Relationship,
    SupportRequest,
    Worksheet,
    diary_entry_themes,
)
from domain.model.support import MemberBlock
from domain.personal_data.traces import (
    FORMER_NAME,
    REMOVED,
    in_pair,
    personal_strings,
    scrub_stored_copies,
)

__all__ = ["FORMER_NAME", "REMOVED", "erase_member", "tombstone_of"]



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
    needles = personal_strings(session, member)
    user_id = member.slack_user_id
    for step in _STEPS:
        step(session, member)
    scrub_stored_copies(session, member, needles)
    _forget_slack_id(session, member, user_id)
    _blank_member(session, member, now)
    session.flush()
    # Last, after the flush that queued Homes for what changed: nobody shows this person.
    session.execute(delete(HomeRefresh).where(
        HomeRefresh.team_id == member.team_id,
        HomeRefresh.user_id.in_((user_id, member.slack_user_id))))
    return member


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
    pairs = select(Relationship.id).where(in_pair(member))
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
