"""SQLite: a consistent copy of a live database through SQLite's online backup API, the checks
of a backup file, and its restore into the configured file."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from bot.services.backups.files import create_private
from bot.services.backups.types import BackupError


@contextlib.contextmanager
def _connection(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    # Read-only and immutable for a backup file: nothing is written next to it (no -shm).
    if read_only:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    else:
        connection = sqlite3.connect(path, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


def copy(source: Path, target: Path) -> None:
    """Copy the database `source` (live: other processes may write to it meanwhile) into the
    existing empty file `target`, as one consistent snapshot, in one file (no write-ahead log)."""
    if not source.is_file():
        raise BackupError(f"File database tidak ada / the database file does not exist: {source}")
    with _connection(source) as live, _connection(target) as copy_:
        # One step (pages=-1): the whole copy is read in one transaction, a snapshot; in WAL
        # mode the bot's writers go on meanwhile.
        live.backup(copy_)
        copy_.execute("PRAGMA journal_mode=DELETE")


def inspect(path: Path) -> str:
    """The schema revision of the SQLite backup `path`, after checking it whole
    (`PRAGMA integrity_check`); BackupError if it is damaged or not ours."""
    try:
        with _connection(path, read_only=True) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(
                    "File cadangan rusak / the backup file is damaged: "
                    + "; ".join(map(str, problems[:3]))
                )
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise BackupError(
                    "Bukan cadangan Kamtibmas Bot / not a Kamtibmas Bot backup "
                    f"(no alembic_version table): {path}"
                )
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"File cadangan rusak atau bukan database SQLite / the backup file is damaged or "
            f"not a SQLite database: {path} ({exc})"
        ) from None
    if len(rows) != 1:
        raise BackupError(f"Versi skema tidak jelas / no single schema revision in {path}")
    return str(rows[0][0])


def is_sqlite_file(path: Path) -> bool:
    """Whether `path` begins like a SQLite database (a damaged one too)."""
    with path.open("rb") as file:
        return file.read(16) == b"SQLite format 3\x00"


def keep_raw(database: Path, target: Path, target_wal: Path) -> None:
    """Copy the files of a database SQLite cannot read (damaged) byte for byte: into the
    existing private file `target`, and its write-ahead log (if any) to `target_wal`, 0600."""
    shutil.copyfile(database, target)  # into the existing 0600 file: its mode stays
    wal = Path(f"{database}-wal")
    if wal.exists():
        kept_wal = target_wal
        create_private(kept_wal)
        shutil.copyfile(wal, kept_wal)


def restore(backup: Path, database: Path) -> None:
    """Make the database file `database` (made 0600 if missing) a copy of `backup`, in one
    transaction of SQLite's backup API: its own write-ahead log and shared memory stay right.
    A database SQLite cannot open (damaged: often the reason to restore) is replaced whole."""
    if not database.exists():
        create_private(database)
    try:
        _restore_into(backup, database)
    except sqlite3.DatabaseError:
        for path in (database, *(Path(f"{database}{end}") for end in ("-wal", "-shm", "-journal"))):
            path.unlink(missing_ok=True)
        create_private(database)
        _restore_into(backup, database)


def _restore_into(backup: Path, database: Path) -> None:
    with _connection(backup, read_only=True) as source, _connection(database) as target:
        # A write-ahead-log database can only take pages of its own size: the restored file
        # takes the backup's journal mode, and the bot's engine turns WAL on again.
        target.execute("PRAGMA journal_mode=DELETE")
        source.backup(target)
