"""Whole-cohort matching: the best overall pairing, capacity, exclusions, and publishing once."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from domain.admin.cohort import (
    AlreadyPublished,
    cohort_review,
    publish_run,
    set_removed,
    suggest_matches,
)
from domain.admin.cohort.solver import (
    MenteeNeeds,
    MentorOffer,
    score_matrix,
    solve,
    solve_greedily,
    total,
)
from domain.errors import NotAllowed
from domain.loading import PROPOSAL
from domain.members import Actor
from domain.model import (
    CohortOutcome,
    CohortRun,
    Member,
    OutboxKind,
    Proposal,
    ProposalStatus,
    RelationshipStatus,
)
from domain.programme import ProgrammeLists
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once

ADMIN = Actor("T1", "UADMIN")


def _suggest(session: Session, clock: FakeClock) -> list[tuple[str, str]]:
    """Run Suggest matches as a workspace admin: the pairs by Slack user id, in review order."""
    run = suggest_matches(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    review = cohort_review(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                           now=clock.now())
    assert review is not None
    return [(p.mentee.slack_user_id, p.mentor.slack_user_id) for p in review.pairs]


def _known_programme(session: Session, lists: ProgrammeLists) -> None:
    """Worked out by hand: A fits X best (100) but the best whole is A-Y (80) + B-X (60) = 140;
    greedy takes A-X and leaves B with no one (100)."""
    seed.mentor(session, lists, "UX", areas=[1, 2, 3], role=0, community=0, capacity=1)
    seed.mentor(session, lists, "UY", areas=[1, 2], role=0, community=1, capacity=1)
    seed.mentee(session, lists, "UA", areas=[1, 2], role=0, community=0)
    seed.mentee(session, lists, "UB", areas=[3])


def test_the_optimal_assignment_is_found_where_greedy_falls_short(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _known_programme(session, lists)
    assert sorted(_suggest(session, clock)) == [("UA", "UY"), ("UB", "UX")]
    review = cohort_review(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    assert review is not None and review.totals.total_score == 140
    first = review.pairs[0]  # best fit first: A-Y, all of A's areas and the role
    assert (first.score, first.areas_met, first.areas_asked, first.role_met,
            first.community_met) == (80, 2, 2, True, False)


def test_greedy_baseline_differs_on_the_same_scores() -> None:
    mentees = [MenteeNeeds(1, frozenset({1, 2}), 10, 20),
               MenteeNeeds(2, frozenset({3}), None, None)]
    mentors = [MentorOffer(3, frozenset({1, 2, 3}), 10, 20, 1),
               MentorOffer(4, frozenset({1, 2}), 10, 21, 1)]
    scores = score_matrix(mentees, mentors, set())
    assert total(scores, solve(scores)) == 140
    assert total(scores, solve_greedily(scores)) == 100


def test_capacity_is_respected(session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    seed.mentor(session, lists, "UBEST", areas=[1], role=0, capacity=2)
    seed.mentor(session, lists, "UNEXT", areas=[1], role=1, capacity=3)
    for name in ("U1", "U2", "U3"):
        seed.mentee(session, lists, name, areas=[1], role=0)
    mentors = [mentor for _, mentor in _suggest(session, clock)]
    assert mentors.count("UBEST") == 2 and mentors.count("UNEXT") == 1


def test_places_already_taken_count(session: Session, lists: ProgrammeLists,
                                    clock: FakeClock) -> None:
    busy = seed.mentor(session, lists, "UBUSY", areas=[1], capacity=2)
    seed.pair(session, busy, seed.mentee(session, lists, "UOLD", areas=[1]))
    for name in ("U1", "U2"):
        seed.mentee(session, lists, name, areas=[1])
    assert [mentor for _, mentor in _suggest(session, clock)] == ["UBUSY"]


def test_exclusions_are_respected(session: Session, lists: ProgrammeLists,
                                  clock: FakeClock) -> None:
    mentor = seed.mentor(session, lists, "UM", areas=[1], capacity=5)
    seed.mentor(session, lists, "UCLOSED", areas=[1], capacity=5, open_now=False)
    before = seed.mentee(session, lists, "UBEFORE", areas=[1])
    seed.pair(session, mentor, before, status=RelationshipStatus.COMPLETED)
    declined = seed.mentee(session, lists, "UDECLINED", areas=[1])
    session.add(Proposal(team_id="T1", mentee=declined, mentor=mentor, area=lists.areas[1],
                         statement="", status=ProposalStatus.DECLINED, created_at=seed.WHEN,
                         updated_at=seed.WHEN, expires_at=seed.WHEN))
    colleague = seed.mentee(session, lists, "UCOLLEAGUE", areas=[1])
    colleague.organisation = " acme  FREIGHT"  # the mentor's own organisation, typed loosely
    seed.mentee(session, lists, "UNOTHING", areas=[5])  # meets nothing the mentor offers
    seed.mentee(session, lists, "UFREE", areas=[1])
    session.flush()
    assert _suggest(session, clock) == [("UFREE", "UM")]


def test_mentees_with_a_mentor_or_a_waiting_request_are_left_out(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    mentor = seed.mentor(session, lists, "UM", areas=[1], capacity=5)
    other = seed.mentor(session, lists, "UO", areas=[2], capacity=5)
    seed.pair(session, other, seed.mentee(session, lists, "UMATCHED", areas=[1]))
    waiting = seed.mentee(session, lists, "UWAITING", areas=[1])
    session.add(Proposal(team_id="T1", mentee=waiting, mentor=other, area=lists.areas[2],
                         statement="", status=ProposalStatus.PENDING, created_at=seed.WHEN,
                         updated_at=seed.WHEN, expires_at=seed.WHEN))
    seed.mentee(session, lists, "UFREE", areas=[1])
    session.flush()
    assert _suggest(session, clock) == [("UFREE", mentor.slack_user_id)]


def test_the_same_data_gives_the_same_suggestions_and_one_run_under_review(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    for i in range(6):
        seed.mentor(session, lists, f"UM{i}", areas=[i % 3, 3], role=i % 2, capacity=1 + i % 2)
    for i in range(12):
        seed.mentee(session, lists, f"UE{i}", areas=[i % 4], role=i % 3 if i % 2 else None)
    first, second = _suggest(session, clock), _suggest(session, clock)
    assert first == second and len(first) == 9
    assert len(session.scalars(select(CohortRun)).all()) == 1


def test_non_admins_are_refused(session: Session, lists: ProgrammeLists,
                                clock: FakeClock) -> None:
    nobody = Actor("T1", "UNOBODY")
    with pytest.raises(NotAllowed):
        suggest_matches(session, actor=nobody, workspace_admin=False, now=clock.now())
    run = suggest_matches(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    for attempt in (
            lambda: cohort_review(session, actor=nobody, workspace_admin=False, now=clock.now()),
            lambda: publish_run(session, actor=nobody, workspace_admin=False, run_id=run.id,
                                now=clock.now()),
            lambda: set_removed(session, actor=nobody, workspace_admin=False, run_id=run.id,
                                suggestion_id=1, removed=True, now=clock.now())):
        with pytest.raises(NotAllowed):
            attempt()


def test_publishing_sends_the_kept_pairs_once_as_programme_suggestions(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    _known_programme(session, lists)
    run = suggest_matches(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    review = cohort_review(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    assert review is not None
    removed = next(p for p in review.pairs if p.mentee.slack_user_id == "UB")
    for _ in range(2):  # a double click removes it once
        set_removed(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                    suggestion_id=removed.id, removed=True, now=clock.now())
    report = publish_run(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                         now=clock.now())
    assert (report.proposed, report.skipped, report.already) == (1, {}, False)
    again = publish_run(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                        now=clock.now())
    assert again.already and again.proposed == 1
    proposals = session.scalars(select(Proposal).where(Proposal.suggested_by_programme)
                                .options(*PROPOSAL)).all()
    assert [(p.mentee.slack_user_id, p.mentor.slack_user_id, p.status) for p in proposals] == [
        ("UA", "UY", ProposalStatus.PENDING)]
    cards = seed.dms(session, OutboxKind.PROPOSAL_CARD)
    assert [(c.recipient_user_id, c.payload["suggested"]) for c in cards] == [("UY", True)]
    assert [c.recipient_user_id for c in seed.dms(session, OutboxKind.PROPOSAL_SUGGESTED)] == [
        "UA"]
    with pytest.raises(AlreadyPublished):
        set_removed(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                    suggestion_id=removed.id, removed=False, now=clock.now())


def test_publishing_skips_what_changed_since_and_says_why(
        session: Session, lists: ProgrammeLists, clock: FakeClock) -> None:
    x = seed.mentor(session, lists, "UX", areas=[1], capacity=1)
    y = seed.mentor(session, lists, "UY", areas=[2], capacity=1)
    a = seed.mentee(session, lists, "UA", areas=[1])
    seed.mentee(session, lists, "UB", areas=[2])
    run = suggest_matches(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    session.add(Proposal(team_id="T1", mentee=a, mentor=y, area=lists.areas[2], statement="",
                         status=ProposalStatus.PENDING, created_at=seed.WHEN,
                         updated_at=seed.WHEN, expires_at=seed.WHEN))
    y.mentor_profile.open_to_requests = False
    session.flush()
    report = publish_run(session, actor=ADMIN, workspace_admin=True, run_id=run.id,
                         now=clock.now())
    assert report.proposed == 0
    assert report.skipped == {CohortOutcome.MENTEE_MATCHED: 1,
                              CohortOutcome.MENTOR_UNAVAILABLE: 1}
    assert session.scalar(select(Member.id).where(Member.id == x.id))  # nobody deleted


def test_two_admins_publishing_at_once_send_each_request_once(
        sessions: sessionmaker[Session], clock: FakeClock) -> None:
    with sessions.begin() as session:
        _known_programme(session, seed.programme(session))
        run_id = suggest_matches(session, actor=ADMIN, workspace_admin=True, now=clock.now()).id

    def publish(admin: Actor) -> bool:
        with sessions.begin() as session:
            return publish_run(session, actor=admin, workspace_admin=True, run_id=run_id,
                               now=clock.now()).already

    assert sorted(at_once(publish, [ADMIN, Actor("T1", "UOTHER")])) == [False, True]
    with sessions() as session:
        assert len(session.scalars(select(Proposal)).all()) == 2
        assert len(seed.dms(session, OutboxKind.PROPOSAL_CARD)) == 2
