"""drop the reminder bookkeeping the nudges ledger replaced

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02 18:00:00.000000

Meeting and request reminders are recorded in `nudges` (one row per reminder sent) since
issue 12; `meetings.reminded_at` and `proposals.reminders_sent` were no longer read or written.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.base import UTCDateTime

revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """drop both columns"""
    with op.batch_alter_table('meetings') as batch:
        batch.drop_column('reminded_at')
    with op.batch_alter_table('proposals') as batch:
        batch.drop_column('reminders_sent')


def downgrade() -> None:
    """bring them back empty"""
    with op.batch_alter_table('proposals') as batch:
        batch.add_column(sa.Column('reminders_sent', sa.Integer(), nullable=False,
                                   server_default='0'))
    with op.batch_alter_table('meetings') as batch:
        batch.add_column(sa.Column('reminded_at', UTCDateTime(timezone=True), nullable=True))
