"""Queries of the Polsek dashboard (bot/services/dasbor), one section per page.

Keyword-only functions taking the caller's session, as the other storage modules.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import WebKey
from storage.models import WebLogin

# ---- login ----


def add_web_login(
    session: Session, *, token_hash: str, user_id: int, expires_at: dt.datetime
) -> WebLogin:
    """Store a new one-time link (its hash)."""
    row = WebLogin(token_hash=token_hash, user_id=user_id, expires_at=expires_at)
    session.add(row)
    session.flush()
    return row


def use_web_login(
    session: Session, *, token_hash: str, now: dt.datetime
) -> tuple[bool, WebLogin | None]:
    """Mark the link used if it is unused and unexpired, in one statement (two tabs opening
    the same link: one wins): whether this call used it, and the row (None: unknown token)."""
    result = session.execute(
        update(WebLogin)
        .where(
            col(WebLogin.token_hash) == token_hash,
            col(WebLogin.used_at).is_(None),
            col(WebLogin.expires_at) > now,
        )
        .values(used_at=now)
    )
    used = bool(getattr(result, "rowcount", 0))
    return used, session.exec(select(WebLogin).where(WebLogin.token_hash == token_hash)).first()


def delete_old_web_logins(session: Session, *, before: dt.datetime) -> int:
    """Forget links that expired before `before`; how many."""
    rows = list(session.exec(select(WebLogin).where(col(WebLogin.expires_at) < before)))
    for row in rows:
        session.delete(row)
    return len(rows)


def web_key(session: Session, *, new: str) -> str:
    """The stored cookie key; `new` is stored first when there is none."""
    row = session.get(WebKey, 1)
    if row is None:
        row = WebKey(id=1, secret=new)
        session.add(row)
        session.flush()
    return row.secret
