"""Finding mentors: a small scoring rule, and a query that lets the database do the work.

The rule. Each criterion the mentee sets adds to a mentor's score when the mentor meets it:
areas of support weigh most, in proportion to how many of the requested areas the mentor
offers (all of them: 60 points); the mentor's role and professional community add 20 each.
Closest matches come first; among equals, the mentor with more spare capacity comes first
so that load spreads, then whoever joined the programme first. Exact matching keeps only
mentors who meet every criterion set; otherwise any mentor who meets at least one is shown
(all mentors, when no criterion is set). A keyword narrows further by job title,
organisation, name or bio.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

AREA_WEIGHT, ROLE_WEIGHT, COMMUNITY_WEIGHT = 60, 20, 20
MAX_KEYWORD = 60


@dataclass(frozen=True)
class SearchCriteria:
    """What a mentee is looking for; None means any."""

    area_ids: tuple[int, ...] = ()
    role_id: int | None = None
    community_id: int | None = None
    exact: bool = False
    keyword: str = ""

    @property
    def any_set(self) -> bool:
        """True when at least one scoring criterion is set."""
        return bool(self.area_ids) or self.role_id is not None or self.community_id is not None


@dataclass(frozen=True)
class Fit:
    """How well one mentor meets the criteria."""

    areas_met: int
    areas_asked: int
    role_met: bool
    community_met: bool
    score: Fraction

    def meets_all(self, criteria: SearchCriteria) -> bool:
        """Every criterion that is set is met."""
        return (self.areas_met == self.areas_asked
                and (criteria.role_id is None or self.role_met)
                and (criteria.community_id is None or self.community_met))

    def meets_any(self) -> bool:
        """At least one criterion is met."""
        return self.areas_met > 0 or self.role_met or self.community_met


def fit(criteria: SearchCriteria, *, area_ids: frozenset[int] | set[int], role_id: int,
        community_id: int) -> Fit:
    """Score a mentor's profile against the criteria (see the module's docstring)."""
    asked = set(criteria.area_ids)
    met = len(asked & set(area_ids))
    return fit_from_counts(criteria, areas_met=met, role_met=criteria.role_id == role_id,
                           community_met=criteria.community_id == community_id)


def fit_from_counts(criteria: SearchCriteria, *, areas_met: int, role_met: bool,
                    community_met: bool) -> Fit:
    """The same rule from counts the database worked out."""
    asked = len(set(criteria.area_ids))
    score = Fraction(AREA_WEIGHT * areas_met, asked) if asked else Fraction(0)
    score += ROLE_WEIGHT * role_met + COMMUNITY_WEIGHT * community_met
    return Fit(areas_met, asked, role_met, community_met, score)


def is_shown(criteria: SearchCriteria, result: Fit) -> bool:
    """Whether a mentor with this fit appears in the results at all."""
    if criteria.exact:
        return result.meets_all(criteria)
    return result.meets_any() or not criteria.any_set


def rank_key(result: Fit, spare: int, member_id: int) -> tuple[object, ...]:
    """Sort key: closest first, then most spare capacity, then who joined first."""
    return (-result.score, -spare, member_id)
