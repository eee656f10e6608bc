"""`kamtibmas run` as a real process against an HTTP server that speaks the Bot API: long
polling and webhook mode answer users, stop cleanly on SIGTERM, and never log the token."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness import FakeTelegram, FakeTelegramServer, UpdateFactory, post_webhook_update

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
WEBHOOK_SECRET = "webhook-secret_123"
STARTUP_SECONDS = 30
STOP_SECONDS = 8


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    """Poll until `condition()` is truthy, failing with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotProcess:
    """`python -m bot run` in its own process, configured through the environment."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_", "DATABASE_"))
        }
        environment.update(env)
        self.log = tmp_path / "bot.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> tuple[int, float]:
        """SIGTERM, then wait; returns (exit code, seconds it took)."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"no clean stop within {STOP_SECONDS}s:\n{self.output()}"
            ) from None
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server() -> Iterator[tuple[FakeTelegram, FakeTelegramServer]]:
    fake = FakeTelegram(enforce_limits=False)
    with FakeTelegramServer(fake, token=TOKEN) as http:
        yield fake, http


def base_env(http: FakeTelegramServer, database_url: str) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": http.base_url,
        "TELEGRAM_API_FILE_URL": http.file_url,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "DEBUG",  # the most talkative level must still not leak the token
    }


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
        assert "/bantuan" in hint
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


def test_webhook_mode_checks_the_secret(
    server: tuple[FakeTelegram, FakeTelegramServer], empty_database_url: str, tmp_path: Path
) -> None:
    fake, http = server
    port = free_port()
    env = base_env(http, empty_database_url) | {
        "WEBHOOK_URL": "https://kamtibmas.example.org/hook",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    bot = BotProcess(tmp_path, env)
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


def _accepts(url: str) -> bool:
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.socket() as s:
        return s.connect_ex((host, int(port))) == 0
