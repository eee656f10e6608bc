"""The one error handler: log first, tell the admin chat, give the user a polite message."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.error import BadRequest
from telegram.error import Forbidden
from telegram.error import NetworkError
from telegram.error import RetryAfter
from telegram.error import TelegramError

from bot.errors import UserFacingError
from bot.logs import redact
from bot.ptb.context import Ctx
from bot.ptb.ratelimiter import NOTICE_MAX_WAIT
from bot.ptb.ratelimiter import patience
from bot.texts import t
from handlers.common import refuse
from storage.db import fault_summary
from storage.db import storage_fault

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
    if _polling_hiccup(update, context, error):
        return
    if await _on_storage_fault(update, context):
        return
    effective = update if isinstance(update, Update) else None
    if await _telegram_busy(effective, context, error):
        return
    if isinstance(error, UserFacingError) and effective is not None:
        # A refusal no handler caught itself is still only a refusal: say it, alert nobody.
        log.info("Refused: %s", error.key)
        await refuse(effective, context, error)
        return
    log.error("Unhandled error", exc_info=error)

    services = context.services if hasattr(context.bot_data, "services") else None
    if services is not None and services.settings.admin_chat_id:
        await _report_to_admins(context, error, effective)
    await _tell_user(effective, context, "error.user")


def _polling_hiccup(update: object, context: Ctx, error: object) -> bool:
    """A getUpdates that failed on the network, a 5xx or a flood wait (PTB's polling hands these
    here with no update and no job): one WARNING line; PTB's polling loop retries by itself."""
    if update is not None or context.job is not None:
        return False
    if isinstance(error, BadRequest) or not isinstance(error, NetworkError | RetryAfter):
        return False
    log.warning("Fetching updates from Telegram failed, retrying: %s", error)
    return True


async def _telegram_busy(update: Update | None, context: Ctx, error: object) -> bool:
    """A reply that the fast lane (bot/ptb/ratelimiter.py) could not get through Telegram's
    flood wait, 5xx or timeouts: tell the user so, once, in plain words (not "gangguan": there
    is nothing for the admins to fix). The notice waits for the flood pause like any reply
    (sent into it, it would be refused too), a little longer than a reply would."""
    busy = isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )
    if not busy:
        return False
    log.warning("A reply could not be sent, Telegram is busy: %s", error)
    chat = update.effective_chat if update is not None else None
    if chat is not None:
        with patience(NOTICE_MAX_WAIT):
            await _send_quietly(context, chat.id, t(context.lang, "error.telegram_busy"))
    return True


async def _tell_user(update: Update | None, context: Ctx, key: str) -> None:
    """Answer a pressed button (its spinner) and send the text `key` to the update's chat."""
    if update is None or update.effective_chat is None:
        return
    if update.callback_query is not None:
        try:
            await update.callback_query.answer()
        except TelegramError:
            pass  # already answered, or too old to answer
    await _send_quietly(context, update.effective_chat.id, t(context.lang, key))


async def _report_to_admins(context: Ctx, error: BaseException, update: Update | None) -> None:
    """Send the traceback to ADMIN_CHAT_ID, once per kind of error per few minutes."""
    settings = context.services.settings
    held_back = context.services.alerts.admit(error_kind(error))
    if held_back is None:
        return
    language = settings.default_language
    if update is None:
        where = t(language, "error.admin_job")
    else:
        where = t(
            language,
            "error.admin_update",
            user=update.effective_user.id if update.effective_user else "-",
            chat=update.effective_chat.id if update.effective_chat else "-",
        )
    # A traceback can quote a request URL, and Bot API URLs carry the token.
    trace = redact("".join(traceback.format_exception(error)), [settings.token])
    text = t(language, "error.admin", where=where, error=trace[-TRACEBACK_CHARS:])
    if held_back:
        text += t(language, "error.admin_repeats", count=held_back)
    await _send_quietly(context, settings.admin_chat_id, text)


async def _on_storage_fault(update: object, context: Ctx) -> bool:
    """The database is down or its disk is full: say so plainly, without a traceback.

    The user reads "try again in a moment" (down) or "not saved, call 110 if urgent" (full),
    not "terjadi gangguan": nothing is broken that a moment will not mend, and what they
    filled in is kept (conversation state stays in memory until the database takes it). The
    admin chat hears of it once per outage, not once per update. False if the error is
    something else.
    """
    error = context.error
    fault = storage_fault(error)
    if error is None or fault is None:
        return False
    summary = fault_summary(error)
    log.warning("Database %s: %s", "unavailable" if fault == "down" else "disk full", summary)
    services = context.services if hasattr(context.bot_data, "services") else None
    if services is not None and services.settings.admin_chat_id:
        if services.alerts.admit(f"storage:{fault}") is not None:
            text = t(
                services.settings.default_language, f"error.admin_storage_{fault}", error=summary
            )
            await _send_quietly(context, services.settings.admin_chat_id, text)
    await _tell_user(
        update if isinstance(update, Update) else None, context, f"error.storage_{fault}"
    )
    return True


def error_kind(error: BaseException) -> str:
    """The type of an error and where it was raised: messages often carry ids, which would
    make every occurrence look new."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "-"
    return f"{type(error).__name__} at {where}"


async def _send_quietly(context: Ctx, chat_id: int, text: str) -> None:
    """Send, logging instead of raising: an error handler must not fail."""
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as exc:
        log.warning("Could not send the error notice to chat %s: %s", chat_id, exc)
