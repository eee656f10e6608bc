"""Where residents live and what they follow: onboarding in /start, /desa, /langganan, /berhenti.

A name is typed (typo-tolerant) or browsed (kecamatan → desa, paged). Buttons carry only ids and
a purpose; every press is checked against the current data, so an old or forged button gets a
polite "no longer valid" and changes nothing. Button data (at most 64 bytes):

    ar:<h|s>:ask              type a name: h = home desa, s = subscribe
    ar:<h|s>:kab:<page>       the default kabupaten's kecamatan, paged
    ar:<h|s>:kec:<id>:<page>  a kecamatan's desa, paged
    ar:<h|s>:pick:<id>        choose this area
    ar:u:<id> / ar:ua / ar:uay / ar:un   unsubscribe one / ask for all / yes / no
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import Ctx
from bot.services.area_search import AreaEntry, Match
from bot.services.areas import MAX_SUBSCRIPTIONS, PAGE_SIZE, SubscribeResult
from bot.texts import t
from handlers import basic
from handlers.common import NEW_MESSAGE, edit_query_message, is_private
from handlers.conversation import conversation
from storage.models import AreaLevel

ASK_HOME, ASK_SUB = "ask_home", "ask_sub"
HOME, SUBSCRIBE = "h", "s"
PURPOSE_STATE = {HOME: ASK_HOME, SUBSCRIBE: ASK_SUB}
# What each purpose may choose: a home is a desa; a subscription a desa or a whole kecamatan.
PURPOSE_LEVELS = {HOME: (AreaLevel.DESA,), SUBSCRIBE: (AreaLevel.DESA, AreaLevel.KECAMATAN)}
# Idle conversations end on their own, so a later message is not taken for a village name.
TIMEOUT_SECONDS = 15 * 60
KECAMATAN_PAGE = 12

_BROWSE = re.compile(r"^ar:([hs]):(?:ask|kab:(\d{1,3})|kec:(\d{1,9}):(\d{1,3}))$")
_PICK = re.compile(r"^ar:([hs]):pick:(\d{1,9})$")
_UNSUBSCRIBE = re.compile(r"^ar:(?:u:(\d{1,9})|ua|uay|un)$")


# --- entry points ---------------------------------------------------------------------------------


async def start(update: Update, context: Ctx) -> str | int:
    """Welcome a resident; ask a newcomer for their home desa."""
    await basic.start(update, context)
    if not is_private(update) or not context.services.areas.index.entries:
        return ConversationHandler.END
    if await context.services.subscriptions.home(update.effective_user.id) is not None:
        return ConversationHandler.END
    return await _ask(update, context, HOME)


async def show_following(update: Update, context: Ctx) -> None:
    """Show the home desa and the subscriptions, with buttons to change them."""
    if not is_private(update):
        await update.effective_message.reply_text(t(context.lang, "areas.private_only"))
        return
    following = await context.services.subscriptions.following(update.effective_user.id)
    areas = context.services.areas
    lang = context.lang
    home = areas.label(following.home) if following.home else t(lang, "areas.no_home")
    listed = "\n".join(f"• {areas.label(entry)}" for entry in following.areas)
    text = t(
        lang,
        "areas.overview",
        home=home,
        areas=listed or t(lang, "areas.none"),
        count=len(following.areas),
        max=MAX_SUBSCRIPTIONS,
    )
    keyboard = [
        [_button(t(lang, "areas.btn_change_home"), "ar:h:ask")],
        [_button(t(lang, "areas.btn_subscribe"), "ar:s:ask")],
    ]
    if following.areas:
        keyboard.append([_button(t(lang, "areas.btn_unsubscribe"), "ar:ua")])
    await update.effective_message.reply_text(text, reply_markup=InlineKeyboardMarkup(keyboard))


async def subscribe_command(update: Update, context: Ctx) -> str | int:
    """/langganan [name]: look the name up, or ask for one."""
    if not is_private(update):
        await update.effective_message.reply_text(t(context.lang, "areas.private_only"))
        return ConversationHandler.END
    name = " ".join(context.args or [])
    if not name:
        return await _ask(update, context, SUBSCRIBE)
    return await _lookup(update, context, SUBSCRIBE, name)


async def ask_button(update: Update, context: Ctx) -> str | int:
    """The "change home" / "subscribe more" buttons: ask for a name."""
    if not is_private(update):  # these buttons are only sent in private chats
        await _expired(update, context)
        return ConversationHandler.END
    await update.callback_query.answer()
    purpose = update.callback_query.data.split(":")[1]
    return await _ask(update, context, purpose)


# --- in the conversation --------------------------------------------------------------------------


async def typed_home(update: Update, context: Ctx) -> str | int:
    """A name typed while we wait for the home desa."""
    return await _lookup(update, context, HOME, update.effective_message.text)


async def typed_subscription(update: Update, context: Ctx) -> str | int:
    """A name typed while we wait for an area to follow."""
    return await _lookup(update, context, SUBSCRIBE, update.effective_message.text)


async def not_text(update: Update, context: Ctx) -> None:
    """A sticker, voice note or photo where a name is expected: ask again, stay in the state."""
    await update.effective_message.reply_text(t(context.lang, "areas.text_expected"))


async def timed_out(update: Update, context: Ctx) -> None:
    """Say that the question lapsed, so a late answer is not a surprise."""
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, t(context.lang, "areas.timed_out"))


# --- buttons (inside a conversation and outside it) -------------------------------------------


async def browse(update: Update, context: Ctx) -> None:
    """Show the kecamatan list or one kecamatan's desa, by page."""
    query = update.callback_query
    match = _BROWSE.match(query.data)
    areas = context.services.areas
    purpose, kab_page, kecamatan_id, page = match.groups()
    if kecamatan_id is not None:
        kecamatan = areas.get(int(kecamatan_id))
        if kecamatan is None or kecamatan.level != AreaLevel.KECAMATAN:
            await _expired(update, context)
            return
        await query.answer()
        text, markup = _desa_page(context, purpose, kecamatan, int(page))
    else:
        await query.answer()
        text, markup = _kecamatan_page(context, purpose, int(kab_page or 0))
    await edit_query_message(query, text, reply_markup=markup)


