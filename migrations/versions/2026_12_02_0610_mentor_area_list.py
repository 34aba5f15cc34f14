"""mentor area list: search scores each mentor from one row of a narrow index

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 06:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_WITH_ROOM = sa.text("listed AND open_to_requests AND spare_capacity > 0")
OLD_LISTING = ['spare_capacity', 'listed', 'open_to_requests']
LISTING = [*OLD_LISTING, 'area_list']
OLD_INDEXES = {
    'ix_mentor_profiles_open': ['member_id', 'team_id', 'role_id', 'community_id', *OLD_LISTING],
    'ix_mentor_profiles_open_role': ['role_id', 'member_id', *OLD_LISTING],
    'ix_mentor_profiles_open_community': ['community_id', 'member_id', *OLD_LISTING],
}
NEW_INDEXES = {
    'ix_mentor_profiles_open': ['team_id', 'member_id', 'role_id', 'community_id', *LISTING],
    'ix_mentor_profiles_open_role': ['role_id', 'member_id', 'team_id', 'community_id',
                                     *LISTING],
    'ix_mentor_profiles_open_community': ['community_id', 'member_id', 'team_id', 'role_id',
                                          *LISTING],
}


def _backfill() -> None:
    """Each mentor's area ids, " 3 8 12 " (as domain.model.area_list_of writes them)."""
    areas = sa.table('mentor_areas', sa.column('member_id', sa.Integer),
                     sa.column('item_id', sa.Integer))
    profiles = sa.table('mentor_profiles', sa.column('member_id', sa.Integer),
                        sa.column('area_list', sa.Text))
    # Built here in the model's own spelling, rather than by an aggregate each database
    # names differently.
    found: dict[int, list[int]] = {}
    for member_id, item_id in op.get_bind().execute(sa.select(areas.c.member_id,
                                                              areas.c.item_id)):
        found.setdefault(member_id, []).append(item_id)
    if found:
        op.get_bind().execute(
            profiles.update().where(profiles.c.member_id == sa.bindparam('member'))
            .values(area_list=sa.bindparam('listed')),
            [{'member': member_id, 'listed': f" {' '.join(map(str, sorted(items)))} "}
             for member_id, items in found.items()])


def _replace_indexes(drop: dict[str, list[str]], create: dict[str, list[str]]) -> None:
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        for name in drop:
            batch_op.drop_index(name, sqlite_where=OPEN_WITH_ROOM,
                                postgresql_where=OPEN_WITH_ROOM)
        for name, columns in create.items():
            batch_op.create_index(name, columns, unique=False, sqlite_where=OPEN_WITH_ROOM,
                                  postgresql_where=OPEN_WITH_ROOM)


def upgrade() -> None:
    """mentor area list: a copy of each mentor's areas on their profile row, in its indexes"""
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_list', sa.Text(), server_default='',
                                      nullable=False))
    _backfill()
    _replace_indexes(OLD_INDEXES, NEW_INDEXES)


def downgrade() -> None:
    """Undo: mentor area list"""
    _replace_indexes(NEW_INDEXES, OLD_INDEXES)
    with op.batch_alter_table('mentor_profiles', schema=None) as batch_op:
        batch_op.drop_column('area_list')
