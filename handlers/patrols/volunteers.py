"""Volunteers for ronda in the chat (the service: bot/services/patrols/volunteers.py).

/ikutronda shows where a resident stands with their home desa's watch and what they can do:
ask to join (after a confirmation saying who will see their name), withdraw a waiting request,
or leave. A koordinator decides with Terima / Tolak under the request, or from the desa's list
(/aturronda → 🙋 Relawan, `send_list`), where they can also remove a volunteer. The lines that
count the watch in /jadwal and /statistikronda are here too (`week_line`, `stats_line`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler

from bot.callbacks import CallbackData
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.patrols import Standing
from bot.services.patrols import VolunteerResult
from bot.services.patrols.callbacks import VolunteerAction
from bot.services.patrols.callbacks import VolunteerDecision
from bot.texts import t
from bot.texts.when import format_date
from bot.texts.when import format_when
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command
from handlers.patrols.shared import may_manage

# The koordinator's list shows at most this many requests and this many volunteers.
LIST_LIMIT = 15

Rows = list[list[tuple[str, CallbackData]]]


# --- /ikutronda -----------------------------------------------------------------------------------


async def start(update: Update, context: Ctx) -> None:
    """/ikutronda: where the person stands with their desa's watch, and the next step (and a
    way out of the watch of a desa they no longer live in)."""
    lang = context.lang
    standing = await context.services.patrols.volunteer_standing(update.effective_user.id)
    text, rows = _standing_view(context, standing)
    for desa_id, desa in standing.elsewhere:
        text += "\n\n" + t(lang, "relawan.elsewhere", desa=desa)
        rows.append(
            [(t(lang, "relawan.btn_leave_desa", desa=desa), VolunteerAction("leave", desa_id))]
        )
    await say(update, text, reply_markup=keyboard(rows) if rows else None)


def _standing_view(context: Ctx, standing: Standing) -> tuple[str, Rows]:
    lang, tz = context.lang, context.services.settings.timezone
    desa_id = standing.desa_id or 0
    values = {"desa": standing.desa}
    if standing.state == "no_home":
        return t(lang, "relawan.no_home"), []
    if standing.state == "by_role":
        return t(lang, "relawan.by_role", **values), []
    if standing.state in ("pending", "accepted") and standing.since is not None:
        since = format_when(standing.since, lang, tz)
        if standing.state == "pending":
            withdraw = (t(lang, "relawan.btn_withdraw"), VolunteerAction("sure", desa_id))
            return t(lang, "relawan.pending", since=since, **values), [[withdraw]]
        leave = (t(lang, "relawan.btn_leave"), VolunteerAction("leave", desa_id))
        return t(lang, "relawan.accepted_status", since=since, **values), [[leave]]
    if standing.state == "cooldown" and standing.until is not None:
        date = format_date(standing.until.astimezone(tz).date(), lang)
        return t(lang, "relawan.cooldown_status", date=date, **values), []
    rows: Rows = [
        [(t(lang, "relawan.btn_send"), VolunteerAction("ask", desa_id))],
        [(t(lang, "relawan.btn_no"), VolunteerAction("no", desa_id))],
    ]
    return t(lang, "relawan.confirm", name=standing.name, **values), rows


async def own_button(update: Update, context: Ctx) -> None:
    """The volunteer's buttons: send the request, leave (asked first), withdraw, not now."""
    button = pressed(update, VolunteerAction)
    patrols, lang = context.services.patrols, context.lang
    user_id = update.effective_user.id
    await update.callback_query.answer()
    if button.verb == "no":
        await say(update, t(lang, "relawan.nothing_done"), edit=True)
        return
    if button.verb == "leave":
        desa = patrols.desa_name(button.desa_id)
        sure = keyboard(
            [
                [(t(lang, "relawan.btn_leave_yes"), VolunteerAction("sure", button.desa_id))],
                [(t(lang, "relawan.btn_no"), VolunteerAction("no", button.desa_id))],
            ]
        )
        await say(update, t(lang, "relawan.leave_sure", desa=desa), edit=True, reply_markup=sure)
        return
    if button.verb == "ask":
        result = await patrols.volunteer(user_id, button.desa_id)
    else:
        result = await patrols.leave_watch(user_id, button.desa_id)
    await say(update, t(lang, result.key, **result.values), edit=True)


# --- a koordinator's decisions -------------------------------------------------------------------


@guarded(Action.MANAGE_PATROLS)
async def decision_button(update: Update, context: Ctx) -> None:
    """Terima / Tolak a request, Keluarkan a volunteer (asked first): only for whoever
    coordinates the desa; the first decision wins."""
    button = pressed(update, VolunteerDecision)
    patrols, lang = context.services.patrols, context.lang
    desa_id = await patrols.volunteer_desa(button.volunteer_id)
    if desa_id is None:
        await say(update, t(lang, "relawan.gone"), toast=True)
        return
    if not await may_manage(update, context, desa_id):
        return
    if button.verb == "rm":
        await _ask_remove(update, context, desa_id, button.volunteer_id)
        return
    user_id = update.effective_user.id
    holdings = await context.services.roles.holdings(user_id)
    if button.verb == "rmy":
        result = await patrols.remove_volunteer(user_id, holdings, button.volunteer_id)
    else:
        result = await patrols.decide_volunteer(
            user_id, holdings, button.volunteer_id, button.verb == "a"
        )
    await _answer_decision(update, context, result, desa_id, button)


