"""What a person's App Home shows: their standing in the programme and the next thing to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from domain.admin.overview import Headline, headline_of
from domain.completion import PastPairing, past_relationships
from domain.diary import latest_entries
from domain.goals import goals_due
from domain.loading import PROPOSAL
from domain.meetings import upcoming_meetings
from domain.members import Actor, find_member
from domain.model import DiaryEntry, Goal, Meeting, Member, Proposal, ProposalStatus
from domain.profiles import MENTEE, MENTOR, missing_profiles
from domain.programme import ProgrammeSnapshot, ensure_programme, is_admin
from domain.relationships import Pairing, partner_of, relationships_of
from domain.stages import FIRST

# How many of each list Home shows (the rest are reached from /mentor relationships).
SHOWN = 6


class NextStep(StrEnum):
    """The one thing the dashboard asks a person to do now."""

    REGISTER = "register"
    COMPLETE_MENTEE_PROFILE = "complete_mentee_profile"
    COMPLETE_MENTOR_PROFILE = "complete_mentor_profile"
    ANSWER_REQUEST = "answer_request"
    ARRANGE_FIRST_CONVERSATION = "arrange_first_conversation"
    FOLLOW_ROAD_MAP = "follow_road_map"
    WAIT_FOR_ANSWER = "wait_for_answer"
    FIND_MENTOR = "find_mentor"
    WAIT_FOR_REQUESTS = "wait_for_requests"
    REOPEN_TO_REQUESTS = "reopen_to_requests"
    KEEP_GOING = "keep_going"


@dataclass(frozen=True)
class Dashboard:
    """Everything the Home tab renders for one person."""

    programme: ProgrammeSnapshot
    member: Member | None
    next_step: NextStep
    now: datetime
    pairings: list[Pairing] = field(default_factory=list)
    sent: list[Proposal] = field(default_factory=list)
    received: list[Proposal] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    past: list[PastPairing] = field(default_factory=list)
    diary: list[DiaryEntry] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    # The programme's headline numbers, for admins only (Home's Admin section).
    admin: Headline | None = None


def next_step(member: Member | None, pairings: list[Pairing] | None = None,
              sent: list[Proposal] | None = None, received: list[Proposal] | None = None
              ) -> NextStep:
    """The first unfinished step of the journey for this member, by these rules in order."""
    if member is None:
        return NextStep.REGISTER
    paused = member.mentor_profile is not None and not member.mentor_profile.open_to_requests
    missing = missing_profiles(is_mentee=member.is_mentee,
                               has_mentee_profile=member.mentee_profile is not None,
                               is_mentor=member.is_mentor,
                               has_mentor_profile=member.mentor_profile is not None)
    rules = [
        (MENTEE in missing, NextStep.COMPLETE_MENTEE_PROFILE),
        (MENTOR in missing, NextStep.COMPLETE_MENTOR_PROFILE),
        (any(p.status == ProposalStatus.PENDING for p in received or []), NextStep.ANSWER_REQUEST),
        (any(not p.i_am_mentor and p.relationship.stage in (None, FIRST)
             for p in pairings or []), NextStep.ARRANGE_FIRST_CONVERSATION),
        (any(not p.i_am_mentor for p in pairings or []), NextStep.FOLLOW_ROAD_MAP),
        (any(p.status == ProposalStatus.PENDING for p in sent or []), NextStep.WAIT_FOR_ANSWER),
        (member.is_mentee, NextStep.FIND_MENTOR),
        (bool(pairings), NextStep.KEEP_GOING),
        (paused, NextStep.REOPEN_TO_REQUESTS),
    ]
    return next((step for met, step in rules if met), NextStep.WAIT_FOR_REQUESTS)


# Built once: Home sends it every time.
_OPEN_PROPOSALS = (
    select(Proposal).where(
        or_(Proposal.mentee_id == bindparam("member_id"),
            Proposal.mentor_id == bindparam("member_id")),
        Proposal.status.in_((ProposalStatus.PENDING, ProposalStatus.WITHDRAWN))).options(*PROPOSAL)
    .order_by(Proposal.updated_at.desc(), Proposal.id.desc()).limit(bindparam("fetched")))


def _proposals(session: Session, member: Member, shown: int
               ) -> tuple[list[Proposal], list[Proposal]]:
    """Requests the member sent that are waiting or can be reinstated, and ones waiting on them."""
    rows = session.scalars(_OPEN_PROPOSALS, {"member_id": member.id, "fetched": 4 * shown}
                           ).all()
    sent = [p for p in rows if p.mentee_id == member.id][:shown]
    received = [p for p in rows
                if p.mentor_id == member.id and p.status == ProposalStatus.PENDING][:shown]
    return sent, received


def load_dashboard(session: Session, *, actor: Actor, now: datetime, shown: int = SHOWN,
                   workspace_admin: bool | None = None) -> Dashboard:
    """The actor's dashboard (`shown` of each list); newcomers get the welcome and Register.

    `workspace_admin` is Slack's word when the actor is looking; in the background (None) the
    member row's copy of it is used."""
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    member = find_member(session, actor=actor)
    admin = _admin_headline(session, programme, actor, workspace_admin if workspace_admin
                            is not None else bool(member and member.workspace_admin), now)
    if member is None:
        return Dashboard(programme, None, NextStep.REGISTER, now, admin=admin)
    # Loaded once: the cards, the past relationships and the goals all start from them.
    current = relationships_of(session, member=member)
    pairings = [Pairing(r, partner_of(r, member.id), r.mentor_id == member.id)
                for r in current[:shown]]
    sent, received = _proposals(session, member, shown)
    withdrawn_still_open = [p for p in sent
                            if p.status == ProposalStatus.PENDING or p.expires_at > now]
    return Dashboard(programme, member, next_step(member, pairings, sent, received), now,
                     pairings, withdrawn_still_open, received,
                     upcoming_meetings(session, member=member, now=now),
                     past=past_relationships(session, member=member, current=current),
                     diary=latest_entries(session, member=member),
                     goals=goals_due(session, member=member, limit=SHOWN, current=current),
                     admin=admin)


def _admin_headline(session: Session, programme: ProgrammeSnapshot, actor: Actor,
                    workspace_admin: bool, now: datetime) -> Headline | None:
    """The headline numbers when the actor administers the programme (one statement)."""
    if not is_admin(programme, actor.user_id, workspace_admin=workspace_admin):
        return None
    return headline_of(session, team_id=actor.team_id, now=now)
