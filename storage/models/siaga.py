"""Siaga: muster calls (/siaga) to the Karang Taruna and the ronda of a desa or kecamatan, the
people called and their answers, and the live tally messages (bot/services/siaga)."""

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
from sqlalchemy import UniqueConstraint
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import EnumText
from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class SiagaLevel(enum.StrEnum):
    """How loud a call is: Waspada comes silently, Darurat with sound and the 110 line."""

    WASPADA = "waspada"
    DARURAT = "darurat"


class SiagaStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class SiagaAnswer(enum.StrEnum):
    """What a person called answered."""

    SIAP = "siap"  # ✅ Siap (coming)
    LOKASI = "lokasi"  # 📍 Sudah di lokasi
    TIDAK = "tidak"  # ❌ Tidak bisa


class SiagaCall(SQLModel, table=True):
    """One muster call: who called, whom (a desa or kecamatan and which people), why, where,
    when, how loud, and where it stands. `revision` grows with every answer: a tally message
    that shows an older revision is due for an edit."""

    __tablename__ = "siaga_calls"
    __table_args__ = (Index("ix_siaga_calls_status", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    # None once the caller's data was deleted (the call stays for the record).
    caller_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    # A desa or a kecamatan.
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    # "pemuda", "ronda", "both" (or "chosen": people picked by name).
    audience: str = Field(sa_column=Column(String(16), nullable=False))
    reason: str = Field(sa_column=Column(String(200), nullable=False))
    # "post", "polsek" or "location"; the place's name as shown; its point when known.
    place_kind: str = Field(sa_column=Column(String(16), nullable=False))
    place_name: str = Field(sa_column=Column(String(128), nullable=False))
    post_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("patrol_posts.id", ondelete="SET NULL"))
    )
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    # When the people are wanted (the call's time: now or later today).
    at: dt.datetime = Field(sa_column=timestamp_column())
    level: SiagaLevel = Field(sa_column=Column(EnumText(SiagaLevel, 16), nullable=False))
    status: SiagaStatus = Field(
        default=SiagaStatus.OPEN, sa_column=Column(EnumText(SiagaStatus, 16), nullable=False)
    )
    recipients: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    revision: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    # The caller's language: their tally and what they are told.
    language: str = Field(default="id", sa_column=Column(String(8), nullable=False))
    # The Polsek whose duty chat follows the call (an officer called), if any.
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="SET NULL"))
    )
    last_reminder_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    closed_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # "stand_down" (✅ Siaga selesai) or "auto" (SIAGA_CLOSE_HOURS passed).
    closed_how: str | None = Field(default=None, sa_column=Column(String(16)))


class SiagaRecipient(SQLModel, table=True):
    """One person called, and their answer (they may change it until the call ends)."""

    __tablename__ = "siaga_recipients"
    __table_args__ = (UniqueConstraint("call_id", "user_id", name="uq_siaga_recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(
        sa_column=Column(ForeignKey("siaga_calls.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    answer: SiagaAnswer | None = Field(
        default=None, sa_column=Column(EnumText(SiagaAnswer, 16), nullable=True)
    )
    answered_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # The first ✅ Siap (statistics: minutes to Siap), kept when the answer changes later.
    first_siap_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    # Why they cannot come (❌), as typed or chosen.
    note: str | None = Field(default=None, sa_column=Column(String(200)))
    # 📍 confirmed by a shared location near the place.
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    confirmed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # False: at their answer they no longer belonged to those called (lost the role or left the
    # watch); they are still counted, and flagged.
    still_member: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))


class SiagaTally(SQLModel, table=True):
    """A live tally message of a call in one chat (the caller's, the Polsek duty chat's): which
    revision of the call it shows, and a digest of its text (never edited to the same text)."""

    __tablename__ = "siaga_tallies"
    __table_args__ = (
        UniqueConstraint("call_id", "chat_id", name="uq_siaga_tally"),
        Index("ix_siaga_tallies_chat", "chat_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    call_id: int = Field(
        sa_column=Column(ForeignKey("siaga_calls.id", ondelete="CASCADE"), nullable=False)
    )
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int | None = Field(default=None, sa_column=Column(Integer))
    shown_revision: int = Field(default=-1, sa_column=Column(Integer, nullable=False))
    shown_digest: str = Field(default="", sa_column=Column(String(64), nullable=False))
    edited_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
