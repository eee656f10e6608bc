"""What the patrol handlers share: the filters of their conversations, the koordinator check
of a desa, and the answers to a wrong kind of input."""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import say
from handlers.guard import allowed_at

TIMEOUT_SECONDS = 20 * 60
PRIVATE_TEXT = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
LOCATION = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.LOCATION
# Anything but text where a conversation waits for text (a sticker, a photo, ...).
OTHER = NEW_MESSAGE & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


async def may_manage(update: Update, context: Ctx, desa_id: int) -> bool:
    """Whether the sender coordinates this desa's ronda; otherwise refused and audited."""
    patrols = context.services.patrols
    place = patrols.place(desa_id)
    return await allowed_at(
        update, context, Action.MANAGE_PATROLS, place, f"Desa {patrols.desa_name(desa_id)}"
    )


async def expect_text(update: Update, context: Ctx) -> None:
    """Something other than text where the conversation waits for text."""
    await say(update, t(context.lang, "ronda.expect_text"))


async def expect_button(update: Update, context: Ctx) -> None:
    """Text where the conversation waits for a button."""
    await say(update, t(context.lang, "ronda.expect_button"))
