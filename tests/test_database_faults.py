"""The database goes away (PostgreSQL stopped, SQLite's files unwritable) or its disk fills up
in the middle of a /lapor: users read "coba lagi sebentar lagi" or "not saved, call 110", never
"terjadi gangguan"; the admin chat is told once; the draft survives; the bot recovers by itself
once the database is back, without a restart."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import exc
from sqlalchemy import text
from sqlmodel import select

from bot.config import Settings
from bot.delivery import Payload
from storage.db import storage_fault
from storage.models import ConversationState
from storage.models import UserDraft
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import TEST_TOKEN
from tests.helpers import PrivatePostgres
from tests.helpers import SmallDisk
from tests.helpers import UnwritableSqlite
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import last
from tests.helpers import prepare_database
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import wait_until

DESCRIPTION = "Motor Honda Beat dicuri dari depan rumah"
# How long the database stays away in these tests (the 30-second outage of the issue is
# OUTAGE_SECONDS=30 in the environment: same test, same assertions, half a minute longer).
OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "1.5"))
BROADCAST = 150
BROADCAST_TEXT = "Himbauan: kunci pintu dan kendaraan Anda."


def _settings(url: str, tmp_path: Path) -> Settings:
    return Settings(
        token=TEST_TOKEN,
        database_url=url,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
        base_dir=tmp_path,
        delivery_rate=100,  # the fake enforces no limit here: a shorter broadcast
    )


async def _lapor_through_an_outage(
    bot: BotHarness,
    begin: Callable[[], None],
    end: Callable[[], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Start a report, lose the database half way, finish the report while it is away, send
    it when it is back; assert what users, the admin chat and the database see."""
    world = World(bot)
    await world.set_up()
    resident = world.resident
    chat = resident["id"]
    await bot.command(resident, "/lapor")
    await bot.press(resident, last(bot, chat), buttons(last(bot, chat))["🥷 Pencurian"])
    await bot.say(resident, DESCRIPTION)
    await bot.app.update_persistence()
    before = len(bot.fake.texts(chat))
    # A broadcast under way when the database goes: it must finish afterwards, each once.
    residents = [bot.updates.user()["id"] for _ in range(BROADCAST)]
    await bot.services.delivery.enqueue(residents, Payload.message(BROADCAST_TEXT))
    await wait_until(lambda: bot.fake.sent_messages(residents[0]), "the broadcast to start")

    caplog.clear()
    begin()
    started = asyncio.get_running_loop().time()
    # The steps that need no database go on from memory (the draft, the area index).
    await bot.say(resident, "Jl. Raya Kronto dekat masjid")
    await bot.press(resident, last(bot, chat), "lp:next")
    await bot.press(resident, last(bot, chat), "lp:urg:0")
    await bot.press(resident, last(bot, chat), "lp:anon:0")
    summary = last(bot, chat)
    assert summary["text"].startswith("Periksa laporan Anda"), summary["text"]
    await bot.app.update_persistence()  # cannot be written now: kept, no error
    # Sending needs the database: asked to try again in a moment, twice, the admin told once.
    for _ in range(2):
        await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
        answer = bot.fake.texts(chat)[-1]
        assert "coba lagi sebentar lagi" in answer.lower(), answer
        assert "gangguan" not in answer, answer  # the generic error.user is not the answer
    remaining = OUTAGE_SECONDS - (asyncio.get_running_loop().time() - started)
    await asyncio.sleep(max(0.0, remaining))
    end()
    # The loops that retry by themselves say it once, not at every try (no tracebacks).
    loud = [
        r
        for r in caplog.records
        if r.levelno >= logging.WARNING and not r.name.startswith("handlers.errors")
    ]
    assert len(loud) <= 3, [r.getMessage() for r in loud]
    assert not [r for r in caplog.records if r.exc_info], "a traceback for an outage"

    # Back: the draft kept in memory reaches the database without anyone doing anything...
    def persisted() -> Callable[[], object]:
        async def check() -> object:
            try:
                rows = await bot.services.db.run(
                    lambda s: (
                        {r.name: r.state for r in s.exec(select(ConversationState))},
                        {r.user_id: json.loads(r.data) for r in s.exec(select(UserDraft))},
                    )
                )
            except Exception:
                return None
            states, drafts = rows
            draft = json.dumps(drafts.get(chat))
            return states.get("lapor") not in (None, '"describe"') and "Kronto" in draft

        return check

    await wait_until(persisted(), "the draft written after the outage", seconds=30)
    # ...the broadcast goes on where it stopped...
    await wait_until(
        lambda: all(bot.fake.texts(r) for r in residents), "the broadcast to finish", 60
    )
    assert {r: bot.fake.texts(r) for r in residents} == {r: [BROADCAST_TEXT] for r in residents}
    # ...and sending works again, with what was typed before the outage.
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    reports = await stored(bot)
    assert [r.description for r in reports] == [DESCRIPTION]

    said = bot.fake.texts(chat)[before:]
    assert not [x for x in said if "gangguan" in x], said
    alerts = [x for x in bot.fake.texts(ADMIN_CHAT_ID) if "Database" in x]
    assert len(alerts) == 1, bot.fake.texts(ADMIN_CHAT_ID)
    assert not [x for x in bot.fake.texts(ADMIN_CHAT_ID) if "Traceback" in x]


