"""The resident's side of reports: /lapor, /status, /laporanku, and answering the police.

/lapor is a persistent conversation (a restart does not lose a half-written report): category →
what happened → where (shared location or typed place; the home desa by default) → photos →
urgent? → anonymous? → a summary to send or fix. The draft lives in `user_data["lapor"]` as
plain JSON. Button data (at most 64 bytes):

    lp:new[:d:<desa id>[:r:<shift id>]]
                           start a report (from any message; optionally for a desa, and as
                           seen on a patrol shift: its source is then "ronda")
    lp:cat:<category>      lp:desa:<id>   lp:next   lp:urg:<0|1>   lp:anon:<0|1>
    lp:fix:<field>         lp:send:<token>   lp:cancel
    lp:ans:<report id>     answer a question from the police
"""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import report_cards as cards
from bot.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.reports import (
    MAX_DESCRIPTION,
    MAX_PHOTOS,
    MAX_PLACE,
    MIN_DESCRIPTION,
    URGENT_CATEGORIES,
    Draft,
    ReportError,
    parse_code,
)
from bot.texts import plain_text, t
from handlers.common import NEW_MESSAGE, edit_query_message, is_private
from handlers.conversation import conversation
from storage.models import AreaLevel, ReportCategory

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
ANSWER = "answer"
# A report left half-written this long ends, so later messages are not taken as part of it.
TIMEOUT_SECONDS = 30 * 60
# Typed instead of the "Lanjut" button ("tidak ada foto", "lewati"...).
_NEXT_WORDS = re.compile(r"(?i)^\s*(lanjut|lewati|skip|next|selesai|tidak|gak|nggak|ga)\b")
_NEW = re.compile(r"^lp:new(?::d:(\d{1,9}))?(?::r:(\d{1,9}))?$")
_FIX = re.compile(r"^lp:fix:(cat|desc|place|photo|urg|anon)$")


# --- starting -------------------------------------------------------------------------------------


async def start(update: Update, context: Ctx) -> str | int:
    """/lapor (or the "Buat laporan" button): check the quota, then ask for the category."""
    message = update.effective_message
    if not is_private(update):
        await _redirect_to_private(update, context)
        return ConversationHandler.END
    if update.callback_query is not None:
        await update.callback_query.answer()
    lang = context.lang
    if not context.services.areas.index.entries:
        await message.reply_text(t(lang, "reports.no_areas"))
        return ConversationHandler.END
    user_id = update.effective_user.id
    opening = await context.services.reports.opening(user_id)
    if opening.quota_left <= 0:
        limit = context.services.reports.settings.limit_per_day
        await message.reply_text(t(lang, "reports.limit", limit=limit))
        return ConversationHandler.END
    prefill = _NEW.match(update.callback_query.data) if update.callback_query else None
    desa_id = int(prefill.group(1)) if prefill and prefill.group(1) else opening.home_desa_id
    context.user_data[DRAFT] = {
        "token": secrets.token_hex(8),
        "desa_id": desa_id,
        "photos": [],
        "place_text": "",
        "lat": None,
        "lon": None,
    }
    shift_id = int(prefill.group(2)) if prefill and prefill.group(2) else None
    if shift_id is not None and await context.services.patrols.is_member(user_id, shift_id):
        context.user_data[DRAFT] |= {"source": "ronda", "source_ref": f"shift:{shift_id}"}
    await message.reply_text(t(lang, "reports.ask_category"), reply_markup=_categories(lang))
    return CATEGORY


