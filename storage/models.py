"""SQLModel tables: the database is the source of truth for everything the bot knows.

Timestamps are timezone-aware UTC in Python on every database (see `UTCDateTime`); they are
shown to people in WIB by the texts layer.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    inspect,
)
from sqlalchemy.schema import Table
from sqlalchemy.sql.expression import false
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """The current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model (SQLModel's types do not declare `__table__`)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


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


E = TypeVar("E", bound=enum.StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as plain text (no database enum type to migrate when values are added),
    read back as the enum member rather than a bare string."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E], length: int) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: E | str | None, dialect: object) -> str | None:
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: object) -> E | None:
        return None if value is None else self.enum_class(value)


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


class Division(enum.StrEnum):
    """The divisions of a Karang Taruna that work with the police."""

    PATROLI = "patroli"  # Divisi Patroli Pemuda: patrols and night watch
    SOSIALISASI = "sosialisasi"  # Divisi Sosialisasi: spreads advisories


class OrgKind(enum.StrEnum):
    """The kinds of organisation an issuing role belongs to."""

    POLSEK = "polsek"
    KARANG_TARUNA = "karang_taruna"
    TOKOH = "tokoh"
    MUI = "mui"
    ROIS_SYURIAH = "rois_syuriah"
    FORKOPIMCAM = "forkopimcam"


class Organisation(SQLModel, table=True):
    """Who an advisory comes from: "Polsek Lumbang", "MUI Kec. Lumbang", ...

    One per kind and scope (`scope` is "area:<id>" or "polsek:<id>", as on role assignments).
    """

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("kind", "scope", name="uq_organisation_kind_scope"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: OrgKind = Field(sa_column=Column(EnumText(OrgKind, 32), nullable=False))
    name: str = Field(sa_column=Column(String(128), nullable=False))
    scope: str = Field(sa_column=Column(String(64), nullable=False))
    area_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"))
    )
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="CASCADE"))
    )
    # Whether its advisories wait for the Polsek's approval (the advisories issue uses it).
    needs_approval: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class RoleAssignment(SQLModel, table=True):
    """One role held by one person in one scope.

    `scope` is "" (the whole deployment: admins), "area:<id>" (a desa, kecamatan or kabupaten,
    and everything inside it) or "polsek:<id>" (every area the Polsek covers). It is kept as one
    non-null string so the unique constraint holds on every database; `area_id` / `polsek_id`
    say the same with foreign keys, for queries.
    """

    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("user_id", "role", "scope", name="uq_role_assignment"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    role: Role = Field(sa_column=Column(EnumText(Role, 32), nullable=False))
    scope: str = Field(default="", sa_column=Column(String(64), nullable=False, server_default=""))
    area_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    )
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="CASCADE"), index=True)
    )
    organisation_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("organisations.id", ondelete="SET NULL"))
    )
    # Only for pemuda: their division, and whether they coordinate it.
    division: Division | None = Field(default=None, sa_column=Column(EnumText(Division, 16)))
    koordinator: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    granted_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    granted_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Invite(SQLModel, table=True):
    """A one-time, expiring invitation to take a role, opened by deep link or short code.

    Only a hash of the code is stored: a leaked database does not hand out roles.
    """

    __tablename__ = "invites"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    # The last characters of the code, so people can tell their invites apart.
    code_hint: str = Field(sa_column=Column(String(8), nullable=False))
    role: Role = Field(sa_column=Column(EnumText(Role, 32), nullable=False))
    scope: str = Field(default="", sa_column=Column(String(64), nullable=False))
    area_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"))
    )
    polsek_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("polsek.id", ondelete="CASCADE"))
    )
    organisation_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("organisations.id", ondelete="SET NULL"))
    )
    division: Division | None = Field(default=None, sa_column=Column(EnumText(Division, 16)))
    koordinator: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # None when made on the command line.
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    expires_at: dt.datetime = Field(sa_column=_timestamp())
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    used_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    cancelled_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class CommandMenu(SQLModel, table=True):
    """The command menu last published for one person's private chat (setMyCommands with a
    chat scope), so start-up only republishes what changed, also after a CLI revoke."""

    __tablename__ = "command_menus"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # Language and roles the menu was made for, e.g. "id:admin,warga".
    menu_key: str = Field(sa_column=Column(String(256), nullable=False))
    published_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


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
    changed_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Polsek(SQLModel, table=True):
    """A police sector: it covers one or more kecamatan and works in a duty chat."""

    __tablename__ = "polsek"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(String(128), nullable=False, unique=True))
    # The Telegram group where its officers on duty receive reports; None until linked.
    duty_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Subscription(SQLModel, table=True):
    """A person follows what concerns one area (a desa, or a whole kecamatan)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "area_id", name="uq_subscription"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class HomeArea(SQLModel, table=True):
    """The desa a person lives in (one per person); it is also subscribed."""

    __tablename__ = "home_areas"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    area_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


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
    linked_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


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


# ---- conversation persistence (bot/persistence.py) ----------------------------------------


class ConversationState(SQLModel, table=True):
    """Where one (chat, user) stands in one conversation, so a restart does not lose it."""

    __tablename__ = "conversation_states"

    name: str = Field(sa_column=Column(String(64), primary_key=True))
    # JSON of PTB's conversation key, e.g. "[12345,12345]" (chat id, user id).
    key: str = Field(sa_column=Column(String(128), primary_key=True))
    state: str = Field(sa_column=Column(String(256), nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class UserDraft(SQLModel, table=True):
    """A person's `user_data` as JSON: the drafts of their running conversations."""

    __tablename__ = "user_drafts"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


