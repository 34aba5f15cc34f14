"""Publish a run: each remaining pair becomes a proposal to the mentor, "suggested by the
programme", once however often Publish is clicked, and only where the pair is still possible."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.cohort.candidates import never_suggested, open_mentors, unmatched_mentees
from domain.admin.cohort.solver import same_organisation
from domain.errors import NotFound
from domain.loading import PROFILES
from domain.members import Actor
from domain.model import (
    AdminLogEntry,
    CohortOutcome,
    CohortRun,
    CohortRunStatus,
    CohortSuggestion,
    ListItem,
    Member,
    OutboxKind,
    Proposal,
    ProposalStatus,
)
from domain.programme import ProgrammeSnapshot
from domain.proposals import notify_card, tell


@dataclass(frozen=True)
class PublishReport:
    """What publishing did: how many pairs became proposals, and how many were skipped why."""

    run_id: int
    outcomes: dict[str, int]
    already: bool  # published before this click: nothing was done again

    @property
    def proposed(self) -> int:
        """Proposals sent."""
        return self.outcomes.get(CohortOutcome.PROPOSED, 0)

    @property
    def skipped(self) -> dict[str, int]:
        """Pairs not sent, by reason."""
        return {k: n for k, n in self.outcomes.items() if k != CohortOutcome.PROPOSED and n}


def publish_run(session: Session, *, actor: Actor, workspace_admin: bool, run_id: int,
                now: datetime) -> PublishReport:
    """Send the run's remaining pairs as proposals; a second Publish (a double click, another
    admin) reports what the first did and sends nothing."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="publish cohort matches", now=now)
    claimed = session.execute(
        update(CohortRun).where(CohortRun.id == run_id, CohortRun.team_id == actor.team_id,
                                CohortRun.status == CohortRunStatus.DRAFT)
        .values(status=CohortRunStatus.PUBLISHED, published_by=actor.user_id, published_at=now)
        .execution_options(synchronize_session=False)).rowcount
    run = session.scalars(select(CohortRun).where(
        CohortRun.id == run_id, CohortRun.team_id == actor.team_id)
        .execution_options(populate_existing=True)).one_or_none()
    if run is None:
        raise NotFound("Sorry, those suggestions no longer exist. Suggest matches again.")
    if not claimed:
        return PublishReport(run.id, dict(run.outcomes or {}), already=True)
    outcomes = _send_all(session, programme, run, now)
    run.outcomes = dict(outcomes)
    session.add(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                              action="cohort.publish", subject=f"cohort run {run.id}",
                              after=dict(outcomes), at=now))
    return PublishReport(run.id, dict(outcomes), already=False)


@dataclass
class _AsItStands:
    """What publishing checks each pair against: the programme now, not at the suggestion."""

    free_mentees: set[int]
    places: dict[int, int]
    never: set[tuple[int, int]]
    people: dict[int, Member]


def _as_it_stands(session: Session, team_id: str, pairs: list[CohortSuggestion]
                  ) -> _AsItStands:
    return _AsItStands(
        {m.member_id for m in unmatched_mentees(session, team_id=team_id)},
        {m.member_id: m.spare for m in open_mentors(session, team_id=team_id)},
        never_suggested(session, team_id=team_id),
        _members(session, {p.mentee_id for p in pairs} | {p.mentor_id for p in pairs}))


def _send_all(session: Session, programme: ProgrammeSnapshot, run: CohortRun, now: datetime
              ) -> Counter[str]:
    """Re-check every kept pair against the programme as it is now and send those possible."""
    pairs = list(session.scalars(select(CohortSuggestion).where(
        CohortSuggestion.run_id == run.id, ~CohortSuggestion.removed)
        .order_by(CohortSuggestion.position)))
    state = _as_it_stands(session, run.team_id, pairs)
    sent: list[tuple[CohortSuggestion, Proposal]] = []
    for pair in pairs:
        proposal = _proposal_if_possible(pair, state, programme, now)
        if proposal is not None:
            sent.append((pair, proposal))
    session.add_all(proposal for _, proposal in sent)
    session.flush()
    # One flush for the lot: flushing before each DM row would write (and refresh Homes for)
    # one pair at a time.
    with session.no_autoflush:
        for pair, proposal in sent:
            pair.proposal_id = proposal.id
            notify_card(session, proposal=proposal, now=now)
            tell(session, proposal=proposal, kind=OutboxKind.PROPOSAL_SUGGESTED,
                 whom=proposal.mentee, now=now)
    return Counter(str(pair.outcome) for pair in pairs)


def _proposal_if_possible(pair: CohortSuggestion, state: _AsItStands,
                          programme: ProgrammeSnapshot, now: datetime) -> Proposal | None:
    """The pair's proposal when it is still possible, its place taken; the pair's outcome
    says which."""
    mentee, mentor = state.people.get(pair.mentee_id), state.people.get(pair.mentor_id)
    pair.outcome = _refusal(mentee, mentor, state)
    if pair.outcome is not None:
        return None
    assert mentee is not None and mentor is not None
    area = _area_for(mentee, mentor)
    if area is None:
        pair.outcome = CohortOutcome.NOT_POSSIBLE
        return None
    state.free_mentees.discard(mentee.id)
    state.places[mentor.id] -= 1
    pair.outcome = CohortOutcome.PROPOSED
    return _proposal(programme, mentee, mentor, area, now)


def _members(session: Session, member_ids: set[int]) -> dict[int, Member]:
    """The run's people with their profiles, in a fixed few statements."""
    if not member_ids:
        return {}
    found = session.scalars(select(Member).where(Member.id.in_(member_ids))
                            .options(*PROFILES)).unique()
    return {member.id: member for member in found}


def _refusal(mentee: Member | None, mentor: Member | None, state: _AsItStands
             ) -> CohortOutcome | None:
    """Why the pair can't be sent now, or None when it can."""
    if mentee is None or mentee.mentee_profile is None or not mentee.is_mentee:
        return CohortOutcome.MENTEE_LEFT
    if mentee.id not in state.free_mentees:
        return CohortOutcome.MENTEE_MATCHED
    if mentor is None or mentor.mentor_profile is None or mentor.id not in state.places:
        return CohortOutcome.MENTOR_UNAVAILABLE
    if state.places[mentor.id] <= 0:
        return CohortOutcome.MENTOR_FULL
    if (mentee.id, mentor.id) in state.never or same_organisation(mentee.organisation,
                                                                  mentor.organisation):
        return CohortOutcome.NOT_POSSIBLE
    return None


def _area_for(mentee: Member, mentor: Member) -> ListItem | None:
    """The first area the mentor offers that the mentee asked for, else their first area."""
    assert mentee.mentee_profile is not None and mentor.mentor_profile is not None
    wanted = {a.id for a in mentee.mentee_profile.areas}
    offered = list(mentor.mentor_profile.areas)
    return next((a for a in offered if a.id in wanted), offered[0] if offered else None)


def _proposal(programme: ProgrammeSnapshot, mentee: Member, mentor: Member, area: ListItem,
              now: datetime) -> Proposal:
    assert mentee.mentee_profile is not None
    return Proposal(team_id=mentee.team_id, mentee=mentee, mentor=mentor, area=area,
                    statement=mentee.mentee_profile.statement, status=ProposalStatus.PENDING,
                    suggested_by_programme=True, created_at=now, updated_at=now,
                    expires_at=now + timedelta(days=programme.proposal_expiry_days))
