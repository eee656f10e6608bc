"""The dashboard's own tables: one-time log-in links and the key that signs session cookies."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger
from sqlalchemy import Column
from sqlalchemy import Integer
from sqlalchemy import String
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class WebLogin(SQLModel, table=True):
    """A /dasbor link: opens one session for one person, once, within minutes. Only the
    token's SHA-256 is stored, so a copy of the database opens nothing."""

    __tablename__ = "web_logins"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    expires_at: dt.datetime = Field(sa_column=timestamp_column())
    used_at: dt.datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


class WebKey(SQLModel, table=True):
    """The key that signs the dashboard's session cookies when WEB_SECRET is not set: made once,
    kept here so sessions survive a restart (one row)."""

    __tablename__ = "web_keys"

    id: int = Field(default=1, sa_column=Column(Integer, primary_key=True, autoincrement=False))
    secret: str = Field(sa_column=Column(String(128), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
