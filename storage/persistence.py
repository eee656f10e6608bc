"""Query functions of the conversation persistence (bot/ptb/persistence.py).

A round of changes is a handful of statements whatever its size: one multi-row upsert and one
delete per table (hundreds of people writing at once would otherwise be hundreds of round trips).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_
from sqlalchemy import delete
from sqlalchemy import or_
from sqlmodel import Session
from sqlmodel import SQLModel
from sqlmodel import col
from sqlmodel import select

from storage.db import dialect_insert
from storage.models import ConversationState
from storage.models import UserDraft
from storage.models import table_of
from storage.models import utcnow

# Rows per statement: SQLite allows 32,766 bound parameters.
_CHUNK = 500


def all_user_data(session: Session) -> dict[int, str]:
    """Every stored user_data, as JSON text by user id."""
    return {row.user_id: row.data for row in session.exec(select(UserDraft))}


def conversations(session: Session, name: str) -> dict[str, str]:
    """The stored states of one conversation, as JSON text by JSON key."""
    query = select(ConversationState).where(ConversationState.name == name)
    return {row.key: row.state for row in session.exec(query)}


def drop_superseded(session: Session) -> list[tuple[str, str]]:
    """Keep each user's newest open conversation only; delete and return the older ones.

    A user has one open conversation at a time (handlers/conversation.py), but a database
    written before that rule may hold several for one user: the one they started last (the
    newest `updated_at`) is the one they are in. States written in the same round are all kept.
    """
    rows = session.exec(select(ConversationState)).all()
    newest: dict[int, Any] = {}
    for row in rows:
        user = user_of_key(row.key)
        if user is not None and (user not in newest or row.updated_at > newest[user]):
            newest[user] = row.updated_at
    older = [
        (row.name, row.key)
        for row in rows
        if (user := user_of_key(row.key)) is not None and row.updated_at < newest[user]
    ]
    for chunk in _chunks(older):
        pairs = [
            and_(col(ConversationState.name) == name, col(ConversationState.key) == key)
            for name, key in chunk
        ]
        session.execute(delete(ConversationState).where(or_(*pairs)))
    return older


def user_of_key(key: str) -> int | None:
    """The user of a stored conversation key: PTB keys a conversation by (chat id, user id)."""
    parts = json.loads(key)
    return parts[-1] if isinstance(parts, list) and parts and isinstance(parts[-1], int) else None


def write_user_data(session: Session, changes: dict[int, str | None]) -> None:
    """Store each user's data; None deletes it."""
    now = utcnow()
    rows = [
        {"user_id": u, "data": d, "updated_at": now} for u, d in changes.items() if d is not None
    ]
    _upsert(session, UserDraft, rows, ["user_id"], ["data", "updated_at"])
    gone = [u for u, d in changes.items() if d is None]
    for chunk in _chunks(gone):
        session.execute(delete(UserDraft).where(col(UserDraft.user_id).in_(chunk)))


def write_conversations(session: Session, changes: dict[tuple[str, str], str | None]) -> None:
    """Store each (name, key) state; None deletes it."""
    now = utcnow()
    rows = [
        {"name": name, "key": key, "state": state, "updated_at": now}
        for (name, key), state in changes.items()
        if state is not None
    ]
    _upsert(session, ConversationState, rows, ["name", "key"], ["state", "updated_at"])
    gone = [pair for pair, state in changes.items() if state is None]
    for chunk in _chunks(gone):
        pairs = [
            and_(ConversationState.name == name, ConversationState.key == key)
            for name, key in chunk
        ]
        session.execute(delete(ConversationState).where(or_(*pairs)))


def _upsert(
    session: Session,
    model: type[SQLModel],
    rows: list[dict[str, Any]],
    keys: list[str],
    changed: list[str],
) -> None:
    insert = dialect_insert(session)
    table = table_of(model)
    for chunk in _chunks(rows):
        statement = insert(table).values(list(chunk))
        statement = statement.on_conflict_do_update(
            index_elements=[table.c[k] for k in keys],
            set_={column: statement.excluded[column] for column in changed},
        )
        session.execute(statement)


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
