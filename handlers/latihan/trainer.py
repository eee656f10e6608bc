"""/latihan for the trainer: the menu (a new session, the sessions running, the history), the
new session (a conversation: desa → whom → scenario → photo/location asked? → confirm), a
session's view and its end with the summary, feedback on a practice report (a conversation of
one question), and `/latihan` typed in a group: that group gets the newest running session's
reports too. The draft lives in `user_data["latihan"]` (plain JSON)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup
from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import ConversationHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.commands import Where
from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.authz import Action
from bot.services.latihan import Audience
from bot.services.latihan import LatihanError
from bot.services.latihan import Plan
from bot.services.latihan.callbacks import ChooseAsks
from bot.services.latihan.callbacks import ChooseAudience
from bot.services.latihan.callbacks import ChooseDesa
from bot.services.latihan.callbacks import Confirm
from bot.services.latihan.callbacks import Drop
from bot.services.latihan.callbacks import End
from bot.services.latihan.callbacks import EndSure
from bot.services.latihan.callbacks import Feedback
from bot.services.latihan.callbacks import History
from bot.services.latihan.callbacks import NewSession
from bot.services.latihan.callbacks import NoScenario
from bot.services.latihan.callbacks import View
from bot.services.latihan.messages import asks_text
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import is_private
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import refuse
from handlers.common import say
from handlers.common import typed_area
from handlers.conversation import conversation
from handlers.guard import allowed_at
from handlers.guard import guarded
from handlers.menus import command
from storage.models import AreaLevel

DRAFT = "latihan"
FEEDBACK_DRAFT = "latihan_masukan"
MENU, DESA, WHO, SCENARIO, ASKS, CONFIRM, FEEDBACK = (
    "menu",
    "desa",
    "who",
    "scenario",
    "asks",
    "confirm",
    "feedback",
)
TIMEOUT_SECONDS = 20 * 60
PRIVATE_TEXT = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
step = needs_draft(DRAFT, "latihan.lost")
feedback_step = needs_draft(FEEDBACK_DRAFT, "latihan.lost")


def _link(context: Ctx) -> str:
    """The deep link of a session, `{code}` to fill in."""
    return f"https://t.me/{context.bot.username}?start=lat_{{code}}"


def _markup(data: dict[str, Any]) -> InlineKeyboardMarkup | None:
    return InlineKeyboardMarkup.de_json(data, None) if data else None


# --- the menu ------------------------------------------------------------------------------------


@guarded(Action.RUN_TRAINING, Where.ANY)
async def start(update: Update, context: Ctx) -> str | int:
    """/latihan: in private the trainer's menu; in a group, the group gets the reports of the
    trainer's newest running session."""
    lang, latihan = context.lang, context.services.latihan
    user_id = update.effective_user.id
    if not is_private(update):
        number = await latihan.set_chat(user_id, update.effective_chat.id)
        key = "latihan.group_none" if number is None else "latihan.group_set"
        await say(update, t(lang, key, number=number))
        return ConversationHandler.END
    context.user_data[DRAFT] = {}
    lines = [t(lang, "latihan.menu")]
    rows: list[list[tuple[str, Any]]] = [[(t(lang, "latihan.btn_new"), NewSession())]]
    running = await latihan.open_sessions(user_id, lang)
    if running:
        lines.append(t(lang, "latihan.menu_open"))
    for session_id, title in running:
        lines.append(title)
        rows.append([(f"📊 #{session_id}", View(session_id))])
    rows.append([(t(lang, "latihan.btn_history"), History())])
    await say(update, "\n".join(lines), reply_markup=keyboard(rows))
    return MENU


@step
async def new_session(update: Update, context: Ctx) -> str:
    """➕ Latihan baru: which desa."""
    await update.callback_query.answer()
    lang, latihan = context.lang, context.services.latihan
    holdings = await context.services.roles.holdings(update.effective_user.id)
    rows = [
        [(latihan.desa_name(desa_id), ChooseDesa(desa_id))]
        for desa_id in latihan.desa_named(holdings)
    ]
    text = t(lang, "latihan.ask_desa" if rows else "latihan.ask_desa_typed")
    await say(update, text, reply_markup=keyboard(rows) if rows else None)
    return DESA


