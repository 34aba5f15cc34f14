"""The proposal and relationship state machines, transition by transition."""

from __future__ import annotations

import pytest

from domain.lifecycle import (
    PROPOSAL_MOVES,
    NotPossibleNow,
    next_proposal_status,
    next_relationship_status,
)

ALLOWED = [("pending", "accept", "accepted"), ("pending", "decline", "declined"),
           ("pending", "withdraw", "withdrawn"), ("pending", "expire", "expired"),
           ("withdrawn", "reinstate", "pending"), ("pending", "edit", "pending")]


@pytest.mark.parametrize(("before", "move", "after"), ALLOWED)
def test_each_allowed_proposal_move(before: str, move: str, after: str) -> None:
    assert next_proposal_status(before, move) == after


@pytest.mark.parametrize("before", ["accepted", "declined", "withdrawn", "expired"])
@pytest.mark.parametrize("move", ["accept", "decline", "withdraw", "expire", "edit"])
def test_a_closed_proposal_refuses_every_move_and_says_where_it_stands(before: str,
                                                                      move: str) -> None:
    if (before, move) in PROPOSAL_MOVES:
        return
    with pytest.raises(NotPossibleNow) as refused:
        next_proposal_status(before, move)
    assert "This mentoring request" in refused.value.message


def test_only_a_withdrawn_proposal_can_be_reinstated() -> None:
    for before in ("pending", "accepted", "declined", "expired"):
        with pytest.raises(NotPossibleNow):
            next_proposal_status(before, "reinstate")


@pytest.mark.parametrize(("move", "after"), [("complete", "completed"), ("withdraw", "withdrawn")])
def test_an_active_relationship_can_end_either_way(move: str, after: str) -> None:
    assert next_relationship_status("active", move) == after


@pytest.mark.parametrize("before", ["completed", "withdrawn"])
def test_an_ended_relationship_cannot_end_again(before: str) -> None:
    with pytest.raises(NotPossibleNow) as refused:
        next_relationship_status(before, "withdraw")
    assert "relationship" in refused.value.message
