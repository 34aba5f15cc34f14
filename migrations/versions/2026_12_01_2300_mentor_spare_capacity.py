"""mentor spare capacity

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_WITH_ROOM = sa.text("listed AND open_to_requests AND spare_capacity > 0")
LISTING = ['spare_capacity', 'listed', 'open_to_requests']
# Each mentor's capacity less their active relationships as mentor, counted once here; from now
# on domain.capacity keeps it in step with every accept, withdrawal, completion and edit.
BACKFILL = sa.text(
    "UPDATE mentor_profiles SET spare_capacity = capacity - ("
    "SELECT count(*) FROM relationships WHERE relationships.mentor_id = mentor_profiles.member_id"
    " AND relationships.status = 'active')")
# Search reads mentor profiles alone: their workspace and whether they take part as mentors
# are copied from the member.
COPY_FROM_MEMBER = sa.text(
    "UPDATE mentor_profiles SET team_id = (SELECT team_id FROM members"
    " WHERE members.id = mentor_profiles.member_id), listed = (SELECT is_mentor"
    " AND status = 'active' FROM members WHERE members.id = mentor_profiles.member_id)")


def upgrade() -> None:
    """mentor spare capacity: search filters and ranks by a column instead of counting"""
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spare_capacity', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('team_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('listed', sa.Boolean(), server_default=sa.text('true'),
                                      nullable=False))
    op.execute(BACKFILL)
    op.execute(COPY_FROM_MEMBER)
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        batch_op.alter_column('team_id', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index('ix_mentor_profiles_open', ['member_id', 'team_id', 'role_id',
                                                          'community_id', *LISTING],
                              unique=False, sqlite_where=OPEN_WITH_ROOM,
                              postgresql_where=OPEN_WITH_ROOM)
        for by in ('role', 'community'):
            batch_op.create_index(f'ix_mentor_profiles_open_{by}', [f'{by}_id', 'member_id',
                                                                    *LISTING],
                                  unique=False, sqlite_where=OPEN_WITH_ROOM,
                                  postgresql_where=OPEN_WITH_ROOM)
    for table in ('mentor_areas', 'mentee_areas'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_item', ['item_id', 'member_id'], unique=False)


def downgrade() -> None:
    """Undo: mentor spare capacity"""
    for table in ('mentee_areas', 'mentor_areas'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_item')
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        for by in ('community', 'role'):
            batch_op.drop_index(f'ix_mentor_profiles_open_{by}', sqlite_where=OPEN_WITH_ROOM,
                                postgresql_where=OPEN_WITH_ROOM)
        batch_op.drop_index('ix_mentor_profiles_open', sqlite_where=OPEN_WITH_ROOM,
                            postgresql_where=OPEN_WITH_ROOM)
        batch_op.drop_column('listed')
        batch_op.drop_column('team_id')
        batch_op.drop_column('spare_capacity')
