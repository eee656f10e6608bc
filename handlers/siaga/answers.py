"""The answers of the people called: ✅ Siap · 📍 Sudah di lokasi · ❌ Tidak bisa under the call
(their own message is edited to show their answer), then, optionally, why they cannot come (a
button or typed) or where they are (a shared location confirms "on site").

The short follow-up is a conversation (`siaga_jawab`), its draft `user_data["siaga_jawab"]`:
the call and the message the person answered."""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram import KeyboardButton
from telegram import ReplyKeyboardMarkup
from telegram import ReplyKeyboardRemove
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.ptb.context import Ctx
from bot.services.siaga import AnswerResult
from bot.services.siaga import Outcome
from bot.services.siaga import SiagaAnswer
from bot.services.siaga.callbacks import Answer
from bot.services.siaga.callbacks import Note
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.siaga import jobs
from handlers.siaga.shared import LOCATION
from handlers.siaga.shared import PRIVATE_TEXT

DRAFT = "siaga_jawab"
NOTE, HERE = "note", "here"
TIMEOUT_SECONDS = 15 * 60
SKIP = NEW_MESSAGE & filters.Regex(r"(?i)^\s*(lewati|skip)\s*$")

REFUSALS = {
    Outcome.GONE: "siaga.gone",
    Outcome.NOT_CALLED: "siaga.not_called",
    Outcome.OVER: "siaga.over",
}


async def _refused(update: Update, context: Ctx, result: AnswerResult) -> bool:
    """Answer a press that changes nothing (not called, call over, gone); True if so."""
    key = REFUSALS.get(result.outcome)
    if key is None:
        return False
    await say(update, t(context.lang, key), toast=True)
    return True


