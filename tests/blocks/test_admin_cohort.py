"""The cohort review: a full page within Slack's limits, removed pairs, a published run."""

from __future__ import annotations

from datetime import UTC, datetime

from blocks import ids
from blocks.admin_cohort import published_view, review_view
from domain.admin.cohort import PAGE_SIZE, CohortReview, PublishReport, Totals
from domain.model import CohortOutcome, CohortRun, CohortRunStatus, CohortSuggestion, Member
from tests.journeys.steps import button_values, text_of
from tests.support.block_limits import assert_fits_slack

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _review(status: CohortRunStatus = CohortRunStatus.DRAFT, removed: int = 0) -> CohortReview:
    run = CohortRun(id=7, team_id="T1", status=status, created_by="UADMIN", created_at=WHEN,
                    mentees_considered=2000, mentors_considered=1000)
    pairs = [CohortSuggestion(
        id=100 + n, run_id=7, position=n, mentee_id=n, mentor_id=5000 + n, score=86.7,
        areas_met=2, areas_asked=3, role_met=True, community_met=n % 2 == 0,
        removed=n < removed,
        mentee=Member(id=n, name="Ｍ" * 120 + "*bold*"), mentor=Member(id=5000 + n, name="<@U1>"))
        for n in range(PAGE_SIZE)]
    return CohortReview(run, pairs, page=3, totals=Totals(1800, removed, 150000.5))


def test_a_full_page_fits_slack_and_escapes_names() -> None:
    view = review_view(_review())
    assert_fits_slack(view)
    assert view["callback_id"] == ids.ADMIN_COHORT_PUBLISH and view["submit"]
    assert len(button_values(view, ids.ADMIN_COHORT_REMOVE)) == PAGE_SIZE
    assert "Page 4 of 90" in text_of(view) and "<@U1>" not in text_of(view)
    assert "Meets 2 of 3 areas, preferred role, community · fit 86.7 of 100" in text_of(view)
    assert len(button_values(view, ids.ADMIN_COHORT_PAGE)) == 2


def test_removed_pairs_offer_undo_and_a_published_run_no_buttons() -> None:
    view = review_view(_review(removed=2))
    assert len(button_values(view, ids.ADMIN_COHORT_RESTORE)) == 2
    assert "(2 removed)" in text_of(view)
    published = review_view(_review(CohortRunStatus.PUBLISHED))
    assert "submit" not in published
    assert not button_values(published, ids.ADMIN_COHORT_REMOVE)
    assert not button_values(published, ids.ADMIN_COHORT_SUGGEST)


def test_the_summary_says_what_was_sent_and_why_others_were_not() -> None:
    view = published_view(PublishReport(7, {CohortOutcome.PROPOSED: 3,
                                            CohortOutcome.MENTOR_FULL: 1}, already=False))
    assert_fits_slack(view)
    assert "3 requests sent" in text_of(view) and "1 skipped: the mentor has no place" in \
        text_of(view)
