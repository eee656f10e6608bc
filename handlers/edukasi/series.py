"""🗓 Rencanakan seri (/edukasi, managers): where (a desa or kecamatan of their role), which items
(a topic's, or all, oldest first), every how many days, at what time (WIB), a summary to
start; and 📋 the list of series with ⏸ / ▶️ / ⏹. The draft lives in
`user_data["edukasi_seri"]`."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler

from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.edukasi import TOPICS
from bot.services.edukasi import EdukasiError
from bot.services.edukasi import SeriesPlan
from bot.services.edukasi.callbacks import ChooseArea
from bot.services.edukasi.callbacks import ChooseItems
from bot.services.edukasi.callbacks import DropDraft
from bot.services.edukasi.callbacks import ListSeries
from bot.services.edukasi.callbacks import PickDone
from bot.services.edukasi.callbacks import PickItem
from bot.services.edukasi.callbacks import PickItems
from bot.services.edukasi.callbacks import PlanSeries
from bot.services.edukasi.callbacks import SaveSeries
from bot.services.edukasi.callbacks import SeriesAction
from bot.texts import t
from bot.texts.when import format_when
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.common import typed_area
from handlers.conversation import conversation
from handlers.edukasi import jobs
from handlers.edukasi.add import PRIVATE_TEXT
from handlers.edukasi.browse import topic_name
from handlers.guard import guarded
from storage.models import AreaLevel
from storage.models import EducationTopic
from storage.models import SeriesStatus
from storage.models import utcnow

DRAFT = "edukasi_seri"
AREA, ITEMS, EVERY, TIME, CONFIRM = "area", "items", "every", "time", "confirm"
TIMEOUT_SECONDS = 30 * 60
# Items offered one by one (the newest).
PICK_SHOWN = 30
step = needs_draft(DRAFT, "edukasi.lost")


def _draft(context: Ctx) -> dict[str, Any]:
    return context.user_data[DRAFT]


@guarded(Action.MANAGE_EDUCATION)
async def start(update: Update, context: Ctx) -> str:
    """🗓 Rencanakan seri: where."""
    context.user_data[DRAFT] = {}
    series = context.services.edukasi.series
    holdings = await context.services.roles.holdings(update.effective_user.id)
    rows = [[(series.area_name(a)[:60], ChooseArea(a))] for a in series.areas_for(holdings)]
    text = t(context.lang, "edukasi.ask_area" if rows else "edukasi.ask_area_typed")
    await say(update, text, reply_markup=keyboard(rows) if rows else None)
    return AREA


@step
async def area_chosen(update: Update, context: Ctx) -> str:
    return await _set_area(update, context, pressed(update, ChooseArea).area_id)


@step
async def area_typed(update: Update, context: Ctx) -> str:
    area_id = await typed_area(
        update,
        context,
        update.effective_message.text or "",
        (AreaLevel.DESA, AreaLevel.KECAMATAN),
        ChooseArea,
        "edukasi.area_not_found",
        "edukasi.area_candidates",
    )
    return AREA if area_id is None else await _set_area(update, context, area_id)


async def _set_area(update: Update, context: Ctx, area_id: int) -> str:
    lang, edukasi = context.lang, context.services.edukasi
    name = edukasi.series.area_name(area_id)
    if not await edukasi.series.may_plan(update.effective_user.id, area_id):
        await say(update, t(lang, "edukasi.out_of_scope", area=name))
        return AREA
    _draft(context)["area_id"] = area_id
    counts = await edukasi.library.topics()
    rows: list[list[tuple[str, Any]]] = [
        [(f"{topic_name(lang, x)} ({counts[x]})", ChooseItems(x.value))]
        for x in TOPICS
        if counts.get(x)
    ]
    rows.append([(t(lang, "edukasi.btn_all"), ChooseItems("semua"))])
    rows.append([(t(lang, "edukasi.btn_pick"), PickItems())])
    await say(update, t(lang, "edukasi.ask_items", area=name), reply_markup=keyboard(rows))
    return ITEMS


async def _picker(update: Update, context: Ctx) -> None:
    """The library's newest items as buttons, those chosen marked with their place."""
    lang = context.lang
    picked = [int(i) for i in _draft(context).get("picked") or []]
    items = await context.services.edukasi.library.for_series(None)
    rows: list[list[tuple[str, Any]]] = []
    for item in list(items)[-PICK_SHOWN:][::-1]:
        mark = f"✅{picked.index(item.id) + 1} " if item.id in picked else ""
        label = mark + item.title
        rows.append([(label if len(label) <= 28 else label[:27] + "…", PickItem(item.id or 0))])
    rows.append([(t(lang, "edukasi.btn_pick_done"), PickDone())])
    text = t(lang, "edukasi.pick", count=len(picked))
    await say(update, text, reply_markup=keyboard(rows), edit=True)


