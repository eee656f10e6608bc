"""advisories: himbauan, acknowledgements, mutes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 18:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "advisories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("exercise", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=256), nullable=True),
        sa.Column("targets", sa.Text(), nullable=False),
        sa.Column("target_label", sa.String(length=512), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("source_name", sa.String(length=128), nullable=False),
        sa.Column("polsek_id", sa.Integer(), nullable=True),
        sa.Column("approver_name", sa.String(length=128), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_by_name", sa.String(length=256), nullable=True),
        sa.Column("decided_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("approval_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("approval_delivery_id", sa.Integer(), nullable=True),
        sa.Column("send_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["parent_id"], ["advisories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["polsek_id"], ["polsek.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("advisories", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisories_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_advisories_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_advisories_status"), ["status"], unique=False)
        batch_op.create_index("ix_advisories_status_send_at", ["status", "send_at"], unique=False)

    op.create_table(
        "advisory_mutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "organisation_id", name="uq_advisory_mute"),
    )
    with op.batch_alter_table("advisory_mutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisory_mutes_user_id"), ["user_id"], unique=False)

    op.create_table(
        "advisory_acks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advisory_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["advisory_id"], ["advisories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("advisory_id", "user_id", name="uq_advisory_ack"),
    )


def downgrade() -> None:

    op.drop_table("advisory_acks")
    with op.batch_alter_table("advisory_mutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_advisory_mutes_user_id"))

    op.drop_table("advisory_mutes")
    with op.batch_alter_table("advisories", schema=None) as batch_op:
        batch_op.drop_index("ix_advisories_status_send_at")
        batch_op.drop_index(batch_op.f("ix_advisories_status"))
        batch_op.drop_index(batch_op.f("ix_advisories_parent_id"))
        batch_op.drop_index(batch_op.f("ix_advisories_author_id"))

    op.drop_table("advisories")
