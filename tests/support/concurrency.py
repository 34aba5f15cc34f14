"""Work started at the same moment from several threads, as simultaneous clicks arrive."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from domain.lifecycle import NotPossibleNow
from domain.members import Actor
from domain.proposals import MentorAtCapacity, accept_proposal

T = TypeVar("T")
JOHN = Actor("T1", "UJOHN")


def at_once(work: Callable[[T], object], items: Sequence[T]) -> list[object]:
    """`work(item)` for every item, each in its own thread and all released together: what
    each returned or raised, in the order of `items`."""
    start, outcomes = threading.Barrier(len(items)), [None] * len(items)

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = work(items[index])
        except Exception as error:  # returned, so the test can say what went wrong
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(items))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def accepted_at_once(sessions: sessionmaker[Session], proposal_ids: Sequence[int],
                     now: datetime, mentor: Actor = JOHN) -> list[str]:
    """The mentor accepts every request at the same moment, each in its own transaction:
    "accepted", "full" or "closed" (the winner took the last place and closed the rest) for
    each, sorted."""
    def accept(proposal_id: int) -> str:
        with sessions.begin() as session:
            accept_proposal(session, actor=mentor, proposal_id=proposal_id, now=now)
        return "accepted"

    outcomes = at_once(accept, proposal_ids)
    return sorted("full" if isinstance(o, MentorAtCapacity) else
                  "closed" if isinstance(o, NotPossibleNow) else str(o) for o in outcomes)
