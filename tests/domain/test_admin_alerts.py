"""Alert cards: raised once per cause in the admin channel, acted on once by one admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.admin.alerts import acting
from domain.admin.alerts.cards import alert_support_request
from domain.admin.alerts.quiet import alert_quiet_relationships
from domain.errors import NotAllowed
from domain.members import Actor
from domain.model import (
    AdminAlert,
    AdminLogEntry,
    AlertKind,
    AlertState,
    Conversation,
    Member,
    MentorProfile,
    OutboxKind,
    Programme,
    Relationship,
    RelationshipStatus,
    Stage,
    StageCompletion,
)
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, expire_unanswered, propose_mentorship
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once

SAM, KIM = Actor("T1", "USAM"), Actor("T1", "UKIM")


def with_channel(session: Session, channel: str | None = "CADMIN") -> None:
    session.get(Programme, "T1").admin_channel_id = channel
    session.flush()


def cards(session: Session) -> list[dict]:  # type: ignore[type-arg]
    return [m.payload for m in seed.dms(session, OutboxKind.ADMIN_ALERT)]


def alices(session: Session) -> int:
    """How many cards were raised about Alice's relationship."""
    return sum(1 for c in cards(session) if c["mentee"]["name"] == "Alice Kember")


def quiet_pair(session: Session, lists: ProgrammeLists, clock: FakeClock
               ) -> tuple[Member, Member, Relationship]:
    """John mentoring Alice, matched 30 days ago with nothing since."""
    john, alice, relationship = seed.pair_of(session, lists)
    relationship.started_at = clock.now() - timedelta(days=30)
    session.flush()
    return john, alice, relationship


def nudge(session: Session, actor: Actor, alert_id: int, clock: FakeClock,
          name: str = "Sam Admin") -> AdminAlert:
    return acting.nudge_both(session, actor=actor, workspace_admin=True, admin_name=name,
                             alert_id=alert_id, now=clock.now())