@step
async def desa_chosen(update: Update, context: Ctx) -> str:
    return await _set_desa(update, context, pressed(update, ChooseDesa).desa_id)


@step
async def desa_typed(update: Update, context: Ctx) -> str:
    desa_id = await typed_area(
        update,
        context,
        update.effective_message.text or "",
        (AreaLevel.DESA,),
        ChooseDesa,
        "latihan.desa_not_found",
        "latihan.desa_candidates",
    )
    return DESA if desa_id is None else await _set_desa(update, context, desa_id)


async def _set_desa(update: Update, context: Ctx, desa_id: int) -> str:
    """A desa within the trainer's scope: whom to invite (with how many that is)."""
    lang, latihan = context.lang, context.services.latihan
    if not latihan.is_desa(desa_id):
        await say(update, t(lang, "latihan.lost"), toast=True)
        return DESA
    name = latihan.desa_name(desa_id)
    place = context.services.roles.place(area_id=desa_id)
    if not await allowed_at(update, context, Action.RUN_TRAINING, place, name):
        return DESA
    if update.callback_query is not None:
        await update.callback_query.answer()
    people = await latihan.karang_taruna(desa_id, update.effective_user.id)
    context.user_data[DRAFT] = {"desa_id": desa_id}
    rows = [
        [(t(lang, "latihan.btn_pemuda"), ChooseAudience("pemuda"))],
        [(t(lang, "latihan.btn_link"), ChooseAudience("link"))],
    ]
    text = t(lang, "latihan.ask_who", desa=name, count=len(people))
    await say(update, text, reply_markup=keyboard(rows))
    return WHO


@step
async def who_chosen(update: Update, context: Ctx) -> str:
    who = Audience(pressed(update, ChooseAudience).who)
    draft, lang = context.user_data[DRAFT], context.lang
    if "desa_id" not in draft:
        await say(update, t(lang, "latihan.lost"), toast=True)
        return WHO
    if who is Audience.PEMUDA:
        people = await context.services.latihan.karang_taruna(
            int(draft["desa_id"]), update.effective_user.id
        )
        if not people:
            await say(update, t(lang, "latihan.nobody_pemuda"), toast=True)
            return WHO
    draft["who"] = who.value
    await update.callback_query.answer()
    markup = keyboard([[(t(lang, "latihan.btn_no_scenario"), NoScenario())]])
    await say(update, t(lang, "latihan.ask_scenario"), reply_markup=markup)
    return SCENARIO


@step
async def scenario_typed(update: Update, context: Ctx) -> str:
    try:
        scenario = context.services.latihan.check_scenario(update.effective_message.text or "")
    except LatihanError as error:
        await say(update, error.text(context.lang))
        return SCENARIO
    context.user_data[DRAFT]["scenario"] = scenario
    return await _ask_asks(update, context)


@step
async def no_scenario(update: Update, context: Ctx) -> str:
    context.user_data[DRAFT]["scenario"] = ""
    await update.callback_query.answer()
    return await _ask_asks(update, context)


async def _ask_asks(update: Update, context: Ctx) -> str:
    lang = context.lang
    rows = [
        [
            (t(lang, "latihan.btn_ask_photo"), ChooseAsks("photo")),
            (t(lang, "latihan.btn_ask_loc"), ChooseAsks("loc")),
        ],
        [(t(lang, "latihan.btn_ask_both"), ChooseAsks("both"))],
        [(t(lang, "latihan.btn_ask_none"), ChooseAsks("none"))],
    ]
    await say(update, t(lang, "latihan.ask_asks"), reply_markup=keyboard(rows))
    return ASKS


