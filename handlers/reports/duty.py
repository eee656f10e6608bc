"""The police's side of reports in the duty chat: the card's buttons, the rejection reasons,
the note, question or reason an officer types (the "laporan_petugas" conversation), and
"👤 Pelapor", which shows a named reporter to the officer who presses it, in private (audited).

Every button is checked like a typed command (handlers/guard.py) and then against the report's
place: an officer acts only on reports of the areas their role covers. The card in the duty chat
is edited through the delivery engine; the presser gets an immediate answer on the button.
Buttons: bot/services/reports/callbacks.py.
"""

from __future__ import annotations

import contextlib
import html

from telegram import ForceReply
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.commands import Where
from bot.ptb.context import Ctx
from bot.services.authz import Action as Authz
from bot.services.authz import Place
from bot.services.free_text import long_enough
from bot.services.reports import MIN_NOTE
from bot.services.reports import Action
from bot.services.reports import ActResult
from bot.services.reports import Outcome
from bot.services.reports import messages
from bot.services.reports.callbacks import DutyAction
from bot.services.reports.callbacks import RejectReason
from bot.services.reports.callbacks import ShowReporter
from bot.texts import Html
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.guard import allowed_at
from handlers.guard import guarded
from handlers.reports.jobs import cancel_escalation
from storage.models import ReportStatus

NOTE = "note"
NOTE_TIMEOUT_SECONDS = 10 * 60


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def button(update: Update, context: Ctx) -> str | int:
    """Terima / Proses / Selesai / Tolak / Tanya pelapor under a report's card."""
    pressed = DutyAction.parse(update.callback_query.data)
    report_id, action = pressed.report_id, Action(pressed.action)
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    reports = context.services.reports
    if action is Action.REJECT or action in messages.NOTE_QUESTIONS:
        refused = await reports.check(
            report_id, update.effective_user.id, action, override=override
        )
        if refused is not None:
            await _say_outcome(update, context, refused)
            return ConversationHandler.END
    if action is Action.REJECT:
        await update.callback_query.answer()
        report = await reports.get(report_id)
        await update.effective_message.reply_text(
            t(context.lang, "reports.duty_ask_reason", code=report.code if report else ""),
            reply_markup=keyboard(messages.reason_rows(context.lang, report_id)),
        )
        return ConversationHandler.END
    if action in messages.NOTE_QUESTIONS:
        question = messages.NOTE_QUESTIONS[action]
        return await _ask_for_text(update, context, report_id, action, question)
    result = await reports.act(report_id, update.effective_user.id, action, override=override)
    _after(context, result, report_id)
    await _say_outcome(update, context, result)
    return ConversationHandler.END


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def reason_button(update: Update, context: Ctx) -> str | int:
    """A rejection reason; "lainnya" asks for the reason in words."""
    pressed = RejectReason.parse(update.callback_query.data)
    report_id, reason = pressed.report_id, pressed.reason
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    if reason == "lainnya":
        refused = await context.services.reports.check(
            report_id, update.effective_user.id, Action.REJECT, override=override
        )
        if refused is not None:
            await _say_outcome(update, context, refused)
            return ConversationHandler.END
        return await _ask_for_text(
            update, context, report_id, Action.REJECT, "reports.duty_reason_other"
        )
    result = await context.services.reports.act(
        report_id, update.effective_user.id, Action.REJECT, reason=reason, override=override
    )
    _after(context, result, report_id)
    await _say_outcome(update, context, result)
    if result.outcome is Outcome.DONE:
        # The question of reasons is done with (Telegram refuses to delete messages > 48 h old).
        with contextlib.suppress(TelegramError):
            await update.effective_message.delete()
    return ConversationHandler.END


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def reporter_button(update: Update, context: Ctx) -> None:
    """👤 Pelapor: a named reporter's name and a link to them, in a private message to the
    officer who pressed (an alert without the link if the bot cannot write to them there)."""
    report_id = pressed(update, ShowReporter).report_id
    if await _may_override(update, context, report_id) is None:
        return
    user, lang = update.effective_user, context.lang
    identity = await context.services.reports.reporter(
        report_id, user.id, actor_label=user.full_name
    )
    if identity is None:
        await say(update, t(lang, "button.expired"), toast=True)
        return
    if identity.user_id is None:
        await say(update, t(lang, "reports.reporter_hidden", code=identity.code), toast=True)
        return
    try:
        # protect_content: Telegram offers no forwarding or saving of it.
        await context.bot.send_message(
            user.id, messages.identity_text(lang, identity), protect_content=True
        )
    except TelegramError:
        # Never started the bot, or blocked it: the alert is seen by the presser alone too.
        await say(update, messages.identity_alert(lang, identity), toast=True)
        return
    text = t(lang, "reports.reporter_sent", code=identity.code)
    await say(update, text, toast=True, alert=False)