async def _redirect_to_private(update: Update, context: Ctx) -> None:
    """In a group: reports are made in private; a button opens the private chat."""
    url = f"https://t.me/{context.bot.username}?start=lapor"
    button = InlineKeyboardButton(t(context.lang, "reports.btn_open_private"), url=url)
    await update.effective_message.reply_text(
        t(context.lang, "reports.group_redirect"),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


# --- the steps ------------------------------------------------------------------------------------


async def chose_category(update: Update, context: Ctx) -> str | int:
    """A category button; for categories where lives may be at risk, remind of 110."""
    draft = _draft(context)
    value = update.callback_query.data.removeprefix("lp:cat:")
    if draft is None or value not in set(ReportCategory):
        return await _lost(update, context)
    category = ReportCategory(value)
    draft["category"] = category.value
    lang = context.lang
    if draft.get("fixing"):
        return await _show_summary(update, context)
    text = t(
        lang,
        "reports.ask_description",
        category=cards.category_name(lang, category),
        max=f"{MAX_DESCRIPTION:,}".replace(",", "."),
    )
    if category in URGENT_CATEGORIES:
        text = t(lang, "reports.call_110") + "\n\n" + text
    await _answer_and_edit(update, text)
    return DESCRIBE


async def described(update: Update, context: Ctx) -> str | int:
    """What happened, as text (kept literally; shown escaped everywhere)."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    text = (update.effective_message.text or "").strip()
    lang = context.lang
    if len(text) > MAX_DESCRIPTION:
        await update.effective_message.reply_text(
            t(lang, "reports.too_long", length=_number(len(text)), max=_number(MAX_DESCRIPTION))
        )
        return DESCRIBE
    if len(text.replace(" ", "")) < MIN_DESCRIPTION:
        await update.effective_message.reply_text(t(lang, "reports.too_short", min=MIN_DESCRIPTION))
        return DESCRIBE
    draft["description"] = text
    if draft.get("fixing"):
        return await _show_summary(update, context)
    return await _ask_place(update, context)


async def _ask_place(update: Update, context: Ctx) -> str:
    """Where: share a location (private chats only), the home desa, or a typed place."""
    lang = context.lang
    draft = _draft(context) or {}
    rows = [[KeyboardButton(t(lang, "reports.btn_share_location"), request_location=True)]]
    text = t(lang, "reports.ask_place")
    home = _desa(context, draft.get("desa_id"))
    if home is not None:
        rows.append([KeyboardButton(_home_button(context, home))])
        text += "\n" + t(lang, "reports.ask_place_home", desa=context.services.areas.label(home))
    keyboard = ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await update.effective_message.reply_text(text, reply_markup=keyboard)
    return PLACE


async def place_typed(update: Update, context: Ctx) -> str | int:
    """A typed place, or the "in my desa" button; a typed desa name sets the desa."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    text = " ".join((update.effective_message.text or "").split())
    lang = context.lang
    home = _desa(context, draft.get("desa_id"))
    if home is not None and text == _home_button(context, home):
        draft.update(place_text="", lat=None, lon=None)
        return await _after_place(update, context, context.services.areas.label(home))
    if len(text) > MAX_PLACE:
        await update.effective_message.reply_text(t(lang, "reports.place_too_long", max=MAX_PLACE))
        return PLACE
    draft.update(place_text=text, lat=None, lon=None)
    named = context.services.areas.resolve(text, (AreaLevel.DESA,))
    if isinstance(named, AreaEntry):
        draft["desa_id"] = named.id
    return await _after_place(update, context, text)


async def place_shared(update: Update, context: Ctx) -> str | int:
    """A shared location; one far outside the area the bot serves is refused."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    location = update.effective_message.location
    outside = context.services.reports.km_outside(location.latitude, location.longitude)
    if outside is not None:
        await update.effective_message.reply_text(
            t(context.lang, "reports.location_outside", km=_number(round(outside)))
        )
        return PLACE
    draft.update(lat=location.latitude, lon=location.longitude)
    return await _after_place(update, context, t(context.lang, "reports.summary_location"))


async def _after_place(update: Update, context: Ctx, noted: str) -> str | int:
    """Confirm the place (and drop its keyboard); ask for the desa when none is known."""
    draft = _draft(context) or {}
    await update.effective_message.reply_text(
        t(context.lang, "reports.place_noted", place=noted), reply_markup=ReplyKeyboardRemove()
    )
    if _desa(context, draft.get("desa_id")) is None:
        await update.effective_message.reply_text(t(context.lang, "reports.ask_desa"))
        return DESA
    return await _continue_after_desa(update, context)


async def desa_typed(update: Update, context: Ctx) -> str | int:
    """The desa, typed: one exact match is taken, otherwise candidates are offered."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    text = update.effective_message.text or ""
    found = context.services.areas.resolve(text, (AreaLevel.DESA,))
    lang = context.lang
    if isinstance(found, AreaEntry):
        draft["desa_id"] = found.id
        return await _continue_after_desa(update, context)
    if not found:
        shown = " ".join(text.split())[:64] or "…"
        await update.effective_message.reply_text(t(lang, "reports.desa_not_found", text=shown))
        return DESA
    keyboard = [
        [
            InlineKeyboardButton(
                context.services.areas.label(m.entry)[:64], callback_data=f"lp:desa:{m.entry.id}"
            )
        ]
        for m in found[:8]
    ]
    await update.effective_message.reply_text(
        t(lang, "reports.desa_candidates"), reply_markup=InlineKeyboardMarkup(keyboard)
    )
    return DESA


async def desa_chosen(update: Update, context: Ctx) -> str | int:
    """A desa candidate button."""
    draft = _draft(context)
    entry = _desa(context, int(update.callback_query.data.removeprefix("lp:desa:")))
    if draft is None or entry is None:
        return await _lost(update, context)
    draft["desa_id"] = entry.id
    await update.callback_query.answer()
    return await _continue_after_desa(update, context)


async def _continue_after_desa(update: Update, context: Ctx) -> str | int:
    if (_draft(context) or {}).get("fixing"):
        return await _show_summary(update, context)
    return await _ask_photo(update, context)


async def _ask_photo(update: Update, context: Ctx) -> str:
    text = t(context.lang, "reports.ask_photo", max=MAX_PHOTOS)
    await _send_or_edit(update, text, _next_button(context.lang))
    return PHOTO


async def photo_added(update: Update, context: Ctx) -> str | int:
    """A photo: keep the largest size's file id (at most MAX_PHOTOS)."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    photos: list[str] = draft.setdefault("photos", [])
    lang = context.lang
    if len(photos) >= MAX_PHOTOS:
        await update.effective_message.reply_text(
            t(lang, "reports.photo_limit", max=MAX_PHOTOS), reply_markup=_next_button(lang)
        )
        return PHOTO
    photos.append(update.effective_message.photo[-1].file_id)
    await update.effective_message.reply_text(
        t(lang, "reports.photo_added", count=len(photos), max=MAX_PHOTOS),
        reply_markup=_next_button(lang),
    )
    return PHOTO


async def photos_done(update: Update, context: Ctx) -> str | int:
    """ "Lanjut" (the button, or the word typed): on to the urgency question."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    if draft.get("fixing"):
        return await _show_summary(update, context)
    return await _ask_urgency(update, context)


async def _ask_urgency(update: Update, context: Ctx) -> str:
    lang = context.lang
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "reports.btn_urgent_yes"), callback_data="lp:urg:1"),
                InlineKeyboardButton(t(lang, "reports.btn_urgent_no"), callback_data="lp:urg:0"),
            ]
        ]
    )
    await _send_or_edit(update, t(lang, "reports.ask_urgent"), keyboard)
    return URGENT


