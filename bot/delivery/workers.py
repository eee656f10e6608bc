"""Who may send, and how the rows of a dead sender are told apart from those of a live one.

- SQLite: one process sends. It holds an OS lock (`fcntl.flock`) on a file next to the database
  for as long as its engine runs; the kernel drops the lock when the process dies, even by
  kill -9. Whoever takes the lock therefore knows every earlier sender is dead, and gives all
  their claimed rows back to the queue at once. A second process on the same file stands by:
  it enqueues as usual (the sender claims its rows within a poll) and takes over when the lock
  comes free.
- PostgreSQL: several processes send. Each writes a heartbeat (`delivery_workers`) every
  `HEARTBEAT_EVERY` seconds; the rows of a worker silent for `WORKER_STALE` seconds are given
  back by any live worker (`storage.outbox.recover_dead`). Heartbeats are stamped and judged
  by the database server's clock (real seconds, whatever clock the engine runs on).
- Everywhere, the lease (`engine.LEASE_SECONDS`, renewed every third of it) stays the last
  resort: it frees rows whose holder has no heartbeat row at all (a process of an older release).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
import socket
from collections.abc import Awaitable
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.delivery.types import Clock
from storage import outbox
from storage.db import Database

log = logging.getLogger("bot.delivery.engine")  # one logger for everything the engine says

HEARTBEAT_EVERY = 2.0
# Five missed beats: a worker busy with a slow transaction or a long GC pause is not taken for
# dead, and a dead one's rows are sent again about 10-14 s after its last beat.
WORKER_STALE = 10.0
# How often a standing-by SQLite process tries the lock again.
STANDBY_POLL = 1.0


def new_worker_id() -> str:
    """host:pid:random — unique even when a restarted container gets the same host and pid
    (with host:pid alone, the new process would renew the dead one's leases forever)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def lock_path(database_url: str) -> Path | None:
    """The sender lock file of a SQLite database file (None: PostgreSQL, or in memory)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".sender.lock")


class SenderLock:
    """An exclusive, non-blocking `flock` held until `release` or the process's end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; True if held now."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        # For people looking: who holds it (the lock, not the content, is what counts).
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        """Give the lock up (closing the file drops it)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


class Liveness:
    """One engine's side of it: the sender lock or the heartbeat, and the dead senders' rows."""

    def __init__(
        self,
        db: Database,
        worker_id: str,
        clock: Clock,
        *,
        heartbeat_every: float = HEARTBEAT_EVERY,
        worker_stale: float = WORKER_STALE,
    ) -> None:
        self.db = db
        self.worker_id = worker_id
        self.clock = clock
        self.heartbeat_every = heartbeat_every
        self.worker_stale = worker_stale
        # SQLite: one sending process, the holder of the sender lock.
        self.sole_sender = db.dialect == "sqlite"
        path = lock_path(db.url) if self.sole_sender else None
        self.lock = SenderLock(path) if path is not None else None

    def may_send(self) -> bool:
        """Take the sender lock where there is one; False while a live process holds it."""
        if self.lock is None or self.lock.try_acquire():
            return True
        log.warning(
            "delivery engine: another process sends from this database (%s is locked); "
            "standing by: it sends what this one enqueues",
            self.lock.path,
        )
        return False

    async def stand_by(self) -> None:
        """Return once the sender lock is this process's (the holder stopped or died)."""
        assert self.lock is not None
        while not self.lock.try_acquire():  # noqa: ASYNC110 (an OS lock: nothing to wait on)
            await asyncio.sleep(STANDBY_POLL)
        log.warning("delivery engine: the sender lock is free; this process sends now")

    async def resume_dead(self) -> int:
        """At start: give back the rows of senders that died; return how many. On SQLite (this
        process holds the sender lock, so every earlier holder is dead) every claimed row;
        elsewhere those of silent workers and expired leases."""
        resumed = 0
        if self.sole_sender:
            resumed = await self.db.run(outbox.release_all)
            if resumed:
                log.warning(
                    "delivery engine: %d rows held by a stopped process resumed at start", resumed
                )
        else:
            await self.db.run(outbox.heartbeat, self.worker_id)
            resumed = await self.recover_silent()
        return resumed + await self.db.run(outbox.recover_expired, self.clock.wall_time())

    async def beat(
        self, taken_for_dead: Callable[[], Awaitable[None]], resumed: Callable[[int], None]
    ) -> None:
        """PostgreSQL, for the engine's life: beat every `heartbeat_every` seconds (real ones:
        the database's clock judges), give back the rows of silent workers (`resumed(n)`)."""
        while True:
            await asyncio.sleep(self.heartbeat_every)
            if not await self.db.run(outbox.heartbeat, self.worker_id):
                # Silent for longer than worker_stale (a stalled process, a network cut): the
                # rows it held went to others.
                log.error(
                    "delivery engine: this worker was taken for dead; its claimed rows resumed "
                    "elsewhere"
                )
                await taken_for_dead()
            count = await self.recover_silent()
            if count:
                resumed(count)

    async def recover_silent(self) -> int:
        """The rows of workers silent for `worker_stale` seconds back to the queue."""
        resumed = await self.db.run(outbox.recover_dead, self.worker_stale)
        for worker, count in resumed.items():
            if count:
                log.warning(
                    "delivery engine: %d rows of worker %s (no heartbeat for %.0f s) resumed",
                    count,
                    worker,
                    self.worker_stale,
                )
        return sum(resumed.values())

    async def retire(self, sent: bool) -> None:
        """At stop (`sent`: the engine ran): what this worker still holds resumes at a live
        worker's next look (PostgreSQL) or the next start (SQLite), not in a lease's time."""
        if sent and not self.sole_sender:
            with contextlib.suppress(Exception):
                await self.db.run(outbox.retire_worker, self.worker_id)
        if self.lock is not None:
            self.lock.release()
