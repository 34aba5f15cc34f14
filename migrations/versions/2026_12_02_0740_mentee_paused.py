"""a mentee can pause: admins' matching and cohort suggestions pass them by

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 07:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """mentee_profiles.paused"""
    op.add_column('mentee_profiles', sa.Column('paused', sa.Boolean(), nullable=False,
                                               server_default=sa.text('false')))


def downgrade() -> None:
    """Undo: mentee_profiles.paused"""
    op.drop_column('mentee_profiles', 'paused')
