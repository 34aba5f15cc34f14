"""The assignment itself: a score for every mentee and mentor, then the best overall pairing.

Pure functions of plain values, so the tests and the benchmark call them directly. The score
of a pair is search's (domain.matching): areas of support in proportion, role and community;
a pair the programme must not suggest scores 0, and a pair scoring 0 is never suggested.
Solving is the assignment problem over capacity-expanded columns (each mentor repeated once
per spare place), maximising the total score with `scipy.optimize.linear_sum_assignment`:
exact, and for the same input always the same answer. Rows and columns are sorted by id, so
the same data gives the same input.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from domain.matching import AREA_WEIGHT, COMMUNITY_WEIGHT, ROLE_WEIGHT


@dataclass(frozen=True)
class MenteeNeeds:
    """What an unmatched mentee asked for in their profile."""

    member_id: int
    area_ids: frozenset[int]
    role_id: int | None
    community_id: int | None
    organisation: str = ""


@dataclass(frozen=True)
class MentorOffer:
    """What an open mentor offers, and how many more mentees they can take."""

    member_id: int
    area_ids: frozenset[int]
    role_id: int
    community_id: int
    spare: int
    organisation: str = ""


@dataclass(frozen=True)
class Scores:
    """Every pair's fit: the score, and which criteria it meets (rows mentees, columns mentors)."""

    mentees: list[MenteeNeeds]
    mentors: list[MentorOffer]
    score: NDArray[np.float64]
    areas_met: NDArray[np.int32]
    role_met: NDArray[np.bool_]
    community_met: NDArray[np.bool_]


@dataclass(frozen=True)
class Pairing:
    """One suggested pair, as row and column of the scores."""

    row: int
    column: int


def score_matrix(mentees: list[MenteeNeeds], mentors: list[MentorOffer],
                 excluded: Collection[tuple[int, int]]) -> Scores:
    """Every mentee against every mentor by search's rule; excluded pairs (mentee id,
    mentor id), colleagues of one organisation and a member paired with themselves score 0."""
    mentees = sorted(mentees, key=lambda m: m.member_id)
    mentors = sorted(mentors, key=lambda m: m.member_id)
    areas = sorted(set().union(*(m.area_ids for m in mentees), *(m.area_ids for m in mentors)))
    column_of = {area: i for i, area in enumerate(areas)}
    wants, offers = _incidence(mentees, column_of), _incidence(mentors, column_of)
    met = (wants @ offers.T).astype(np.int32)
    asked = wants.sum(axis=1, keepdims=True)
    score = np.divide(AREA_WEIGHT * met, asked, out=np.zeros(met.shape), where=asked > 0)
    role_met = _same(mentees, mentors, "role_id")
    community_met = _same(mentees, mentors, "community_id")
    score += ROLE_WEIGHT * role_met + COMMUNITY_WEIGHT * community_met
    score[_same_organisation(mentees, mentors)] = 0
    _zero_excluded(score, mentees, mentors, excluded)
    return Scores(mentees, mentors, score, met, role_met, community_met)


def _incidence(people: list[MenteeNeeds] | list[MentorOffer],
               column_of: dict[int, int]) -> NDArray[np.int32]:
    matrix = np.zeros((len(people), len(column_of)), dtype=np.int32)
    for row, one in enumerate(people):
        matrix[row, [column_of[a] for a in one.area_ids]] = 1
    return matrix


def _same(mentees: list[MenteeNeeds], mentors: list[MentorOffer], field: str
          ) -> NDArray[np.bool_]:
    """Where the mentee's preference is set and the mentor's value equals it."""
    wanted = np.array([getattr(m, field) or 0 for m in mentees], dtype=np.int64)
    offered = np.array([getattr(m, field) for m in mentors], dtype=np.int64)
    return (wanted[:, None] == offered[None, :]) & (wanted[:, None] > 0)


def _same_organisation(mentees: list[MenteeNeeds], mentors: list[MentorOffer]
                       ) -> NDArray[np.bool_]:
    """Where both name the same organisation (ignoring case and spacing); blank never matches."""
    codes: dict[str, int] = {}

    def code(name: str) -> int:
        key = _organisation_key(name)
        return codes.setdefault(key, len(codes) + 1) if key else 0

    mine = np.array([code(m.organisation) for m in mentees], dtype=np.int64)
    theirs = np.array([code(m.organisation) for m in mentors], dtype=np.int64)
    return (mine[:, None] == theirs[None, :]) & (mine[:, None] > 0)


def _organisation_key(name: str) -> str:
    return " ".join(name.casefold().split())


def same_organisation(one: str, other: str) -> bool:
    """Both name the same organisation (ignoring case and spacing); blank never matches."""
    return bool(_organisation_key(one)) and _organisation_key(one) == _organisation_key(other)


def _zero_excluded(score: NDArray[np.float64], mentees: list[MenteeNeeds],
                   mentors: list[MentorOffer], excluded: Collection[tuple[int, int]]) -> None:
    row_of = {m.member_id: i for i, m in enumerate(mentees)}
    column_of = {m.member_id: j for j, m in enumerate(mentors)}
    for mentee_id, mentor_id in [*excluded, *((i, i) for i in row_of)]:
        if mentee_id in row_of and mentor_id in column_of:
            score[row_of[mentee_id], column_of[mentor_id]] = 0


def solve(scores: Scores) -> list[Pairing]:
    """The pairing with the greatest total score: each mentee at most once, each mentor at most
    their spare places, no pair scoring 0. Ordered by mentee."""
    rows = np.flatnonzero((scores.score > 0).any(axis=1))
    if rows.size == 0:  # nobody fits anyone (every pair excluded, say): nothing to solve
        return []
    wanted = (scores.score[rows] > 0).sum(axis=0)
    # A mentor needs no more columns than the mentees who could go to them.
    places = [min(m.spare, int(wanted[j])) for j, m in enumerate(scores.mentors)]
    columns = np.repeat(np.arange(len(scores.mentors)), places)
    if columns.size == 0:
        return []
    chosen_rows, chosen_columns = linear_sum_assignment(
        scores.score[np.ix_(rows, columns)], maximize=True)
    pairs = [Pairing(int(rows[r]), int(columns[c]))
             for r, c in zip(chosen_rows, chosen_columns, strict=True)]
    return sorted((p for p in pairs if scores.score[p.row, p.column] > 0), key=lambda p: p.row)


def solve_greedily(scores: Scores) -> list[Pairing]:
    """The baseline the benchmark compares with: best pair first, while both are free."""
    rows, columns = np.nonzero(scores.score > 0)  # row-major: ties by mentee, then mentor
    order = np.argsort(-scores.score[rows, columns], kind="stable")
    spare = [m.spare for m in scores.mentors]
    taken: set[int] = set()
    pairs = []
    for row, column in zip(rows[order].tolist(), columns[order].tolist(), strict=True):
        if row not in taken and spare[column] > 0:
            taken.add(row)
            spare[column] -= 1
            pairs.append(Pairing(row, column))
    return sorted(pairs, key=lambda p: p.row)


def total(scores: Scores, pairs: list[Pairing]) -> float:
    """The total fit of a pairing."""
    return float(sum(scores.score[p.row, p.column] for p in pairs))
