"""retention: a finished delivery's counts kept when its outbox rows are compacted, and when a
closed report's photos and exact location were removed

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("sent", "blocked", "failed", "cancelled")


def upgrade() -> None:
    op.add_column(
        "deliveries",
        sa.Column("compacted_at", storage.models.UTCDateTime(timezone=True), nullable=True),
    )
    for name in COUNTS:
        op.add_column("deliveries", sa.Column(name, sa.Integer(), nullable=True))
    op.add_column(
        "reports",
        sa.Column("redacted_at", storage.models.UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    # Batch mode: SQLite before 3.35 cannot drop a column in place.
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("redacted_at")
    with op.batch_alter_table("deliveries") as batch:
        for name in reversed(COUNTS):
            batch.drop_column(name)
        batch.drop_column("compacted_at")
