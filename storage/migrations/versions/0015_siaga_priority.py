"""delivery priority SIAGA: muster calls go after one-to-one messages and before every broadcast,
so the broadcast priorities move one step down (DARURAT 1 -> 2, WASPADA 2 -> 3, INFO 3 -> 4) in
the rows already stored

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("deliveries", "delivery_outbox")


def upgrade() -> None:
    for table in TABLES:
        op.execute(sa.text(f"UPDATE {table} SET priority = priority + 1 WHERE priority >= 1"))


def downgrade() -> None:
    for table in TABLES:
        # A muster call goes back to the one-to-one priority, the only one ahead of broadcasts.
        op.execute(sa.text(f"UPDATE {table} SET priority = 0 WHERE priority = 1"))
        op.execute(sa.text(f"UPDATE {table} SET priority = priority - 1 WHERE priority >= 2"))
