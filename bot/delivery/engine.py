"""The sending loop: claim rows from the outbox, pace them, send them, record what happened.

Tasks of one engine (one per bot process):

- claim: keeps a small local buffer of claimed rows (about one second of sending); a new
  DIRECT row wakes it at once, so one person's message waits for at most one claim.
- dispatch: takes the most urgent buffered row whose chat may be sent to now, waits for a
  bot-wide send slot (`storage.outbox.take_slots`, shared by every process through the
  database) and starts the send; at most `max_in_flight` sends are open at a time.
- flush: writes outcomes in small batches (every `flush_every` seconds or `flush_batch` rows).
- housekeeping: renews the leases of held rows, returns rows whose lease expired to the queue,
  finishes deliveries, and keeps the authors' progress messages up to date.
- liveness (PostgreSQL): the heartbeat of this worker, and the rows of silent workers back to
  the queue (see `bot.delivery.workers`; on SQLite the sender lock does this at start).
- fast lane (`take_direct_slot`, not a task): a handler's own reply waits for the pause and its
  chat, then takes the next slot from the dispatcher, before any row (or, with no rows to send,
  is paced here and charged to the shared schedule afterwards).

Delivery is at least once. A row's outcome is durable once flushed. At a crash, the rows whose
fate is unknown are those in flight plus those answered but not yet flushed: at most
`max_in_flight + flush_batch` (see `unknown_at_crash`); only those can reach a chat twice. The
rows a dead process held are sent again at the next start on SQLite, within about
`WORKER_STALE` seconds on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import heapq
import itertools
import logging
import math
import random
from collections import deque
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Coroutine
from collections.abc import Generator
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import TypedDict
from typing import TypeVar
from typing import cast

from sqlmodel import Session

from bot.delivery import progress
from bot.delivery.fastlane import STALE_SLOT
from bot.delivery.fastlane import FastLane
from bot.delivery.hooks import DeliveryHooks
from bot.delivery.types import Blocked
from bot.delivery.types import Clock
from bot.delivery.types import Migrated
from bot.delivery.types import Priority
from bot.delivery.types import Rejected
from bot.delivery.types import RetryAfter
from bot.delivery.types import Sender
from bot.delivery.types import SendOutcome
from bot.delivery.types import Sent
from bot.delivery.types import Transient
from bot.delivery.workers import HEARTBEAT_EVERY
from bot.delivery.workers import WORKER_STALE
from bot.delivery.workers import Liveness
from storage import outbox
from storage.db import Database
from storage.db import OutageLog
from storage.models import OutboxStatus

log = logging.getLogger(__name__)
T = TypeVar("T")

# Send a little below the configured rate: Telegram's "about 30 per second" has no published
# burst, and a send that arrives a hair early costs a 429 (and with it a pause for everyone).
HEADROOM = 0.99
# The last stretch of a wait before a send is spent yielding to the event loop rather than
# sleeping, for precision (engine-clock seconds; a scaled clock needs it scaled too).
TIMER_SLACK = 0.002
# The last resort for rows whose holder left no heartbeat (see bot.delivery.workers): a
# dead process's rows normally resume long before it runs out.
LEASE_SECONDS = 60.0
MAX_ATTEMPTS = 5
PROGRESS_EVERY = 3.0
# While the database is away: how long a loop waits before it tries again (engine-clock seconds).
OUTAGE_RETRY = 2.0
# Bounded wait between two looks at the database when nothing woke the engine.
IDLE_POLL = 0.5


def backoff(attempt: int, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `attempt` (1, 2, 4, 8... capped at 60, ±20%)."""
    base = min(60.0, 2.0 ** max(0, attempt - 1))
    return base * (rng or random).uniform(0.8, 1.2)


@dataclass
class Job:
    """One send the engine will make: an outbox row, or an in-memory progress update."""

    priority: int
    chat_id: int
    method: str
    params: dict[str, Any]
    row_id: int | None = None
    delivery_id: int | None = None
    attempts: int = 0
    target_message_id: int | None = None
    on_done: Callable[[SendOutcome], Awaitable[None]] | None = field(default=None, repr=False)


