"""Incident reports (bot/services/reports)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import Float
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


class ReportCategory(enum.StrEnum):
    """What a resident reports (the buttons of /lapor, in this order)."""

    PENCURIAN = "pencurian"  # theft
    KEBAKARAN = "kebakaran"  # fire
    KECELAKAAN = "kecelakaan"  # accident
    KERIBUTAN = "keributan"  # brawl, fight, disturbance
    MENCURIGAKAN = "mencurigakan"  # a suspicious person or vehicle
    BENCANA = "bencana"  # natural disaster
    LAINNYA = "lainnya"  # anything else


class ReportStatus(enum.StrEnum):
    """Where a report stands; SELESAI and DITOLAK are final."""

    BARU = "baru"  # new: nobody has taken it yet
    DITERIMA = "diterima"  # taken by one officer (claimed_by)
    DIPROSES = "diproses"  # being handled
    SELESAI = "selesai"  # done, with an outcome note
    DITOLAK = "ditolak"  # rejected, with a reason


class ReportPrefix(SQLModel, table=True):
    """The tracking-number prefix of one kecamatan ("LMB" for Lumbang) and its last number."""

    __tablename__ = "report_prefixes"

    id: int | None = Field(default=None, primary_key=True)
    # None: reports whose place has no kecamatan (no areas imported yet).
    kecamatan_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), unique=True),
    )
    prefix: str = Field(sa_column=Column(String(8), nullable=False, unique=True))
    last_number: int = Field(default=0, sa_column=Column(Integer, nullable=False))


class Report(SQLModel, table=True):
    """One incident reported by a resident, from /lapor to its outcome."""

    __tablename__ = "reports"
    __table_args__ = (
        # A double tap on "Kirim" sends the same draft token twice: one report.
        UniqueConstraint("reporter_id", "client_token", name="uq_report_client_token"),
        Index("ix_reports_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The tracking number people read out: "LMB-0042".
    code: str = Field(sa_column=Column(String(24), nullable=False, unique=True))
    # None: the reporter deleted their data (/privasi); the report stays, linked to nobody.
    reporter_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    # Anonymous: the reporter is never shown to anyone; kept only to relay status and questions.
    anonymous: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    category: ReportCategory = Field(sa_column=Column(EnumText(ReportCategory, 16), nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))
    desa_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="SET NULL"), index=True)
    )
    place_text: str = Field(default="", sa_column=Column(String(256), nullable=False))
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    urgent: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    status: ReportStatus = Field(
        default=ReportStatus.BARU, sa_column=Column(EnumText(ReportStatus, 16), nullable=False)
    )
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="SET NULL"), index=True)
    )
    # Where the report was announced, and the delivery whose message is edited on each change.
    duty_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    duty_delivery_id: int | None = Field(default=None, sa_column=Column(Integer))
    claimed_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    claimed_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # The outcome note (SELESAI) or the rejection's reason and note (DITOLAK).
    reject_reason: str | None = Field(default=None, sa_column=Column(String(32)))
    outcome: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    closed_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # Retention (bot/services/retention): when its photos and exact location were removed,
    # RETENTION_REPORT_DAYS after it was closed. None: not yet.
    redacted_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # Unclaimed by then: re-announced and escalated to the Polres (once).
    escalate_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    escalated_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    client_token: str = Field(sa_column=Column(String(32), nullable=False))
    # How the report came in: "lapor" (the command) or, later, "ronda" (a patrol check-out).
    source: str = Field(default="lapor", sa_column=Column(String(16), nullable=False))
    source_ref: str = Field(default="", sa_column=Column(String(64), nullable=False))


class ReportPhoto(SQLModel, table=True):
    """A photo attached to a report, by Telegram file id."""

    __tablename__ = "report_photos"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(
        sa_column=Column(ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    file_id: str = Field(sa_column=Column(String(256), nullable=False))
    position: int = Field(default=0, sa_column=Column(Integer, nullable=False))


class ReportEvent(SQLModel, table=True):
    """Who did what to a report, when: every status change, question, answer and escalation."""

    __tablename__ = "report_events"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(
        sa_column=Column(ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    # None: the bot itself (an escalation).
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    # The status after the event, for status changes.
    status: ReportStatus | None = Field(default=None, sa_column=Column(EnumText(ReportStatus, 16)))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
