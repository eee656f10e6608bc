"""/aturronda: a koordinator picks a desa, then makes a schedule (pos, hours, days, weeks,
teams, a summary to save), manages its pos ronda, or sees its week or statistics.

The draft lives in `user_data["aturronda"]` (plain JSON: it survives a restart)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from telegram import ReplyKeyboardRemove
from telegram import Update
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.patrols import MAX_WEEKS
from bot.services.patrols import SchedulePlan
from bot.services.patrols import parse_days
from bot.services.patrols import parse_hours
from bot.services.patrols.callbacks import Cancel
from bot.services.patrols.callbacks import ChooseDays
from bot.services.patrols.callbacks import ChooseDesa
from bot.services.patrols.callbacks import ChoosePost
from bot.services.patrols.callbacks import ChooseWeeks
from bot.services.patrols.callbacks import Menu
from bot.services.patrols.callbacks import Save
from bot.services.patrols.callbacks import SkipPlace
from bot.services.patrols.messages import DAY_CHOICES
from bot.services.patrols.messages import weekdays_label
from bot.texts import t
from bot.texts.when import format_clock
from bot.texts.when import format_date
from bot.texts.when import zone_name
from handlers.common import NEW_MESSAGE
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.common import typed_area
from handlers.conversation import conversation
from handlers.guard import guarded
from handlers.menus import command
from handlers.patrols.jobs import schedule
from handlers.patrols.members import send_stats
from handlers.patrols.members import send_week
from handlers.patrols.naming import TeamsStep
from handlers.patrols.shared import LOCATION
from handlers.patrols.shared import OTHER
from handlers.patrols.shared import PRIVATE_TEXT
from handlers.patrols.shared import TIMEOUT_SECONDS
from handlers.patrols.shared import expect_button
from handlers.patrols.shared import expect_text
from handlers.patrols.shared import may_manage
from handlers.patrols.volunteers import send_list as send_volunteers
from storage.models import AreaLevel
from storage.models import Role

DRAFT = "aturronda"
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
WEEK_CHOICES = (1, 2, 4, 8)
step = needs_draft(DRAFT, "ronda.lost")


def _draft(context: Ctx) -> dict[str, Any]:
    return context.user_data[DRAFT]


async def _start_over(update: Update, context: Ctx) -> int:
    """A button that does not fit the draft (of an earlier roster): the conversation ends."""
    context.user_data.pop(DRAFT, None)
    await say(update, t(context.lang, "ronda.lost"), toast=True)
    return ConversationHandler.END


# --- which desa ----------------------------------------------------------------------------------


async def _desas_in_scope(context: Ctx, user_id: int) -> list[int]:
    """The desa a koordinator's roles name directly (their own desa)."""
    holdings = await context.services.roles.holdings(user_id)
    found = []
    for holding in holdings:
        area_id = holding.scope.area_id
        if area_id is None or area_id in found:
            continue
        entry = context.services.areas.get(area_id)
        if (
            entry is not None
            and entry.level is AreaLevel.DESA
            and holding.role in (Role.PEMUDA, Role.POLISI)
            and context.services.patrols.may_coordinate(holdings, area_id)
        ):
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
    await say(update, t(context.lang, "ronda.ask_desa"))
    return DESA


@step
async def desa_typed(update: Update, context: Ctx) -> str | int:
    """The desa's name, typed."""
    return await _desa_from_text(update, context, update.effective_message.text or "")


async def _desa_from_text(update: Update, context: Ctx, text: str) -> str | int:
    desa_id = await typed_area(
        update,
        context,
        text,
        (AreaLevel.DESA,),
        ChooseDesa,
        "ronda.desa_not_found",
        "ronda.desa_candidates",
    )
    return DESA if desa_id is None else await _set_desa(update, context, desa_id)


@step
async def desa_chosen(update: Update, context: Ctx) -> str | int:
    """One of the desa offered for a name."""
    button = pressed(update, ChooseDesa)
    return await _set_desa(update, context, button.desa_id)


async def _set_desa(update: Update, context: Ctx, desa_id: int) -> str | int:
    if not await may_manage(update, context, desa_id):
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    context.user_data[DRAFT] = {"desa_id": desa_id}
    lang = context.lang
    menu = keyboard(
        [
            [(t(lang, "ronda.btn_new_schedule"), Menu("new"))],
            [(t(lang, "ronda.btn_posts"), Menu("posts"))],
            [
                (t(lang, "ronda.btn_week"), Menu("week")),
                (t(lang, "ronda.btn_stats"), Menu("stats")),
            ],
            [(t(lang, "relawan.btn_menu"), Menu("vol"))],
        ]
    )
    desa = context.services.patrols.desa_name(desa_id)
    await say(update, t(lang, "ronda.menu", desa=desa), reply_markup=menu)
    return MENU


