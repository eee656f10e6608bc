"""Storage: migrations match the models, queries behave the same on SQLite and PostgreSQL, and
database work never stalls the event loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sqlmodel import SQLModel
from sqlmodel import select

from bot.services.roles import grants as roles
from storage import migrate
from storage import queries
from storage import roles as role_queries
from storage.db import Database
from storage.models import AuditEntry
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import User
from storage.models import utcnow


def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == [], f"models and migrations differ; write a migration: {diff}"


def test_upgrade_twice_changes_nothing(db: Database) -> None:
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()


def test_upsert_user_creates_then_refreshes(db: Database) -> None:
    first = dt.datetime(2026, 11, 1, 3, 0, tzinfo=dt.UTC)
    later = dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)
    # Telegram ids exceed 32 bits.
    user_id = 7_123_456_789
    assert db.call(queries.upsert_user, user_id, "Siti", None, "siti", now=first) is None
    db.call(queries.set_language, user_id, "en")
    assert db.call(queries.upsert_user, user_id, "Siti", "Aminah", None, now=later) == "en"
    user = db.call(queries.get_user, user_id)
    assert user is not None
    assert user.full_name == "Siti Aminah"
    assert user.username is None
    assert user.created_at == first
    assert user.last_seen_at == later
    assert user.last_seen_at.tzinfo is not None


def test_overlong_names_are_cut_to_the_column_size(db: Database) -> None:
    db.call(queries.upsert_user, 1, "x" * 5000, "y" * 5000, "z" * 100)
    user = db.call(queries.get_user, 1)
    assert (len(user.first_name), len(user.last_name), len(user.username)) == (256, 256, 64)


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        db.call(lambda s: s.add(User(id=5, first_name="A", created_at=dt.datetime(2026, 1, 1))))


def test_role_assignment_is_unique_per_user_role_and_scope(db: Database) -> None:
    db.call(lambda s: s.add(RoleAssignment(user_id=42, role=Role.ADMIN, scope="")))
    db.call(lambda s: s.add(RoleAssignment(user_id=42, role=Role.POLISI, scope="polsek:1")))
    assert db.call(role_queries.roles_of, 42) == {Role.ADMIN, Role.POLISI}
    with pytest.raises(IntegrityError):
        db.call(lambda s: s.add(RoleAssignment(user_id=42, role=Role.ADMIN, scope="")))


def test_grant_and_revoke_are_audited(db: Database) -> None:
    admin = roles.RoleSpec(Role.ADMIN)
    assert db.call(roles.grant, 42, admin, actor_label="cli") is roles.GrantResult.ADDED
    assert db.call(roles.grant, 42, admin, actor_label="cli") is roles.GrantResult.UNCHANGED
    assert db.call(roles.revoke, 42, Role.ADMIN, actor_id=7) is True
    assert db.call(roles.revoke, 42, Role.ADMIN, actor_id=7) is False
    entries = db.call(queries.recent_audit)
    assert [(e.action, e.target, e.actor_id, e.actor_label) for e in entries] == [
        ("role.revoke", "42", 7, ""),
        ("role.grant", "42", None, "cli"),
    ]
    assert all(e.at.tzinfo is not None and e.at <= utcnow() for e in entries)


def test_a_failed_transaction_leaves_nothing_behind(db: Database) -> None:
    def grant_then_fail(session: Session) -> None:
        roles.grant(session, 42, roles.RoleSpec(Role.ADMIN), actor_label="test")
        raise RuntimeError("crash between the two writes")

    with pytest.raises(RuntimeError):
        db.call(grant_then_fail)
    assert db.call(role_queries.roles_of, 42) == set()
    assert db.call(lambda s: len(s.exec(select(AuditEntry)).all())) == 0


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'nested' / 'bot.db'}")
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()
    # The folder of the database file is created on first use.
    assert (tmp_path / "nested" / "bot.db").is_file()


async def test_database_work_runs_off_the_event_loop(db: Database) -> None:
    loop_thread = threading.get_ident()
    release = threading.Event()

    def slow(session: Session) -> int:
        # Blocks its thread until the event loop has proven it kept running meanwhile.
        assert threading.get_ident() != loop_thread
        assert release.wait(timeout=5), "the event loop was stalled"
        return session.execute(text("SELECT 1")).scalar_one()

    async def ticker() -> None:
        for _ in range(3):
            await asyncio.sleep(0)
        release.set()

    result, _ = await asyncio.gather(db.run(slow), ticker())
    assert result == 1


async def test_concurrent_first_contacts_create_one_user(db: Database) -> None:
    await asyncio.gather(*(db.run(queries.upsert_user, 99, f"Budi {i}") for i in range(8)))
    assert db.call(lambda s: len(s.exec(select(User).where(User.id == 99)).all())) == 1


async def test_close_waits_for_a_running_transaction(database_url: str) -> None:
    # On SIGTERM, post_shutdown closes the database: a write in progress must be finished, not
    # cut off, by the time close() returns.
    db = Database(database_url)
    started = threading.Event()

    def slow_write(session: Session) -> None:
        started.set()
        time.sleep(0.2)
        queries.upsert_user(session, 77, "Wati")

    write = asyncio.ensure_future(db.run(slow_write))
    assert await asyncio.to_thread(started.wait, 5)
    await asyncio.to_thread(db.close)
    check = Database(database_url)
    try:
        assert check.call(queries.get_user, 77) is not None
    finally:
        check.close()
    await write
