"""Setujui / Tolak in the Polsek duty chat: approve at once, or reject with a reason (one of
the usual ones, or a typed reply to the bot's question)."""

from __future__ import annotations

from telegram import ForceReply
from telegram import Update
from telegram.ext import ConversationHandler

from bot.commands import Where
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.advisories.callbacks import REJECT_CODES
from bot.services.advisories.callbacks import Approve
from bot.services.advisories.callbacks import Reject
from bot.services.advisories.callbacks import RejectReason
from bot.services.authz import Action
from bot.services.authz import Place
from bot.texts import t
from handlers.advisories.jobs import schedule
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import refuse
from handlers.common import say
from handlers.guard import allowed_at
from handlers.guard import guarded
from storage.models import Advisory
from storage.models import AdvisoryStatus

REJECT = "himbauan_tolak"  # conversation name and user_data key: {"id": <advisory id>}
REASON = "reason"


async def _approver_may(update: Update, context: Ctx, advisory: Advisory) -> bool:
    return await allowed_at(
        update,
        context,
        Action.APPROVE_ADVISORY,
        Place(polsek_id=advisory.polsek_id),
        what=advisory.approver_name or "Polsek",
    )


async def _pending(update: Update, context: Ctx, advisory_id: int | None) -> Advisory | None:
    """The advisory if it still waits for a decision; otherwise answer who decided."""
    advisory = await context.services.advisories.get(advisory_id) if advisory_id else None
    if advisory is None:
        await say(update, t(context.lang, "button.expired"), toast=True)
        return None
    if not await _approver_may(update, context, advisory):
        return None
    if advisory.status is not AdvisoryStatus.PENDING:
        await _already(update, context, advisory)
        return None
    return advisory


async def _already(update: Update, context: Ctx, advisory: Advisory) -> None:
    """Answer a late press: nothing changes."""
    text = context.services.advisories.messages.late_press(advisory, context.lang)
    await say(update, text, toast=True)


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
async def approve(update: Update, context: Ctx) -> None:
    """Setujui: send (or schedule) the advisory, once."""
    button = Approve.parse(update.callback_query.data)
    advisory = await _pending(update, context, button.advisory_id if button else None)
    if advisory is None or advisory.id is None:
        return
    user = update.effective_user
    try:
        decision = await context.services.advisories.decide(
            advisory.id, user.id, user.full_name, approve=True
        )
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    if not decision.done:
        await _already(update, context, decision.advisory)
        return
    if decision.advisory.status is AdvisoryStatus.SCHEDULED:
        schedule(context.application, decision.advisory)
    await say(update, t(context.lang, "adv.approved_toast"), toast=True, alert=False)


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
async def reject(update: Update, context: Ctx) -> str | int:
    """Tolak: ask the reason (a reply, or one of the usual reasons)."""
    button = Reject.parse(update.callback_query.data)
    advisory = await _pending(update, context, button.advisory_id if button else None)
    if advisory is None:
        return ConversationHandler.END
    context.user_data[REJECT] = {"id": advisory.id}
    lang = context.lang
    rows = [[(t(lang, f"adv.reason_{code}"), RejectReason(code))] for code in REJECT_CODES]
    question = t(lang, "adv.ask_reason", id=advisory.id, name=update.effective_user.first_name)
    await say(update, question, reply_markup=keyboard(rows))
    # A reply reaches the bot in a group even with privacy mode on.
    await update.effective_chat.send_message(
        t(lang, "adv.ask_reason_reply"), reply_markup=ForceReply(selective=True)
    )
    return REASON


@guarded(Action.APPROVE_ADVISORY, Where.ANY)
@needs_draft(REJECT, "button.expired")
async def reason_button(update: Update, context: Ctx) -> int:
    """One of the usual reasons."""
    button = RejectReason.parse(update.callback_query.data)
    code = button.code if button else REJECT_CODES[0]
    return await _rejected(
        update, context, t(context.services.settings.default_language, f"adv.reason_{code}")
    )


@needs_draft(REJECT, "button.expired")
async def reason_text(update: Update, context: Ctx) -> int:
    """A typed reason."""
    return await _rejected(update, context, (update.effective_message.text or "").strip()[:500])


async def _rejected(update: Update, context: Ctx, reason: str) -> int:
    draft = context.user_data.pop(REJECT)
    advisory = await context.services.advisories.get(int(draft.get("id", 0)))
    if advisory is None or not await _approver_may(update, context, advisory):
        return ConversationHandler.END
    user = update.effective_user
    decision = await context.services.advisories.decide(
        advisory.id or 0, user.id, user.full_name, approve=False, reason=reason
    )
    if decision.done:
        text = t(context.lang, "adv.rejected_toast")
    else:
        text = context.services.advisories.messages.late_press(decision.advisory, context.lang)
    await say(update, text, toast=True, alert=not decision.done)
    return ConversationHandler.END
