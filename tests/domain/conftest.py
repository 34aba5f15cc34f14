"""Fixtures of the domain tests: a programme with its default lists."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from domain.programme import ProgrammeLists
from tests.support import seed


@pytest.fixture
def lists(session: Session) -> ProgrammeLists:
    """The test workspace's programme, seeded with the default lists."""
    return seed.programme(session)
