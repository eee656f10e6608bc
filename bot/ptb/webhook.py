"""PTB's webhook server, answering 400 (not 500) to a body that is not an update.

python-telegram-bot 22's `TelegramHandler.post` decodes and `json.loads` the body before its own
try block: a body that is not UTF-8 or not JSON raises out of the handler and tornado answers
500 (logged as an exception), as if the bot were broken. Telegram never sends such a body, but
scanners and broken proxies do, and a 5xx makes a monitor page someone. PTB offers no hook for
this, so `install()` swaps the request handler class the Updater's webhook app is built with
(`telegram.ext._updater.WebhookAppClass`) for one that checks the body first. Checked against
python-telegram-bot 22.x; tests/test_process.py posts such bodies to the real server.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus

import tornado.web
from telegram import Bot
from telegram.ext import _updater
from telegram.ext._utils.webhookhandler import TelegramHandler
from telegram.ext._utils.webhookhandler import WebhookAppClass


class CheckedTelegramHandler(TelegramHandler):
    """PTB's handler, but a body that is not a JSON object with an integer update_id is 400."""

    async def post(self) -> None:
        """Refuse a malformed body with 400, then let PTB read the update as always."""
        self._validate_post()  # content type and secret token first: 403 stays 403
        if not _looks_like_update(self.request.body):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST, reason="Not a Telegram update")
        await super().post()


class CheckedWebhookApp(WebhookAppClass):
    """PTB's webhook app (the same path and shared objects) serving `CheckedTelegramHandler`."""

    def __init__(
        self,
        webhook_path: str,
        bot: Bot,
        update_queue: asyncio.Queue,
        secret_token: str | None = None,
    ) -> None:
        # As WebhookAppClass.__init__ does, with the checking handler.
        self.shared_objects = {
            "bot": bot,
            "update_queue": update_queue,
            "secret_token": secret_token,
        }
        handlers = [(rf"{webhook_path}/?", CheckedTelegramHandler, self.shared_objects)]
        tornado.web.Application.__init__(self, handlers)


def _looks_like_update(body: bytes) -> bool:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return isinstance(update_id, int) and not isinstance(update_id, bool)


def install() -> None:
    """Make the Updater's webhook server use `CheckedWebhookApp` (idempotent)."""
    _updater.WebhookAppClass = CheckedWebhookApp  # type: ignore[misc]
