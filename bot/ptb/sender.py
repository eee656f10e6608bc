"""The delivery engine's `Sender` for Telegram: python-telegram-bot calls, errors mapped to plain
outcomes. The one module outside `handlers/` that imports `telegram` (the engine must not)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Bot
from telegram.error import BadRequest
from telegram.error import ChatMigrated
from telegram.error import Forbidden
from telegram.error import NetworkError
from telegram.error import RetryAfter
from telegram.error import TelegramError

from bot import delivery
from bot import metrics
from bot.ptb.ratelimiter import engine_call

# Parameters PTB's methods take by name; anything else (reply_markup, link_preview_options,
# reply_parameters as Bot API JSON) travels unchanged in api_kwargs.
_NAMED = frozenset(
    {
        "text",
        "photo",
        "caption",
        "parse_mode",
        "message_id",
        "disable_notification",
        "protect_content",
        "allow_paid_broadcast",
    }
)
_METHODS = {
    "sendMessage": "send_message",
    "sendPhoto": "send_photo",
    "editMessageText": "edit_message_text",
    "editMessageCaption": "edit_message_caption",
}


# The metrics' name of each outcome (bot/metrics.py MESSAGES); a group that moved is a 400.
_METRIC: dict[type, str] = {
    delivery.Sent: "sent",
    delivery.RetryAfter: "retry_after",
    delivery.Blocked: "blocked",
    delivery.Rejected: "rejected",
    delivery.Migrated: "rejected",
    delivery.Transient: "error",
}


class TelegramSender:
    """Sends with `bot` (the Application's ExtBot) and never raises."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, method: str, params: dict[str, Any]) -> delivery.SendOutcome:
        """Make one Bot API call; map Telegram's answer to an outcome (and count it)."""
        outcome = await self._send(chat_id, method, params)
        metrics.message_call("outbox", _METRIC[type(outcome)])
        return outcome

    async def _send(
        self, chat_id: int, method: str, params: dict[str, Any]
    ) -> delivery.SendOutcome:
        name = _METHODS.get(method)
        if name is None:
            return delivery.Rejected(f"unsupported method {method}")
        named = {k: v for k, v in params.items() if k in _NAMED}
        extra = {k: v for k, v in params.items() if k not in _NAMED}
        try:
            with engine_call():  # paced by the engine already: the fast lane lets it through
                result = await getattr(self._bot, name)(
                    chat_id=chat_id, **named, api_kwargs=extra or None
                )
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
            return delivery.RetryAfter(seconds)
        except Forbidden as exc:
            return delivery.Blocked(exc.message)
        except ChatMigrated as exc:
            return delivery.Migrated(int(exc.new_chat_id))
        except BadRequest as exc:  # before NetworkError: BadRequest is a subclass of it
            return delivery.Rejected(exc.message)
        except NetworkError as exc:  # TimedOut too: the message may or may not have arrived
            return delivery.Transient(f"{type(exc).__name__}: {exc.message}")
        except TelegramError as exc:
            return delivery.Transient(f"{type(exc).__name__}: {exc.message}")
        message_id = getattr(result, "message_id", None)
        return delivery.Sent(message_id if isinstance(message_id, int) else None)
