"""Whole-cohort matching: suggest the best overall pairing, review it, publish it once."""

from domain.admin.cohort.publish import PublishReport, publish_run
from domain.admin.cohort.runs import (
    PAGE_SIZE,
    AlreadyPublished,
    CohortReview,
    Totals,
    cohort_review,
    set_removed,
    suggest_matches,
)

__all__ = [
    "PAGE_SIZE",
    "AlreadyPublished",
    "CohortReview",
    "PublishReport",
    "Totals",
    "cohort_review",
    "publish_run",
    "set_removed",
    "suggest_matches",
]