@step
async def asks_chosen(update: Update, context: Ctx) -> str:
    """Photo and/or location asked: the plan, to start or drop."""
    asks = pressed(update, ChooseAsks).asks
    draft, lang = context.user_data[DRAFT], context.lang
    if "who" not in draft:
        await say(update, t(lang, "latihan.lost"), toast=True)
        return ASKS
    draft["photo"] = asks in ("photo", "both")
    draft["loc"] = asks in ("loc", "both")
    await update.callback_query.answer()
    text = t(
        lang,
        "latihan.plan",
        desa=context.services.latihan.desa_name(int(draft["desa_id"])),
        who=t(lang, f"latihan.who_{draft['who']}"),
        scenario=draft.get("scenario") or t(lang, "latihan.plan_no_scenario"),
        asks=asks_text(lang, draft["photo"], draft["loc"]) or t(lang, "latihan.plan_no_asks"),
    )
    rows = [[(t(lang, "latihan.btn_start"), Confirm()), (t(lang, "latihan.btn_drop"), Drop())]]
    await say(update, text, reply_markup=keyboard(rows))
    return CONFIRM


@step
async def confirmed(update: Update, context: Ctx) -> str | int:
    """✅ Mulai latihan: the session starts; the Karang Taruna get their invitations."""
    draft, lang, latihan = context.user_data[DRAFT], context.lang, context.services.latihan
    user_id = update.effective_user.id
    if "photo" not in draft:
        await say(update, t(lang, "latihan.lost"), toast=True)
        return CONFIRM
    desa_id = int(draft["desa_id"])
    # The scope again: roles may have changed since the desa was chosen.
    place = context.services.roles.place(area_id=desa_id)
    if not await allowed_at(
        update, context, Action.RUN_TRAINING, place, latihan.desa_name(desa_id)
    ):
        context.user_data.pop(DRAFT, None)
        return ConversationHandler.END
    audience = Audience(draft["who"])
    people = await latihan.karang_taruna(desa_id, user_id) if audience is Audience.PEMUDA else []
    plan = Plan(desa_id, audience, draft.get("scenario") or "", draft["photo"], draft["loc"])
    created = await latihan.create(plan, user_id, lang, people)
    context.user_data.pop(DRAFT, None)
    await update.callback_query.answer()
    invited = t(lang, "latihan.created_invited", count=created.invited) if created.invited else ""
    text = t(
        lang,
        "latihan.created",
        number=created.session_id,
        link=_link(context).format(code=created.code),
        invited=invited,
    )
    markup = keyboard([[(f"📊 #{created.session_id}", View(created.session_id))]])
    await say(update, text, edit=True, reply_markup=markup)
    return ConversationHandler.END


@step
async def dropped(update: Update, context: Ctx) -> int:
    context.user_data.pop(DRAFT, None)
    await update.callback_query.answer()
    await say(update, t(context.lang, "latihan.dropped"), edit=True)
    return ConversationHandler.END


async def expect_button(update: Update, context: Ctx) -> None:
    await say(update, t(context.lang, "latihan.expect_choice"))


# --- a session: its view, its end, the history ----------------------------------------------------


async def view(update: Update, context: Ctx) -> None:
    """📊 A session (🔄 again: the same message, updated)."""
    session_id = pressed(update, View).session_id
    try:
        text, data = await context.services.latihan.view(
            session_id, update.effective_user.id, context.lang, _link(context)
        )
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    await update.callback_query.answer()
    # 🔄 on the view (or on its ⛔ question) updates that message; 📊 elsewhere sends a new one.
    message = update.callback_query.message
    first_line = (getattr(message, "text", None) or "").split("\n", 1)[0]
    on_view = first_line.startswith(("🟢", "⚪")) and f"#{session_id} " in first_line
    same = on_view or f"#{session_id}?" in first_line
    await say(update, text, edit=same, reply_markup=_markup(data))


async def end(update: Update, context: Ctx) -> None:
    """⛔ Akhiri latihan: asked once more."""
    session_id = pressed(update, End).session_id
    lang = context.lang
    try:  # the session's trainer only
        await context.services.latihan.view(session_id, update.effective_user.id, lang, "")
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    rows = [
        [
            (t(lang, "latihan.btn_end_yes"), EndSure(session_id)),
            (t(lang, "latihan.btn_refresh"), View(session_id)),
        ]
    ]
    await update.callback_query.answer()
    await say(update, t(lang, "latihan.end_sure", number=session_id), reply_markup=keyboard(rows))


