"""People: users, their roles and organisations, invitations, command menus, the audit log."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.sql.expression import false
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import EnumText
from storage.models.columns import timestamp_column
from storage.models.columns import utcnow

# The longest officer's rank and name ("Aiptu Bambang S.") an invitation may give.
TITLE_MAX = 40


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
    # An officer's rank and name as the police write it ("Aiptu Bambang S."), from the
    # invitation they accepted: shown wherever they are named, instead of the Telegram name.
    title: str | None = Field(default=None, sa_column=Column(String(TITLE_MAX)))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    last_seen_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())

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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    granted_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    # The invited officer's rank and name ("Aiptu Bambang S."), given to them on acceptance.
    title: str | None = Field(default=None, sa_column=Column(String(TITLE_MAX)))
    # None when made on the command line.
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    expires_at: dt.datetime = Field(sa_column=timestamp_column())
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    used_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    cancelled_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )


class CommandMenu(SQLModel, table=True):
    """The command menu last published for one person's private chat (setMyCommands with a
    chat scope), so start-up only republishes what changed, also after a CLI revoke."""

    __tablename__ = "command_menus"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # Language and roles the menu was made for, e.g. "id:admin,warga".
    menu_key: str = Field(sa_column=Column(String(256), nullable=False))
    published_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class AuditEntry(SQLModel, table=True):
    """Who did what, when: grants, revocations, and later advisories and report changes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    # None when the actor is the system or the command line (see `actor_label`).
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    actor_label: str = Field(default="", sa_column=Column(String(64), nullable=False))
    action: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    target: str = Field(default="", sa_column=Column(String(128), nullable=False))
    details: str = Field(default="", sa_column=Column(Text, nullable=False))
