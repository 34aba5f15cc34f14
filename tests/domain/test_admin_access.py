"""Who may act as a programme admin."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.orm import Session

from domain.admin import ADMIN_ONLY, require_admin
from domain.errors import NotAllowed
from domain.members import Actor
from domain.model import Programme
from domain.programme import ReminderTimings
from handlers.context import identity_of
from tests.support.clock import FakeClock


def test_workspace_admins_and_named_members_are_admins(session: Session, clock: FakeClock) -> None:
    require_admin(session, actor=Actor("T1", "UBOSS"), workspace_admin=True, what="settings",
                  now=clock.now())
    session.get(Programme, "T1").admin_user_ids = ["UNAMED"]
    session.flush()
    programme = require_admin(session, actor=Actor("T1", "UNAMED"), workspace_admin=False,
                              what="settings", now=clock.now())
    assert programme.team_id == "T1"


def test_anyone_else_is_refused_and_the_attempt_logged(session: Session, clock: FakeClock,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="domain.admin.access"), \
            pytest.raises(NotAllowed) as refused:
        require_admin(session, actor=Actor("T1", "UANA"), workspace_admin=False,
                      what="settings", now=clock.now())
    assert refused.value.message == ADMIN_ONLY
    assert "settings" in caplog.text and "UANA" in caplog.text


@pytest.mark.parametrize("flag", ["is_admin", "is_owner", "is_primary_owner"])
def test_slack_admins_and_owners_count_as_workspace_admins(flag: str) -> None:
    assert identity_of({"id": "U1", flag: True}).workspace_admin
    assert not identity_of({"id": "U1"}).workspace_admin


def test_reminder_timings_keep_defaults_for_what_is_not_stored() -> None:
    stored = ReminderTimings.from_document({"proposal_chase_days": [4, 8], "unknown": 1})
    assert stored.proposal_chase_days == (4, 8) and stored.goal_days_before == 3
    assert ReminderTimings.from_document(stored.to_document()) == stored
    assert ReminderTimings.from_document(None) == ReminderTimings()