async def end_sure(update: Update, context: Ctx) -> None:
    """⛔ Ya, akhiri: the session ends; the summary per trainee and for the session."""
    session_id = pressed(update, EndSure).session_id
    try:
        summary = await context.services.latihan.close(
            session_id, update.effective_user.id, context.lang
        )
    except UserFacingError as error:
        await refuse(update, context, error)
        return
    await update.callback_query.answer()
    await say(update, summary, edit=True)


async def history(update: Update, context: Ctx) -> None:
    """📜 The trainer's sessions, newest first, with counts."""
    text, sessions = await context.services.latihan.history(update.effective_user.id, context.lang)
    rows = [[(f"📊 #{session_id}", View(session_id))] for session_id, _title in sessions]
    await update.callback_query.answer()
    await say(update, text, reply_markup=keyboard(rows) if rows else None)


# --- feedback ------------------------------------------------------------------------------------


async def ask_feedback(update: Update, context: Ctx) -> str | int:
    """✍️ Beri masukan under a practice report: ask for the text (the session's trainer only)."""
    report_id = pressed(update, Feedback).report_id
    number = await context.services.latihan.may_feedback(report_id, update.effective_user.id)
    if number is None:
        await say(update, t(context.lang, "latihan.not_yours"), toast=True)
        return ConversationHandler.END
    context.user_data[FEEDBACK_DRAFT] = {"report_id": report_id}
    await update.callback_query.answer()
    await say(update, t(context.lang, "latihan.ask_feedback", number=number))
    return FEEDBACK


@feedback_step
async def feedback_typed(update: Update, context: Ctx) -> str | int:
    report_id = int(context.user_data[FEEDBACK_DRAFT]["report_id"])
    try:
        number = await context.services.latihan.feedback(
            report_id, update.effective_user.id, update.effective_message.text or ""
        )
    except LatihanError as error:
        await say(update, error.text(context.lang))
        if error.key == "latihan.not_yours":
            context.user_data.pop(FEEDBACK_DRAFT, None)
            return ConversationHandler.END
        return FEEDBACK
    context.user_data.pop(FEEDBACK_DRAFT, None)
    await say(update, t(context.lang, "latihan.feedback_sent", number=number))
    return ConversationHandler.END


def handlers() -> list[BaseHandler]:
    """/latihan (its conversation), feedback (a conversation), a session's buttons."""
    sessions = conversation(
        DRAFT,
        entry_points=[command("latihan", start, rank=385, aliases=("training",))],
        states={
            MENU: [
                CallbackQueryHandler(new_session, pattern=NewSession.pattern()),
                # A desa typed at once: the new session is for it.
                MessageHandler(PRIVATE_TEXT, desa_typed),
            ],
            DESA: [
                CallbackQueryHandler(desa_chosen, pattern=ChooseDesa.pattern()),
                MessageHandler(PRIVATE_TEXT, desa_typed),
            ],
            WHO: [
                CallbackQueryHandler(who_chosen, pattern=ChooseAudience.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            SCENARIO: [
                CallbackQueryHandler(no_scenario, pattern=NoScenario.pattern()),
                MessageHandler(PRIVATE_TEXT, scenario_typed),
            ],
            ASKS: [
                CallbackQueryHandler(asks_chosen, pattern=ChooseAsks.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
            CONFIRM: [
                CallbackQueryHandler(confirmed, pattern=Confirm.pattern()),
                CallbackQueryHandler(dropped, pattern=Drop.pattern()),
                MessageHandler(PRIVATE_TEXT, expect_button),
            ],
        },
        conversation_timeout=TIMEOUT_SECONDS,
    )
    feedback = conversation(
        FEEDBACK_DRAFT,
        entry_points=[CallbackQueryHandler(ask_feedback, pattern=Feedback.pattern())],
        states={FEEDBACK: [MessageHandler(PRIVATE_TEXT, feedback_typed)]},
        conversation_timeout=TIMEOUT_SECONDS,
    )
    return [
        sessions,
        feedback,
        CallbackQueryHandler(view, pattern=View.pattern()),
        CallbackQueryHandler(end, pattern=End.pattern()),
        CallbackQueryHandler(end_sure, pattern=EndSure.pattern()),
        CallbackQueryHandler(history, pattern=History.pattern()),
    ]
