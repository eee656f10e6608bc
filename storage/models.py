"""SQLModel tables: the database is the source of truth for everything the bot knows.

Timestamps are timezone-aware UTC in Python on every database (see `UTCDateTime`); they are
shown to people in WIB by the texts layer.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
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


# ---- delivery engine (bot/delivery) -------------------------------------------------------
# Scheduling times (not_before, lease_until, next_at, tat, paused_until) are float seconds on
# the engine's clock (Unix time in production, a scaled clock in benchmarks): the pacer works
# in fractions of a second and compares them arithmetically. Times people read are UTCDateTime.


class OutboxStatus(enum.StrEnum):
    """Where one (message, recipient chat) row stands."""

    PENDING = "pending"  # waiting to be claimed
    CLAIMED = "claimed"  # taken by a worker (lease_until says until when)
    SENT = "sent"  # Telegram accepted it; message_id is recorded. Never sent again.
    BLOCKED = "blocked"  # 403: the user blocked the bot / the bot was removed; chat inactive
    FAILED = "failed"  # 400, or retries exhausted; error says why
    CANCELLED = "cancelled"  # cancelled before it was sent


OPEN_STATUSES = (OutboxStatus.PENDING, OutboxStatus.CLAIMED)


class DeliveryState(enum.StrEnum):
    """A delivery as a whole."""

    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class Delivery(SQLModel, table=True):
    """One message (advisory, report status, edit, follow-up...) to one or many chats."""

    __tablename__ = "deliveries"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    # What the delivery is for, e.g. "adv:12"; the caller's own reference.
    ref: str = Field(default="", sa_column=Column(String(64), nullable=False, index=True))
    # Lower is sent first (bot.delivery.Priority).
    priority: int = Field(sa_column=Column(Integer, nullable=False))
    # JSON: {"method": ..., "params": {...}, "link": null|"edit"|"reply"}.
    payload: str = Field(sa_column=Column(Text, nullable=False))
    state: DeliveryState = Field(
        default=DeliveryState.SENDING, sa_column=Column(String(16), nullable=False, index=True)
    )
    total: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    # The delivery this one edits or follows up.
    parent_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("deliveries.id"), index=True)
    )
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    finished_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # Where the author watches progress and gets the final report.
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    progress_message_id: int | None = Field(default=None, sa_column=Column(Integer))
    progress_language: str = Field(
        default="id", sa_column=Column(String(8), nullable=False, server_default="id")
    )
    # Engine-clock time of the last progress update; a conditional update on it lets exactly
    # one of several processes render progress.
    progress_at: float | None = Field(default=None, sa_column=Column(Float))


class OutboxRow(SQLModel, table=True):
    """One (delivery, recipient chat) pair: written before sending, updated with the outcome."""

    __tablename__ = "delivery_outbox"
    __table_args__ = (
        UniqueConstraint("delivery_id", "chat_id", name="uq_outbox_delivery_chat"),
        # The claim query walks this index in order: pending rows by priority, then age.
        Index("ix_outbox_claim", "status", "priority", "id"),
        # Progress counts and "is anything still open?" per delivery.
        Index("ix_outbox_delivery_status", "delivery_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(sa_column=Column(Integer, ForeignKey("deliveries.id"), nullable=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    priority: int = Field(sa_column=Column(Integer, nullable=False))
    status: OutboxStatus = Field(
        default=OutboxStatus.PENDING, sa_column=Column(String(16), nullable=False)
    )
    not_before: float = Field(default=0.0, sa_column=Column(Float, nullable=False))
    lease_until: float | None = Field(default=None, sa_column=Column(Float))
    claimed_by: str | None = Field(default=None, sa_column=Column(String(64)))
    attempts: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    # For edits and follow-ups: the row of the original delivery to this chat.
    source_row_id: int | None = Field(default=None, sa_column=Column(Integer))
    message_id: int | None = Field(default=None, sa_column=Column(Integer))
    sent_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    error: str | None = Field(default=None, sa_column=Column(String(256)))


class DeliveryChat(SQLModel, table=True):
    """Whether a chat can be reached, and when it may next be sent to (shared by processes)."""

    __tablename__ = "delivery_chats"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    reason: str = Field(default="", sa_column=Column(String(256), nullable=False))
    since: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    next_at: float = Field(default=0.0, sa_column=Column(Float, nullable=False))


class DeliveryPacer(SQLModel, table=True):
    """The bot-wide send schedule, one row: every process takes send slots from it."""

    __tablename__ = "delivery_pacer"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    # Theoretical arrival time of the next free slot (GCRA).
    tat: float = Field(default=0.0, sa_column=Column(Float, nullable=False))
    # After a 429, nobody sends before this.
    paused_until: float = Field(default=0.0, sa_column=Column(Float, nullable=False))
