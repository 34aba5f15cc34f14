"""Registration: joining, joining again, and who counts as a member."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.errors import InvalidInput, NotRegistered
from domain.members import Actor, SlackIdentity, find_member, require_member
from domain.model import ListItem, OutboxMessage, Programme
from domain.outbox.retention import RETENTION, forget_old_messages
from domain.programme import DEFAULT_LISTS, programme_lists
from domain.registration import register_member
from tests.support.clock import FakeClock

ANA = Actor("T1", "UANA")
ANA_SLACK = SlackIdentity(name="Ana Silva", email="ana@example.org", tz="Europe/Lisbon",
                          image_url="https://example.test/ana.png", title="Fleet planner")


def test_registering_creates_the_programme_with_its_default_lists(session: Session,
                                                                   clock: FakeClock) -> None:
    register_member(session, actor=ANA, as_mentor=False, as_mentee=True, identity=ANA_SLACK,
                    now=clock.now())
    assert session.get(Programme, "T1") is not None
    lists = programme_lists(session, team_id="T1")
    assert [i.label for i in lists.areas] == list(DEFAULT_LISTS["area"])
    assert [i.label for i in lists.roles] == list(DEFAULT_LISTS["role"])
    assert [i.label for i in lists.communities] == list(DEFAULT_LISTS["community"])


def test_a_member_takes_their_name_email_photo_and_time_zone_from_slack(
    session: Session, clock: FakeClock
) -> None:
    member = register_member(session, actor=ANA, as_mentor=True, as_mentee=False,
                             identity=ANA_SLACK, now=clock.now())
    assert (member.name, member.contact_email, member.tz, member.job_title) == (
        "Ana Silva", "ana@example.org", "Europe/Lisbon", "Fleet planner")
    assert member.is_mentor and not member.is_mentee


def test_an_unknown_time_zone_falls_back_to_utc(session: Session, clock: FakeClock) -> None:
    identity = SlackIdentity(name="Bo", tz="Mars/Olympus_Mons")
    member = register_member(session, actor=ANA, as_mentor=True, as_mentee=False, identity=identity,
                             now=clock.now())
    assert member.tz == "UTC"


def test_registering_needs_at_least_one_role(session: Session, clock: FakeClock) -> None:
    with pytest.raises(InvalidInput) as refused:
        register_member(session, actor=ANA, as_mentor=False, as_mentee=False, identity=ANA_SLACK,
                        now=clock.now())
    assert set(refused.value.errors) == {"roles"}


def test_registering_again_adds_a_role_and_welcomes_once(session: Session,
                                                         clock: FakeClock) -> None:
    register_member(session, actor=ANA, as_mentor=False, as_mentee=True, identity=ANA_SLACK,
                    now=clock.now())
    member = register_member(session, actor=ANA, as_mentor=True, as_mentee=False,
                             identity=ANA_SLACK, now=clock.advance(minutes=1))
    assert member.is_mentor and member.is_mentee
    welcomes = session.scalar(select(func.count()).select_from(OutboxMessage))
    assert welcomes == 1
    assert session.scalar(select(func.count()).select_from(ListItem)) == sum(
        len(v) for v in DEFAULT_LISTS.values())


def test_joining_again_after_the_welcome_copy_is_deleted_welcomes_no_one_again(
        session: Session, clock: FakeClock) -> None:
    register_member(session, actor=ANA, as_mentor=False, as_mentee=True, identity=ANA_SLACK,
                    now=clock.now())
    for row in outbox.claim_due(session, now=clock.now()):
        outbox.mark_sent(row, channel_id="DANA", message_ts="1.0", now=clock.now())
    assert forget_old_messages(session, now=clock.advance(days=RETENTION.days + 1)) == 1
    member = register_member(session, actor=ANA, as_mentor=True, as_mentee=False,
                             identity=ANA_SLACK, now=clock.now())
    assert member.is_mentor and member.is_mentee
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_someone_who_has_not_registered_is_told_to(session: Session) -> None:
    assert find_member(session, actor=ANA) is None
    with pytest.raises(NotRegistered):
        require_member(session, actor=ANA)


def test_membership_is_per_workspace(session: Session, clock: FakeClock) -> None:
    register_member(session, actor=ANA, as_mentor=True, as_mentee=False, identity=ANA_SLACK,
                    now=clock.now())
    assert find_member(session, actor=Actor("T2", "UANA")) is None
