"""Where residents live and what they follow: onboarding in /start, /desa, /langganan, /berhenti.

A name is typed (typo-tolerant, resolved by the areas service) or browsed (kecamatan → desa,
paged). Buttons (bot/services/areas/callbacks.py) carry only ids and a purpose; every press is
checked against the current data, so an old or forged button gets a polite "no longer valid" and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import TypeHandler
from telegram.ext import filters

from bot.callbacks import CallbackData
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.areas import FOLLOW_LEVELS
from bot.services.areas import HOME_LEVELS
from bot.services.areas import MAX_SUBSCRIPTIONS
from bot.services.areas import PAGE_SIZE
from bot.services.areas import SubscribeResult
from bot.services.areas import short_label
from bot.services.areas.callbacks import HOME
from bot.services.areas.callbacks import SUBSCRIBE
from bot.services.areas.callbacks import AskName
from bot.services.areas.callbacks import DesaPage
from bot.services.areas.callbacks import KecamatanPage
from bot.services.areas.callbacks import Pick
from bot.services.areas.callbacks import Purpose
from bot.services.areas.callbacks import Unsubscribe
from bot.services.areas.callbacks import UnsubscribeAll
from bot.services.areas.callbacks import UnsubscribeAllNo
from bot.services.areas.callbacks import UnsubscribeAllYes
from bot.texts import t
from handlers import basic
from handlers.common import NEW_MESSAGE
from handlers.common import ask_which_area
from handlers.common import edit_query_message
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.menus import command
from storage.models import AreaLevel

ASK_HOME, ASK_SUB = "ask_home", "ask_sub"
PURPOSE_STATE = {HOME: ASK_HOME, SUBSCRIBE: ASK_SUB}
PURPOSE_LEVELS = {HOME: HOME_LEVELS, SUBSCRIBE: FOLLOW_LEVELS}
# Idle conversations end on their own, so a later message is not taken for a village name.
TIMEOUT_SECONDS = 15 * 60
KECAMATAN_PAGE = 12
# Telegram cuts a button's label; an area's label is cut to this many characters first.
LABEL_LIMIT = 64

Button = tuple[str, CallbackData]


# --- entry points ---------------------------------------------------------------------------------


async def start(update: Update, context: Ctx) -> str | int:
    """Welcome a resident; ask a newcomer (no home desa yet) for their home desa, and tell
    them in one sentence where their data is explained (/privasi)."""
    newcomer = is_private(update) and (
        await context.services.subscriptions.home(update.effective_user.id) is None
    )
    await basic.start(update, context, newcomer=newcomer)
    if not newcomer or not context.services.areas.index.entries:
        return ConversationHandler.END
    return await _ask(update, context, HOME)


async def show_following(update: Update, context: Ctx) -> None:
    """Show the home desa and the subscriptions, with buttons to change them."""
    if not is_private(update):
        await say(update, t(context.lang, "areas.private_only"))
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
    rows: list[list[Button]] = [
        [(t(lang, "areas.btn_change_home"), AskName(HOME))],
        [(t(lang, "areas.btn_subscribe"), AskName(SUBSCRIBE))],
    ]
    if following.areas:
        rows.append([(t(lang, "areas.btn_unsubscribe"), UnsubscribeAll())])
    await say(update, text, reply_markup=keyboard(rows))


async def subscribe_command(update: Update, context: Ctx) -> str | int:
    """/langganan [name]: look the name up, or ask for one."""
    if not is_private(update):
        await say(update, t(context.lang, "areas.private_only"))
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
    button = pressed(update, AskName)
    return await _ask(update, context, button.purpose)


# --- in the conversation --------------------------------------------------------------------------


async def typed_home(update: Update, context: Ctx) -> str | int:
    """A name typed while we wait for the home desa."""
    return await _lookup(update, context, HOME, update.effective_message.text)


async def typed_subscription(update: Update, context: Ctx) -> str | int:
    """A name typed while we wait for an area to follow."""
    return await _lookup(update, context, SUBSCRIBE, update.effective_message.text)


async def not_text(update: Update, context: Ctx) -> None:
    """A sticker, voice note or photo where a name is expected: ask again, stay in the state."""
    await say(update, t(context.lang, "areas.text_expected"))


async def timed_out(update: Update, context: Ctx) -> None:
    """Say that the question lapsed, so a late answer is not a surprise."""
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, t(context.lang, "areas.timed_out"))


# --- buttons (inside a conversation and outside it) -------------------------------------------


async def browse(update: Update, context: Ctx) -> None:
    """Show the kecamatan list or one kecamatan's desa, by page."""
    query = update.callback_query
    if desa_page := DesaPage.parse(query.data):
        kecamatan = context.services.areas.get(desa_page.kecamatan_id)
        if kecamatan is None or kecamatan.level != AreaLevel.KECAMATAN:
            await _expired(update, context)
            return
        await query.answer()
        text, markup = _desa_page(context, desa_page.purpose, kecamatan, desa_page.page)
    else:
        kecamatan_page = pressed(update, KecamatanPage)
        await query.answer()
        text, markup = _kecamatan_page(context, kecamatan_page.purpose, kecamatan_page.page)
    await edit_query_message(query, text, reply_markup=markup)


