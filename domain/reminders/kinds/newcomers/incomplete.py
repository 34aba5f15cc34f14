"""A member who registered but left the profile unfinished: reminded a few days later (2 and
14 by default), with what is missing in plain words and a button to finish it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.model import Member, MemberStatus, MenteeProfile, MentorProfile, NudgeKind, OutboxKind
from domain.profiles import MENTEE, has_profile, missing_profiles, profile_incomplete
from domain.programme import ProgrammeSnapshot, nudging
from domain.reminders import Due, Recipient, Schedule, in_window, last_step, not_muted
from domain.reminders.kinds.newcomers.due import schedules_of, step_unsent

KIND = NudgeKind.PROFILE_INCOMPLETE


def _unfinished(session: Session, schedules: Mapping[str, Schedule], now: datetime) -> list[Any]:
    """Active members with an unfinished profile and a reminder step owed now, in one
    statement of plain columns."""
    candidates = (
        select(Member.id, Member.team_id, Member.slack_user_id, Member.tz, Member.name,
               Member.registered_at, Member.is_mentee, Member.is_mentor,
               has_profile(MenteeProfile).label("has_mentee_profile"),
               has_profile(MentorProfile).label("has_mentor_profile"),
               last_step(KIND, Member.id, Member.id, Member.registered_at).label("last_step"))
        .where(Member.status == MemberStatus.ACTIVE, profile_incomplete(),
               nudging(Member.team_id), not_muted(KIND, Member.id),
               in_window(Member.registered_at, schedules.values(), now))
        .subquery())
    return list(session.execute(select(candidates).where(step_unsent(
        candidates.c.team_id, candidates.c.registered_at, candidates.c.last_step, schedules,
        now))))


def incomplete_profile_dues(session: Session, *, programmes: Mapping[str, ProgrammeSnapshot],
                            now: datetime) -> list[Due]:
    """The reminders to finish a profile that are owed now."""
    schedules = schedules_of(programmes, lambda timings: timings.incomplete_profile_days)
    if not schedules:
        return []
    dues = []
    for row in _unfinished(session, schedules, now):
        schedule = schedules[row.team_id]
        step = schedule.step_due(row.registered_at, now, row.last_step)
        if step is None:
            continue
        missing = missing_profiles(is_mentee=row.is_mentee,
                                   has_mentee_profile=row.has_mentee_profile,
                                   is_mentor=row.is_mentor,
                                   has_mentor_profile=row.has_mentor_profile)
        dues.append(Due(
            kind=KIND, subject_id=row.id, anchor_at=row.registered_at, step=step,
            due_at=schedule.moment(row.registered_at, step), recipient=Recipient.of(row, row.id),
            message=OutboxKind.NUDGE_PROFILE_INCOMPLETE,
            payload={"name": row.name, "programme": programmes[row.team_id].name,
                     "registered_at": row.registered_at.isoformat(), "missing": list(missing),
                     "step": step, "last": step == len(schedule.offsets) - 1},
            line=_line(missing)))
    return dues


def _line(missing: tuple[str, ...]) -> str:
    """What the morning digest says of it: one plain sentence."""
    if MENTEE in missing:
        return ("Your profile is not finished: say what you would like help with, from your "
                "Home, so we can suggest mentors.")
    return ("Your mentor profile is not finished: say what you can offer, from your Home, so "
            "mentees can find you.")


def still_incomplete(session: Session, member_ids: Collection[int]) -> set[int]:
    """Which of these members still have an unfinished profile (the digest's check)."""
    return set(session.scalars(select(Member.id).where(
        Member.id.in_(list(member_ids)), Member.status == MemberStatus.ACTIVE,
        profile_incomplete())))
