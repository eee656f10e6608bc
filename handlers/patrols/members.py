"""Patrols for everyone on a roster: /ronda (my shifts), /jadwal (the desa's week), check-in
(button or shared location), check-out, swaps, and the koordinator's /statistikronda."""

from __future__ import annotations

import contextlib
import datetime as dt

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import MessageHandler

from bot.callbacks import CallbackData
from bot.commands import Where
from bot.ptb.context import Ctx
from bot.services.area_search import AreaEntry
from bot.services.area_search import Match
from bot.services.authz import Action
from bot.services.patrols import CheckIn
from bot.services.patrols import CheckInResult
from bot.services.patrols import PatrolService
from bot.services.patrols import ShiftView
from bot.services.patrols import SwapResult
from bot.services.patrols.callbacks import AskSwap
from bot.services.patrols.callbacks import CheckInButton
from bot.services.patrols.callbacks import CheckOutButton
from bot.services.patrols.callbacks import EditShift
from bot.services.patrols.callbacks import TakeSwap
from bot.services.reports.callbacks import NewReport
from bot.texts import t
from bot.texts.when import format_date
from bot.texts.when import format_time
from bot.texts.when import zone_name
from handlers.common import keyboard
from handlers.common import pressed
from handlers.common import say
from handlers.guard import guarded
from handlers.menus import command
from handlers.patrols.shared import LOCATION
from handlers.patrols.shared import may_manage
from handlers.patrols.volunteers import stats_line
from handlers.patrols.volunteers import week_line
from handlers.siaga import stats_line as siaga_stats_line
from storage.models import AreaLevel

# A message of /jadwal stays within Telegram's 4096 characters.
WEEK_TEXT_LIMIT = 3900
WEEK_EDIT_BUTTONS = 14

CHECK_IN_ANSWER = {
    CheckIn.ALREADY: "ronda.checkin_already",
    CheckIn.TOO_EARLY: "ronda.checkin_too_early",
    CheckIn.OVER: "ronda.checkin_over",
    CheckIn.CANCELLED: "ronda.cancelled_short",
    CheckIn.FAR: "ronda.checkin_far",
}


# --- /ronda: a member's coming shifts ---------------------------------------------------------


async def my_shifts(update: Update, context: Ctx) -> None:
    """/ronda: the member's next shifts, with check-in for the one that is open and swap for
    later ones."""
    services, lang = context.services, context.lang
    patrols = services.patrols
    user_id = update.effective_user.id
    shifts = await patrols.upcoming_for(user_id)
    coordinates = await services.roles.allowed(user_id, Action.MANAGE_PATROLS)
    if not shifts:
        await say(update, t(lang, "ronda.none_koordinator" if coordinates else "ronda.none"))
        return
    now = dt.datetime.now(dt.UTC)
    rows: list[list[tuple[str, CallbackData]]] = []
    labels = _button_days(lang, patrols, shifts)
    for shift in shifts:
        label = labels[shift.id]
        if patrols.check_in_open(shift, now):
            if user_id not in shift.checked_in:
                rows.append(
                    [(t(lang, "ronda.btn_checkin_short", when=label), CheckInButton(shift.id))]
                )
            rows.append([(t(lang, "ronda.btn_incident"), NewReport(shift.desa_id, shift.id))])
        elif shift.starts_at > now:
            rows.append([(t(lang, "ronda.btn_swap_short", when=label), AskSwap(shift.id))])
    head = t(lang, "ronda.mine_head", zone=zone_name(services.settings.timezone))
    text = head + "\n\n" + "\n\n".join(patrols.line(lang, s, zone=False) for s in shifts)
    if coordinates:
        text += "\n\n" + t(lang, "ronda.mine_koordinator_hint")
    await say(update, text, reply_markup=keyboard(rows[:12]) if rows else None)


def _button_days(lang: str, patrols: PatrolService, shifts: list[ShiftView]) -> dict[int, str]:
    """What a shift's button calls it: its day ("Rab 2 Des"; the whole time would not fit a
    button, the list above has it), or its date and start ("2 Des 22.00") when two listed
    shifts share a day."""
    today = patrols.today()
    days = [patrols.local(s.starts_at).date() for s in shifts]
    labels = {}
    for shift, day in zip(shifts, days, strict=True):
        labels[shift.id] = format_date(day, lang, today=today)
        if days.count(day) > 1:
            start = format_time(shift.starts_at, lang, patrols.shared.tz)
            labels[shift.id] = format_date(day, lang, today=today).split(" ", 1)[1] + " " + start
    return labels


# --- /jadwal: the desa's week ---------------------------------------------------------------------