async def test_postgresql_stopped_and_started_during_a_report(
    private_postgres: PrivatePostgres,
    fake: FakeTelegram,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    prepare_database(private_postgres.url)
    async with BotHarness(_settings(private_postgres.url, tmp_path), fake) as bot:
        await _lapor_through_an_outage(bot, private_postgres.stop, private_postgres.start, caplog)


async def test_sqlite_made_unwritable_during_a_report(
    fake: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    why_not = UnwritableSqlite.available(tmp_path)
    if why_not is not None:
        pytest.skip(f"cannot make a file unwritable for root here: {why_not}")
    database_file = tmp_path / "bot.db"
    url = f"sqlite:///{database_file}"
    prepare_database(url)
    fault = UnwritableSqlite(database_file)
    try:
        async with BotHarness(_settings(url, tmp_path), fake) as bot:
            await _lapor_through_an_outage(bot, fault.begin, fault.end, caplog)
    finally:
        fault.end()


def test_a_full_sqlite_database_is_told_apart_from_an_outage(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL ("database or disk is full"), made real by capping the file's
    pages: the error users must read as "cannot be saved now", not "try again"."""
    engine = create_engine(f"sqlite:///{tmp_path / 'full.db'}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE filler (x BLOB)"))
        with pytest.raises(exc.OperationalError) as raised:
            with engine.begin() as connection:
                pages = connection.execute(text("PRAGMA page_count")).scalar()
                connection.execute(text(f"PRAGMA max_page_count = {pages}"))
                connection.execute(text("INSERT INTO filler VALUES (randomblob(100000))"))
    finally:
        engine.dispose()
    assert "database or disk is full" in str(raised.value)
    assert storage_fault(raised.value) == "full"
    assert raised.value.orig.sqlite_errorcode == sqlite3.SQLITE_FULL  # type: ignore[union-attr]


async def test_a_full_disk_keeps_answering_and_says_what_it_cannot_store(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    disk = SmallDisk()
    try:
        why_not = disk.mount()
        if why_not is not None:
            pytest.skip(why_not)
        url = f"sqlite:///{disk.dir / 'bot.db'}"
        prepare_database(url)
        async with BotHarness(_settings(url, tmp_path), fake) as bot:
            await _lapor_on_a_full_disk(bot, disk, url)
    finally:
        disk.remove()


async def _lapor_on_a_full_disk(bot: BotHarness, disk: SmallDisk, url: str) -> None:
    world = World(bot)
    await world.set_up()
    resident = world.resident
    chat = resident["id"]
    summary = await report(world, send=False)
    await bot.app.update_persistence()
    before = len(bot.fake.texts(chat))

    # Every write from now on must grow a file: the WAL is emptied, then the disk filled.
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        engine.dispose()
    disk.fill()

    for _ in range(2):
        await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
        answer = bot.fake.texts(chat)[-1]
        assert "belum tersimpan" in answer and "110" in answer, answer
    assert await stored(bot) == []
    await bot.command(resident, "/bantuan")  # reading still works
    assert "/lapor" in bot.fake.texts(chat)[-1]
    await bot.app.update_persistence()  # cannot be written now: kept, no error
    alerts = [x for x in bot.fake.texts(ADMIN_CHAT_ID) if "penuh" in x]
    assert len(alerts) == 1, bot.fake.texts(ADMIN_CHAT_ID)

    disk.free()
    await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
    assert [r.description for r in await stored(bot)] == [DESCRIPTION]
    said = bot.fake.texts(chat)[before:]
    assert not [x for x in said if "gangguan" in x], said
