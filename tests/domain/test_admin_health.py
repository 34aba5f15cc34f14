"""The health report's figures on a programme counted by hand, month by month, and its cost."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot import db
from domain import feedback
from domain.admin.health import DOWN, FLAT, UP, HealthReport, Monthly, health_report
from domain.admin.health import feedback as health_feedback
from domain.errors import NotAllowed
from domain.members import Actor
from domain.model import Stage
from tests.support import health_seed
from tests.support.clock import FakeClock
from tests.support.health_seed import SECRET, at, hand_counted
from tests.support.statements import counting

ADMIN = Actor("T1", "UBOSS")
# The window on 23 Nov 2026: Dec 2025 (index 0) ... Oct 2026 (10), Nov 2026 (11).
OCT, NOV, SEP, JUN = 10, 11, 9, 6


def months(**at_index: float) -> tuple[float | None, ...]:
    """Twelve zeros but for the months named: months(m10=2, m11=3)."""
    values = [0] * 12
    for key, value in at_index.items():
        values[int(key[1:])] = value
    return tuple(values)


@pytest.fixture
def report(session: Session, clock: FakeClock) -> HealthReport:
    hand_counted(session)
    return health_report(session, actor=ADMIN, workspace_admin=True, now=clock.now())


def test_the_window_is_the_last_twelve_calendar_months(report: HealthReport) -> None:
    assert report.labels[0] == "Dec 2025" and report.labels[-1] == "Nov 2026"
    assert len(report.months) == 12 and report.period == "Dec 2025 – Nov 2026"


def test_members_by_role_and_when_they_joined(report: HealthReport) -> None:
    members = report.members
    assert (members.mentors_only, members.mentees_only, members.both) == (2, 3, 1)
    assert (members.total, members.mentors, members.mentees) == (6, 3, 4)
    assert members.joined.values == months(m10=2, m11=3)  # UE3 joined before the window


def test_requests_by_outcome_and_month_it_happened(report: HealthReport) -> None:
    p = report.proposals
    assert (p.sent, p.accepted, p.declined, p.expired, p.withdrawn, p.waiting) == (
        7, 3, 1, 1, 1, 1)
    assert p.sent_by_month.values == months(m9=1, m10=2, m11=3)
    assert p.accepted_by_month.values == months(m10=1, m11=1)
    assert p.declined_by_month.values == months(m11=1)  # sent in October, declined in November
    assert p.expired_by_month.values == months(m9=1)
    assert p.withdrawn_by_month.values == months(m11=1)


def test_median_time_to_the_mentors_answer(report: HealthReport) -> None:
    # Answers in the window took 24 h (Oct), 312 h and 6 h (Nov); the 2025 one is outside.
    p = report.proposals
    assert p.median_answer_hours == 24.0
    assert p.median_answer_by_month.values[OCT] == 24.0
    assert p.median_answer_by_month.values[NOV] == 159.0  # the mean of the two middle ones
    assert p.median_answer_by_month.values[SEP] is None


def test_relationships_by_status_stage_and_month(report: HealthReport) -> None:
    r = report.relationships
    assert (r.active, r.completed, r.ended_early, r.started) == (2, 1, 1, 4)
    assert r.by_stage == ((Stage.FIRST_CONVERSATION, 1), (Stage.PROGRESSION, 1),
                          (Stage.COMPLETION, 0))
    assert r.started_by_month.values == months(m6=1, m10=1, m11=1)
    assert r.completed_by_month.values == months(m10=1)


def test_a_relationship_closed_as_inactive_is_its_own_figure(
        session: Session, clock: FakeClock) -> None:
    people = hand_counted(session)
    health_seed.pair(session, people["E3"], people["M2"], health_seed.RelationshipStatus.INACTIVE,
                     Stage.FIRST_CONVERSATION, at("2026-06-10"), ended=at("2026-10-20"))
    r = health_report(session, actor=ADMIN, workspace_admin=True, now=clock.now()).relationships
    assert (r.active, r.completed, r.ended_early, r.closed_inactive, r.started) == (
        2, 1, 1, 1, 5)
    assert r.completed_by_month.values == months(m10=1)  # only the completed one
    assert r.started_by_month.values == months(m6=2, m10=1, m11=1)


def test_meetings_held_and_goals(report: HealthReport) -> None:
    m, g = report.meetings, report.goals
    assert (m.held, m.upcoming) == (2, 1)  # the cancelled one is neither
    assert m.held_by_month.values == months(m10=1, m11=1)
    assert (g.set, g.completed) == (3, 2)
    assert g.set_by_month.values == months(m10=1, m11=1)
    assert g.completed_by_month.values == months(m11=1)


def test_feedback_averages_and_comments_without_names(report: HealthReport) -> None:
    f = report.feedback
    assert f.answers == 3 and f.average_rating == 3.67 and f.recommend_share == 0.667
    assert dict(f.goals_met) == {"fully": 1, "mostly": 1, "partly": 0, "not_yet": 1}
    assert f.answers_by_month.values == months(m10=1, m11=2)
    assert f.rating_by_month.values[OCT] == 5.0 and f.rating_by_month.values[NOV] == 3.0
    assert f.rating_by_month.values[SEP] is None
    assert [(c.when, c.what_worked, c.could_be_better) for c in f.comments] == [
        ("Nov 2026", "", "More time"), ("Oct 2026", "Clear goals", "")]


def test_the_survey_answers_are_the_surveys_own() -> None:
    assert health_feedback.GOALS_MET == feedback.GOALS_MET


def test_nothing_private_or_personal_is_in_the_report(report: HealthReport) -> None:
    shown = repr(report)
    for private in (SECRET, "Name of", "UE1", "UM1", "private", "Private"):
        assert private not in shown


def test_trend_arrows_compare_this_month_with_the_last() -> None:
    assert Monthly(months(m10=2, m11=3)).arrow == UP
    assert Monthly(months(m10=3, m11=1)).arrow == DOWN
    assert Monthly(months(m10=1, m11=1)).arrow == FLAT
    assert Monthly((None,) * 12).arrow == FLAT


def test_only_admins_see_it(session: Session, clock: FakeClock) -> None:
    hand_counted(session)
    with pytest.raises(NotAllowed):
        health_report(session, actor=Actor("T1", "UE1"), workspace_admin=False, now=clock.now())


def test_another_workspace_is_not_counted(session: Session, clock: FakeClock) -> None:
    hand_counted(session, team_id="T2")
    report = health_report(session, actor=ADMIN, workspace_admin=True, now=clock.now())
    assert report.members.total == 0 and report.proposals.sent == 0
    assert report.feedback.average_rating is None and report.proposals.median_answer_hours is None


def _grow(session: Session, times: int) -> None:
    """More of everything in T1: members, requests, pairs, meetings, goals, feedback."""
    for n in range(times):
        mentor = health_seed.member(session, "T1", f"UXM{n}", "2026-08-01", mentor=True)
        mentee = health_seed.member(session, "T1", f"UXE{n}", "2026-09-01", mentee=True)
        health_seed.proposal(session, mentee, mentor, health_seed.ProposalStatus.ACCEPTED,
                             at("2026-09-02"), at("2026-09-03"))
        together = health_seed.pair(session, mentee, mentor, health_seed.RelationshipStatus.ACTIVE,
                                    Stage.PROGRESSION, at("2026-09-03"))
        health_seed.meeting(session, together, at("2026-09-10", 9))
        health_seed.goal(session, together, at("2026-09-11"))
        health_seed.feedback(session, together, mentee, 3, "partly", True, at("2026-09-20"),
                             worked=f"Comment {n}")


def test_the_same_statements_whatever_the_size(clean_engine: Engine, clock: FakeClock) -> None:
    sessions = db.session_factory(clean_engine)
    counted = []
    for growth in (0, 40):
        with sessions.begin() as session:
            if growth == 0:
                hand_counted(session)
            _grow(session, growth)
        with sessions() as session, counting(clean_engine) as statements:
            health_report(session, actor=ADMIN, workspace_admin=True, now=clock.now())
        counted.append(len(statements))
    # require_admin reads the programme (1), then the eight statements of build_report.
    assert counted == [9, 9], counted
