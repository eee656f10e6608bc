"""The police's side of reports: the duty chat's buttons, notes and questions, escalation jobs,
/statistik and /eksporlaporan.

Every button is checked like a typed command (handlers/guard.py) and then against the report's
place: an officer acts only on reports of the areas their role covers. The card in the duty chat
is edited through the delivery engine; the presser gets an immediate answer on the button.
Button data: see bot/report_cards.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re

from apscheduler.jobstores.base import JobLookupError
from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import report_cards as cards
from bot.commands import Where
from bot.context import App, Ctx
from bot.services.authz import Action as Authz
from bot.services.authz import Place
from bot.services.reports import Action, ActResult, Outcome
from bot.texts import Html, plain_text, t
from handlers.common import NEW_MESSAGE
from handlers.conversation import conversation
from handlers.guard import allowed_at, guarded
from storage.models import ReportStatus, Role

NOTE = "note"
NOTE_TIMEOUT_SECONDS = 10 * 60
_BUTTON = re.compile(r"^rp:(take|proc|done|rej|ask):(\d{1,9})$")
_REASON = re.compile(r"^rp:rr:(\d{1,9}):(" + "|".join(cards.REJECT_REASONS) + r")$")
# Actions that need a text from the officer first.
_NEEDS_TEXT = {Action.DONE: "reports.duty_ask_note", Action.ASK: "reports.duty_ask_question"}


def _job_name(report_id: int) -> str:
    return f"report:escalate:{report_id}"


# --- buttons --------------------------------------------------------------------------------------


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def button(update: Update, context: Ctx) -> str | int:
    """Terima / Proses / Selesai / Tolak / Tanya pelapor under a report's card."""
    query = update.callback_query
    verb, raw_id = _BUTTON.match(query.data).groups()
    report_id, action = int(raw_id), Action(verb)
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    reports = context.services.reports
    lang = context.lang
    if action is Action.REJECT:
        refused = await reports.check(
            report_id, update.effective_user.id, action, override=override
        )
        if refused is not None:
            await _say_outcome(update, context, refused)
            return ConversationHandler.END
        await query.answer()
        keyboard = [
            [
                InlineKeyboardButton(
                    cards.reason_name(lang, r), callback_data=f"rp:rr:{report_id}:{r}"
                )
            ]
            for r in cards.REJECT_REASONS
        ]
        report = await reports.get(report_id)
        await query.message.reply_text(
            t(lang, "reports.duty_ask_reason", code=report.code if report else ""),
            reply_markup=InlineKeyboardMarkup(keyboard),
        )
        return ConversationHandler.END
    if action in _NEEDS_TEXT:
        refused = await reports.check(
            report_id, update.effective_user.id, action, override=override
        )
        if refused is not None:
            await _say_outcome(update, context, refused)
            return ConversationHandler.END
        return await _ask_for_text(update, context, report_id, action, _NEEDS_TEXT[action])
    result = await reports.act(report_id, update.effective_user.id, action, override=override)
    _after(context, result, report_id)
    await _say_outcome(update, context, result)
    return ConversationHandler.END


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def reason_button(update: Update, context: Ctx) -> str | int:
    """A rejection reason; "lainnya" asks for the reason in words."""
    query = update.callback_query
    raw_id, reason = _REASON.match(query.data).groups()
    report_id = int(raw_id)
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    if reason == "lainnya":
        refused = await context.services.reports.check(
            report_id, update.effective_user.id, Action.REJECT, override=override
        )
        if refused is not None:
            await _say_outcome(update, context, refused)
            return ConversationHandler.END
        return await _ask_for_text(
            update, context, report_id, Action.REJECT, "reports.duty_reason_other"
        )
    result = await context.services.reports.act(
        report_id, update.effective_user.id, Action.REJECT, reason=reason, override=override
    )
    _after(context, result, report_id)
    await _say_outcome(update, context, result)
    if result.outcome is Outcome.DONE:
        # The question of reasons is done with (Telegram refuses to delete messages > 48 h old).
        with contextlib.suppress(TelegramError):
            await query.message.delete()
    return ConversationHandler.END


