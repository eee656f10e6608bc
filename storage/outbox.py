"""Query functions of the delivery engine's outbox: create, claim, record, recover, report.

Each takes the session of the caller's transaction (see `storage.db.Database.run`). Claiming is
one UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) on PostgreSQL, so several bot
processes never take the same row; SQLite runs the same statement under its single writer lock.
Times called `now` are float seconds on the engine's clock (see storage.models).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import bindparam
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlmodel import Session

from storage.db import dialect_insert
from storage.models import Delivery
from storage.models import DeliveryChat
from storage.models import DeliveryPacer
from storage.models import DeliveryState
from storage.models import DeliveryWorker
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import User
from storage.models import table_of
from storage.models import utcnow

OB = table_of(OutboxRow)
D = table_of(Delivery)
C = table_of(DeliveryChat)
P = table_of(DeliveryPacer)
W = table_of(DeliveryWorker)
# SQLite allows 32,766 bound parameters per statement; stay well below with chunked IN lists.
_CHUNK = 2_000
_ERROR_CHARS = 256


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def chat_interval(chat_id: int) -> float:
    """Seconds between two sends to one chat: 1 s to a person, 20 a minute to a group."""
    # Groups and channels have negative ids. 3.05 s rather than 3.0: 20 sends spaced exactly
    # 3 s apart would put a 21st on the edge of Telegram's sliding minute.
    return 3.05 if chat_id < 0 else 1.0


# ---- creating deliveries -----------------------------------------------------------------


def create_delivery(
    session: Session,
    *,
    kind: str,
    ref: str,
    priority: int,
    payload: dict[str, Any],
    chat_ids: Sequence[int],
    now: float,
    created_by: int | None = None,
    progress_chat_id: int | None = None,
    progress_message_id: int | None = None,
    progress_language: str = "id",
    parent_id: int | None = None,
    sources: dict[int, int] | None = None,
    not_before: float | None = None,
) -> int:
    """Write a delivery and one pending row per distinct chat (sent from `not_before`, else
    at once); chats known to be unreachable get a `blocked` row at once. Everything in the
    caller's one transaction."""
    unique = list(dict.fromkeys(chat_ids))
    # One INSERT ... RETURNING, without the ORM's unit of work (every report card, every reply
    # of the engine comes through here).
    delivery_id: int = session.execute(
        D.insert()
        .values(
            kind=kind[:32],
            ref=ref[:64],
            priority=priority,
            payload=json.dumps(payload, ensure_ascii=False),
            state=DeliveryState.SENDING.value,
            total=len(unique),
            parent_id=parent_id,
            created_by=created_by,
            created_at=utcnow(),
            progress_chat_id=progress_chat_id,
            progress_message_id=progress_message_id,
            progress_language=progress_language,
        )
        .returning(D.c.id)
    ).scalar_one()
    if unique:
        session.execute(
            OB.insert(),
            [
                {
                    "delivery_id": delivery_id,
                    "chat_id": chat_id,
                    "priority": priority,
                    "status": OutboxStatus.PENDING.value,
                    "not_before": now if not_before is None else max(now, not_before),
                    "attempts": 0,
                    "source_row_id": sources.get(chat_id) if sources else None,
                }
                for chat_id in unique
            ],
        )
        # One statement, whatever the number of recipients: no long IN list.
        session.execute(
            update(OB)
            .where(
                OB.c.delivery_id == delivery_id,
                OB.c.chat_id.in_(select(C.c.chat_id).where(C.c.active.is_(False))),
            )
            .values(status=OutboxStatus.BLOCKED.value, error="chat inactive (blocked the bot)")
        )
    return delivery_id


def sent_rows(session: Session, delivery_id: int, *, open_too: bool = False) -> dict[int, int]:
    """chat id -> row id of a delivery's rows that were sent (and, with `open_too`, that may
    still be: pending or claimed)."""
    statuses = [OutboxStatus.SENT.value]
    if open_too:
        statuses += [OutboxStatus.PENDING.value, OutboxStatus.CLAIMED.value]
    rows = session.execute(
        select(OB.c.chat_id, OB.c.id).where(
            OB.c.delivery_id == delivery_id, OB.c.status.in_(statuses)
        )
    )
    return {chat_id: row_id for chat_id, row_id in rows}


