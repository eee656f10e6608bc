"""Conversations survive a restart (their state and drafts live in the database), and each
person's updates are handled in order while different people are served concurrently."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram import Update

from bot.config import Settings
from bot.ptb.persistence import DatabasePersistence
from bot.ptb.updates import PerSenderUpdateProcessor
from storage.db import Database
from storage.models import ConversationState
from storage.models import UserDraft
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import ADMIN_ID
from tests.helpers import buttons
from tests.helpers import wait_until


async def test_a_conversation_goes_on_after_a_restart(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(settings, fake) as bot:
        boss = bot.updates.user(id=ADMIN_ID, first_name="Admin")
        await bot.command(boss, "/undang")
        choice = bot.fake.last_message(boss["id"])
        await bot.press(boss, choice, buttons(choice)["Tokoh masyarakat"])
        assert "Ketik nama desa atau kecamatannya" in bot.fake.last_message(ADMIN_ID)["text"]

    # Stopped cleanly: the state and the draft are in the database.
    db = Database(settings.database_url, pool_size=1)
    try:
        states = db.call(lambda s: [(r.name, r.state) for r in s.exec(select(ConversationState))])
        drafts = db.call(
            lambda s: {r.user_id: json.loads(r.data) for r in s.exec(select(UserDraft))}
        )
    finally:
        db.close()
    assert states == [("invite", '"place"')]
    assert drafts[ADMIN_ID]["invite_spec"]["role"] == "tokoh"

    async with BotHarness(settings, fake) as bot:
        bot.updates.user(id=ADMIN_ID, first_name="Admin")
        await bot.say(boss, "kronto")
        assert "Tokoh masyarakat · Kronto (Kec. Lumbang)" in bot.fake.last_message(ADMIN_ID)["text"]
        # The finished conversation and its draft are gone from the database too.
        await bot.app.update_persistence()
        rows = await bot.services.db.run(
            lambda s: (list(s.exec(select(ConversationState))), list(s.exec(select(UserDraft))))
        )
        assert rows == ([], [])


async def test_unchanged_data_is_not_written_again(db: Database) -> None:
    persistence = DatabasePersistence(db)
    assert await persistence.get_user_data() == {}
    await persistence.update_user_data(1, {})  # nothing stored, nothing to store
    await persistence.update_user_data(2, {"lapor": {"step": "x"}})
    await persistence.update_conversation("lapor", (2, 2), "describe")
    written = []
    original = db.write

    async def counting(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        written.append(fn)
        return await original(fn, *args, **kwargs)

    db.write = counting  # type: ignore[method-assign]
    await persistence.update_user_data(2, {"lapor": {"step": "x"}})
    await persistence.update_conversation("lapor", (2, 2), "describe")
    assert written == []
    # A round of changes handed over together is one transaction.
    await asyncio.gather(
        persistence.update_user_data(3, {"a": 1}),
        persistence.update_user_data(4, {"b": 2}),
        persistence.update_conversation("lapor", (2, 2), None),
    )
    assert len(written) == 1
    reloaded = DatabasePersistence(db)
    assert await reloaded.get_user_data() == {2: {"lapor": {"step": "x"}}, 3: {"a": 1}, 4: {"b": 2}}
    assert await reloaded.get_conversations("lapor") == {}


async def test_one_senders_updates_keep_their_order_others_go_ahead(bot: BotHarness) -> None:
    processor = PerSenderUpdateProcessor(max_concurrent_updates=16)
    slow, quick = bot.updates.user(), bot.updates.user()
    log: list[str] = []
    gate = asyncio.Event()

    async def handle(name: str, wait: bool) -> None:
        log.append(f"start {name}")
        if wait:
            await gate.wait()
        log.append(f"end {name}")

    def update(user: dict) -> Update:
        return Update.de_json(bot.updates.text(user, "x"), bot.app.bot)

    first = asyncio.create_task(processor.process_update(update(slow), handle("slow 1", True)))
    second = asyncio.create_task(processor.process_update(update(slow), handle("slow 2", False)))
    other = asyncio.create_task(processor.process_update(update(quick), handle("quick", False)))
    await other
    assert log == ["start slow 1", "start quick", "end quick"]  # slow 2 waits for slow 1
    gate.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["end slow 1", "start slow 2", "end slow 2"]
    assert processor._locks == {}  # nothing kept for senders with nothing queued


async def test_a_round_the_database_refuses_is_kept_and_written_later(db: Database) -> None:
    persistence = DatabasePersistence(db)
    assert await persistence.get_user_data() == {}
    original = db.write
    down = True
    # SQLite's own error for a database it may not write (SQLITE_READONLY).
    readonly = sqlite3.connect(":memory:")
    readonly.execute("PRAGMA query_only = 1")
    with pytest.raises(sqlite3.OperationalError) as refused:
        readonly.execute("CREATE TABLE t (x)")
    readonly.close()

    async def flaky(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        if down:
            raise OperationalError("INSERT ...", {}, refused.value)
        return await original(fn, *args, **kwargs)

    db.write = flaky  # type: ignore[method-assign]
    await persistence.update_user_data(7, {"lapor": {"step": "place"}})  # no error raised
    await persistence.update_conversation("lapor", (7, 7), "place")
    # A newer change of the same row, while the older one still waits, wins.
    await persistence.update_user_data(7, {"lapor": {"step": "summary"}})
    down = False
    await wait_until(
        lambda: DatabasePersistence(db).get_user_data(), "the kept round to be written", 10
    )
    reloaded = DatabasePersistence(db)
    assert await reloaded.get_user_data() == {7: {"lapor": {"step": "summary"}}}
    assert await reloaded.get_conversations("lapor") == {(7, 7): "place"}
    await persistence.flush()