async def week(update: Update, context: Ctx) -> None:
    """/jadwal [desa]: the desa's roster for the coming seven days."""
    services, lang = context.services, context.lang
    user_id = update.effective_user.id
    typed = " ".join(context.args or [])
    if not typed:
        desas = await services.patrols.desas_of(user_id)
        if not desas:
            await say(update, t(lang, "ronda.week_no_desa"))
            return
        await send_week(update, context, desas[0])
        return
    found = services.areas.resolve(typed, (AreaLevel.DESA,))
    if not isinstance(found, AreaEntry):
        await _no_single_desa(update, context, typed, found)
        return
    holdings = await services.roles.holdings(user_id)
    if not await services.patrols.may_see_roster(user_id, holdings, found.id):
        await say(update, t(lang, "ronda.week_not_yours", desa=found.name))
        return
    await send_week(update, context, found.id)


async def _no_single_desa(update: Update, context: Ctx, typed: str, found: list[Match]) -> None:
    """A command's desa argument names no desa, or several: say so, with the names that would
    work ("Karang Jati (Kec. Lumbang)": two desa of one name are told apart by their kecamatan)."""
    names = ", ".join(context.services.areas.label(m.entry) for m in found[:5])
    key = "ronda.desa_candidates_text" if names else "ronda.desa_not_found"
    await say(update, t(context.lang, key, text=typed[:64], names=names))


async def send_week(update: Update, context: Ctx, desa_id: int) -> None:
    """The desa's coming week, day by day; a koordinator gets ✏️ buttons for editable shifts."""
    services, lang = context.services, context.lang
    patrols = services.patrols
    shifts = await patrols.week(desa_id, patrols.today())
    holdings = await services.roles.holdings(update.effective_user.id)
    coordinates = patrols.may_coordinate(holdings, desa_id)
    desa = patrols.desa_name(desa_id)
    watch = await week_line(context, desa_id, koordinator=coordinates)
    if not shifts:
        key = "ronda.week_empty_koordinator" if coordinates else "ronda.week_empty"
        await say(update, t(lang, key, desa=desa) + "\n\n" + watch)
        return
    by_day: dict[dt.date, list[ShiftView]] = {}
    for shift in shifts:
        by_day.setdefault(patrols.local(shift.starts_at).date(), []).append(shift)
    parts = [t(lang, "ronda.week_head", desa=desa, zone=zone_name(services.settings.timezone))]
    parts.append(watch)
    for day, own in by_day.items():
        lines = "\n".join(patrols.line(lang, s, day=False, zone=False) for s in own)
        parts.append(f"<b>{format_date(day, lang, today=patrols.today())}</b>\n{lines}")
    rows: list[list[tuple[str, EditShift]]] = []
    now = dt.datetime.now(dt.UTC)
    if coordinates:
        for shift in shifts:
            if patrols.editable(shift, now) and len(rows) < WEEK_EDIT_BUTTONS:
                when = patrols.when(lang, shift.starts_at, shift.ends_at, zone=False)
                label = f"✏️ {when} {shift.post or ''}".strip()[:60]
                rows.append([(label, EditShift("ed", shift.id))])
    text = "\n\n".join(parts)
    if len(text) > WEEK_TEXT_LIMIT:
        text = text[:WEEK_TEXT_LIMIT].rsplit("\n", 1)[0] + "\n…"
    await say(update, text, reply_markup=keyboard(rows) if rows else None)


# --- check-in, check-out, swaps -------------------------------------------------------------------


async def check_in_button(update: Update, context: Ctx) -> None:
    """✅ Saya sudah di pos."""
    button = pressed(update, CheckInButton)
    result = await context.services.patrols.check_in(update.effective_user.id, button.shift_id)
    await _answer_check_in(update, context, result)


async def check_in_location(update: Update, context: Ctx) -> None:
    """A shared (live) location from a member whose shift is open: a check-in at that place."""
    location = update.effective_message.location
    result = await context.services.patrols.check_in(
        update.effective_user.id,
        None,
        latitude=location.latitude,
        longitude=location.longitude,
    )
    await _answer_check_in(update, context, result)


async def _answer_check_in(update: Update, context: Ctx, result: CheckInResult) -> None:
    lang, patrols = context.lang, context.services.patrols
    shift = result.shift
    values = {}
    if shift is not None:
        values = {
            "when": patrols.when(lang, shift.starts_at, shift.ends_at),
            "where": patrols.where(lang, shift),
        }
    if result.outcome is CheckIn.DONE:
        key = "ronda.checked_in" if result.on_time else "ronda.checked_in_late"
    elif result.outcome is CheckIn.NOT_MEMBER:
        key = "ronda.not_member" if shift else "ronda.location_no_shift"
    else:
        key = CHECK_IN_ANSWER[result.outcome]
    text = t(lang, key, km=f"{result.km:.1f}", late=result.late_minutes, **values)
    done = result.outcome is CheckIn.DONE
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, "ronda.checked_in_toast") if done else None)
    markup = None
    if done and shift is not None:
        markup = keyboard([[(t(lang, "ronda.btn_incident"), NewReport(shift.desa_id, shift.id))]])
    await update.effective_message.reply_text(text, reply_markup=markup)


