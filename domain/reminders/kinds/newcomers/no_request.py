"""A mentee with a finished profile who has asked nobody yet: a week after joining (and once
more a week later) they are shown their three best matches, each a click from a request.

The schedule is anchored at registration, as the DM says ("since you joined"): the profile's
own time stamp is that of its latest edit, not of its completion, so a schedule keyed to it
would start again, and repeat itself, whenever a mentee touched their preferences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from domain.matching import SearchCriteria
from domain.model import (
    Member,
    MemberStatus,
    MenteeProfile,
    NudgeKind,
    OutboxKind,
    Proposal,
    Relationship,
    mentee_areas,
)
from domain.people import person
from domain.profiles import profile_incomplete
from domain.programme import ProgrammeSnapshot, nudging, shown_label
from domain.reminders import Due, Recipient, Schedule, in_window, last_step, not_muted
from domain.reminders.delivery import may_reach
from domain.reminders.kinds.newcomers.due import schedules_of, step_unsent
from domain.search import MentorMatch, top_matches

KIND = NudgeKind.NO_REQUEST
# Matching costs a few statements per mentee (domain.search.top_matches), so one tick
# matches at most this many, the earliest due first; the query finds only mentees with a
# step owed now, so the rest are simply the next tick's first. A tick's statements are then
# bounded by this number, however many mentees there are.
MATCHED_PER_TICK = 200
SHOWN_MATCHES = 3
LINE = ("You have not asked anyone to be your mentor yet: open Find a mentor from your Home "
        "to see who matches what you need.")


def _asked_nobody() -> ColumnElement[bool]:
    """Mentees who never sent a request and were never in a relationship as mentee."""
    return and_(~exists().where(Proposal.mentee_id == Member.id),
                ~exists().where(Relationship.mentee_id == Member.id))


def _waiting(session: Session, schedules: Mapping[str, Schedule], now: datetime) -> list[Any]:
    """Mentees with a finished profile, no request ever, and a step owed now: one statement."""
    candidates = (
        select(Member.id, Member.team_id, Member.slack_user_id, Member.tz, Member.name,
               Member.registered_at, MenteeProfile.preferred_role_id,
               MenteeProfile.preferred_community_id,
               last_step(KIND, Member.id, Member.id, Member.registered_at).label("last_step"))
        .join(MenteeProfile, MenteeProfile.member_id == Member.id)
        .where(Member.status == MemberStatus.ACTIVE, Member.is_mentee.is_(True),
               ~profile_incomplete(), _asked_nobody(), nudging(Member.team_id),
               not_muted(KIND, Member.id),
               in_window(Member.registered_at, schedules.values(), now))
        .subquery())
    return list(session.execute(select(candidates).where(step_unsent(
        candidates.c.team_id, candidates.c.registered_at, candidates.c.last_step, schedules,
        now))))


def _due_of(row: Any, schedule: Schedule, now: datetime) -> Due | None:
    """The nudge this mentee is owed now, before their matches are known."""
    step = schedule.step_due(row.registered_at, now, row.last_step)
    if step is None:
        return None
    return Due(kind=KIND, subject_id=row.id, anchor_at=row.registered_at, step=step,
               due_at=schedule.moment(row.registered_at, step), recipient=Recipient.of(row, row.id),
               message=OutboxKind.NUDGE_NO_REQUEST, payload={}, line=LINE)


def no_request_dues(session: Session, *, programmes: Mapping[str, ProgrammeSnapshot],
                    now: datetime, limit: int = MATCHED_PER_TICK) -> list[Due]:
    """The suggestions of mentors owed now, to at most `limit` mentees (see MATCHED_PER_TICK);
    those outside their working hours are left for a later tick before the cap is counted."""
    schedules = schedules_of(programmes, lambda timings: timings.no_request_days)
    if not schedules:
        return []
    rows = {row.id: row for row in _waiting(session, schedules, now)}
    ready = [due for row in rows.values()
             if (due := _due_of(row, schedules[row.team_id], now)) is not None
             and may_reach(due, programmes.get(row.team_id), now)]
    taken = sorted(ready, key=lambda due: (due.due_at, due.subject_id))[:limit]
    areas = _areas_of(session, [due.subject_id for due in taken])
    return [_with_matches(session, due, rows[due.subject_id], areas[due.subject_id],
                          programmes[due.recipient.team_id],
                          last=due.step == len(schedules[due.recipient.team_id].offsets) - 1)
            for due in taken]


def _areas_of(session: Session, member_ids: list[int]) -> dict[int, list[int]]:
    """The areas each of these mentees asked for, in one statement."""
    found: dict[int, list[int]] = defaultdict(list)
    if member_ids:
        for member_id, item_id in session.execute(
                select(mentee_areas.c.member_id, mentee_areas.c.item_id)
                .where(mentee_areas.c.member_id.in_(member_ids))):
            found[member_id].append(item_id)
    return found


def _with_matches(session: Session, due: Due, row: Any, areas: list[int],
                  programme: ProgrammeSnapshot, last: bool) -> Due:
    """The nudge with the mentee's best matches by their own profile, as search ranks them."""
    criteria = SearchCriteria(area_ids=tuple(areas), role_id=row.preferred_role_id,
                              community_id=row.preferred_community_id)
    matches = top_matches(session, team_id=row.team_id, searcher_id=row.id,
                          criteria=criteria, limit=SHOWN_MATCHES)
    return replace(due, payload={
        "name": row.name, "programme": programme.name,
        "registered_at": row.registered_at.isoformat(), "step": due.step, "last": last,
        "matches": [match_payload(match) for match in matches]})


def match_payload(match: MentorMatch) -> dict[str, Any]:
    """One suggested mentor as the DM shows them: who they are and what they offer."""
    profile = match.mentor.mentor_profile
    offers = [shown_label(area) for area in profile.areas] if profile is not None else []
    return {**person(match.mentor), "offers": offers[:5]}


def still_without_request(session: Session, member_ids: Collection[int]) -> set[int]:
    """Which of these mentees still have sent no request (the digest's check)."""
    return set(session.scalars(select(Member.id).where(
        Member.id.in_(list(member_ids)), Member.status == MemberStatus.ACTIVE,
        Member.is_mentee.is_(True), _asked_nobody())))
