"""Runs before every other handler: remembers who wrote, so `context.lang` is known."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import TypeHandler

from bot.ptb.context import Ctx
from handlers.common import is_private
from handlers.common import person
from storage.db import fault_summary
from storage.db import storage_fault

log = logging.getLogger(__name__)


async def remember_user(update: Update, context: Ctx) -> None:
    """Record the sender (created on first contact, last-seen refreshed); someone writing in
    private can be reached again if they had blocked the bot."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    try:
        await context.services.users.seen(person(user))
        if is_private(update):
            await context.services.delivery.user_seen(user.id)
    except Exception as exc:
        # The database is down or full: last-seen can wait; the update itself may still be
        # answerable (help, a reading, a conversation step kept in memory).
        if storage_fault(exc) is None:
            raise
        log.debug("Sender not recorded (database unavailable): %s", fault_summary(exc))


def handlers() -> list[BaseHandler]:
    """The handlers of this module, for group -1 (before everything else)."""
    return [TypeHandler(Update, remember_user)]
