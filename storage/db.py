"""Engine and session factory, and the bridge that keeps database work off the event loop.

The bot uses synchronous SQLModel sessions run in a small dedicated thread pool (`Database.run`).
The same query functions then serve the bot, the CLI and Alembic, on SQLite and PostgreSQL alike,
and a slow query delays one worker thread, never the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import Literal
from typing import TypeVar

from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import exc
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlmodel import Session

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 5_000
POOL_SIZE = 8
# PostgreSQL: an unreachable host fails a connection attempt in this many seconds instead of
# holding a database thread for the operating system's TCP timeout (minutes).
CONNECT_TIMEOUT_SECONDS = 5


def make_engine(url: str, *, pool_size: int = POOL_SIZE) -> Engine:
    """Create an engine; SQLite gets WAL mode, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            # Private before SQLite makes it: 0600 in a 0700 folder (-wal and -shm follow it).
            with contextlib.suppress(OSError):  # unwritable: SQLite says so when it opens
                create_private(Path(database))
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=pool_size,
            max_overflow=0,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        _serialise_writers(engine)
        return engine
    # pool_pre_ping: a connection that died while the server was away (restarted, failed over)
    # is replaced when it is taken from the pool, so the bot recovers without a restart.
    connect_args = (
        {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    )
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=2,
        pool_pre_ping=True,
        connect_args=connect_args,
    )


def create_private(path: Path) -> None:
    """Create the empty database file `path` for its owner alone (0600), and its folder (0700)
    when missing, before SQLite opens it (SQLite would create it by the umask, usually 0644,
    and gives its -wal and -shm files the database file's mode). Existing ones are left as
    they are; `kamtibmas check-config` warns about those (bot/private_files.py)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def dialect_insert(session: Session) -> Any:
    """The `insert` of the session's database, which has its ON CONFLICT clauses: SQLite's or
    PostgreSQL's module, the one the engine loaded (the other one is never imported)."""
    return _dialect_insert(session.get_bind().dialect.name)


@functools.cache
def _dialect_insert(dialect: str) -> Any:
    return importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert


StorageFault = Literal["down", "full"]

# SQLite's primary result codes (the low byte of an extended code) of a database that cannot be
# used right now, as opposed to a programming error ("no such table", a constraint):
# busy/locked past the timeout, read-only (file or directory made unwritable), I/O error,
# cannot open, locking protocol.
_SQLITE_DOWN = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL,
}
_PG_DISK_FULL = "53100"


def storage_fault(error: BaseException | None) -> StorageFault | None:
    """ "full" if the database's disk is full, "down" if the database cannot be reached or
    written right now (the same call may work in a moment), None for any other error.

    Looks through the error's causes: a service may wrap the database's error in its own.
    """
    seen = 0
    while error is not None and seen < 5:
        fault = _fault_of(error)
        if fault is not None:
            return fault
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def fault_summary(error: BaseException) -> str:
    """The database's own message, first line only: SQLAlchemy's text adds the statement and
    its parameters, which may hold what users typed."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0] if lines else ''}"[:300]


class OutageLog:
    """Says once that the database went away and once that it is back, instead of a traceback
    at every failed call of a loop that retries (thirty seconds of outage were a hundred)."""

    # The outage is over once nothing failed for this long: a loop whose calls happen not to
    # write (SQLite read-only, disk full) succeeds between failures of one that writes.
    QUIET_SECONDS = 5.0

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._log = logger
        self._what = what
        self._since: float | None = None
        self._last_failure = 0.0
        self._failures = 0

    def failed(self, error: BaseException) -> bool:
        """True if `error` is a database fault (logged at its start only); False for any other
        error, which the caller should log as the bug it is."""
        fault = storage_fault(error)
        if fault is None:
            return False
        self._failures += 1
        self._last_failure = time.monotonic()
        if self._since is None:
            self._since = self._last_failure
            self._log.warning(
                "%s: database %s, retrying: %s",
                self._what,
                "unavailable" if fault == "down" else "disk full",
                fault_summary(error),
            )
        return True

    def succeeded(self) -> None:
        """The database answered: end the outage, if there was one and nothing failed since
        a while."""
        if self._since is not None and time.monotonic() - self._last_failure >= self.QUIET_SECONDS:
            self._log.warning(
                "%s: database answering again (%d failed attempts over %.0f s)",
                self._what,
                self._failures,
                self._last_failure - self._since,
            )
            self._since = None
            self._failures = 0


def _fault_of(error: BaseException) -> StorageFault | None:
    if isinstance(error, exc.DBAPIError):
        original = error.orig
        if isinstance(original, sqlite3.Error):
            code = (getattr(original, "sqlite_errorcode", None) or 0) & 0xFF
            if code == sqlite3.SQLITE_FULL:
                return "full"
            return "down" if code in _SQLITE_DOWN else None
        if getattr(original, "sqlstate", None) == _PG_DISK_FULL:
            return "full"
        if error.connection_invalidated or isinstance(
            error, exc.OperationalError | exc.InterfaceError
        ):
            return "down"
        return None
    if isinstance(error, exc.TimeoutError):  # no pooled connection came free in time
        return "down"
    return None


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one writer commits; busy_timeout makes a second writer wait
    # instead of failing at once with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _serialise_writers(engine: Engine) -> None:
    """Let this process's SQLite writers take turns on a lock of their own.

    SQLite has one writer at a time; a second one waits in SQLite's busy handler, which sleeps
    in growing steps of up to 100 ms — under a burst (two hundred reports at once) the waits
    add up to seconds and, past busy_timeout, fail with "database is locked". Here a
    transaction takes the process's lock just before its first write and gives it back when it
    commits or rolls back, so writers queue in order and the next one starts at once. Readers
    are not held up (WAL); other processes (the CLI) still meet the busy timeout.
    """
    lock = threading.Lock()
    holding = threading.local()

    def before_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not getattr(holding, "held", False) and statement.lstrip()[:7].upper().startswith(
            _WRITES
        ):
            lock.acquire()
            holding.held = True

    def release(*args: Any) -> None:
        if getattr(holding, "held", False):
            holding.held = False
            lock.release()

    event.listen(engine, "before_cursor_execute", before_execute)
    # After the transaction ends: committed, rolled back, or its connection reset on return.
    event.listen(engine, "commit", release)
    event.listen(engine, "rollback", release)
    event.listen(engine, "reset", release)


class Database:
    """One engine, and a thread pool sized to its connection pool."""

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        sqlite = make_url(url).get_backend_name() == "sqlite"
        # SQLite: one more connection, for the writer thread below.
        self.engine = make_engine(url, pool_size=pool_size + sqlite)
        # As many threads as pooled connections: a thread never waits for a connection.
        self._executor = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="db")
        # SQLite has one writer at a time: busy write transactions queue here, on the event
        # loop, instead of holding the reading threads while they wait for the lock.
        self._writer = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-write")
            if sqlite
            else self._executor
        )

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error (synchronous callers)."""
        # SQLModel (with pydantic) loads with the first session: `kamtibmas db current` and the
        # schema check need the engine only.
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `fn(session, *args, **kwargs)` in one transaction, synchronously."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `fn(session, *args, **kwargs)` in one transaction on a database thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: self.call(fn, *args, **kwargs))

    async def write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`run` for a transaction that writes and is run often (reports, conversation state):
        on SQLite these take turns on one thread, so reads never wait behind them."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, lambda: self.call(fn, *args, **kwargs))

    def close(self) -> None:
        """Wait for running transactions to finish, then close every connection."""
        self._writer.shutdown(wait=True)
        self._executor.shutdown(wait=True)
        self.engine.dispose()
