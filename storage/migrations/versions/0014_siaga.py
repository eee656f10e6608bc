"""siaga: muster calls (/siaga), the people called with their answers, and the live tally
messages of each call

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "siaga_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("caller_id", sa.BigInteger(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("place_kind", sa.String(length=16), nullable=False),
        sa.Column("place_name", sa.String(length=128), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("polsek_id", sa.Integer(), nullable=True),
        sa.Column("last_reminder_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_how", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["polsek_id"], ["polsek.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["post_id"], ["patrol_posts.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_siaga_calls_area_id", "siaga_calls", ["area_id"], unique=False)
    op.create_index("ix_siaga_calls_caller_id", "siaga_calls", ["caller_id"], unique=False)
    op.create_index("ix_siaga_calls_status", "siaga_calls", ["status"], unique=False)
    op.create_table(
        "siaga_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("first_siap_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("still_member", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["siaga_calls.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("call_id", "user_id", name="uq_siaga_recipient"),
    )
    op.create_index("ix_siaga_recipients_user_id", "siaga_recipients", ["user_id"], unique=False)
    op.create_table(
        "siaga_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("shown_revision", sa.Integer(), nullable=False),
        sa.Column("shown_digest", sa.String(length=64), nullable=False),
        sa.Column("edited_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["call_id"], ["siaga_calls.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("call_id", "chat_id", name="uq_siaga_tally"),
    )
    op.create_index("ix_siaga_tallies_chat", "siaga_tallies", ["chat_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_siaga_tallies_chat", table_name="siaga_tallies")
    op.drop_table("siaga_tallies")
    op.drop_index("ix_siaga_recipients_user_id", table_name="siaga_recipients")
    op.drop_table("siaga_recipients")
    op.drop_index("ix_siaga_calls_status", table_name="siaga_calls")
    op.drop_index("ix_siaga_calls_caller_id", table_name="siaga_calls")
    op.drop_index("ix_siaga_calls_area_id", table_name="siaga_calls")
    op.drop_table("siaga_calls")
