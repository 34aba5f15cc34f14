"""The state machines of proposals and relationships, in one place.

    proposal:      pending -> accepted | declined | withdrawn | expired
                   withdrawn -> pending (reinstated, while the expiry window lasts)
    relationship:  active -> completed | withdrawn | inactive (closed after a warning)
"""

from __future__ import annotations

from domain.errors import DomainError
from domain.model import ProposalStatus, RelationshipStatus

PROPOSAL_MOVES: dict[tuple[ProposalStatus, str], ProposalStatus] = {
    (ProposalStatus.PENDING, "edit"): ProposalStatus.PENDING,
    (ProposalStatus.PENDING, "accept"): ProposalStatus.ACCEPTED,
    (ProposalStatus.PENDING, "decline"): ProposalStatus.DECLINED,
    (ProposalStatus.PENDING, "withdraw"): ProposalStatus.WITHDRAWN,
    (ProposalStatus.PENDING, "expire"): ProposalStatus.EXPIRED,
    (ProposalStatus.WITHDRAWN, "reinstate"): ProposalStatus.PENDING,
}

RELATIONSHIP_MOVES: dict[tuple[RelationshipStatus, str], RelationshipStatus] = {
    (RelationshipStatus.ACTIVE, "complete"): RelationshipStatus.COMPLETED,
    (RelationshipStatus.ACTIVE, "withdraw"): RelationshipStatus.WITHDRAWN,
    (RelationshipStatus.ACTIVE, "lapse"): RelationshipStatus.INACTIVE,
}

PROPOSAL_NOW: dict[ProposalStatus, str] = {
    ProposalStatus.PENDING: "is still waiting for an answer",
    ProposalStatus.ACCEPTED: "has already been accepted",
    ProposalStatus.DECLINED: "has already been declined",
    ProposalStatus.WITHDRAWN: "was withdrawn",
    ProposalStatus.EXPIRED: "expired without an answer",
}

RELATIONSHIP_NOW: dict[RelationshipStatus, str] = {
    RelationshipStatus.ACTIVE: "is still active",
    RelationshipStatus.COMPLETED: "has been completed",
    RelationshipStatus.WITHDRAWN: "has ended",
    RelationshipStatus.INACTIVE: "was closed as inactive",
}


class NotPossibleNow(DomainError):
    """The object has moved on since the button was drawn; the message says where it stands."""


def next_proposal_status(current: ProposalStatus, move: str) -> ProposalStatus:
    """The proposal's status after `move`; NotPossibleNow names its current state."""
    after = PROPOSAL_MOVES.get((current, move))
    if after is None:
        raise NotPossibleNow(f"This mentoring request {PROPOSAL_NOW.get(current, current)}.")
    return after


def next_relationship_status(current: RelationshipStatus, move: str) -> RelationshipStatus:
    """The relationship's status after `move`; NotPossibleNow names its current state."""
    after = RELATIONSHIP_MOVES.get((current, move))
    if after is None:
        raise NotPossibleNow(
            f"This mentoring relationship {RELATIONSHIP_NOW.get(current, current)}.")
    return after
