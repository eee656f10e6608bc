"""/pengiriman <id>: how a delivery went and who did not get it; an administrator sees every
delivery, an author only the ones they started."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.delivery.progress import number
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.reports.types import REPORTER_KINDS
from bot.texts import t
from bot.texts.when import format_date
from handlers.guard import guarded
from handlers.menus import command

# Not-delivered recipients listed in the chat; the CLI prints the whole ledger.
LEDGER_LINES = 20


@guarded(Action.VIEW_DELIVERIES)
async def delivery_status(update: Update, context: Ctx) -> None:
    """Show a delivery's counts and the recipients it did not reach (admins: any delivery;
    others: their own, told as not found otherwise)."""
    message = update.effective_message
    lang = context.lang
    if len(context.args or []) != 1 or not context.args[0].isdigit():
        await message.reply_text(t(lang, "delivery.usage"))
        return
    delivery_id = int(context.args[0])
    status = await context.services.delivery.status(delivery_id)
    user_id = update.effective_user.id
    if status is not None and status.created_by != user_id:
        if not await context.services.roles.is_admin(user_id):
            status = None
    if status is None:
        await message.reply_text(t(lang, "delivery.not_found", id=delivery_id))
        return
    c = status.counts
    lines = [
        t(
            lang,
            "delivery.status",
            id=delivery_id,
            kind=status.kind,
            ref=f", {status.ref}" if status.ref else "",
            state=t(lang, f"delivery.state.{status.state.value}"),
            **{
                key: number(getattr(c, key), lang)
                for key in ("sent", "total", "failed", "blocked", "cancelled", "pending")
            },
        )
    ]
    if status.compacted_at is not None:
        day = status.compacted_at.astimezone(context.services.settings.timezone).date()
        lines.append(t(lang, "delivery.compacted", date=format_date(day, lang)))
    missing = [e for e in await context.services.delivery.ledger(delivery_id) if e.status != "sent"]
    if missing:
        lines.append(t(lang, "delivery.ledger_header", limit=LEDGER_LINES))
        hidden = status.kind in REPORTER_KINDS  # the recipient is who made a report
        for entry in missing[:LEDGER_LINES]:
            lines.append(
                t(
                    lang,
                    "delivery.ledger_line",
                    chat=t(lang, "delivery.reporter_hidden") if hidden else entry.chat_id,
                    # Names are up to 512 characters; 20 long ones would pass Telegram's 4,096.
                    name=f" {entry.name[:64]}" if entry.name and not hidden else "",
                    status=entry.status,
                    error=entry.error or "-",
                )
            )
        if len(missing) > LEDGER_LINES:
            more = number(len(missing) - LEDGER_LINES, lang)
            lines.append(t(lang, "delivery.ledger_more", count=more, id=delivery_id))
    await message.reply_text("\n".join(lines))


def handlers() -> list[BaseHandler]:
    """The handlers of this module."""
    return [command("pengiriman", delivery_status, rank=290, aliases=("delivery",))]
