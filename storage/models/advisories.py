"""Advisories (bot/services/advisories)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import EnumText
from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class AdvisoryLevel(enum.StrEnum):
    """How serious an advisory is: Info is delivered silently, Darurat with sound."""

    INFO = "info"
    WASPADA = "waspada"
    DARURAT = "darurat"


class AdvisoryStatus(enum.StrEnum):
    """Where an advisory stands; SENT, REJECTED, CANCELLED and EXPIRED change no more (but a
    SENT one can still be cancelled: CAP's Cancel)."""

    PENDING = "pending"  # waiting for the Polsek's approval
    SCHEDULED = "scheduled"  # approved (or needing none), waiting for send_at
    SENT = "sent"  # handed to the delivery engine (delivery_id)
    REJECTED = "rejected"  # the Polsek said no (reject_reason)
    CANCELLED = "cancelled"  # withdrawn by its author (before or after sending)
    EXPIRED = "expired"  # its expiry passed before it could be sent


class Advisory(SQLModel, table=True):
    """One official advisory (imbauan), or an update to one (`parent_id`, CAP's Update).

    Targets are kept as JSON: [{"area": id}, {"area": id, "group": "patroli"}, ...]; the
    recipients themselves are the outbox rows of `delivery_id`, each chat once.
    """

    __tablename__ = "advisories"
    __table_args__ = (Index("ix_advisories_status_send_at", "status", "send_at"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("advisories.id", ondelete="CASCADE"), index=True)
    )
    status: AdvisoryStatus = Field(
        sa_column=Column(EnumText(AdvisoryStatus, 16), nullable=False, index=True)
    )
    level: AdvisoryLevel = Field(sa_column=Column(EnumText(AdvisoryLevel, 16), nullable=False))
    exercise: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    photo_file_id: str | None = Field(default=None, sa_column=Column(String(256)))
    targets: str = Field(sa_column=Column(Text, nullable=False))
    # How the targets read ("Kronto, Pancur (Kec. Lumbang)"), as the author confirmed them.
    target_label: str = Field(sa_column=Column(String(512), nullable=False))
    author_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    # The role the author spoke as (None: an admin from ADMIN_IDS), and its organisation's name
    # at the time: the badge must not change when an organisation is renamed later.
    assignment_id: int | None = Field(default=None, sa_column=Column(Integer))
    organisation_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("organisations.id", ondelete="SET NULL"))
    )
    source_name: str = Field(sa_column=Column(String(128), nullable=False))
    # The Polsek that approves it (None: no approval needed) and its decision.
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="SET NULL"))
    )
    approver_name: str | None = Field(default=None, sa_column=Column(String(128)))
    decided_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    decided_by_name: str | None = Field(default=None, sa_column=Column(String(256)))
    decided_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    reject_reason: str | None = Field(default=None, sa_column=Column(Text))
    # The delivery of the approval request in the duty chat (edited once decided).
    approval_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    approval_delivery_id: int | None = Field(default=None, sa_column=Column(Integer))
    send_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    expires_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    delivery_id: int | None = Field(default=None, sa_column=Column(Integer))
    recipients: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    language: str = Field(default="id", sa_column=Column(String(8), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    sent_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    cancelled_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text))


class AdvisoryAck(SQLModel, table=True):
    """Someone pressed "Sudah dibaca" under a Darurat advisory (once per person)."""

    __tablename__ = "advisory_acks"
    __table_args__ = (UniqueConstraint("advisory_id", "user_id", name="uq_advisory_ack"),)

    id: int | None = Field(default=None, primary_key=True)
    advisory_id: int = Field(
        sa_column=Column(ForeignKey("advisories.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class AdvisoryMute(SQLModel, table=True):
    """A resident does not want an organisation's Info-level advisories (never Darurat)."""

    __tablename__ = "advisory_mutes"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", name="uq_advisory_mute"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    organisation_id: int = Field(
        sa_column=Column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
