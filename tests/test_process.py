"""`kamtibmas run` as a real process against an HTTP server that speaks the Bot API: long
polling and webhook mode answer users, stop cleanly on SIGTERM, and never log the token."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
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
from tests.harness import UpdateFactory
from tests.harness import latency_profile
from tests.harness import post_webhook_update
from tests.helpers import STOP_SECONDS
from tests.helpers import TOKEN
from tests.helpers import BotProcess
from tests.helpers import base_env
from tests.helpers import wait_for

WEBHOOK_SECRET = "webhook-secret_123"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server() -> Iterator[tuple[FakeTelegram, FakeTelegramServer]]:
    fake = FakeTelegram(enforce_limits=False)
    with FakeTelegramServer(fake, token=TOKEN) as http:
        yield fake, http


def test_long_polling_answers_users_and_stops_on_sigterm(
    server: tuple[FakeTelegram, FakeTelegramServer], empty_database_url: str, tmp_path: Path
) -> None:
    fake, http = server
    bot = BotProcess(tmp_path, base_env(http, empty_database_url))
    try:
        wait_for(lambda: fake.calls_to("deleteWebhook"), STARTUP_SECONDS, "the bot to poll")
        updates = UpdateFactory(fake)
        siti = updates.user(first_name="Siti")
        for update in (
            updates.command(siti, "/start"),
            updates.command(siti, "/bantuan"),
            updates.text(siti, "tolong ada kebakaran"),
            updates.command(siti, "/entahlah"),
        ):
            fake.push_update(update)
        wait_for(lambda: len(fake.texts(siti["id"])) >= 4, 20, "four answers")
        welcome, help_text, hint, unknown = fake.texts(siti["id"])[:4]
        assert "Halo, Siti!" in welcome
        assert "/bahasa" in help_text
        # Text that reads like an incident: the way to /lapor, and 110.
        assert "/lapor" in hint and "110" in hint
        assert "/entahlah" in unknown
        code, seconds = bot.stop()
    finally:
        bot.kill()
    output = bot.output()
    assert code == 0, output
    assert seconds < STOP_SECONDS
    assert "stopped" in output
    assert TOKEN not in output
    assert TOKEN.split(":")[1] not in output


def webhook_bot(
    http: FakeTelegramServer, database_url: str, tmp_path: Path
) -> tuple[BotProcess, int]:
    """`kamtibmas run` in webhook mode on a free local port (with WEBHOOK_SECRET)."""
    port = free_port()
    env = base_env(http, database_url) | {
        "WEBHOOK_URL": "https://kamtibmas.example.org/hook",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    return BotProcess(tmp_path, env), port


def test_webhook_mode_checks_the_secret(
    server: tuple[FakeTelegram, FakeTelegramServer], empty_database_url: str, tmp_path: Path
) -> None:
    fake, http = server
    bot, port = webhook_bot(http, empty_database_url, tmp_path)
    try:
        wait_for(lambda: fake.calls_to("setWebhook"), STARTUP_SECONDS, "setWebhook")
        registered = fake.calls_to("setWebhook")[-1].params
        assert registered["url"] == "https://kamtibmas.example.org/hook"
        assert registered["secret_token"] == WEBHOOK_SECRET

        updates = UpdateFactory(fake)
        rudi = updates.user(first_name="Rudi")
        local = f"http://127.0.0.1:{port}/hook"
        wait_for(lambda: _accepts(local), 10, "the webhook server")
        wrong = post_webhook_update(local, updates.command(rudi, "/start"), "wrong-secret")
        assert wrong == 403
        assert post_webhook_update(local, updates.command(rudi, "/start"), WEBHOOK_SECRET) == 200
        wait_for(lambda: fake.texts(rudi["id"]), 20, "the answer to /start")
        assert len(fake.texts(rudi["id"])) == 1  # the forged update was not processed
        assert "Halo, Rudi!" in fake.texts(rudi["id"])[0]
        code, _ = bot.stop()
    finally:
        bot.kill()
    output = bot.output()
    assert code == 0, output
    assert TOKEN.split(":")[1] not in output
    assert WEBHOOK_SECRET not in output


@pytest.mark.parametrize("when", ["50 ms later", "while stopping"])
def test_a_second_sigterm_does_not_break_off_the_shutdown(
    when: str, empty_database_url: str, tmp_path: Path
) -> None:
    """`make run` stopped by its process group: make forwards its own SIGTERM, so the bot
    gets two: a few milliseconds apart (two at once are merged by the kernel into one), or
    the second while the bot is already stopping."""
    fake = FakeTelegram(enforce_limits=False, strict_chats=False)
    fake.latency = latency_profile(median=0.3)  # sends are in flight when the signals come
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = base_env(http, empty_database_url) | {"LOG_LEVEL": "INFO"}
        bot = BotProcess(tmp_path, env, own_group=True)
        try:
            wait_for(lambda: fake.calls_to("deleteWebhook"), STARTUP_SECONDS, "the bot to poll")
            db = Database(empty_database_url, pool_size=1)
            try:
                chats = list(range(5_000_001, 5_000_301))
                asyncio.run(DeliveryService(db).enqueue(chats, Payload.message("x"), Priority.INFO))
                wait_for(lambda: len(fake.sent_messages()) >= 20, 30, "a broadcast under way")
                group = os.getpgid(bot.process.pid)
                os.killpg(group, signal.SIGTERM)
                if when == "while stopping":
                    wait_for(lambda: "is stopping" in bot.output(), 5, "the bot to be stopping")
                else:
                    time.sleep(0.05)
                os.killpg(group, signal.SIGTERM)
                try:
                    code = bot.process.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    raise AssertionError(f"no stop:\n{bot.output()}") from None
                claimed = db.call(
                    lambda s: s.exec(
                        select(OutboxRow).where(OutboxRow.status == OutboxStatus.CLAIMED)
                    ).all()
                )
            finally:
                db.close()
        finally:
            bot.kill()
    output = bot.output()
    assert code == 0, output
    assert "stopped" in output, output
    assert "never awaited" not in output, output
    assert claimed == [], "the stop left sends claimed (they wait for the lease)"


def test_webhook_refuses_a_body_that_is_not_an_update_with_400(
    server: tuple[FakeTelegram, FakeTelegramServer], empty_database_url: str, tmp_path: Path
) -> None:
    fake, http = server
    bot, port = webhook_bot(http, empty_database_url, tmp_path)
    try:
        wait_for(lambda: fake.calls_to("setWebhook"), STARTUP_SECONDS, "setWebhook")
        local = f"http://127.0.0.1:{port}/hook"
        wait_for(lambda: _accepts(local), 10, "the webhook server")
        bodies = [
            b"this is not json",
            b"\xff\xfe\x00{",  # not UTF-8
            b"",
            b"[1, 2, 3]",
            b'"update"',
            b"42",
            b"{}",
            b'{"update_id": "7"}',
            b'{"update_id": 7, "message": "hello"}',  # not a valid Update
        ]
        assert {body: post_webhook_update(local, body, WEBHOOK_SECRET) for body in bodies} == {
            body: 400 for body in bodies
        }
        assert post_webhook_update(local, b"not json", "wrong-secret") == 403  # secret first
        # The server still serves real updates.
        updates = UpdateFactory(fake)
        rudi = updates.user(first_name="Rudi")
        assert post_webhook_update(local, updates.command(rudi, "/start"), WEBHOOK_SECRET) == 200
        wait_for(lambda: fake.texts(rudi["id"]), 20, "the answer to /start")
        code, _ = bot.stop()
    finally:
        bot.kill()
    assert code == 0, bot.output()


def _accepts(url: str) -> bool:
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.socket() as s:
        return s.connect_ex((host, int(port))) == 0