async def answer_button(update: Update, context: Ctx) -> str | int:
    """✅ / 📍 / ❌ under a call: recorded (or changed); the message shows the answer."""
    button = pressed(update, Answer)
    lang = context.lang
    word = SiagaAnswer(button.answer)
    siaga = context.services.siaga
    result = await siaga.answer(update.effective_user.id, button.call_id, word)
    if await _refused(update, context, result):
        return ConversationHandler.END
    if result.changed:
        jobs.refresh(context, result.tally_chats)
    query = update.callback_query
    toast = t(lang, "siaga.thanks_same")
    if result.changed:
        toast = t(lang, "siaga.noted", answer=t(lang, f"siaga.mine_{word.value}"))
    if not result.still_member:
        toast += "\n" + t(lang, "siaga.flag_answer")
    await query.answer(toast[:200], show_alert=not result.still_member)
    markup = InlineKeyboardMarkup.de_json(siaga.answer_buttons(lang, button.call_id), context.bot)
    with contextlib.suppress(Exception):  # a double tap: "not modified"
        await query.edit_message_text(siaga.answered_text(lang, result), reply_markup=markup)
    if word is SiagaAnswer.SIAP:
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    # ❌ and 📍 offer their follow-up again when pressed again (a reason, a location to add).
    message_id = query.message.message_id if query.message else None
    context.user_data[DRAFT] = {"call_id": button.call_id, "message_id": message_id}
    if word is SiagaAnswer.TIDAK:
        markup = InlineKeyboardMarkup.de_json(siaga.note_buttons(lang, button.call_id), context.bot)
        await update.effective_chat.send_message(t(lang, "siaga.ask_note"), reply_markup=markup)
        return NOTE
    keys = ReplyKeyboardMarkup(
        [
            [KeyboardButton(t(lang, "siaga.btn_send_location"), request_location=True)],
            [KeyboardButton(t(lang, "siaga.btn_skip"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await update.effective_chat.send_message(t(lang, "siaga.ask_here"), reply_markup=keys)
    return HERE


async def note_button(update: Update, context: Ctx) -> int:
    """A reason for ❌ (or Lewati), also after the conversation ended."""
    button = pressed(update, Note)
    text = None if button.why == "skip" else t(context.lang, f"siaga.btn_note_{button.why}")
    return await _note(update, context, button.call_id, text)


async def note_typed(update: Update, context: Ctx) -> int:
    """A reason for ❌, typed."""
    draft: dict[str, Any] = context.user_data.get(DRAFT) or {}
    if not draft.get("call_id"):
        return ConversationHandler.END
    text = update.effective_message.text or ""
    return await _note(update, context, int(draft["call_id"]), text)


async def _note(update: Update, context: Ctx, call_id: int, text: str | None) -> int:
    context.user_data.pop(DRAFT, None)
    lang = context.lang
    result = await context.services.siaga.note(update.effective_user.id, call_id, text)
    if await _refused(update, context, result):
        return ConversationHandler.END
    if result.outcome is Outcome.NO_ANSWER:
        await say(update, t(lang, "siaga.note_not_tidak"), toast=True)
        return ConversationHandler.END
    if result.changed:
        jobs.refresh(context, result.tally_chats)
    key = "siaga.note_saved" if text else "siaga.note_skipped"
    await say(update, t(lang, key), edit=update.callback_query is not None)
    if update.callback_query is not None:
        await update.callback_query.answer()
    return ConversationHandler.END


async def location_shared(update: Update, context: Ctx) -> str | int:
    """A shared location after 📍: near the place confirms it; far away is said so."""
    draft: dict[str, Any] = context.user_data.get(DRAFT) or {}
    if not draft.get("call_id"):
        return ConversationHandler.END
    call_id = int(draft["call_id"])
    location = update.effective_message.location
    siaga, lang = context.services.siaga, context.lang
    result = await siaga.location(
        update.effective_user.id, call_id, location.latitude, location.longitude
    )
    if result.outcome in REFUSALS:
        context.user_data.pop(DRAFT, None)
        await say(update, t(lang, REFUSALS[result.outcome]), reply_markup=ReplyKeyboardRemove())
        return ConversationHandler.END
    place = result.call.place if result.call else ""
    if result.outcome is Outcome.FAR:
        await say(update, t(lang, "siaga.here_far", km=f"{result.km:.1f}", place=place))
        return HERE
    context.user_data.pop(DRAFT, None)
    jobs.refresh(context, result.tally_chats)
    await say(
        update, t(lang, "siaga.here_confirmed", place=place), reply_markup=ReplyKeyboardRemove()
    )
    if draft.get("message_id"):
        markup = InlineKeyboardMarkup.de_json(siaga.answer_buttons(lang, call_id), context.bot)
        with contextlib.suppress(Exception):
            await context.bot.edit_message_text(
                siaga.answered_text(lang, result),
                chat_id=update.effective_chat.id,
                message_id=int(draft["message_id"]),
                reply_markup=markup,
            )
    return ConversationHandler.END


async def location_skipped(update: Update, context: Ctx) -> int:
    context.user_data.pop(DRAFT, None)
    await say(update, t(context.lang, "siaga.here_skipped"), reply_markup=ReplyKeyboardRemove())
    return ConversationHandler.END


def conversation_handler() -> ConversationHandler:
    """The answer buttons, and what may follow ❌ (a reason) or 📍 (a location)."""
    return conversation(
        DRAFT,
        entry_points=[CallbackQueryHandler(answer_button, pattern=Answer.pattern())],
        states={
            NOTE: [
                CallbackQueryHandler(note_button, pattern=Note.pattern()),
                MessageHandler(PRIVATE_TEXT, note_typed),
            ],
            HERE: [
                MessageHandler(LOCATION, location_shared),
                MessageHandler(SKIP, location_skipped),
                MessageHandler(PRIVATE_TEXT, location_skipped),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )


def handlers() -> list[BaseHandler]:
    """The answers' conversation, and a reason button pressed after it ended."""
    return [conversation_handler(), CallbackQueryHandler(note_button, pattern=Note.pattern())]
