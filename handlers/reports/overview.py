"""/statistik and /eksporlaporan: the police's overview of the reports they may see."""

from __future__ import annotations

import datetime as dt

from telegram import InputFile
from telegram import Update
from telegram.ext import BaseHandler

from bot.commands import Where
from bot.ptb.context import Ctx
from bot.services.authz import Action as Authz
from bot.services.reports import messages
from bot.texts import t
from bot.texts.when import format_stamp
from bot.texts.when import zone_name
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command


async def _scope(update: Update, context: Ctx) -> tuple[set[int] | None, str]:
    """The Polsek whose reports this person may see (None: all), and its name for people."""
    services = context.services
    holdings = await services.roles.holdings(update.effective_user.id)
    polsek_ids = services.reports.visible_polsek(holdings)
    if polsek_ids is None:
        return None, t(context.lang, "reports.stats_everything")
    names = [p.name for p in await services.areas.polsek_list() if p.id in polsek_ids]
    return polsek_ids, ", ".join(names) or "-"


@guarded(Authz.VIEW_REPORTS, Where.ANY)
async def statistics(update: Update, context: Ctx) -> None:
    """/statistik: counts by status, category, desa and week."""
    polsek_ids, scope = await _scope(update, context)
    stats = await context.services.reports.stats(polsek_ids)
    await say(update, messages.stats_text(context.lang, stats, scope))


@guarded(Authz.VIEW_REPORTS, Where.ANY)
async def export(update: Update, context: Ctx) -> None:
    """/eksporlaporan: every report in the person's scope as a CSV file, here."""
    polsek_ids, scope = await _scope(update, context)
    user = update.effective_user
    text, count = await context.services.reports.export_csv(
        polsek_ids, actor_id=user.id, actor_label=user.full_name
    )
    lang = context.lang
    if not count:
        await say(update, t(lang, "reports.export_none", scope=scope))
        return
    tz = context.services.settings.timezone
    stamp = format_stamp(dt.datetime.now(dt.UTC), tz)
    await update.effective_message.reply_document(
        InputFile(text.encode("utf-8"), filename=f"laporan-{stamp}.csv"),
        caption=t(lang, "reports.export_caption", count=count, scope=scope, zone=zone_name(tz)),
    )


def handlers() -> list[BaseHandler]:
    """/statistik and /eksporlaporan."""
    return [
        command("statistik", statistics, rank=330, aliases=("stats",)),
        command("eksporlaporan", export, rank=340, aliases=("exportreports",)),
    ]
