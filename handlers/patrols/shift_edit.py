"""A koordinator edits one shift from the ✏️ buttons of /jadwal: new hours (typed) or members
(typed, picked from a list or forwarded: handlers/patrols/naming.py), or calls it off. The shift
being edited is in `user_data["ubahronda"]`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.patrols import PatrolError
from bot.services.patrols import ShiftView
from bot.services.patrols import parse_hours
from bot.services.patrols.callbacks import EditShift
from bot.texts import t
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import refuse
from handlers.common import say
from handlers.conversation import conversation
from handlers.guard import guarded
from handlers.patrols.jobs import schedule
from handlers.patrols.naming import TeamsStep
from handlers.patrols.shared import OTHER
from handlers.patrols.shared import PRIVATE_TEXT
from handlers.patrols.shared import TIMEOUT_SECONDS
from handlers.patrols.shared import expect_text
from handlers.patrols.shared import may_manage

EDIT = "ubahronda"
# States of a shift's edit.
EDIT_HOURS, EDIT_MEMBERS = "edit_hours", "edit_members"
step = needs_draft(EDIT, "ronda.lost")

Edited = tuple[ShiftView, dt.datetime | None]


@guarded(Action.MANAGE_PATROLS)
async def edit_button(update: Update, context: Ctx) -> str | int:
    """✏️ under /jadwal: change one shift's hours or members, or call it off."""
    button = pressed(update, EditShift)
    patrols, lang = context.services.patrols, context.lang
    shift = await patrols.shift(button.shift_id)
    if shift is None:
        await refuse(update, context, PatrolError("ronda.gone"))
        return ConversationHandler.END
    if not await may_manage(update, context, shift.desa_id):
        return ConversationHandler.END
    try:
        patrols.ensure_editable(shift)
    except UserFacingError as error:
        await refuse(update, context, error)
        return ConversationHandler.END
    if button.verb == "ecy":
        return await _call_off(update, context, shift.id)
    line = patrols.line(lang, shift)
    if button.verb == "ed":
        menu = keyboard(
            [
                [(t(lang, "ronda.btn_edit_hours"), EditShift("eh", shift.id))],
                [(t(lang, "ronda.btn_edit_members"), EditShift("em", shift.id))],
                [(t(lang, "ronda.btn_edit_cancel"), EditShift("ec", shift.id))],
            ]
        )
        await say(update, t(lang, "ronda.edit_menu", line=line), reply_markup=menu)
        return ConversationHandler.END
    if button.verb == "ec":
        sure = keyboard([[(t(lang, "ronda.btn_edit_cancel_yes"), EditShift("ecy", shift.id))]])
        await say(update, t(lang, "ronda.edit_cancel_sure", line=line), reply_markup=sure)
        return ConversationHandler.END
    context.user_data[EDIT] = {"shift_id": shift.id, "desa_id": shift.desa_id}
    if button.verb == "eh":
        await say(update, t(lang, "ronda.ask_edit_hours", line=line))
        return EDIT_HOURS
    return await members_step.ask(update, context, t(lang, "pick.ask_edit_members", line=line))


async def _call_off(update: Update, context: Ctx, shift_id: int) -> int:
    """The koordinator is sure: the shift is cancelled, its job goes, its members hear it."""
    patrols, lang = context.services.patrols, context.lang
    try:
        view, due = await patrols.cancel_shift(shift_id, update.effective_user.id)
    except UserFacingError as error:
        await refuse(update, context, error)
        return ConversationHandler.END
    schedule(context, shift_id, due)
    await say(update, t(lang, "ronda.edit_cancelled_toast"), toast=True, alert=False)
    await update.effective_message.reply_text(
        t(lang, "ronda.edit_cancelled", line=patrols.line(lang, view))
    )
    return ConversationHandler.END


@step
async def edit_hours_typed(update: Update, context: Ctx) -> str | int:
    """New hours for the shift being edited."""

    async def change(shift: ShiftView) -> Edited:
        start_minute, duration = parse_hours(update.effective_message.text or "")
        return await context.services.patrols.change_hours(
            shift.id, start_minute, duration, update.effective_user.id, context.lang
        )

    return await _edit(update, context, EDIT_HOURS, change)


async def _members_chosen(
    update: Update, context: Ctx, teams: list[list[int]], labels: dict[int, str]
) -> str | int:
    """The new members of the shift being edited, named in any way (handlers/patrols/naming.py)
    and checked."""

    async def change(shift: ShiftView) -> Edited:
        return await context.services.patrols.replace_members(
            shift.id, teams[0], update.effective_user.id, context.lang
        )

    return await _edit(update, context, EDIT_MEMBERS, change)


async def _desa_of(context: Ctx, draft: dict[str, Any]) -> int:
    """The desa of the shift being edited (kept in the draft; a draft from before the picker
    has the shift only)."""
    if "desa_id" not in draft:
        shift = await context.services.patrols.shift(int(draft["shift_id"]))
        draft["desa_id"] = shift.desa_id if shift is not None else 0
    return int(draft["desa_id"])


members_step = TeamsStep(
    draft=EDIT,
    owner="ue",
    state=EDIT_MEMBERS,
    finish=_members_chosen,
    one_team=lambda draft: True,
    desa_of=_desa_of,
)


async def _edit(
    update: Update,
    context: Ctx,
    state: str,
    change: Callable[[ShiftView], Awaitable[Edited]],
) -> str | int:
    """Apply a typed change to the shift being edited (checked again: roles may have changed
    since the button), move its job and confirm; a refusal keeps asking."""
    shift = await context.services.patrols.shift(int(context.user_data[EDIT]["shift_id"]))
    if shift is None or not await may_manage(update, context, shift.desa_id):
        context.user_data.pop(EDIT, None)
        return ConversationHandler.END
    try:
        view, due = await change(shift)
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return state
    context.user_data.pop(EDIT, None)
    schedule(context, view.id, due)
    line = context.services.patrols.line(context.lang, view)
    await say(update, t(context.lang, "ronda.edit_saved", line=line))
    return ConversationHandler.END


def conversation_handler() -> ConversationHandler:
    """The edit of one shift, entered by its ✏️ buttons."""
    return conversation(
        EDIT,
        entry_points=[CallbackQueryHandler(edit_button, pattern=EditShift.pattern())],
        states={
            EDIT_HOURS: [
                MessageHandler(PRIVATE_TEXT, edit_hours_typed),
                MessageHandler(OTHER, expect_text),
            ],
            EDIT_MEMBERS: members_step.handlers(),
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
