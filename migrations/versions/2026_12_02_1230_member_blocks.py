"""reports about a person, and the blocks members make after them

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 12:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """a report names whom it is about; members can block one another"""
    with op.batch_alter_table('support_requests') as batch:
        batch.add_column(sa.Column('reported_member_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_support_requests_reported_member_id_members'),
                                 'members', ['reported_member_id'], ['id'])
    op.create_table(
        'member_blocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('blocker_id', sa.Integer(), nullable=False),
        sa.Column('blocked_id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['programmes.team_id'],
                                name=op.f('fk_member_blocks_team_id_programmes')),
        sa.ForeignKeyConstraint(['blocker_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_member_blocks_blocker_id_members')),
        sa.ForeignKeyConstraint(['blocked_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_member_blocks_blocked_id_members')),
        sa.ForeignKeyConstraint(['report_id'], ['support_requests.id'],
                                name=op.f('fk_member_blocks_report_id_support_requests')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_blocks')),
        sa.UniqueConstraint('blocker_id', 'blocked_id',
                            name=op.f('uq_member_blocks_blocker_id_blocked_id')),
    )
    op.create_index('ix_member_blocks_blocked', 'member_blocks', ['blocked_id', 'blocker_id'])


def downgrade() -> None:
    """Undo: member blocks and the reported member"""
    op.drop_index('ix_member_blocks_blocked', table_name='member_blocks')
    op.drop_table('member_blocks')
    with op.batch_alter_table('support_requests') as batch:
        batch.drop_constraint(op.f('fk_support_requests_reported_member_id_members'),
                              type_='foreignkey')
        batch.drop_column('reported_member_id')
