"""Engine and session factory, and the bridge that keeps database work off the event loop.

The bot uses synchronous SQLModel sessions run in a small dedicated thread pool (`Database.run`).
The same query functions then serve the bot, the CLI and Alembic, on SQLite and PostgreSQL alike,
and a slow query delays one worker thread, never the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine import make_url
from sqlmodel import Session
from sqlmodel import create_engine

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 5_000
POOL_SIZE = 8


def make_engine(url: str, *, pool_size: int = POOL_SIZE) -> Engine:
    """Create an engine; SQLite gets WAL mode, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=pool_size,
            max_overflow=0,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        _serialise_writers(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=2, pool_pre_ping=True)


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
