"""alert cards in the admin channel

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-02 03:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """alert cards: what happened, about whom, and who acted on it"""
    op.create_table(
        'admin_alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('dedupe_key', sa.String(length=120), nullable=False),
        sa.Column('mentee_id', sa.Integer(), nullable=True),
        sa.Column('mentor_id', sa.Integer(), nullable=True),
        sa.Column('proposal_id', sa.Integer(), nullable=True),
        sa.Column('relationship_id', sa.Integer(), nullable=True),
        sa.Column('requester_user_id', sa.String(length=32), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('handled_by_user_id', sa.String(length=32), nullable=True),
        sa.Column('handled_by_name', sa.String(length=120), nullable=False),
        sa.Column('handled_action', sa.String(length=24), nullable=True),
        sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['programmes.team_id'],
                                name=op.f('fk_admin_alerts_team_id_programmes')),
        sa.ForeignKeyConstraint(['mentee_id'], ['members.id'],
                                name=op.f('fk_admin_alerts_mentee_id_members')),
        sa.ForeignKeyConstraint(['mentor_id'], ['members.id'],
                                name=op.f('fk_admin_alerts_mentor_id_members')),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'],
                                name=op.f('fk_admin_alerts_proposal_id_proposals')),
        sa.ForeignKeyConstraint(['relationship_id'], ['relationships.id'],
                                name=op.f('fk_admin_alerts_relationship_id_relationships')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_alerts')),
        sa.UniqueConstraint('team_id', 'dedupe_key',
                            name=op.f('uq_admin_alerts_team_id_dedupe_key')),
    )
    op.create_index(op.f('ix_admin_alerts_team_id'), 'admin_alerts', ['team_id'])
    op.create_index('ix_admin_alerts_relationship', 'admin_alerts',
                    ['relationship_id', 'kind', 'created_at'])


def downgrade() -> None:
    """Undo: alert cards"""
    op.drop_index('ix_admin_alerts_relationship', table_name='admin_alerts')
    op.drop_index(op.f('ix_admin_alerts_team_id'), table_name='admin_alerts')
    op.drop_table('admin_alerts')
