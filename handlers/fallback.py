"""What the bot says when nothing else answered: /batal with nothing running, unknown commands,
free text, unsupported messages and stale buttons. Registered last."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.commands import Where
from bot.ptb.context import Ctx
from bot.services.report_words import looks_like_report
from bot.services.reports.callbacks import NewReport
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import is_private
from handlers.common import keyboard
from handlers.menus import command


async def nothing_to_cancel(update: Update, context: Ctx) -> None:
    """Answer /batal when no conversation is running."""
    await update.effective_message.reply_text(t(context.lang, "cancel.nothing"))


async def unknown_command(update: Update, context: Ctx) -> None:
    """Point an unknown command to /bantuan (in groups only when addressed to this bot)."""
    message = update.effective_message
    word = (message.text or message.caption or "").split(maxsplit=1)[0]
    command, _, addressee = word.removeprefix("/").partition("@")
    if not is_private(update) and addressee.lower() != (context.bot.username or "").lower():
        return  # another bot's command, or a bare command in a busy group: stay quiet
    await message.reply_text(t(context.lang, "fallback.command", command=command[:64]))


async def free_text(update: Update, context: Ctx) -> None:
    """Answer text nobody was waiting for with a hint: to /lapor (and 110) when it reads like
    an incident, otherwise to /bantuan."""
    message = update.effective_message
    if not looks_like_report(message.text or ""):
        await message.reply_text(t(context.lang, "fallback.text"))
        return
    button = [[(t(context.lang, "fallback.btn_report"), NewReport())]]
    await message.reply_text(t(context.lang, "fallback.report"), reply_markup=keyboard(button))


async def unsupported(update: Update, context: Ctx) -> None:
    """Answer stickers, voice notes and the like outside a conversation."""
    await update.effective_message.reply_text(t(context.lang, "fallback.unsupported"))


async def stale_button(update: Update, context: Ctx) -> None:
    """Answer a button press no handler claimed (an old message, or forged data)."""
    await update.callback_query.answer(t(context.lang, "button.expired"), show_alert=True)


class EmptyButton(BaseHandler[Update, Ctx, None]):
    """A button press without data (a forged or broken client's). PTB's CallbackQueryHandler
    lets such a press through *every* pattern (no data and no game: "matches"), so the first
    feature's button handler would get it and find no values in it."""

    def __init__(self) -> None:
        super().__init__(self.answer)

    def check_update(self, update: object) -> bool:
        query = update.callback_query if isinstance(update, Update) else None
        return query is not None and not query.data and not query.game_short_name

    @staticmethod
    async def answer(update: Update, context: Ctx) -> None:
        """Answer as a stale button, and let no other handler see the press."""
        await stale_button(update, context)
        raise ApplicationHandlerStop


def first_handlers() -> list[BaseHandler]:
    """The handlers that must see an update before every feature's (a group of their own)."""
    return [EmptyButton()]


def handlers() -> list[BaseHandler]:
    """The catch-all handlers; they must come after every feature's handlers."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    return [
        command("batal", nothing_to_cancel, rank=150, aliases=("cancel",), where=Where.ANY),
        MessageHandler(NEW_MESSAGE & filters.COMMAND, unknown_command),
        MessageHandler(private & filters.TEXT, free_text),
        MessageHandler(
            private & ~filters.StatusUpdate.ALL & ~filters.TEXT & ~filters.COMMAND, unsupported
        ),
        CallbackQueryHandler(stale_button),
    ]
