"""/audit: the audit log for administrators, in the chat or as a CSV file."""

from __future__ import annotations

import datetime as dt

from telegram import InputFile
from telegram import Update
from telegram.ext import BaseHandler

from bot.ptb.context import Ctx
from bot.services.audit import CSV_LIMIT
from bot.services.audit import to_csv
from bot.services.authz import Action
from bot.texts import t
from bot.texts.when import format_stamp
from bot.texts.when import format_when
from bot.texts.when import zone_name
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command

DEFAULT_LINES = 20
MAX_LINES = 50
# Details are cut in the chat (the CSV has them whole), so 50 lines stay under 4,096 characters.
DETAIL_CHARS = 40


@guarded(Action.VIEW_AUDIT)
async def audit(update: Update, context: Ctx) -> None:
    """/audit [n | action | @person | id] or /audit csv: who did what, newest first."""
    lang = context.lang
    args = context.args or []
    services = context.services
    if args and args[0].lower() == "csv":
        await _send_csv(update, context)
        return
    limit, action, user_id = DEFAULT_LINES, None, None
    if len(args) > 1:
        await say(update, t(lang, "audit.usage"))
        return
    if args:
        word = args[0]
        if word.isdigit() and len(word) <= 3:
            limit = max(1, min(int(word), MAX_LINES))
        elif word.startswith("@") or word.isdigit():
            user_id = await services.users.find(word)
            if user_id is None:
                await say(update, t(lang, "roles.unknown_user", text=word[:64]))
                return
        elif word.replace(".", "").replace("_", "").isalpha() and len(word) <= 32:
            action = word.lower()
        else:
            await say(update, t(lang, "audit.usage"))
            return
    entries = await services.audit.recent(limit, action=action, user_id=user_id)
    if not entries:
        await say(update, t(lang, "audit.none"))
        return
    tz = services.settings.timezone
    lines = [t(lang, "audit.header", count=len(entries), zone=zone_name(tz))]
    for entry in entries:
        actor = entry.actor_label or (str(entry.actor_id) if entry.actor_id else "system")
        if entry.actor_id and entry.actor_label:
            actor = f"{entry.actor_label} ({entry.actor_id})"
        details = entry.details
        if len(details) > DETAIL_CHARS:
            details = details[:DETAIL_CHARS] + "…"
        lines.append(
            t(
                lang,
                "audit.line",
                at=format_when(entry.at, lang, tz, zone=False),
                actor=actor[:48],
                action=entry.action,
                target=entry.target[:48] or "-",
                details=details or "-",
            )
        )
    lines.append(t(lang, "audit.footer"))
    await say(update, "\n".join(lines))


async def _send_csv(update: Update, context: Ctx) -> None:
    services = context.services
    entries = await services.audit.recent(CSV_LIMIT)
    data = to_csv(entries, services.settings.timezone).encode("utf-8")
    tz = services.settings.timezone
    stamp = format_stamp(dt.datetime.now(dt.UTC), tz)
    await update.effective_message.reply_document(
        InputFile(data, filename=f"audit-{stamp}.csv"),
        caption=t(context.lang, "audit.csv_caption", count=len(entries), zone=zone_name(tz)),
    )


def handlers() -> list[BaseHandler]:
    """The handlers of this module."""
    return [command("audit", audit, rank=220)]
