"""Kondisi wilayah: a desa's situation notes, seen by its neighbours for 7 days, and the weekly
digest's runs, one per week (bot/services/kondisi)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class SituationNote(SQLModel, table=True):
    """A short note on a desa's situation ("aman terkendali"), in force until `expires_at`
    unless withdrawn."""

    __tablename__ = "situation_notes"
    __table_args__ = (Index("ix_situation_notes_desa_expires", "desa_id", "expires_at"),)

    id: int | None = Field(default=None, primary_key=True)
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False)
    )
    # None once the author's data was deleted (/privasi): the note stays, without a name.
    author_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    text: str = Field(sa_column=Column(String(256), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    expires_at: dt.datetime = Field(sa_column=timestamp_column())
    withdrawn: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    withdrawn_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    withdrawn_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )


class DigestRun(SQLModel, table=True):
    """One weekly digest sent (`period`: the ISO week, "2026-W50"); written in the same
    transaction as its messages, so a week is sent once, across restarts and processes."""

    __tablename__ = "digest_runs"

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(sa_column=Column(String(16), nullable=False, unique=True))
    messages: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
