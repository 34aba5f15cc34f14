"""Fixtures of the domain tests: a programme with its default lists."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from domain.model import Member, Relationship
from domain.programme import ProgrammeLists
from tests.support import seed


@pytest.fixture
def lists(session: Session) -> ProgrammeLists:
    """The test workspace's programme, seeded with the default lists."""
    return seed.programme(session)


@pytest.fixture
def alice(session: Session, lists: ProgrammeLists) -> Member:
    """Alice Kember, a mentee."""
    return seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")


@pytest.fixture
def john(session: Session, lists: ProgrammeLists) -> Member:
    """John Smith, a mentor."""
    return seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")


@pytest.fixture
def pair(session: Session, alice: Member, john: Member) -> Relationship:
    """John mentoring Alice."""
    return seed.pair(session, john, alice)
