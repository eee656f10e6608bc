"""edukasi: the library of education items, education series, their items and their sends

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "education_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("topic", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachment_kind", sa.String(length=8), nullable=True),
        sa.Column("attachment_file_id", sa.String(length=256), nullable=True),
        sa.Column("attachment_size", sa.Integer(), nullable=True),
        sa.Column("attachment_name", sa.String(length=128), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("source_name", sa.String(length=128), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["organisations.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_education_items_topic", "education_items", ["topic"], unique=False)
    op.create_index("ix_education_items_author_id", "education_items", ["author_id"], unique=False)
    op.create_table(
        "education_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=False),
        sa.Column("send_time", sa.String(length=5), nullable=False),
        sa.Column("next_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("speaker_key", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_education_series_area_id", "education_series", ["area_id"], unique=False)
    op.create_index("ix_education_series_status", "education_series", ["status"], unique=False)
    op.create_index(
        "ix_education_series_created_by", "education_series", ["created_by"], unique=False
    )
    op.create_table(
        "education_series_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["education_series.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["education_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("series_id", "position", name="uq_education_series_item_position"),
    )
    op.create_index(
        "ix_education_series_items_series_id",
        "education_series_items",
        ["series_id"],
        unique=False,
    )
    op.create_table(
        "education_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("advisory_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["education_series.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["education_items.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["advisory_id"], ["advisories.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("series_id", "position", name="uq_education_send_position"),
    )
    op.create_index("ix_education_sends_series_id", "education_sends", ["series_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_education_sends_series_id", table_name="education_sends")
    op.drop_table("education_sends")
    op.drop_index("ix_education_series_items_series_id", table_name="education_series_items")
    op.drop_table("education_series_items")
    op.drop_index("ix_education_series_created_by", table_name="education_series")
    op.drop_index("ix_education_series_status", table_name="education_series")
    op.drop_index("ix_education_series_area_id", table_name="education_series")
    op.drop_table("education_series")
    op.drop_index("ix_education_items_author_id", table_name="education_items")
    op.drop_index("ix_education_items_topic", table_name="education_items")
    op.drop_table("education_items")
