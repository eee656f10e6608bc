"""The delivery engine's fast lane: Bot API calls that handlers make themselves (replies) take
a slot of the engine's rate budget ahead of every queued row and respect its flood pause,
without a database round trip (`bot.ptb.ratelimiter` calls it for every handler's send).

A mixin of `DeliveryEngine`: it works on the engine's pacing state (slots, pause, chat pacing),
which lives in engine.py; this module holds only what the lane adds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import deque
from collections.abc import Coroutine
from typing import Any

from bot.delivery.types import Clock
from storage import outbox
from storage.db import Database
from storage.db import OutageLog

log = logging.getLogger(__name__)

# Fast lane, per chat: replies come at their chat's own pace (one per message typed or button
# pressed) and Telegram lets short bursts to a chat pass, so they are not spaced in advance
# (pacing every chat at 1/s, 20/min in groups, made a test that chats briskly in a duty group
# go from 0.2 s to 61 s). A chat whose replies still get a 429 is paced from then on: its
# interval (outbox.chat_interval) times this margin, for the network's jitter on arrival.
DIRECT_STRICT_MARGIN = 1.1
# A reply waits this long (outside a pause) for the dispatcher to hand it a slot, normally a
# few hundredths of a second, before it paces itself (the dispatcher waits for a database
# that does not answer, say).
DIRECT_HANDOFF_WAIT = 1.0
# A send slot this many seconds in the past is dropped rather than used late: catching up on
# a few late slots is a burst Telegram tolerates, catching up on a second's worth is not (the
# engine's dispatcher and the lane alike).
STALE_SLOT = 0.5
# Replies sent while the engine had nothing to send are charged to the shared schedule this
# often (engine-clock seconds), in one small transaction: charged one burst at a time, a bot
# answering 40 updates a second spent a transaction on most replies (its costliest database
# work). Other processes learn of them this much later; the slots are still taken, so their
# later sends make room for them.
DIRECT_CHARGE_EVERY = 0.25


class PauseTooLong(Exception):
    """The bot is paused (Telegram's flood wait) for longer than the caller may wait."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"sends paused for {seconds:.1f} s")
        self.seconds = seconds


class FastLane:
    """The fast lane of `DeliveryEngine` (see the module docstring)."""

    # The engine's state the lane reads and moves (set in DeliveryEngine.__init__).
    rate: float | None
    db: Database
    clock: Clock
    stats: Any
    _stopping: bool
    _tasks: list[asyncio.Task[None]]
    _ready: list[Any]
    _work: asyncio.Event
    _slots: deque[float]
    _pause_until: float
    _chat_free: dict[int, float]
    _last_start: float
    _min_gap: float
    _slot_interval: float
    _strict: bool
    _outage: OutageLog

    def _init_fast_lane(self) -> None:
        # Replies waiting for a slot the dispatcher hands over (True) or, when the engine
        # stops, gives back (False); local pacing and sends not yet charged to the shared
        # schedule when the engine itself has nothing to send.
        self._direct_waiters: deque[asyncio.Future[bool]] = deque()
        self._direct_next = 0.0
        self._direct_debt = 0
        self._direct_charging = False
        self._direct_charge: asyncio.Task[None] | None = None
        self._direct_tasks: set[asyncio.Task[None]] = set()
        self._direct_no_burst: set[int] = set()

    async def take_direct_slot(self, chat_id: int | None, *, max_pause: float) -> None:
        """Wait until a direct reply (a handler's own Bot API call) may be sent: after the
        flood pause, when its chat may get a message, on the next bot-wide slot, ahead of
        every queued row. No database round trip: the slot is one the engine already holds,
        or (the engine has no rows to send) paced here and charged to the shared schedule
        afterwards. Raises `PauseTooLong` rather than wait out a pause over `max_pause`."""
        while True:
            now = self.clock.wall_time()
            wait = self._check_pause(now, max_pause)
            if chat_id is not None:
                tolerance = self._direct_tolerance(chat_id)
                wait = max(wait, self._chat_free.get(chat_id, 0.0) - tolerance - now)
            if wait <= 0:
                break
            await self.clock.sleep(wait)
        if chat_id is not None:
            # Reserved before the slot wait: paced replies to one chat never pass together,
            # and the engine's next row to the chat keeps its distance.
            spacing = outbox.chat_interval(chat_id)
            free = self._chat_free.get(chat_id, 0.0)
            if chat_id in self._direct_no_burst:
                # Sends leave on time but arrive with the network's jitter: keep a margin.
                self._chat_free[chat_id] = max(free, now) + spacing * DIRECT_STRICT_MARGIN
            else:
                self._chat_free[chat_id] = max(free, now + spacing)
        while not await self._direct_turn(max_pause):
            pass

    def report_retry_after(self, seconds: float, chat_id: int | None = None) -> None:
        """A direct reply (to `chat_id`) got 429: pause every send of the bot (this process at
        once, the others through the database) for `seconds`; no more bursts to that chat."""
        self.stats.retry_after += 1
        self._strict = True
        if chat_id is not None:
            if len(self._direct_no_burst) > 10_000:
                self._direct_no_burst.clear()
            self._direct_no_burst.add(chat_id)
        until = self.clock.wall_time() + max(seconds, 0.0)
        if until <= self._pause_until:
            return
        log.warning(
            "delivery engine: Telegram asked a reply to wait %.1f s; pausing all sends", seconds
        )
        self._pause_until = until
        self._slots = deque(s for s in self._slots if s >= until)
        self._spawn_direct(self._share_pause(until))

    def paused_for(self) -> float:
        """Seconds until the flood pause this process knows of is over (0 if none)."""
        return max(0.0, self._pause_until - self.clock.wall_time())

    def _direct_tolerance(self, chat_id: int) -> float:
        """How far ahead of the chat's pacing a reply may go: none to a chat where a burst
        once cost a 429, otherwise as far as it likes (see DIRECT_STRICT_MARGIN)."""
        return 0.0 if chat_id in self._direct_no_burst else math.inf

    async def _direct_turn(self, max_pause: float) -> bool:
        """One bot-wide slot for a reply; False if a pause began meanwhile (look again)."""
        if self.rate and not self._stopping and self._tasks and self._dispatching():
            waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
            self._direct_waiters.append(waiter)
            self._work.set()
            since = self.clock.wall_time()
            try:
                while not waiter.done():
                    await asyncio.wait([waiter], timeout=0.25)
                    now = self.clock.wall_time()
                    # A pause that begins while the reply waits in line may be too long.
                    if self._check_pause(now, max_pause) > 0:
                        since = now
                    elif now - since > DIRECT_HANDOFF_WAIT:
                        break  # the dispatcher is stuck (no slots: the database is away)
                if waiter.done() and waiter.result():
                    return True  # handed over by the dispatcher: pause and pacing checked
            finally:
                if not waiter.done():
                    waiter.cancel()  # cancelled or given up: the dispatcher skips it
        # The engine has no rows to send (or is stopping): pace here, at the engine's rate.
        now = self.clock.wall_time()
        due = max(now, self._direct_next, self._last_start + self._min_gap)
        if self._check_pause(now, max_pause) > 0:
            due = max(due, self._pause_until)
        if due > now:
            await self.clock.sleep(due - now)
            if self._pause_until > self.clock.wall_time():
                return False
        now = self.clock.wall_time()
        self._direct_next = max(now, due) + self._slot_interval
        self._last_start = now
        if self.rate:
            self._direct_debt += 1
            if not self._direct_charging:
                self._direct_charging = True
                self._direct_charge = self._spawn_direct(self._charge_direct())
        return True

    def _check_pause(self, now: float, max_pause: float) -> float:
        """Seconds left of the flood pause; `PauseTooLong` if more than `max_pause`."""
        paused = self._pause_until - now
        if paused > max_pause:
            raise PauseTooLong(paused)
        return paused

    def _dispatching(self) -> bool:
        """Whether the dispatcher is pacing sends now (and so can hand a slot over): rows
        ready, or slots still fresh. (Rows only deferred, retries waiting out a backoff, do not
        count: the dispatcher would take new slots from the database for the reply.)"""
        fresh = bool(self._slots) and self._slots[-1] >= self.clock.wall_time() - STALE_SLOT
        return bool(self._ready) or fresh

    def _give_slot_to_direct(self) -> bool:
        """Hand the slot that is due now to the first waiting reply (replies go first)."""
        while self._direct_waiters:
            waiter = self._direct_waiters.popleft()
            if waiter.done():
                continue
            if self._slots:
                self._slots.popleft()
            self._last_start = self.clock.wall_time()
            waiter.set_result(True)
            return True
        return False

    def _release_direct_waiters(self) -> None:
        """Stopping: waiting replies pace themselves (the dispatcher hands out no more)."""
        while self._direct_waiters:
            waiter = self._direct_waiters.popleft()
            if not waiter.done():
                waiter.set_result(False)

    async def _charge_direct(self) -> None:
        """Take the slots that replies sent while the engine was idle used, so that other
        processes see them (batched: one small transaction per DIRECT_CHARGE_EVERY)."""
        try:
            await self.clock.sleep(DIRECT_CHARGE_EVERY)
            while self._direct_debt:
                count, self._direct_debt = self._direct_debt, 0
                await self.db.run(
                    outbox.take_slots, count, self.clock.wall_time(), self._slot_interval, 3600.0
                )
                if self._direct_debt:
                    await self.clock.sleep(DIRECT_CHARGE_EVERY)
        except Exception as exc:
            # The database is away: replies keep flowing, the other processes learn less. An
            # outage is logged once (the engine's outage log), anything else as the bug it is.
            self._direct_debt = 0
            if not self._outage.failed(exc):
                log.exception("delivery engine: could not record the direct sends")
        finally:
            self._direct_charging = False

    async def _share_pause(self, until: float) -> None:
        try:
            await self.db.run(outbox.pause_all, until)
        except Exception:
            log.exception("delivery engine: could not share the pause")

    async def _stop_charging(self) -> None:
        """Stopping: the replies not yet charged are charged now rather than after the wait."""
        charge = self._direct_charge
        if charge is None or charge.done():
            return
        charge.cancel()
        await asyncio.gather(charge, return_exceptions=True)
        count, self._direct_debt = self._direct_debt, 0
        if count:
            with contextlib.suppress(Exception):
                now = self.clock.wall_time()
                await self.db.run(outbox.take_slots, count, now, self._slot_interval, 3600.0)

    def _spawn_direct(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(coroutine)
        self._direct_tasks.add(task)
        task.add_done_callback(self._direct_tasks.discard)
        return task