def get_delivery(session: Session, delivery_id: int) -> Delivery | None:
    """The delivery with this id."""
    return session.get(Delivery, delivery_id)


def set_payload(session: Session, delivery_id: int, payload: dict[str, Any]) -> None:
    """Replace what the not-yet-sent rows of a delivery will send."""
    session.execute(
        update(D)
        .where(D.c.id == delivery_id)
        .values(payload=json.dumps(payload, ensure_ascii=False))
    )


def cancel_pending(session: Session, delivery_id: int) -> int:
    """Cancel the rows of a delivery that were not claimed yet; return how many."""
    result = session.exec(
        update(OB)
        .where(OB.c.delivery_id == delivery_id, OB.c.status == OutboxStatus.PENDING.value)
        .values(status=OutboxStatus.CANCELLED.value, error="cancelled")
    )
    return int(result.rowcount or 0)


# ---- claiming ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A row taken by this worker, with everything needed to send it."""

    row_id: int
    delivery_id: int
    chat_id: int
    priority: int
    attempts: int
    payload: dict[str, Any]
    # For edits and follow-ups: the message id of the original in this chat.
    target_message_id: int | None


def any_due(session: Session, now: float) -> bool:
    """Whether a pending row is due (one indexed read; `claim` itself writes first, which on
    SQLite takes the writer lock even when there is nothing to claim)."""
    query = (
        select(OB.c.id)
        .where(OB.c.status == OutboxStatus.PENDING.value, OB.c.not_before <= now)
        .limit(1)
    )
    return session.execute(query).first() is not None


