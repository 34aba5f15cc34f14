"""Suggest matches, and the review of a run: its pages, its totals, removing a pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session, joinedload

from domain.admin.access import require_admin
from domain.admin.cohort.candidates import never_suggested, open_mentors, unmatched_mentees
from domain.admin.cohort.solver import Pairing, Scores, score_matrix, solve
from domain.errors import DomainError, NotFound
from domain.members import Actor
from domain.model import AdminLogEntry, CohortRun, CohortRunStatus, CohortSuggestion, Programme

PAGE_SIZE = 20  # pairs per page of the review, well within a modal's 100 blocks


class AlreadyPublished(DomainError):
    """The run was published; its pairs can no longer change."""


@dataclass(frozen=True)
class Totals:
    """A run's figures for the top of the review."""

    suggested: int
    removed: int
    total_score: float


@dataclass(frozen=True)
class CohortReview:
    """One page of a run's pairs, with the run's totals."""

    run: CohortRun
    pairs: list[CohortSuggestion]
    page: int
    totals: Totals

    @property
    def pages(self) -> int:
        """How many pages the run's pairs fill (at least one)."""
        return max(1, -(-self.totals.suggested // PAGE_SIZE))


def suggest_matches(session: Session, *, actor: Actor, workspace_admin: bool, now: datetime
                    ) -> CohortRun:
    """Work out the best overall pairing of unmatched mentees with open mentors and keep it as
    the run under review, replacing an unpublished one."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="suggest cohort matches", now=now)
    team_id = actor.team_id
    # Two Suggests at once take turns on the programme's row: one draft run survives.
    session.execute(select(Programme.team_id).where(Programme.team_id == team_id)
                    .with_for_update())
    _drop_drafts(session, team_id)
    scores = score_matrix(unmatched_mentees(session, team_id=team_id),
                          open_mentors(session, team_id=team_id),
                          never_suggested(session, team_id=team_id))
    pairs = solve(scores)
    run = CohortRun(team_id=team_id, status=CohortRunStatus.DRAFT, created_by=actor.user_id,
                    created_at=now, mentees_considered=len(scores.mentees),
                    mentors_considered=len(scores.mentors))
    session.add(run)
    session.flush()
    store_suggestions(session, run_id=run.id, scores=scores, pairs=pairs)
    session.add(AdminLogEntry(team_id=team_id, actor_user_id=actor.user_id,
                              action="cohort.suggest", subject=f"cohort run {run.id}",
                              after={"pairs": len(pairs), "mentees": len(scores.mentees),
                                     "mentors": len(scores.mentors)}, at=now))
    return run


def _drop_drafts(session: Session, team_id: str) -> None:
    # Locked first: a Publish under way finishes, and its run (published now) is kept.
    drafts = list(session.scalars(select(CohortRun.id).where(
        CohortRun.team_id == team_id, CohortRun.status == CohortRunStatus.DRAFT)
        .with_for_update()))
    if drafts:
        session.execute(delete(CohortSuggestion).where(CohortSuggestion.run_id.in_(drafts)))
        session.execute(delete(CohortRun).where(CohortRun.id.in_(drafts)))


def store_suggestions(session: Session, *, run_id: int, scores: Scores,
                      pairs: list[Pairing]) -> None:
    """The run's pairs in one multi-row insert, best fit first (then by mentee, for ties)."""
    ordered = sorted(pairs, key=lambda p: (-scores.score[p.row, p.column],
                                           scores.mentees[p.row].member_id))
    rows = [{
        "run_id": run_id, "position": position,
        "mentee_id": scores.mentees[p.row].member_id,
        "mentor_id": scores.mentors[p.column].member_id,
        "score": float(scores.score[p.row, p.column]),
        "areas_met": int(scores.areas_met[p.row, p.column]),
        "areas_asked": len(scores.mentees[p.row].area_ids),
        "role_met": bool(scores.role_met[p.row, p.column]),
        "community_met": bool(scores.community_met[p.row, p.column]),
        "removed": False,
    } for position, p in enumerate(ordered)]
    if rows:
        session.execute(insert(CohortSuggestion), rows)


def _run_of(session: Session, actor: Actor, run_id: int | None, *, lock: bool = False
            ) -> CohortRun | None:
    """The actor's workspace's run by id, or (no id) the one under review; `lock` waits for
    a Publish under way to end, and reads what it wrote."""
    query = select(CohortRun).where(CohortRun.team_id == actor.team_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    query = query.where(CohortRun.id == run_id) if run_id is not None else \
        query.where(CohortRun.status == CohortRunStatus.DRAFT)
    run = session.scalars(query).one_or_none()
    if run is None and run_id is not None:
        raise NotFound("Sorry, those suggestions no longer exist. Suggest matches again.")
    return run


def cohort_review(session: Session, *, actor: Actor, workspace_admin: bool,
                  run_id: int | None = None, page: int = 0, now: datetime
                  ) -> CohortReview | None:
    """A page of the run (without an id, the one under review); None when no run is under
    review."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="review cohort matches", now=now)
    run = _run_of(session, actor, run_id)
    if run is None:
        return None
    totals = _totals(session, run.id)
    last = max(0, -(-totals.suggested // PAGE_SIZE) - 1)
    page = min(max(page, 0), last)
    pairs = list(session.scalars(_pairs_of(run.id).offset(page * PAGE_SIZE).limit(PAGE_SIZE)))
    return CohortReview(run, pairs, page, totals)


def _pairs_of(run_id: int) -> Select[tuple[CohortSuggestion]]:
    return (select(CohortSuggestion).where(CohortSuggestion.run_id == run_id)
            .order_by(CohortSuggestion.position)
            .options(joinedload(CohortSuggestion.mentee), joinedload(CohortSuggestion.mentor)))


def _totals(session: Session, run_id: int) -> Totals:
    kept = ~CohortSuggestion.removed
    row = session.execute(select(
        func.count(), func.count().filter(CohortSuggestion.removed),
        func.coalesce(func.sum(CohortSuggestion.score).filter(kept), 0))
        .where(CohortSuggestion.run_id == run_id)).one()
    return Totals(int(row[0]), int(row[1]), float(row[2]))


def set_removed(session: Session, *, actor: Actor, workspace_admin: bool, run_id: int,
                suggestion_id: int, removed: bool, now: datetime) -> CohortRun:
    """Take a pair out of the run, or put it back, before it is published. Setting what is
    already so changes nothing, so a double click is harmless."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="change cohort matches", now=now)
    run = _run_of(session, actor, run_id, lock=True)
    assert run is not None
    if run.status != CohortRunStatus.DRAFT:
        raise AlreadyPublished("These suggestions were published already; they can't change.")
    pair = session.scalars(select(CohortSuggestion).where(
        CohortSuggestion.id == suggestion_id, CohortSuggestion.run_id == run.id)).one_or_none()
    if pair is None:
        raise NotFound("Sorry, that pair is no longer among the suggestions.")
    pair.removed = removed
    return run
