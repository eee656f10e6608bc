"""How updates are taken in: different people's concurrently, one person's (or one chat's) in
the order they came, and no more at a time than the bot can work on without thrashing.

PTB's own `concurrent_updates` runs every update at once, which a ConversationHandler cannot
take: two quick messages of one resident would both be read in the same state. This processor
keeps each sender's updates in order and lets everyone else go ahead meanwhile.

Under overload (a Darurat to a whole kabupaten brings "Sudah dibaca" presses and reports at
hundreds a second) two limits keep the throughput flat instead of letting it fall:

- At most `MAX_CONCURRENT_UPDATES` are handled at once: enough to cover the Bot API's latency,
  few enough that handlers, database threads and the HTTP pool do not fight over one core.
  A sender's update queues for its turn *before* it takes a slot, so one person's burst never
  holds slots the others could use. Slots are given first come, first served. An update
  that only waits for Telegram's sending budget (its reply's turn in the fast lane) lends its
  slot meanwhile (`lend_slot`), and gets it back before any update that has not started: a
  "Sudah dibaca" press, which sends no message, is not held up behind replies waiting for the
  30 messages a second.
- The bot fetches more updates (`getUpdates`) only while fewer than `FETCH_BELOW` fetched ones
  are unfinished (`FetchWhenRoom`): the rest wait at Telegram, which keeps them (24 hours),
  instead of in the bot's memory, where a crash would lose them and a stop would have to
  finish them all. An update waits in the bot at most a couple of seconds even at 4 times
  the load it can take.

`Intake` records when a getUpdates call last came back and when an update was last taken in
(GET /healthz, bot/web/operator.py); each handled update is counted and timed (bot/metrics.py).

`waited()` tells the Bot API calls of an update how long it has waited in the bot (the
fast lane skips a button answer Telegram would refuse as too old: bot/ptb/ratelimiter.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections import deque
from collections.abc import AsyncIterator
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor
from telegram.request import BaseRequest
from telegram.request import RequestData

from bot import metrics

# Updates handled at once. Measured with an open-loop bench (since folded into bench/speed.py;
# 2 shared cores, 40 ms Bot API latency): with 256 (and no fetch limit) answers/s fell to half
# at 4x overload, CPU per answer 8 -> 13 ms, mostly httpcore's connection pool, whose
# bookkeeping grows with the square of its connections; 32 held them flat. In a press storm 16
# and 64 both answered slower than 32.
MAX_CONCURRENT_UPDATES = 32
# Fetch again when fewer unfinished updates than this are in the bot (one getUpdates brings
# up to 100 more).
FETCH_BELOW = 64
_UNBOUNDED = 1 << 30

# When the update being handled was taken from the queue (time.monotonic()).
_RECEIVED_AT: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "received_at", default=None
)


class Intake:
    """When the bot last heard from Telegram (time.monotonic(); None: not yet).

    A quiet night brings no updates at all, so a health check must not judge the bot by
    `last_update`: `last_fetch` says the polling loop itself still goes round (a long poll
    comes back every few seconds even when nobody writes)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last_fetch: float | None = None
        self.last_update: float | None = None

    def fetched(self) -> None:
        """A getUpdates call came back with Telegram's answer."""
        self.last_fetch = time.monotonic()

    def taken_in(self) -> None:
        """An update was taken in (polling or webhook)."""
        self.last_update = time.monotonic()


def waited() -> float:
    """Seconds the update being handled has been in the bot (0 outside an update)."""
    received = _RECEIVED_AT.get()
    return 0.0 if received is None else time.monotonic() - received


class _Slots:
    """The places to work on updates: taken first come, first served, except that an update
    taking its place back (`back=True`) goes before every update that has not started."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._free = count
        self._new: deque[asyncio.Future[None]] = deque()
        self._back: deque[asyncio.Future[None]] = deque()

    @property
    def in_use(self) -> int:
        """Places held (a place handed to a waiter is held by it)."""
        return self._count - self._free

    async def take(self, *, back: bool = False) -> None:
        """Wait for a place."""
        if self._free > 0 and not self._back and (back or not self._new):
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._back if back else self._new).append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.give()  # handed over just as the update was cancelled: pass it on
            raise

    def give(self) -> None:
        """Give a place back: to the next waiter, else to the free ones."""
        for queue in (self._back, self._new):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():  # (a cancelled waiter left its queue entry behind)
                    waiter.set_result(None)
                    return
        self._free += 1


class _Place:
    """One update's place among the slots, which it lends while it only waits."""

    def __init__(self, slots: _Slots) -> None:
        self._slots = slots
        self._held = False
        self._done = False  # the update was handled: its place is gone for good
        self._lenders = 0  # the update's calls waiting at once (a handler may gather two)
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        await self._slots.take()
        self._held = True

    def leave(self) -> None:
        if self._held:
            self._held = False
            self._slots.give()

    def finish(self) -> None:
        """The update was handled: give the place back, and never take it again."""
        self._done = True
        self.leave()

    @contextlib.asynccontextmanager
    async def lent(self) -> AsyncIterator[None]:
        if self._done:
            # A task that outlived its update and inherited its context (a job the handler
            # scheduled: APScheduler runs it in the context of the add_job that woke it; a
            # task it created) waits for Telegram as the bot's own work: it has no place to
            # lend, and taking one back would hold a slot for ever.
            yield
            return
        # Under the lock: a call that starts waiting while another takes the place back
        # waits for it, so the place is given and taken back exactly once each.
        async with self._lock:
            self._lenders += 1
            if self._lenders == 1:
                self.leave()
        try:
            yield
        except BaseException:
            # Cancelled (the bot stops) or failed: nothing waits for a place while it unwinds;
            # the update goes on without one if its handler carries on (the next lend or its
            # end sets that right).
            self._lenders -= 1
            raise
        async with self._lock:
            self._lenders -= 1
            if self._lenders == 0 and not self._held and not self._done:
                await self._slots.take(back=True)
                self._held = True


