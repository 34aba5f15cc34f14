"""Migration 0008 fills the new mentor profile columns from the relationships and members there."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, insert, select

from bot import db
from tests.support.databases import backends, empty_database

WHEN = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("backend", backends())
def test_spare_capacity_team_and_listing_are_backfilled(backend: str, tmp_path: Path) -> None:
    with empty_database(backend, tmp_path) as engine:
        db.upgrade(engine, "0007")
        tables = MetaData()
        tables.reflect(engine)
        t = tables.tables
        with engine.begin() as connection:
            connection.execute(insert(t["programmes"]), [{
                "team_id": "T1", "name": "P", "admin_user_ids": [], "default_capacity": 2,
                "proposal_expiry_days": 14, "max_open_proposals": 3, "max_active_mentors": 1,
                "created_at": WHEN}])
            connection.execute(insert(t["list_items"]), [
                {"id": 1, "team_id": "T1", "kind": "role", "label": "R", "position": 0,
                 "archived": False},
                {"id": 2, "team_id": "T1", "kind": "community", "label": "C", "position": 0,
                 "archived": False}])
            connection.execute(insert(t["members"]), [
                {"id": n, "team_id": "T1", "slack_user_id": f"U{n}", "name": f"M{n}", "tz": "UTC",
                 "job_title": "", "organisation": "", "is_mentor": n in (1, 2),
                 "is_mentee": n > 2, "status": "active", "registered_at": WHEN,
                 "updated_at": WHEN} for n in range(1, 6)])
            connection.execute(insert(t["mentor_profiles"]), [
                {"member_id": n, "role_id": 1, "community_id": 2, "bio": "", "capacity": 3,
                 "open_to_requests": True, "updated_at": WHEN} for n in (1, 2, 3)])
            connection.execute(insert(t["relationships"]), [
                {"team_id": "T1", "mentor_id": 1, "mentee_id": mentee, "status": status,
                 "started_at": WHEN, "end_reason": "", "stage": "first_conversation"}
                for mentee, status in ((3, "active"), (4, "active"), (5, "completed"))])
        db.upgrade(engine)
        tables = MetaData()
        tables.reflect(engine)
        profiles = tables.tables["mentor_profiles"]
        with engine.connect() as connection:
            rows = connection.execute(select(
                profiles.c.member_id, profiles.c.spare_capacity, profiles.c.team_id,
                profiles.c.listed).order_by(profiles.c.member_id)).all()
        # Member 3 has a mentor profile but no longer takes part as a mentor.
        assert [tuple(row) for row in rows] == [(1, 1, "T1", True), (2, 3, "T1", True),
                                                (3, 3, "T1", False)]
