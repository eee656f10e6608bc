"""/edukasi: the topics (only those with items), a topic's items newest first (paged), an item
(its photo or PDF first, then its text), 🔁 sent again, and for managers 🗄 archive and the
buttons that start adding an item, planning a series, or the list of series."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup
from telegram import Update

from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.edukasi import PAGE_SIZE
from bot.services.edukasi import TOPICS
from bot.services.edukasi.callbacks import AddItem
from bot.services.edukasi.callbacks import Again
from bot.services.edukasi.callbacks import Archive
from bot.services.edukasi.callbacks import Home
from bot.services.edukasi.callbacks import ListSeries
from bot.services.edukasi.callbacks import OpenItem
from bot.services.edukasi.callbacks import PlanSeries
from bot.services.edukasi.callbacks import Topic
from bot.texts import t
from bot.texts.when import format_date
from bot.texts.when import local
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.guard import guarded
from storage.models import AttachmentKind
from storage.models import EducationItem
from storage.models import EducationTopic

# Visible characters of an item's title on its button.
TITLE_SHOWN = 28


def topic_name(lang: str, topic: EducationTopic | str) -> str:
    return t(lang, f"edukasi.btn_topic_{EducationTopic(topic).value}")


async def _home(context: Ctx, user_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
    lang, edukasi = context.lang, context.services.edukasi
    counts = await edukasi.library.topics()
    rows: list[list[tuple[str, Any]]] = []
    shown = [topic for topic in TOPICS if counts.get(topic)]
    for i in range(0, len(shown), 2):
        rows.append(
            [
                (f"{topic_name(lang, topic)} ({counts[topic]})", Topic(topic.value, 0))
                for topic in shown[i : i + 2]
            ]
        )
    if await edukasi.may_manage(user_id):
        rows.append([(t(lang, "edukasi.btn_add"), AddItem())])
        rows.append(
            [
                (t(lang, "edukasi.btn_plan"), PlanSeries()),
                (t(lang, "edukasi.btn_series"), ListSeries()),
            ]
        )
    text = t(lang, "edukasi.home" if shown else "edukasi.home_empty")
    return text, keyboard(rows) if rows else None


async def start(update: Update, context: Ctx) -> None:
    """/edukasi: the topics that have items (and the managers' buttons)."""
    text, markup = await _home(context, update.effective_user.id)
    await say(update, text, reply_markup=markup)


async def home(update: Update, context: Ctx) -> None:
    """⬅️ Topik: back to the topics, in place."""
    await update.callback_query.answer()
    text, markup = await _home(context, update.effective_user.id)
    await say(update, text, reply_markup=markup, edit=True)


async def topic(update: Update, context: Ctx) -> None:
    """A topic's items, newest first, a page at a time (in place)."""
    button = pressed(update, Topic)
    lang = context.lang
    items = await context.services.edukasi.library.items(EducationTopic(button.topic))
    await update.callback_query.answer()
    back = [(t(lang, "edukasi.btn_back"), Home())]
    if not items:
        await say(update, t(lang, "edukasi.topic_empty"), reply_markup=keyboard([back]), edit=True)
        return
    pages = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(button.page, 0), pages - 1)
    rows: list[list[tuple[str, Any]]] = [
        [(_short(item.title), OpenItem(item.id or 0))]
        for item in items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ]
    nav = []
    if page > 0:
        nav.append((t(lang, "edukasi.btn_prev"), Topic(button.topic, page - 1)))
    if page + 1 < pages:
        nav.append((t(lang, "edukasi.btn_next"), Topic(button.topic, page + 1)))
    if nav:
        rows.append(nav)
    rows.append(back)
    text = t(
        lang, "edukasi.topic_page", topic=topic_name(lang, button.topic), page=page + 1, pages=pages
    )
    await say(update, text, reply_markup=keyboard(rows), edit=True)


def _short(title: str) -> str:
    return title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"


def item_text(context: Ctx, item: EducationItem, lang: str) -> str:
    tz = context.services.settings.timezone
    return t(
        lang,
        "edukasi.item",
        title=item.title,
        topic=topic_name(lang, item.topic),
        source=item.source_name,
        date=format_date(local(item.created_at, tz).date(), lang),
        body=item.body,
    )


async def send_item(
    context: Ctx, chat_id: int, item: EducationItem, lang: str, markup: InlineKeyboardMarkup | None
) -> None:
    """The item in a chat: its photo or PDF (with the title as caption), then its whole text
    as a message of its own (never cut to a caption's length), with `markup` under it."""
    caption = t(lang, "edukasi.item_caption", title=item.title, source=item.source_name)
    if item.attachment_kind is AttachmentKind.PHOTO and item.attachment_file_id:
        await context.bot.send_photo(chat_id, item.attachment_file_id, caption=caption)
    elif item.attachment_kind is AttachmentKind.PDF and item.attachment_file_id:
        await context.bot.send_document(chat_id, item.attachment_file_id, caption=caption)
    await context.bot.send_message(chat_id, item_text(context, item, lang), reply_markup=markup)


async def open_item(update: Update, context: Ctx) -> None:
    """An item: sent here, with 🔁 (and 🗄 for managers) under it."""
    button = pressed(update, OpenItem)
    lang, edukasi = context.lang, context.services.edukasi
    item = await edukasi.library.item(button.item_id)
    if item is None:
        await say(update, t(lang, "edukasi.item_gone"), toast=True)
        return
    await update.callback_query.answer()
    rows: list[list[tuple[str, Any]]] = [[(t(lang, "edukasi.btn_again"), Again(button.item_id))]]
    if await edukasi.may_manage(update.effective_user.id):
        rows.append([(t(lang, "edukasi.btn_archive"), Archive(button.item_id))])
    await send_item(context, update.effective_chat.id, item, lang, keyboard(rows))


async def again(update: Update, context: Ctx) -> None:
    """🔁 The item sent again to this chat (to keep or forward)."""
    button = pressed(update, Again)
    lang = context.lang
    item = await context.services.edukasi.library.item(button.item_id)
    if item is None:
        await say(update, t(lang, "edukasi.item_gone"), toast=True)
        return
    await update.callback_query.answer()
    await send_item(context, update.effective_chat.id, item, lang, None)


@guarded(Action.MANAGE_EDUCATION)
async def archive(update: Update, context: Ctx) -> None:
    """🗄 Arsipkan: the item no longer shows (series planned with it skip it)."""
    button = pressed(update, Archive)
    lang, library = context.lang, context.services.edukasi.library
    item = await library.item(button.item_id)
    if item is None or not await library.archive(button.item_id, update.effective_user.id):
        await say(update, t(lang, "edukasi.archived_already"), toast=True)
        return
    await say(update, t(lang, "edukasi.archived", title=item.title), toast=True, alert=False)
