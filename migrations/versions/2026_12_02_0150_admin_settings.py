"""admin settings and the admin log

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 01:50:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """admin settings (alert channel, nudges, quiet hours, timings) and who changed what"""
    with op.batch_alter_table('programmes') as batch:
        batch.add_column(sa.Column('admin_channel_id', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('nudges_paused', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
        batch.add_column(sa.Column('quiet_hours_start', sa.Integer(), server_default='20',
                                   nullable=False))
        batch.add_column(sa.Column('quiet_hours_end', sa.Integer(), server_default='8',
                                   nullable=False))
        batch.add_column(sa.Column('quiet_weekends', sa.Boolean(), server_default=sa.true(),
                                   nullable=False))
        batch.add_column(sa.Column('daily_nudge_cap', sa.Integer(), server_default='3',
                                   nullable=False))
        batch.add_column(sa.Column('quiet_relationship_days', sa.Integer(), server_default='21',
                                   nullable=False))
        batch.add_column(sa.Column('reminder_timings', _JSON, nullable=True))
    op.create_table(
        'admin_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('actor_user_id', sa.String(length=32), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('subject', sa.String(length=80), nullable=False),
        sa.Column('before', _JSON, nullable=True),
        sa.Column('after', _JSON, nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['programmes.team_id'],
                                name=op.f('fk_admin_log_team_id_programmes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_log')),
    )
    op.create_index(op.f('ix_admin_log_team_id'), 'admin_log', ['team_id'])
    op.create_index(op.f('ix_admin_log_at'), 'admin_log', ['at'])


def downgrade() -> None:
    """Undo: admin settings and the admin log"""
    op.drop_index(op.f('ix_admin_log_at'), table_name='admin_log')
    op.drop_index(op.f('ix_admin_log_team_id'), table_name='admin_log')
    op.drop_table('admin_log')
    with op.batch_alter_table('programmes') as batch:
        for column in ('reminder_timings', 'quiet_relationship_days', 'daily_nudge_cap',
                       'quiet_weekends', 'quiet_hours_end', 'quiet_hours_start',
                       'nudges_paused', 'admin_channel_id'):
            batch.drop_column(column)
