"""/siaga: the caller's menu (a new call, their recent calls' tallies) and the call itself:
where and whom (with how many people that is), why, where to gather, when, how loud, a summary
to send.

Whom: a group (Karang Taruna, the ronda, both), or 👤 people of a desa's watch chosen one by one
with the people picker, text mentions, @usernames and forwards (handlers/patrols/naming.py, owner
word "sg"); the chosen ids are the call's recipients. The draft lives in `user_data["siaga"]`
(plain JSON, the picker's build included: it survives a restart)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.siaga import CHOSEN_MAX
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaError
from bot.services.siaga import SiagaLevel
from bot.services.siaga.callbacks import ChooseArea
from bot.services.siaga.callbacks import ChooseLevel
from bot.services.siaga.callbacks import ChooseLocation
from bot.services.siaga.callbacks import ChoosePolsek
from bot.services.siaga.callbacks import ChoosePost
from bot.services.siaga.callbacks import ChooseWho
from bot.services.siaga.callbacks import Drop
from bot.services.siaga.callbacks import NewCall
from bot.services.siaga.callbacks import Now
from bot.services.siaga.callbacks import Send
from bot.services.siaga.callbacks import Show
from bot.texts import t
from bot.texts.when import format_time
from bot.texts.when import format_when
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.common import typed_area
from handlers.conversation import conversation
from handlers.guard import allowed_at
from handlers.guard import guarded
from handlers.menus import command
from handlers.patrols.naming import TeamsStep
from handlers.siaga import jobs
from handlers.siaga.shared import LOCATION
from handlers.siaga.shared import PRIVATE_TEXT
from handlers.siaga.shared import TIMEOUT_SECONDS
from storage.models import AreaLevel
from storage.models import SiagaStatus

DRAFT = "siaga"
MENU, AREA, WHO, PICK, REASON, PLACE, TIME, LEVEL, CONFIRM = (
    "menu",
    "area",
    "who",
    "pick",
    "reason",
    "place",
    "time",
    "level",
    "confirm",
)
# Names shown of the people chosen one by one (the rest counted).
NAMES_SHOWN = 10
step = needs_draft(DRAFT, "siaga.lost")


def _draft(context: Ctx) -> dict[str, Any]:
    return context.user_data[DRAFT]


async def _refused(update: Update, context: Ctx, error: UserFacingError, state: str) -> str:
    await say(update, error.text(context.lang))
    return state


# --- the menu ------------------------------------------------------------------------------------


@guarded(Action.CALL_SIAGA)
async def start(update: Update, context: Ctx) -> str:
    """/siaga: a new call, or the tally of a recent one."""
    context.user_data[DRAFT] = {}
    lang, siaga = context.lang, context.services.siaga
    recent = await siaga.recent(update.effective_user.id)
    lines = [t(lang, "siaga.menu")]
    rows: list[list[tuple[str, Any]]] = [[(t(lang, "siaga.btn_new"), NewCall())]]
    if recent:
        lines.append(t(lang, "siaga.menu_recent"))
    for call, called, answered in recent:
        icon = "🟢" if call.status is SiagaStatus.OPEN else "⚪"
        lines.append(
            t(
                lang,
                "siaga.menu_line",
                icon=icon,
                number=call.id,
                area=call.area,
                reason=call.reason[:40],
                answered=answered,
                called=called,
            )
        )
        label = t(lang, "siaga.btn_show", number=call.id, area=call.area)
        rows.append([(label[:60], Show(call.id))])
    await say(update, "\n".join(lines), reply_markup=keyboard(rows))
    return MENU


@step
async def new_call(update: Update, context: Ctx) -> str:
    """📣 Panggil siaga: where."""
    await update.callback_query.answer()
    lang, siaga = context.lang, context.services.siaga
    holdings = await context.services.roles.holdings(update.effective_user.id)
    rows = []
    for area_id in await siaga.areas_for(holdings):
        name = siaga.area_name(area_id)
        label = name if siaga.is_desa(area_id) else t(lang, "siaga.area_whole", area=name)
        rows.append([(label[:60], ChooseArea(area_id))])
    text = t(lang, "siaga.ask_area" if rows else "siaga.ask_area_typed")
    await say(update, text, reply_markup=keyboard(rows) if rows else None)
    return AREA


# --- where and whom ------------------------------------------------------------------------------


@step
async def area_chosen(update: Update, context: Ctx) -> str | int:
    return await _set_area(update, context, pressed(update, ChooseArea).area_id)


@step
async def area_typed(update: Update, context: Ctx) -> str | int:
    """A desa or kecamatan, by name."""
    area_id = await typed_area(
        update,
        context,
        update.effective_message.text or "",
        (AreaLevel.DESA, AreaLevel.KECAMATAN),
        ChooseArea,
        "siaga.area_not_found",
        "siaga.area_candidates",
    )
    return AREA if area_id is None else await _set_area(update, context, area_id)


async def _set_area(update: Update, context: Ctx, area_id: int) -> str | int:
    siaga, lang = context.services.siaga, context.lang
    entry = context.services.areas.get(area_id)
    if entry is None or entry.level not in (AreaLevel.DESA, AreaLevel.KECAMATAN):
        await say(update, t(lang, "siaga.lost"), toast=True)
        return AREA
    name = siaga.area_name(area_id)
    place = context.services.roles.place(area_id=area_id)
    if not await allowed_at(update, context, Action.CALL_SIAGA, place, name):
        return AREA
    context.user_data[DRAFT] = {"area_id": area_id}
    if update.callback_query is not None:
        await update.callback_query.answer()
    rows = [[(t(lang, "siaga.btn_pemuda"), ChooseWho("pemuda"))]]
    question = t(lang, "siaga.ask_who", area=name)
    if siaga.is_desa(area_id):
        rows.append([(t(lang, "siaga.btn_ronda"), ChooseWho("ronda"))])
        rows.append([(t(lang, "siaga.btn_both"), ChooseWho("both"))])
        rows.append([(t(lang, "siaga.btn_chosen"), ChooseWho("chosen"))])
    else:
        question += t(lang, "siaga.who_hint_desa")
    await say(update, question, reply_markup=keyboard(rows))
    return WHO


@step
async def who_chosen(update: Update, context: Ctx) -> str:
    """Karang Taruna, the ronda or both: how many people that is (nobody: choose again); or
    👤 people chosen one by one (a desa only)."""
    who = Audience(pressed(update, ChooseWho).who)
    draft, siaga, lang = _draft(context), context.services.siaga, context.lang
    area_id = int(draft.get("area_id", 0))
    if area_id and who is Audience.CHOSEN and not siaga.is_desa(area_id):
        await say(update, t(lang, "siaga.chosen_desa_only"), toast=True)
        return WHO
    if not area_id or (who is not Audience.PEMUDA and not siaga.is_desa(area_id)):
        await say(update, t(lang, "siaga.lost"), toast=True)
        return WHO
    if who is Audience.CHOSEN:
        draft["who"] = who.value
        draft.pop("people", None)
        question = t(lang, "siaga.ask_people", area=siaga.area_name(area_id))
        return await people_step.ask(update, context, question)
    people = await siaga.audience(area_id, who, update.effective_user.id)
    if not people:
        await say(update, t(lang, "siaga.nobody"), toast=True)
        return WHO
    draft["who"] = who.value
    await update.callback_query.answer()
    count = t(
        lang,
        "siaga.count",
        count=len(people),
        who=t(lang, f"siaga.who_{who.value}"),
        area=siaga.area_name(area_id),
    )
    await say(update, count + "\n\n" + t(lang, "siaga.ask_reason"))
    return REASON


async def _people_chosen(
    update: Update, context: Ctx, teams: list[list[int]], labels: dict[int, str]
) -> str:
    """👤 The people chosen (checked: of the desa's watch, not the caller): how many, who; then
    why."""
    draft, siaga, lang = _draft(context), context.services.siaga, context.lang
    caller = update.effective_user.id
    people = [i for i in dict.fromkeys(i for team in teams for i in team) if i != caller]
    if not people:
        await say(update, t(lang, "siaga.pick_empty"))
        return PICK
    draft["people"] = people
    draft["names"] = [labels.get(i, str(i)) for i in people]
    count = t(
        lang,
        "siaga.count_chosen",
        count=len(people),
        area=siaga.area_name(int(draft["area_id"])),
        names=_names(lang, draft["names"]),
    )
    await say(update, count + "\n\n" + t(lang, "siaga.ask_reason"))
    return REASON


def _names(lang: str, names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return shown + (t(lang, "siaga.tally_more", n=more) if more > 0 else "")


async def _desa_of(context: Ctx, draft: dict[str, Any]) -> int:
    return int(draft["area_id"])


people_step = TeamsStep(
    draft=DRAFT,
    owner="sg",
    state=PICK,
    finish=_people_chosen,
    one_team=lambda draft: True,
    desa_of=_desa_of,
    lost="siaga.lost",
    limit=CHOSEN_MAX,
    texts={
        "pick.list_title_shift": "siaga.pick_title",
        "pick.so_far": "siaga.pick_so_far",
        "pick.team_line": "siaga.pick_line",
        "pick.team_empty": "siaga.pick_empty",
        "ronda.no_teams": "siaga.pick_empty",
        "ronda.team_too_big": "siaga.pick_too_many",
        "ronda.not_eligible": "siaga.pick_not_eligible",
        "ronda.unknown_members": "siaga.pick_unknown",
    },
    self_refused="siaga.pick_self",
)


def _recipients(draft: dict[str, Any]) -> list[int] | None:
    """The people chosen one by one (None: the draft calls a group)."""
    if draft.get("who") != Audience.CHOSEN.value:
        return None
    return [int(i) for i in draft.get("people") or []]


# --- why, where, when, how loud ------------------------------------------------------------------


@step
async def reason_typed(update: Update, context: Ctx) -> str:
    siaga, lang = context.services.siaga, context.lang
    try:
        reason = siaga.check_reason(update.effective_message.text or "")
    except SiagaError as error:
        return await _refused(update, context, error, REASON)
    draft = _draft(context)
    draft["reason"] = reason
    area_id = int(draft["area_id"])
    rows: list[list[tuple[str, Any]]] = []
    if siaga.is_desa(area_id):
        for post in (await siaga.posts(area_id))[:8]:
            rows.append([(f"📍 {post.name}"[:60], ChoosePost(post.id or 0))])
    polsek = await siaga.polsek(area_id)
    if polsek is not None:
        rows.append([(t(lang, "siaga.btn_polsek", polsek=polsek.name)[:60], ChoosePolsek())])
    rows.append([(t(lang, "siaga.btn_location"), ChooseLocation())])
    await say(update, t(lang, "siaga.ask_place"), reply_markup=keyboard(rows))
    return PLACE


@step
async def post_chosen(update: Update, context: Ctx) -> str:
    button = pressed(update, ChoosePost)
    draft, siaga = _draft(context), context.services.siaga
    area_id = int(draft["area_id"])
    posts = {p.id: p for p in await siaga.posts(area_id)} if siaga.is_desa(area_id) else {}
    post = posts.get(button.post_id)
    if post is None:
        await say(update, t(context.lang, "siaga.lost"), toast=True)
        return PLACE
    draft["place"] = {
        "kind": PlaceKind.POST.value,
        "name": f"{post.name}, {siaga.area_name(area_id)}",
        "post_id": post.id,
        "lat": post.latitude,
        "lon": post.longitude,
    }
    await update.callback_query.answer()
    return await _ask_time(update, context)


@step
async def polsek_chosen(update: Update, context: Ctx) -> str:
    draft, siaga = _draft(context), context.services.siaga
    polsek = await siaga.polsek(int(draft["area_id"]))
    if polsek is None:
        await say(update, t(context.lang, "siaga.lost"), toast=True)
        return PLACE
    draft["place"] = {"kind": PlaceKind.POLSEK.value, "name": polsek.name}
    await update.callback_query.answer()
    return await _ask_time(update, context)


@step
async def location_wanted(update: Update, context: Ctx) -> str:
    await say(update, t(context.lang, "siaga.ask_location"))
    return PLACE


@step
async def location_shared(update: Update, context: Ctx) -> str:
    """A shared location as the place (inside the area the bot serves)."""
    location = update.effective_message.location
    try:
        context.services.siaga.check_location(location.latitude, location.longitude)
    except SiagaError as error:
        return await _refused(update, context, error, PLACE)
    _draft(context)["place"] = {
        "kind": PlaceKind.LOCATION.value,
        "name": t(context.lang, "siaga.location_place"),
        "lat": location.latitude,
        "lon": location.longitude,
    }
    return await _ask_time(update, context)


async def _ask_time(update: Update, context: Ctx) -> str:
    lang = context.lang
    markup = keyboard([[(t(lang, "siaga.btn_now"), Now())]])
    await say(update, t(lang, "siaga.ask_time"), reply_markup=markup)
    return TIME


@step
async def now_chosen(update: Update, context: Ctx) -> str:
    _draft(context)["at"] = None
    await update.callback_query.answer()
    return await _ask_level(update, context)


@step
async def time_typed(update: Update, context: Ctx) -> str:
    """HH:MM later today (a time already past is refused)."""
    try:
        at = context.services.siaga.parse_time(update.effective_message.text or "")
    except SiagaError as error:
        return await _refused(update, context, error, TIME)
    _draft(context)["at"] = at.isoformat()
    return await _ask_level(update, context)


async def _ask_level(update: Update, context: Ctx) -> str:
    lang = context.lang
    markup = keyboard(
        [
            [
                (t(lang, "siaga.btn_waspada"), ChooseLevel("waspada")),
                (t(lang, "siaga.btn_darurat"), ChooseLevel("darurat")),
            ]
        ]
    )
    await say(update, t(lang, "siaga.ask_level"), reply_markup=markup)
    return LEVEL


@step
async def level_chosen(update: Update, context: Ctx) -> str:
    """How loud; then the summary, with how many people and any call still open for them."""
    draft = _draft(context)
    draft["level"] = pressed(update, ChooseLevel).level
    await update.callback_query.answer()
    try:
        return await _summary(update, context)
    except SiagaError as error:  # the time typed passed meanwhile
        return await _refused(update, context, error, TIME)


def _plan(draft: dict[str, Any], at: dt.datetime) -> CallPlan:
    place = draft["place"]
    return CallPlan(
        area_id=int(draft["area_id"]),
        audience=Audience(draft["who"]),
        reason=str(draft["reason"]),
        place_kind=PlaceKind(place["kind"]),
        place_name=str(place["name"]),
        at=at,
        level=SiagaLevel(draft["level"]),
        post_id=place.get("post_id"),
        latitude=place.get("lat"),
        longitude=place.get("lon"),
    )


def _at(context: Ctx, draft: dict[str, Any], now: dt.datetime) -> dt.datetime:
    """The call's time: now, or the time typed (refused once it has passed)."""
    if not draft.get("at"):
        return now
    at = dt.datetime.fromisoformat(str(draft["at"]))
    if at < now - dt.timedelta(minutes=1):
        local = at.astimezone(context.services.siaga.settings.timezone)
        raise SiagaError("siaga.time_past", time=f"{local.hour:02d}.{local.minute:02d}")
    return max(at, now)


async def _summary(update: Update, context: Ctx) -> str:
    draft, siaga, lang = _draft(context), context.services.siaga, context.lang
    now = dt.datetime.now(dt.UTC)
    area_id = int(draft["area_id"])
    who = Audience(draft["who"])
    chosen = _recipients(draft)
    people = chosen
    if people is None:
        people = await siaga.audience(area_id, who, update.effective_user.id)
    if not people:
        await say(update, t(lang, "siaga.nobody"))
        return LEVEL
    at = _at(context, draft, now)
    tz = siaga.settings.timezone
    when = (
        t(lang, "siaga.now_at", time=format_time(now, lang, tz, zone=True))
        if not draft.get("at")
        else format_when(at, lang, tz)
    )
    text = t(
        lang,
        "siaga.summary",
        level=t(lang, f"siaga.level_{draft['level']}"),
        area=siaga.area_name(area_id),
        who=(
            t(lang, "siaga.who_chosen_names", names=_names(lang, draft.get("names") or []))
            if chosen is not None
            else t(lang, f"siaga.who_{who.value}")
        ),
        count=len(people),
        reason=draft["reason"],
        place=draft["place"]["name"],
        when=when,
    )
    overlap = await siaga.open_calls_with(people)
    if overlap:
        text += t(lang, "siaga.summary_overlap", calls=", ".join(f"#{c}" for c in overlap[:5]))
    markup = keyboard([[(t(lang, "siaga.btn_send"), Send()), (t(lang, "siaga.btn_drop"), Drop())]])
    await say(update, text, reply_markup=markup)
    return CONFIRM


@step
async def send(update: Update, context: Ctx) -> str | int:
    """📣 Kirim: the call goes out; this message becomes the live tally."""
    draft, siaga, lang = _draft(context), context.services.siaga, context.lang
    user_id = update.effective_user.id
    holdings = await context.services.roles.holdings(user_id)
    try:
        now = dt.datetime.now(dt.UTC)
        plan = _plan(draft, _at(context, draft, now))
        # The recipients are an explicit input of the call: those chosen, or the group's now.
        people = _recipients(draft)
        if people is None:
            people = await siaga.audience(plan.area_id, plan.audience, user_id, now)
        created = await siaga.create(plan, people, user_id, lang, holdings, now)
    except SiagaError as error:
        # Someone chosen who left the watch meanwhile: named, in a message of its own.
        await say(update, error.text(lang), toast=error.key != "siaga.pick_not_eligible")
        return TIME if error.key == "siaga.time_past" else CONFIRM
    context.user_data.pop(DRAFT, None)
    call = created.call
    query = update.callback_query
    await query.answer(t(lang, "siaga.sent", number=call.id, count=call.recipients)[:200])
    jobs.schedule_close(context, call.id, siaga.close_at(call))
    for chat_id in created.tally_chats:
        await _send_tally(update, context, call.id, chat_id, edit=chat_id == user_id)
    return ConversationHandler.END


async def _send_tally(
    update: Update, context: Ctx, call_id: int, chat_id: int, *, edit: bool
) -> None:
    """The call's tally in `chat_id` (the caller's: in place of the pressed message), from now
    on the one edited there."""
    siaga = context.services.siaga
    lang = context.lang if chat_id == update.effective_user.id else siaga.settings.language
    found = await siaga.tally(call_id, lang)
    if found is None:
        return
    shown, _call = found
    markup = InlineKeyboardMarkup.de_json(
        siaga.tally_buttons(lang, call_id, open_=shown.open), context.bot
    )
    query = update.callback_query
    message_id = None
    if edit and query is not None and query.message is not None:
        with contextlib.suppress(Exception):
            await query.edit_message_text(shown.text, reply_markup=markup)
            message_id = query.message.message_id
    if message_id is None:
        try:
            sent = await context.bot.send_message(chat_id, shown.text, reply_markup=markup)
        except Exception:  # a duty chat the bot was removed from: the caller still has theirs
            if chat_id == update.effective_user.id:
                raise
            return
        message_id = sent.message_id
    await siaga.tally_sent(call_id, chat_id, message_id, shown)
    siaga.pacer.edited(chat_id)  # the chat's next tally edit keeps its distance from this one
    jobs.refresh(context, [chat_id])


async def show(update: Update, context: Ctx) -> None:
    """📊 A call's tally again, as a new message here (the one edited from now on)."""
    button = pressed(update, Show)
    siaga = context.services.siaga
    user_id = update.effective_user.id
    holdings = await context.services.roles.holdings(user_id)
    if not await siaga.may_manage(user_id, holdings, button.call_id):
        await say(update, t(context.lang, "siaga.not_yours"), toast=True)
        return
    await update.callback_query.answer()
    await _send_tally(update, context, button.call_id, update.effective_chat.id, edit=False)


@step
async def drop(update: Update, context: Ctx) -> int:
    """❌ Batal: nothing is sent."""
    context.user_data.pop(DRAFT, None)
    await say(update, t(context.lang, "siaga.dropped"), edit=True)
    if update.callback_query is not None:
        await update.callback_query.answer()
    return ConversationHandler.END


async def expect_button(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "siaga.expect_choice"))