# ---- incident reports (bot/services/reports.py) -------------------------------------------


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
    reporter_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
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
    claimed_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # The outcome note (SELESAI) or the rejection's reason and note (DITOLAK).
    reject_reason: str | None = Field(default=None, sa_column=Column(String(32)))
    outcome: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    closed_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # Unclaimed by then: re-announced and escalated to the Polres (once).
    escalate_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    escalated_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
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
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    # None: the bot itself (an escalation).
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    # The status after the event, for status changes.
    status: ReportStatus | None = Field(default=None, sa_column=Column(EnumText(ReportStatus, 16)))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))


# ---- advisories (bot/services/advisories.py) ----------------------------------------------


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
    """One official advisory (himbauan), or an update to one (`parent_id`, CAP's Update).

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
    decided_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    reject_reason: str | None = Field(default=None, sa_column=Column(Text))
    # The delivery of the approval request in the duty chat (edited once decided).
    approval_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    approval_delivery_id: int | None = Field(default=None, sa_column=Column(Integer))
    send_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    expires_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    delivery_id: int | None = Field(default=None, sa_column=Column(Integer))
    recipients: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    language: str = Field(default="id", sa_column=Column(String(8), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    sent_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    cancelled_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
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
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class AdvisoryMute(SQLModel, table=True):
    """A resident does not want an organisation's Info-level advisories (never Darurat)."""

    __tablename__ = "advisory_mutes"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", name="uq_advisory_mute"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    organisation_id: int = Field(
        sa_column=Column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


# ---- patrols / ronda (bot/services/patrols.py) --------------------------------------------


class PatrolPost(SQLModel, table=True):
    """A watch post (*pos ronda*) in a desa; where its check-ins are expected, when known."""

    __tablename__ = "patrol_posts"
    __table_args__ = (UniqueConstraint("desa_id", "name", name="uq_patrol_post_name"),)

    id: int | None = Field(default=None, primary_key=True)
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    name: str = Field(sa_column=Column(String(64), nullable=False))
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class PatrolSchedule(SQLModel, table=True):
    """A recurring schedule: the same hours on chosen weekdays, teams taking turns night by
    night. Its shifts are written out when it is made (`PatrolShift.schedule_id`)."""

    __tablename__ = "patrol_schedules"

    id: int | None = Field(default=None, primary_key=True)
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    post_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("patrol_posts.id", ondelete="SET NULL"))
    )
    # Minutes after midnight, WIB, and the length of every shift.
    start_minute: int = Field(sa_column=Column(Integer, nullable=False))
    duration_minutes: int = Field(sa_column=Column(Integer, nullable=False))
    # Weekdays the shift starts on, Monday = 0: "0123456" is every day.
    weekdays: str = Field(sa_column=Column(String(7), nullable=False))
    # JSON: [[user id, ...], ...], the teams in turn.
    teams: str = Field(sa_column=Column(Text, nullable=False))
    first_day: dt.date = Field(sa_column=Column(Date, nullable=False))
    last_day: dt.date = Field(sa_column=Column(Date, nullable=False))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class ShiftStatus(enum.StrEnum):
    """Where a shift stands; after its end it was HELD (someone checked in) or MISSED."""

    PLANNED = "planned"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"


