"""Patrols (ronda) and neighbour alerts (bot/services/patrols, bot/services/neighbours)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Column
from sqlalchemy import Date
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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    starts_at: dt.datetime = Field(sa_column=timestamp_column())
    ends_at: dt.datetime = Field(sa_column=timestamp_column())
    status: ShiftStatus = Field(
        default=ShiftStatus.PLANNED,
        sa_column=Column(EnumText(ShiftStatus, 16), nullable=False),
    )
    version: int = Field(default=1, sa_column=Column(Integer, nullable=False))
    reminded_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    started_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    alarm_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    ended_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    checked_in_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    checked_out_at: dt.datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True)
    )
    # "aman" or "kejadian" (something happened), with the member's note.
    outcome: str | None = Field(default=None, sa_column=Column(String(16)))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    added_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    decided_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


class VolunteerStatus(enum.StrEnum):
    """A resident's offer to stand watch in a desa (/ikutronda)."""

    PENDING = "pending"  # waiting for a koordinator
    ACCEPTED = "accepted"  # a member of the desa's watch
    REJECTED = "rejected"
    LEFT = "left"  # the volunteer stepped down
    REMOVED = "removed"  # a koordinator took them off the watch


class RondaVolunteer(SQLModel, table=True):
    """A resident who offered to stand watch in a desa, and what became of the offer. One row
    per (person, desa): offering again after a refusal or leaving reopens the same row; the
    audit log keeps the history."""

    __tablename__ = "ronda_volunteers"
    __table_args__ = (
        UniqueConstraint("user_id", "desa_id", name="uq_ronda_volunteer"),
        Index("ix_ronda_volunteers_desa_status", "desa_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False)
    )
    status: VolunteerStatus = Field(
        default=VolunteerStatus.PENDING,
        sa_column=Column(EnumText(VolunteerStatus, 16), nullable=False),
    )
    requested_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    # The koordinator who accepted, refused or removed (None: the upgrade that made residents
    # already on a roster volunteers, or the volunteer themself).
    decided_by: int | None = Field(default=None, sa_column=Column(BigInteger))
    decided_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


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
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


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
    at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
