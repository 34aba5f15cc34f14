"""The report's tables for spreadsheets: members, relationships, goals, meetings, feedback.

One statement each. No diary entry, message, goal text, meeting note or end reason is in any
of them, and feedback carries neither its author nor its pair, only the month it came in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from domain.model import (
    Feedback,
    Goal,
    GoalMilestone,
    ListItem,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    MentorProfile,
    Relationship,
)

Cell = str | int | float | bool | date | datetime | None


@dataclass(frozen=True)
class Table:
    """One export: a file name, its column headings and its rows."""

    name: str
    header: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]


def _members(session: Session, team_id: str, now: datetime) -> Table:
    role, community = aliased(ListItem), aliased(ListItem)
    rows = session.execute(
        select(Member.id, Member.slack_user_id, Member.name, Member.contact_email,
               Member.job_title, Member.organisation, Member.is_mentor, Member.is_mentee,
               Member.registered_at, role.label, community.label, MentorProfile.capacity,
               MentorProfile.spare_capacity, MentorProfile.open_to_requests)
        .outerjoin(MentorProfile, MentorProfile.member_id == Member.id)
        .outerjoin(role, role.id == MentorProfile.role_id)
        .outerjoin(community, community.id == MentorProfile.community_id)
        .where(Member.team_id == team_id, Member.status == MemberStatus.ACTIVE)
        .order_by(Member.id)).all()
    return Table("members", (
        "member_id", "slack_user_id", "name", "email", "job_title", "organisation", "mentor",
        "mentee", "registered_on", "mentor_role", "professional_community", "capacity",
        "places_free", "open_to_requests"),
        [(*r[:8], r[8].date(), *r[9:]) for r in rows])


def _relationships(session: Session, team_id: str, now: datetime) -> Table:
    mentee, mentor = aliased(Member), aliased(Member)
    rows = session.execute(
        select(Relationship.id, mentee.name, mentee.slack_user_id, mentor.name,
               mentor.slack_user_id, Relationship.status, Relationship.stage,
               Relationship.started_at, Relationship.ended_at, Relationship.previous_id)
        .join(mentee, mentee.id == Relationship.mentee_id)
        .join(mentor, mentor.id == Relationship.mentor_id)
        .where(Relationship.team_id == team_id).order_by(Relationship.id)).all()
    return Table("relationships", (
        "relationship_id", "mentee", "mentee_slack_user_id", "mentor", "mentor_slack_user_id",
        "status", "stage", "started_on", "ended_on", "continues_relationship_id"),
        [(*r[:7], r[7].date(), r[8].date() if r[8] else None, r[9]) for r in rows])


def _goals(session: Session, team_id: str, now: datetime) -> Table:
    milestones = (select(GoalMilestone.goal_id, func.count().label("n"))
                  .group_by(GoalMilestone.goal_id).subquery())
    side = case((Goal.author_id == Relationship.mentee_id, "mentee"), else_="mentor")
    rows = session.execute(
        select(Goal.id, Goal.relationship_id, side, Goal.created_at, Goal.due_on, Goal.status,
               Goal.completed_at, func.coalesce(milestones.c.n, 0))
        .join(Relationship, Relationship.id == Goal.relationship_id)
        .outerjoin(milestones, milestones.c.goal_id == Goal.id)
        .where(Goal.team_id == team_id).order_by(Goal.id)).all()
    return Table("goals", (
        "goal_id", "relationship_id", "set_by", "set_on", "due_on", "status", "completed_on",
        "milestones"),
        [(*r[:3], r[3].date(), r[4], r[5], r[6].date() if r[6] else None, r[7]) for r in rows])


def _meetings(session: Session, team_id: str, now: datetime) -> Table:
    rows = session.execute(
        select(Meeting.id, Meeting.relationship_id, Meeting.starts_at, Meeting.duration_minutes,
               Meeting.status, Meeting.video_url.is_not(None), Meeting.created_at)
        .where(Meeting.team_id == team_id).order_by(Meeting.id)).all()
    return Table("meetings", (
        "meeting_id", "relationship_id", "starts_at_utc", "duration_minutes", "status",
        "held", "video", "arranged_on"),
        [(*r[:5], r[4] == MeetingStatus.SCHEDULED and r[2] <= now, r[5], r[6].date())
         for r in rows])


def _feedback(session: Session, team_id: str, now: datetime) -> Table:
    rows = session.execute(
        select(Feedback.submitted_at, Feedback.rating, Feedback.goals_met,
               Feedback.would_recommend, Feedback.what_worked, Feedback.could_be_better)
        .where(Feedback.team_id == team_id)).all()
    # Sorted by what was said, not by when or by whom: the order gives nobody away.
    shown = sorted(((r[0].strftime("%Y-%m"), *r[1:]) for r in rows),
                   key=lambda r: (r[0], r[1], r[4], r[5], r[2], r[3]))
    return Table("feedback", (
        "month", "rating", "goals_met", "would_recommend", "what_worked", "could_be_better"),
        shown)


EXPORTS: tuple[Callable[[Session, str, datetime], Table], ...] = (
    _members, _relationships, _goals, _meetings, _feedback)


def export_tables(session: Session, *, team_id: str, now: datetime) -> Iterator[Table]:
    """Each export in turn, read when it is needed (the admin's request was checked when the
    DM carrying them was owed)."""
    for export in EXPORTS:
        yield export(session, team_id, now)