async def _ask_for_text(
    update: Update, context: Ctx, report_id: int, action: Action, key: str
) -> str:
    """Ask the officer (by name, so the reply box opens only for them) for a note."""
    await update.callback_query.answer()
    report = await context.services.reports.get(report_id)
    user = update.effective_user
    mention = Html(f'<a href="tg://user?id={user.id}">{html.escape(user.first_name)}</a>')
    context.user_data[NOTE] = {"report_id": report_id, "action": action.value}
    await update.effective_message.reply_text(
        t(context.lang, key, name=mention, code=report.code if report else ""),
        reply_markup=ForceReply(selective=True),
    )
    return NOTE


@guarded(Authz.HANDLE_REPORT, Where.ANY)
async def note_typed(update: Update, context: Ctx) -> int:
    """The officer's note, question or reason: act on the report."""
    pending = context.user_data.pop(NOTE, None) or {}
    report_id = int(pending.get("report_id", 0))
    action = Action(pending.get("action", Action.DONE.value))
    override = await _may_override(update, context, report_id)
    if override is None:
        return ConversationHandler.END
    text = update.effective_message.text or ""
    reason = "lainnya" if action is Action.REJECT else None
    result = await context.services.reports.act(
        report_id, update.effective_user.id, action, note=text, reason=reason, override=override
    )
    _after(context, result, report_id)
    if result.outcome is Outcome.DONE and action is Action.ASK:
        await update.effective_message.reply_text(
            t(context.lang, "reports.duty_question_sent", code=result.code)
        )
    else:
        await update.effective_message.reply_text(_outcome_text(context, result))
    return ConversationHandler.END


async def note_not_text(update: Update, context: Ctx) -> str:
    """A sticker or photo where the note was expected."""
    await update.effective_message.reply_text(t(context.lang, "reports.duty_text_expected"))
    return NOTE


async def _may_override(update: Update, context: Ctx, report_id: int) -> bool | None:
    """Whether the presser may act on this report here, and as an admin (who may act on a
    report someone else has); None, with a refusal said, when they may not act at all."""
    place = await context.services.reports.place(report_id)
    if place is None:
        await _say(update, t(context.lang, "button.expired"))
        return None
    roles = context.services.roles
    if place.desa_id is not None:
        where: Place = roles.place(area_id=place.desa_id)
    elif place.polsek_id is not None:
        where = roles.place(polsek_id=place.polsek_id)
    else:
        where = Place()  # no place known: only admins
    if not await allowed_at(
        update, context, Authz.HANDLE_REPORT, where, what=t(context.lang, "reports.this_report")
    ):
        return None
    return await roles.is_admin(update.effective_user.id)


def _after(context: Ctx, result: ActResult, report_id: int) -> None:
    """A report someone took is not escalated any more."""
    if result.outcome is Outcome.DONE and result.status is not ReportStatus.BARU:
        cancel_escalation(context, report_id)


def _outcome_text(context: Ctx, result: ActResult) -> str:
    lang = context.lang
    status = t(lang, f"reports.status.{result.status.value}") if result.status else ""
    key = {
        Outcome.DONE: "reports.duty_ok",
        Outcome.TAKEN: "reports.duty_taken",
        Outcome.CLOSED: "reports.duty_closed",
        Outcome.UNCHANGED: "reports.duty_unchanged",
        Outcome.UNREACHABLE: "reports.duty_unreachable",
    }.get(result.outcome, "button.expired")
    return t(lang, key, code=result.code, by=result.handler or "-", status=status)


async def _say_outcome(update: Update, context: Ctx, result: ActResult) -> None:
    await _say(update, _outcome_text(context, result), alert=result.outcome is not Outcome.DONE)


async def _say(update: Update, text: str, *, alert: bool = True) -> None:
    plain = plain_text(text)[:200]
    if update.callback_query is not None:
        await update.callback_query.answer(plain, show_alert=alert)
    else:
        await update.effective_message.reply_text(text)


# --- escalation on the JobQueue -------------------------------------------------------------------


def schedule_escalation(context: Ctx | App, report_id: int, when: dt.datetime) -> None:
    """Escalate the report at `when` unless someone takes it first (a job per report whose id
    is its name, `report:escalate:<id>`, so finding it costs nothing however many jobs wait;
    running it twice escalates once)."""
    name = _job_name(report_id)
    delay = max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    context.job_queue.run_once(
        _escalate,
        when=delay,
        data=report_id,
        name=name,
        job_kwargs={"id": name, "replace_existing": True},
    )


def cancel_escalation(context: Ctx, report_id: int) -> None:
    """Drop a report's escalation job (it was taken)."""
    with contextlib.suppress(JobLookupError):
        context.job_queue.scheduler.remove_job(_job_name(report_id))


