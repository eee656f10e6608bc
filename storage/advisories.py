"""Query functions of advisories (bot/services/advisories/), their acknowledgements and
residents' mutes; each takes the session of the caller's transaction, then keyword arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import func
from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.db import dialect_insert
from storage.models import Advisory
from storage.models import AdvisoryAck
from storage.models import AdvisoryMute
from storage.models import AdvisoryStatus
from storage.models import Organisation
from storage.models import Polsek


def get(session: Session, *, advisory_id: int) -> Advisory | None:
    """The advisory with this id."""
    return session.get(Advisory, advisory_id)


def organisation(session: Session, *, organisation_id: int | None) -> Organisation | None:
    """The organisation with this id (None for None)."""
    return session.get(Organisation, organisation_id) if organisation_id else None


def polsek(session: Session, *, polsek_id: int | None) -> Polsek | None:
    """The Polsek with this id (None for None)."""
    return session.get(Polsek, polsek_id) if polsek_id else None


def transition(
    session: Session,
    *,
    advisory_id: int,
    from_statuses: Iterable[AdvisoryStatus],
    **values: Any,
) -> bool:
    """Change an advisory only if it still is in one of `from_statuses` (one conditional
    UPDATE): of two processes or two approvers, exactly one wins. True if this one did."""
    statement = (
        update(Advisory)
        .where(
            col(Advisory.id) == advisory_id,
            col(Advisory.status).in_([s.value for s in from_statuses]),
        )
        .values(**values)
    )
    changed = cast("CursorResult[Any]", session.execute(statement)).rowcount == 1
    if changed:
        session.expire_all()
    return changed


def scheduled(session: Session) -> Sequence[Advisory]:
    """Advisories waiting for their send time, soonest first."""
    query = (
        select(Advisory)
        .where(Advisory.status == AdvisoryStatus.SCHEDULED)
        .order_by(col(Advisory.send_at), col(Advisory.id))
    )
    return session.exec(query).all()


def by_author(session: Session, *, author_id: int | None, limit: int) -> Sequence[Advisory]:
    """The newest advisories (not updates) of one author, or of everyone when None."""
    query = select(Advisory).where(col(Advisory.parent_id).is_(None))
    if author_id is not None:
        query = query.where(Advisory.author_id == author_id)
    return session.exec(query.order_by(col(Advisory.id).desc()).limit(limit)).all()


def recent_sent(session: Session, *, limit: int) -> Sequence[Advisory]:
    """The newest advisories that went out (also those cancelled afterwards), newest first."""
    query = (
        select(Advisory)
        .where(col(Advisory.parent_id).is_(None), col(Advisory.sent_at).is_not(None))
        .order_by(col(Advisory.sent_at).desc(), col(Advisory.id).desc())
        .limit(limit)
    )
    return session.exec(query).all()


def updates_of(session: Session, *, advisory_id: int) -> Sequence[Advisory]:
    """The updates of an advisory, oldest first."""
    query = select(Advisory).where(Advisory.parent_id == advisory_id).order_by(col(Advisory.id))
    return session.exec(query).all()


def add_acks(
    session: Session, *, pairs: Sequence[tuple[int, int]], now: dt.datetime
) -> set[tuple[int, int]]:
    """Record several (advisory_id, user_id) acknowledgements in one statement; the pairs that
    are new (a pair said before, or twice in `pairs`, is recorded once)."""
    if not pairs:
        return set()
    statement = (
        dialect_insert(session)(AdvisoryAck)
        .values([{"advisory_id": a, "user_id": u, "at": now} for a, u in dict.fromkeys(pairs)])
        .on_conflict_do_nothing(index_elements=["advisory_id", "user_id"])
        .returning(col(AdvisoryAck.advisory_id), col(AdvisoryAck.user_id))
    )
    return {(int(a), int(u)) for a, u in session.execute(statement)}


def ack_count(session: Session, *, advisory_id: int) -> int:
    """How many people acknowledged the advisory."""
    query = (
        select(func.count()).select_from(AdvisoryAck).where(AdvisoryAck.advisory_id == advisory_id)
    )
    return int(session.exec(query).one())


def muted_users(session: Session, *, organisation_id: int, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who muted the organisation's Info advisories."""
    ids = list(user_ids)
    if not ids:
        return set()
    found: set[int] = set()
    # In chunks: a broadcast may reach many thousands of people.
    for start in range(0, len(ids), 500):
        query = select(AdvisoryMute.user_id).where(
            AdvisoryMute.organisation_id == organisation_id,
            col(AdvisoryMute.user_id).in_(ids[start : start + 500]),
        )
        found.update(session.exec(query).all())
    return found


def mutes_of(session: Session, *, user_id: int) -> set[int]:
    """The organisations whose Info advisories `user_id` muted."""
    query = select(AdvisoryMute.organisation_id).where(AdvisoryMute.user_id == user_id)
    return set(session.exec(query).all())


def set_mute(session: Session, *, user_id: int, organisation_id: int, muted: bool) -> None:
    """Mute or unmute one organisation's Info advisories for one person (idempotent)."""
    if muted:
        statement = (
            dialect_insert(session)(AdvisoryMute)
            .values(user_id=user_id, organisation_id=organisation_id, created_at=_now())
            .on_conflict_do_nothing(index_elements=["user_id", "organisation_id"])
        )
        session.execute(statement)
        return
    existing = session.exec(
        select(AdvisoryMute).where(
            AdvisoryMute.user_id == user_id, AdvisoryMute.organisation_id == organisation_id
        )
    ).first()
    if existing is not None:
        session.delete(existing)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def in_force(session: Session, *, since: dt.datetime, now: dt.datetime) -> Sequence[Advisory]:
    """Advisories sent (not exercises) and in force at `now`: until their expiry, or, without
    one, when sent since `since` (kondisi wilayah, bot/services/kondisi)."""
    query = select(Advisory).where(
        Advisory.status == AdvisoryStatus.SENT,
        col(Advisory.exercise).is_(False),
        col(Advisory.sent_at) <= now,
        (col(Advisory.expires_at) > now)
        | (col(Advisory.expires_at).is_(None) & (col(Advisory.sent_at) >= since)),
    )
    return session.exec(query.order_by(col(Advisory.id))).all()
