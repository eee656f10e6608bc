"""/imbauanku: the author's recent advisories with read counts, and their corrections:
Perbarui (an update, replied to the original) and Cabut (withdraw, with a reason)."""

from __future__ import annotations

from collections.abc import Awaitable

from telegram import Update
from telegram.ext import ConversationHandler

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.advisories.callbacks import CancelAdvisory
from bot.services.advisories.callbacks import UpdateAdvisory
from bot.services.authz import Action
from bot.texts import t
from handlers.advisories.jobs import unschedule
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import refuse
from handlers.common import say
from handlers.guard import guarded
from storage.models import AdvisoryStatus

CORRECT = "himbauan_koreksi"  # conversation name and user_data key: {"id": <advisory id>}
UPDATE_TEXT, CANCEL_REASON = "update_text", "cancel_reason"
# Refusals after which another text would not help: the correction ends.
FINAL = ("adv.update_cancelled", "adv.not_yours", "adv.unknown", "adv.update_not_sent")

correction_step = needs_draft(CORRECT, "adv.unknown")


@guarded(Action.COMPOSE_ADVISORY)
async def mine(update: Update, context: Ctx) -> None:
    """/imbauanku: the author's recent advisories, with read counts and correction buttons."""
    lang = context.lang
    summaries = await context.services.advisories.mine(update.effective_user.id)
    if not summaries:
        await say(update, t(lang, "adv.mine_none"))
        return
    lines = [t(lang, "adv.mine_head")]
    rows = []
    for summary in summaries:
        lines.append(context.services.advisories.messages.summary_line(summary, lang))
        advisory_id = summary.advisory.id or 0
        buttons = []
        if summary.updatable:
            label = t(lang, "adv.update_button", id=advisory_id)
            buttons.append((label, UpdateAdvisory(advisory_id)))
        if summary.cancellable:
            label = t(lang, "adv.cancel_button", id=advisory_id)
            buttons.append((label, CancelAdvisory(advisory_id)))
        if buttons:
            rows.append(buttons)
    await say(update, "\n\n".join(lines), reply_markup=keyboard(rows) if rows else None)


@guarded(Action.COMPOSE_ADVISORY)
async def update_button(update: Update, context: Ctx) -> str | int:
    """Perbarui: check it can still be updated, then ask for the update's text."""
    button = UpdateAdvisory.parse(update.callback_query.data)
    advisory_id = button.advisory_id if button else 0
    check = context.services.advisories.check_updatable(advisory_id, update.effective_user.id)
    return await _begin(update, context, advisory_id, check, "adv.ask_update", UPDATE_TEXT)


@correction_step
async def update_text(update: Update, context: Ctx) -> str | int:
    """The update's text: sent (or put to the Polsek) as a reply to the original."""
    advisory_id = int(context.user_data[CORRECT].get("id", 0))
    user = update.effective_user
    try:
        submitted = await context.services.advisories.submit_update(
            advisory_id, user.id, update.effective_message.text or "", author_name=user.full_name
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        if error.key in FINAL:
            context.user_data.pop(CORRECT, None)
            return ConversationHandler.END
        return UPDATE_TEXT
    context.user_data.pop(CORRECT, None)
    key = "adv.update_pending" if submitted.approver else "adv.update_queued"
    text = t(
        context.lang,
        key,
        id=advisory_id,
        polsek=submitted.approver or "",
        count=submitted.recipients,
    )
    await say(update, text)
    return ConversationHandler.END


@guarded(Action.COMPOSE_ADVISORY)
async def cancel_button(update: Update, context: Ctx) -> str | int:
    """Cabut: ask why (the reason goes to every chat that received it)."""
    button = CancelAdvisory.parse(update.callback_query.data)
    advisory_id = button.advisory_id if button else 0
    check = context.services.advisories.check_cancellable(advisory_id)
    return await _begin(update, context, advisory_id, check, "adv.ask_cancel_reason", CANCEL_REASON)


async def _begin(
    update: Update,
    context: Ctx,
    advisory_id: int,
    check: Awaitable[object],
    ask_key: str,
    state: str,
) -> str | int:
    """Start a correction if the service's `check` allows it: remember which advisory, and ask
    for the text."""
    try:
        await check
    except UserFacingError as error:
        await refuse(update, context, error)
        return ConversationHandler.END
    context.user_data[CORRECT] = {"id": advisory_id}
    await say(update, t(context.lang, ask_key, id=advisory_id))
    return state


@correction_step
async def cancel_reason(update: Update, context: Ctx) -> str | int:
    """The reason: withdraw the advisory everywhere."""
    advisory_id = int(context.user_data.pop(CORRECT).get("id", 0))
    reason = (update.effective_message.text or "").strip()[:500]
    try:
        before = await context.services.advisories.cancel(
            advisory_id, update.effective_user.id, reason
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return ConversationHandler.END
    unschedule(context.application, advisory_id)
    key = "adv.cancelled_sent" if before is AdvisoryStatus.SENT else "adv.cancelled_unsent"
    await say(update, t(context.lang, key, id=advisory_id))
    return ConversationHandler.END