async def pick(update: Update, context: Ctx) -> int | None:
    """A chosen area: make it the home desa, or follow it."""
    query = update.callback_query
    button = pressed(update, Pick)
    entry = context.services.areas.get(button.area_id)
    if entry is None or entry.level not in PURPOSE_LEVELS[button.purpose]:
        await _expired(update, context)
        return None
    await query.answer()
    text = await _apply(context, button.purpose, update.effective_user.id, entry)
    await edit_query_message(query, text)
    return ConversationHandler.END


async def unsubscribe_command(update: Update, context: Ctx) -> None:
    """/berhenti: the subscriptions as buttons, and "stop all"."""
    if not is_private(update):
        await say(update, t(context.lang, "areas.private_only"))
        return
    text, markup = await _unsubscribe_menu(context, update.effective_user.id)
    await say(update, text, reply_markup=markup)


async def unsubscribe_one(update: Update, context: Ctx) -> None:
    """Stop one subscription; show the rest."""
    query = update.callback_query
    button = pressed(update, Unsubscribe)
    user_id = update.effective_user.id
    entry = context.services.areas.get(button.area_id)
    if entry is None or not await context.services.subscriptions.unsubscribe(user_id, entry.id):
        await _expired(update, context)
        return
    await query.answer()
    label = context.services.areas.label(entry)
    text, markup = await _unsubscribe_menu(context, user_id)
    done = t(context.lang, "areas.unsub_done", area=label)
    await edit_query_message(query, done + "\n\n" + text, reply_markup=markup)


async def unsubscribe_all(update: Update, context: Ctx) -> None:
    """Ask before stopping every subscription."""
    query, lang = update.callback_query, context.lang
    await query.answer()
    count = len((await context.services.subscriptions.following(update.effective_user.id)).areas)
    if not count:
        await edit_query_message(query, t(lang, "areas.unsub_none"))
        return
    rows = [
        [(t(lang, "areas.btn_yes_all"), UnsubscribeAllYes()), (t(lang, "no"), UnsubscribeAllNo())]
    ]
    await edit_query_message(
        query, t(lang, "areas.unsub_confirm_all", count=count), reply_markup=keyboard(rows)
    )


async def unsubscribe_all_confirmed(update: Update, context: Ctx) -> None:
    """Stop every subscription."""
    query = update.callback_query
    await query.answer()
    count = await context.services.subscriptions.unsubscribe(update.effective_user.id)
    await edit_query_message(query, t(context.lang, "areas.unsub_all_done", count=count))


async def unsubscribe_all_declined(update: Update, context: Ctx) -> None:
    """Keep the subscriptions."""
    await update.callback_query.answer()
    await edit_query_message(update.callback_query, t(context.lang, "areas.unsub_kept"))


# --- helpers --------------------------------------------------------------------------------------


async def _ask(update: Update, context: Ctx, purpose: Purpose) -> str | int:
    """Ask for a name, with the kecamatan list to browse instead."""
    # A reply to the message (or to the one under the pressed button).
    if not context.services.areas.index.entries:
        await update.effective_message.reply_text(t(context.lang, "areas.no_data"))
        return ConversationHandler.END
    text, markup = _kecamatan_page(context, purpose, 0)
    intro = t(context.lang, "areas.ask_home" if purpose == HOME else "areas.ask_subscribe")
    await update.effective_message.reply_text(f"{intro}\n\n{text}", reply_markup=markup)
    return PURPOSE_STATE[purpose]


async def _lookup(update: Update, context: Ctx, purpose: Purpose, text: str) -> str | int:
    """Act on a typed name: the one area it names is taken; otherwise offer candidates as buttons.

    Kecamatan are searched for both purposes: "Lumbang" is a kecamatan and a desa, so both are
    offered ("Kec. Lumbang" names the kecamatan); for a home, a kecamatan opens its list of desa.
    """
    lang = context.lang
    resolution = context.services.areas.resolution(text, (AreaLevel.DESA, AreaLevel.KECAMATAN))
    if resolution.same_name and resolution.candidates:
        candidates = [match.entry for match in resolution.candidates]
        await ask_which_area(update, context, candidates, _choice(context, purpose))
        return PURPOSE_STATE[purpose]
    found = resolution.entry or resolution.candidates
    if isinstance(found, AreaEntry) and purpose == HOME and found.level == AreaLevel.KECAMATAN:
        page, markup = _desa_page(context, purpose, found, 0)
        await say(update, page, reply_markup=markup)
        return PURPOSE_STATE[purpose]
    if isinstance(found, AreaEntry):
        await say(update, await _apply(context, purpose, update.effective_user.id, found))
        return ConversationHandler.END
    entries = [match.entry for match in found]
    labels = context.services.areas.choice_labels(entries)
    button = _choice(context, purpose)
    rows = [[button(entry, label)] for entry, label in zip(entries, labels, strict=True)]
    rows.append([(t(lang, "areas.btn_not_listed"), KecamatanPage(purpose, 0))])
    key = "areas.candidates" if found else "areas.not_found"
    shown = " ".join(text.split())[:64]
    await say(update, t(lang, key, text=shown or "…"), reply_markup=keyboard(rows))
    return PURPOSE_STATE[purpose]


