"""outbox steps done

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """outbox steps done: a retry repeats no follow-up step that succeeded"""
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'steps_done',
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
            nullable=True))


def downgrade() -> None:
    """Undo: outbox steps done"""
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('steps_done')
