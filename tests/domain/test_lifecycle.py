"""The proposal and relationship state machines, transition by transition."""

from __future__ import annotations

import pytest

from domain.lifecycle import (
    PROPOSAL_MOVES,
    PROPOSAL_NOW,
    RELATIONSHIP_NOW,
    NotPossibleNow,
    next_proposal_status,
    next_relationship_status,
)
from domain.model import ProposalStatus as P
from domain.model import RelationshipStatus as R

ALLOWED = [(P.PENDING, "accept", P.ACCEPTED), (P.PENDING, "decline", P.DECLINED),
           (P.PENDING, "withdraw", P.WITHDRAWN), (P.PENDING, "expire", P.EXPIRED),
           (P.WITHDRAWN, "reinstate", P.PENDING), (P.PENDING, "edit", P.PENDING)]


@pytest.mark.parametrize(("before", "move", "after"), ALLOWED)
def test_each_allowed_proposal_move(before: P, move: str, after: P) -> None:
    assert next_proposal_status(before, move) == after


@pytest.mark.parametrize("before", [P.ACCEPTED, P.DECLINED, P.WITHDRAWN, P.EXPIRED])
@pytest.mark.parametrize("move", ["accept", "decline", "withdraw", "expire", "edit"])
def test_a_closed_proposal_refuses_every_move_and_says_where_it_stands(before: P,
                                                                      move: str) -> None:
    if (before, move) in PROPOSAL_MOVES:
        return
    with pytest.raises(NotPossibleNow) as refused:
        next_proposal_status(before, move)
    assert "This mentoring request" in refused.value.message


def test_only_a_withdrawn_proposal_can_be_reinstated() -> None:
    for before in (P.PENDING, P.ACCEPTED, P.DECLINED, P.EXPIRED):
        with pytest.raises(NotPossibleNow):
            next_proposal_status(before, "reinstate")


def test_every_status_has_words_for_where_it_stands() -> None:
    assert set(PROPOSAL_NOW) == set(P) and set(RELATIONSHIP_NOW) == set(R)


@pytest.mark.parametrize(("move", "after"), [("complete", R.COMPLETED), ("withdraw", R.WITHDRAWN),
                                             ("lapse", R.INACTIVE)])
def test_an_active_relationship_can_end_each_way(move: str, after: R) -> None:
    assert next_relationship_status(R.ACTIVE, move) == after


@pytest.mark.parametrize("before", [R.COMPLETED, R.WITHDRAWN, R.INACTIVE])
@pytest.mark.parametrize("move", ["complete", "withdraw", "lapse"])
def test_an_ended_relationship_cannot_end_again(before: R, move: str) -> None:
    with pytest.raises(NotPossibleNow) as refused:
        next_relationship_status(before, move)
    assert "relationship" in refused.value.message
