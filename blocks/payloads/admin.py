"""The payloads of the programme admins' screens: lists, alerts, matching, cohorts."""

from __future__ import annotations

from dataclasses import dataclass

from blocks.codec import BoundView, count, shape, text


@shape("alist")
@dataclass(frozen=True)
class AdminListPage:
    """Which list an admin is looking at (area, role, community, theme), and which page."""

    kind: str
    page: int = count()


@shape("aitem")
@dataclass(frozen=True)
class AdminListItem:
    """One entry's action: edit, up, down, retire or back; `at` is where the admin saw it
    (from 1), so a repeated move finds it moved already and does nothing."""

    verb: str
    item: int
    at: int = count()


@shape("aform")
@dataclass(frozen=True)
class AdminListForm:
    """The add or edit form: which list, the entry when editing, and the list beneath it."""

    kind: str
    item: int | None = None
    page: int = count()
    parent: BoundView | None = None
@shape("alert")
@dataclass(frozen=True)
class AlertRef:
    """An alert card in the admin channel."""

    alert: int


@shape("adminmatch")
@dataclass(frozen=True)
class MatchDraft:
    """A manual match on its way: the two Slack users, the note, and the alert it answers."""

    mentee: str | None = None
    mentor: str | None = None
    note: str = text(500, "")
    alert: int | None = None
# Whole-cohort matching
@shape("cohortpage")
@dataclass(frozen=True)
class CohortPage:
    """A page of a cohort run's review (also the review's private_metadata)."""

    run: int
    page: int = count()


@shape("cohortpair")
@dataclass(frozen=True)
class CohortPair:
    """One suggested pair of a run, and the review page it was shown on."""

    run: int
    pair: int
    page: int = count()
