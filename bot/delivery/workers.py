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

import contextlib
import fcntl
import os
import secrets
import socket
from pathlib import Path

from sqlalchemy.engine import make_url

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