async def not_a_photo(update: Update, context: Ctx) -> str:
    """Text, a sticker or a file where a photo was expected."""
    await update.effective_message.reply_text(
        t(context.lang, "reports.photo_expected"), reply_markup=_next_button(context.lang)
    )
    return PHOTO


async def chose_urgency(update: Update, context: Ctx) -> str | int:
    """Urgent or not; urgent reports remind of 110 and escalate sooner."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    draft["urgent"] = update.callback_query.data.endswith(":1")
    if draft.get("fixing"):
        return await _show_summary(update, context)
    return await _ask_anonymity(update, context, remind_110=draft["urgent"])


async def _ask_anonymity(update: Update, context: Ctx, *, remind_110: bool) -> str:
    lang = context.lang
    text = t(lang, "reports.ask_anonymous")
    if remind_110:
        text = t(lang, "reports.call_110") + "\n\n" + text
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(lang, "reports.btn_named"), callback_data="lp:anon:0")],
            [InlineKeyboardButton(t(lang, "reports.btn_anonymous"), callback_data="lp:anon:1")],
        ]
    )
    await _send_or_edit(update, text, keyboard)
    return ANONYMOUS


async def chose_anonymity(update: Update, context: Ctx) -> str | int:
    """Named (to the police only) or anonymous; then the summary."""
    draft = _draft(context)
    if draft is None:
        return await _lost(update, context)
    draft["anonymous"] = update.callback_query.data.endswith(":1")
    return await _show_summary(update, context)


async def _show_summary(update: Update, context: Ctx) -> str:
    """The whole report, to send or to fix."""
    draft = _draft(context) or {}
    draft.pop("fixing", None)
    lang = context.lang
    areas = context.services.areas
    desa = _desa(context, draft.get("desa_id"))
    none = t(lang, "reports.summary_none")
    place = draft.get("place_text") or (
        t(lang, "reports.summary_location") if draft.get("lat") is not None else none
    )
    text = t(
        lang,
        "reports.summary",
        category=cards.category_name(lang, ReportCategory(draft["category"])),
        desa=areas.label(desa) if desa else none,
        place=place,
        photos=len(draft.get("photos", [])),
        urgent=t(lang, "reports.yes" if draft.get("urgent") else "reports.no"),
        anonymous=t(lang, "reports.anonymous" if draft.get("anonymous") else "reports.named"),
        description=draft.get("description", ""),
    )

    def button(key: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(t(lang, key), callback_data=data)

    keyboard = InlineKeyboardMarkup(
        [
            [button("reports.btn_send", f"lp:send:{draft['token']}")],
            [
                button("reports.btn_fix_category", "lp:fix:cat"),
                button("reports.btn_fix_description", "lp:fix:desc"),
            ],
            [
                button("reports.btn_fix_place", "lp:fix:place"),
                button("reports.btn_fix_photos", "lp:fix:photo"),
            ],
            [
                button("reports.btn_fix_urgent", "lp:fix:urg"),
                button("reports.btn_fix_anonymous", "lp:fix:anon"),
            ],
            [button("reports.btn_cancel", "lp:cancel")],
        ]
    )
    await _send_or_edit(update, text, keyboard)
    return CONFIRM


async def fix(update: Update, context: Ctx) -> str | int:
    """A "✏️ …" button under the summary: ask that step again, then back to the summary."""
    draft = _draft(context)
    match = _FIX.match(update.callback_query.data)
    if draft is None or match is None:
        return await _lost(update, context)
    draft["fixing"] = True
    lang = context.lang
    field = match.group(1)
    if field == "cat":
        await _answer_and_edit(update, t(lang, "reports.ask_category"), _categories(lang))
        return CATEGORY
    if field == "desc":
        category = cards.category_name(lang, ReportCategory(draft["category"]))
        text = t(lang, "reports.ask_description", category=category, max=_number(MAX_DESCRIPTION))
        await _answer_and_edit(update, text)
        return DESCRIBE
    if field == "place":
        return await _ask_place(update, context)
    if field == "photo":
        draft["photos"] = []
        return await _ask_photo(update, context)
    if field == "urg":
        return await _ask_urgency(update, context)
    return await _ask_anonymity(update, context, remind_110=False)


async def send(update: Update, context: Ctx) -> str | int:
    """ "Kirim laporan": store it, then acknowledge with its tracking number."""
    draft = _draft(context)
    query = update.callback_query
    if draft is None:
        return await _lost(update, context)
    if query.data != f"lp:send:{draft.get('token')}":
        # The "Kirim" of an earlier summary: say what became of it, keep this draft.
        await sent_already(update, context)
        return CONFIRM
    lang = context.lang
    try:
        submitted = await context.services.reports.submit(
            update.effective_user.id, _to_draft(draft)
        )
    except ReportError as error:
        context.user_data.pop(DRAFT, None)
        await _answer_and_edit(update, t(lang, error.key, **error.values))
        return ConversationHandler.END
    context.user_data.pop(DRAFT, None)
    if submitted.created and submitted.escalate_at is not None:
        from handlers.report_duty import schedule_escalation

        schedule_escalation(context, submitted.report_id, submitted.escalate_at)
    key = "reports.sent" if submitted.announced else "reports.sent_no_chat"
    polsek = submitted.polsek or t(lang, "reports.police")
    await _answer_and_edit(update, t(lang, key, code=submitted.code, polsek=polsek))
    return ConversationHandler.END


async def sent_already(update: Update, context: Ctx) -> None:
    """ "Kirim" pressed again after the report went out: say its number, store nothing."""
    token = update.callback_query.data.removeprefix("lp:send:")
    report = await context.services.reports.by_token(update.effective_user.id, token)
    if report is None:
        await update.callback_query.answer(t(context.lang, "button.expired"), show_alert=True)
        return
    await update.callback_query.answer(
        plain_text(t(context.lang, "reports.sent_again", code=report.code)),
        show_alert=True,
    )


async def cancel_button(update: Update, context: Ctx) -> int:
    """ "❌ Batal" under the summary."""
    context.user_data.pop(DRAFT, None)
    await _answer_and_edit(update, t(context.lang, "cancel.done"))
    return ConversationHandler.END


async def text_expected(update: Update, context: Ctx) -> None:
    """A sticker, voice note or photo where text is expected: ask again, stay."""
    await update.effective_message.reply_text(t(context.lang, "reports.text_expected"))


async def timed_out(update: Update, context: Ctx) -> None:
    """A half-written report lapsed: say so, and drop the draft."""
    context.user_data.pop(DRAFT, None)
    if update.effective_chat is not None:
        await context.bot.send_message(
            update.effective_chat.id, t(context.lang, "reports.timed_out")
        )


# --- /status and /laporanku -----------------------------------------------------------------------


async def status(update: Update, context: Ctx) -> None:
    """/status [ID]: one of the user's reports with its history (the newest without an ID)."""
    if not is_private(update):
        await _redirect_to_private(update, context)
        return
    lang = context.lang
    reports = context.services.reports
    user_id = update.effective_user.id
    typed = " ".join(context.args or [])
    if typed:
        code = parse_code(typed)
        report = await reports.find(code) if code else None
        if report is None or report.reporter_id != user_id:
            await update.effective_message.reply_text(
                t(lang, "reports.status_not_found", code=(code or typed)[:32])
            )
            return
    else:
        newest = await reports.mine(user_id, limit=1)
        if not newest:
            await update.effective_message.reply_text(t(lang, "reports.none"))
            return
        report = newest[0]
    view, history = await reports.history(report.id, lang)
    text = cards.reporter_card(lang, view, reports.settings.timezone, history)
    await update.effective_message.reply_text(text)