@dataclass
class EngineStats:
    """What this engine did since it started."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retry_after: int = 0
    transient: int = 0
    recovered: int = 0


class EngineOptions(TypedDict, total=False):
    """The engine's tuning knobs, passed through `DeliveryService.start` (benches, tests)."""

    max_in_flight: int | None
    lease_seconds: float
    max_attempts: int
    progress_every: float
    headroom: float
    timer_slack: float
    heartbeat_every: float
    worker_stale: float


class DeliveryEngine(FastLane):
    """Sends the outbox; see the module docstring."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        *,
        clock: Clock,
        rate: float | None,
        worker_id: str,
        paid_broadcast: bool = False,
        max_in_flight: int | None = None,
        lease_seconds: float = LEASE_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        progress_every: float = PROGRESS_EVERY,
        headroom: float = HEADROOM,
        timer_slack: float = TIMER_SLACK,
        heartbeat_every: float = HEARTBEAT_EVERY,
        worker_stale: float = WORKER_STALE,
        on_blocked: Callable[[int], object] | None = None,
        hooks: DeliveryHooks | None = None,
    ) -> None:
        self.db = db
        self.sender = sender
        self.clock = clock
        self.rate = rate
        self.worker_id = worker_id
        self.paid_broadcast = paid_broadcast
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts
        self.progress_every = progress_every
        self.on_blocked = on_blocked
        self.hooks = hooks or DeliveryHooks()
        self.timer_slack = timer_slack
        self.liveness = Liveness(
            db,
            worker_id,
            clock,
            heartbeat_every=heartbeat_every,
            worker_stale=worker_stale,
        )
        self._standby: asyncio.Task[None] | None = None
        self._liveness: asyncio.Task[None] | None = None
        self.stats = EngineStats()
        # The last progress text this process showed per delivery (to skip identical edits).
        self._progress_shown: dict[int, object] = {}
        if rate:
            # Enough open requests to keep the rate through ordinary latency and a few stalls.
            self.max_in_flight = max_in_flight or max(32, math.ceil(rate * 0.5))
            self._slot_interval = 1.0 / (rate * headroom)
            self._min_gap = 1.0 / rate
            # Up to a second of slots per grant, asked for when half is left: a slow database
            # (another process holding the lock) never leaves the dispatcher without a slot.
            self._slot_batch = max(1, math.ceil(rate * 1.0))
            self.claim_batch = max(10, min(1000, math.ceil(rate * 0.5)))
            self._buffer_target = max(20, math.ceil(rate * 1.0))
            # Outcomes answered but not yet written are what a crash can send twice: write
            # often (at 30/s that is three rows per small transaction).
            self.flush_every = 0.1
        else:
            self.max_in_flight = max_in_flight or 256
            self._slot_interval = self._min_gap = 0.0
            self._slot_batch = 0
            self.claim_batch = 500
            self._buffer_target = 2000
            self.flush_every = 0.1
        self.flush_batch = max(16, math.ceil((rate or 5000) * self.flush_every))

        self._ready: list[tuple[int, int, Job]] = []
        self._deferred: list[tuple[float, int, Job]] = []
        self._seq = itertools.count()
        self._chat_free: dict[int, float] = {}
        self._held: set[int] = set()
        self._slots: deque[float] = deque()
        self._slot_refill: asyncio.Task[None] | None = None
        self._pause_until = 0.0
        self._last_start = 0.0
        # Off until the first 429: pacing by the schedule alone keeps the full rate when
        # Telegram tolerates small bursts; after a 429 each send is also spaced from the
        # actual start of the one before (which costs the loop's lateness on every send).
        self._strict = False
        self._results: list[outbox.Outcome] = []
        self._blocked_chats: dict[int, str] = {}
        self._results_since = 0.0
        self._in_flight: asyncio.Semaphore = asyncio.Semaphore(self.max_in_flight)
        self._open: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._work = asyncio.Event()
        self._flush_now = asyncio.Event()
        # Set when an outcome waits to be written: the flush loop sleeps without a timer until
        # then (ten wake-ups a second of an idle bot, for nothing).
        self._to_flush = asyncio.Event()
        self._claim_now = False
        self._tasks: list[asyncio.Task[None]] = []
        self._housekeeping: asyncio.Task[None] | None = None
        self._stopping = False
        self._outage = OutageLog(log, "delivery engine")
        self._init_fast_lane()

    @property
    def unknown_at_crash(self) -> int:
        """The most rows whose outcome a crash could leave unknown (and so send twice)."""
        return self.max_in_flight + self.flush_batch

    # ---- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Resume unfinished deliveries (a dead process's rows too) and start the tasks; on
        SQLite, stand by instead while another live process holds the sender lock."""
        if not self.liveness.may_send():
            self._standby = asyncio.create_task(self._guard(self._standby_loop))
            return
        self.stats.recovered += await self.liveness.resume_dead()
        self._start_loops()

    async def _standby_loop(self) -> None:
        await self.liveness.stand_by()
        self.stats.recovered += await self.liveness.resume_dead()
        self._start_loops()

    def _start_loops(self) -> None:
        loops: list[Callable[[], Awaitable[None]]] = [
            self._claim_loop,
            self._dispatch_loop,
            self._flush_loop,
        ]
        self._tasks = [asyncio.create_task(self._guard(loop)) for loop in loops]
        self._housekeeping = asyncio.create_task(self._guard(self._housekeeping_loop))
        if not self.liveness.sole_sender:
            self._liveness = asyncio.create_task(self._guard(self._liveness_loop))

    async def _guard(self, loop: Callable[[], Awaitable[None]]) -> None:
        """Run a loop; log and restart it after an error (a database outage, say)."""
        while not self._stopping:
            try:
                await loop()
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self._outage.failed(exc):  # the database is away: said once, not each time
                    await self.clock.sleep(OUTAGE_RETRY)
                    continue
                log.exception("delivery engine: %s failed; restarting it", loop.__name__)
                await self.clock.sleep(1.0)

    async def stop(self, grace: float = 2.0) -> None:
        """Stop claiming and dispatching, let open sends finish for up to `grace` real
        seconds, record their outcomes and hand back rows never sent."""
        if self._stopping:
            return
        for chore in (self._housekeeping, self._liveness, self._standby):
            if chore is not None:
                chore.cancel()
        self._stopping = True
        self._release_direct_waiters()
        # The loops end at their next look (a claim under way completes, so its rows are
        # known and handed back below); housekeeping has nothing that must finish.
        for event in (self._wake, self._work, self._flush_now, self._to_flush):
            event.set()
        _, late = await asyncio.wait(self._tasks, timeout=grace) if self._tasks else ((), ())
        for task in late:
            task.cancel()
        if self._slot_refill is not None:
            self._slot_refill.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        chores = [c for c in (self._housekeeping, self._liveness, self._standby) if c is not None]
        await asyncio.gather(*chores, return_exceptions=True)
        if self._open:
            _, pending = await asyncio.wait(self._open, timeout=grace)
            # Still open: left claimed; the next start (SQLite) or a live worker resumes it.
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._flush()
        await self._stop_charging()
        waiting = [j.row_id for _, _, j in self._ready + self._deferred if j.row_id is not None]
        if waiting:
            with contextlib.suppress(Exception):
                await self.db.run(outbox.release, waiting, self.worker_id)
        await self.liveness.retire(sent=bool(self._tasks))

    def wake(self) -> None:
        """New rows are in the outbox: claim now rather than at the next poll."""
        self._claim_now = True
        self._wake.set()

    def push(self, job: Job) -> None:
        """Queue an in-memory job (progress updates)."""
        heapq.heappush(self._ready, (job.priority, next(self._seq), job))
        self._work.set()

    # ---- claiming ------------------------------------------------------------------------

    async def _claim_loop(self) -> None:
        idle = False  # the last claim found nothing, and nothing woke the engine since
        while not self._stopping:
            # Cleared before claiming: a wake() during the claim means "claim again".
            self._wake.clear()
            buffered = len(self._ready) + len(self._deferred)
            claimed = 0
            if self._claim_now or buffered < self._buffer_target:
                woken, self._claim_now = self._claim_now, False
                # An idle poll first asks whether anything is due: a read, where a claim
                # writes (twice a second, the most of an idle bot's database work).
                if woken or not idle or await self._any_due():
                    claimed = await self._claim()
            idle = claimed == 0
            if claimed >= self.claim_batch and len(self._ready) < self._buffer_target:
                continue  # more are due: keep the buffer full
            await self._wait(self._wake, IDLE_POLL if claimed == 0 else self.flush_every)

    async def _any_due(self) -> bool:
        due = await self.db.run(outbox.any_due, self.clock.wall_time())
        self._outage.succeeded()
        return due

    async def _claim(self) -> int:
        now = self.clock.wall_time()
        rows = await self.db.run(
            outbox.claim, self.worker_id, now, self.claim_batch, self.lease_seconds
        )
        self._outage.succeeded()
        for row in rows:
            params = dict(row.payload["params"])
            link = row.payload.get("link")
            if link == "edit":
                params["message_id"] = row.target_message_id
            elif link == "reply" and row.target_message_id is not None:
                params["reply_parameters"] = {
                    "message_id": row.target_message_id,
                    "allow_sending_without_reply": True,
                }
            if (
                self.paid_broadcast
                and row.priority != Priority.DIRECT
                and row.payload["method"].startswith("send")
            ):
                params["allow_paid_broadcast"] = True
            job = Job(
                priority=row.priority,
                chat_id=row.chat_id,
                method=row.payload["method"],
                params=params,
                row_id=row.row_id,
                delivery_id=row.delivery_id,
                attempts=row.attempts,
                target_message_id=row.target_message_id,
            )
            self._held.add(row.row_id)
            heapq.heappush(self._ready, (job.priority, next(self._seq), job))
        if rows:
            self._work.set()
        return len(rows)

    # ---- dispatching ---------------------------------------------------------------------

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            self._release_deferred()
            if not self._ready and not self._direct_waiters:
                self._work.clear()
                wait = self._deferred[0][0] - self.clock.wall_time() if self._deferred else 1.0
                await self._wait(self._work, max(0.0, min(wait, 1.0)))
                continue
            if not await self._slot_due():
                continue
            if self._give_slot_to_direct():
                await asyncio.sleep(0)  # the reply starts its request on this slot
                continue
            job = self._pop_sendable()
            if job is None:
                continue
            await self._in_flight.acquire()
            if self._stopping:
                self._in_flight.release()
                heapq.heappush(self._ready, (job.priority, next(self._seq), job))
                return
            now = self.clock.wall_time()
            if self._slots:
                self._slots.popleft()
            self._chat_free[job.chat_id] = now + outbox.chat_interval(job.chat_id)
            task = asyncio.create_task(self._send(job))
            self._open.add(task)
            task.add_done_callback(self._open.discard)
            # Let the send run up to its first wait (the request is handed to the transport;
            # it stamps `_last_start` then) before pacing the next one.
            await asyncio.sleep(0)

    def _release_deferred(self) -> None:
        now = self.clock.wall_time()
        while self._deferred and self._deferred[0][0] <= now:
            _, seq, job = heapq.heappop(self._deferred)
            heapq.heappush(self._ready, (job.priority, seq, job))

    def _pop_sendable(self) -> Job | None:
        """The most urgent job whose chat may be sent to now; others wait their turn."""
        now = self.clock.wall_time()
        while self._ready:
            _, seq, job = heapq.heappop(self._ready)
            free_at = self._chat_free.get(job.chat_id, 0.0)
            if free_at <= now:
                return job
            heapq.heappush(self._deferred, (free_at, seq, job))
        return None

    async def _slot_due(self) -> bool:
        """Wait until this process may send (pause over, a bot-wide slot due); False when
        something changed while waiting and the caller should look again."""
        now = self.clock.wall_time()
        if self._pause_until > now:
            await self.clock.sleep(self._pause_until - now)
            return False
        if not self.rate:
            return True
        if len(self._slots) <= self._slot_batch // 2 and self._slot_refill is None:
            self._slot_refill = asyncio.create_task(self._refill_slots())
        if not self._slots:
            refill = self._slot_refill
            if refill is not None:
                await asyncio.wait([refill])
            if not self._slots:
                await self.clock.sleep(self._slot_interval)
            return False
        due = self._slots[0]
        if self._strict:
            # Telegram counts arrivals: a send that left late must not let the next one
            # follow it closer than the limit allows.
            due = max(due, self._last_start + self._min_gap)
        if due < now - STALE_SLOT:
            # Far behind (the loop was busy): a stale slot is dropped, never used in a burst.
            self._slots.popleft()
            return False
        if due > now:
            await self._sleep_until(due)
            if self._pause_until > self.clock.wall_time():
                return False
        return True

    async def _sleep_until(self, when: float) -> None:
        """Sleep until `when` precisely: the event loop's timers wake up to a millisecond
        late, which would cost a few percent of the rate at 30 sends a second."""
        if not self._strict:
            # Late slots are caught up on (see STALE_SLOT): a timer waking late costs nothing.
            await self.clock.sleep(when - self.clock.wall_time())
            return
        rest = when - self.clock.wall_time() - self.timer_slack
        if rest > 0:
            await self.clock.sleep(rest)
        while self.clock.wall_time() < when:  # noqa: ASYNC110 (a deliberate short spin)
            await asyncio.sleep(0)

    async def _refill_slots(self) -> None:
        try:
            now = self.clock.wall_time()
            slots, paused_until = await self.db.run(
                outbox.take_slots,
                self._slot_batch,
                now,
                self._slot_interval,
                self._slot_batch * self._slot_interval,
            )
            self._pause_until = max(self._pause_until, paused_until)
            self._slots.extend(s for s in slots if s >= self._pause_until)
        except Exception as exc:
            if not self._outage.failed(exc):
                log.exception("delivery engine: could not take send slots")
            # Not at once again: the dispatcher waits for this task when it has no slot.
            await self.clock.sleep(OUTAGE_RETRY)
        finally:
            self._slot_refill = None

    # ---- sending -------------------------------------------------------------------------

    async def _send(self, job: Job) -> None:
        try:
            outcome: SendOutcome = await _StampFirstWait(
                self.sender.send(job.chat_id, job.method, job.params), self._stamp_start
            )
        except Exception as exc:  # the Sender must not raise; if it does, retry like a glitch
            outcome = Transient(f"{type(exc).__name__}: {exc}")
        finally:
            self._in_flight.release()
        try:
            await self._settle(job, outcome)
        finally:
            if job.on_done is not None:
                try:
                    await job.on_done(outcome)
                except Exception:
                    log.exception("delivery engine: progress callback failed")

    def _stamp_start(self) -> None:
        self._last_start = self.clock.wall_time()

    async def _settle(self, job: Job, outcome: SendOutcome) -> None:
        now = self.clock.wall_time()
        if isinstance(outcome, Migrated):
            await self._follow_migration(job, outcome.chat_id)
            return
        if isinstance(outcome, RetryAfter):
            self.stats.retry_after += 1
            self._strict = True
            await self._pause(outcome.seconds)
            heapq.heappush(self._ready, (job.priority, next(self._seq), job))
            self._work.set()
            return
        if isinstance(outcome, Transient):
            self.stats.transient += 1
            job.attempts += 1
            if job.attempts < self.max_attempts:
                heapq.heappush(self._deferred, (now + backoff(job.attempts), next(self._seq), job))
                self._work.set()
                return
            self._result(job, OutboxStatus.FAILED, error=f"gave up: {outcome.reason}")
            return
        if isinstance(outcome, Rejected) and job.method.startswith("edit"):
            if "not modified" in outcome.reason.lower():
                # The chat already shows exactly this: the edit has nothing left to do.
                outcome = Sent(job.target_message_id)
        if isinstance(outcome, Sent):
            self._result(job, OutboxStatus.SENT, message_id=outcome.message_id, at=now)
        elif isinstance(outcome, Blocked):
            self._blocked_chats[job.chat_id] = outcome.reason
            self._result(job, OutboxStatus.BLOCKED, error=outcome.reason)
            if self.on_blocked is not None:
                self.on_blocked(job.chat_id)
        else:
            assert isinstance(outcome, Rejected)
            self._result(job, OutboxStatus.FAILED, error=outcome.reason)

    def _result(
        self,
        job: Job,
        status: OutboxStatus,
        *,
        message_id: int | None = None,
        error: str | None = None,
        at: float | None = None,
    ) -> None:
        self._to_flush.set()
        if status is OutboxStatus.SENT:
            self.stats.sent += 1
        elif status is OutboxStatus.BLOCKED:
            self.stats.blocked += 1
        else:
            self.stats.failed += 1
        if job.row_id is None:
            return
        if not self._results:
            self._results_since = self.clock.wall_time()
        self._results.append(
            outbox.Outcome(
                row_id=job.row_id,
                status=status,
                message_id=message_id,
                sent_at=dt.datetime.fromtimestamp(at, dt.UTC) if at is not None else None,
                error=error,
                attempts=job.attempts + (1 if status is not OutboxStatus.FAILED else 0),
            )
        )
        if len(self._results) >= self.flush_batch:
            self._flush_now.set()

    async def _follow_migration(self, job: Job, new_chat_id: int) -> None:
        """The group became a supergroup: send the row to its new id, and let the hooks
        update what else stored the old id (in the same transaction)."""
        old = job.chat_id
        log.warning(
            "delivery engine: chat %d became supergroup %d; sending there", old, new_chat_id
        )
        job.attempts += 1
        error = f"group became supergroup {new_chat_id}"
        if job.attempts >= self.max_attempts or new_chat_id == old:
            self._result(job, OutboxStatus.FAILED, error=error)  # moving on and on: give up
            return
        try:
            moved = await self.db.run(self._retarget, job.row_id, old, new_chat_id)
        except Exception:
            log.exception("delivery engine: could not move a row to chat %d", new_chat_id)
            self._result(job, OutboxStatus.FAILED, error=error)
            return
        if not moved:
            # The delivery has its own row for the new chat: that one sends the message.
            self._result(job, OutboxStatus.CANCELLED, error=error)
            return
        job.chat_id = new_chat_id
        heapq.heappush(self._ready, (job.priority, next(self._seq), job))
        self._work.set()

    def _retarget(self, session: Session, row_id: int | None, old: int, new: int) -> bool:
        """Move the row to `new` (False: its delivery has a row there already); run the
        migration hooks either way."""
        moved = row_id is None or outbox.retarget(session, row_id, new)
        self.hooks.migrated(session, old, new)
        return moved

    async def _pause(self, seconds: float) -> None:
        """Stop every send of this bot, in every process, for `seconds`."""
        until = self.clock.wall_time() + max(seconds, 0.0)
        if until <= self._pause_until:
            return
        log.warning("delivery engine: Telegram asked to wait %.1f s; pausing all sends", seconds)
        self._pause_until = until
        self._slots = deque(s for s in self._slots if s >= until)
        try:
            await self.db.run(outbox.pause_all, until)
        except Exception as exc:
            if not self._outage.failed(exc):
                log.exception("delivery engine: could not share the pause")

    # ---- recording -----------------------------------------------------------------------

    async def _flush_loop(self) -> None:
        while not self._stopping:
            if not self._results and not self._blocked_chats:
                self._to_flush.clear()
                await self._to_flush.wait()
            self._flush_now.clear()
            await self._wait(self._flush_now, self.flush_every)
            if self._results or self._blocked_chats:
                await self._flush()

    async def _flush(self) -> None:
        results, self._results = self._results, []
        blocked, self._blocked_chats = self._blocked_chats, {}
        if not results and not blocked:
            return
        now_dt = dt.datetime.fromtimestamp(self.clock.wall_time(), dt.UTC)
        try:
            await self.db.run(outbox.record, results, blocked, now_dt)
        except BaseException:
            # Keep them for the next flush: nothing is lost while the process lives.
            self._results = results + self._results
            self._blocked_chats = blocked | self._blocked_chats
            raise
        for result in results:
            self._held.discard(result.row_id)

    # ---- housekeeping --------------------------------------------------------------------

    async def _housekeeping_loop(self) -> None:
        last_renew = last_recover = self.clock.wall_time()
        while not self._stopping:
            await self.clock.sleep(min(1.0, self.progress_every))
            now = self.clock.wall_time()
            if now - last_renew >= self.lease_seconds / 3:
                last_renew = now
                await self.db.run(outbox.renew, self.worker_id, now + self.lease_seconds)
            if now - last_recover >= min(5.0, self.lease_seconds / 4):
                last_recover = now
                recovered = await self.db.run(outbox.recover_expired, now)
                if recovered:
                    log.warning("delivery engine: %d rows of a stopped worker resumed", recovered)
                    self.stats.recovered += recovered
                    self.wake()
            await self._progress()
            self._forget_old_chats(now)

    async def _liveness_loop(self) -> None:
        await self.liveness.beat(self._drop_claimed, self._resumed)

    def _resumed(self, count: int) -> None:
        self.stats.recovered += count
        self.wake()

    async def _drop_claimed(self) -> None:
        """This worker was taken for dead: forget the buffered rows (others may send them now);
        those still claimed by it (taken after the verdict) go back to the queue."""
        dropped = [j.row_id for _, _, j in self._ready + self._deferred if j.row_id is not None]
        self._ready = [e for e in self._ready if e[2].row_id is None]
        self._deferred = [e for e in self._deferred if e[2].row_id is None]
        heapq.heapify(self._ready)
        heapq.heapify(self._deferred)
        self._held.difference_update(dropped)
        if dropped:
            await self.db.run(outbox.release, dropped, self.worker_id)

    def _forget_old_chats(self, now: float) -> None:
        if len(self._chat_free) > 10_000:
            self._chat_free = {c: t for c, t in self._chat_free.items() if t > now}

    async def _progress(self) -> None:
        now = self.clock.wall_time()
        finished, due = await self.db.run(progress.look, now, self.hooks, self.progress_every)
        for update in finished:
            self._push_progress(update)
        if finished:
            self.wake()  # their reports are in the outbox
        for update in due:
            self._push_progress(update)
        if len(self._progress_shown) > 10_000:
            self._progress_shown.clear()

    def _push_progress(self, update: progress.ProgressUpdate) -> None:
        """Send or edit the author's progress message, as a DIRECT job to that chat; an edit
        that would change nothing is not made (Telegram answers it with a 400)."""
        text = update.payload.params.get("text")
        if update.message_id is not None and self._progress_shown.get(update.delivery_id) == text:
            return
        self._progress_shown[update.delivery_id] = text

        async def remember(outcome: SendOutcome) -> None:
            if isinstance(outcome, Sent) and update.message_id is None and outcome.message_id:
                await self.db.run(
                    outbox.set_progress_message, update.delivery_id, outcome.message_id
                )

        params = dict(update.payload.params)
        if update.message_id is not None:
            params["message_id"] = update.message_id
        self.push(
            Job(
                priority=Priority.DIRECT,
                chat_id=update.chat_id,
                method=update.payload.method,
                params=params,
                target_message_id=update.message_id,
                on_done=remember,
            )
        )

    # ---- helpers -------------------------------------------------------------------------

    async def _wait(self, event: asyncio.Event, seconds: float) -> None:
        """Until `event` is set or `seconds` of engine time have passed."""
        if event.is_set():
            return
        waiter = asyncio.ensure_future(event.wait())
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        try:
            await asyncio.wait([waiter, sleeper], return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
            sleeper.cancel()


class _StampFirstWait:
    """Await a coroutine, calling `stamp` when it first waits (or ends without waiting).

    For a send, the first wait comes once the request has been handed to the transport: the
    moment Telegram's flood control counts, as closely as the engine can see it.
    """

    __slots__ = ("_coro", "_stamp")

    def __init__(self, coro: Coroutine[Any, Any, T], stamp: Callable[[], None]) -> None:
        self._coro = coro
        self._stamp = stamp

    def __await__(self) -> Generator[Any, Any, T]:
        coro, stamped = self._coro, False
        to_send: Any = None
        to_throw: BaseException | None = None
        while True:
            try:
                if to_throw is not None:
                    waiting_on = coro.throw(to_throw)
                else:
                    waiting_on = coro.send(to_send)
            except StopIteration as done:
                if not stamped:
                    self._stamp()
                return cast(T, done.value)
            if not stamped:
                stamped = True
                self._stamp()
            to_send, to_throw = None, None
            try:
                to_send = yield waiting_on
            except BaseException as exc:  # cancellation and the like go to the coroutine
                to_throw = exc
