"""reminders sent by the programme, and the kinds members muted

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """nudges and nudge_mutes"""
    op.create_table(
        'nudges',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('anchor_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('local_day', sa.String(length=10), nullable=False),
        sa.Column('line', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_nudges_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_nudges')),
        sa.UniqueConstraint('team_id', 'key', name=op.f('uq_nudges_team_id_key')),
    )
    op.create_index('ix_nudges_schedule', 'nudges',
                    ['kind', 'subject_id', 'member_id', 'anchor_at'])
    op.create_index('ix_nudges_member_day', 'nudges', ['member_id', 'local_day'])
    op.create_index('ix_nudges_status', 'nudges', ['status', 'created_at'])
    op.create_table(
        'nudge_mutes',
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('muted_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_nudge_mutes_member_id_members')),
        sa.PrimaryKeyConstraint('member_id', 'kind', name=op.f('pk_nudge_mutes')),
    )


def downgrade() -> None:
    """Undo: nudges and nudge_mutes"""
    op.drop_table('nudge_mutes')
    op.drop_index('ix_nudges_status', table_name='nudges')
    op.drop_index('ix_nudges_member_day', table_name='nudges')
    op.drop_index('ix_nudges_schedule', table_name='nudges')
    op.drop_table('nudges')
