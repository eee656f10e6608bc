"""`kamtibmas backup`, `restore` and `db copy` on a real SQLite file and the PostgreSQL of
TEST_DATABASE_URL: private files named by time, restores that refuse what they must (a running
bot, a damaged file, a newer schema), keep the database aside and migrate an older backup."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import text
from sqlmodel import SQLModel
from sqlmodel import select

from bot.delivery.workers import SenderLock
from bot.delivery.workers import lock_path
from bot.services.backups import make_backup
from storage import migrate
from storage import outbox
from storage import queries
from storage.db import Database
from storage.models import AuditEntry
from tests.cli.helpers import Kamtibmas
from tests.helpers import postgres_schema

PG = os.environ.get("TEST_DATABASE_URL")


def written(out: str) -> Path:
    """The path `kamtibmas backup` says it wrote."""
    found = re.search(r"cadangan dibuat: (\S+)", out)
    assert found, out
    return Path(found.group(1))


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def user_names(url: str) -> list[str]:
    database = Database(url, pool_size=1)
    try:
        with database.engine.connect() as connection:
            return list(
                connection.execute(text("SELECT first_name FROM users ORDER BY id")).scalars()
            )
    finally:
        database.close()


def add_user(url: str, user_id: int, name: str) -> None:
    database = Database(url, pool_size=1)
    try:
        database.call(queries.upsert_user, user_id, name)
    finally:
        database.close()


def test_backup_writes_a_private_file_named_by_utc_time(
    kamtibmas: Kamtibmas, database_url: str, tmp_path: Path
) -> None:
    done = kamtibmas("backup")
    assert done.code == 0, done.err
    path = written(done.out)
    # Without BACKUP_DIR: data/backups next to config.env.
    assert path.parent == tmp_path / "data" / "backups"
    assert re.fullmatch(r"kamtibmas-\d{8}-\d{6}Z\.(db|dump)", path.name)
    assert private(path) and f"({path.stat().st_size} bytes)" in done.out
    method = "pg_dump" if database_url.startswith("postgresql") else "SQLite online backup"
    assert method in done.out
    # Into a folder given on the command line, created if missing; a second one a second later
    # (or in the same second) gets a name of its own.
    again = kamtibmas("backup", str(tmp_path / "elsewhere"))
    assert again.code == 0 and written(again.out).parent == tmp_path / "elsewhere"
    assert private(written(again.out))


def test_backup_with_backups_switched_off_asks_for_a_folder(
    kamtibmas: Kamtibmas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKUP_DIR", "")
    done = kamtibmas("backup")
    assert done.code == 2 and "BACKUP_DIR" in done.err


def test_restore_puts_the_backup_back_and_keeps_the_database_aside(
    kamtibmas: Kamtibmas, database_url: str, tmp_path: Path
) -> None:
    add_user(database_url, 1, "Siti")
    backup = written(kamtibmas("backup").out)
    add_user(database_url, 2, "Budi")  # after the backup: gone after the restore
    done = kamtibmas("restore", str(backup))
    assert done.code == 0, done.err
    assert user_names(database_url) == ["Siti"]
    kept = Path(re.search(r"disimpan: (\S+)", done.out).group(1))  # type: ignore[union-attr]
    assert kept.parent == tmp_path / "data" / "backups" and private(kept)
    assert "before-restore" in kept.name and "kamtibmas backup" not in kept.name
    # The database as it was, Budi and all, is in the file kept aside.
    assert kamtibmas("restore", str(kept)).code == 0
    assert user_names(database_url) == ["Siti", "Budi"]


def test_restore_refuses_while_the_bot_runs(
    kamtibmas: Kamtibmas, database_url: str, db: Database
) -> None:
    backup = written(kamtibmas("backup").out)
    add_user(database_url, 3, "Ani")
    lock_file = lock_path(database_url)
    lock = SenderLock(lock_file) if lock_file else None
    if lock is not None:
        assert lock.try_acquire()  # as the running bot's delivery engine holds it
    else:
        db.call(outbox.heartbeat, "host:123:abcd")  # a live worker's fresh heartbeat
    try:
        done = kamtibmas("restore", str(backup))
    finally:
        if lock is not None:
            lock.release()
    assert done.code == 1 and "running" in done.err and "Traceback" not in done.err
    assert user_names(database_url) == ["Ani"]


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    kamtibmas: Kamtibmas, database_url: str, tmp_path: Path
) -> None:
    add_user(database_url, 4, "Rina")
    backup = written(kamtibmas("backup").out)
    content = backup.read_bytes()
    cut = tmp_path / f"cut{backup.suffix}"
    cut.write_bytes(content[: len(content) // 2])
    scrambled = tmp_path / f"scrambled{backup.suffix}"
    middle = len(content) // 2
    scrambled.write_bytes(content[:middle] + bytes(4096) + content[middle + 4096 :])
    stranger = tmp_path / "notes.db"
    stranger.write_text("not a backup at all\n")
    for bad in (cut, scrambled, stranger):
        done = kamtibmas("restore", str(bad))
        assert done.code == 1, (bad.name, done.out)
        assert "Traceback" not in done.err and bad.name in done.err, done.err
    assert kamtibmas("restore", str(tmp_path / "missing.db")).code == 1
    assert user_names(database_url) == ["Rina"]
    assert not any("before-restore" in p.name for p in backup.parent.iterdir())


def test_restore_refuses_a_backup_newer_than_the_code(
    kamtibmas: Kamtibmas, database_url: str
) -> None:
    add_user(database_url, 5, "Dewi")
    database = Database(database_url, pool_size=1)
    try:
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        backup = written(kamtibmas("backup").out)
        with database.engine.begin() as connection:
            connection.execute(text(f"UPDATE alembic_version SET version_num = '{head()}'"))
    finally:
        database.close()
    add_user(database_url, 6, "Eko")
    done = kamtibmas("restore", str(backup))
    assert done.code == 1 and "0099" in done.err and "newer" in done.err
    assert user_names(database_url) == ["Dewi", "Eko"]


def head() -> str:
    revision = migrate.head_revision()
    assert revision is not None
    return revision


def previous_revision() -> str:
    """The revision before the newest (numbers need not be consecutive)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    down = script.get_revision(head()).down_revision
    assert isinstance(down, str)
    return down