_PLACE: contextvars.ContextVar[_Place | None] = contextvars.ContextVar("place", default=None)


@contextlib.asynccontextmanager
async def lend_slot() -> AsyncIterator[None]:
    """Lend the slot of the update being handled to another update while this one waits
    (for Telegram's sending budget); take it back, ahead of updates not yet started, after.
    Outside an update (a job, the engine) nothing is lent."""
    place = _PLACE.get()
    if place is None:
        yield
        return
    async with place.lent():
        yield


class PerSenderUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across senders, sequential per sender, a bounded number at once."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        *,
        fetch_below: int = FETCH_BELOW,
    ) -> None:
        # PTB's own semaphore is taken before do_process_update, i.e. before a sender's turn:
        # one person's burst would hold its slots. It is made wide; `_slots` is the limit.
        super().__init__(_UNBOUNDED)
        self._limit = max_concurrent_updates
        self._slots = _Slots(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}
        self._fetch_below = fetch_below
        self._unfinished = 0
        self._room = asyncio.Event()
        self._room.set()
        self.intake = Intake()

    @property
    def limit(self) -> int:
        """Updates handled at once, at most (`max_concurrent_updates` is PTB's wide one)."""
        return self._limit

    @property
    def current_concurrent_updates(self) -> int:
        """Updates being handled now (holding a slot: not those that lent theirs)."""
        return self._slots.in_use

    @property
    def unfinished(self) -> int:
        """Updates taken in and not finished yet (running or waiting for their turn)."""
        return self._unfinished

    async def wait_for_room(self) -> None:
        """Return once fewer than `fetch_below` updates are unfinished."""
        while self._unfinished >= self._fetch_below:
            self._room.clear()
            await self._room.wait()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` once the sender's earlier updates are done and a slot is free."""
        received = time.monotonic()
        _RECEIVED_AT.set(received)
        self.intake.taken_in()
        self._unfinished += 1
        try:
            key = _sender(update)
            if key is None:
                await self._run(coroutine)
                return
            lock = self._locks.setdefault(key, asyncio.Lock())
            self._waiting[key] = self._waiting.get(key, 0) + 1
            try:
                async with lock:
                    await self._run(coroutine)
            finally:
                self._waiting[key] -= 1
                if not self._waiting[key]:  # nobody else queued: forget the lock
                    del self._waiting[key]
                    del self._locks[key]
        finally:
            self._unfinished -= 1
            if self._unfinished < self._fetch_below:
                self._room.set()
            metrics.update_handled(update_kind(update), time.monotonic() - received)

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        place = _Place(self._slots)
        await place.take()  # first come, first served
        token = _PLACE.set(place)
        try:
            await coroutine
        finally:
            _PLACE.reset(token)
            place.finish()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class FetchWhenRoom(BaseRequest):
    """The transport of `getUpdates`: asks Telegram for more only when the processor has room
    (the updates wait at Telegram meanwhile); every other call passes straight through."""

    __slots__ = ("_inner", "_processor")

    def __init__(self, inner: BaseRequest, processor: PerSenderUpdateProcessor) -> None:
        self._inner = inner
        self._processor = processor

    @property
    def read_timeout(self) -> float | None:
        """The wrapped transport's read timeout."""
        return self._inner.read_timeout

    async def initialize(self) -> None:
        """Initialise the wrapped transport."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Shut the wrapped transport down."""
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Wait for room before a getUpdates, then make the request."""
        fetch = url.rsplit("/", 1)[-1].lower() == "getupdates"
        if fetch:
            await self._processor.wait_for_room()
        answer = await self._inner.do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if fetch and 200 <= answer[0] < 300:
            self._processor.intake.fetched()
        return answer


def update_kind(update: object) -> str:
    """What an update is, for the metrics: command, message, callback_query, ..."""
    if not isinstance(update, Update):
        return "other"
    if update.message is not None:
        text = update.message.text or ""
        return "command" if text.startswith("/") else "message"
    for kind in ("edited_message", "callback_query", "my_chat_member", "chat_member"):
        if getattr(update, kind) is not None:
            return kind
    return "other"


def _sender(update: object) -> object | None:
    """Whose updates must stay in order: the user (in a given chat), else the chat."""
    if not isinstance(update, Update):
        return None
    user, chat = update.effective_user, update.effective_chat
    if user is not None:
        return ("u", user.id)
    if chat is not None:
        return ("c", chat.id)
    return None
