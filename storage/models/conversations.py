"""Conversation persistence (bot/ptb/persistence.py): states and drafts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger
from sqlalchemy import Column
from sqlalchemy import String
from sqlalchemy import Text
from sqlmodel import Field
from sqlmodel import SQLModel

from storage.models.columns import timestamp_column
from storage.models.columns import utcnow


class ConversationState(SQLModel, table=True):
    """Where one (chat, user) stands in one conversation, so a restart does not lose it."""

    __tablename__ = "conversation_states"

    name: str = Field(sa_column=Column(String(64), primary_key=True))
    # JSON of PTB's conversation key, e.g. "[12345,12345]" (chat id, user id).
    key: str = Field(sa_column=Column(String(128), primary_key=True))
    state: str = Field(sa_column=Column(String(256), nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class UserDraft(SQLModel, table=True):
    """A person's `user_data` as JSON: the drafts of their running conversations."""

    __tablename__ = "user_drafts"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