@step
async def pick_items(update: Update, context: Ctx) -> str:
    """✋ Pilih materi: the picker."""
    await update.callback_query.answer()
    _draft(context)["picked"] = []
    await _picker(update, context)
    return ITEMS


@step
async def item_picked(update: Update, context: Ctx) -> str:
    """An item chosen (or unchosen); the order of choosing is the order of sending."""
    item_id = pressed(update, PickItem).item_id
    draft = _draft(context)
    picked = [int(i) for i in draft.get("picked") or []]
    if item_id in picked:
        picked.remove(item_id)
    elif await context.services.edukasi.library.item(item_id) is not None:
        picked.append(item_id)
    draft["picked"] = picked
    await update.callback_query.answer()
    await _picker(update, context)
    return ITEMS


@step
async def picked_done(update: Update, context: Ctx) -> str:
    draft, lang = _draft(context), context.lang
    library = context.services.edukasi.library
    items = [x for i in draft.get("picked") or [] if (x := await library.item(int(i)))]
    if not items:
        await say(update, t(lang, "edukasi.series_no_items"), toast=True)
        return ITEMS
    draft["items"] = [item.id for item in items]
    draft["first"] = items[0].title
    await update.callback_query.answer()
    await say(update, t(lang, "edukasi.ask_every", count=len(items)))
    return EVERY


@step
async def items_chosen(update: Update, context: Ctx) -> str:
    choice = pressed(update, ChooseItems).topic
    topic = None if choice == "semua" else EducationTopic(choice)
    items = await context.services.edukasi.library.for_series(topic)
    if not items:
        await say(update, t(context.lang, "edukasi.series_no_items"), toast=True)
        return ITEMS
    draft = _draft(context)
    draft["items"] = [item.id for item in items]
    draft["first"] = items[0].title
    await say(update, t(context.lang, "edukasi.ask_every", count=len(items)))
    return EVERY


@step
async def every_typed(update: Update, context: Ctx) -> str:
    try:
        days = context.services.edukasi.series.parse_every(update.effective_message.text or "")
    except EdukasiError as error:
        await say(update, error.text(context.lang))
        return EVERY
    _draft(context)["every"] = days
    await say(update, t(context.lang, "edukasi.ask_time"))
    return TIME


@step
async def time_typed(update: Update, context: Ctx) -> str | int:
    """The time of day; then the summary (who the series speaks as, when the first goes)."""
    lang, series = context.lang, context.services.edukasi.series
    try:
        send_time = series.parse_time(update.effective_message.text or "")
    except EdukasiError as error:
        await say(update, error.text(lang))
        return TIME
    draft = _draft(context)
    draft["time"] = send_time
    area_id = int(draft["area_id"])
    speaker = await series.speaker(update.effective_user.id, area_id)
    if speaker is None:
        context.user_data.pop(DRAFT, None)
        await say(update, t(lang, "edukasi.out_of_scope", area=series.area_name(area_id)))
        return ConversationHandler.END
    tz = context.services.settings.timezone
    polsek = await context.services.areas.polsek_for(area_id)
    approval = (
        t(lang, "edukasi.summary_approval", polsek=polsek.name if polsek else "Polsek")
        if speaker.needs_approval
        else t(lang, "edukasi.summary_direct")
    )
    text = t(
        lang,
        "edukasi.summary",
        area=series.area_name(area_id),
        count=len(draft["items"]),
        every=draft["every"],
        time=send_time.replace(":", "."),
        first=format_when(series.first_at(send_time, utcnow()), lang, tz),
        speaker=speaker.source,
        approval=approval,
    )
    markup = keyboard(
        [[(t(lang, "edukasi.btn_start"), SaveSeries()), (t(lang, "edukasi.btn_drop"), DropDraft())]]
    )
    await say(update, text, reply_markup=markup)
    return CONFIRM


@step
async def save(update: Update, context: Ctx) -> str | int:
    """✅ Mulai seri: stored, and its job scheduled."""
    lang, series = context.lang, context.services.edukasi.series
    draft = _draft(context)
    plan = SeriesPlan(
        area_id=int(draft["area_id"]),
        item_ids=tuple(int(i) for i in draft["items"]),
        every_days=int(draft["every"]),
        send_time=str(draft["time"]),
    )
    try:
        stored = await series.plan(update.effective_user.id, plan, lang)
    except EdukasiError as error:
        await say(update, error.text(lang), toast=True)
        return CONFIRM
    context.user_data.pop(DRAFT, None)
    jobs.schedule(context, stored.id or 0, stored.next_at)
    tz = context.services.settings.timezone
    await update.callback_query.edit_message_reply_markup(None)
    await say(
        update,
        t(
            lang,
            "edukasi.series_saved",
            series=stored.id,
            first=format_when(stored.next_at, lang, tz),
        ),
    )
    return ConversationHandler.END