def _choice(context: Ctx, purpose: Purpose) -> Callable[[AreaEntry, str], Button]:
    """The button of one area among those of a name: for a home, a kecamatan opens its desa;
    to follow, it is the whole kecamatan."""

    def button(entry: AreaEntry, label: str) -> Button:
        if entry.level == AreaLevel.KECAMATAN and purpose == HOME:
            browse = t(context.lang, "areas.btn_browse_kecamatan", area=label)
            return short_label(browse), DesaPage(purpose, entry.id, 0)
        if entry.level == AreaLevel.KECAMATAN:
            label = short_label(t(context.lang, "areas.btn_whole_kecamatan", area=label))
        return label, Pick(purpose, entry.id)

    return button


async def _apply(context: Ctx, purpose: Purpose, user_id: int, entry: AreaEntry) -> str:
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
    context: Ctx, purpose: Purpose, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = context.lang
    kecamatan = context.services.areas.kecamatan_list()
    if not kecamatan:
        return t(lang, "areas.type_only"), None
    shown, page, pages = _paged(kecamatan, page, KECAMATAN_PAGE)
    buttons = [(_cut(entry.name), DesaPage(purpose, entry.id, 0)) for entry in shown]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append(_pager(lang, page, pages, lambda to: KecamatanPage(purpose, to)))
    text = t(lang, "areas.pick_kecamatan", page=page + 1, pages=pages)
    return text, keyboard([row for row in rows if row])


def _desa_page(
    context: Ctx, purpose: Purpose, kecamatan: AreaEntry, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    lang = context.lang
    desa = context.services.areas.desa_list(kecamatan.id)
    shown, page, pages = _paged(desa, page, PAGE_SIZE)
    buttons = [(_cut(entry.name), Pick(purpose, entry.id)) for entry in shown]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(_pager(lang, page, pages, lambda to: DesaPage(purpose, kecamatan.id, to)))
    if purpose == SUBSCRIBE:
        whole = t(lang, "areas.btn_whole_kecamatan", area=kecamatan.name)
        rows.append([(_cut(whole), Pick(purpose, kecamatan.id))])
    rows.append([(t(lang, "areas.btn_back"), KecamatanPage(purpose, 0))])
    text = t(lang, "areas.pick_desa", kecamatan=kecamatan.name, page=page + 1, pages=pages)
    return text, keyboard([row for row in rows if row])


def _paged(items: list[AreaEntry], page: int, size: int) -> tuple[list[AreaEntry], int, int]:
    """The items of one page, the page (a number past the end means the last) and the count."""
    pages = max(1, -(-len(items) // size))
    page = min(page, pages - 1)
    return items[page * size : (page + 1) * size], page, pages


def _pager(lang: str, page: int, pages: int, to: Callable[[int], CallbackData]) -> list[Button]:
    row = []
    if page > 0:
        row.append((t(lang, "areas.btn_previous"), to(page - 1)))
    if page < pages - 1:
        row.append((t(lang, "areas.btn_next"), to(page + 1)))
    return row


async def _unsubscribe_menu(context: Ctx, user_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = context.lang
    following = await context.services.subscriptions.following(user_id)
    if not following.areas:
        return t(lang, "areas.unsub_none"), None
    areas = context.services.areas
    rows: list[list[Button]] = [
        [(_cut(f"🔕 {areas.label(entry)}"), Unsubscribe(entry.id))] for entry in following.areas
    ]
    rows.append([(t(lang, "areas.btn_stop_all"), UnsubscribeAll())])
    return t(lang, "areas.unsub_pick"), keyboard(rows)


async def _expired(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "button.expired"), toast=True)


def _cut(label: str) -> str:
    return label[:LABEL_LIMIT]


def handlers() -> list[BaseHandler]:
    """The conversation (asking for a name), then the buttons that work at any time."""
    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    other = private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    buttons = [
        CallbackQueryHandler(pick, pattern=Pick.pattern()),
        CallbackQueryHandler(browse, pattern=KecamatanPage.pattern()),
        CallbackQueryHandler(browse, pattern=DesaPage.pattern()),
    ]
    asking = conversation(
        "areas",
        entry_points=[
            CommandHandler("start", start, filters=private),
            command("langganan", subscribe_command, rank=60),
            CallbackQueryHandler(ask_button, pattern=AskName.pattern()),
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
        command("desa", show_following, rank=50),
        command("berhenti", unsubscribe_command, rank=70),
        *buttons,
        CallbackQueryHandler(unsubscribe_one, pattern=Unsubscribe.pattern()),
        CallbackQueryHandler(unsubscribe_all, pattern=UnsubscribeAll.pattern()),
        CallbackQueryHandler(unsubscribe_all_confirmed, pattern=UnsubscribeAllYes.pattern()),
        CallbackQueryHandler(unsubscribe_all_declined, pattern=UnsubscribeAllNo.pattern()),
    ]