@step
async def menu_chosen(update: Update, context: Ctx) -> str | int:
    """A new schedule, the pos ronda, the week, the statistics or the volunteers of the desa."""
    button = pressed(update, Menu)
    desa_id = int(_draft(context)["desa_id"])
    if button.choice == "vol":
        context.user_data.pop(DRAFT, None)
        await send_volunteers(update, context, desa_id)
        return ConversationHandler.END
    if button.choice == "week":
        context.user_data.pop(DRAFT, None)
        await send_week(update, context, desa_id)
        return ConversationHandler.END
    if button.choice == "stats":
        context.user_data.pop(DRAFT, None)
        await send_stats(update, context, [desa_id], context.services.patrols.desa_name(desa_id))
        return ConversationHandler.END
    return await _ask_post(update, context, managing=button.choice == "posts")


# --- pos ronda -----------------------------------------------------------------------------------


async def _ask_post(update: Update, context: Ctx, *, managing: bool) -> str:
    draft = _draft(context)
    draft["managing_posts"] = managing
    patrols, lang = context.services.patrols, context.lang
    posts = await patrols.posts(int(draft["desa_id"]))
    if managing:
        lines = [f"• {p.name}" + (" 📍" if p.latitude is not None else "") for p in posts] or [
            t(lang, "ronda.no_posts")
        ]
        head = t(lang, "ronda.posts_head", desa=patrols.desa_name(int(draft["desa_id"])))
        await say(update, head + "\n" + "\n".join(lines) + "\n\n" + t(lang, "ronda.ask_post_name"))
        return POST_NAME
    rows = [[(f"📍 {p.name}"[:60], ChoosePost(p.id or 0))] for p in posts[:10]]
    rows.append([(t(lang, "ronda.btn_no_post"), ChoosePost(0))])
    await say(update, t(lang, "ronda.ask_post"), reply_markup=keyboard(rows))
    return POST


@step
async def post_chosen(update: Update, context: Ctx) -> str | int:
    """A pos for the new schedule, or none."""
    button = pressed(update, ChoosePost)
    draft = _draft(context)
    posts = {p.id: p for p in await context.services.patrols.posts(int(draft["desa_id"]))}
    if button.post_id and button.post_id not in posts:
        return await _start_over(update, context)
    draft["post_id"] = button.post_id or None
    draft["post"] = posts[button.post_id].name if button.post_id else None
    await say(update, t(context.lang, "ronda.ask_hours"))
    return HOURS


