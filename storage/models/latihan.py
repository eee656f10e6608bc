"""Latihan: practice reporting (/latihan). A trainer's session for a desa, who joined it, and
the practice reports made in it (bot/services/latihan). Practice reports live here, never in
`reports`: statistics, CSV exports, neighbour alerts, escalations and duty chats cannot see them."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger
from sqlalchemy import Boolean
from sqlalchemy import Column
from sqlalchemy import Float
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


class TrainingStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TrainingSession(SQLModel, table=True):
    """One practice session: who trains, which desa, whom (its Karang Taruna, or whoever opens
    the link `/start lat_<code>`), the scenario and what it asks for, an optional training
    group that sees the reports too, and whether it is still open."""

    __tablename__ = "training_sessions"

    id: int | None = Field(default=None, primary_key=True)
    # None once the trainer's data was deleted (the session stays for the record).
    trainer_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    desa_id: int = Field(
        sa_column=Column(ForeignKey("areas.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    # "pemuda" (invited: the desa's Karang Taruna) or "link" (the link only).
    audience: str = Field(sa_column=Column(String(16), nullable=False))
    # The deep link's code (`/start lat_<code>`), usable while the session is open.
    code: str = Field(sa_column=Column(String(16), nullable=False, unique=True))
    scenario: str = Field(default="", sa_column=Column(String(400), nullable=False))
    wants_photo: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    wants_location: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # A group that gets every practice report too (`/latihan` typed there by the trainer).
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    status: TrainingStatus = Field(
        default=TrainingStatus.OPEN, sa_column=Column(EnumText(TrainingStatus, 16), nullable=False)
    )
    invited: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    # The trainer's language: what they are sent.
    language: str = Field(default="id", sa_column=Column(String(8), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    closed_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


class TrainingParticipant(SQLModel, table=True):
    """Someone invited to a session (its Karang Taruna) or who joined it (a button, the link)."""

    __tablename__ = "training_participants"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_training_participant"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=Column(ForeignKey("training_sessions.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    invited: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    joined_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


class TrainingReport(SQLModel, table=True):
    """A practice report (shown as LAT-0007): what the trainee wrote in /lapor's practice mode,
    the checklist items it missed, and the trainer's feedback."""

    __tablename__ = "training_reports"
    __table_args__ = (UniqueConstraint("user_id", "token", name="uq_training_report_token"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=Column(
            ForeignKey("training_sessions.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    # The draft's token: a double tap on "Kirim" stores one practice report.
    token: str = Field(sa_column=Column(String(32), nullable=False))
    category: str = Field(sa_column=Column(String(32), nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))
    desa_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("areas.id", ondelete="SET NULL"))
    )
    place_text: str = Field(default="", sa_column=Column(String(200), nullable=False))
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    # Telegram file ids, one a line.
    photos: str = Field(default="", sa_column=Column(Text, nullable=False))
    urgent: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    anonymous: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # The checklist: how many items it met, of how many, and the missed ones (keys, comma-joined).
    passed: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    total: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    missing: str = Field(default="", sa_column=Column(String(128), nullable=False))
    feedback: str | None = Field(default=None, sa_column=Column(Text))
    feedback_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
