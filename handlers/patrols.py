"""Patrols (ronda) in the chat: /ronda, /jadwal, the koordinator's /aturronda and shift edits,
check-in (button or shared location), check-out, swaps, /statistikronda, and the JobQueue jobs
that carry every shift through its moments (bot/services/patrols.py).

Button data:
    pa:...                     the /aturronda conversation's own buttons
    pt:ed|eh|em|ec|ecy:<id>    a koordinator edits one shift (menu, hours, members, cancel, sure)
    pt:in:<id>                 "Saya sudah di pos" (check-in)
    pt:out:<id>:aman|kejadian  how the watch went (check-out)
    pt:sw:<id>                 a member asks to swap the shift
    pt:tk:<swap id>            another member takes it
    lp:new:d:<desa>:r:<shift>  report what was seen on patrol (handlers/reports.py)

One job per shift, `ronda:shift:<id>` (its id is its name, so replacing it costs nothing), runs
at the shift's next moment and schedules the one after; shifts get it once their next moment is
within WINDOW (48 hours), by the hourly `ronda:window` job.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable

from apscheduler.jobstores.base import JobLookupError
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.commands import Where
from bot.context import App, Ctx
from bot.services.area_search import AreaEntry
from bot.services.authz import Action
from bot.services.patrols import (
    MAX_WEEKS,
    CheckIn,
    CheckInResult,
    PatrolError,
    SchedulePlan,
    ShiftView,
    SwapResult,
    clock,
    parse_days,
    parse_hours,
    parse_teams,
)
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.conversation import conversation
from handlers.guard import allowed_at, guarded
from storage.models import AreaLevel, Role, ShiftStatus

log = logging.getLogger(__name__)

DRAFT = "aturronda"
EDIT = "ubahronda"
TIMEOUT_SECONDS = 20 * 60
RETRY_SECONDS = 60
# Shifts get their job this long before their next moment; the window is refilled every hour.
WINDOW = dt.timedelta(hours=48)
WINDOW_REFILL = dt.timedelta(hours=1)
WINDOW_JOB = "ronda:window"
# States of /aturronda.
DESA, MENU, POST, POST_NAME, POST_PLACE, HOURS, DAYS, WEEKS, TEAMS, CONFIRM = (
    "desa",
    "menu",
    "post",
    "post_name",
    "post_place",
    "hours",
    "days",
    "weeks",
    "teams",
    "confirm",
)
# States of a single shift's edit.
EDIT_HOURS, EDIT_MEMBERS = "edit_hours", "edit_members"

_EDIT = re.compile(r"^pt:(ed|eh|em|ec|ecy):(\d{1,9})$")
_CHECKIN = re.compile(r"^pt:in:(\d{1,9})$")
_CHECKOUT = re.compile(r"^pt:out:(\d{1,9}):(aman|kejadian)$")
_SWAP = re.compile(r"^pt:sw:(\d{1,9})$")
_TAKE = re.compile(r"^pt:tk:(\d{1,9})$")
WEEK_CHOICES = (1, 2, 4, 8)
DAY_CHOICES = ("0123456", "01234", "56")
PRIVATE_TEXT = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND


def _job_name(shift_id: int) -> str:
    return f"ronda:shift:{shift_id}"


# --- jobs -----------------------------------------------------------------------------------------


def schedule(
    context: Ctx | App, shift_id: int, when: dt.datetime | None, now: dt.datetime | None = None
) -> None:
    """Run the shift's next moment at `when` (None: it needs nothing more; its job goes).

    Only moments within WINDOW get a job; the hourly `ronda:window` job adds the later ones as
    they come near, so the scheduler holds a few days' shifts however far rosters reach."""
    name = _job_name(shift_id)
    now = now or dt.datetime.now(dt.UTC)
    if when is None or when > now + WINDOW:
        with contextlib.suppress(JobLookupError):
            context.job_queue.scheduler.remove_job(name)
        return
    # At the moment itself (a time, not a delay: no drift); a past one runs at once.
    context.job_queue.run_once(
        _moment,
        when=max(when, now),
        data=shift_id,
        name=name,
        job_kwargs={"id": name, "replace_existing": True, "misfire_grace_time": None},
    )


async def _moment(context: Ctx) -> None:
    """The job: handle what is due, then wait for the next moment. A failure (the database
    away) is retried in a minute; the stamps make a retry safe."""
    shift_id = int(context.job.data)
    try:
        due = await context.services.patrols.advance(shift_id)
    except Exception:
        log.exception("Shift %s: its moment failed; retrying in %s s", shift_id, RETRY_SECONDS)
        due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=RETRY_SECONDS)
    schedule(context, shift_id, due)


async def fill_window(context: Ctx | App, now: dt.datetime | None = None) -> int:
    """Give every shift whose next moment falls within WINDOW of `now` its job (replacing
    the job of one that has it); returns how many."""
    now = now or dt.datetime.now(dt.UTC)
    services = context.bot_data.services
    due = await services.patrols.pending(until=now + WINDOW)
    for shift_id, when in due:
        schedule(context, shift_id, when, now)
    return len(due)


async def _window(context: Ctx) -> None:
    await fill_window(context)