def claim(session: Session, worker: str, now: float, limit: int, lease: float) -> list[Claimed]:
    """Take up to `limit` due pending rows, most urgent first, and reserve their chats.

    A row whose chat is still paced (another send to it was reserved less than its interval
    ago, by this or any process) goes back with `not_before` set; a row for an inactive chat
    becomes `blocked` without being sent; an edit whose original is not sent yet waits.
    """
    picked = (
        select(OB.c.id)
        .where(OB.c.status == OutboxStatus.PENDING.value, OB.c.not_before <= now)
        .order_by(OB.c.priority, OB.c.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        picked = picked.with_for_update(skip_locked=True)
    # A write first: on SQLite this takes the writer lock at once (no read-then-upgrade race).
    claimed = session.execute(
        update(OB)
        .where(OB.c.id.in_(picked.scalar_subquery()))
        .values(status=OutboxStatus.CLAIMED.value, claimed_by=worker, lease_until=now + lease)
        .returning(
            OB.c.id,
            OB.c.delivery_id,
            OB.c.chat_id,
            OB.c.priority,
            OB.c.attempts,
            OB.c.source_row_id,
        )
    ).all()
    if not claimed:
        return []
    rows = sorted(claimed, key=lambda r: (r.priority, r.id))

    chat_ids = list({r.chat_id for r in rows})
    states = {
        chat_id: (active, next_at)
        for chat_id, active, next_at in session.execute(
            select(C.c.chat_id, C.c.active, C.c.next_at).where(C.c.chat_id.in_(chat_ids))
        )
    }
    sources = [r.source_row_id for r in rows if r.source_row_id is not None]
    originals = {
        row_id: (status, message_id)
        for row_id, status, message_id in (
            session.execute(
                select(OB.c.id, OB.c.status, OB.c.message_id).where(OB.c.id.in_(sources))
            )
            if sources
            else []
        )
    }

    back: list[dict[str, Any]] = []  # to pending, with a new not_before
    final: list[dict[str, Any]] = []  # settled without sending
    candidates: list[Any] = []
    seen_chats: set[int] = set()
    staggered: dict[int, float] = {}  # chat -> the last slot given to a row put back
    for row in rows:
        active, next_at = states.get(row.chat_id, (True, 0.0))
        if not active:
            final.append(_settle(row.id, OutboxStatus.BLOCKED, "chat inactive (blocked the bot)"))
            continue
        if row.source_row_id is not None:
            status, message_id = originals.get(row.source_row_id, (None, None))
            if status in (OutboxStatus.PENDING.value, OutboxStatus.CLAIMED.value):
                back.append({"b_id": row.id, "b_not_before": now + 1.0})
                continue
            if status != OutboxStatus.SENT.value or message_id is None:
                final.append(_settle(row.id, OutboxStatus.CANCELLED, "original not delivered"))
                continue
        if next_at > now or row.chat_id in seen_chats:
            # Rows waiting for the same chat get consecutive slots, not all the next one: a
            # backlog for one group (20 a minute) is then claimed a row at a time, instead of
            # being claimed and put back whole every few seconds.
            interval = chat_interval(row.chat_id)
            slot = staggered.get(row.chat_id, max(next_at, now + interval) - interval) + interval
            staggered[row.chat_id] = slot
            back.append({"b_id": row.id, "b_not_before": slot})
            continue
        seen_chats.add(row.chat_id)
        candidates.append(row)

    reserved: set[int] = set()
    if candidates:
        values = [
            {
                "chat_id": r.chat_id,
                "active": True,
                "reason": "",
                "since": utcnow(),
                "next_at": now + chat_interval(r.chat_id),
            }
            for r in candidates
        ]
        insert = dialect_insert(session)(C)
        # Race-safe: a chat another process reserved meanwhile is neither updated nor returned.
        # Parameters as a list (not .values([...])): one cached statement, batched by
        # SQLAlchemy, instead of compiling a new 500-row statement on every claim.
        statement = insert.on_conflict_do_update(
            index_elements=[C.c.chat_id],
            set_={"next_at": insert.excluded.next_at},
            where=and_(C.c.next_at <= now, C.c.active.is_(True)),
        ).returning(C.c.chat_id)
        reserved = set(session.execute(statement, values).scalars())
    claimed_rows = []
    for row in candidates:
        if row.chat_id in reserved:
            claimed_rows.append(row)
        else:
            back.append({"b_id": row.id, "b_not_before": now + 0.5})

    if back:
        session.execute(
            update(OB)
            .where(OB.c.id == bindparam("b_id"))
            .values(
                status=OutboxStatus.PENDING.value,
                claimed_by=None,
                lease_until=None,
                not_before=bindparam("b_not_before"),
            ),
            back,
        )
    if final:
        _write_outcomes(session, final)

    payloads = {
        delivery_id: json.loads(payload)
        for delivery_id, payload in session.execute(
            select(D.c.id, D.c.payload).where(
                D.c.id.in_(list({r.delivery_id for r in claimed_rows}) or [-1])
            )
        )
    }
    return [
        Claimed(
            row_id=r.id,
            delivery_id=r.delivery_id,
            chat_id=r.chat_id,
            priority=r.priority,
            attempts=r.attempts,
            payload=payloads[r.delivery_id],
            target_message_id=(
                originals[r.source_row_id][1] if r.source_row_id is not None else None
            ),
        )
        for r in claimed_rows
    ]


def _settle(
    row_id: int,
    status: OutboxStatus,
    error: str | None = None,
    *,
    message_id: int | None = None,
    sent_at: dt.datetime | None = None,
    attempts: int | None = None,
) -> dict[str, Any]:
    return {
        "b_id": row_id,
        "b_status": status.value,
        "b_error": error[:_ERROR_CHARS] if error else None,
        "b_message_id": message_id,
        "b_sent_at": sent_at,
        "b_attempts": attempts,
    }


def _write_outcomes(session: Session, outcomes: list[dict[str, Any]]) -> None:
    session.execute(
        update(OB)
        # A row recorded as sent is final: nothing may turn it back.
        .where(OB.c.id == bindparam("b_id"), OB.c.status != OutboxStatus.SENT.value)
        .values(
            status=bindparam("b_status"),
            error=bindparam("b_error"),
            message_id=bindparam("b_message_id"),
            sent_at=bindparam("b_sent_at"),
            attempts=func.coalesce(bindparam("b_attempts"), OB.c.attempts),
            # claimed_by stays: on a settled row it names the worker that sent it.
            lease_until=None,
        ),
        outcomes,
    )


# ---- recording outcomes ------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The final fate of one claimed row."""

    row_id: int
    status: OutboxStatus
    message_id: int | None = None
    sent_at: dt.datetime | None = None
    error: str | None = None
    attempts: int | None = None


def record(
    session: Session,
    outcomes: Sequence[Outcome],
    blocked_chats: dict[int, str],
    now_dt: dt.datetime,
) -> None:
    """Write the outcomes of sent rows and mark chats that refused the bot as inactive."""
    if outcomes:
        _write_outcomes(
            session,
            [
                _settle(
                    o.row_id,
                    o.status,
                    o.error,
                    message_id=o.message_id,
                    sent_at=o.sent_at,
                    attempts=o.attempts,
                )
                for o in outcomes
            ],
        )
    if blocked_chats:
        mark_inactive(session, blocked_chats, now_dt)


def mark_inactive(session: Session, chats: dict[int, str], now_dt: dt.datetime) -> None:
    """Record that these chats refuse the bot (chat id -> Telegram's reason)."""
    insert = dialect_insert(session)(C).values(
        [
            {"chat_id": c, "active": False, "reason": r[:256], "since": now_dt, "next_at": 0.0}
            for c, r in chats.items()
        ]
    )
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[C.c.chat_id],
            set_={
                "active": False,
                "reason": insert.excluded.reason,
                "since": insert.excluded.since,
            },
        )
    )


