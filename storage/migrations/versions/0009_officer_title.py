"""officer title: the rank and name an invitation gives an officer ("Aiptu Bambang S."), shown
instead of their Telegram name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("invites", sa.Column("title", sa.String(length=40), nullable=True))
    op.add_column("users", sa.Column("title", sa.String(length=40), nullable=True))


def downgrade() -> None:
    # Batch mode: SQLite before 3.35 cannot drop a column in place.
    with op.batch_alter_table("users") as batch:
        batch.drop_column("title")
    with op.batch_alter_table("invites") as batch:
        batch.drop_column("title")
