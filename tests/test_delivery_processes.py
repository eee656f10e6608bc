"""Two `kamtibmas run` processes share one PostgreSQL outbox: together they send every row
once and stay within the bot's overall rate (the fake Bot API enforces Telegram's limits)."""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import select

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from storage.db import Database
from storage.models import OutboxRow
from storage.models import OutboxStatus
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import latency_profile
from tests.helpers import TOKEN
from tests.helpers import BotProcess
from tests.helpers import base_env
from tests.helpers import postgres_schema
from tests.helpers import wait_for

RECIPIENTS = 300
RATE = 30


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="several processes share an outbox on PostgreSQL only (SQLite: one process)",
)
def test_two_processes_send_each_row_once_within_the_shared_limit(tmp_path: Path) -> None:
    with postgres_schema(os.environ["TEST_DATABASE_URL"]) as url:
        _two_processes(tmp_path, url)


def _two_processes(tmp_path: Path, empty_database_url: str) -> None:
    fake = FakeTelegram(global_rate=RATE, global_burst=RATE, strict_chats=False)
    fake.latency = latency_profile(median=0.02, stall_probability=0.01, stall=0.5)
    chats = list(range(5_000_001, 5_000_001 + RECIPIENTS))
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = base_env(http, empty_database_url) | {
            "DELIVERY_RATE": str(RATE),
            "LOG_LEVEL": "INFO",
        }
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        first = BotProcess(tmp_path / "a", env)
        # One at a time: both would otherwise race to create the schema.
        wait_for(lambda: fake.calls_to("deleteWebhook"), 30, "the first process to start")
        second = BotProcess(tmp_path / "b", env)
        try:
            wait_for(lambda: len(fake.calls_to("deleteWebhook")) >= 2, 30, "the second one")
            db = Database(empty_database_url)
            try:
                delivery_id = asyncio.run(
                    DeliveryService(db).enqueue(chats, Payload.message("x"), Priority.INFO)
                )
                wait_for(
                    lambda: len(fake.sent_messages()) >= RECIPIENTS, 60, "every row to be sent"
                )
                for bot in (first, second):
                    code, _ = bot.stop()  # a clean stop records what is in flight
                    assert code == 0, bot.output()
                rows = db.call(
                    lambda s: s.exec(
                        select(OutboxRow).where(OutboxRow.delivery_id == delivery_id)
                    ).all()
                )
            finally:
                db.close()
        finally:
            first.kill()
            second.kill()
    per_chat = Counter(m["chat"]["id"] for m in fake.sent_messages())
    assert sorted(per_chat) == chats
    assert set(per_chat.values()) == {1}
    assert fake.stats.too_many_requests == 0, "the processes together exceeded the limit"
    times = sorted(c.at for c in fake.calls_to("sendMessage"))
    # Two independent 30/s senders would be done in about 5 s; a shared limit takes 10.
    assert times[-1] - times[0] >= RECIPIENTS / RATE - 1.5
    assert all(r.status == OutboxStatus.SENT for r in rows)
    senders = Counter(r.claimed_by for r in rows)
    assert len(senders) == 2, f"both processes should have sent: {senders}"