def reactivate(session: Session, chat_id: int, now_dt: dt.datetime) -> bool:
    """Mark a chat reachable again (its user talked to the bot); True if it was inactive."""
    result = session.exec(
        update(C)
        .where(C.c.chat_id == chat_id, C.c.active.is_(False))
        .values(active=True, reason="", since=now_dt)
    )
    return bool(result.rowcount)


def is_active(session: Session, chat_id: int) -> bool:
    """Whether the chat is not known to refuse the bot."""
    active = session.execute(select(C.c.active).where(C.c.chat_id == chat_id)).scalar()
    return active is None or bool(active)


def retarget(session: Session, row_id: int, chat_id: int) -> bool:
    """Send a claimed row to another chat (its group became a supergroup); False when its
    delivery already has a row for that chat."""
    delivery_id = session.execute(select(OB.c.delivery_id).where(OB.c.id == row_id)).scalar()
    taken = session.execute(
        select(OB.c.id).where(OB.c.delivery_id == delivery_id, OB.c.chat_id == chat_id)
    ).first()
    if delivery_id is None or taken is not None:
        return False
    session.execute(update(OB).where(OB.c.id == row_id).values(chat_id=chat_id))
    return True


def release(session: Session, row_ids: Sequence[int], worker: str) -> None:
    """Give claimed rows back (a clean stop): another worker may take them at once."""
    for chunk in _chunks(list(row_ids)):
        session.execute(
            update(OB)
            .where(
                OB.c.id.in_(chunk),
                OB.c.status == OutboxStatus.CLAIMED.value,
                OB.c.claimed_by == worker,
            )
            .values(status=OutboxStatus.PENDING.value, claimed_by=None, lease_until=None)
        )


def renew(session: Session, worker: str, until: float) -> int:
    """Extend the lease of every row this worker holds."""
    result = session.exec(
        update(OB)
        .where(OB.c.status == OutboxStatus.CLAIMED.value, OB.c.claimed_by == worker)
        .values(lease_until=until)
    )
    return int(result.rowcount or 0)


def recover_expired(session: Session, now: float) -> int:
    """Put rows whose worker died (lease expired) back in the queue; return how many.

    Their outcome is unknown: each was claimed, perhaps sent, never recorded.
    """
    result = session.exec(
        update(OB)
        .where(OB.c.status == OutboxStatus.CLAIMED.value, OB.c.lease_until < now)
        .values(status=OutboxStatus.PENDING.value, claimed_by=None, lease_until=None)
    )
    return int(result.rowcount or 0)


def release_all(session: Session) -> int:
    """Put every claimed row back in the queue; return how many. Only for a caller that knows
    every other claimer is dead (on SQLite: it holds the sender lock, see bot.delivery.workers).
    """
    result = session.exec(
        update(OB)
        .where(OB.c.status == OutboxStatus.CLAIMED.value)
        .values(status=OutboxStatus.PENDING.value, claimed_by=None, lease_until=None)
    )
    return int(result.rowcount or 0)