async def rebuild_jobs(application: App) -> None:
    """At start-up: the jobs of the shifts that need the bot within WINDOW, from the database,
    and the hourly job that keeps the window filled. Moments missed while the bot was down run
    at once (the database makes sure each runs once)."""
    await fill_window(application)
    application.job_queue.run_repeating(
        _window,
        interval=WINDOW_REFILL,
        first=WINDOW_REFILL,
        name=WINDOW_JOB,
        job_kwargs={"id": WINDOW_JOB, "replace_existing": True},
    )


# --- small helpers --------------------------------------------------------------------------------


def _kb(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def _error(context: Ctx, error: PatrolError) -> str:
    return t(context.lang, error.key, **error.values)


async def _may_manage(update: Update, context: Ctx, desa_id: int) -> bool:
    """Whether the sender coordinates this desa's ronda; otherwise refused and audited."""
    patrols = context.services.patrols
    place = patrols.place(desa_id)
    return await allowed_at(
        update, context, Action.MANAGE_PATROLS, place, f"Desa {patrols.desa_name(desa_id)}"
    )


def _draft(context: Ctx) -> dict | None:
    return context.user_data.get(DRAFT)


async def _lost(update: Update, context: Ctx) -> int:
    """A button of a finished or expired conversation."""
    context.user_data.pop(DRAFT, None)
    if update.callback_query is not None:
        await update.callback_query.answer(t(context.lang, "ronda.lost"), show_alert=True)
    else:
        await update.effective_message.reply_text(t(context.lang, "ronda.lost"))
    return ConversationHandler.END


def _line(context: Ctx, shift: ShiftView, *, day: bool = True) -> str:
    """One shift in a list: its time, where, who (✅ checked in)."""
    patrols, lang = context.services.patrols, context.lang
    start, end = patrols.local(shift.starts_at), patrols.local(shift.ends_at)
    hours = f"{start:%H:%M}–{end:%H:%M}"
    when = patrols.when(lang, shift.starts_at, shift.ends_at) if day else hours
    names = ", ".join(
        name + (" ✅" if uid in shift.checked_in else "") for uid, name in shift.members
    )
    status = (
        "" if shift.status is ShiftStatus.PLANNED else t(lang, f"ronda.status_{shift.status.value}")
    )
    return t(
        lang,
        "ronda.line",
        when=when,
        post=shift.post or "—",
        members=names or t(lang, "ronda.nobody"),
        status=status,
    )


# --- /ronda: a member's coming shifts ---------------------------------------------------------


async def my_shifts(update: Update, context: Ctx) -> None:
    """The member's next shifts, with check-in for the one that is open and swap for later
    ones."""
    services, lang = context.services, context.lang
    user_id = update.effective_user.id
    shifts = await services.patrols.upcoming_for(user_id)
    coordinates = await services.roles.allowed(user_id, Action.MANAGE_PATROLS)
    if not shifts:
        key = "ronda.none_koordinator" if coordinates else "ronda.none"
        await update.effective_message.reply_text(t(lang, key))
        return
    now = dt.datetime.now(dt.UTC)
    rows: list[list[tuple[str, str]]] = []
    lines = []
    for shift in shifts:
        lines.append(_line(context, shift))
        label = services.patrols.when(lang, shift.starts_at, shift.ends_at)[:40]
        if shift.starts_at - dt.timedelta(minutes=30) <= now < shift.ends_at:
            if user_id not in shift.checked_in:
                rows.append([(t(lang, "ronda.btn_checkin_short", when=label), f"pt:in:{shift.id}")])
            rows.append([(t(lang, "ronda.btn_incident"), f"lp:new:d:{shift.desa_id}:r:{shift.id}")])
        elif shift.starts_at > now:
            rows.append([(t(lang, "ronda.btn_swap_short", when=label), f"pt:sw:{shift.id}")])
    text = t(lang, "ronda.mine_head") + "\n\n" + "\n\n".join(lines)
    if coordinates:
        text += "\n\n" + t(lang, "ronda.mine_koordinator_hint")
    await update.effective_message.reply_text(text, reply_markup=_kb(rows[:12]) if rows else None)


# --- /jadwal: the desa's week ---------------------------------------------------------------------


async def week(update: Update, context: Ctx) -> None:
    """The desa's roster for the coming seven days: `/jadwal [desa]`."""
    services, lang = context.services, context.lang
    user_id = update.effective_user.id
    typed = " ".join(context.args or [])
    if typed:
        found = services.areas.resolve(typed, (AreaLevel.DESA,))
        if not isinstance(found, AreaEntry):
            names = ", ".join(m.entry.name for m in (found or [])[:5])
            key = "ronda.desa_candidates_text" if names else "ronda.desa_not_found"
            await update.effective_message.reply_text(t(lang, key, text=typed[:64], names=names))
            return
        desa_id = found.id
        # Names on a roster are for the desa's own people and its koordinators.
        holdings = await services.roles.holdings(user_id)
        if desa_id not in await services.patrols.desas_of(
            user_id
        ) and not services.patrols.may_coordinate(holdings, desa_id):
            await update.effective_message.reply_text(
                t(lang, "ronda.week_not_yours", desa=found.name)
            )
            return
    else:
        desas = await services.patrols.desas_of(user_id)
        if not desas:
            await update.effective_message.reply_text(t(lang, "ronda.week_no_desa"))
            return
        desa_id = desas[0]
    await _send_week(update, context, desa_id)


async def _send_week(update: Update, context: Ctx, desa_id: int) -> None:
    services, lang = context.services, context.lang
    patrols = services.patrols
    today = patrols.today()
    shifts = await patrols.week(desa_id, today)
    holdings = await services.roles.holdings(update.effective_user.id)
    coordinates = patrols.may_coordinate(holdings, desa_id)
    desa = patrols.desa_name(desa_id)
    if not shifts:
        key = "ronda.week_empty_koordinator" if coordinates else "ronda.week_empty"
        await update.effective_message.reply_text(t(lang, key, desa=desa))
        return
    by_day: dict[dt.date, list[ShiftView]] = {}
    for shift in shifts:
        by_day.setdefault(patrols.local(shift.starts_at).date(), []).append(shift)
    parts = [t(lang, "ronda.week_head", desa=desa)]
    for day, own in by_day.items():
        label = _date(context, day)
        parts.append(f"<b>{label}</b>\n" + "\n".join(_line(context, s, day=False) for s in own))
    rows: list[list[tuple[str, str]]] = []
    now = dt.datetime.now(dt.UTC)
    if coordinates:
        for shift in shifts:
            if shift.status is ShiftStatus.PLANNED and shift.ends_at > now and len(rows) < 14:
                when = patrols.when(lang, shift.starts_at, shift.ends_at).removesuffix(" WIB")
                rows.append([(f"✏️ {when} {shift.post or ''}".strip()[:60], f"pt:ed:{shift.id}")])
    text = "\n\n".join(parts)
    if len(text) > 3900:
        text = text[:3900].rsplit("\n", 1)[0] + "\n…"
    await update.effective_message.reply_text(text, reply_markup=_kb(rows) if rows else None)


# --- /aturronda: a koordinator makes a schedule -------------------------------------------------


async def _desas_in_scope(context: Ctx, user_id: int) -> list[int]:
    """The desa a koordinator's roles name directly (their own desa)."""
    holdings = await context.services.roles.holdings(user_id)
    found = []
    for holding in holdings:
        area_id = holding.scope.area_id
        if area_id is None:
            continue
        entry = context.services.areas.get(area_id)
        if (
            entry is not None
            and entry.level is AreaLevel.DESA
            and holding.role
            in (
                Role.PEMUDA,
                Role.POLISI,
            )
        ):
            if context.services.patrols.may_coordinate(holdings, area_id) and area_id not in found:
                found.append(area_id)
    return found


@guarded(Action.MANAGE_PATROLS)
async def start(update: Update, context: Ctx) -> str | int:
    """/aturronda [desa]: which desa, then what to do."""
    context.user_data[DRAFT] = {}
    typed = " ".join(context.args or [])
    if typed:
        return await _desa_from_text(update, context, typed)
    own = await _desas_in_scope(context, update.effective_user.id)
    if len(own) == 1:
        return await _set_desa(update, context, own[0])
    await update.effective_message.reply_text(t(context.lang, "ronda.ask_desa"))
    return DESA


async def desa_typed(update: Update, context: Ctx) -> str | int:
    if _draft(context) is None:
        return await _lost(update, context)
    return await _desa_from_text(update, context, update.effective_message.text or "")


async def _desa_from_text(update: Update, context: Ctx, text: str) -> str | int:
    found = context.services.areas.resolve(text, (AreaLevel.DESA,))
    lang = context.lang
    if isinstance(found, AreaEntry):
        return await _set_desa(update, context, found.id)
    if not found:
        shown = " ".join(text.split())[:64] or "…"
        await update.effective_message.reply_text(t(lang, "ronda.desa_not_found", text=shown))
        return DESA
    rows = [
        [(context.services.areas.label(m.entry)[:60], f"pa:desa:{m.entry.id}")] for m in found[:8]
    ]
    await update.effective_message.reply_text(
        t(lang, "ronda.desa_candidates"), reply_markup=_kb(rows)
    )
    return DESA


async def desa_chosen(update: Update, context: Ctx) -> str | int:
    if _draft(context) is None:
        return await _lost(update, context)
    await update.callback_query.answer()
    return await _set_desa(
        update, context, int(update.callback_query.data.removeprefix("pa:desa:"))
    )


async def _set_desa(update: Update, context: Ctx, desa_id: int) -> str | int:
    patrols = context.services.patrols
    desa = patrols.desa_name(desa_id)
    if not await _may_manage(update, context, desa_id):
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    context.user_data[DRAFT] = {"desa_id": desa_id}
    lang = context.lang
    await update.effective_message.reply_text(
        t(lang, "ronda.menu", desa=desa),
        reply_markup=_kb(
            [
                [(t(lang, "ronda.btn_new_schedule"), "pa:new")],
                [(t(lang, "ronda.btn_posts"), "pa:posts")],
                [(t(lang, "ronda.btn_week"), "pa:week"), (t(lang, "ronda.btn_stats"), "pa:stats")],
            ]
        ),
    )
    return MENU


async def menu_chosen(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "desa_id" not in draft:
        return await _lost(update, context)
    query = update.callback_query
    await query.answer()
    choice = query.data.removeprefix("pa:")
    desa_id = int(draft["desa_id"])
    if choice == "week":
        context.user_data.pop(DRAFT, None)
        await _send_week(update, context, desa_id)
        return ConversationHandler.END
    if choice == "stats":
        context.user_data.pop(DRAFT, None)
        await _send_stats(update, context, [desa_id], context.services.patrols.desa_name(desa_id))
        return ConversationHandler.END
    if choice == "posts":
        return await _ask_post(update, context, managing=True)
    return await _ask_post(update, context, managing=False)


async def _ask_post(update: Update, context: Ctx, *, managing: bool) -> str:
    draft = _draft(context) or {}
    draft["managing_posts"] = managing
    posts = await context.services.patrols.posts(int(draft["desa_id"]))
    lang = context.lang
    if managing:
        lines = [f"• {p.name}" + (" 📍" if p.latitude is not None else "") for p in posts] or [
            t(lang, "ronda.no_posts")
        ]
        await update.effective_message.reply_text(
            t(
                lang,
                "ronda.posts_head",
                desa=context.services.patrols.desa_name(int(draft["desa_id"])),
            )
            + "\n"
            + "\n".join(lines)
            + "\n\n"
            + t(lang, "ronda.ask_post_name")
        )
        return POST_NAME
    rows = [[(f"📍 {p.name}"[:60], f"pa:post:{p.id}")] for p in posts[:10]]
    rows.append([(t(lang, "ronda.btn_no_post"), "pa:post:0")])
    await update.effective_message.reply_text(t(lang, "ronda.ask_post"), reply_markup=_kb(rows))
    return POST


async def post_chosen(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "desa_id" not in draft:
        return await _lost(update, context)
    await update.callback_query.answer()
    post_id = int(update.callback_query.data.removeprefix("pa:post:"))
    posts = {p.id: p for p in await context.services.patrols.posts(int(draft["desa_id"]))}
    if post_id and post_id not in posts:
        return await _lost(update, context)
    draft["post_id"] = post_id or None
    draft["post"] = posts[post_id].name if post_id else None
    await update.effective_message.reply_text(t(context.lang, "ronda.ask_hours"))
    return HOURS


async def post_typed(update: Update, context: Ctx) -> str | int:
    """A new pos named while choosing one for a schedule: it is made and chosen."""
    draft = _draft(context)
    if not draft or "desa_id" not in draft:
        return await _lost(update, context)
    try:
        post = await context.services.patrols.add_post(
            int(draft["desa_id"]), update.effective_message.text or "", update.effective_user.id
        )
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return POST
    draft["post_id"], draft["post"] = post.id, post.name
    await update.effective_message.reply_text(
        t(context.lang, "ronda.post_added_choose", post=post.name)
        + "\n\n"
        + t(context.lang, "ronda.ask_hours")
    )
    return HOURS


async def post_name_typed(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "desa_id" not in draft:
        return await _lost(update, context)
    name = " ".join((update.effective_message.text or "").split())
    try:
        post = await context.services.patrols.add_post(
            int(draft["desa_id"]), name, update.effective_user.id
        )
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return POST_NAME
    draft["post_id"], draft["post"] = post.id, post.name
    await update.effective_message.reply_text(
        t(context.lang, "ronda.ask_post_place", post=post.name),
        reply_markup=_kb([[(t(context.lang, "ronda.btn_skip"), "pa:skip")]]),
    )
    return POST_PLACE


async def post_place_shared(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or not draft.get("post"):
        return await _lost(update, context)
    location = update.effective_message.location
    try:
        await context.services.patrols.add_post(
            int(draft["desa_id"]),
            str(draft["post"]),
            update.effective_user.id,
            latitude=location.latitude,
            longitude=location.longitude,
        )
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return POST_PLACE
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(
        t(context.lang, "ronda.post_saved_place", post=draft["post"]),
        reply_markup=ReplyKeyboardRemove(),
    )
    return ConversationHandler.END


async def post_place_skipped(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or not draft.get("post"):
        return await _lost(update, context)
    if update.callback_query is not None:
        await update.callback_query.answer()
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(
        t(context.lang, "ronda.post_saved", post=draft["post"])
    )
    return ConversationHandler.END


async def post_place_other(update: Update, context: Ctx) -> str:
    await update.effective_message.reply_text(t(context.lang, "ronda.ask_post_place_again"))
    return POST_PLACE


async def hours_typed(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "desa_id" not in draft:
        return await _lost(update, context)
    try:
        start_minute, duration = parse_hours(update.effective_message.text or "")
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return HOURS
    draft["start"], draft["duration"] = start_minute, duration
    lang = context.lang
    rows = [[(t(lang, f"ronda.days_{d}"), f"pa:days:{d}")] for d in DAY_CHOICES]
    rows.append(
        [
            (t(lang, "ronda.btn_today"), "pa:days:today"),
            (t(lang, "ronda.btn_tomorrow"), "pa:days:tomorrow"),
        ]
    )
    await update.effective_message.reply_text(t(lang, "ronda.ask_days"), reply_markup=_kb(rows))
    return DAYS


async def days_chosen(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "start" not in draft:
        return await _lost(update, context)
    await update.callback_query.answer()
    value = update.callback_query.data.removeprefix("pa:days:")
    today = context.services.patrols.today()
    if value in ("today", "tomorrow"):
        day = today if value == "today" else today + dt.timedelta(days=1)
        return await _days_set(update, context, day)
    if value not in DAY_CHOICES:
        return await _lost(update, context)
    return await _days_set(update, context, value)


async def days_typed(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "start" not in draft:
        return await _lost(update, context)
    try:
        value = parse_days(update.effective_message.text or "", context.services.patrols.today())
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return DAYS
    return await _days_set(update, context, value)


async def _days_set(update: Update, context: Ctx, value: str | dt.date) -> str:
    draft = _draft(context) or {}
    lang = context.lang
    if isinstance(value, dt.date):
        draft["weekdays"], draft["date"], draft["weeks"] = None, value.isoformat(), 0
        await update.effective_message.reply_text(t(lang, "ronda.ask_team_single"))
        return TEAMS
    draft["weekdays"], draft["date"] = value, None
    await update.effective_message.reply_text(
        t(lang, "ronda.ask_weeks"),
        reply_markup=_kb([[(t(lang, "ronda.weeks", n=n), f"pa:wk:{n}") for n in WEEK_CHOICES]]),
    )
    return WEEKS


async def weeks_chosen(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or not draft.get("weekdays"):
        return await _lost(update, context)
    await update.callback_query.answer()
    weeks = int(update.callback_query.data.removeprefix("pa:wk:"))
    if not 1 <= weeks <= MAX_WEEKS:
        return await _lost(update, context)
    draft["weeks"] = weeks
    await update.effective_message.reply_text(t(context.lang, "ronda.ask_teams"))
    return TEAMS


async def weeks_typed(update: Update, context: Ctx) -> str:
    text = (update.effective_message.text or "").strip().split()
    if text and text[0].isdigit() and 1 <= int(text[0]) <= MAX_WEEKS:
        draft = _draft(context) or {}
        draft["weeks"] = int(text[0])
        await update.effective_message.reply_text(t(context.lang, "ronda.ask_teams"))
        return TEAMS
    await update.effective_message.reply_text(t(context.lang, "ronda.bad_weeks", limit=MAX_WEEKS))
    return WEEKS


async def teams_typed(update: Update, context: Ctx) -> str | int:
    draft = _draft(context)
    if not draft or "start" not in draft:
        return await _lost(update, context)
    patrols = context.services.patrols
    try:
        teams = parse_teams(update.effective_message.text or "")
        ids, labels = await patrols.plan_members(int(draft["desa_id"]), teams)
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return TEAMS
    if draft.get("date"):
        # One shift: everyone named stands the same watch.
        ids = [list(dict.fromkeys(i for team in ids for i in team))]
    draft["teams"] = ids
    draft["labels"] = {str(k): v for k, v in labels.items()}
    plan = _plan(context, draft)
    count = len(patrols.shift_times(plan, dt.datetime.now(dt.UTC)))
    if count == 0:
        await update.effective_message.reply_text(t(context.lang, "ronda.no_shifts"))
        return DAYS
    await _summary(update, context, draft, plan, count)
    return CONFIRM


def _plan(context: Ctx, draft: dict) -> SchedulePlan:
    patrols = context.services.patrols
    if draft.get("date"):
        first = last = dt.date.fromisoformat(str(draft["date"]))
    else:
        first = patrols.today()
        last = first + dt.timedelta(weeks=int(draft["weeks"])) - dt.timedelta(days=1)
    return SchedulePlan(
        desa_id=int(draft["desa_id"]),
        post_id=draft.get("post_id"),
        start_minute=int(draft["start"]),
        duration_minutes=int(draft["duration"]),
        weekdays=draft.get("weekdays"),
        first_day=first,
        last_day=last,
        teams=[[int(i) for i in team] for team in draft["teams"]],
    )


async def _summary(
    update: Update, context: Ctx, draft: dict, plan: SchedulePlan, count: int
) -> None:
    lang, patrols = context.lang, context.services.patrols
    labels = draft.get("labels", {})
    teams = "\n".join(
        t(
            lang,
            "ronda.summary_team",
            n=i + 1,
            names=", ".join(labels.get(str(u), str(u)) for u in team),
        )
        for i, team in enumerate(plan.teams)
    )
    end = (plan.start_minute + plan.duration_minutes) % (24 * 60)
    if plan.weekdays is None:
        days = t(lang, "ronda.summary_once", date=_date(context, plan.first_day))
    else:
        days = t(
            lang,
            "ronda.summary_days",
            days=_weekdays(context, plan.weekdays),
            first=_date(context, plan.first_day),
            last=_date(context, plan.last_day),
        )
    await update.effective_message.reply_text(
        t(
            lang,
            "ronda.summary",
            desa=patrols.desa_name(plan.desa_id),
            post=draft.get("post") or "—",
            hours=f"{clock(plan.start_minute)}–{clock(end)}",
            days=days,
            count=count,
            teams=teams,
            rotation=t(lang, "ronda.summary_rotation") if len(plan.teams) > 1 else "",
        ),
        reply_markup=_kb(
            [[(t(lang, "ronda.btn_save"), "pa:save"), (t(lang, "ronda.btn_cancel"), "pa:cancel")]]
        ),
    )


def _date(context: Ctx, day: dt.date) -> str:
    lang = context.lang
    return (
        f"{t(lang, f'ronda.day_{day.weekday()}')} {day.day} {t(lang, f'ronda.month_{day.month}')}"
    )


def _weekdays(context: Ctx, weekdays: str) -> str:
    if weekdays in DAY_CHOICES:
        return t(context.lang, f"ronda.days_{weekdays}")
    return ", ".join(t(context.lang, f"ronda.day_{d}") for d in weekdays)


async def save(update: Update, context: Ctx) -> str | int:
    """✅ Simpan: the schedule and its shifts are stored (or refused whole), members told."""
    draft = _draft(context)
    if not draft or "teams" not in draft:
        return await _lost(update, context)
    query = update.callback_query
    plan = _plan(context, draft)
    patrols = context.services.patrols
    if not await _may_manage(update, context, plan.desa_id):
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    try:
        created = await patrols.create(plan, update.effective_user.id, context.lang)
    except PatrolError as error:
        await query.answer()
        await update.effective_message.reply_text(
            _error(context, error) + "\n\n" + t(context.lang, "ronda.ask_teams_again")
        )
        return TEAMS
    await query.answer(t(context.lang, "ronda.saved_toast"))
    context.user_data.pop(DRAFT, None)
    for shift_id, when in created.due.items():
        schedule(context, shift_id, when)
    with contextlib.suppress(Exception):
        await query.edit_message_reply_markup(None)
    await update.effective_message.reply_text(
        t(
            context.lang,
            "ronda.saved",
            count=len(created.shift_ids),
            first=patrols.when(
                context.lang,
                created.first,
                created.first + dt.timedelta(minutes=plan.duration_minutes),
            )
            if created.first
            else "—",
        )
    )
    return ConversationHandler.END


async def cancel_button(update: Update, context: Ctx) -> int:
    await update.callback_query.answer()
    context.user_data.pop(DRAFT, None)
    await update.effective_message.reply_text(t(context.lang, "cancel.done"))
    return ConversationHandler.END


async def expect_text(update: Update, context: Ctx) -> None:
    """Something other than text where the conversation waits for text."""
    await update.effective_message.reply_text(t(context.lang, "ronda.expect_text"))


async def expect_button(update: Update, context: Ctx) -> None:
    await update.effective_message.reply_text(t(context.lang, "ronda.expect_button"))


# --- a koordinator edits one shift -----------------------------------------------------------


async def _shift_for_koordinator(update: Update, context: Ctx, shift_id: int) -> ShiftView | None:
    patrols = context.services.patrols
    shift = await patrols.shift(shift_id)
    if shift is None:
        await update.callback_query.answer(t(context.lang, "ronda.gone"), show_alert=True)
        return None
    if not await _may_manage(update, context, shift.desa_id):
        return None
    return shift


@guarded(Action.MANAGE_PATROLS)
async def edit_button(update: Update, context: Ctx) -> str | int:
    """✏️ under /jadwal: change one shift's hours or members, or call it off."""
    query = update.callback_query
    verb, raw_id = _EDIT.match(query.data).groups()
    shift_id = int(raw_id)
    shift = await _shift_for_koordinator(update, context, shift_id)
    if shift is None:
        return ConversationHandler.END
    lang, patrols = context.lang, context.services.patrols
    if shift.status is not ShiftStatus.PLANNED or shift.ends_at <= dt.datetime.now(dt.UTC):
        await query.answer(t(lang, "ronda.not_editable"), show_alert=True)
        return ConversationHandler.END
    if verb == "ed":
        await query.answer()
        await update.effective_message.reply_text(
            t(lang, "ronda.edit_menu", line=_line(context, shift)),
            reply_markup=_kb(
                [
                    [(t(lang, "ronda.btn_edit_hours"), f"pt:eh:{shift_id}")],
                    [(t(lang, "ronda.btn_edit_members"), f"pt:em:{shift_id}")],
                    [(t(lang, "ronda.btn_edit_cancel"), f"pt:ec:{shift_id}")],
                ]
            ),
        )
        return ConversationHandler.END
    if verb == "ec":
        await query.answer()
        await update.effective_message.reply_text(
            t(lang, "ronda.edit_cancel_sure", line=_line(context, shift)),
            reply_markup=_kb([[(t(lang, "ronda.btn_edit_cancel_yes"), f"pt:ecy:{shift_id}")]]),
        )
        return ConversationHandler.END
    if verb == "ecy":
        try:
            view = await patrols.cancel_shift(shift_id, update.effective_user.id)
        except PatrolError as error:
            await query.answer(_error(context, error), show_alert=True)
            return ConversationHandler.END
        schedule(context, shift_id, None)
        await query.answer(t(lang, "ronda.edit_cancelled_toast"))
        await update.effective_message.reply_text(
            t(lang, "ronda.edit_cancelled", line=_line(context, view))
        )
        return ConversationHandler.END
    await query.answer()
    context.user_data[EDIT] = {"shift_id": shift_id}
    if verb == "eh":
        await update.effective_message.reply_text(
            t(lang, "ronda.ask_edit_hours", line=_line(context, shift))
        )
        return EDIT_HOURS
    await update.effective_message.reply_text(
        t(lang, "ronda.ask_edit_members", line=_line(context, shift))
    )
    return EDIT_MEMBERS


async def edit_hours_typed(update: Update, context: Ctx) -> str | int:
    """New hours for the shift being edited."""

    async def change(shift: ShiftView) -> tuple[ShiftView, dt.datetime | None]:
        start_minute, duration = parse_hours(update.effective_message.text or "")
        return await context.services.patrols.change_hours(
            shift.id, start_minute, duration, update.effective_user.id, context.lang
        )

    return await _edit(update, context, EDIT_HOURS, change)


async def edit_members_typed(update: Update, context: Ctx) -> str | int:
    """The new members of the shift being edited."""

    async def change(shift: ShiftView) -> tuple[ShiftView, dt.datetime | None]:
        teams = parse_teams((update.effective_message.text or "").replace("\n", " "))
        return await context.services.patrols.replace_members(
            shift.id, teams[0], update.effective_user.id, context.lang
        )

    return await _edit(update, context, EDIT_MEMBERS, change)


async def _edit(
    update: Update,
    context: Ctx,
    state: str,
    change: Callable[[ShiftView], Awaitable[tuple[ShiftView, dt.datetime | None]]],
) -> str | int:
    """Apply a typed change to the shift being edited (checked again: roles may have changed
    since the button), move its job and confirm; a refusal keeps asking."""
    draft = context.user_data.get(EDIT)
    if not draft:
        return await _lost(update, context)
    shift = await context.services.patrols.shift(int(draft["shift_id"]))
    if shift is None or not await _may_manage(update, context, shift.desa_id):
        context.user_data.pop(EDIT, None)
        return ConversationHandler.END
    try:
        view, due = await change(shift)
    except PatrolError as error:
        await update.effective_message.reply_text(_error(context, error))
        return state
    context.user_data.pop(EDIT, None)
    schedule(context, view.id, due)
    await update.effective_message.reply_text(
        t(context.lang, "ronda.edit_saved", line=_line(context, view))
    )
    return ConversationHandler.END


# --- members: check-in, check-out, swaps --------------------------------------------------------


async def _answer_check_in(update: Update, context: Ctx, result: CheckInResult) -> None:
    lang, patrols = context.lang, context.services.patrols
    shift = result.shift
    values = {}
    if shift is not None:
        values = {
            "when": patrols.when(lang, shift.starts_at, shift.ends_at),
            "where": patrols.where(lang, shift),
        }
    key = {
        CheckIn.DONE: "ronda.checked_in" if result.late_minutes <= 10 else "ronda.checked_in_late",
        CheckIn.ALREADY: "ronda.checkin_already",
        CheckIn.NOT_MEMBER: "ronda.not_member" if shift else "ronda.location_no_shift",
        CheckIn.TOO_EARLY: "ronda.checkin_too_early",
        CheckIn.OVER: "ronda.checkin_over",
        CheckIn.CANCELLED: "ronda.cancelled_short",
        CheckIn.FAR: "ronda.checkin_far",
    }[result.outcome]
    text = t(lang, key, km=f"{result.km:.1f}", late=result.late_minutes, **values)
    query = update.callback_query
    if query is not None:
        await query.answer(
            t(lang, "ronda.checked_in_toast") if result.outcome is CheckIn.DONE else None
        )
    markup = None
    if result.outcome is CheckIn.DONE and shift is not None:
        markup = _kb([[(t(lang, "ronda.btn_incident"), f"lp:new:d:{shift.desa_id}:r:{shift.id}")]])
    await update.effective_message.reply_text(text, reply_markup=markup)


async def check_in_button(update: Update, context: Ctx) -> None:
    """✅ Saya sudah di pos."""
    shift_id = int(_CHECKIN.match(update.callback_query.data).group(1))
    result = await context.services.patrols.check_in(update.effective_user.id, shift_id)
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


async def check_out_button(update: Update, context: Ctx) -> None:
    """✅ Aman / ⚠️ Ada kejadian at the end of a shift."""
    query = update.callback_query
    raw_id, outcome = _CHECKOUT.match(query.data).groups()
    key, shift = await context.services.patrols.check_out(
        update.effective_user.id, int(raw_id), outcome
    )
    lang = context.lang
    await query.answer()
    with contextlib.suppress(Exception):
        await query.edit_message_reply_markup(None)
    markup = None
    if key == "ronda.checkout_incident" and shift is not None:
        markup = _kb(
            [[(t(lang, "ronda.btn_report_now"), f"lp:new:d:{shift.desa_id}:r:{shift.id}")]]
        )
    await update.effective_message.reply_text(t(lang, key), reply_markup=markup)


async def swap_button(update: Update, context: Ctx) -> None:
    """🔁 Minta tukar: offered to the desa's other watch members."""
    shift_id = int(_SWAP.match(update.callback_query.data).group(1))
    result = await context.services.patrols.ask_swap(update.effective_user.id, shift_id)
    await _answer_swap(update, context, result)


async def take_button(update: Update, context: Ctx) -> None:
    """🙋 Saya gantikan."""
    swap_id = int(_TAKE.match(update.callback_query.data).group(1))
    result = await context.services.patrols.take_swap(
        update.effective_user.id, swap_id, context.lang
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
    text = t(lang, result.key, **values)
    await update.callback_query.answer()
    await update.effective_message.reply_text(text)


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
            await update.effective_message.reply_text(
                t(lang, "ronda.desa_not_found", text=typed[:64])
            )
            return
        if not await _may_manage(update, context, found.id):
            return
        await _send_stats(update, context, [found.id], found.name)
        return
    if any(h.role is Role.ADMIN for h in holdings):
        await _send_stats(update, context, None, t(lang, "ronda.stats_everything"))
        return
    # Every desa the person coordinates.
    desa_ids = [
        desa.id
        for kecamatan in services.areas.kecamatan_list()
        for desa in services.areas.desa_list(kecamatan.id)
        if services.patrols.may_coordinate(holdings, desa.id)
    ]
    names = ", ".join(services.patrols.desa_name(d) for d in desa_ids[:5])
    if len(desa_ids) > 5:
        names += t(lang, "ronda.stats_more", n=len(desa_ids) - 5)
    await _send_stats(update, context, desa_ids, names or "—")


async def _send_stats(update: Update, context: Ctx, desa_ids: list[int] | None, label: str) -> None:
    lang = context.lang
    stats = await context.services.patrols.stats(desa_ids)
    finished = stats.held + stats.missed
    held_pct = f"{100 * stats.held / finished:.0f}" if finished else "—"
    on_time_pct = (
        f"{100 * stats.on_time / stats.expected_checkins:.0f}" if stats.expected_checkins else "—"
    )
    median = f"{stats.median_late:.0f}" if stats.median_late is not None else "—"
    per_desa = "\n".join(
        t(lang, "ronda.stats_desa_line", desa=name, held=held, missed=missed)
        for name, (held, missed) in list(stats.per_desa.items())[:10]
    )
    await update.effective_message.reply_text(
        t(
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
    )


# --- wiring ---------------------------------------------------------------------------------------


def handlers() -> list[BaseHandler]:
    """/ronda, /jadwal, /aturronda with its conversation, the shift buttons, locations."""
    location = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.LOCATION
    other = NEW_MESSAGE & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    setup = conversation(
        DRAFT,
        entry_points=[
            CommandHandler(["aturronda", "setpatrol"], start, filters=NEW_MESSAGE),
        ],
        states={
            DESA: [
                CallbackQueryHandler(desa_chosen, pattern=r"^pa:desa:\d{1,9}$"),
                MessageHandler(PRIVATE_TEXT, desa_typed),
            ],
            MENU: [
                CallbackQueryHandler(menu_chosen, pattern=r"^pa:(new|posts|week|stats)$"),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            POST: [
                CallbackQueryHandler(post_chosen, pattern=r"^pa:post:\d{1,9}$"),
                MessageHandler(PRIVATE_TEXT, post_typed),
            ],
            POST_NAME: [
                MessageHandler(PRIVATE_TEXT, post_name_typed),
                MessageHandler(other, expect_text),
            ],
            POST_PLACE: [
                MessageHandler(location, post_place_shared),
                CallbackQueryHandler(post_place_skipped, pattern=r"^pa:skip$"),
                MessageHandler(
                    NEW_MESSAGE & filters.Regex(r"(?i)^\s*(lewati|skip)\s*$"), post_place_skipped
                ),
                MessageHandler(PRIVATE_TEXT | other, post_place_other),
            ],
            HOURS: [MessageHandler(PRIVATE_TEXT, hours_typed), MessageHandler(other, expect_text)],
            DAYS: [
                CallbackQueryHandler(days_chosen, pattern=r"^pa:days:\w{1,8}$"),
                MessageHandler(PRIVATE_TEXT, days_typed),
            ],
            WEEKS: [
                CallbackQueryHandler(weeks_chosen, pattern=r"^pa:wk:\d{1,2}$"),
                MessageHandler(PRIVATE_TEXT, weeks_typed),
            ],
            TEAMS: [MessageHandler(PRIVATE_TEXT, teams_typed), MessageHandler(other, expect_text)],
            CONFIRM: [
                CallbackQueryHandler(save, pattern=r"^pa:save$"),
                CallbackQueryHandler(cancel_button, pattern=r"^pa:cancel$"),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    edit = conversation(
        EDIT,
        entry_points=[CallbackQueryHandler(edit_button, pattern=_EDIT)],
        states={
            EDIT_HOURS: [
                MessageHandler(PRIVATE_TEXT, edit_hours_typed),
                MessageHandler(other, expect_text),
            ],
            EDIT_MEMBERS: [
                MessageHandler(PRIVATE_TEXT, edit_members_typed),
                MessageHandler(other, expect_text),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        setup,
        edit,
        CommandHandler(["ronda", "patrol"], my_shifts, filters=NEW_MESSAGE),
        CommandHandler(["jadwal", "roster"], week, filters=NEW_MESSAGE),
        CommandHandler(["statistikronda", "patrolstats"], statistics, filters=NEW_MESSAGE),
        CallbackQueryHandler(check_in_button, pattern=_CHECKIN),
        CallbackQueryHandler(check_out_button, pattern=_CHECKOUT),
        CallbackQueryHandler(swap_button, pattern=_SWAP),
        CallbackQueryHandler(take_button, pattern=_TAKE),
        MessageHandler(location, check_in_location),
    ]
