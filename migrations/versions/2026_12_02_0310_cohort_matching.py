"""cohort matching runs, their suggestions, and proposals suggested by the programme

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 03:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import domain.base

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_DRAFT = sa.text("status = 'draft'")


def upgrade() -> None:
    """cohort runs and suggestions; proposals.suggested_by_programme"""
    with op.batch_alter_table('proposals') as batch:
        batch.add_column(sa.Column('suggested_by_programme', sa.Boolean(),
                                   server_default=sa.false(), nullable=False))
    op.create_table(
        'cohort_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=32), nullable=False),
        sa.Column('created_at', domain.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('mentees_considered', sa.Integer(), nullable=False),
        sa.Column('mentors_considered', sa.Integer(), nullable=False),
        sa.Column('published_by', sa.String(length=32), nullable=True),
        sa.Column('published_at', domain.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column('outcomes', _JSON, nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['programmes.team_id'],
                                name=op.f('fk_cohort_runs_team_id_programmes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cohort_runs')),
    )
    op.create_index(op.f('ix_cohort_runs_team_id'), 'cohort_runs', ['team_id'])
    op.create_index('uq_cohort_runs_draft', 'cohort_runs', ['team_id'], unique=True,
                    sqlite_where=_DRAFT, postgresql_where=_DRAFT)
    op.create_table(
        'cohort_suggestions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('mentee_id', sa.Integer(), nullable=False),
        sa.Column('mentor_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('areas_met', sa.Integer(), nullable=False),
        sa.Column('areas_asked', sa.Integer(), nullable=False),
        sa.Column('role_met', sa.Boolean(), nullable=False),
        sa.Column('community_met', sa.Boolean(), nullable=False),
        sa.Column('removed', sa.Boolean(), nullable=False),
        sa.Column('outcome', sa.String(length=24), nullable=True),
        sa.Column('proposal_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['run_id'], ['cohort_runs.id'], ondelete='CASCADE',
                                name=op.f('fk_cohort_suggestions_run_id_cohort_runs')),
        sa.ForeignKeyConstraint(['mentee_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_cohort_suggestions_mentee_id_members')),
        sa.ForeignKeyConstraint(['mentor_id'], ['members.id'], ondelete='CASCADE',
                                name=op.f('fk_cohort_suggestions_mentor_id_members')),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'],
                                name=op.f('fk_cohort_suggestions_proposal_id_proposals')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cohort_suggestions')),
    )
    op.create_index('ix_cohort_suggestions_run_position', 'cohort_suggestions',
                    ['run_id', 'position'])


def downgrade() -> None:
    """Undo: cohort matching"""
    op.drop_index('ix_cohort_suggestions_run_position', table_name='cohort_suggestions')
    op.drop_table('cohort_suggestions')
    op.drop_index('uq_cohort_runs_draft', table_name='cohort_runs')
    op.drop_index(op.f('ix_cohort_runs_team_id'), table_name='cohort_runs')
    op.drop_table('cohort_runs')
    with op.batch_alter_table('proposals') as batch:
        batch.drop_column('suggested_by_programme')
