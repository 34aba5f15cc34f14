"""The road map of a relationship: first conversation -> progression -> completion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import outbox
from domain.errors import NotFound
from domain.lifecycle import NotPossibleNow, next_relationship_status
from domain.loading import relock
from domain.members import Actor
from domain.model import (
    Feedback,
    Member,
    OutboxKind,
    Relationship,
    RelationshipStatus,
    Stage,
    StageCompletion,
    member_of,
)
from domain.people import person
from domain.relationships import Pairing, pairing_for

STAGES = tuple(Stage)  # in road-map order
FIRST, FINAL = STAGES[0], STAGES[-1]


class StageState(StrEnum):
    """Where a stage stands for the pair."""

    DONE = "done"
    CURRENT = "current"
    TO_COME = "to_come"


class News(StrEnum):
    """What the person just did, for the road map to confirm."""

    STAGE_COMPLETED = "stage_completed"
    COMPLETION_REQUESTED = "completion_requested"
    RELATIONSHIP_COMPLETED = "relationship_completed"
    JOURNEY_STARTED = "journey_started"


@dataclass(frozen=True)
class StageStep:
    """One stage of the road map as it stands."""

    stage: str
    state: StageState
    completed_at: datetime | None


@dataclass(frozen=True)
class RoadMap:
    """A relationship's journey as one of its members sees it."""

    pairing: Pairing
    steps: list[StageStep]
    feedback_given: bool
    news: News | None = None

    @property
    def current(self) -> str:
        """The stage the pair is in now."""
        return current_stage(self.pairing.relationship)


def current_stage(relationship: Relationship) -> Stage:
    """The relationship's stage (rows made before stages existed have the first by default)."""
    return relationship.stage


def next_stage(stage: str) -> str | None:
    """The stage after this one, or None after the last."""
    position = STAGES.index(stage)
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def _steps(session: Session, relationship: Relationship) -> list[StageStep]:
    done = {c.stage: c.completed_at for c in session.scalars(select(StageCompletion).where(
        StageCompletion.relationship_id == relationship.id))}
    position = STAGES.index(current_stage(relationship))
    finished = relationship.status == RelationshipStatus.COMPLETED
    steps = []
    for index, stage in enumerate(STAGES):
        if index < position or finished:
            state = StageState.DONE
        else:
            state = StageState.CURRENT if index == position else StageState.TO_COME
        steps.append(StageStep(stage, state, done.get(stage)))
    return steps


def feedback_given(session: Session, *, relationship_id: int, author_id: int) -> bool:
    """True when this member has answered the feedback survey of this relationship."""
    return session.scalar(select(Feedback.id).where(
        Feedback.relationship_id == relationship_id, Feedback.author_id == author_id)) is not None


def road_map_of(session: Session, *, pairing: Pairing, news: News | None = None) -> RoadMap:
    """The road map of a relationship already checked to be the actor's."""
    me = pairing.me
    given = feedback_given(session, relationship_id=pairing.relationship.id, author_id=me.id)
    return RoadMap(pairing, _steps(session, pairing.relationship), given, news)


def road_map(session: Session, *, actor: Actor, relationship_id: int) -> RoadMap:
    """Next step: the road map of one of the actor's relationships."""
    return road_map_of(session, pairing=pairing_for(session, actor=actor,
                                                    relationship_id=relationship_id))


def locked(session: Session, *, relationship: Relationship) -> Relationship:
    """The relationship re-read under a row lock: two clicks or two servers go one at a time."""
    return relock(session, relationship)


def record_stage_done(session: Session, *, relationship: Relationship, stage: str, by: Member,
                      now: datetime) -> bool:
    """Note the stage as completed; False when it already was (a double click, or both at once)."""
    try:
        with session.begin_nested():
            session.add(StageCompletion(relationship_id=relationship.id, stage=stage,
                                        completed_by_id=by.id, completed_at=now))
    except IntegrityError:  # the unique (relationship, stage) says someone got there first
        return False
    return True


def complete_stage(session: Session, *, actor: Actor, relationship_id: int, stage: str,
                   now: datetime) -> RoadMap:
    """Mark the pair's current stage complete and move on; marking it twice marks it once."""
    pairing = pairing_for(session, actor=actor, relationship_id=relationship_id)
    relationship = locked(session, relationship=pairing.relationship)
    next_relationship_status(relationship.status, "complete")  # refuses ended relationships
    if member_of(Stage, stage) is None:
        raise NotFound("Sorry, that stage of the road map doesn't exist.")
    if stage == FINAL:
        raise NotPossibleNow("The last stage is complete when the mentor marks the "
                             "relationship complete.")
    if STAGES.index(stage) > STAGES.index(current_stage(relationship)):
        raise NotPossibleNow("That stage hasn't started yet: finish the current one first.")
    me = pairing.me
    if stage == current_stage(relationship):
        relationship.stage = next_stage(stage) or FINAL
    if record_stage_done(session, relationship=relationship, stage=stage, by=me, now=now):
        outbox.enqueue(session, team_id=actor.team_id, recipient=pairing.partner.slack_user_id,
                       kind=OutboxKind.STAGE_COMPLETED,
                       dedupe_key=f"relationship:{relationship.id}:stage:{stage}:done",
                       payload={"relationship_id": relationship.id, "by": person(me),
                                "done": stage, "now": current_stage(relationship),
                                "partner_is_mentor": not pairing.i_am_mentor},
                       now=now)
    return road_map_of(session, pairing=pairing, news=News.STAGE_COMPLETED)