async def mine(update: Update, context: Ctx) -> None:
    """/laporanku: the user's newest reports, one line each."""
    if not is_private(update):
        await _redirect_to_private(update, context)
        return
    lang = context.lang
    reports = await context.services.reports.mine(update.effective_user.id)
    if not reports:
        await update.effective_message.reply_text(t(lang, "reports.none"))
        return
    tz = context.services.reports.settings.timezone
    lines = [t(lang, "reports.mine_list_header")]
    lines += [
        t(
            lang,
            "reports.mine_line",
            code=report.code,
            category=cards.category_name(lang, report.category),
            status=t(lang, f"reports.status.{report.status.value}"),
            time=cards.when(report.created_at, tz),
        )
        for report in reports
    ]
    lines.append(t(lang, "reports.mine_list_footer"))
    await update.effective_message.reply_text("\n".join(lines))


# --- answering a question from the police ---------------------------------------------------------


async def answer_button(update: Update, context: Ctx) -> str | int:
    """ "✍️ Jawab" under a question: ask for the answer."""
    query = update.callback_query
    report_id = int(query.data.removeprefix("lp:ans:"))
    report = await context.services.reports.get(report_id)
    if report is None or report.reporter_id != update.effective_user.id:
        await query.answer(t(context.lang, "button.expired"), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    context.user_data["jawab"] = {"report_id": report_id}
    await query.message.reply_text(t(context.lang, "reports.answer_ask", code=report.code))
    return ANSWER


async def answer_typed(update: Update, context: Ctx) -> int:
    """The answer: relayed to the duty chat as a reply to the report."""
    pending = context.user_data.pop("jawab", None) or {}
    text = update.effective_message.text or ""
    code = await context.services.reports.answer(
        int(pending.get("report_id", 0)), update.effective_user.id, text
    )
    key = "reports.answer_sent" if code else "reports.answer_closed"
    await update.effective_message.reply_text(t(context.lang, key, code=code or ""))
    return ConversationHandler.END


# --- helpers --------------------------------------------------------------------------------------


def _draft(context: Ctx) -> dict[str, Any] | None:
    draft = context.user_data.get(DRAFT)
    return draft if isinstance(draft, dict) and "token" in draft else None


def _to_draft(draft: dict[str, Any]) -> Draft:
    return Draft(
        token=str(draft["token"]),
        category=ReportCategory(draft["category"]),
        description=str(draft["description"]),
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
    buttons = [
        InlineKeyboardButton(cards.category_name(lang, c), callback_data=f"lp:cat:{c.value}")
        for c in ReportCategory
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def _next_button(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "reports.btn_next"), callback_data="lp:next")]]
    )


