"""Query functions of siaga (bot/services/siaga): calls, the people called and their answers,
the tally messages. Each takes the caller's session; a `claim_*` is a conditional update that
says whether this caller got it (False: another process or an earlier press was first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Iterable
from typing import Any
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import Update
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import or_
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import SiagaCall
from storage.models import SiagaRecipient
from storage.models import SiagaStatus
from storage.models import SiagaTally
from storage.models import table_of

# Rows inserted per statement (SQLite allows 32,766 bound values; a row binds 4).
_CHUNK = 2000

# --- calls ---------------------------------------------------------------------------------------


def add_call(session: Session, *, call: SiagaCall) -> int:
    """Store a new call; its id."""
    session.add(call)
    session.flush()
    assert call.id is not None
    return call.id


def call(session: Session, *, call_id: int) -> SiagaCall | None:
    return session.get(SiagaCall, call_id)


def calls_by(session: Session, *, caller_id: int, limit: int) -> list[SiagaCall]:
    """The caller's calls: open ones first, then the newest."""
    query = (
        select(SiagaCall)
        .where(SiagaCall.caller_id == caller_id)
        .order_by(col(SiagaCall.status).desc(), col(SiagaCall.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))


def open_calls(session: Session) -> list[SiagaCall]:
    """Every call still open."""
    return list(session.exec(select(SiagaCall).where(SiagaCall.status == SiagaStatus.OPEN)))


def open_calls_with(
    session: Session, *, user_ids: Collection[int], area_id: int | None = None
) -> list[int]:
    """The open calls that called any of `user_ids` (or, with `area_id`, of that area)."""
    found: set[int] = set()
    ids = list(user_ids)
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(SiagaRecipient.call_id)
            .join(SiagaCall, col(SiagaCall.id) == SiagaRecipient.call_id)
            .where(
                col(SiagaCall.status) == SiagaStatus.OPEN,
                col(SiagaRecipient.user_id).in_(ids[start : start + _CHUNK]),
            )
            .distinct()
        )
        found.update(session.exec(query))
    return sorted(found)


def bump_revision(session: Session, *, call_id: int) -> None:
    """The call's answers changed: every tally of it is due for an edit."""
    session.exec(
        update(SiagaCall)
        .where(col(SiagaCall.id) == call_id)
        .values(revision=SiagaCall.revision + 1)
    )


def claim_reminder(
    session: Session, *, call_id: int, now: dt.datetime, not_since: dt.datetime
) -> bool:
    """Record a reminder unless the call is closed or had one after `not_since`."""
    statement = (
        update(SiagaCall)
        .where(
            col(SiagaCall.id) == call_id,
            col(SiagaCall.status) == SiagaStatus.OPEN,
            or_(
                col(SiagaCall.last_reminder_at).is_(None),
                col(SiagaCall.last_reminder_at) <= not_since,
            ),
        )
        .values(last_reminder_at=now)
    )
    return _changed_one(session, statement)


def claim_close(session: Session, *, call_id: int, now: dt.datetime, how: str) -> bool:
    """Close the call unless it is closed already."""
    statement = (
        update(SiagaCall)
        .where(col(SiagaCall.id) == call_id, col(SiagaCall.status) == SiagaStatus.OPEN)
        .values(
            status=SiagaStatus.CLOSED,
            closed_at=now,
            closed_how=how,
            revision=SiagaCall.revision + 1,
        )
    )
    return _changed_one(session, statement)


def calls_since(
    session: Session, *, since: dt.datetime, area_ids: Collection[int] | None
) -> list[SiagaCall]:
    """The calls made since `since` (of these areas; None: all)."""
    query = select(SiagaCall).where(col(SiagaCall.created_at) >= since)
    if area_ids is not None:
        query = query.where(col(SiagaCall.area_id).in_(list(area_ids)))
    return list(session.exec(query))


# --- the people called ---------------------------------------------------------------------------


def add_recipients(session: Session, *, call_id: int, user_ids: Iterable[int]) -> int:
    """One row per person called; how many."""
    rows = [
        {"call_id": call_id, "user_id": uid, "confirmed": False, "still_member": True}
        for uid in user_ids
    ]
    for start in range(0, len(rows), _CHUNK):
        session.exec(insert(table_of(SiagaRecipient)).values(rows[start : start + _CHUNK]))
    return len(rows)


def recipient(session: Session, *, call_id: int, user_id: int) -> SiagaRecipient | None:
    query = select(SiagaRecipient).where(
        SiagaRecipient.call_id == call_id, SiagaRecipient.user_id == user_id
    )
    return session.exec(query).first()


def recipients_of(session: Session, *, call_id: int) -> list[SiagaRecipient]:
    """Everyone the call called, in the order they were called."""
    query = (
        select(SiagaRecipient)
        .where(SiagaRecipient.call_id == call_id)
        .order_by(col(SiagaRecipient.id))
    )
    return list(session.exec(query))


def unanswered(session: Session, *, call_id: int) -> list[int]:
    """Who has not answered the call yet."""
    query = select(SiagaRecipient.user_id).where(
        SiagaRecipient.call_id == call_id, col(SiagaRecipient.answer).is_(None)
    )
    return list(session.exec(query))


