"""The one error handler: log first, tell the admin chat, give the user a polite message."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import Ctx
from bot.logs import redact
from bot.texts import t

log = logging.getLogger(__name__)

# Telegram allows 4,096 characters; the rest of the admin message needs some room.
TRACEBACK_CHARS = 3_000


async def on_error(update: object, context: Ctx) -> None:
    """Handle an exception raised by a handler or a job."""
    error = context.error
    if isinstance(error, Forbidden):
        # The user blocked the bot or left the group: nothing we can fix, nobody to tell.
        log.warning("Telegram refused a send: %s", error)
        return
    log.error("Unhandled error", exc_info=error)

    settings = context.services.settings if hasattr(context.bot_data, "services") else None
    effective = update if isinstance(update, Update) else None
    if settings is not None and settings.admin_chat_id:
        if effective is not None:
            where = t(
                settings.default_language,
                "error.admin_update",
                user=effective.effective_user.id if effective.effective_user else "-",
                chat=effective.effective_chat.id if effective.effective_chat else "-",
            )
        else:
            where = t(settings.default_language, "error.admin_job")
        # A traceback can quote a request URL, and Bot API URLs carry the token.
        trace = redact("".join(traceback.format_exception(error)), [settings.token])
        trace = trace[-TRACEBACK_CHARS:]
        await _send_quietly(
            context,
            settings.admin_chat_id,
            t(settings.default_language, "error.admin", where=where, error=trace),
        )
    if effective is not None and effective.effective_chat is not None:
        if effective.callback_query is not None:
            try:
                await effective.callback_query.answer()
            except TelegramError:
                pass  # already answered, or too old to answer
        await _send_quietly(context, effective.effective_chat.id, t(context.lang, "error.user"))


async def _send_quietly(context: Ctx, chat_id: int, text: str) -> None:
    """Send, logging instead of raising: an error handler must not fail."""
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as exc:
        log.warning("Could not send the error notice to chat %s: %s", chat_id, exc)