def test_an_older_backup_is_migrated_forward(
    kamtibmas: Kamtibmas, database_url: str, tmp_path: Path
) -> None:
    before = previous_revision()
    if database_url.startswith("sqlite"):
        old_url = f"sqlite:///{tmp_path / 'old.db'}"
        backup = _old_backup(old_url, before, tmp_path)
    else:
        assert PG is not None
        with postgres_schema(PG) as old_url:
            backup = _old_backup(old_url, before, tmp_path)
        # The schema it was dumped from is gone, as on a machine that was lost.
    done = kamtibmas("restore", str(backup))
    assert done.code == 0, done.err
    assert f"migrated forward from {before}" in done.out
    assert user_names(database_url) == ["Old"]
    assert kamtibmas("db", "current").out.startswith(f"database: {head()};")


def _old_backup(url: str, revision: str, tmp_path: Path) -> Path:
    database = Database(url, pool_size=1)
    try:
        migrate.upgrade(database.engine, revision)
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, first_name, created_at, last_seen_at) "
                    "VALUES (7, 'Old', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        return make_backup(url, tmp_path / "old").path
    finally:
        database.close()


SQLITE_ONLY = pytest.mark.parametrize("empty_database_url", ["sqlite"], indirect=True)


@pytest.mark.skipif(not PG, reason="TEST_DATABASE_URL is not set")
@SQLITE_ONLY
def test_db_copy_moves_every_row_from_sqlite_to_postgresql(
    cli: Kamtibmas, database_url: str
) -> None:
    assert PG is not None
    assert cli("admin", "grant", "123456", "polisi", "--scope", "Polsek Lumbang").code == 0
    with postgres_schema(PG) as target:
        done = cli("db", "copy", "--to", target)
        assert done.code == 0, done.err
        source, copy = Database(database_url, pool_size=1), Database(target, pool_size=1)
        try:
            for table in SQLModel.metadata.sorted_tables:
                query = select(func.count()).select_from(table)
                with source.engine.connect() as a, copy.engine.connect() as b:
                    assert a.execute(query).scalar() == b.execute(query).scalar(), table.name
            # The copy goes on: new rows get ids past the copied ones.
            copy.call(queries.upsert_user, 99, "Baru")
            assert cli("admin", "list").code == 0
        finally:
            source.close()
            copy.close()
        # A second copy into the same database is refused: it is not empty any more.
        again = cli("db", "copy", "--to", target)
        assert again.code == 1 and "not empty" in again.err