async def _escalate(context: Ctx) -> None:
    """The job: re-announce and escalate, if the report is still untaken."""
    await context.services.reports.escalate(int(context.job.data))


async def rebuild_jobs(application: App) -> None:
    """At start-up: one escalation job per untaken report, from the database (overdue ones run
    at once; the database makes sure each report is escalated once)."""
    for report_id, when in await application.bot_data.services.reports.pending_escalations():
        schedule_escalation(application, report_id, when)


# --- /statistik and /eksporlaporan ----------------------------------------------------------------


async def _scope(update: Update, context: Ctx) -> tuple[set[int] | None, str]:
    """The Polsek whose reports this person may see (None: all), and its name for people."""
    services = context.services
    holdings = await services.roles.holdings(update.effective_user.id)
    if any(h.role is Role.ADMIN for h in holdings):
        return None, t(context.lang, "reports.stats_everything")
    polsek_ids: set[int] = set()
    for holding in holdings:
        if holding.role is not Role.POLISI:
            continue
        if holding.scope.polsek_id is not None:
            polsek_ids.add(holding.scope.polsek_id)
        elif holding.scope.area_id is not None:
            polsek = services.areas.polsek_id_of(holding.scope.area_id)
            if polsek is not None:
                polsek_ids.add(polsek)
    names = [p.name for p in await services.areas.polsek_list() if p.id in polsek_ids]
    return polsek_ids, ", ".join(names) or "-"


@guarded(Authz.VIEW_REPORTS, Where.ANY)
async def statistics(update: Update, context: Ctx) -> None:
    """/statistik: counts by status, category, desa and week."""
    polsek_ids, scope = await _scope(update, context)
    lang = context.lang
    stats = await context.services.reports.stats(polsek_ids)
    median = (
        t(lang, "reports.stats_minutes", minutes=f"{stats.median_claim_minutes:.0f}")
        if stats.median_claim_minutes is not None
        else "-"
    )
    lines = [
        t(lang, "reports.stats_header", scope=scope),
        t(lang, "reports.stats_total", total=stats.total, escalated=stats.escalated, median=median),
    ]

    def section(title: str, counts: list[tuple[str, int]]) -> None:
        if counts:
            lines.append(t(lang, "reports.stats_section", title=t(lang, title)))
            lines.extend(t(lang, "reports.stats_line", name=name, count=n) for name, n in counts)

    section(
        "reports.stats_by_status",
        [
            (t(lang, f"reports.status.{s.value}"), stats.by_status[s])
            for s in ReportStatus
            if stats.by_status[s]
        ],
    )
    section(
        "reports.stats_by_category",
        [(cards.category_name(lang, c), n) for c, n in stats.by_category.most_common()],
    )
    section("reports.stats_by_desa", stats.by_desa.most_common(10))
    section("reports.stats_by_week", sorted(stats.by_week.items()))
    lines.append(t(lang, "reports.stats_footer"))
    await update.effective_message.reply_text("\n".join(lines))


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
        await update.effective_message.reply_text(t(lang, "reports.export_none", scope=scope))
        return
    stamp = dt.datetime.now(context.services.settings.timezone).strftime("%Y%m%d-%H%M")
    await update.effective_message.reply_document(
        InputFile(text.encode("utf-8"), filename=f"laporan-{stamp}.csv"),
        caption=t(lang, "reports.export_caption", count=count, scope=scope),
    )


def handlers() -> list[BaseHandler]:
    """The duty chat's buttons (with the note conversation), /statistik and /eksporlaporan."""
    typed = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
    other = NEW_MESSAGE & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    duty = conversation(
        "laporan_petugas",
        draft=NOTE,
        entry_points=[
            CallbackQueryHandler(button, pattern=_BUTTON),
            CallbackQueryHandler(reason_button, pattern=_REASON),
        ],
        states={NOTE: [MessageHandler(typed, note_typed), MessageHandler(other, note_not_text)]},
        # An officer who never answers: later messages are not taken as the note.
        conversation_timeout=NOTE_TIMEOUT_SECONDS,
    )
    return [
        duty,
        CommandHandler(["statistik", "stats"], statistics, filters=NEW_MESSAGE),
        CommandHandler(["eksporlaporan", "exportreports"], export, filters=NEW_MESSAGE),
    ]