def conversation_handler() -> ConversationHandler:
    """The /siaga conversation."""
    return conversation(
        DRAFT,
        entry_points=[command("siaga", start, rank=375, aliases=("standby",))],
        states={
            MENU: [
                CallbackQueryHandler(new_call, pattern=NewCall.pattern()),
                # A desa or kecamatan typed at once: the call starts there.
                MessageHandler(PRIVATE_TEXT, area_typed),
            ],
            AREA: [
                CallbackQueryHandler(area_chosen, pattern=ChooseArea.pattern()),
                MessageHandler(PRIVATE_TEXT, area_typed),
            ],
            WHO: [
                CallbackQueryHandler(who_chosen, pattern=ChooseWho.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            # 👤 Pilih orang: the picker's buttons, forwards, typed names.
            PICK: people_step.handlers(),
            REASON: [MessageHandler(PRIVATE_TEXT, reason_typed)],
            PLACE: [
                CallbackQueryHandler(post_chosen, pattern=ChoosePost.pattern()),
                CallbackQueryHandler(polsek_chosen, pattern=ChoosePolsek.pattern()),
                CallbackQueryHandler(location_wanted, pattern=ChooseLocation.pattern()),
                MessageHandler(LOCATION, location_shared),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            TIME: [
                CallbackQueryHandler(now_chosen, pattern=Now.pattern()),
                MessageHandler(PRIVATE_TEXT, time_typed),
            ],
            LEVEL: [
                CallbackQueryHandler(level_chosen, pattern=ChooseLevel.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            CONFIRM: [
                CallbackQueryHandler(send, pattern=Send.pattern()),
                CallbackQueryHandler(drop, pattern=Drop.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )


def handlers() -> list[BaseHandler]:
    """The /siaga conversation, and 📊 a call's tally again (from any earlier menu)."""
    return [conversation_handler(), CallbackQueryHandler(show, pattern=Show.pattern())]
