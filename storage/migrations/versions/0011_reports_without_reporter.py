"""reports without reporter: a person who deleted their data (/privasi) leaves their reports to
the police record, no longer linked to them (reports.reporter_id NULL, as nobody)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot change a column's nullability in place (it copies the table).
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.alter_column("reporter_id", existing_type=sa.BigInteger(), nullable=True)


def downgrade() -> None:
    # 0 is nobody's Telegram id: unlinked reports stay unlinked under the older schema.
    op.execute("UPDATE reports SET reporter_id = 0 WHERE reporter_id IS NULL")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.alter_column("reporter_id", existing_type=sa.BigInteger(), nullable=False)