async def _ask_for_text(
    update: Update, context: Ctx, report_id: int, action: Action, key: str
) -> str:
    """Ask the officer (by name, so the reply box opens only for them) for a note."""
    await update.callback_query.answer()
    report = await context.services.reports.get(report_id)
    user = update.effective_user
    # An officer invited with their rank and name is called by it.
    name = await context.services.users.official_name(user.id) or user.first_name
    mention = Html(f'<a href="tg://user?id={user.id}">{html.escape(name)}</a>')
    context.user_data[NOTE] = {"report_id": report_id, "action": action.value}
    await update.effective_message.reply_text(
        t(context.lang, key, name=mention, code=report.code if report else ""),
        reply_markup=ForceReply(selective=True),
    )
    return NOTE


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def note_typed(update: Update, context: Ctx) -> str | int:
    """The officer's note, question or reason: act on the report."""
    text = update.effective_message.text or ""
    if context.user_data.get(NOTE) and not long_enough(text, MIN_NOTE):
        # "?" or "k" is not passed on to the reporter: ask for words, keep waiting.
        await say(update, t(context.lang, "reports.duty_note_too_short", min=MIN_NOTE))
        return NOTE
    pending = context.user_data.pop(NOTE, None) or {}
    report_id = int(pending.get("report_id", 0))
    action = Action(pending.get("action", Action.DONE.value))
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    reason = "lainnya" if action is Action.REJECT else None
    result = await context.services.reports.act(
        report_id, update.effective_user.id, action, note=text, reason=reason, override=override
    )
    _after(context, result, report_id)
    if result.outcome is Outcome.DONE and action is Action.ASK:
        await say(update, t(context.lang, "reports.duty_question_sent", code=result.code))
    else:
        await say(update, messages.outcome_text(context.lang, result))
    return ConversationHandler.END


async def note_not_text(update: Update, context: Ctx) -> str:
    """A sticker or photo where the note was expected."""
    await say(update, t(context.lang, "reports.duty_text_expected"))
    return NOTE


async def _may_override(update: Update, context: Ctx, report_id: int) -> bool | None:
    """Whether the presser may act on this report here, and as an admin (who may act on a
    report someone else has); None, with a refusal said, when they may not act at all."""
    place = await context.services.reports.place(report_id)
    if place is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return None
    roles = context.services.roles
    if place.desa_id is not None:
        where: Place = roles.place(area_id=place.desa_id)
    elif place.polsek_id is not None:
        where = roles.place(polsek_id=place.polsek_id)
    else:
        where = Place()  # no place known: only admins
    if not await allowed_at(
        update, context, Authz.HANDLE_REPORT, where, what=t(context.lang, "reports.this_report")
    ):
        return None
    return await roles.is_admin(update.effective_user.id)


def _after(context: Ctx, result: ActResult, report_id: int) -> None:
    """A report someone took is not escalated any more."""
    if result.outcome is Outcome.DONE and result.status is not ReportStatus.BARU:
        cancel_escalation(context, report_id)


async def _say_outcome(update: Update, context: Ctx, result: ActResult) -> None:
    text = messages.outcome_text(context.lang, result)
    await say(update, text, toast=True, alert=result.outcome is not Outcome.DONE)


def handlers() -> list[BaseHandler]:
    """The duty chat's buttons, with the conversation that waits for an officer's note."""
    typed = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
    other = NEW_MESSAGE & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    duty = conversation(
        "laporan_petugas",
        draft=NOTE,
        entry_points=[
            CallbackQueryHandler(button, pattern=DutyAction.pattern()),
            CallbackQueryHandler(reason_button, pattern=RejectReason.pattern()),
        ],
        states={NOTE: [MessageHandler(typed, note_typed), MessageHandler(other, note_not_text)]},
        # An officer who never answers: later messages are not taken as the note.
        conversation_timeout=NOTE_TIMEOUT_SECONDS,
    )
    # Outside the conversation: looking at the reporter ends no note being written.
    return [duty, CallbackQueryHandler(reporter_button, pattern=ShowReporter.pattern())]