def _server_now(session: Session) -> ColumnElement[Any]:
    """Unix time on the database server's clock: heartbeats of processes on several machines
    are written and judged by one clock, so a skewed machine clock cannot make a live worker
    look dead."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", func.clock_timestamp())
    return (func.julianday("now") - 2440587.5) * 86400.0


def heartbeat(session: Session, worker: str) -> bool:
    """Record that `worker` is alive; False if it had no heartbeat row (its first beat, or it was
    declared dead and its rows were given to others)."""
    now = _server_now(session)
    result = session.exec(update(W).where(W.c.worker_id == worker).values(last_seen=now))
    if result.rowcount:
        return True
    insert = dialect_insert(session)(W).values(worker_id=worker, last_seen=now, started_at=utcnow())
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[W.c.worker_id], set_={"last_seen": insert.excluded.last_seen}
        )
    )
    return False


def retire_worker(session: Session, worker: str) -> None:
    """A clean stop: whatever `worker` still holds resumes at the next look of a live worker."""
    session.execute(update(W).where(W.c.worker_id == worker).values(last_seen=0.0))


def recover_dead(session: Session, stale_after: float) -> dict[str, int]:
    """Put the rows of workers silent for more than `stale_after` seconds (database clock)
    back in the queue and forget those workers; return worker -> rows resumed (their outcome
    is unknown)."""
    dead_query = select(W.c.worker_id).where(W.c.last_seen < _server_now(session) - stale_after)
    if session.get_bind().dialect.name == "postgresql":
        # Two live workers looking at once: one of them resumes a dead worker's rows.
        dead_query = dead_query.with_for_update(skip_locked=True)
    dead = list(session.execute(dead_query).scalars())
    if not dead:
        return {}
    resumed: dict[str, int] = {}
    for worker in dead:  # a few at most: one statement each keeps the count per worker
        result = session.exec(
            update(OB)
            .where(OB.c.status == OutboxStatus.CLAIMED.value, OB.c.claimed_by == worker)
            .values(status=OutboxStatus.PENDING.value, claimed_by=None, lease_until=None)
        )
        resumed[worker] = int(result.rowcount or 0)
    for chunk in _chunks(dead):
        session.execute(W.delete().where(W.c.worker_id.in_(chunk)))
    return resumed


# ---- the shared pacer --------------------------------------------------------------------


def take_slots(
    session: Session, wanted: int, now: float, interval: float, horizon: float
) -> tuple[list[float], float]:
    """Reserve up to `wanted` send times, `interval` apart, from the bot-wide schedule.

    Returns (slot times, paused_until). Slots start no earlier than now and no later than
    now + horizon, so an idle process never hoards the budget. Row-locked on PostgreSQL, so
    two processes interleave their slots instead of doubling the rate.
    """
    query = select(P.c.tat, P.c.paused_until).where(P.c.id == 1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.execute(query).first()
    if row is None:
        insert = dialect_insert(session)(P).values(id=1, tat=0.0, paused_until=0.0)
        session.execute(insert.on_conflict_do_nothing(index_elements=[P.c.id]))
        row = session.execute(query).one()
    tat, paused_until = row
    start = max(tat, now, paused_until)
    slots: list[float] = []
    while len(slots) < wanted and start <= now + horizon:
        slots.append(start)
        start += interval
    if slots:
        session.execute(update(P).where(P.c.id == 1).values(tat=start))
    return slots, paused_until


def pause_all(session: Session, until: float) -> None:
    """After a 429: no process sends before `until`."""
    insert = dialect_insert(session)(P).values(id=1, tat=until, paused_until=until)
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[P.c.id],
            set_={
                "paused_until": func.max(P.c.paused_until, until)
                if session.get_bind().dialect.name == "sqlite"
                else func.greatest(P.c.paused_until, until),
                "tat": func.max(P.c.tat, until)
                if session.get_bind().dialect.name == "sqlite"
                else func.greatest(P.c.tat, until),
            },
        )
    )


# ---- progress, completion, reports -------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """How the rows of one delivery stand."""

    total: int
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    cancelled: int = 0
    pending: int = 0

    @property
    def done(self) -> int:
        """Rows in a final state."""
        return self.sent + self.blocked + self.failed + self.cancelled

    @property
    def finished(self) -> bool:
        """Whether no row is waiting or in flight."""
        return self.pending == 0


def any_sending(session: Session) -> bool:
    """Whether any delivery is still being sent (one indexed read: what an idle bot asks)."""
    query = select(D.c.id).where(D.c.state == DeliveryState.SENDING.value).limit(1)
    return session.execute(query).first() is not None


def counts(session: Session, delivery_id: int) -> Counts:
    """Count a delivery's rows by status."""
    by_status = dict(
        session.execute(
            select(OB.c.status, func.count())
            .where(OB.c.delivery_id == delivery_id)
            .group_by(OB.c.status)
        ).all()
    )
    if not by_status:
        # No rows: a delivery to nobody, or one whose rows retention compacted (counts kept).
        kept = session.execute(
            select(D.c.total, D.c.sent, D.c.blocked, D.c.failed, D.c.cancelled).where(
                D.c.id == delivery_id, D.c.compacted_at.is_not(None)
            )
        ).first()
        if kept is not None:
            return Counts(
                total=kept.total,
                sent=kept.sent or 0,
                blocked=kept.blocked or 0,
                failed=kept.failed or 0,
                cancelled=kept.cancelled or 0,
            )
    get = lambda s: int(by_status.get(s.value, 0))  # noqa: E731
    return Counts(
        total=sum(int(v) for v in by_status.values()),
        sent=get(OutboxStatus.SENT),
        blocked=get(OutboxStatus.BLOCKED),
        failed=get(OutboxStatus.FAILED),
        cancelled=get(OutboxStatus.CANCELLED),
        pending=get(OutboxStatus.PENDING) + get(OutboxStatus.CLAIMED),
    )


