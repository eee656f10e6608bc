"""Backups that restore, through the real bot: a backup taken while reports and a broadcast
are being written restores into a fresh database with every report, photo, role and pending
message, and the bot started on it goes on sending; the daily job keeps the newest N and tells
the admin chat of a failure once (its clock controlled, nothing slept)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlmodel import select

from bot.config import Settings
from bot.delivery import Payload
from bot.services.backups import BackupError
from bot.services.backups import list_backups
from bot.services.backups import make_backup
from bot.services.backups import restore
from handlers.backups import DAILY_JOB
from storage.db import Database
from storage.models import OutboxRow
from storage.models import Report
from storage.models import ReportPhoto
from storage.models import Role
from storage.models import RoleAssignment
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import World
from tests.helpers import postgres_schema
from tests.helpers import report
from tests.helpers import schema_of
from tests.helpers import wait_until

T = TypeVar("T")
BROADCAST = "📢 Imbauan uji: kunci pintu dan pagar sebelum tidur."
RECIPIENTS = 400


@pytest.fixture
def fresh_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind as the test's, as on a new machine (PostgreSQL: a
    schema of its own on the same server)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'fresh' / 'data' / 'kamtibmas.db'}"
        return
    with postgres_schema(os.environ["TEST_DATABASE_URL"]) as url:
        yield url


def rows(url: str, model: type[T]) -> list[T]:
    database = Database(url, pool_size=1)
    try:
        return database.call(lambda session: list(session.exec(select(model))))
    finally:
        database.close()


async def test_a_backup_taken_while_the_bot_writes_restores_and_the_bot_goes_on_sending(
    pasuruan: str,
    settings: Settings,
    fake: FakeTelegram,
    delivery_clock: ScaledClock | None,
    fresh_database: str,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "backups"
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        world = World(bot)
        await world.set_up()
        await report(world, photos=2)
        residents = [bot.updates.user()["id"] for _ in range(RECIPIENTS)]
        first = await bot.services.delivery.enqueue(
            residents, Payload.message(BROADCAST), kind="test", ref="broadcast:1"
        )
        # The backup runs while the broadcast is being sent and more is written: another
        # report through the chat, and a second broadcast.
        backup, second, _summary = await asyncio.gather(
            asyncio.to_thread(make_backup, settings.database_url, folder),
            bot.services.delivery.enqueue(
                residents[:50], Payload.message(BROADCAST), kind="test", ref="broadcast:2"
            ),
            report(world, description="Pagar rumah dirusak orang tak dikenal", photos=1),
        )
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    if not settings.database_url.startswith("sqlite"):
        # The machine is gone: the dump's own schema no longer exists anywhere.
        admin = create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema_of(settings.database_url)}" CASCADE'))
        admin.dispose()

    done = restore(backup.path, fresh_database, aside=tmp_path / "aside")
    assert done.kept_aside is None  # nothing was there before
    reports = sorted(rows(fresh_database, Report), key=lambda r: r.id or 0)
    assert reports[0].description.startswith("Motor Honda Beat")
    photos = rows(fresh_database, ReportPhoto)
    # Each report with every photo it was sent with (the second one if it made the backup).
    for item, count in zip(reports, (2, 1), strict=False):
        mine = [p for p in photos if p.report_id == item.id]
        assert len(mine) == count and all(p.file_id for p in mine), item.description
    roles = {(r.user_id, r.role) for r in rows(fresh_database, RoleAssignment)}
    assert {(world.officer["id"], Role.POLISI), (world.other_officer["id"], Role.POLISI)} <= roles
    outbox = rows(fresh_database, OutboxRow)
    # Each broadcast is in the backup whole (its rows were written in one transaction) or
    # not at all; the first one was, and some of it had not been sent yet.
    for delivery_id, total in ((first, RECIPIENTS), (second, 50)):
        written = [row for row in outbox if row.delivery_id == delivery_id]
        assert len(written) in ((total, 0) if delivery_id == second else (total,))
    pending = {row.chat_id for row in outbox if row.delivery_id == first and not row.message_id}
    assert pending, "the broadcast had been sent whole before the backup: make it bigger"

    # The bot started on the restored database sends what was pending at the backup.
    calls_before = len(fake.calls_to("sendMessage"))
    restored = dataclasses.replace(settings, database_url=fresh_database)
    async with BotHarness(restored, fake, delivery_clock=delivery_clock) as bot:

        def reached() -> set[int]:
            calls = fake.calls_to("sendMessage")[calls_before:]
            return {c.params["chat_id"] for c in calls if c.params.get("text") == BROADCAST}

        await wait_until(lambda: pending <= reached(), "the pending broadcast to go out")
        # And it answers from the restored rows: the resident's reports are theirs.
        await bot.command(world.resident, "/laporanku")
        assert reports[0].code in fake.texts(world.resident["id"])[-1]


async def test_the_daily_job_keeps_the_newest_and_tells_a_failure_once(
    settings: Settings,
    fake: FakeTelegram,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "kamtibmas-by-hand.db").write_text("kept by hand")  # not ours: never pruned
    settings = dataclasses.replace(settings, backup_dir=folder, backup_hour=2, backup_keep=2)
    caplog.set_level(logging.INFO, logger="handlers.backups")
    async with BotHarness(settings, fake) as bot:
        assert bot.app.job_queue is not None
        (job,) = bot.app.job_queue.get_jobs_by_name(DAILY_JOB)
        # At 02:00 local time (WIB): 19:00 UTC.
        assert job.next_t is not None
        assert job.next_t.astimezone(settings.timezone).time() == dt.time(2, 0)
        day = dt.datetime(2026, 12, 1, 19, 0, tzinfo=dt.UTC)
        job.data.clock = lambda: day
        admin_messages = lambda: [  # noqa: E731
            m for m in fake.texts(ADMIN_CHAT_ID) if "Cadangan database harian gagal" in m
        ]
        for _ in range(3):
            await job.run(bot.app)
            day += dt.timedelta(days=1)
        kept = list_backups(folder)
        assert [p.stem for p in kept] == [
            "kamtibmas-20261202-190000Z",
            "kamtibmas-20261203-190000Z",
        ]
        assert (folder / "kamtibmas-by-hand.db").exists()
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
        assert "Daily backup written" in caplog.text

        # The folder becomes unusable: told once, not every day.
        job.data.folder = tmp_path / "a-file"
        job.data.folder.write_text("not a folder")
        for _ in range(3):
            await job.run(bot.app)
        assert len(admin_messages()) == 1
        assert "a-file" in admin_messages()[0] and "02.00" in admin_messages()[0]
        assert caplog.text.count("Daily backup failed") == 3
        # A success in between: the next failure is told again.
        job.data.folder = folder
        await job.run(bot.app)
        job.data.folder = tmp_path / "a-file"
        await job.run(bot.app)
        assert len(admin_messages()) == 2


async def test_no_daily_job_when_backups_are_off(settings: Settings, fake: FakeTelegram) -> None:
    async with BotHarness(dataclasses.replace(settings, backup_dir=None), fake) as bot:
        assert bot.app.job_queue is not None
        assert not bot.app.job_queue.get_jobs_by_name(DAILY_JOB)


async def test_restore_is_refused_while_the_bot_runs(
    bot: BotHarness, settings: Settings, tmp_path: Path
) -> None:
    backup = make_backup(settings.database_url, tmp_path / "backups")
    # SQLite: the running engine holds the sender lock; PostgreSQL: its heartbeat is fresh.
    with pytest.raises(BackupError, match="the bot is running"):
        restore(backup.path, settings.database_url, aside=tmp_path / "aside")
    assert not (tmp_path / "aside").exists()
