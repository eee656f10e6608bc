"""➕ Tambah materi (/edukasi, managers): title → topic → source → text → photo or PDF (or none)
→ preview → save. The draft lives in `user_data["edukasi_materi"]` (plain JSON: a restart
loses nothing); every refusal names its limit."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.edukasi import BODY_LIMIT
from bot.services.edukasi import TOPICS
from bot.services.edukasi import Attachment
from bot.services.edukasi import EdukasiError
from bot.services.edukasi import ItemDraft
from bot.services.edukasi.callbacks import AddItem
from bot.services.edukasi.callbacks import ChooseSource
from bot.services.edukasi.callbacks import ChooseTopic
from bot.services.edukasi.callbacks import DropDraft
from bot.services.edukasi.callbacks import NoAttachment
from bot.services.edukasi.callbacks import SaveItem
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.conversation import conversation
from handlers.edukasi.browse import send_item
from handlers.edukasi.browse import topic_name
from handlers.guard import guarded
from storage.models import AttachmentKind
from storage.models import EducationItem
from storage.models import EducationTopic
from storage.models import utcnow

DRAFT = "edukasi_materi"
TITLE, TOPIC, SOURCE, BODY, ATTACH, PREVIEW = (
    "title",
    "topic",
    "source",
    "body",
    "attach",
    "preview",
)
TIMEOUT_SECONDS = 30 * 60
PRIVATE = filters.ChatType.PRIVATE
PRIVATE_TEXT = NEW_MESSAGE & PRIVATE & filters.TEXT & ~filters.COMMAND
step = needs_draft(DRAFT, "edukasi.lost")


def _draft(context: Ctx) -> dict[str, Any]:
    return context.user_data[DRAFT]


@guarded(Action.MANAGE_EDUCATION)
async def start(update: Update, context: Ctx) -> str:
    """➕ Tambah materi: its title."""
    context.user_data[DRAFT] = {}
    await say(update, t(context.lang, "edukasi.ask_title"))
    return TITLE


@step
async def title_typed(update: Update, context: Ctx) -> str:
    lang = context.lang
    try:
        title = context.services.edukasi.library.check_title(update.effective_message.text or "")
    except EdukasiError as error:
        await say(update, error.text(lang))
        return TITLE
    _draft(context)["title"] = title
    rows = [
        [(topic_name(lang, topic), ChooseTopic(topic.value)) for topic in TOPICS[i : i + 2]]
        for i in range(0, len(TOPICS), 2)
    ]
    await say(update, t(lang, "edukasi.ask_topic"), reply_markup=keyboard(rows))
    return TOPIC


@step
async def topic_chosen(update: Update, context: Ctx) -> str | int:
    lang = context.lang
    _draft(context)["topic"] = pressed(update, ChooseTopic).topic
    sources = await context.services.edukasi.library.sources()
    if not sources:
        context.user_data.pop(DRAFT, None)
        await say(update, t(lang, "edukasi.no_sources"))
        return ConversationHandler.END
    rows = [[(o.name[:60], ChooseSource(o.id or 0))] for o in sources[:30]]
    await say(update, t(lang, "edukasi.ask_source"), reply_markup=keyboard(rows))
    return SOURCE


@step
async def source_chosen(update: Update, context: Ctx) -> str:
    _draft(context)["source"] = pressed(update, ChooseSource).organisation_id
    await say(
        update, t(context.lang, "edukasi.ask_body", limit=f"{BODY_LIMIT:,}".replace(",", "."))
    )
    return BODY


@step
async def body_typed(update: Update, context: Ctx) -> str:
    lang = context.lang
    try:
        body = context.services.edukasi.library.check_body(update.effective_message.text or "")
    except EdukasiError as error:
        await say(update, error.text(lang))
        return BODY
    _draft(context)["body"] = body
    markup = keyboard([[(t(lang, "edukasi.btn_no_attachment"), NoAttachment())]])
    await say(update, t(lang, "edukasi.ask_attachment"), reply_markup=markup)
    return ATTACH


@step
async def photo_sent(update: Update, context: Ctx) -> str:
    photo = update.effective_message.photo[-1]
    attachment = Attachment(AttachmentKind.PHOTO, photo.file_id, photo.file_size)
    _draft(context)["attachment"] = attachment.to_json()
    return await _preview(update, context)


@step
async def document_sent(update: Update, context: Ctx) -> str:
    """A PDF (checked: a PDF, not over the limit); anything else is refused, naming why."""
    document = update.effective_message.document
    try:
        context.services.edukasi.library.check_document(
            document.mime_type, document.file_name, document.file_size
        )
    except EdukasiError as error:
        await say(update, error.text(context.lang))
        return ATTACH
    attachment = Attachment(
        AttachmentKind.PDF, document.file_id, document.file_size, document.file_name
    )
    _draft(context)["attachment"] = attachment.to_json()
    return await _preview(update, context)


@step
async def no_attachment(update: Update, context: Ctx) -> str:
    await update.callback_query.answer()
    _draft(context).pop("attachment", None)
    return await _preview(update, context)


async def expect_attachment(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "edukasi.expect_attachment"))


async def _preview(update: Update, context: Ctx) -> str:
    """The item as /edukasi will show it, then ✅ Simpan / ❌ Batal."""
    lang = context.lang
    draft = ItemDraft.from_json(_draft(context))
    sources = {o.id: o.name for o in await context.services.edukasi.library.sources()}
    attachment = draft.attachment
    shown = EducationItem(
        title=draft.title,
        topic=draft.topic,
        body=draft.body,
        attachment_kind=attachment.kind if attachment else None,
        attachment_file_id=attachment.file_id if attachment else None,
        source_name=sources.get(draft.source_id, "?"),
        created_at=utcnow(),
    )
    chat_id = update.effective_chat.id
    await context.bot.send_message(chat_id, t(lang, "edukasi.preview"))
    markup = keyboard(
        [[(t(lang, "edukasi.btn_save"), SaveItem()), (t(lang, "edukasi.btn_drop"), DropDraft())]]
    )
    await send_item(context, chat_id, shown, lang, markup)
    return PREVIEW


@step
async def save(update: Update, context: Ctx) -> str | int:
    """✅ Simpan: checked again and stored."""
    lang = context.lang
    draft = ItemDraft.from_json(_draft(context))
    try:
        item = await context.services.edukasi.library.add(update.effective_user.id, draft)
    except EdukasiError as error:
        await say(update, error.text(lang), toast=True)
        return PREVIEW
    context.user_data.pop(DRAFT, None)
    await update.callback_query.edit_message_reply_markup(None)
    await say(
        update,
        t(
            lang,
            "edukasi.saved",
            title=item.title,
            topic=topic_name(lang, EducationTopic(item.topic)),
        ),
    )
    return ConversationHandler.END


@step
async def drop(update: Update, context: Ctx) -> int:
    context.user_data.pop(DRAFT, None)
    await update.callback_query.edit_message_reply_markup(None)
    await say(update, t(context.lang, "edukasi.dropped"))
    return ConversationHandler.END


async def expect_choice(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "edukasi.expect_choice"))


def handlers() -> list[BaseHandler]:
    """The conversation that adds an item."""
    return [
        conversation(
            DRAFT,
            entry_points=[CallbackQueryHandler(start, pattern=AddItem.pattern())],
            states={
                TITLE: [MessageHandler(PRIVATE_TEXT, title_typed)],
                TOPIC: [
                    CallbackQueryHandler(topic_chosen, pattern=ChooseTopic.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_choice),
                ],
                SOURCE: [
                    CallbackQueryHandler(source_chosen, pattern=ChooseSource.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_choice),
                ],
                BODY: [MessageHandler(PRIVATE_TEXT, body_typed)],
                ATTACH: [
                    MessageHandler(NEW_MESSAGE & PRIVATE & filters.PHOTO, photo_sent),
                    MessageHandler(NEW_MESSAGE & PRIVATE & filters.Document.ALL, document_sent),
                    CallbackQueryHandler(no_attachment, pattern=NoAttachment.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_attachment),
                ],
                PREVIEW: [
                    CallbackQueryHandler(save, pattern=SaveItem.pattern()),
                    CallbackQueryHandler(drop, pattern=DropDraft.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_choice),
                ],
            },
            conversation_timeout=TIMEOUT_SECONDS,
        )
    ]