async def _ask_remove(update: Update, context: Ctx, desa_id: int, volunteer_id: int) -> None:
    patrols, lang = context.services.patrols, context.lang
    _, accepted = await patrols.volunteers(desa_id)
    found = next((v for v in accepted if v.id == volunteer_id), None)
    if found is None:
        await say(update, t(lang, "relawan.not_member_now", name="—"), toast=True)
        return
    sure = keyboard(
        [
            [(t(lang, "relawan.btn_remove_yes"), VolunteerDecision("rmy", volunteer_id))],
            [(t(lang, "relawan.btn_no"), VolunteerAction("no", desa_id))],
        ]
    )
    desa = patrols.desa_name(desa_id)
    await say(update, t(lang, "relawan.remove_sure", name=found.name, desa=desa), reply_markup=sure)


async def _answer_decision(
    update: Update,
    context: Ctx,
    result: VolunteerResult,
    desa_id: int,
    button: VolunteerDecision,
) -> None:
    """A refusal or a late press as a pop-up; a decision in place of the pressed message (a
    single request or a confirmation), or as a new message under a refreshed list."""
    lang = context.lang
    text = t(lang, result.key, **result.values)
    if not result.ok:
        await say(update, text, toast=True)
        return
    query = update.callback_query
    await query.answer()
    if _only_about(query.message, button.volunteer_id):
        await say(update, text, edit=True)
        return
    listing, rows = await _list_view(context, desa_id)
    with contextlib.suppress(Exception):
        await query.edit_message_text(listing, reply_markup=keyboard(rows) if rows else None)
    await update.effective_message.reply_text(text)


def _only_about(message: object, volunteer_id: int) -> bool:
    """Whether every button of the message is about this one request (not the desa's list)."""
    markup = getattr(message, "reply_markup", None)
    if not isinstance(markup, InlineKeyboardMarkup):
        return True
    for row in markup.inline_keyboard:
        for key in row:
            data = key.callback_data if isinstance(key.callback_data, str) else None
            parsed = VolunteerDecision.parse(data)
            if parsed is not None and parsed.volunteer_id != volunteer_id:
                return False
    return True


# --- the desa's list (/aturronda → 🙋 Relawan) ---------------------------------------------------


async def send_list(update: Update, context: Ctx, desa_id: int) -> None:
    """The desa's waiting requests (Terima / Tolak) and volunteers (Keluarkan), numbered."""
    text, rows = await _list_view(context, desa_id)
    await say(update, text, reply_markup=keyboard(rows) if rows else None)


async def _list_view(context: Ctx, desa_id: int) -> tuple[str, Rows]:
    patrols, lang = context.services.patrols, context.lang
    tz = context.services.settings.timezone
    pending, accepted = await patrols.volunteers(desa_id)
    parts = [t(lang, "relawan.list_head", desa=patrols.desa_name(desa_id))]
    rows: Rows = []
    if not pending and not accepted:
        parts.append(t(lang, "relawan.list_none"))
    number = 0
    for heading, group in (("relawan.list_pending", pending), ("relawan.list_accepted", accepted)):
        if not group:
            continue
        lines = [t(lang, heading, n=len(group))]
        for volunteer in group[:LIST_LIMIT]:
            number += 1
            since = format_date(volunteer.since.astimezone(tz).date(), lang)
            lines.append(t(lang, "relawan.list_line", n=number, name=volunteer.name, since=since))
            if volunteer in pending:
                rows.append(
                    [
                        (
                            t(lang, "relawan.btn_accept_n", n=number),
                            VolunteerDecision("a", volunteer.id),
                        ),
                        (
                            t(lang, "relawan.btn_reject_n", n=number),
                            VolunteerDecision("r", volunteer.id),
                        ),
                    ]
                )
            else:
                rows.append(
                    [
                        (
                            t(lang, "relawan.btn_remove_n", n=number),
                            VolunteerDecision("rm", volunteer.id),
                        )
                    ]
                )
        if len(group) > LIST_LIMIT:
            lines.append(t(lang, "relawan.list_more", n=len(group) - LIST_LIMIT))
        parts.append("\n".join(lines))
    return "\n\n".join(parts), rows


# --- the counts in /jadwal and /statistikronda ---------------------------------------------------


async def week_line(context: Ctx, desa_id: int, *, koordinator: bool) -> str:
    """How many members the desa's watch has, how many are volunteers (and, for a
    koordinator, how many requests wait)."""
    lang = context.lang
    count = await context.services.patrols.watch_count([desa_id])
    text = t(lang, "relawan.week_line", members=count.members, volunteers=count.volunteers)
    if koordinator and count.pending:
        text += "\n" + t(lang, "relawan.week_pending", n=count.pending)
    return text


async def stats_line(context: Ctx, desa_ids: Sequence[int] | None) -> str:
    """The watch of these desa (None: every desa) in one line of /statistikronda."""
    count = await context.services.patrols.watch_count(desa_ids)
    return t(
        context.lang,
        "relawan.stats_line",
        members=count.members,
        volunteers=count.volunteers,
        pending=count.pending,
    )


def handlers() -> list[BaseHandler]:
    """/ikutronda and the buttons of volunteers."""
    return [
        command("ikutronda", start, rank=125, aliases=("volunteer",)),
        CallbackQueryHandler(own_button, pattern=VolunteerAction.pattern()),
        CallbackQueryHandler(decision_button, pattern=VolunteerDecision.pattern()),
    ]
