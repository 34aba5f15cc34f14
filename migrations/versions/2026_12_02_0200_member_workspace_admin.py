"""members remember whether Slack says they administer the workspace

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 02:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """members.workspace_admin: Home re-published in the background shows admins their section"""
    with op.batch_alter_table('members') as batch:
        batch.add_column(sa.Column('workspace_admin', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))


def downgrade() -> None:
    """Undo: members.workspace_admin"""
    with op.batch_alter_table('members') as batch:
        batch.drop_column('workspace_admin')
