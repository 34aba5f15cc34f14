"""an index of members by when they registered, for the newcomers' reminders

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 07:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """members by registration time"""
    op.create_index('ix_members_registered', 'members', ['registered_at'])


def downgrade() -> None:
    """Undo: members by registration time"""
    op.drop_index('ix_members_registered', table_name='members')
