"""The Account modal's use cases: e-mail, pausing either role, reminders; each on one's own."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from domain.account import (
    REMINDER_KINDS,
    AccountAnswers,
    change_contact_email,
    choose_reminders,
    open_account,
    pause_mentee,
    pause_mentoring,
    save_account,
)
from domain.admin.cohort.candidates import unmatched_mentees
from domain.admin.matching import MatchRequest, match_manually
from domain.errors import InvalidInput, NotRegistered
from domain.members import Actor
from domain.model import MenteeProfile, MentorProfile, NudgeKind, OutboxKind, ProposalStatus
from domain.programme import ProgrammeLists
from domain.proposals import ProposalAnswers, propose_mentorship
from domain.reminders import muted_kinds
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.seed import actor, dms

ALL_ON = frozenset(REMINDER_KINDS)


def answers(email: str = "john@example.org", *, mentor_paused: bool = False,
            mentee_paused: bool = False, on: frozenset[NudgeKind] = ALL_ON) -> AccountAnswers:
    return AccountAnswers(email, mentor_paused, mentee_paused, on)


def test_a_newcomer_has_no_account_to_open(session: Session, lists: ProgrammeLists) -> None:
    with pytest.raises(NotRegistered):
        open_account(session, actor=Actor("T1", "UNEW"))


def test_the_account_shows_only_the_roles_one_has(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    johns, alices = open_account(session, actor=actor(john)), open_account(session,
                                                                          actor=actor(alice))
    assert (johns.mentor_paused, johns.mentee_paused) == (False, None)
    assert (alices.mentor_paused, alices.mentee_paused) == (None, False)
    assert johns.reminders_on == ALL_ON and NudgeKind.DIGEST not in ALL_ON


@pytest.mark.parametrize("typed", ["", "john", "john@", "john smith@example.org", "a@b"])
def test_a_bad_e_mail_is_refused_beside_its_field_and_nothing_changes(
        session: Session, lists: ProgrammeLists, clock: FakeClock, typed: str) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    before = john.contact_email
    with pytest.raises(InvalidInput) as refused:
        save_account(session, actor=actor(john), answers=answers(typed, mentor_paused=True),
                     now=clock.now())
    assert set(refused.value.errors) == {"contact_email"}
    assert john.contact_email == before
    assert session.get(MentorProfile, john.id).open_to_requests


def test_the_e_mail_changes_for_the_actor_only(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    jane = seed.mentor(session, lists, "UJANE", areas=[1])
    janes = jane.contact_email
    change_contact_email(session, actor=actor(john), email="  john@freight.example ",
                         now=clock.now())
    assert john.contact_email == "john@freight.example" and jane.contact_email == janes
    assert open_account(session, actor=actor(john)).contact_email == "john@freight.example"


def test_pausing_as_a_mentor_answers_waiting_requests_kindly_and_resuming_reopens(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=3)
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    waiting = propose_mentorship(session, actor=actor(alice), mentor_id=john.id,
                                 answers=ProposalAnswers(lists.areas[1].id, "Please."),
                                 now=clock.now())
    save_account(session, actor=actor(john), answers=answers(john.contact_email,
                                                             mentor_paused=True),
                 now=clock.now())
    assert waiting.status == ProposalStatus.DECLINED
    told = dms(session, OutboxKind.PROPOSAL_UNAVAILABLE)
    assert [(m.recipient_user_id, m.payload["reason"]) for m in told] == [("UALICE", "paused")]
    assert open_account(session, actor=actor(john)).mentor_paused is True
    assert pause_mentoring(session, actor=actor(john), paused=False, now=clock.now()) == 0
    assert session.get(MentorProfile, john.id).open_to_requests


def test_a_role_one_does_not_have_cannot_be_paused(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    with pytest.raises(InvalidInput):
        pause_mentoring(session, actor=actor(alice), paused=True, now=clock.now())
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    with pytest.raises(InvalidInput):
        pause_mentee(session, actor=actor(john), paused=True, now=clock.now())


def test_a_paused_mentee_is_passed_by_in_cohort_suggestions_and_manual_matching(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    seed.mentor(session, lists, "UJOHN", areas=[1], capacity=3)
    alice = seed.mentee(session, lists, "UALICE", areas=[1])
    bob = seed.mentee(session, lists, "UBOB", areas=[1])
    save_account(session, actor=actor(alice), answers=answers(alice.contact_email,
                                                              mentee_paused=True),
                 now=clock.now())
    session.flush()
    assert session.get(MenteeProfile, alice.id).paused
    assert [m.member_id for m in unmatched_mentees(session, team_id="T1")] == [bob.id]
    with pytest.raises(InvalidInput) as refused:
        match_manually(session, actor=Actor("T1", "UADMIN"), workspace_admin=True,
                       admin_name="Sam Admin", request=MatchRequest("UALICE", "UJOHN"),
                       override=True, now=clock.now())
    assert "paused" in refused.value.errors["mentee"]
    pause_mentee(session, actor=actor(alice), paused=False, now=clock.now())
    session.flush()
    assert {m.member_id for m in unmatched_mentees(session, team_id="T1")} == {alice.id, bob.id}


def test_unticked_reminders_are_muted_and_ticked_ones_unmuted(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    jane = seed.mentor(session, lists, "UJANE", areas=[1])
    off = {NudgeKind.MEETING_SOON, NudgeKind.GOAL_DUE}
    choose_reminders(session, actor=actor(john), on=ALL_ON - off, now=clock.now())
    assert muted_kinds(session, actor=actor(john)) == off
    assert muted_kinds(session, actor=actor(jane)) == set()
    save_account(session, actor=actor(john),
                 answers=answers(john.contact_email, on=ALL_ON - {NudgeKind.GOAL_DUE}),
                 now=clock.now())
    assert muted_kinds(session, actor=actor(john)) == {NudgeKind.GOAL_DUE}
    assert open_account(session, actor=actor(john)).reminders_on == ALL_ON - {NudgeKind.GOAL_DUE}