def _number(value: int) -> str:
    """Indonesian thousands: 10.000."""
    return f"{value:,}".replace(",", ".")


async def _answer_and_edit(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer the button and edit its message at once (two requests in parallel)."""
    query = update.callback_query
    if query is None:
        await update.effective_message.reply_text(text, reply_markup=markup)
        return
    await asyncio.gather(query.answer(), edit_query_message(query, text, reply_markup=markup))


async def _send_or_edit(update: Update, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """After a button: edit its message; after a typed message: reply."""
    if update.callback_query is not None:
        await _answer_and_edit(update, text, markup)
    else:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _lost(update: Update, context: Ctx) -> int:
    """The draft is gone (an old button, or a version change): say so and end."""
    if update.callback_query is not None:
        await update.callback_query.answer(t(context.lang, "button.expired"), show_alert=True)
    else:
        await update.effective_message.reply_text(t(context.lang, "reports.lost"))
    context.user_data.pop(DRAFT, None)
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    """The /lapor conversation, the answer conversation, /status and /laporanku."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    fixing = CallbackQueryHandler(fix, pattern=_FIX)
    answering = conversation(
        "jawab",
        entry_points=[CallbackQueryHandler(answer_button, pattern=r"^lp:ans:\d{1,9}$")],
        states={
            ANSWER: [MessageHandler(typed, answer_typed), MessageHandler(other, text_expected)]
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    reporting = conversation(
        "lapor",
        entry_points=[
            CommandHandler(["lapor", "report"], start, filters=NEW_MESSAGE),
            CommandHandler("start", start, filters=private & filters.Regex(r"^/start lapor$")),
            CallbackQueryHandler(start, pattern=_NEW),
        ],
        states={
            CATEGORY: [
                CallbackQueryHandler(chose_category, pattern=r"^lp:cat:\w{1,16}$"),
                MessageHandler(private & ~filters.COMMAND, _pick_a_button),
            ],
            DESCRIBE: [MessageHandler(typed, described), MessageHandler(other, text_expected)],
            PLACE: [
                MessageHandler(private & filters.LOCATION, place_shared),
                MessageHandler(typed, place_typed),
                MessageHandler(other, text_expected),
            ],
            DESA: [
                CallbackQueryHandler(desa_chosen, pattern=r"^lp:desa:\d{1,9}$"),
                MessageHandler(typed, desa_typed),
                MessageHandler(other, text_expected),
            ],
            PHOTO: [
                MessageHandler(private & filters.PHOTO, photo_added),
                CallbackQueryHandler(photos_done, pattern=r"^lp:next$"),
                MessageHandler(typed & filters.Regex(_NEXT_WORDS), photos_done),
                MessageHandler(private & ~filters.COMMAND & ~filters.StatusUpdate.ALL, not_a_photo),
            ],
            URGENT: [
                CallbackQueryHandler(chose_urgency, pattern=r"^lp:urg:[01]$"),
                MessageHandler(private & ~filters.COMMAND, _pick_a_button),
            ],
            ANONYMOUS: [
                CallbackQueryHandler(chose_anonymity, pattern=r"^lp:anon:[01]$"),
                MessageHandler(private & ~filters.COMMAND, _pick_a_button),
            ],
            CONFIRM: [
                CallbackQueryHandler(send, pattern=r"^lp:send:[0-9a-f]{16}$"),
                fixing,
                CallbackQueryHandler(cancel_button, pattern=r"^lp:cancel$"),
                MessageHandler(private & ~filters.COMMAND, _pick_a_button),
            ],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        answering,
        reporting,
        CommandHandler("status", status, filters=NEW_MESSAGE),
        CommandHandler(["laporanku", "myreports"], mine, filters=NEW_MESSAGE),
        CallbackQueryHandler(sent_already, pattern=r"^lp:send:[0-9a-f]{16}$"),
    ]


async def _pick_a_button(update: Update, context: Ctx) -> None:
    """Something typed or sent where a button is expected."""
    await update.effective_message.reply_text(t(context.lang, "reports.pick_button"))