def active_deliveries(session: Session) -> list[Delivery]:
    """Deliveries still sending."""
    return list(
        session.execute(select(Delivery).where(D.c.state == DeliveryState.SENDING.value))
        .scalars()
        .all()
    )


def take_progress_turn(session: Session, delivery_id: int, now: float, every: float) -> bool:
    """Whether this process should render progress now (one process per `every` seconds)."""
    result = session.exec(
        update(D)
        .where(
            D.c.id == delivery_id,
            D.c.state == DeliveryState.SENDING.value,
            or_(D.c.progress_at.is_(None), D.c.progress_at <= now - every),
        )
        .values(progress_at=now)
    )
    return bool(result.rowcount)


def set_progress_message(session: Session, delivery_id: int, message_id: int) -> None:
    """Remember the author's progress message, to edit it from now on."""
    session.execute(update(D).where(D.c.id == delivery_id).values(progress_message_id=message_id))


def finish(session: Session, delivery_id: int, now_dt: dt.datetime) -> bool:
    """Mark a delivery done if no row is open; True for the one caller that did it."""
    open_rows = select(OB.c.id).where(
        OB.c.delivery_id == delivery_id,
        OB.c.status.in_([OutboxStatus.PENDING.value, OutboxStatus.CLAIMED.value]),
    )
    result = session.exec(
        update(D)
        .where(
            D.c.id == delivery_id,
            D.c.state == DeliveryState.SENDING.value,
            ~open_rows.exists(),
        )
        .values(state=DeliveryState.DONE.value, finished_at=now_dt)
    )
    return bool(result.rowcount)


@dataclass(frozen=True)
class LedgerEntry:
    """One recipient of a delivery: who, and what happened."""

    chat_id: int
    name: str | None
    status: str
    message_id: int | None
    sent_at: dt.datetime | None
    attempts: int
    error: str | None


def ledger(
    session: Session, delivery_id: int, *, not_sent_first: bool = False
) -> list[LedgerEntry]:
    """Every row of a delivery with the recipient's name where the bot knows it."""
    order: list[ColumnElement[Any]] = [OB.c.id]
    if not_sent_first:
        order.insert(0, case((OB.c.status == OutboxStatus.SENT.value, 1), else_=0))
    U = table_of(User)
    rows = session.execute(
        select(
            OB.c.chat_id,
            U.c.first_name,
            U.c.last_name,
            OB.c.status,
            OB.c.message_id,
            OB.c.sent_at,
            OB.c.attempts,
            OB.c.error,
        )
        .select_from(OB.outerjoin(U, U.c.id == OB.c.chat_id))
        .where(OB.c.delivery_id == delivery_id)
        .order_by(*order)
    )
    return [
        LedgerEntry(
            chat_id=r.chat_id,
            name=" ".join(p for p in (r.first_name, r.last_name) if p) or None,
            status=r.status,
            message_id=r.message_id,
            sent_at=r.sent_at,
            attempts=r.attempts,
            error=r.error,
        )
        for r in rows
    ]
