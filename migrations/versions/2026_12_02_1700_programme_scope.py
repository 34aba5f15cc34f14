"""an Enterprise Grid org's programme is for the whole org or for each workspace

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 17:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """every programme so far is a workspace's own"""
    with op.batch_alter_table('programmes') as batch:
        batch.add_column(sa.Column('scope', sa.String(length=16), nullable=False,
                                   server_default='workspace'))


def downgrade() -> None:
    """drop the scope"""
    with op.batch_alter_table('programmes') as batch:
        batch.drop_column('scope')
