"""Runs before every other handler: remembers who wrote, so `context.lang` is known."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import TypeHandler

from bot.ptb.context import Ctx
from handlers.common import is_private
from handlers.common import person


async def remember_user(update: Update, context: Ctx) -> None:
    """Record the sender (created on first contact, last-seen refreshed); someone writing in
    private can be reached again if they had blocked the bot."""
    user = update.effective_user
    if user is not None and not user.is_bot:
        await context.services.users.seen(person(user))
        if is_private(update):
            await context.services.delivery.user_seen(user.id)


def handlers() -> list[BaseHandler]:
    """The handlers of this module, for group -1 (before everything else)."""
    return [TypeHandler(Update, remember_user)]