async def pick(update: Update, context: Ctx) -> int | None:
    """A chosen area: make it the home desa, or follow it."""
    query = update.callback_query
    purpose, area_id = _PICK.match(query.data).groups()
    entry = context.services.areas.get(int(area_id))
    if entry is None or entry.level not in PURPOSE_LEVELS[purpose]:
        await _expired(update, context)
        return None
    await query.answer()
    text = await _apply(context, purpose, update.effective_user.id, entry)
    await edit_query_message(query, text)
    return ConversationHandler.END


async def unsubscribe_command(update: Update, context: Ctx) -> None:
    """/berhenti: the subscriptions as buttons, and "stop all"."""
    if not is_private(update):
        await update.effective_message.reply_text(t(context.lang, "areas.private_only"))
        return
    text, markup = await _unsubscribe_menu(context, update.effective_user.id)
    await update.effective_message.reply_text(text, reply_markup=markup)


async def unsubscribe_button(update: Update, context: Ctx) -> None:
    """Stop one subscription, or all of them after a confirmation."""
    query = update.callback_query
    lang, user_id = context.lang, update.effective_user.id
    subscriptions = context.services.subscriptions
    area_id = _UNSUBSCRIBE.match(query.data).group(1)
    if area_id is not None:
        entry = context.services.areas.get(int(area_id))
        if entry is None or not await subscriptions.unsubscribe(user_id, entry.id):
            await _expired(update, context)
            return
        await query.answer()
        label = context.services.areas.label(entry)
        text, markup = await _unsubscribe_menu(context, user_id)
        await edit_query_message(
            query, t(lang, "areas.unsub_done", area=label) + "\n\n" + text, reply_markup=markup
        )
        return
    await query.answer()
    if query.data == "ar:ua":
        count = len((await subscriptions.following(user_id)).areas)
        if not count:
            await edit_query_message(query, t(lang, "areas.unsub_none"))
            return
        keyboard = [
            [_button(t(lang, "areas.btn_yes_all"), "ar:uay"), _button(t(lang, "no"), "ar:un")]
        ]
        await edit_query_message(
            query,
            t(lang, "areas.unsub_confirm_all", count=count),
            reply_markup=InlineKeyboardMarkup(keyboard),
        )
    elif query.data == "ar:uay":
        count = await subscriptions.unsubscribe(user_id)
        await edit_query_message(query, t(lang, "areas.unsub_all_done", count=count))
    else:
        await edit_query_message(query, t(lang, "areas.unsub_kept"))