async def check_out_button(update: Update, context: Ctx) -> None:
    """✅ Aman / ⚠️ Ada kejadian at the end of a shift."""
    query = update.callback_query
    button = pressed(update, CheckOutButton)
    key, shift = await context.services.patrols.check_out(
        update.effective_user.id, button.shift_id, button.outcome
    )
    lang = context.lang
    await query.answer()
    with contextlib.suppress(Exception):
        await query.edit_message_reply_markup(None)
    markup = None
    if key == "ronda.checkout_incident" and shift is not None:
        markup = keyboard([[(t(lang, "ronda.btn_report_now"), NewReport(shift.desa_id, shift.id))]])
    await update.effective_message.reply_text(t(lang, key), reply_markup=markup)


async def swap_button(update: Update, context: Ctx) -> None:
    """🔁 Minta tukar: offered to the desa's other watch members."""
    button = pressed(update, AskSwap)
    result = await context.services.patrols.ask_swap(update.effective_user.id, button.shift_id)
    await _answer_swap(update, context, result)


async def take_button(update: Update, context: Ctx) -> None:
    """🙋 Saya gantikan."""
    button = pressed(update, TakeSwap)
    result = await context.services.patrols.take_swap(
        update.effective_user.id, button.swap_id, context.lang
    )
    if result.ok:
        with contextlib.suppress(Exception):
            await update.callback_query.edit_message_reply_markup(None)
    await _answer_swap(update, context, result)


async def _answer_swap(update: Update, context: Ctx, result: SwapResult) -> None:
    lang, patrols = context.lang, context.services.patrols
    values = dict(result.values)
    if result.shift is not None:
        values.setdefault("when", patrols.when(lang, result.shift.starts_at, result.shift.ends_at))
        values.setdefault("where", patrols.where(lang, result.shift))
    await say(update, t(lang, result.key, **values))


# --- /statistikronda --------------------------------------------------------------------------


@guarded(Action.MANAGE_PATROLS, Where.ANY)
async def statistics(update: Update, context: Ctx) -> None:
    """/statistikronda [desa]: the last 30 days of the desa (or of everything the role covers)."""
    services, lang = context.services, context.lang
    typed = " ".join(context.args or [])
    holdings = await services.roles.holdings(update.effective_user.id)
    if typed:
        found = services.areas.resolve(typed, (AreaLevel.DESA,))
        if not isinstance(found, AreaEntry):
            await _no_single_desa(update, context, typed, found)
            return
        if await may_manage(update, context, found.id):
            await send_stats(update, context, [found.id], found.name)
        return
    desa_ids = services.patrols.coordinated_desa(holdings)
    if desa_ids is None:
        await send_stats(update, context, None, t(lang, "ronda.stats_everything"))
        return
    names = ", ".join(services.patrols.desa_name(d) for d in desa_ids[:5])
    if len(desa_ids) > 5:
        names += t(lang, "ronda.stats_more", n=len(desa_ids) - 5)
    await send_stats(update, context, desa_ids, names or "—")


async def send_stats(update: Update, context: Ctx, desa_ids: list[int] | None, label: str) -> None:
    """The figures of the last 30 days of these desa (None: every desa)."""
    lang = context.lang
    stats = await context.services.patrols.stats(desa_ids)
    held_pct = f"{100 * stats.held_share:.0f}" if stats.held_share is not None else "—"
    on_time_pct = f"{100 * stats.on_time_share:.0f}" if stats.on_time_share is not None else "—"
    median = f"{stats.median_late:.0f}" if stats.median_late is not None else "—"
    per_desa = "\n".join(
        t(lang, "ronda.stats_desa_line", desa=name, held=held, missed=missed)
        for name, (held, missed) in list(stats.per_desa.items())[:10]
    )
    text = t(
        lang,
        "ronda.stats",
        label=label,
        days=stats.days,
        held=stats.held,
        missed=stats.missed,
        cancelled=stats.cancelled,
        held_pct=held_pct,
        checkins=stats.checkins,
        expected=stats.expected_checkins,
        on_time_pct=on_time_pct,
        median=median,
        seen=stats.incidents_seen,
        reports=stats.reports,
        per_desa=per_desa or "—",
    )
    text += "\n\n" + await stats_line(context, desa_ids)
    text += await siaga_stats_line(context, desa_ids)
    await say(update, text)


def handlers() -> list[BaseHandler]:
    """/ronda, /jadwal, /statistikronda, the buttons of a shift, a shared location."""
    return [
        command("ronda", my_shifts, rank=110, aliases=("patrol",)),
        command("jadwal", week, rank=120, aliases=("roster",)),
        command("statistikronda", statistics, rank=380, aliases=("patrolstats",)),
        CallbackQueryHandler(check_in_button, pattern=CheckInButton.pattern()),
        CallbackQueryHandler(check_out_button, pattern=CheckOutButton.pattern()),
        CallbackQueryHandler(swap_button, pattern=AskSwap.pattern()),
        CallbackQueryHandler(take_button, pattern=TakeSwap.pattern()),
        MessageHandler(LOCATION, check_in_location),
    ]
