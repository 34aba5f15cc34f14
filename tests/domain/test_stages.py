"""The road map as use cases: order, double and simultaneous clicks, and who may move it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.errors import NotAllowed, NotFound
from domain.home.dashboard import NextStep, next_step
from domain.lifecycle import NotPossibleNow
from domain.members import Actor
from domain.model import (
    HomeRefresh,
    Relationship,
    Stage,
    StageCompletion,
)
from domain.programme import ProgrammeLists
from domain.relationships import Pairing
from domain.stages import News, StageState, complete_stage, road_map
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once
from tests.support.seed import actor, dms, pair_of


def test_a_new_relationship_starts_at_the_first_conversation(
    session: Session, lists: ProgrammeLists
) -> None:
    _, alice, relationship = pair_of(session, lists)
    road = road_map(session, actor=actor(alice), relationship_id=relationship.id)
    assert road.current == Stage.FIRST_CONVERSATION
    assert [(s.stage, s.state) for s in road.steps] == [
        (Stage.FIRST_CONVERSATION, StageState.CURRENT), (Stage.PROGRESSION, StageState.TO_COME),
        (Stage.COMPLETION, StageState.TO_COME)]
    assert road.news is None and not road.feedback_given


def test_stages_run_in_order_and_the_partner_is_told_each_time(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    road = complete_stage(session, actor=actor(alice), relationship_id=relationship.id,
                          stage=Stage.FIRST_CONVERSATION, now=clock.now())
    assert road.news is News.STAGE_COMPLETED and road.current == Stage.PROGRESSION
    assert road.steps[0].state is StageState.DONE and road.steps[0].completed_at == clock.now()
    told = dms(session, "stage_completed")
    assert [m.recipient_user_id for m in told] == ["UJOHN"]
    assert told[0].payload["done"] == Stage.FIRST_CONVERSATION
    assert told[0].payload["now"] == Stage.PROGRESSION
    assert {r.user_id for r in session.scalars(select(HomeRefresh))} == {"UALICE", "UJOHN"}

    road = complete_stage(session, actor=actor(john), relationship_id=relationship.id,
                          stage=Stage.PROGRESSION, now=clock.now())
    assert road.current == Stage.COMPLETION and relationship.stage == Stage.COMPLETION
    assert [m.recipient_user_id for m in dms(session, "stage_completed")] == ["UJOHN", "UALICE"]
    assert [s.state for s in road.steps] == [StageState.DONE, StageState.DONE,
                                             StageState.CURRENT]


def test_a_double_click_or_both_partners_mark_a_stage_once(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    for who in (alice, alice, john):
        road = complete_stage(session, actor=actor(who), relationship_id=relationship.id,
                              stage=Stage.FIRST_CONVERSATION, now=clock.now())
        assert road.current == Stage.PROGRESSION  # never skipped on to completion
    assert session.scalars(select(StageCompletion)).all()[0].completed_by_id == alice.id
    assert len(session.scalars(select(StageCompletion)).all()) == 1
    assert len(dms(session, "stage_completed")) == 1


def test_a_completion_recorded_first_by_another_click_is_not_recorded_again(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    session.add(StageCompletion(relationship_id=relationship.id, stage=Stage.FIRST_CONVERSATION,
                                completed_by_id=john.id, completed_at=clock.now()))
    session.flush()
    road = complete_stage(session, actor=actor(alice), relationship_id=relationship.id,
                          stage=Stage.FIRST_CONVERSATION, now=clock.now())
    assert road.current == Stage.PROGRESSION
    assert len(session.scalars(select(StageCompletion)).all()) == 1
    assert dms(session, "stage_completed") == []


def test_both_partners_clicking_at_the_same_moment_complete_the_stage_once(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        john, alice, relationship = pair_of(session, lists)
        people, relationship_id = [actor(john), actor(alice)], relationship.id
    def click(who: Actor) -> None:
        with sessions.begin() as session:
            complete_stage(session, actor=who, relationship_id=relationship_id,
                           stage=Stage.FIRST_CONVERSATION, now=clock.now())

    assert at_once(click, people) == [None, None]
    with sessions() as session:
        assert session.get(Relationship, relationship_id).stage == Stage.PROGRESSION
        assert len(session.scalars(select(StageCompletion)).all()) == 1
        assert len(dms(session, "stage_completed")) == 1


def test_the_road_map_cannot_be_skipped_forward_or_finished_by_a_stage_click(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, alice, relationship = pair_of(session, lists)
    with pytest.raises(NotPossibleNow, match="hasn't started yet"):
        complete_stage(session, actor=actor(alice), relationship_id=relationship.id,
                       stage=Stage.PROGRESSION, now=clock.now())
    with pytest.raises(NotFound):
        complete_stage(session, actor=actor(alice), relationship_id=relationship.id, stage="bogus",
                       now=clock.now())
    relationship.stage = Stage.COMPLETION
    with pytest.raises(NotPossibleNow, match="mentor marks the relationship complete"):
        complete_stage(session, actor=actor(alice), relationship_id=relationship.id,
                       stage=Stage.COMPLETION, now=clock.now())
    assert session.scalars(select(StageCompletion)).all() == []


def test_a_stranger_or_another_workspace_can_neither_see_nor_move_the_road_map(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    _, _, relationship = pair_of(session, lists)
    carol = seed.mentor(session, lists, "UCAROL", areas=[1])
    with pytest.raises(NotAllowed):
        road_map(session, actor=actor(carol), relationship_id=relationship.id)
    with pytest.raises(NotAllowed):
        complete_stage(session, actor=actor(carol), relationship_id=relationship.id,
                       stage=Stage.FIRST_CONVERSATION, now=clock.now())
    seed.programme(session, "T2")
    elsewhere = seed.mentor(session, seed.programme(session, "T2"), "UJOHN", areas=[1],
                            team_id="T2")
    with pytest.raises(NotFound):
        complete_stage(session, actor=actor(elsewhere), relationship_id=relationship.id,
                       stage=Stage.FIRST_CONVERSATION, now=clock.now())
    assert relationship.stage == Stage.FIRST_CONVERSATION
    assert session.scalars(select(StageCompletion)).all() == []


def test_the_mentees_next_step_follows_the_stage(
    session: Session, lists: ProgrammeLists, clock: FakeClock
) -> None:
    john, alice, relationship = pair_of(session, lists)
    mine = [Pairing(relationship, john, i_am_mentor=False)]
    assert next_step(alice, mine) is NextStep.ARRANGE_FIRST_CONVERSATION
    complete_stage(session, actor=actor(alice), relationship_id=relationship.id,
                   stage=Stage.FIRST_CONVERSATION, now=clock.now())
    assert next_step(alice, mine) is NextStep.FOLLOW_ROAD_MAP
    assert next_step(john, [Pairing(relationship, alice, i_am_mentor=True)]) is \
        NextStep.KEEP_GOING