# --- helpers --------------------------------------------------------------------------------------


async def _ask(update: Update, context: Ctx, purpose: str) -> str | int:
    """Ask for a name, with the kecamatan list to browse instead."""
    if not context.services.areas.index.entries:
        await update.effective_message.reply_text(t(context.lang, "areas.no_data"))
        return ConversationHandler.END
    text, markup = _kecamatan_page(context, purpose, 0)
    intro = t(context.lang, "areas.ask_home" if purpose == HOME else "areas.ask_subscribe")
    await update.effective_message.reply_text(f"{intro}\n\n{text}", reply_markup=markup)
    return PURPOSE_STATE[purpose]


async def _lookup(update: Update, context: Ctx, purpose: str, text: str) -> str | int:
    """Act on a typed name: one exact match is taken; otherwise offer candidates as buttons.

    Kecamatan are searched for both purposes: "Lumbang" is a kecamatan and a desa, so both are
    offered; for a home, a kecamatan opens its list of desa.
    """
    lang = context.lang
    message = update.effective_message
    found = context.services.areas.resolve(text, (AreaLevel.DESA, AreaLevel.KECAMATAN))
    if isinstance(found, AreaEntry) and purpose == HOME and found.level == AreaLevel.KECAMATAN:
        page, markup = _desa_page(context, purpose, found, 0)
        await message.reply_text(page, reply_markup=markup)
        return PURPOSE_STATE[purpose]
    if isinstance(found, AreaEntry):
        await message.reply_text(await _apply(context, purpose, update.effective_user.id, found))
        return ConversationHandler.END
    keyboard = [[_candidate_button(context, purpose, match)] for match in found]
    keyboard.append([_button(t(lang, "areas.btn_not_listed"), f"ar:{purpose}:kab:0")])
    key = "areas.candidates" if found else "areas.not_found"
    shown = " ".join(text.split())[:64]
    await message.reply_text(
        t(lang, key, text=shown or "…"), reply_markup=InlineKeyboardMarkup(keyboard)
    )
    return PURPOSE_STATE[purpose]


def _candidate_button(context: Ctx, purpose: str, match: Match) -> InlineKeyboardButton:
    entry = match.entry
    label = context.services.areas.label(entry)
    if entry.level == AreaLevel.KECAMATAN and purpose == HOME:
        return _button(
            t(context.lang, "areas.btn_browse_kecamatan", area=label),
            f"ar:{purpose}:kec:{entry.id}:0",
        )
    if entry.level == AreaLevel.KECAMATAN:
        label = t(context.lang, "areas.btn_whole_kecamatan", area=label)
    return _button(label, f"ar:{purpose}:pick:{entry.id}")


async def _apply(context: Ctx, purpose: str, user_id: int, entry: AreaEntry) -> str:
    """Make `entry` the home desa or follow it; the sentence that says what happened."""
    lang = context.lang
    subscriptions = context.services.subscriptions
    label = context.services.areas.label(entry)
    if purpose == HOME:
        previous = await subscriptions.home(user_id)
        await subscriptions.set_home(user_id, entry.id)
        if previous is None:
            return t(lang, "areas.home_set", area=label)
        if previous.id == entry.id:
            return t(lang, "areas.home_same", area=label)
        return t(lang, "areas.home_changed", area=label)
    result = await subscriptions.subscribe(user_id, entry.id)
    if result is SubscribeResult.COVERED:
        kecamatan = context.services.areas.get(entry.kecamatan_id or 0)
        whole = context.services.areas.label(kecamatan, with_parent=False) if kecamatan else ""
        return t(lang, "areas.sub_covered", area=label, kecamatan=whole)
    return t(lang, f"areas.sub_{result.value}", area=label, max=MAX_SUBSCRIPTIONS)


