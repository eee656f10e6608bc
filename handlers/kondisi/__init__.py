"""Kondisi wilayah (/kondisi) in the chat (the service: bot/services/kondisi).

    /kondisi [desa]          a desa's last 7 days and its neighbours (anyone, private or group)
    /kondisi catat <teks>    a koordinator's or officer's situation note for their desa
    kd:s / kd:n / kd:w       show a desa chosen · the desa a note is for · 🗑 withdraw a note
    jobs.py                  the weekly digest `kondisi:digest`; `rebuild_jobs`

Button data is defined once in bot/services/kondisi/callbacks.py.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.commands import Where
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.kondisi.callbacks import NoteFor
from bot.services.kondisi.callbacks import Show
from bot.services.kondisi.callbacks import Withdraw
from bot.texts import t
from bot.texts.when import format_when
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import refuse
from handlers.common import say
from handlers.common import typed_area
from handlers.guard import guarded
from handlers.guard import refuse as refuse_denied
from handlers.kondisi.jobs import rebuild_jobs
from handlers.menus import command
from storage.models import AreaLevel

__all__ = ["handlers", "rebuild_jobs"]

# The note typed with /kondisi catat while its desa is chosen (plain JSON in user_data).
NOTE_DRAFT = "kondisi_note"


async def kondisi(update: Update, context: Ctx) -> None:
    """/kondisi [desa] or /kondisi catat <teks>."""
    args = context.args or []
    if args and args[0].lower() == "catat":
        await _note(update, context, " ".join(args[1:]))
        return
    service = context.services.kondisi
    lang = context.lang
    if args:
        desa_id = await typed_area(
            update,
            context,
            " ".join(args),
            (AreaLevel.DESA,),
            Show,
            "kondisi.not_found",
            "kondisi.candidates",
        )
        if desa_id is not None:
            await _show(update, context, desa_id)
        return
    chat = update.effective_chat
    ids: list[int] = []
    if chat.type != ChatType.PRIVATE:
        ids = await service.desa_of_chat(chat.id)
    if not ids:
        ids = await service.my_desa(update.effective_user.id)
    if len(ids) == 1:
        await _show(update, context, ids[0])
    elif ids:
        rows = [[(service.name(i), Show(i))] for i in ids[:10]]
        await say(update, t(lang, "kondisi.choose_desa"), reply_markup=keyboard(rows))
    else:
        await say(update, t(lang, "kondisi.ask_desa"))


async def _show(update: Update, context: Ctx, desa_id: int) -> None:
    """The desa's picture; for those who may write its note, the hint and 🗑 buttons."""
    service = context.services.kondisi
    lang = context.lang
    shown = await service.picture(desa_id, lang)
    text, markup = shown.text, None
    if await service.may_note(update.effective_user.id, desa_id):
        text += t(lang, "kondisi.note_hint")
        rows = [[(t(lang, "kondisi.btn_withdraw"), Withdraw(n.id))] for n in shown.notes]
        markup = keyboard(rows) if rows else None
    await say(update, text, reply_markup=markup)


async def show_chosen(update: Update, context: Ctx) -> None:
    """One of the desa offered."""
    await _show(update, context, pressed(update, Show).desa_id)


async def _note(update: Update, context: Ctx, text: str) -> None:
    """/kondisi catat <teks>: check the text, then which desa (asked when several)."""
    service = context.services.kondisi
    user_id = update.effective_user.id
    lang = context.lang
    if not await context.services.roles.allowed(user_id, Action.POST_SITUATION_NOTE):
        await refuse_denied(
            update, context, Action.POST_SITUATION_NOTE, "role", key="kondisi.note_not_allowed"
        )
        return
    if not text.strip():
        await say(update, t(lang, "kondisi.note_ask"))
        return
    try:
        text = service.clean_note(text)
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    chat = update.effective_chat
    places = await service.note_places(user_id, chat.id if chat.type != ChatType.PRIVATE else None)
    if not places:
        await say(update, t(lang, "kondisi.note_no_desa"))
    elif len(places) == 1:
        await _save(update, context, places[0], text)
    else:
        context.user_data[NOTE_DRAFT] = text
        rows = [[(service.name(i), NoteFor(i))] for i in places[:10]]
        await say(update, t(lang, "kondisi.note_choose"), reply_markup=keyboard(rows))


async def _save(update: Update, context: Ctx, desa_id: int, text: str) -> None:
    service = context.services.kondisi
    try:
        note = await service.add_note(update.effective_user.id, desa_id, text)
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    lang = context.lang
    until = format_when(note.expires_at, lang, context.services.settings.timezone)
    await say(update, t(lang, "kondisi.note_saved", desa=service.name(desa_id), until=until))


@guarded(Action.POST_SITUATION_NOTE, Where.ANY)
async def note_for(update: Update, context: Ctx) -> None:
    """The desa the note typed with /kondisi catat is for."""
    text = context.user_data.pop(NOTE_DRAFT, None)
    if not isinstance(text, str):
        await say(update, t(context.lang, "kondisi.note_lost"), toast=True)
        return
    await _save(update, context, pressed(update, NoteFor).desa_id, text)


@guarded(Action.POST_SITUATION_NOTE, Where.ANY)
async def withdraw(update: Update, context: Ctx) -> None:
    """🗑 Tarik catatan: the note is no longer shown."""
    service = context.services.kondisi
    try:
        note = await service.withdraw(update.effective_user.id, pressed(update, Withdraw).note_id)
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    await say(update, t(context.lang, "kondisi.note_withdrawn", desa=service.name(note.desa_id)))


def handlers() -> list[BaseHandler]:
    """/kondisi and its buttons."""
    return [
        command(
            "kondisi",
            kondisi,
            rank=115,
            aliases=("situation",),
            where=Where.ANY,
            manages=Action.POST_SITUATION_NOTE,
        ),
        CallbackQueryHandler(show_chosen, pattern=Show.pattern()),
        CallbackQueryHandler(note_for, pattern=NoteFor.pattern()),
        CallbackQueryHandler(withdraw, pattern=Withdraw.pattern()),
    ]