@step
async def post_typed(update: Update, context: Ctx) -> str | int:
    """A new pos named while choosing one for a schedule: it is made and chosen."""
    draft = _draft(context)
    try:
        post = await context.services.patrols.add_post(
            int(draft["desa_id"]), update.effective_message.text or "", update.effective_user.id
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return POST
    draft["post_id"], draft["post"] = post.id, post.name
    lang = context.lang
    await say(
        update,
        t(lang, "ronda.post_added_choose", post=post.name) + "\n\n" + t(lang, "ronda.ask_hours"),
    )
    return HOURS


@step
async def post_name_typed(update: Update, context: Ctx) -> str | int:
    """The name of a new pos (or of one whose place is to be set)."""
    draft = _draft(context)
    name = " ".join((update.effective_message.text or "").split())
    try:
        post = await context.services.patrols.add_post(
            int(draft["desa_id"]), name, update.effective_user.id
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return POST_NAME
    draft["post_id"], draft["post"] = post.id, post.name
    lang = context.lang
    skip = keyboard([[(t(lang, "ronda.btn_skip"), SkipPlace())]])
    await say(update, t(lang, "ronda.ask_post_place", post=post.name), reply_markup=skip)
    return POST_PLACE


@step
async def post_place_shared(update: Update, context: Ctx) -> str | int:
    """The pos's place, as a shared location."""
    draft = _draft(context)
    location = update.effective_message.location
    try:
        await context.services.patrols.add_post(
            int(draft["desa_id"]),
            str(draft["post"]),
            update.effective_user.id,
            latitude=location.latitude,
            longitude=location.longitude,
        )
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return POST_PLACE
    context.user_data.pop(DRAFT, None)
    await say(
        update,
        t(context.lang, "ronda.post_saved_place", post=draft["post"]),
        reply_markup=ReplyKeyboardRemove(),
    )
    return ConversationHandler.END


@step
async def post_place_skipped(update: Update, context: Ctx) -> str | int:
    """A pos without its place."""
    draft = context.user_data.pop(DRAFT)
    await say(update, t(context.lang, "ronda.post_saved", post=draft["post"]))
    return ConversationHandler.END


async def post_place_other(update: Update, context: Ctx) -> str:
    """Neither a location nor "lewati"."""
    await say(update, t(context.lang, "ronda.ask_post_place_again"))
    return POST_PLACE


# --- hours, days, weeks, teams -------------------------------------------------------------------


@step
async def hours_typed(update: Update, context: Ctx) -> str | int:
    """The hours of the watch: "22:00-02:00"."""
    try:
        start_minute, duration = parse_hours(update.effective_message.text or "")
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return HOURS
    draft = _draft(context)
    draft["start"], draft["duration"] = start_minute, duration
    lang = context.lang
    rows = [[(t(lang, f"ronda.days_{d}"), ChooseDays(d))] for d in DAY_CHOICES]
    rows.append(
        [
            (t(lang, "ronda.btn_today"), ChooseDays("today")),
            (t(lang, "ronda.btn_tomorrow"), ChooseDays("tomorrow")),
        ]
    )
    await say(update, t(lang, "ronda.ask_days"), reply_markup=keyboard(rows))
    return DAYS


@step
async def days_chosen(update: Update, context: Ctx) -> str | int:
    """Weekdays, today or tomorrow, from the buttons."""
    button = pressed(update, ChooseDays)
    today = context.services.patrols.today()
    if button.value in ("today", "tomorrow"):
        day = today if button.value == "today" else today + dt.timedelta(days=1)
        return await _days_set(update, context, day)
    if button.value not in DAY_CHOICES:
        return await _start_over(update, context)
    return await _days_set(update, context, button.value)


@step
async def days_typed(update: Update, context: Ctx) -> str | int:
    """Weekdays ("Senin, Kamis") or a date, typed."""
    try:
        value = parse_days(update.effective_message.text or "", context.services.patrols.today())
    except UserFacingError as error:
        await say(update, error.text(context.lang))
        return DAYS
    return await _days_set(update, context, value)


async def _days_set(update: Update, context: Ctx, value: str | dt.date) -> str:
    draft = _draft(context)
    lang = context.lang
    if isinstance(value, dt.date):
        draft["weekdays"], draft["date"], draft["weeks"] = None, value.isoformat(), 0
        return await teams_step.ask(update, context, t(lang, "pick.ask_team_single"))
    draft["weekdays"], draft["date"] = value, None
    rows = [[(t(lang, "ronda.weeks", n=n), ChooseWeeks(n)) for n in WEEK_CHOICES]]
    await say(update, t(lang, "ronda.ask_weeks"), reply_markup=keyboard(rows))
    return WEEKS


@step
async def weeks_chosen(update: Update, context: Ctx) -> str | int:
    """How many weeks the schedule covers, from the buttons."""
    button = pressed(update, ChooseWeeks)
    if not 1 <= button.weeks <= MAX_WEEKS:
        return await _start_over(update, context)
    _draft(context)["weeks"] = button.weeks
    return await teams_step.ask(update, context, t(context.lang, "pick.ask_teams"))


@step
async def weeks_typed(update: Update, context: Ctx) -> str:
    """How many weeks, typed."""
    text = (update.effective_message.text or "").strip().split()
    if text and text[0].isdigit() and 1 <= int(text[0]) <= MAX_WEEKS:
        _draft(context)["weeks"] = int(text[0])
        return await teams_step.ask(update, context, t(context.lang, "pick.ask_teams"))
    await say(update, t(context.lang, "ronda.bad_weeks", limit=MAX_WEEKS))
    return WEEKS


async def _teams_chosen(
    update: Update, context: Ctx, ids: list[list[int]], labels: dict[int, str]
) -> str | int:
    """The teams, named in any way (handlers/patrols/naming.py) and checked; then the summary
    to save."""
    draft = _draft(context)
    patrols = context.services.patrols
    if draft.get("date"):
        # One shift: everyone named stands the same watch.
        ids = [list(dict.fromkeys(i for team in ids for i in team))]
    draft["teams"] = ids
    draft["labels"] = {str(k): v for k, v in labels.items()}
    plan = _plan(context, draft)
    count = len(patrols.shift_times(plan, dt.datetime.now(dt.UTC)))
    if count == 0:
        await say(update, t(context.lang, "ronda.no_shifts"))
        return DAYS
    await _summary(update, context, draft, plan, count)
    return CONFIRM


async def _desa_of(context: Ctx, draft: dict[str, Any]) -> int:
    return int(draft["desa_id"])


teams_step = TeamsStep(
    draft=DRAFT,
    owner="ar",
    state=TEAMS,
    finish=_teams_chosen,
    # A single date: everyone named stands the same watch, so one team is put together.
    one_team=lambda draft: bool(draft.get("date")),
    desa_of=_desa_of,
)


def _plan(context: Ctx, draft: dict[str, Any]) -> SchedulePlan:
    if draft.get("date"):
        first = last = dt.date.fromisoformat(str(draft["date"]))
    else:
        first = context.services.patrols.today()
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
    update: Update, context: Ctx, draft: dict[str, Any], plan: SchedulePlan, count: int
) -> None:
    lang = context.lang
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
        today = context.services.patrols.today()
        days = t(lang, "ronda.summary_once", date=format_date(plan.first_day, lang, today=today))
    else:
        days = t(
            lang,
            "ronda.summary_days",
            days=weekdays_label(lang, plan.weekdays),
            first=format_date(plan.first_day, lang, today=context.services.patrols.today()),
            last=format_date(plan.last_day, lang, today=context.services.patrols.today()),
        )
    text = t(
        lang,
        "ronda.summary",
        desa=context.services.patrols.desa_name(plan.desa_id),
        post=draft.get("post") or "—",
        hours=f"{format_clock(plan.start_minute, lang)}–{format_clock(end, lang)}",
        zone=zone_name(context.services.settings.timezone),
        days=days,
        count=count,
        teams=teams,
        rotation=t(lang, "ronda.summary_rotation") if len(plan.teams) > 1 else "",
    )
    buttons = keyboard(
        [[(t(lang, "ronda.btn_save"), Save()), (t(lang, "ronda.btn_cancel"), Cancel())]]
    )
    await say(update, text, reply_markup=buttons)


# --- save or drop ---------------------------------------------------------------------------------


@step
async def save(update: Update, context: Ctx) -> str | int:
    """✅ Simpan: the schedule and its shifts are stored (or refused whole), members told."""
    query = update.callback_query
    plan = _plan(context, _draft(context))
    patrols, lang = context.services.patrols, context.lang
    if not await may_manage(update, context, plan.desa_id):
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    try:
        created = await patrols.create(plan, update.effective_user.id, lang)
    except UserFacingError as error:
        await say(update, error.text(lang) + "\n\n" + t(lang, "ronda.ask_teams_again"))
        return TEAMS
    await query.answer(t(lang, "ronda.saved_toast"))
    context.user_data.pop(DRAFT, None)
    for shift_id, when in created.due.items():
        schedule(context, shift_id, when)
    with contextlib.suppress(Exception):
        await query.edit_message_reply_markup(None)
    first = "—"
    if created.first:
        ends = created.first + dt.timedelta(minutes=plan.duration_minutes)
        first = patrols.when(lang, created.first, ends)
    count = len(created.shift_ids)
    await update.effective_message.reply_text(t(lang, "ronda.saved", count=count, first=first))
    return ConversationHandler.END


async def cancel_button(update: Update, context: Ctx) -> int:
    """❌ Batal: nothing is stored."""
    context.user_data.pop(DRAFT, None)
    await say(update, t(context.lang, "cancel.done"))
    return ConversationHandler.END


def conversation_handler() -> ConversationHandler:
    """The /aturronda conversation."""
    skip_word = NEW_MESSAGE & filters.Regex(r"(?i)^\s*(lewati|skip)\s*$")
    return conversation(
        DRAFT,
        entry_points=[command("aturronda", start, rank=370, aliases=("setpatrol",))],
        states={
            DESA: [
                CallbackQueryHandler(desa_chosen, pattern=ChooseDesa.pattern()),
                MessageHandler(PRIVATE_TEXT, desa_typed),
            ],
            MENU: [
                CallbackQueryHandler(menu_chosen, pattern=Menu.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            POST: [
                CallbackQueryHandler(post_chosen, pattern=ChoosePost.pattern()),
                MessageHandler(PRIVATE_TEXT, post_typed),
            ],
            POST_NAME: [
                MessageHandler(PRIVATE_TEXT, post_name_typed),
                MessageHandler(OTHER, expect_text),
            ],
            POST_PLACE: [
                MessageHandler(LOCATION, post_place_shared),
                CallbackQueryHandler(post_place_skipped, pattern=SkipPlace.pattern()),
                MessageHandler(skip_word, post_place_skipped),
                MessageHandler(PRIVATE_TEXT | OTHER, post_place_other),
            ],
            HOURS: [MessageHandler(PRIVATE_TEXT, hours_typed), MessageHandler(OTHER, expect_text)],
            DAYS: [
                CallbackQueryHandler(days_chosen, pattern=ChooseDays.pattern()),
                MessageHandler(PRIVATE_TEXT, days_typed),
            ],
            WEEKS: [
                CallbackQueryHandler(weeks_chosen, pattern=ChooseWeeks.pattern()),
                MessageHandler(PRIVATE_TEXT, weeks_typed),
            ],
            TEAMS: teams_step.handlers(),
            CONFIRM: [
                CallbackQueryHandler(save, pattern=Save.pattern()),
                CallbackQueryHandler(cancel_button, pattern=Cancel.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
