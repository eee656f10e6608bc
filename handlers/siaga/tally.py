"""The buttons of a call's tally (the caller's chat, the Polsek duty chat): 🔔 remind those who
have not answered, ✅ stand down (confirmed first), 📄 the full list, paged."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.commands import Where
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.siaga.callbacks import Close
from bot.services.siaga.callbacks import CloseSure
from bot.services.siaga.callbacks import ListNav
from bot.services.siaga.callbacks import ListPage
from bot.services.siaga.callbacks import Remind
from bot.texts import t
from bot.texts.when import format_time
from handlers.common import pressed
from handlers.common import say
from handlers.guard import guarded
from handlers.siaga import jobs


async def _may(update: Update, context: Ctx, call_id: int) -> bool:
    """The call's caller, or whoever may call its area; otherwise refused."""
    user_id = update.effective_user.id
    holdings = await context.services.roles.holdings(user_id)
    if await context.services.siaga.may_manage(user_id, holdings, call_id):
        return True
    await say(update, t(context.lang, "siaga.not_yours"), toast=True)
    return False


@guarded(Action.CALL_SIAGA, Where.ANY)
async def remind(update: Update, context: Ctx) -> None:
    """🔔 The call again to those who have not answered (once per 10 minutes)."""
    call_id = pressed(update, Remind).call_id
    if not await _may(update, context, call_id):
        return
    lang, siaga = context.lang, context.services.siaga
    try:
        result = await siaga.remind(call_id, update.effective_user.id)
    except UserFacingError as error:
        await say(update, error.text(lang), toast=True)
        return
    if not result.ok:
        assert result.next_at is not None
        time = format_time(result.next_at, lang, siaga.settings.timezone, zone=True)
        await say(update, t(lang, "siaga.remind_wait", time=time), toast=True)
        return
    key = "siaga.reminded" if result.people else "siaga.reminded_none"
    await say(update, t(lang, key, count=result.people), toast=True, alert=False)


@guarded(Action.CALL_SIAGA, Where.ANY)
async def close(update: Update, context: Ctx) -> None:
    """✅ Siaga selesai: asked once more."""
    call_id = pressed(update, Close).call_id
    if not await _may(update, context, call_id):
        return
    lang, siaga = context.lang, context.services.siaga
    markup = InlineKeyboardMarkup.de_json(siaga.close_buttons(lang, call_id), context.bot)
    await say(update, t(lang, "siaga.close_confirm", number=call_id), reply_markup=markup)


@guarded(Action.CALL_SIAGA, Where.ANY)
async def close_sure(update: Update, context: Ctx) -> None:
    """✅ Ya: everyone called hears that it is over, with thanks; the tally shows the end."""
    call_id = pressed(update, CloseSure).call_id
    if not await _may(update, context, call_id):
        return
    lang = context.lang
    try:
        view, chats = await context.services.siaga.close(call_id, update.effective_user.id)
    except UserFacingError as error:
        await say(update, error.text(lang), toast=True)
        return
    if view is None:
        await say(update, t(lang, "siaga.already_closed"), edit=True)
        await update.callback_query.answer()
        return
    jobs.cancel_close(context, call_id)
    jobs.refresh(context, chats)
    await update.callback_query.answer()
    await say(update, t(lang, "siaga.closed_now", number=call_id, count=view.recipients), edit=True)


@guarded(Action.CALL_SIAGA, Where.ANY)
async def full_list(update: Update, context: Ctx) -> None:
    """📄 Daftar: the first page, as a new message."""
    await _page(update, context, pressed(update, ListPage).call_id, 0, edit=False)


@guarded(Action.CALL_SIAGA, Where.ANY)
async def list_nav(update: Update, context: Ctx) -> None:
    """◀ ▶ on the list: another page, in place."""
    button = pressed(update, ListNav)
    await _page(update, context, button.call_id, button.page, edit=True)


async def _page(update: Update, context: Ctx, call_id: int, page: int, *, edit: bool) -> None:
    if not await _may(update, context, call_id):
        return
    found = await context.services.siaga.list_page(call_id, page, context.lang)
    if found is None:
        await say(update, t(context.lang, "siaga.gone"), toast=True)
        return
    text, markup = found
    buttons = InlineKeyboardMarkup.de_json(markup, context.bot) if markup else None
    if edit:
        await update.callback_query.answer()
    await say(update, text, edit=edit, reply_markup=buttons)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(remind, pattern=Remind.pattern()),
        CallbackQueryHandler(close, pattern=Close.pattern()),
        CallbackQueryHandler(close_sure, pattern=CloseSure.pattern()),
        CallbackQueryHandler(full_list, pattern=ListPage.pattern()),
        CallbackQueryHandler(list_nav, pattern=ListNav.pattern()),
    ]
