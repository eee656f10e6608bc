"""Query functions of the conversation persistence (bot/persistence.py)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from storage.models import ConversationState, UserDraft, utcnow


def all_user_data(session: Session) -> dict[int, str]:
    """Every stored user_data, as JSON text by user id."""
    return {row.user_id: row.data for row in session.exec(select(UserDraft))}


def conversations(session: Session, name: str) -> dict[str, str]:
    """The stored states of one conversation, as JSON text by JSON key."""
    query = select(ConversationState).where(ConversationState.name == name)
    return {row.key: row.state for row in session.exec(query)}


def write_user_data(session: Session, changes: dict[int, str | None]) -> None:
    """Store each user's data; None deletes it."""
    now = utcnow()
    for user_id, data in changes.items():
        row = session.get(UserDraft, user_id)
        if data is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(UserDraft(user_id=user_id, data=data, updated_at=now))
        else:
            row.data, row.updated_at = data, now
    session.flush()


def write_conversations(session: Session, changes: dict[tuple[str, str], str | None]) -> None:
    """Store each (name, key) state; None deletes it."""
    now = utcnow()
    for (name, key), state in changes.items():
        if state is None:
            session.execute(
                delete(ConversationState).where(
                    ConversationState.name == name, ConversationState.key == key
                )
            )
            continue
        row = session.get(ConversationState, (name, key))
        if row is None:
            session.add(ConversationState(name=name, key=key, state=state, updated_at=now))
        else:
            row.state, row.updated_at = state, now
    session.flush()
