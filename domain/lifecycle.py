"""The state machines of proposals and relationships, in one place.

    proposal:      pending -> accepted | declined | withdrawn | expired
                   withdrawn -> pending (reinstated, while the expiry window lasts)
    relationship:  active -> completed | withdrawn
"""

from __future__ import annotations

from domain.errors import DomainError

PROPOSAL_MOVES: dict[tuple[str, str], str] = {
    ("pending", "edit"): "pending",
    ("pending", "accept"): "accepted",
    ("pending", "decline"): "declined",
    ("pending", "withdraw"): "withdrawn",
    ("pending", "expire"): "expired",
    ("withdrawn", "reinstate"): "pending",
}

RELATIONSHIP_MOVES: dict[tuple[str, str], str] = {
    ("active", "complete"): "completed",
    ("active", "withdraw"): "withdrawn",
}

PROPOSAL_NOW = {
    "pending": "is still waiting for an answer",
    "accepted": "has already been accepted",
    "declined": "has already been declined",
    "withdrawn": "was withdrawn",
    "expired": "expired without an answer",
}

RELATIONSHIP_NOW = {
    "active": "is still active",
    "completed": "has been completed",
    "withdrawn": "has ended",
}


class NotPossibleNow(DomainError):
    """The object has moved on since the button was drawn; the message says where it stands."""


def next_proposal_status(current: str, move: str) -> str:
    """The proposal's status after `move`; NotPossibleNow names its current state."""
    after = PROPOSAL_MOVES.get((current, move))
    if after is None:
        raise NotPossibleNow(f"This mentoring request {PROPOSAL_NOW.get(current, current)}.")
    return after


def next_relationship_status(current: str, move: str) -> str:
    """The relationship's status after `move`; NotPossibleNow names its current state."""
    after = RELATIONSHIP_MOVES.get((current, move))
    if after is None:
        raise NotPossibleNow(
            f"This mentoring relationship {RELATIONSHIP_NOW.get(current, current)}.")
    return after
