"""outbox: an index of the undelivered DMs per recipient, so none overtakes an older one

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNDELIVERED = sa.text("status IN ('pending', 'sending') AND message_ts IS NULL")


def upgrade() -> None:
    """outbox: index of undelivered DMs by recipient, oldest first"""
    with op.batch_alter_table('outbox') as batch:
        batch.create_index('ix_outbox_undelivered_recipient',
                           ['team_id', 'recipient_user_id', 'id'],
                           sqlite_where=_UNDELIVERED, postgresql_where=_UNDELIVERED)


def downgrade() -> None:
    """Undo: the index of undelivered DMs by recipient"""
    with op.batch_alter_table('outbox') as batch:
        batch.drop_index('ix_outbox_undelivered_recipient')