def _kecamatan_page(
    context: Ctx, purpose: str, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = context.lang
    kecamatan = context.services.areas.kecamatan_list()
    if not kecamatan:
        return t(lang, "areas.type_only"), None
    shown, page, pages = _paged(kecamatan, page, KECAMATAN_PAGE)
    buttons = [_button(entry.name, f"ar:{purpose}:kec:{entry.id}:0") for entry in shown]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append(_pager(lang, page, pages, f"ar:{purpose}:kab:{{}}"))
    text = t(lang, "areas.pick_kecamatan", page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup([row for row in rows if row])


def _desa_page(
    context: Ctx, purpose: str, kecamatan: AreaEntry, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    lang = context.lang
    desa = context.services.areas.desa_list(kecamatan.id)
    shown, page, pages = _paged(desa, page, PAGE_SIZE)
    buttons = [_button(entry.name, f"ar:{purpose}:pick:{entry.id}") for entry in shown]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(_pager(lang, page, pages, f"ar:{purpose}:kec:{kecamatan.id}:{{}}"))
    if purpose == SUBSCRIBE:
        whole = t(lang, "areas.btn_whole_kecamatan", area=kecamatan.name)
        rows.append([_button(whole, f"ar:{purpose}:pick:{kecamatan.id}")])
    rows.append([_button(t(lang, "areas.btn_back"), f"ar:{purpose}:kab:0")])
    text = t(lang, "areas.pick_desa", kecamatan=kecamatan.name, page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup([row for row in rows if row])


def _paged(items: list[AreaEntry], page: int, size: int) -> tuple[list[AreaEntry], int, int]:
    """The items of one page, the page (a number past the end means the last) and the count."""
    pages = max(1, -(-len(items) // size))
    page = min(page, pages - 1)
    return items[page * size : (page + 1) * size], page, pages


def _pager(lang: str, page: int, pages: int, data: str) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(_button(t(lang, "areas.btn_previous"), data.format(page - 1)))
    if page < pages - 1:
        row.append(_button(t(lang, "areas.btn_next"), data.format(page + 1)))
    return row


async def _unsubscribe_menu(context: Ctx, user_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = context.lang
    following = await context.services.subscriptions.following(user_id)
    if not following.areas:
        return t(lang, "areas.unsub_none"), None
    areas = context.services.areas
    rows = [[_button(f"🔕 {areas.label(entry)}", f"ar:u:{entry.id}")] for entry in following.areas]
    rows.append([_button(t(lang, "areas.btn_stop_all"), "ar:ua")])
    return t(lang, "areas.unsub_pick"), InlineKeyboardMarkup(rows)


async def _expired(update: Update, context: Ctx) -> None:
    await update.callback_query.answer(t(context.lang, "button.expired"), show_alert=True)


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text[:64], callback_data=data)


def handlers() -> list[BaseHandler]:
    """The conversation (asking for a name), then the buttons that work at any time."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    buttons = [
        CallbackQueryHandler(pick, pattern=_PICK),
        CallbackQueryHandler(browse, pattern=_BROWSE.pattern.replace("ask|", "")),
    ]
    asking = conversation(
        "areas",
        entry_points=[
            CommandHandler("start", start, filters=private),
            CommandHandler("langganan", subscribe_command, filters=NEW_MESSAGE),
            CallbackQueryHandler(ask_button, pattern=r"^ar:[hs]:ask$"),
        ],
        states={
            ASK_HOME: [
                *buttons,
                MessageHandler(typed, typed_home),
                MessageHandler(other, not_text),
            ],
            ASK_SUB: [
                *buttons,
                MessageHandler(typed, typed_subscription),
                MessageHandler(other, not_text),
            ],
            # Runs with the last update of the conversation, whatever its kind.
            ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        asking,
        CommandHandler("desa", show_following, filters=NEW_MESSAGE),
        CommandHandler("berhenti", unsubscribe_command, filters=NEW_MESSAGE),
        *buttons,
        CallbackQueryHandler(unsubscribe_button, pattern=_UNSUBSCRIBE),
    ]
