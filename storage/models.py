"""SQLModel tables: the database is the source of truth for everything the bot knows.

Timestamps are timezone-aware UTC in Python on every database (see `UTCDateTime`); they are
shown to people in WIB by the texts layer.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, Column, DateTime, Index, String, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """The current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A DateTime stored as UTC and always read back timezone-aware.

    SQLite has no time zones and returns naive values; without this, comparing a stored time with
    `utcnow()` would raise on SQLite and work on PostgreSQL.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC times")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: object
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _timestamp(*, index: bool = False, nullable: bool = False) -> Column[dt.datetime]:
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Role(enum.StrEnum):
    """Roles a person can hold; the roles issue gives them scopes and organisations."""

    WARGA = "warga"
    PEMUDA = "pemuda"
    TOKOH = "tokoh"
    MUI = "mui"
    ROIS_SYURIAH = "rois_syuriah"
    FORKOPIMCAM = "forkopimcam"
    POLISI = "polisi"
    ADMIN = "admin"


class User(SQLModel, table=True):
    """A person who has talked to the bot, keyed by their Telegram user id."""

    __tablename__ = "users"

    # Telegram ids exceed 32 bits, so BigInteger on every database.
    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    first_name: str = Field(sa_column=Column(String(256), nullable=False))
    last_name: str | None = Field(default=None, sa_column=Column(String(256)))
    username: str | None = Field(default=None, sa_column=Column(String(64)))
    # None until the user picks one; the configured default applies meanwhile.
    language: str | None = Field(default=None, sa_column=Column(String(8)))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    last_seen_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())

    @property
    def full_name(self) -> str:
        """First and last name, as Telegram shows them."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


class RoleAssignment(SQLModel, table=True):
    """One role held by one person; `scope` empty means the whole deployment."""

    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("user_id", "role", "scope", name="uq_role_assignment"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    role: Role = Field(sa_column=Column(String(32), nullable=False))
    # Free-form until the areas and roles issues define scopes ("" = global, never NULL so the
    # unique constraint holds on every database).
    scope: str = Field(default="", sa_column=Column(String(64), nullable=False, server_default=""))
    granted_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    granted_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class AuditEntry(SQLModel, table=True):
    """Who did what, when: grants, revocations, and later advisories and report changes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    # None when the actor is the system or the command line (see `actor_label`).
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    actor_label: str = Field(default="", sa_column=Column(String(64), nullable=False))
    action: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    target: str = Field(default="", sa_column=Column(String(128), nullable=False))
    details: str = Field(default="", sa_column=Column(Text, nullable=False))
