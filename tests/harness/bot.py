"""The real Application, started the way `kamtibmas run` starts it, on the fake Bot API."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.delivery import Clock
from bot.ptb.context import App
from bot.services import Services
from tests.harness.fake_api import FakeRequest
from tests.harness.fake_api import FakeTelegram
from tests.harness.updates import UpdateFactory


class BotHarness:
    """Drives the Application: feed it updates, then assert on the fake's recorded calls."""

    def __init__(
        self, settings: Settings, fake: FakeTelegram, *, delivery_clock: Clock | None = None
    ) -> None:
        self.settings = settings
        self.fake = fake
        self.updates = UpdateFactory(fake)
        if settings.admin_chat_id:
            self.admin_chat = self.updates.group(title="Admin Kamtibmas", id=settings.admin_chat_id)
        self.app: App = build_application(
            settings, request=FakeRequest(fake), delivery_clock=delivery_clock
        )

    async def __aenter__(self) -> BotHarness:
        # The same sequence as Application.run_polling, minus the polling itself.
        await self.app.initialize()
        if self.app.post_init is not None:
            await self.app.post_init(self.app)
        await self.app.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.app.running:
            await self.app.stop()
            if self.app.post_stop is not None:
                await self.app.post_stop(self.app)
        await self.app.shutdown()
        if self.app.post_shutdown is not None:
            await self.app.post_shutdown(self.app)

    @property
    def services(self) -> Services:
        """The Application's services (database, users, roles, ...)."""
        return self.app.bot_data.services

    @property
    def web_url(self) -> str:
        """The dashboard's base URL (settings with web_port set: the `web_bot` fixture)."""
        server = self.app.bot_data.web
        assert server is not None, "the dashboard is off: use the web_bot fixture"
        return f"http://127.0.0.1:{server.port}"

    async def process(self, update: dict[str, Any]) -> None:
        """Hand one update (as Telegram would send it) to the Application and wait for it."""
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def command(self, user: dict[str, Any], text: str, chat: dict | None = None) -> None:
        """A user sends a command (e.g. "/start") in their private chat or in `chat`."""
        await self.process(self.updates.command(user, text, chat=chat))

    async def say(self, user: dict[str, Any], text: str, chat: dict | None = None) -> None:
        """A user sends plain text."""
        await self.process(self.updates.text(user, text, chat=chat))

    async def press(self, user: dict[str, Any], message: dict[str, Any], data: str) -> None:
        """A user presses an inline button with `data` under `message`."""
        await self.process(self.updates.callback(user, message, data))
