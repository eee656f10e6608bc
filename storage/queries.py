"""Small synchronous query functions; each takes the session of the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import AuditEntry, Role, RoleAssignment, User, utcnow


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
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(User).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[User.__table__.c.id],
        set_={
            key: statement.excluded[key]
            for key in ("first_name", "last_name", "username", "last_seen_at")
        },
    ).returning(User.__table__.c.language)
    return session.execute(statement).scalar_one()


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this Telegram id, if they have ever talked to the bot."""
    return session.get(User, user_id)


def set_language(session: Session, user_id: int, language: str) -> bool:
    """Store a user's language; False if the user is unknown."""
    user = session.get(User, user_id)
    if user is None:
        return False
    user.language = language
    session.add(user)
    return True


def roles_of(session: Session, user_id: int) -> set[Role]:
    """Every role the user holds, in any scope."""
    rows = session.exec(select(RoleAssignment.role).where(RoleAssignment.user_id == user_id))
    return {Role(r) for r in rows}


def find_role(session: Session, user_id: int, role: Role, scope: str = "") -> RoleAssignment | None:
    """The assignment of `role` in `scope` to `user_id`, if there is one."""
    return session.exec(
        select(RoleAssignment).where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.role == role,
            RoleAssignment.scope == scope,
        )
    ).first()


def grant_role(
    session: Session, user_id: int, role: Role, *, scope: str = "", granted_by: int | None = None
) -> bool:
    """Give a role; False if the user already held it in that scope."""
    if find_role(session, user_id, role, scope) is not None:
        return False
    session.add(RoleAssignment(user_id=user_id, role=role, scope=scope, granted_by=granted_by))
    session.flush()
    return True


def revoke_role(session: Session, user_id: int, role: Role, *, scope: str = "") -> bool:
    """Take a role away; False if the user did not hold it in that scope."""
    existing = find_role(session, user_id, role, scope)
    if existing is None:
        return False
    session.delete(existing)
    return True


def list_role_assignments(session: Session, role: Role | None = None) -> Sequence[RoleAssignment]:
    """Role assignments, optionally of one role, oldest first."""
    query = select(RoleAssignment).order_by(col(RoleAssignment.granted_at), col(RoleAssignment.id))
    if role is not None:
        query = query.where(RoleAssignment.role == role)
    return session.exec(query).all()


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


def recent_audit(session: Session, limit: int = 50) -> Sequence[AuditEntry]:
    """The newest audit entries first."""
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    return session.exec(query.limit(limit)).all()
