"""Whole-cohort matching for admins: the button that opens it, the review of a run page by
page, and what publishing did."""

from __future__ import annotations

from blocks import ids, kit
from blocks.kit import Block
from blocks.payloads import CohortPage, CohortPair, metadata, value
from domain.admin.cohort import CohortReview, PublishReport
from domain.model import CohortOutcome, CohortRunStatus, CohortSuggestion

TITLE = "Suggest matches"
SKIPPED_BECAUSE = {
    CohortOutcome.MENTEE_MATCHED: "the mentee has a mentor or a request waiting now",
    CohortOutcome.MENTEE_LEFT: "the mentee is no longer taking part as a mentee",
    CohortOutcome.MENTOR_UNAVAILABLE: "the mentor is no longer open to requests",
    CohortOutcome.MENTOR_FULL: "the mentor has no place left",
    CohortOutcome.NOT_POSSIBLE: "the pair can no longer be suggested",
}


def working_view(what: str = "Working out the best matches for the whole cohort…") -> Block:
    """Shown at once while the suggestion (or the publishing) runs."""
    return kit.modal(ids.ADMIN_COHORT_DONE_VIEW, TITLE, [kit.section(f":hourglass: {what}")])


def _score(score: float) -> str:
    return f"{score:.0f}" if score == int(score) else f"{score:.1f}"


def _meets(pair: CohortSuggestion) -> str:
    """Which of the mentee's criteria the mentor meets, in words."""
    parts = [f"{pair.areas_met} of {pair.areas_asked} areas"] if pair.areas_asked else []
    parts += [label for label, met in (("preferred role", pair.role_met),
                                       ("community", pair.community_met)) if met]
    return "Meets " + ", ".join(parts) + f" · fit {_score(pair.score)} of 100"


def pair_block(review: CohortReview, pair: CohortSuggestion) -> Block:
    """One pair: who with whom, how well they fit, and Remove (or Undo once removed)."""
    who = f"*{kit.escape(pair.mentee.name)}* → *{kit.escape(pair.mentor.name)}*"
    ref = value(CohortPair(review.run.id, pair.id, review.page))
    if pair.removed:
        line, button = f"~{who}~ · removed", kit.button("Undo", ids.ADMIN_COHORT_RESTORE, ref)
    else:
        line, button = f"{who}\n{_meets(pair)}", kit.button("Remove", ids.ADMIN_COHORT_REMOVE, ref)
    if review.run.status != CohortRunStatus.DRAFT:
        return kit.section(line, block_id=ids.admin_cohort_pair_block(pair.id))
    return kit.section(line, button, block_id=ids.admin_cohort_pair_block(pair.id))


def _summary(review: CohortReview) -> list[Block]:
    run, totals = review.run, review.totals
    kept = totals.suggested - totals.removed
    lines = [f"*{kept} pair{'s' if kept != 1 else ''} to propose*"
             + (f" ({totals.removed} removed)" if totals.removed else "")
             + f" · total fit {_score(totals.total_score)}",
             f"From {run.mentees_considered} mentees with no mentor and no request waiting, and "
             f"{run.mentors_considered} mentors open to requests with room."]
    unmatched = run.mentees_considered - totals.suggested
    if unmatched > 0:
        lines.append(f"{unmatched} mentee{'s' if unmatched != 1 else ''} had no suitable "
                     "mentor with room.")
    return [kit.section("\n".join(lines)), kit.context(
        f"Suggested {kit.slack_date(run.created_at, '{date_short_pretty} {time}')}. "
        "Publish sends each pair to the mentor as a request marked “Suggested by the "
        "programme”; mentors still accept or decline.")]


def _paging(review: CohortReview) -> list[Block]:
    buttons = []
    if review.page > 0:
        buttons.append(kit.button("Previous", ids.ADMIN_COHORT_PAGE,
                                  value(CohortPage(review.run.id, review.page - 1))))
    if review.page + 1 < review.pages:
        buttons.append(kit.button("Next", ids.ADMIN_COHORT_PAGE,
                                  value(CohortPage(review.run.id, review.page + 1))))
    if review.run.status == CohortRunStatus.DRAFT:
        buttons.append(kit.button("Suggest again", ids.ADMIN_COHORT_SUGGEST,
                                  value(CohortPage(review.run.id))))
    return [kit.context(f"Page {review.page + 1} of {review.pages}"),
            *([kit.actions(*buttons, block_id=ids.ADMIN_COHORT_PAGING)] if buttons else [])]


def review_view(review: CohortReview) -> Block:
    """The run under review: totals, one page of pairs, paging, and Publish."""
    blocks = [*_summary(review), kit.divider()]
    if not review.pairs:
        blocks.append(kit.section("No pairs to suggest: no unmatched mentee meets any criterion "
                                  "of an open mentor with room."))
    blocks += [pair_block(review, pair) for pair in review.pairs]
    blocks += [kit.divider(), *_paging(review)]
    publishable = review.run.status == CohortRunStatus.DRAFT and \
        review.totals.suggested > review.totals.removed
    return kit.modal(ids.ADMIN_COHORT_PUBLISH, TITLE, blocks,
                     submit="Publish" if publishable else None, close="Close",
                     private_metadata=metadata(CohortPage(review.run.id, review.page)))


def published_view(report: PublishReport) -> Block:
    """What publishing did: requests sent, and pairs skipped with the reason."""
    sent = report.proposed
    head = ("These suggestions were published already. " if report.already else "") + \
        f":white_check_mark: *{sent} request{'s' if sent != 1 else ''} sent to mentors*, each " \
        "marked “Suggested by the programme”. Mentors accept or decline as usual."
    lines = [f"• {n} skipped: {SKIPPED_BECAUSE.get(CohortOutcome(k), k)}"
             for k, n in sorted(report.skipped.items())]
    blocks = [kit.section(head)]
    if lines:
        blocks.append(kit.section("*Not sent*, because things changed since the suggestion:\n"
                                  + "\n".join(lines)))
    return kit.modal(ids.ADMIN_COHORT_DONE_VIEW, "Matches published", blocks, close="Done")
