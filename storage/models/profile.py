"""The bot's own profile as Telegram last told it at start-up (one row), for the command line."""

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


class BotProfile(SQLModel, table=True):
    """Who the bot is on Telegram: `kamtibmas invite create` builds t.me links from `username`,
    which only Telegram knows (getMe at start-up), not the configuration."""

    __tablename__ = "bot_profile"

    # Always 1: one bot per database.
    id: int = Field(default=1, sa_column=Column(Integer, primary_key=True, autoincrement=False))
    bot_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    username: str = Field(sa_column=Column(String(64), nullable=False))
    seen_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