def test_a_request_nobody_answered_posts_a_card_to_the_admin_channel(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    propose_mentorship(session, actor=seed.actor(alice), mentor_id=john.id,
                       answers=ProposalAnswers(lists.areas[1].id, "Please."), now=clock.now())
    assert expire_unanswered(session, now=clock.advance(days=15)) == 1
    card = seed.dms(session, OutboxKind.ADMIN_ALERT)[0]
    assert card.recipient_user_id == "CADMIN" and card.payload["to_channel"]
    assert card.payload["kind"] == AlertKind.PROPOSAL_EXPIRED
    assert (card.payload["mentee"]["name"], card.payload["mentor"]["name"]) == (
        "Alice Kember", "John Smith")


def test_without_an_admin_channel_nothing_is_raised(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    quiet_pair(session, lists, clock)
    assert alert_quiet_relationships(session, now=clock.now()) == 0
    assert alert_support_request(session, team_id="T1", requester_user_id="UALICE",
                                 summary="Help", now=clock.now()) is None
    assert session.scalars(select(AdminAlert)).all() == []


def test_a_quiet_relationship_gets_one_card_per_quiet_spell(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    john, alice, relationship = quiet_pair(session, lists, clock)
    busy = seed.pair(session, seed.mentor(session, lists, "UMAX", areas=[1]),
                     seed.mentee(session, lists, "UEVE", areas=[1]))
    busy.started_at = clock.now() - timedelta(days=2)
    session.flush()
    assert alert_quiet_relationships(session, now=clock.now()) == 1
    assert alert_quiet_relationships(session, now=clock.advance(hours=1)) == 0
    assert cards(session)[0]["quiet_days"] == 30
    # They talk again; three quiet weeks later it is a new spell, and a new card.
    first, second = sorted((john.id, alice.id))
    session.add(Conversation(team_id="T1", first_member_id=first, second_member_id=second,
                             created_at=clock.now(), last_message_at=clock.now()))
    session.flush()
    alert_quiet_relationships(session, now=clock.advance(days=20))
    assert alices(session) == 1
    alert_quiet_relationships(session, now=clock.advance(days=2))
    assert alices(session) == 2
    assert relationship.status == RelationshipStatus.ACTIVE


def test_a_support_request_card_names_who_asked(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
    alert = alert_support_request(session, team_id="T1", requester_user_id="UALICE",
                                  summary="I can't find a mentor in rail.", now=clock.now())
    assert alert is not None and alert.kind == AlertKind.SUPPORT_REQUEST
    card = cards(session)[0]
    assert card["requester"]["name"] == "Alice Kember"
    assert card["summary"] == "I can't find a mentor in rail."
    assert card["mentee"]["name"] == "Alice Kember"  # so Match manually is offered


def test_nudge_both_dms_both_updates_the_card_and_a_second_click_is_told_who(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    quiet_pair(session, lists, clock)
    alert_quiet_relationships(session, now=clock.now())
    alert = session.scalars(select(AdminAlert)).one()
    nudge(session, SAM, alert.id, clock)
    nudges = seed.dms(session, OutboxKind.ADMIN_NUDGE)
    assert sorted(m.recipient_user_id for m in nudges) == ["UALICE", "UJOHN"]
    update = seed.dms(session, OutboxKind.ADMIN_ALERT)[-1]
    assert update.payload["replaces"] == f"admin_alert:{alert.id}"
    assert update.payload["handled"]["by"] == "Sam Admin"
    with pytest.raises(acting.AlreadyHandled) as late:
        nudge(session, KIM, alert.id, clock, name="Kim")
    assert late.value.message == "Sam Admin already nudged both."
    assert len(seed.dms(session, OutboxKind.ADMIN_NUDGE)) == 2


@pytest.mark.parametrize("clicks", [[SAM, KIM], [SAM, SAM]])
def test_two_clicks_at_once_act_once(sessions: sessionmaker[Session], clock: FakeClock,
                                     clicks: list[Actor]) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        with_channel(session)
        quiet_pair(session, lists, clock)
        alert_quiet_relationships(session, now=clock.now())
        alert_id = session.scalars(select(AdminAlert.id)).one()

    def click(actor: Actor) -> str:
        with sessions.begin() as session:
            nudge(session, actor, alert_id, clock, name=actor.user_id)
        return "nudged"

    outcomes = at_once(click, clicks)
    assert sorted(type(o).__name__ if isinstance(o, Exception) else str(o)
                  for o in outcomes) == ["AlreadyHandled", "nudged"], outcomes
    with sessions.begin() as session:
        assert len(seed.dms(session, OutboxKind.ADMIN_NUDGE)) == 2
        assert session.get(AdminAlert, alert_id).state == AlertState.HANDLED
        assert len(session.scalars(select(AdminLogEntry)).all()) == 1


def test_close_relationship_ends_it_frees_the_place_and_tells_both(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    john, _, relationship = quiet_pair(session, lists, clock)
    alert_quiet_relationships(session, now=clock.now())
    alert = session.scalars(select(AdminAlert)).one()
    acting.close_from_alert(session, actor=SAM, workspace_admin=True, admin_name="Sam Admin",
                            alert_id=alert.id, reason="It has run its course.", now=clock.now())
    session.flush()
    assert relationship.status == RelationshipStatus.WITHDRAWN
    assert session.get(MentorProfile, john.id).spare_capacity == 2
    told = seed.dms(session, OutboxKind.ADMIN_CLOSED)
    assert sorted(m.recipient_user_id for m in told) == ["UALICE", "UJOHN"]
    assert told[0].payload["reason"] == "It has run its course."


def test_every_alert_action_requires_an_admin(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    quiet_pair(session, lists, clock)
    alert_quiet_relationships(session, now=clock.now())
    alert = session.scalars(select(AdminAlert)).one()
    alice = Actor("T1", "UALICE")
    for act in (lambda: acting.nudge_both(session, actor=alice, workspace_admin=False,
                                          admin_name="A", alert_id=alert.id, now=clock.now()),
                lambda: acting.people_of_alert(session, actor=alice, workspace_admin=False,
                                               alert_id=alert.id, now=clock.now()),
                lambda: acting.close_from_alert(session, actor=alice, workspace_admin=False,
                                                admin_name="A", alert_id=alert.id, reason="",
                                                now=clock.now())):
        with pytest.raises(NotAllowed):
            act()
    assert alert.state == AlertState.OPEN


def test_a_support_request_from_someone_outside_the_programme_keeps_their_name(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    alert = alert_support_request(session, team_id="T1", requester_user_id="UOUT",
                                  summary="  How do I join?  ", now=clock.now(),
                                  requester_name="Olu Out")
    assert alert is not None and alert.mentee_id is None
    card = cards(session)[0]
    assert card["requester"] == {"member_id": None, "user_id": "UOUT", "name": "Olu Out",
                                 "email": ""}
    assert card["summary"] == "How do I join?" and card["mentee"] is None
    assert acting.people_of_alert(session, actor=SAM, workspace_admin=True, alert_id=alert.id,
                                  now=clock.now()) == []


def test_a_stage_marked_recently_keeps_a_relationship_from_being_quiet(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    with_channel(session)
    john, _, relationship = quiet_pair(session, lists, clock)
    session.add(StageCompletion(relationship_id=relationship.id,
                                stage=Stage.FIRST_CONVERSATION, completed_by_id=john.id,
                                completed_at=clock.now() - timedelta(days=3)))
    session.flush()
    assert alert_quiet_relationships(session, now=clock.now()) == 0
    assert alert_quiet_relationships(session, now=clock.advance(days=19)) == 1
