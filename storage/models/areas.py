"""Areas (kabupaten → kecamatan → desa), neighbours, Polsek, subscriptions, group links."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import CheckConstraint
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import EnumText
from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class AreaLevel(enum.StrEnum):
    """Indonesia's administrative levels that the bot knows (see GLOSSARY.md)."""

    KABUPATEN = "kabupaten"  # also kota
    KECAMATAN = "kecamatan"
    DESA = "desa"  # also kelurahan
    DUSUN = "dusun"  # or RW, inside a desa; optional


class Area(SQLModel, table=True):
    """One kabupaten/kota, kecamatan, desa/kelurahan or dusun, under its parent."""

    __tablename__ = "areas"
    __table_args__ = (
        # The data package's own key, so a second import updates instead of duplicating.
        UniqueConstraint("source_key", name="uq_area_source_key"),
        Index("ix_areas_parent_level", "parent_id", "level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    level: AreaLevel = Field(sa_column=Column(EnumText(AreaLevel, 16), nullable=False))
    name: str = Field(sa_column=Column(String(128), nullable=False))
    parent_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"))
    )
    postal_code: str | None = Field(default=None, sa_column=Column(String(8)))
    # An official code where the data has one (BSNI code of a kabupaten, e.g. "PSR").
    code: str | None = Field(default=None, sa_column=Column(String(32)))
    # Where the row came from: "areaid:desa:45924", "csv:...", or None when an admin added it.
    source_key: str | None = Field(default=None, sa_column=Column(String(64)))
    # Only for a kecamatan: the police sector that covers it.
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="SET NULL"))
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class NeighbourLink(SQLModel, table=True):
    """An admin's change to the default neighbours (the other desa of the same kecamatan).

    `linked` True adds a pair (also across kecamatan borders); False removes a default pair.
    Each pair is stored once, with `area_a < area_b`.
    """

    __tablename__ = "neighbour_links"
    __table_args__ = (
        UniqueConstraint("area_a", "area_b", name="uq_neighbour_pair"),
        CheckConstraint("area_a < area_b", name="ck_neighbour_order"),
    )

    id: int | None = Field(default=None, primary_key=True)
    area_a: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    area_b: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    linked: bool = Field(sa_column=Column(Boolean, nullable=False))
    changed_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    changed_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class Polsek(SQLModel, table=True):
    """A police sector: it covers one or more kecamatan and works in a duty chat."""

    __tablename__ = "polsek"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(String(128), nullable=False, unique=True))
    # The Telegram group where its officers on duty receive reports; None until linked.
    duty_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class Subscription(SQLModel, table=True):
    """A person follows what concerns one area (a desa, or a whole kecamatan)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "area_id", name="uq_subscription"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class HomeArea(SQLModel, table=True):
    """The desa a person lives in (one per person); it is also subscribed."""

    __tablename__ = "home_areas"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class GroupLink(SQLModel, table=True):
    """A Telegram group linked to an area: what goes to that area also goes to the group."""

    __tablename__ = "group_links"
    __table_args__ = (UniqueConstraint("chat_id", "area_id", name="uq_group_link"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    chat_title: str = Field(default="", sa_column=Column(String(256), nullable=False))
    linked_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    linked_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
