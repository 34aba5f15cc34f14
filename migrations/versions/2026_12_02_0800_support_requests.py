"""support requests from Help's Contact support, and who answered them

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 08:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """support requests: who asked what, and who answered"""
    op.create_table(
        'support_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('requester_user_id', sa.String(length=32), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=150), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_by_user_id', sa.String(length=32), nullable=True),
        sa.Column('answered_by_name', sa.String(length=120), nullable=False),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('card_channel_id', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['programmes.team_id'],
                                name=op.f('fk_support_requests_team_id_programmes')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'],
                                name=op.f('fk_support_requests_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_support_requests')),
    )
    op.create_index('ix_support_requests_requester', 'support_requests',
                    ['team_id', 'requester_user_id', 'created_at'])


def downgrade() -> None:
    """Undo: support requests"""
    op.drop_index('ix_support_requests_requester', table_name='support_requests')
    op.drop_table('support_requests')
