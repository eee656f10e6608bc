"""Small synchronous query functions; each takes the session of the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy import or_
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import func
from sqlmodel import select

from storage.db import dialect_insert
from storage.models import Advisory
from storage.models import AuditEntry
from storage.models import BotProfile
from storage.models import GroupLink
from storage.models import Polsek
from storage.models import Report
from storage.models import User
from storage.models import table_of
from storage.models import utcnow


def upsert_user(
    session: Session,
    user_id: int,
    first_name: str,
    last_name: str | None = None,
    username: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> str | None:
    """Create the user or refresh their name and last-seen time; return their stored language.

    One statement (INSERT .. ON CONFLICT), so two updates from a new user arriving at once on
    two workers cannot both try to create them.
    """
    now = now or utcnow()
    values = {
        "id": user_id,
        "first_name": first_name[:256],
        "last_name": last_name[:256] if last_name else None,
        "username": username[:64] if username else None,
        "created_at": now,
        "last_seen_at": now,
    }
    insert = dialect_insert(session)
    users = table_of(User)
    statement = insert(User).values(**values)
    upsert = statement.on_conflict_do_update(
        index_elements=[users.c.id],
        set_={
            key: statement.excluded[key]
            for key in ("first_name", "last_name", "username", "last_seen_at")
        },
    ).returning(users.c.language)
    return session.execute(upsert).scalar_one()


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this Telegram id, if they have ever talked to the bot."""
    return session.get(User, user_id)


def get_users(session: Session, user_ids: Sequence[int]) -> Sequence[User]:
    """The known users among `user_ids`."""
    if not user_ids:
        return []
    return session.exec(select(User).where(col(User.id).in_(list(user_ids)))).all()


def user_by_username(session: Session, username: str) -> User | None:
    """The user with this @username (without the @, any case), if the bot knows them."""
    return session.exec(select(User).where(func.lower(User.username) == username.lower())).first()


def set_language(session: Session, user_id: int, language: str) -> bool:
    """Store a user's language; False if the user is unknown."""
    user = session.get(User, user_id)
    if user is None:
        return False
    user.language = language
    session.add(user)
    return True


def set_title(session: Session, user_id: int, title: str | None) -> None:
    """Store an officer's rank and name (None: none); someone not seen yet is recorded under it
    until their Telegram name is known."""
    user = session.get(User, user_id)
    if user is None:
        user = User(id=user_id, first_name=title or "")
    user.title = title
    session.add(user)


def record_bot_profile(session: Session, *, bot_id: int, username: str) -> None:
    """Remember who the bot is on Telegram (at every start: a renamed bot is noticed). One
    statement (INSERT .. ON CONFLICT): processes starting together on one database both may."""
    insert = dialect_insert(session)
    values = {"id": 1, "bot_id": bot_id, "username": username[:64], "seen_at": utcnow()}
    statement = insert(BotProfile).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[table_of(BotProfile).c.id],
            set_={key: statement.excluded[key] for key in ("bot_id", "username", "seen_at")},
        )
    )


def bot_username(session: Session) -> str | None:
    """The bot's Telegram username as of its last start, or None if it never started."""
    profile = session.get(BotProfile, 1)
    return profile.username if profile is not None else None


def add_audit(
    session: Session,
    action: str,
    *,
    actor_id: int | None = None,
    actor_label: str = "",
    target: str = "",
    details: str = "",
) -> AuditEntry:
    """Append one entry to the audit log."""
    entry = AuditEntry(
        action=action,
        actor_id=actor_id,
        actor_label=actor_label[:64],
        target=target[:128],
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


def recent_audit(
    session: Session,
    limit: int = 50,
    *,
    action_prefix: str | None = None,
    user_id: int | None = None,
) -> Sequence[AuditEntry]:
    """The newest audit entries first; filtered by action prefix and by a person (as actor
    or as target)."""
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if action_prefix:
        query = query.where(col(AuditEntry.action).startswith(action_prefix, autoescape=True))
    if user_id is not None:
        query = query.where(
            or_(col(AuditEntry.actor_id) == user_id, col(AuditEntry.target) == str(user_id))
        )
    return session.exec(query.limit(limit)).all()


def move_chat(session: Session, *, old: int, new: int) -> list[str]:
    """Every stored id of a group that became a supergroup (`old`) now says `new`: the duty
    chats, group links, report cards and advisory approvals; what changed, as "table: n"."""
    # A link the new id has already (linked again after the move) stays; the old one goes.
    linked_already = select(GroupLink.area_id).where(GroupLink.chat_id == new)
    session.execute(
        delete(GroupLink).where(
            col(GroupLink.chat_id) == old, col(GroupLink.area_id).in_(linked_already)
        )
    )
    moved = []
    for model, column in (
        (Polsek, Polsek.duty_chat_id),
        (GroupLink, GroupLink.chat_id),
        (Report, Report.duty_chat_id),
        (Advisory, Advisory.approval_chat_id),
    ):
        result = session.exec(update(model).where(col(column) == old).values({column: new}))
        if result.rowcount:
            moved.append(f"{table_of(model).name}: {result.rowcount}")
    return moved