class PatrolShift(SQLModel, table=True):
    """One watch: a desa (and pos), a start and an end, its members (`PatrolShiftMember`).

    The *_at stamps say which of its moments (reminder, start, check-in alarm, end) were
    handled; each is set by a conditional update, so a moment is handled once, also across
    restarts. A change of time clears them and bumps `version`.
    """

    __tablename__ = "patrol_shifts"
    __table_args__ = (
        Index("ix_patrol_shifts_desa_starts", "desa_id", "starts_at"),
        Index("ix_patrol_shifts_status_ends", "status", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False)
    )
    post_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("patrol_posts.id", ondelete="SET NULL"))
    )
    schedule_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("patrol_schedules.id", ondelete="SET NULL"), index=True),
    )
    starts_at: dt.datetime = Field(sa_column=_timestamp())
    ends_at: dt.datetime = Field(sa_column=_timestamp())
    status: ShiftStatus = Field(
        default=ShiftStatus.PLANNED,
        sa_column=Column(EnumText(ShiftStatus, 16), nullable=False),
    )
    version: int = Field(default=1, sa_column=Column(Integer, nullable=False))
    reminded_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    started_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    alarm_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    ended_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class PatrolShiftMember(SQLModel, table=True):
    """One member of one shift: their check-in, check-out and what they saw."""

    __tablename__ = "patrol_shift_members"
    __table_args__ = (
        UniqueConstraint("shift_id", "user_id", name="uq_patrol_shift_member"),
        Index("ix_patrol_shift_members_user", "user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int = Field(
        sa_column=Column(ForeignKey("patrol_shifts.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    checked_in_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    checked_out_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # "aman" or "kejadian" (something happened), with the member's note.
    outcome: str | None = Field(default=None, sa_column=Column(String(16)))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    added_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class SwapStatus(enum.StrEnum):
    """A member's request that someone else take their shift."""

    OPEN = "open"
    TAKEN = "taken"
    CANCELLED = "cancelled"


class PatrolSwap(SQLModel, table=True):
    """A swap request: `requested_by` gives their place on a shift to whoever takes it."""

    __tablename__ = "patrol_swaps"
    __table_args__ = (Index("ix_patrol_swaps_shift_status", "shift_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int = Field(
        sa_column=Column(ForeignKey("patrol_shifts.id", ondelete="CASCADE"), nullable=False)
    )
    requested_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    status: SwapStatus = Field(
        default=SwapStatus.OPEN, sa_column=Column(EnumText(SwapStatus, 16), nullable=False)
    )
    taken_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    decided_at: dt.datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class NeighbourAlert(SQLModel, table=True):
    """A report in one desa told to its neighbours' watch (once per report)."""

    __tablename__ = "neighbour_alerts"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(
        sa_column=Column(ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    # "urgent" (at submission) or "confirmed" (taken by the police).
    reason: str = Field(sa_column=Column(String(16), nullable=False))
    recipients: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class NeighbourHelp(SQLModel, table=True):
    """Someone answered a neighbour alert with "Siap bantu" (once per person)."""

    __tablename__ = "neighbour_helps"
    __table_args__ = (UniqueConstraint("alert_id", "user_id", name="uq_neighbour_help"),)

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(
        sa_column=Column(ForeignKey("neighbour_alerts.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    # The desa they help from (a neighbour of the report's desa).
    desa_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="SET NULL"))
    )
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
