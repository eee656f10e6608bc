"""Sosialisasi: the library of education items, the series that send them as Info advisories,
and the record of each send (bot/services/edukasi)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import EnumText
from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class EducationTopic(enum.StrEnum):
    """The fixed topics of the library (their names: `edukasi.topic_<value>`)."""

    HUKUM = "hukum"
    ASPIRASI = "aspirasi"
    NARKOBA = "narkoba"
    REMAJA = "remaja"
    BENCANA = "bencana"
    LALULINTAS = "lalulintas"
    LAINNYA = "lainnya"


class AttachmentKind(enum.StrEnum):
    PHOTO = "photo"
    PDF = "pdf"


class SeriesStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"  # every item sent, or stopped by a manager


class EducationItem(SQLModel, table=True):
    """One short education item: a title, a topic, a text, maybe a photo or a PDF (a Telegram
    file_id), and the organisation it comes from."""

    __tablename__ = "education_items"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(String(100), nullable=False))
    topic: EducationTopic = Field(
        sa_column=Column(EnumText(EducationTopic, 16), nullable=False, index=True)
    )
    body: str = Field(sa_column=Column(Text, nullable=False))
    attachment_kind: AttachmentKind | None = Field(
        default=None, sa_column=Column(EnumText(AttachmentKind, 8))
    )
    attachment_file_id: str | None = Field(default=None, sa_column=Column(String(256)))
    attachment_size: int | None = Field(default=None, sa_column=Column(Integer))
    attachment_name: str | None = Field(default=None, sa_column=Column(String(128)))
    source_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("organisations.id", ondelete="SET NULL"))
    )
    # The source's name when the item was made (kept if the organisation goes).
    source_name: str = Field(sa_column=Column(String(128), nullable=False))
    # None once the author's data was deleted.
    author_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    archived: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class EducationSeries(SQLModel, table=True):
    """One item every `every_days` days at `send_time` (WIB, "HH:MM") to a desa or kecamatan,
    as Info advisories spoken by `speaker_key` (the creator's role assignment, 0: a configured
    admin). `position` is how many items went out; `next_at` the next moment."""

    __tablename__ = "education_series"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    every_days: int = Field(sa_column=Column(Integer, nullable=False))
    send_time: str = Field(sa_column=Column(String(5), nullable=False))
    next_at: dt.datetime = Field(sa_column=timestamp_column())
    position: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    status: SeriesStatus = Field(
        default=SeriesStatus.ACTIVE,
        sa_column=Column(EnumText(SeriesStatus, 16), nullable=False, index=True),
    )
    # Why it stopped by itself (a text key), when it did.
    note: str | None = Field(default=None, sa_column=Column(String(64)))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    speaker_key: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    language: str = Field(default="id", sa_column=Column(String(8), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class EducationSeriesItem(SQLModel, table=True):
    """The items of a series, in order."""

    __tablename__ = "education_series_items"
    __table_args__ = (
        UniqueConstraint("series_id", "position", name="uq_education_series_item_position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(
        sa_column=Column(
            ForeignKey("education_series.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    position: int = Field(sa_column=Column(Integer, nullable=False))
    item_id: int = Field(
        sa_column=Column(ForeignKey("education_items.id", ondelete="CASCADE"), nullable=False)
    )


class EducationSend(SQLModel, table=True):
    """One item of a series put on its way (stored with the advisory, in one transaction):
    the unique (series, position) makes a second send of it impossible."""

    __tablename__ = "education_sends"
    __table_args__ = (UniqueConstraint("series_id", "position", name="uq_education_send_position"),)

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(
        sa_column=Column(
            ForeignKey("education_series.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    position: int = Field(sa_column=Column(Integer, nullable=False))
    item_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("education_items.id", ondelete="SET NULL"))
    )
    advisory_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("advisories.id", ondelete="SET NULL"))
    )
    sent_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
