"""The resident's reports after sending: /status, /laporanku, and answering a question from the
police (the "jawab" conversation)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.ptb.context import Ctx
from bot.services.free_text import long_enough
from bot.services.reports import MIN_NOTE
from bot.services.reports import messages
from bot.services.reports import parse_code
from bot.services.reports.callbacks import AnswerQuestion
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import is_private
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.menus import command
from handlers.reports.lapor import TIMEOUT_SECONDS
from handlers.reports.lapor import redirect_to_private
from handlers.reports.lapor import text_expected

ANSWER = "answer"
PENDING = "jawab"


async def status(update: Update, context: Ctx) -> None:
    """/status [ID]: one of the user's reports with its history (the newest without an ID)."""
    if not is_private(update):
        await redirect_to_private(update, context)
        return
    lang = context.lang
    reports = context.services.reports
    user_id = update.effective_user.id
    typed = " ".join(context.args or [])
    code = parse_code(typed) if typed else None
    found = await reports.status(user_id, code, lang) if code or not typed else None
    if found is None:
        text = t(lang, "reports.status_not_found", code=(code or typed)[:32]) if typed else None
        await say(update, text or t(lang, "reports.none"))
        return
    view, history = found
    await say(update, messages.reporter_card(lang, view, reports.settings.timezone, history))


async def mine(update: Update, context: Ctx) -> None:
    """/laporanku: the user's newest reports, one line each."""
    if not is_private(update):
        await redirect_to_private(update, context)
        return
    lang = context.lang
    reports = await context.services.reports.mine(update.effective_user.id)
    if not reports:
        await say(update, t(lang, "reports.none"))
        return
    await say(update, messages.mine_list(lang, reports, context.services.reports.settings.timezone))


async def answer_button(update: Update, context: Ctx) -> str | int:
    """ "✍️ Jawab" under a question: ask for the answer."""
    report_id = pressed(update, AnswerQuestion).report_id
    report = await context.services.reports.get(report_id)
    if report is None or report.reporter_id != update.effective_user.id:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    context.user_data[PENDING] = {"report_id": report_id}
    await say(update, t(context.lang, "reports.answer_ask", code=report.code))
    return ANSWER


async def answer_typed(update: Update, context: Ctx) -> str | int:
    """The answer: relayed to the duty chat as a reply to the report."""
    text = update.effective_message.text or ""
    if context.user_data.get(PENDING) and not long_enough(text, MIN_NOTE):
        # "k" or "👍" is not passed on to the officers: ask for a real answer, keep waiting.
        await say(update, t(context.lang, "reports.answer_too_short", min=MIN_NOTE))
        return ANSWER
    pending = context.user_data.pop(PENDING, None) or {}
    code = await context.services.reports.answer(
        int(pending.get("report_id", 0)), update.effective_user.id, text
    )
    key = "reports.answer_sent" if code else "reports.answer_closed"
    await say(update, t(context.lang, key, code=code or ""))
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    """The answer conversation (before /lapor: an answer being typed is not a report), /status
    and /laporanku."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    answering = conversation(
        PENDING,
        entry_points=[CallbackQueryHandler(answer_button, pattern=AnswerQuestion.pattern())],
        states={
            ANSWER: [MessageHandler(typed, answer_typed), MessageHandler(other, text_expected)]
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        answering,
        command("status", status, rank=30),
        command("laporanku", mine, rank=40, aliases=("myreports",)),
    ]
