"""/start, /bantuan and /bahasa: the welcome, the help and the language switch."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.commands import Where
from bot.commands import help_text
from bot.config import SUPPORTED_LANGUAGES
from bot.ptb.context import Ctx
from bot.services.areas.callbacks import Language
from bot.texts import LANGUAGE_NAMES
from bot.texts import t
from handlers.common import edit_query_message
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.menus import all_commands
from handlers.menus import command
from handlers.menus import refresh_for


async def start(update: Update, context: Ctx, *, newcomer: bool = False) -> None:
    """Greet the user and say what the bot is for; a newcomer also reads one sentence on
    their data (/privasi), once, not at every /start."""
    if not is_private(update):
        await say(update, t(context.lang, "start.welcome_group"))
        return
    text = t(context.lang, "start.welcome", name=update.effective_user.first_name)
    if newcomer:
        text += "\n\n" + t(context.lang, "privacy.start_note")
    await say(update, text)


async def help_command(update: Update, context: Ctx) -> None:
    """List the commands this user can use (/bantuan admin: the admin-only ones)."""
    holdings = await context.services.roles.holdings(update.effective_user.id)
    part = " ".join(context.args or []).strip().lower()
    commands = all_commands(context.application)
    await say(update, help_text(commands, context.lang, holdings, part))


async def choose_language(update: Update, context: Ctx) -> None:
    """Offer the supported languages as buttons."""
    if not is_private(update):
        await say(update, t(context.lang, "language.private_only"))
        return
    rows = [[(LANGUAGE_NAMES[code], Language(code))] for code in SUPPORTED_LANGUAGES]
    await say(update, t(context.lang, "language.choose"), reply_markup=keyboard(rows))


async def set_language(update: Update, context: Ctx) -> None:
    """Store the language the presser chose and show their menu in it."""
    query = update.callback_query
    button = pressed(update, Language)
    language = button.code
    user_id = query.from_user.id
    if language == context.lang:
        await query.answer()
        await edit_query_message(query, t(language, "language.unchanged"))
        return
    await context.services.users.set_language(user_id, language)
    await query.answer()
    await edit_query_message(query, t(language, "language.set"))
    # The menu follows the chosen language even where the Telegram app's language differs.
    await refresh_for(context, user_id)


def handlers() -> list[BaseHandler]:
    """The handlers of this module."""
    return [
        command("start", start, rank=10),
        command("bantuan", help_command, rank=130, aliases=("help",), where=Where.ANY),
        command("bahasa", choose_language, rank=140, aliases=("language",)),
        CallbackQueryHandler(set_language, pattern=Language.pattern()),
    ]