@step
async def drop(update: Update, context: Ctx) -> int:
    context.user_data.pop(DRAFT, None)
    await update.callback_query.edit_message_reply_markup(None)
    await say(update, t(context.lang, "edukasi.dropped"))
    return ConversationHandler.END


async def expect_choice(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "edukasi.expect_choice"))


# --- the list ------------------------------------------------------------------------------------


async def _list(update: Update, context: Ctx) -> tuple[str, Any]:
    lang, edukasi = context.lang, context.services.edukasi
    user_id = update.effective_user.id
    holdings = await context.services.roles.holdings(user_id)
    found = await edukasi.series.listed(user_id, holdings)
    if not found:
        return t(lang, "edukasi.series_empty"), None
    tz = context.services.settings.timezone
    lines = [t(lang, "edukasi.series_head")]
    rows: list[list[tuple[str, Any]]] = []
    for series, count in found:
        status = SeriesStatus(series.status)
        upcoming = status is SeriesStatus.ACTIVE
        lines.append(
            t(
                lang,
                "edukasi.series_line",
                series=series.id,
                area=edukasi.series.area_name(series.area_id),
                status=t(lang, f"edukasi.status_{status.value}"),
                sent=series.position,
                count=count,
                every=series.every_days,
                time=series.send_time.replace(":", "."),
                next=t(lang, "edukasi.series_next", when=format_when(series.next_at, lang, tz))
                if upcoming
                else "",
            )
        )
        number = series.id or 0
        if status is SeriesStatus.ACTIVE:
            rows.append(
                [
                    (t(lang, "edukasi.btn_pause", number=number), SeriesAction("p", number)),
                    (t(lang, "edukasi.btn_stop", number=number), SeriesAction("s", number)),
                ]
            )
        elif status is SeriesStatus.PAUSED:
            rows.append(
                [
                    (t(lang, "edukasi.btn_resume", number=number), SeriesAction("r", number)),
                    (t(lang, "edukasi.btn_stop", number=number), SeriesAction("s", number)),
                ]
            )
    return "\n\n".join(lines), keyboard(rows) if rows else None


@guarded(Action.MANAGE_EDUCATION)
async def show_list(update: Update, context: Ctx) -> None:
    """📋 Seri edukasi: the manager's series, newest first, with their buttons."""
    text, markup = await _list(update, context)
    await say(update, text, reply_markup=markup)


@guarded(Action.MANAGE_EDUCATION)
async def change(update: Update, context: Ctx) -> None:
    """⏸ / ▶️ / ⏹ a series; the list is shown again in place."""
    button = pressed(update, SeriesAction)
    lang, series = context.lang, context.services.edukasi.series
    try:
        changed = await series.change(button.series_id, update.effective_user.id, button.action)
    except EdukasiError as error:
        await say(update, error.text(lang), toast=True)
        return
    if changed.status is SeriesStatus.ACTIVE:
        jobs.schedule(context, button.series_id, changed.next_at)
    else:
        jobs.cancel(context, button.series_id)
    status = t(lang, f"edukasi.status_{SeriesStatus(changed.status).value}")
    await update.callback_query.answer(
        t(lang, "edukasi.series_changed", series=changed.id, status=status)
    )
    text, markup = await _list(update, context)
    await say(update, text, reply_markup=markup, edit=True)


def handlers() -> list[BaseHandler]:
    """The conversation that plans a series; the list and its buttons."""
    return [
        conversation(
            DRAFT,
            entry_points=[CallbackQueryHandler(start, pattern=PlanSeries.pattern())],
            states={
                AREA: [
                    CallbackQueryHandler(area_chosen, pattern=ChooseArea.pattern()),
                    MessageHandler(PRIVATE_TEXT, area_typed),
                ],
                ITEMS: [
                    CallbackQueryHandler(items_chosen, pattern=ChooseItems.pattern()),
                    CallbackQueryHandler(pick_items, pattern=PickItems.pattern()),
                    CallbackQueryHandler(item_picked, pattern=PickItem.pattern()),
                    CallbackQueryHandler(picked_done, pattern=PickDone.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_choice),
                ],
                EVERY: [MessageHandler(PRIVATE_TEXT, every_typed)],
                TIME: [MessageHandler(PRIVATE_TEXT, time_typed)],
                CONFIRM: [
                    CallbackQueryHandler(save, pattern=SaveSeries.pattern()),
                    CallbackQueryHandler(drop, pattern=DropDraft.pattern()),
                    MessageHandler(PRIVATE_TEXT, expect_choice),
                ],
            },
            conversation_timeout=TIMEOUT_SECONDS,
        ),
        CallbackQueryHandler(show_list, pattern=ListSeries.pattern()),
        CallbackQueryHandler(change, pattern=SeriesAction.pattern()),
    ]