@SQLITE_ONLY
def test_a_sqlite_backup_is_private_and_one_file(database_url: str, tmp_path: Path) -> None:
    backup = make_backup(database_url, tmp_path / "b")
    assert private(backup.path)
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.path.name]
    with sqlite3.connect(backup.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_pg_dump_older_than_the_server_is_refused() -> None:
    from bot.services.backups import BackupError
    from bot.services.backups.postgres import _tool

    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    with pytest.raises(BackupError, match="postgresql-client-99"):
        _tool("pg_dump", 99)


@SQLITE_ONLY
def test_a_damaged_database_is_kept_aside_as_it_is_and_replaced(
    kamtibmas: Kamtibmas, database_url: str
) -> None:
    add_user(database_url, 8, "Sari")
    backup = written(kamtibmas("backup").out)
    database = Path(database_url.removeprefix("sqlite:///"))
    damaged = bytearray(database.read_bytes())
    damaged[:100] = bytes(100)  # the header gone: SQLite no longer knows the file
    database.write_bytes(bytes(damaged))
    done = kamtibmas("restore", str(backup))
    assert done.code == 0, done.err
    assert user_names(database_url) == ["Sari"]
    kept = Path(re.search(r"disimpan: (\S+)", done.out).group(1))  # type: ignore[union-attr]
    assert kept.read_bytes() == bytes(damaged) and private(kept)


@pytest.mark.skipif(not PG, reason="TEST_DATABASE_URL is not set")
@pytest.mark.parametrize("empty_database_url", ["postgresql"], indirect=True)
def test_a_sqlite_backup_restores_into_postgresql(
    kamtibmas: Kamtibmas, database_url: str, tmp_path: Path
) -> None:
    add_user(database_url, 10, "Lama")  # the PostgreSQL database as it was: kept aside
    old_url = f"sqlite:///{tmp_path / 'old' / 'kamtibmas.db'}"
    database = Database(old_url, pool_size=1)
    try:
        migrate.upgrade(database.engine)
        database.call(queries.upsert_user, 11, "Dari SQLite")
        database.call(lambda session: session.add(AuditEntry(action="test.old")))
    finally:
        database.close()
    backup = make_backup(old_url, tmp_path / "sqlite-backups").path
    done = kamtibmas("restore", str(backup))
    assert done.code == 0, done.err
    assert user_names(database_url) == ["Dari SQLite"]
    assert "before-restore" in done.out and ".dump" in done.out
    # The restored database takes new rows: its id sequences are past the copied ids.
    restored = Database(database_url, pool_size=1)
    try:
        restored.call(lambda session: session.add(AuditEntry(action="test.new")))
        entries = restored.call(lambda s: [(e.id, e.action) for e in s.exec(select(AuditEntry))])
    finally:
        restored.close()
    assert sorted(entries) == [(1, "test.old"), (2, "test.new")]
