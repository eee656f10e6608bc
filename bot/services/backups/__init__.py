"""Backups that restore: the service behind `kamtibmas backup|restore|db copy` and the daily job.

    make_backup(url, folder)        a consistent copy of the live database, 0600, named by UTC time
                                    (SQLite: the online backup API; PostgreSQL: pg_dump -Fc)
    inspect_file(path, url)         what a backup holds (schema revision), checked whole
    restore(path, url, aside=...)   refuses while the bot runs or a file newer than this code;
                                    keeps the current database aside, restores, migrates forward
    copy_database(source, target)   every row into an empty database (SQLite -> PostgreSQL)
    DailyBackups                    one daily run: back up, keep the newest N, say when to alert
    list_backups / prune            our files in a folder (files.py)

No Telegram here: the job (handlers/backups.py) and the command line (bot/cli/backup.py) call it.
Every function blocks (files, subprocesses): the bot runs them in a thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.services.backups import files
from bot.services.backups.files import list_backups
from bot.services.backups.files import prune
from bot.services.backups.types import Backup
from bot.services.backups.types import BackupError
from bot.services.backups.types import Inspection
from bot.services.backups.types import Restored

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = [
    "Backup",
    "BackupError",
    "DailyBackups",
    "Inspection",
    "Restored",
    "bot_running",
    "copy_database",
    "inspect_file",
    "list_backups",
    "make_backup",
    "prune",
    "restore",
]

log = logging.getLogger(__name__)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("Database di memori tidak bisa dicadangkan / an in-memory database")
    return Path(parsed.database)


def make_backup(url: str, folder: Path, *, now: dt.datetime | None = None) -> Backup:
    """Write a backup of the database at `url` into `folder` (made if missing)."""
    when = now or _now()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    database = sqlite_file(url)
    stem = f"kamtibmas-{files.stamp(when)}"
    if database is not None:
        from bot.services.backups import sqlite

        final = files.free_name(folder, stem, ".db")
        with files.writing(final) as partial:
            sqlite.copy(database, partial)
        return Backup(final, final.stat().st_size, "sqlite", "SQLite online backup")
    from bot.services.backups import postgres

    engine = _engine(url)
    try:
        server = postgres.Server.of(url, engine)
    finally:
        engine.dispose()
    final = files.free_name(folder, stem, ".dump")
    with files.writing(final) as partial:
        postgres.dump(server, partial)
    method = f"PostgreSQL pg_dump, custom format, schema {server.schema}"
    return Backup(final, final.stat().st_size, "postgresql", method)


def inspect_file(path: Path, url: str) -> Inspection:
    """Check the backup `path` whole and read its schema revision (a PostgreSQL dump is read
    with the client programs that fit `url`'s server)."""
    if not path.is_file():
        raise BackupError(f"File tidak ada / no such file: {path}")
    from bot.services.backups import sqlite

    if sqlite.is_sqlite_file(path):
        return Inspection(path, "sqlite", sqlite.inspect(path))
    if sqlite_file(url) is not None:
        raise BackupError(
            f"Bukan cadangan SQLite / not a SQLite backup (DATABASE_URL is SQLite): {path}"
        )
    from bot.services.backups import postgres

    engine = _engine(url)
    try:
        server = postgres.Server.of(url, engine)
    finally:
        engine.dispose()
    schema, revision = postgres.inspect(server, path)
    return Inspection(path, "postgresql", revision, schema)


def bot_running(url: str) -> str | None:
    """Why the bot is taken to be running on the database at `url`, or None.

    SQLite: a process holds the delivery sender lock next to the file. PostgreSQL: a delivery
    heartbeat younger than WORKER_STALE seconds."""
    from bot.delivery.workers import WORKER_STALE
    from bot.delivery.workers import SenderLock
    from bot.delivery.workers import lock_path

    path = lock_path(url)
    if path is not None:
        if not path.exists():
            return None
        lock = SenderLock(path)
        if lock.try_acquire():
            lock.release()
            return None
        return f"{path} is locked by a running bot"
    from bot.services.backups import postgres

    engine = _engine(url)
    try:
        live = postgres.live_workers(engine, WORKER_STALE)
    finally:
        engine.dispose()
    return (
        f"{live} bot process(es) wrote a heartbeat in the last {WORKER_STALE:.0f} s"
        if live
        else None
    )


def restore(path: Path, url: str, *, aside: Path, now: dt.datetime | None = None) -> Restored:
    """Replace the database at `url` by the backup `path`.

    Refuses (BackupError) while the bot runs, a damaged file, and a file of a schema newer than
    this code. Keeps the current database in the folder `aside` first (SQLite: a copy of the
    file, PostgreSQL: a pg_dump; both 0600), restores, then migrates forward if the backup is
    older than this code."""
    from bot.delivery.workers import SenderLock
    from bot.delivery.workers import lock_path

    when = now or _now()
    running = bot_running(url)
    if running:
        raise BackupError(
            "Bot sedang berjalan; hentikan dulu / the bot is running; stop it first "
            f"(systemctl stop kamtibmas): {running}"
        )
    inspection = inspect_file(path, url)
    known, head = _revisions()
    if inspection.revision not in known:
        raise BackupError(
            f"Cadangan lebih baru dari program ini / the backup's schema ({inspection.revision}) "
            f"is newer than this code (newest {head}): restore it with the release that made it"
        )
    database = sqlite_file(url)
    lock_file = lock_path(url)
    # Held while restoring: a bot started meanwhile stands by instead of sending.
    lock = SenderLock(lock_file) if lock_file is not None else None
    if lock is not None and not lock.try_acquire():
        raise BackupError("Bot baru saja dijalankan / the bot has just been started: stop it")
    try:
        if database is not None:
            if inspection.kind != "sqlite":
                raise BackupError("Cadangan PostgreSQL ke SQLite / use a SQLite backup here")
            kept = _keep_sqlite_aside(database, aside, when)
            from bot.services.backups import sqlite

            sqlite.restore(path, database)
        elif inspection.kind == "sqlite":
            kept = _keep_postgres_aside(url, aside, when)
            _restore_sqlite_into_postgres(path, url, aside)
        else:
            kept = _keep_postgres_aside(url, aside, when)
            _restore_dump(path, url, inspection)
        migrated_from = None
        if inspection.revision != head:
            _migrate(url)
            migrated_from = inspection.revision
        _forget_senders(url)
    finally:
        if lock is not None:
            lock.release()
    return Restored(inspection, kept, migrated_from)


def copy_database(source_url: str, target_url: str) -> dict[str, int]:
    """Copy every row of `source_url`'s database into the empty database at `target_url`;
    both are first brought to this code's newest schema. Returns table -> rows."""
    from bot.services.backups.copy import copy_rows

    _migrate(source_url)
    _migrate(target_url)
    source, target = _engine(source_url), _engine(target_url)
    try:
        return copy_rows(source, target)
    finally:
        source.dispose()
        target.dispose()


def _keep_sqlite_aside(database: Path, folder: Path, when: dt.datetime) -> Path | None:
    if not database.exists() or database.stat().st_size == 0:
        return None
    from bot.services.backups import sqlite

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = files.free_name(folder, f"{database.stem}-before-restore-{files.stamp(when)}", ".db")
    with files.writing(kept) as partial:
        try:
            sqlite.copy(database, partial)
        except sqlite3.DatabaseError:  # damaged: kept as it is, byte for byte
            sqlite.keep_raw(database, partial, kept.with_name(f"{kept.name}-wal"))
    return kept


def _keep_postgres_aside(url: str, folder: Path, when: dt.datetime) -> Path | None:
    from bot.services.backups import postgres

    engine = _engine(url)
    try:
        server = postgres.Server.of(url, engine)
        with engine.connect() as connection:
            from sqlalchemy import inspect

            if not inspect(connection).get_table_names():
                return None
    finally:
        engine.dispose()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = files.free_name(folder, f"kamtibmas-before-restore-{files.stamp(when)}", ".dump")
    with files.writing(kept) as partial:
        postgres.dump(server, partial)
    return kept


def _restore_dump(path: Path, url: str, inspection: Inspection) -> None:
    from bot.services.backups import postgres

    engine = _engine(url)
    try:
        server = postgres.Server.of(url, engine)
        assert inspection.schema is not None
        postgres.restore(server, engine, path, inspection.schema)
    finally:
        engine.dispose()


def _restore_sqlite_into_postgres(path: Path, url: str, scratch: Path) -> None:
    """A SQLite backup into PostgreSQL: the backup (a private copy of it, brought to this
    code's schema) copied row by row into the emptied database."""
    from bot.services.backups import postgres
    from bot.services.backups import sqlite

    scratch.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = files.free_name(scratch, f".restore-{files.stamp(_now())}", ".db")
    files.create_private(work)
    try:
        sqlite.restore(path, work)
        engine = _engine(url)
        try:
            postgres.empty_schema(engine)
        finally:
            engine.dispose()
        copy_database(f"sqlite:///{work}", url)
    finally:
        for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
            leftover.unlink(missing_ok=True)


def _forget_senders(url: str) -> None:
    """The heartbeats in a restored database are of processes that ran on the original one:
    marked silent, so the next start gives back the rows they held at once (not after
    WORKER_STALE seconds or a lease)."""
    from sqlalchemy import text

    engine = _engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE delivery_workers SET last_seen = 0"))
    finally:
        engine.dispose()


def _revisions() -> tuple[set[str], str]:
    """Every revision this code knows, and its newest."""
    from alembic.script import ScriptDirectory

    from storage import migrate

    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return {revision.revision for revision in script.walk_revisions()}, head


def _migrate(url: str) -> None:
    from storage import migrate

    engine = _engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def _engine(url: str) -> Engine:
    from storage.db import make_engine

    return make_engine(url, pool_size=1)


@dataclass
class DailyOutcome:
    """One daily run: the backup written and the old ones deleted, or the error; `alert`: tell
    the admin chat (the first failure after a success, not every day of the same trouble)."""

    backup: Backup | None = None
    pruned: list[Path] = field(default_factory=list)
    error: str | None = None
    alert: bool = False


class DailyBackups:
    """The daily backup's state: it remembers whether the last run failed, so a failure is told
    once and again only after a backup has succeeded in between."""

    def __init__(
        self,
        url: str,
        folder: Path,
        keep: int,
        *,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        self.url = url
        self.folder = folder
        self.keep = keep
        self.clock = clock
        self.failing = False

    def run(self) -> DailyOutcome:
        """Back up, then keep the newest `keep` of our backups (never on failure)."""
        try:
            backup = make_backup(self.url, self.folder, now=self.clock())
            pruned = prune(self.folder, self.keep)
        except Exception as exc:  # a full disk, a database error: one alert, never a crash
            alert = not self.failing
            self.failing = True
            error = str(exc) if isinstance(exc, BackupError) else f"{type(exc).__name__}: {exc}"
            return DailyOutcome(error=error, alert=alert)
        self.failing = False
        return DailyOutcome(backup=backup, pruned=pruned)
