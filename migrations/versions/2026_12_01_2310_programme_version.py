"""programme version

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """programme version: raised with every change, so each process's cached copy is checked"""
    with op.batch_alter_table('programmes') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    """Undo: programme version"""
    with op.batch_alter_table('programmes') as batch:
        batch.drop_column('version')
