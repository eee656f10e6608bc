"""ronda volunteers: residents who offered to stand watch in a desa (/ikutronda); residents
already on a roster of their own desa become accepted volunteers, so the rosters they are on
stay valid now that living in a desa alone no longer makes someone a member of its watch

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    volunteers = op.create_table(
        "ronda_volunteers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("desa_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["desa_id"], ["areas.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "desa_id", name="uq_ronda_volunteer"),
    )
    op.create_index(
        "ix_ronda_volunteers_desa_status", "ronda_volunteers", ["desa_id", "status"], unique=False
    )
    # Residents on a shift of their own desa: they stood (or stand) watch there already.
    found = op.get_bind().execute(
        sa.text(
            "SELECT DISTINCT m.user_id, s.desa_id FROM patrol_shift_members m "
            "JOIN patrol_shifts s ON s.id = m.shift_id "
            "JOIN home_areas h ON h.user_id = m.user_id AND h.area_id = s.desa_id"
        )
    )
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "user_id": user_id,
            "desa_id": desa_id,
            "status": "accepted",
            "requested_at": now,
            "decided_at": now,
        }
        for user_id, desa_id in found
    ]
    if rows:
        op.bulk_insert(volunteers, rows)


def downgrade() -> None:
    op.drop_index("ix_ronda_volunteers_desa_status", table_name="ronda_volunteers")
    op.drop_table("ronda_volunteers")
