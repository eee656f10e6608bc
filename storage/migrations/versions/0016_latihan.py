"""latihan: practice reporting (/latihan) — training sessions, who joined them, and the practice
reports (kept apart from `reports`, so statistics, exports, alerts and escalations never see them)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.BigInteger(), nullable=True),
        sa.Column("desa_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("scenario", sa.String(length=400), nullable=False),
        sa.Column("wants_photo", sa.Boolean(), nullable=False),
        sa.Column("wants_location", sa.Boolean(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["desa_id"], ["areas.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_training_sessions_desa_id", "training_sessions", ["desa_id"], unique=False)
    op.create_index(
        "ix_training_sessions_trainer_id", "training_sessions", ["trainer_id"], unique=False
    )

    op.create_table(
        "training_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("invited", sa.Boolean(), nullable=False),
        sa.Column("joined_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "user_id", name="uq_training_participant"),
    )
    op.create_index(
        "ix_training_participants_user_id", "training_participants", ["user_id"], unique=False
    )

    op.create_table(
        "training_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("desa_id", sa.Integer(), nullable=True),
        sa.Column("place_text", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("photos", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("passed", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("missing", sa.String(length=128), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("feedback_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["desa_id"], ["areas.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["session_id"], ["training_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "token", name="uq_training_report_token"),
    )
    op.create_index(
        "ix_training_reports_session_id", "training_reports", ["session_id"], unique=False
    )
    op.create_index("ix_training_reports_user_id", "training_reports", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_training_reports_user_id", table_name="training_reports")
    op.drop_index("ix_training_reports_session_id", table_name="training_reports")

    op.drop_table("training_reports")
    op.drop_index("ix_training_participants_user_id", table_name="training_participants")

    op.drop_table("training_participants")
    op.drop_index("ix_training_sessions_trainer_id", table_name="training_sessions")
    op.drop_index("ix_training_sessions_desa_id", table_name="training_sessions")

    op.drop_table("training_sessions")
