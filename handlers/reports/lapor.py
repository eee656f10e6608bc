"""/lapor: the resident writes a report.

A persistent conversation (a restart does not lose a half-written report): category → what
happened → where (shared location or typed place; the home desa by default) → photos →
urgent? → anonymous? → a summary to send or fix. The draft lives in `user_data["lapor"]` as
plain JSON. Buttons: bot/services/reports/callbacks.py.

Practice mode (/latihan, handlers/latihan/practice.py): the same conversation, entered from a
training session; its draft carries the session, its messages the LATIHAN banner, and "Kirim"
hands it to the latihan service instead of ReportService.submit.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Any

from telegram import InlineKeyboardButton
from telegram import InlineKeyboardMarkup
from telegram import KeyboardButton
from telegram import ReplyKeyboardMarkup
from telegram import ReplyKeyboardRemove
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import TypeHandler
from telegram.ext import filters

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.free_text import long_enough
from bot.services.latihan import Practice
from bot.services.reports import MAX_DESCRIPTION
from bot.services.reports import MAX_PHOTOS
from bot.services.reports import MAX_PLACE
from bot.services.reports import MIN_DESCRIPTION
from bot.services.reports import URGENT_CATEGORIES
from bot.services.reports import Draft
from bot.services.reports import messages
from bot.services.reports.callbacks import CancelDraft
from bot.services.reports.callbacks import Fix
from bot.services.reports.callbacks import NewReport
from bot.services.reports.callbacks import PhotosDone
from bot.services.reports.callbacks import PickCategory
from bot.services.reports.callbacks import PickDesa
from bot.services.reports.callbacks import Send
from bot.services.reports.callbacks import SetAnonymous
from bot.services.reports.callbacks import SetUrgent
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import ask_which_area
from handlers.common import bannered
from handlers.common import edit_query_message
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.latihan import practice as practising
from handlers.menus import command
from handlers.reports.jobs import schedule_escalation
from storage.models import AreaLevel
from storage.models import ReportCategory

DRAFT = "lapor"
CATEGORY, DESCRIBE, PLACE, DESA, PHOTO, URGENT, ANONYMOUS, CONFIRM = (
    "category",
    "describe",
    "place",
    "desa",
    "photo",
    "urgent",
    "anonymous",
    "confirm",
)
# A report left half-written this long ends, so later messages are not taken as part of it.
TIMEOUT_SECONDS = 30 * 60
# Typed instead of the "Lanjut" button ("tidak ada foto", "lewati"...).
_NEXT_WORDS = re.compile(r"(?i)^\s*(lanjut|lewati|skip|next|selesai|tidak|gak|nggak|ga)\b")

# A step answered by a button, or by a typed message, while the draft may be gone (an old
# button, a version change): the draft is dropped and the conversation ends.
pressed_step = needs_draft(DRAFT, "button.expired")
typed_step = needs_draft(DRAFT, "reports.lost")


# --- starting -------------------------------------------------------------------------------------


async def start(update: Update, context: Ctx, practice: Practice | None = None) -> str | int:
    """/lapor (or the "Buat laporan" button): check the quota, then ask for the category.
    `practice`: a trainee joined a training session (no quota: nothing real is made)."""
    message = update.effective_message
    if not is_private(update):
        await redirect_to_private(update, context)
        return ConversationHandler.END
    if update.callback_query is not None:
        await update.callback_query.answer()
    lang = context.lang
    if not context.services.areas.index.entries:
        await message.reply_text(t(lang, "reports.no_areas"))
        return ConversationHandler.END
    user_id = update.effective_user.id
    try:
        home = (
            practice.desa_id
            if practice is not None
            else (await context.services.reports.opening(user_id)).home_desa_id
        )
    except UserFacingError as error:
        await message.reply_text(error.text(lang))
        return ConversationHandler.END
    pressed = NewReport.parse(update.callback_query.data) if update.callback_query else None
    prefill = pressed or NewReport()
    context.user_data[DRAFT] = {
        "token": secrets.token_hex(8),
        "desa_id": home if prefill.desa_id is None else prefill.desa_id,
        "photos": [],
        "place_text": "",
        "lat": None,
        "lon": None,
    }
    shift_id = prefill.shift_id
    if shift_id is not None and await context.services.patrols.is_member(user_id, shift_id):
        context.user_data[DRAFT] |= {"source": "ronda", "source_ref": f"shift:{shift_id}"}
    if practice is not None:
        context.user_data[DRAFT][practising.SESSION_KEY] = practice.session_id
    text = bannered(t(lang, "reports.ask_category"))
    await message.reply_text(text, reply_markup=_categories(lang))
    return CATEGORY


async def redirect_to_private(update: Update, context: Ctx) -> None:
    """In a group: reports are made in private; a button opens the private chat."""
    url = f"https://t.me/{context.bot.username}?start=lapor"
    button = InlineKeyboardButton(t(context.lang, "reports.btn_open_private"), url=url)
    await update.effective_message.reply_text(
        t(context.lang, "reports.group_redirect"),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


# --- the steps ------------------------------------------------------------------------------------


@pressed_step
async def chose_category(update: Update, context: Ctx) -> str | int:
    """A category button; for categories where lives may be at risk, remind of 110."""
    draft = context.user_data[DRAFT]
    category = ReportCategory(pressed(update, PickCategory).category)
    draft["category"] = category.value
    if draft.get("fixing"):
        return await _show_summary(update, context)
    remind = category in URGENT_CATEGORIES
    await _show(update, messages.ask_description(context.lang, category, remind_110=remind))
    return DESCRIBE


@typed_step
async def described(update: Update, context: Ctx) -> str | int:
    """What happened, as text (kept literally; shown escaped everywhere)."""
    return await _describe(update, context, (update.effective_message.text or "").strip())


@typed_step
async def described_with_photo(update: Update, context: Ctx) -> str | int:
    """A photo where the story is asked: the photo is kept, and its caption is the story (a
    photo without one, or with too short a one, is kept and the story asked for)."""
    draft = context.user_data[DRAFT]
    message = update.effective_message
    album = message.media_group_id
    same_album = album is not None and album == draft.get("album")
    _keep_photo(draft, message.photo[-1].file_id)
    # The other photos of an album arrive as messages of their own, maybe during the next steps.
    draft["album"] = album
    caption = (message.caption or "").strip()
    if not long_enough(caption, MIN_DESCRIPTION):
        if not same_album:  # one answer for an album
            await say(update, t(context.lang, "reports.photo_kept_tell", min=MIN_DESCRIPTION))
        return DESCRIBE
    return await _describe(update, context, caption)


async def album_photo(update: Update, context: Ctx) -> str | None:
    """Another photo of the album whose caption was the story, arriving during the next step:
    kept quietly (the step's question stands)."""
    draft = context.user_data.get(DRAFT)
    message = update.effective_message
    if draft is None or not message.media_group_id or message.media_group_id != draft.get("album"):
        await text_expected(update, context)
        return None
    _keep_photo(draft, message.photo[-1].file_id)
    return None


def _keep_photo(draft: dict[str, Any], file_id: str) -> bool:
    """Add a photo to the draft; False when it has MAX_PHOTOS already."""
    photos: list[str] = draft.setdefault("photos", [])
    if len(photos) >= MAX_PHOTOS:
        return False
    photos.append(file_id)
    return True


async def _describe(update: Update, context: Ctx, text: str) -> str | int:
    draft = context.user_data[DRAFT]
    lang = context.lang
    if len(text) > MAX_DESCRIPTION:
        length, limit = messages.number(len(text)), messages.number(MAX_DESCRIPTION)
        await say(update, t(lang, "reports.too_long", length=length, max=limit))
        return DESCRIBE
    if not long_enough(text, MIN_DESCRIPTION):  # "🔥🔥🔥" or zero-width characters say nothing
        await say(update, t(lang, "reports.too_short", min=MIN_DESCRIPTION))
        return DESCRIBE
    draft["description"] = text
    if draft.get("fixing"):
        return await _show_summary(update, context)
    return await _ask_place(update, context)


async def _ask_place(update: Update, context: Ctx) -> str:
    """Where: share a location (private chats only), the home desa, or a typed place."""
    lang = context.lang
    draft = context.user_data[DRAFT]
    rows = [[KeyboardButton(t(lang, "reports.btn_share_location"), request_location=True)]]
    text = t(lang, "reports.ask_place")
    home = _desa(context, draft.get("desa_id"))
    if home is not None:
        rows.append([KeyboardButton(_home_button(context, home))])
        text += "\n" + t(lang, "reports.ask_place_home", desa=context.services.areas.label(home))
    markup = ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_message.reply_text(bannered(text), reply_markup=markup)
    return PLACE


@typed_step
async def place_typed(update: Update, context: Ctx) -> str | int:
    """A typed place, or the "in my desa" button; a typed desa name sets the desa."""
    draft = context.user_data[DRAFT]
    text = " ".join((update.effective_message.text or "").split())
    home = _desa(context, draft.get("desa_id"))
    if home is not None and text == _home_button(context, home):
        draft.update(place_text="", lat=None, lon=None)
        return await _after_place(update, context, context.services.areas.label(home))
    if len(text) > MAX_PLACE:
        await say(update, t(context.lang, "reports.place_too_long", max=MAX_PLACE))
        return PLACE
    draft.update(place_text=text, lat=None, lon=None)
    named = context.services.areas.resolve(text, (AreaLevel.DESA,))
    if isinstance(named, AreaEntry):
        draft["desa_id"] = named.id
    return await _after_place(update, context, text)


@typed_step
async def place_shared(update: Update, context: Ctx) -> str | int:
    """A shared location; one far outside the area the bot serves is refused."""
    draft = context.user_data[DRAFT]
    location = update.effective_message.location
    outside = context.services.reports.km_outside(location.latitude, location.longitude)
    if outside is not None:
        km = messages.number(round(outside))
        await say(update, t(context.lang, "reports.location_outside", km=km))
        return PLACE
    draft.update(lat=location.latitude, lon=location.longitude)
    return await _after_place(update, context, t(context.lang, "reports.summary_location"))


async def _after_place(update: Update, context: Ctx, noted: str) -> str | int:
    """Confirm the place (and drop its keyboard); ask for the desa when none is known."""
    draft = context.user_data[DRAFT]
    await say(
        update,
        t(context.lang, "reports.place_noted", place=noted),
        reply_markup=ReplyKeyboardRemove(),
    )
    if _desa(context, draft.get("desa_id")) is None:
        await say(update, t(context.lang, "reports.ask_desa"))
        return DESA
    return await _continue_after_desa(update, context)


@typed_step
async def desa_typed(update: Update, context: Ctx) -> str | int:
    """The desa, typed: one exact match is taken, otherwise candidates are offered."""
    draft = context.user_data[DRAFT]
    text = update.effective_message.text or ""
    areas = context.services.areas
    resolution = areas.resolution(text, (AreaLevel.DESA,))
    lang = context.lang
    if resolution.entry is not None:
        draft["desa_id"] = resolution.entry.id
        return await _continue_after_desa(update, context)
    found = resolution.candidates
    if not found:
        shown = " ".join(text.split())[:64] or "…"
        await say(update, t(lang, "reports.desa_not_found", text=shown))
        return DESA
    candidates = [m.entry for m in found[:8]]
    question = None if resolution.same_name else t(lang, "reports.desa_candidates")
    await ask_which_area(
        update, context, candidates, lambda e, label: (label, PickDesa(e.id)), question
    )
    return DESA


@pressed_step
async def desa_chosen(update: Update, context: Ctx) -> str | int:
    """A desa candidate button."""
    entry = _desa(context, pressed(update, PickDesa).desa_id)
    if entry is None:  # no longer a desa: as for a lost draft
        context.user_data.pop(DRAFT, None)
        await say(update, t(context.lang, "button.expired"), toast=True)
        return ConversationHandler.END
    context.user_data[DRAFT]["desa_id"] = entry.id
    return await _continue_after_desa(update, context)  # answers the button (a second answer: 400)


async def _continue_after_desa(update: Update, context: Ctx) -> str | int:
    if context.user_data[DRAFT].get("fixing"):
        return await _show_summary(update, context)
    return await _ask_photo(update, context)


async def _ask_photo(update: Update, context: Ctx) -> str:
    text = t(context.lang, "reports.ask_photo", max=MAX_PHOTOS)
    await _show(update, text, _next_button(context.lang))
    return PHOTO


@typed_step
async def photo_added(update: Update, context: Ctx) -> str | int:
    """A photo: keep the largest size's file id (at most MAX_PHOTOS); its caption is added to
    the story (also when the photo is one too many: the words still count)."""
    draft = context.user_data[DRAFT]
    message = update.effective_message
    lang = context.lang
    caption = " ".join((message.caption or "").split())
    # One caption per photo at most: the draft is persisted, and the story is cut anyway.
    noted = long_enough(caption) and len(draft.get("captions") or ()) < MAX_PHOTOS
    if noted:
        draft.setdefault("captions", []).append(caption)
    kept = _keep_photo(draft, message.photo[-1].file_id)
    count = len(draft["photos"])
    text = (
        t(lang, "reports.photo_added", count=count, max=MAX_PHOTOS)
        if kept
        else t(lang, "reports.photo_limit", max=MAX_PHOTOS)
    )
    if noted:
        text += "\n" + t(lang, "reports.caption_noted")
    await say(update, text, reply_markup=_next_button(lang))
    return PHOTO


async def photos_done(update: Update, context: Ctx) -> str | int:
    """ "Lanjut" (the button, or the word typed): on to the urgency question."""
    if context.user_data[DRAFT].get("fixing"):
        return await _show_summary(update, context)
    return await _ask_urgency(update, context)


async def _ask_urgency(update: Update, context: Ctx) -> str:
    lang = context.lang
    markup = keyboard(
        [
            [
                (t(lang, "reports.btn_urgent_yes"), SetUrgent(True)),
                (t(lang, "reports.btn_urgent_no"), SetUrgent(False)),
            ]
        ]
    )
    await _show(update, t(lang, "reports.ask_urgent"), markup)
    return URGENT


async def not_a_photo(update: Update, context: Ctx) -> str:
    """Text, a sticker or a file where a photo was expected."""
    await say(
        update, t(context.lang, "reports.photo_expected"), reply_markup=_next_button(context.lang)
    )
    return PHOTO


@pressed_step
async def chose_urgency(update: Update, context: Ctx) -> str | int:
    """Urgent or not; urgent reports remind of 110 and escalate sooner."""
    draft = context.user_data[DRAFT]
    draft["urgent"] = pressed(update, SetUrgent).urgent
    if draft.get("fixing"):
        return await _show_summary(update, context)
    return await _ask_anonymity(update, context, remind_110=draft["urgent"])


async def _ask_anonymity(update: Update, context: Ctx, *, remind_110: bool) -> str:
    lang = context.lang
    text = t(lang, "reports.ask_anonymous")
    if remind_110:
        text = t(lang, "reports.call_110") + "\n\n" + text
    markup = keyboard(
        [
            [(t(lang, "reports.btn_named"), SetAnonymous(False))],
            [(t(lang, "reports.btn_anonymous"), SetAnonymous(True))],
        ]
    )
    await _show(update, text, markup)
    return ANONYMOUS


@pressed_step
async def chose_anonymity(update: Update, context: Ctx) -> str | int:
    """Named (to the police only) or anonymous; then the summary."""
    draft = context.user_data[DRAFT]
    draft["anonymous"] = pressed(update, SetAnonymous).anonymous
    return await _show_summary(update, context)


async def _show_summary(update: Update, context: Ctx) -> str:
    """The whole report, to send or to fix."""
    draft = context.user_data[DRAFT]
    draft.pop("fixing", None)
    lang = context.lang
    desa = _desa(context, draft.get("desa_id"))
    label = context.services.areas.label(desa) if desa else None
    text = messages.summary(lang, _to_draft(draft), label)
    await _show(update, text, keyboard(messages.summary_rows(lang, draft["token"])))
    return CONFIRM


@pressed_step
async def fix(update: Update, context: Ctx) -> str | int:
    """A "✏️ …" button under the summary: ask that step again, then back to the summary."""
    draft = context.user_data[DRAFT]
    draft["fixing"] = True
    lang = context.lang
    step = pressed(update, Fix).step
    if step == "cat":
        await _show(update, t(lang, "reports.ask_category"), _categories(lang))
        return CATEGORY
    if step == "desc":
        category = ReportCategory(draft["category"])
        await _show(update, messages.ask_description(lang, category, remind_110=False))
        return DESCRIBE
    if step == "place":
        return await _ask_place(update, context)
    if step == "photo":
        draft["photos"] = []
        draft["captions"] = []
        return await _ask_photo(update, context)
    if step == "urg":
        return await _ask_urgency(update, context)
    return await _ask_anonymity(update, context, remind_110=False)


@pressed_step
async def send(update: Update, context: Ctx) -> str | int:
    """ "Kirim laporan": store it, then acknowledge with its tracking number."""
    draft = context.user_data[DRAFT]
    if pressed(update, Send).token != draft.get("token"):
        # The "Kirim" of an earlier summary: say what became of it, keep this draft.
        await sent_already(update, context)
        return CONFIRM
    session_id = practising.session_of(draft)
    if session_id is not None:  # practice (/latihan): stored apart, never a real report
        # Dropped once stored or refused: a database fault leaves it for another "Kirim".
        await practising.submitted(update, context, session_id, _to_draft(draft))
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    lang = context.lang
    try:
        submitted = await context.services.reports.submit(
            update.effective_user.id, _to_draft(draft)
        )
    except UserFacingError as error:
        context.user_data.pop(DRAFT, None)
        await _show(update, error.text(lang))
        return ConversationHandler.END
    context.user_data.pop(DRAFT, None)
    if submitted.created and submitted.escalate_at is not None:
        schedule_escalation(context, submitted.report_id, submitted.escalate_at)
    key = "reports.sent" if submitted.announced else "reports.sent_no_chat"
    polsek = submitted.polsek or t(lang, "reports.police")
    await _show(update, t(lang, key, code=submitted.code, polsek=polsek))
    return ConversationHandler.END


async def sent_already(update: Update, context: Ctx) -> None:
    """ "Kirim" pressed again after the report went out: say its number, store nothing."""
    token = pressed(update, Send).token
    report = await context.services.reports.by_token(update.effective_user.id, token)
    if report is None:
        if not await practising.sent_before(update, context, token):
            await say(update, t(context.lang, "button.expired"), toast=True)
        return
    await say(update, t(context.lang, "reports.sent_again", code=report.code), toast=True)


async def cancel_button(update: Update, context: Ctx) -> int:
    """ "❌ Batal" under the summary."""
    context.user_data.pop(DRAFT, None)
    await _show(update, t(context.lang, "cancel.done"))
    return ConversationHandler.END


async def text_expected(update: Update, context: Ctx) -> None:
    """A sticker, voice note or photo where text is expected: ask again, stay."""
    await say(update, t(context.lang, "reports.text_expected"))


async def pick_a_button(update: Update, context: Ctx) -> None:
    """Something typed or sent where a button is expected."""
    await say(update, t(context.lang, "reports.pick_button"))


async def timed_out(update: Update, context: Ctx) -> None:
    """A half-written report lapsed: say so, and drop the draft."""
    context.user_data.pop(DRAFT, None)
    if update.effective_chat is not None:
        await context.bot.send_message(
            update.effective_chat.id, bannered(t(context.lang, "reports.timed_out"))
        )


# --- helpers --------------------------------------------------------------------------------------


def _to_draft(draft: dict[str, Any]) -> Draft:
    return Draft(
        token=str(draft["token"]),
        category=ReportCategory(draft["category"]),
        description=str(draft["description"]),
        captions=tuple(draft.get("captions") or ()),
        desa_id=draft.get("desa_id"),
        place_text=str(draft.get("place_text") or ""),
        latitude=draft.get("lat"),
        longitude=draft.get("lon"),
        photos=tuple(draft.get("photos") or ()),
        urgent=bool(draft.get("urgent")),
        anonymous=bool(draft.get("anonymous")),
        source=str(draft.get("source") or "lapor"),
        source_ref=str(draft.get("source_ref") or ""),
    )


def _desa(context: Ctx, desa_id: object) -> AreaEntry | None:
    if not isinstance(desa_id, int):
        return None
    entry = context.services.areas.get(desa_id)
    return entry if entry is not None and entry.level == AreaLevel.DESA else None


def _home_button(context: Ctx, desa: AreaEntry) -> str:
    return t(context.lang, "reports.btn_home", desa=desa.name)


def _categories(lang: str) -> InlineKeyboardMarkup:
    return keyboard(messages.category_rows(lang))


def _next_button(lang: str) -> InlineKeyboardMarkup:
    return keyboard([[(t(lang, "reports.btn_next"), PhotosDone())]])


async def _show(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """After a button: answer it and edit its message at once (two requests in parallel);
    after a typed message: reply."""
    query = update.callback_query
    if query is None:
        await say(update, text, reply_markup=markup)
        return
    await asyncio.gather(query.answer(), edit_query_message(query, text, reply_markup=markup))


def handlers() -> list[BaseHandler]:
    """The /lapor conversation, and "Kirim" of a report already sent."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    waiting_for_a_button = MessageHandler(private & ~filters.COMMAND, pick_a_button)
    reporting = conversation(
        "lapor",
        entry_points=[
            command("lapor", start, rank=20, aliases=("report",)),
            CommandHandler("start", start, filters=private & filters.Regex(r"^/start lapor$")),
            CallbackQueryHandler(start, pattern=NewReport.pattern()),
            *practising.entry_points(start),
        ],
        states={
            CATEGORY: [
                CallbackQueryHandler(chose_category, pattern=PickCategory.pattern()),
                waiting_for_a_button,
            ],
            DESCRIBE: [
                MessageHandler(typed, described),
                MessageHandler(private & filters.PHOTO, described_with_photo),
                MessageHandler(other, text_expected),
            ],
            PLACE: [
                MessageHandler(private & filters.LOCATION, place_shared),
                MessageHandler(typed, place_typed),
                MessageHandler(private & filters.PHOTO, album_photo),
                MessageHandler(other, text_expected),
            ],
            DESA: [
                CallbackQueryHandler(desa_chosen, pattern=PickDesa.pattern()),
                MessageHandler(typed, desa_typed),
                MessageHandler(private & filters.PHOTO, album_photo),
                MessageHandler(other, text_expected),
            ],
            PHOTO: [
                MessageHandler(private & filters.PHOTO, photo_added),
                CallbackQueryHandler(pressed_step(photos_done), pattern=PhotosDone.pattern()),
                MessageHandler(typed & filters.Regex(_NEXT_WORDS), typed_step(photos_done)),
                MessageHandler(private & ~filters.COMMAND & ~filters.StatusUpdate.ALL, not_a_photo),
            ],
            URGENT: [
                CallbackQueryHandler(chose_urgency, pattern=SetUrgent.pattern()),
                waiting_for_a_button,
            ],
            ANONYMOUS: [
                CallbackQueryHandler(chose_anonymity, pattern=SetAnonymous.pattern()),
                waiting_for_a_button,
            ],
            CONFIRM: [
                CallbackQueryHandler(send, pattern=Send.pattern()),
                CallbackQueryHandler(fix, pattern=Fix.pattern()),
                CallbackQueryHandler(cancel_button, pattern=CancelDraft.pattern()),
                waiting_for_a_button,
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    practising.mark(reporting)
    return [reporting, CallbackQueryHandler(sent_already, pattern=Send.pattern())]
