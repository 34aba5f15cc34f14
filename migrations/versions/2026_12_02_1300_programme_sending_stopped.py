"""a workspace that uninstalled the app (or revoked its bot token) is sent nothing

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 13:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.base import UTCDateTime

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """when and why sending to the workspace stopped (null while it is installed)"""
    with op.batch_alter_table('programmes') as batch:
        batch.add_column(sa.Column('sending_stopped_at', UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('sending_stopped_reason', sa.String(length=32),
                                   nullable=True))


def downgrade() -> None:
    """drop the stop"""
    with op.batch_alter_table('programmes') as batch:
        batch.drop_column('sending_stopped_reason')
        batch.drop_column('sending_stopped_at')
