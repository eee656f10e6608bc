"""The delivery engine's tables (bot/delivery): deliveries, outbox rows, chats, the pacer,
the workers' heartbeats."""

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

from storage.models.columns import timestamp_column
from storage.models.columns import utcnow

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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    finished_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    # Where the author watches progress and gets the final report.
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    progress_message_id: int | None = Field(default=None, sa_column=Column(Integer))
    progress_language: str = Field(
        default="id", sa_column=Column(String(8), nullable=False, server_default="id")
    )
    # Engine-clock time of the last progress update; a conditional update on it lets exactly
    # one of several processes render progress.
    progress_at: float | None = Field(default=None, sa_column=Column(Float))
    # Retention (bot/services/retention): a finished delivery's outbox rows are removed after
    # RETENTION_DELIVERY_DAYS and their counts kept here; None while the rows are the record.
    compacted_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    sent: int | None = Field(default=None, sa_column=Column(Integer))
    blocked: int | None = Field(default=None, sa_column=Column(Integer))
    failed: int | None = Field(default=None, sa_column=Column(Integer))
    cancelled: int | None = Field(default=None, sa_column=Column(Integer))


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
    sent_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    error: str | None = Field(default=None, sa_column=Column(String(256)))


class DeliveryChat(SQLModel, table=True):
    """Whether a chat can be reached, and when it may next be sent to (shared by processes)."""

    __tablename__ = "delivery_chats"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    reason: str = Field(default="", sa_column=Column(String(256), nullable=False))
    since: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    next_at: float = Field(default=0.0, sa_column=Column(Float, nullable=False))


class DeliveryPacer(SQLModel, table=True):
    """The bot-wide send schedule, one row: every process takes send slots from it."""

    __tablename__ = "delivery_pacer"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    # Theoretical arrival time of the next free slot (GCRA).
    tat: float = Field(default=0.0, sa_column=Column(Float, nullable=False))
    # After a 429, nobody sends before this.
    paused_until: float = Field(default=0.0, sa_column=Column(Float, nullable=False))


class DeliveryWorker(SQLModel, table=True):
    """A sending process's heartbeat (PostgreSQL, where several may send): rows claimed by a
    worker silent for longer than `engine.WORKER_STALE` go back to the queue."""

    __tablename__ = "delivery_workers"

    # The `claimed_by` of the rows it holds.
    worker_id: str = Field(sa_column=Column(String(64), primary_key=True))
    # Unix time on the database server's clock (not the engine's: machines' clocks differ).
    last_seen: float = Field(sa_column=Column(Float, nullable=False))
    started_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
