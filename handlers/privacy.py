"""/privasi: what the bot keeps about the person, a copy of it, and its deletion (after a
confirmation: the conversation "privasi", which /batal or "Batal" ends)."""

from __future__ import annotations

from telegram import InputFile
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler

from bot.ptb.context import Ctx
from bot.services.privacy import PrivacyError
from bot.services.privacy import messages
from bot.services.privacy.callbacks import Copy
from bot.services.privacy.callbacks import Delete
from bot.services.privacy.callbacks import DeleteNo
from bot.services.privacy.callbacks import DeleteYes
from bot.texts import t
from bot.texts.when import format_when
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import refuse
from handlers.common import say
from handlers.conversation import conversation
from handlers.conversation import end_all
from handlers.menus import command
from handlers.menus import drop_personal_menu
from storage.models import utcnow

CONFIRM = "confirm"
# An unanswered question lapses: a later press of "Ya" is a stale button.
TIMEOUT_SECONDS = 10 * 60


async def show(update: Update, context: Ctx) -> None:
    """Say what is kept, why, how long and who sees it; offer a copy and the deletion."""
    if not is_private(update):
        await say(update, t(context.lang, "privacy.private_only"))
        return
    rows = messages.overview_rows(context.lang)
    await say(update, context.services.privacy.overview(context.lang), reply_markup=keyboard(rows))


async def send_copy(update: Update, context: Ctx) -> None:
    """Send the presser a file with their own data (only in private: a forged press in a
    group must not put it there)."""
    if not is_private(update):
        await say(update, t(context.lang, "button.expired"), toast=True)
        return
    await update.callback_query.answer()
    privacy = context.services.privacy
    name, content = await privacy.copy(update.effective_user.id, context.lang)
    when = format_when(utcnow(), context.lang, privacy.timezone)
    await update.effective_chat.send_document(
        InputFile(content, filename=name),
        caption=t(context.lang, "privacy.copy_caption", when=when),
    )


async def ask_delete(update: Update, context: Ctx) -> str | int:
    """Ask before deleting: what goes, what stays (police and admins are refused)."""
    if not is_private(update):  # the button is only sent in private
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    try:
        reports = await context.services.privacy.ask_delete(update.effective_user.id)
    except PrivacyError as error:
        await say(update, error.text(context.lang))
        return ConversationHandler.END
    rows = messages.confirm_rows(context.lang)
    await say(update, messages.confirm(context.lang, reports), reply_markup=keyboard(rows))
    return CONFIRM


async def delete(update: Update, context: Ctx) -> int:
    """Delete the presser's data; the running bot forgets them too."""
    user_id = update.effective_user.id
    lang = context.lang  # before the deletion: afterwards they have no stored language
    try:
        erased = await context.services.privacy.delete(user_id)
    except PrivacyError as error:
        await refuse(update, context, error)
        return ConversationHandler.END
    await end_all(context.application, user_id)
    if erased.had_menu:
        await drop_personal_menu(context.bot, user_id)
    await update.callback_query.answer()
    await say(update, messages.deleted(lang, erased.reports_unlinked), edit=True)
    return ConversationHandler.END


async def keep(update: Update, context: Ctx) -> int:
    """Keep the data."""
    await update.callback_query.answer()
    await say(update, t(context.lang, "privacy.kept"), edit=True)
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    """/privasi, the copy button, and the deletion's confirmation."""
    deleting = conversation(
        "privasi",
        entry_points=[CallbackQueryHandler(ask_delete, pattern=Delete.pattern())],
        states={
            CONFIRM: [
                CallbackQueryHandler(delete, pattern=DeleteYes.pattern()),
                CallbackQueryHandler(keep, pattern=DeleteNo.pattern()),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        command("privasi", show, rank=145, aliases=("privacy",)),
        CallbackQueryHandler(send_copy, pattern=Copy.pattern()),
        deleting,
    ]
