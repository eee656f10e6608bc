"""Typed access to the application's services from handlers (`context.services`, `context.lang`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application
from telegram.ext import CallbackContext
from telegram.ext import ExtBot
from telegram.ext import JobQueue

from bot.services import Services

if TYPE_CHECKING:
    from bot.web.server import WebServer


class BotData:
    """The application-wide data: the services, set in `post_init`."""

    services: Services
    # The dashboard's HTTP server (bot/web/server.py) when WEB_PORT is set.
    web: WebServer | None = None


class Ctx(CallbackContext[ExtBot[None], dict, dict, BotData]):
    """The CallbackContext every handler receives."""

    @property
    def services(self) -> Services:
        """The domain services."""
        return self.bot_data.services

    @property
    def lang(self) -> str:
        """The language to answer this update's user in."""
        return self.services.users.language(self._user_id)


App = Application[ExtBot[None], Ctx, dict, dict, BotData, JobQueue[Ctx]]