def answer_counts(session: Session, *, call_ids: Collection[int]) -> dict[int, tuple[int, int]]:
    """Per call: (people called, people who answered)."""
    if not call_ids:
        return {}
    query = (
        select(
            SiagaRecipient.call_id,
            func.count(),
            func.count(col(SiagaRecipient.answer)),
        )
        .where(col(SiagaRecipient.call_id).in_(list(call_ids)))
        .group_by(col(SiagaRecipient.call_id))
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in session.exec(query)}


def siap_times(session: Session, *, call_ids: Collection[int]) -> list[tuple[int, dt.datetime]]:
    """(call id, first ✅ Siap) of everyone who said Siap in these calls."""
    if not call_ids:
        return []
    query = select(SiagaRecipient.call_id, SiagaRecipient.first_siap_at).where(
        col(SiagaRecipient.call_id).in_(list(call_ids)),
        col(SiagaRecipient.first_siap_at).is_not(None),
    )
    return [(c, cast(dt.datetime, at)) for c, at in session.exec(query)]


def answers_of(session: Session, *, user_id: int) -> list[tuple[SiagaRecipient, SiagaCall]]:
    """A person's place in every call that called them, oldest first (their copy)."""
    query = (
        select(SiagaRecipient, SiagaCall)
        .join(SiagaCall, col(SiagaCall.id) == SiagaRecipient.call_id)
        .where(SiagaRecipient.user_id == user_id)
        .order_by(col(SiagaCall.id))
    )
    return [(r, c) for r, c in session.exec(query)]


def erase_person(session: Session, *, user_id: int) -> int:
    """A deletion: their answers go, the calls they made are kept without them. How many
    answers went."""
    result = session.exec(delete(SiagaRecipient).where(col(SiagaRecipient.user_id) == user_id))
    session.exec(
        update(SiagaCall).where(col(SiagaCall.caller_id) == user_id).values(caller_id=None)
    )
    session.exec(delete(SiagaTally).where(col(SiagaTally.chat_id) == user_id))
    return int(cast(CursorResult[Any], result).rowcount or 0)


# --- tally messages ------------------------------------------------------------------------------


def add_tally(session: Session, *, call_id: int, chat_id: int) -> None:
    """A tally of the call in `chat_id` (its message is recorded once sent)."""
    if tally(session, call_id=call_id, chat_id=chat_id) is None:
        session.add(SiagaTally(call_id=call_id, chat_id=chat_id))
        session.flush()


def tally(session: Session, *, call_id: int, chat_id: int) -> SiagaTally | None:
    query = select(SiagaTally).where(SiagaTally.call_id == call_id, SiagaTally.chat_id == chat_id)
    return session.exec(query).first()


def tallies_of(session: Session, *, call_id: int) -> list[SiagaTally]:
    return list(session.exec(select(SiagaTally).where(SiagaTally.call_id == call_id)))


def set_tally_message(
    session: Session, *, call_id: int, chat_id: int, message_id: int, revision: int, digest: str
) -> None:
    """The chat's tally is now this message, showing `revision`."""
    add_tally(session, call_id=call_id, chat_id=chat_id)
    session.exec(
        update(SiagaTally)
        .where(col(SiagaTally.call_id) == call_id, col(SiagaTally.chat_id) == chat_id)
        .values(message_id=message_id, shown_revision=revision, shown_digest=digest)
    )


def stale_tallies(session: Session, *, chat_id: int | None = None) -> list[tuple[SiagaTally, int]]:
    """Tally messages that show an older revision than their call's, oldest call first, with
    the call's revision (in one chat, or all)."""
    query = (
        select(SiagaTally, SiagaCall.revision)
        .join(SiagaCall, col(SiagaCall.id) == SiagaTally.call_id)
        .where(
            col(SiagaTally.message_id).is_not(None),
            col(SiagaTally.shown_revision) < col(SiagaCall.revision),
        )
        .order_by(col(SiagaTally.call_id))
    )
    if chat_id is not None:
        query = query.where(SiagaTally.chat_id == chat_id)
    return [(row, int(revision)) for row, revision in session.exec(query)]


def mark_shown(
    session: Session, *, tally_id: int, revision: int, digest: str, now: dt.datetime | None
) -> None:
    """The tally message shows `revision` now (never going back to an older one)."""
    values: dict[str, Any] = {"shown_revision": revision, "shown_digest": digest}
    if now is not None:
        values["edited_at"] = now
    session.exec(
        update(SiagaTally)
        .where(col(SiagaTally.id) == tally_id, col(SiagaTally.shown_revision) < revision)
        .values(**values)
    )


def forget_tally_message(session: Session, *, tally_id: int) -> None:
    """The message is gone (deleted in the chat): nothing to edit any more."""
    session.exec(update(SiagaTally).where(col(SiagaTally.id) == tally_id).values(message_id=None))


def _changed_one(session: Session, statement: Update) -> bool:
    result = cast(CursorResult[Any], session.exec(statement))
    return result.rowcount == 1
