"""What a report looks like in the duty chat, at the Polres and to its reporter, and the texts
and buttons the handlers show about reports.

Telegram-free: messages are `Payload`s with Bot API JSON keyboards, so the report service can
write them into the outbox in the same transaction as the change they announce; handlers turn
the same rows of (label, callback data) into their keyboards. Buttons: see `callbacks.py`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.callbacks import CallbackData
from bot.callbacks import inline_keyboard
from bot.delivery import Payload
from bot.services.areas import AreaService
from bot.services.reports.callbacks import AnswerQuestion
from bot.services.reports.callbacks import CancelDraft
from bot.services.reports.callbacks import DutyAction
from bot.services.reports.callbacks import Fix
from bot.services.reports.callbacks import PickCategory
from bot.services.reports.callbacks import RejectReason
from bot.services.reports.callbacks import Send
from bot.services.reports.callbacks import ShowReporter
from bot.services.reports.identity import Identity
from bot.services.reports.types import MAX_DESCRIPTION
from bot.services.reports.types import REJECT_REASONS
from bot.services.reports.types import Action
from bot.services.reports.types import ActResult
from bot.services.reports.types import Draft
from bot.services.reports.types import Outcome
from bot.services.users import display_names
from bot.texts import CAPTION_LIMIT
from bot.texts import TEXT_LIMIT
from bot.texts import Html
from bot.texts import t
from bot.texts import visible_length
from bot.texts.when import format_when
from bot.texts.when import zone_name
from storage import reports as q
from storage.models import Polsek
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportEvent
from storage.models import ReportStatus

if TYPE_CHECKING:
    from bot.services.reports.overview import Stats

# Rows of buttons: (label, callback data).
Rows = list[list[tuple[str, CallbackData]]]

STATUS_ICON = {
    ReportStatus.BARU: "🆕",
    ReportStatus.DITERIMA: "👮",
    ReportStatus.DIPROSES: "🔎",
    ReportStatus.SELESAI: "✅",
    ReportStatus.DITOLAK: "⛔",
}


@dataclass(frozen=True)
class ReportView:
    """A report as its cards show it: names resolved, identities withheld where they must be."""

    id: int
    code: str
    category: ReportCategory
    description: str
    desa: str  # "Kronto (Kec. Lumbang)", or "" when unknown
    place_text: str
    latitude: float | None
    longitude: float | None
    urgent: bool
    status: ReportStatus
    created_at: dt.datetime
    # "Budi Santoso (@budi)"; None when the report is anonymous. Never on a card: a named
    # report's card says only that it is named, and "👤 Pelapor" shows who (identity.py).
    reporter: str | None
    handler: str | None  # the officer who took it
    polsek: str | None
    photos: tuple[str, ...]
    outcome: str
    reject_reason: str | None
    # How it came in: "lapor", or "ronda" (seen on a patrol shift).
    source: str = "lapor"


def view_of(
    session: Session, areas: AreaService, report: Report, *, photos: tuple[str, ...] | None = None
) -> ReportView:
    """The report as cards show it (for police: a named reporter's name). A reporter who
    deleted their data (reporter_id None) is shown as an anonymous one."""
    assert report.id is not None
    named = None if report.anonymous else report.reporter_id
    wanted = [i for i in (named, report.claimed_by) if i]
    names = display_names(session, wanted) if wanted else {}
    desa = areas.get(report.desa_id) if report.desa_id else None
    polsek = session.get(Polsek, report.polsek_id) if report.polsek_id else None
    return ReportView(
        id=report.id,
        code=report.code,
        category=ReportCategory(report.category),
        description=report.description,
        desa=areas.label(desa) if desa else "",
        place_text=report.place_text,
        latitude=report.latitude,
        longitude=report.longitude,
        urgent=report.urgent,
        status=ReportStatus(report.status),
        created_at=report.created_at,
        reporter=None if named is None else names.get(named, "?"),
        handler=names.get(report.claimed_by) if report.claimed_by else None,
        polsek=polsek.name if polsek else None,
        photos=photos if photos is not None else tuple(q.photos(session, report.id)),
        outcome=report.outcome,
        reject_reason=report.reject_reason,
        source=report.source,
    )


def category_name(lang: str, category: ReportCategory) -> str:
    """The category as its button says it."""
    return t(lang, f"reports.cat.{category.value}")


def reason_name(lang: str, reason: str | None) -> str:
    """A rejection reason in words."""
    return t(lang, f"reports.reason.{reason or 'lainnya'}")


# Where a resident can go with a report that is not for the police, by category (the rest:
# the village and kecamatan offices, for administrative, land and family matters).
_ELSEWHERE = {
    ReportCategory.KEBAKARAN: "reports.elsewhere.kebakaran",
    ReportCategory.BENCANA: "reports.elsewhere.bencana",
    ReportCategory.KECELAKAAN: "reports.elsewhere.kecelakaan",
}


def elsewhere(lang: str, category: ReportCategory, kabupaten: str | None) -> str:
    """Where to take a report closed as "bukan wewenang polisi" instead (`kabupaten`: the name
    of the report's kabupaten, for its BPBD)."""
    key = _ELSEWHERE.get(category, "reports.elsewhere.lainnya")
    return t(lang, key, kabupaten=kabupaten or t(lang, "reports.kabupaten_here"))


def kabupaten_of(areas: AreaService, desa_id: int | None) -> str | None:
    """The name of the kabupaten a desa lies in ("Kabupaten Pasuruan"), if known."""
    desa = areas.get(desa_id) if desa_id is not None else None
    kabupaten = areas.get(desa.kabupaten_id) if desa and desa.kabupaten_id else None
    return kabupaten.name if kabupaten else None


def map_link(latitude: float, longitude: float) -> str:
    """A link that opens the spot in a map app."""
    return f"https://maps.google.com/?q={latitude:.6f},{longitude:.6f}"


def _status_line(lang: str, view: ReportView) -> str:
    values = {
        "icon": STATUS_ICON[view.status],
        "by": view.handler or "-",
        "note": view.outcome or "-",
        "reason": reason_name(lang, view.reject_reason),
    }
    return t(lang, f"reports.card_status.{view.status.value}", **values)


def _card(lang: str, view: ReportView, tz: ZoneInfo, *, header: str, budget: int) -> str:
    """The report's card with as much of the description as fits in `budget`."""
    lines = [header]
    lines.append(t(lang, "reports.card_category", category=category_name(lang, view.category)))
    if view.desa:
        lines.append(t(lang, "reports.card_desa", desa=view.desa))
    if view.place_text:
        lines.append(t(lang, "reports.card_place", place=view.place_text))
    if view.latitude is not None and view.longitude is not None:
        link = Html(html.escape(map_link(view.latitude, view.longitude), quote=True))
        lines.append(t(lang, "reports.card_location", url=link))
    lines.append(t(lang, "reports.card_time", time=format_when(view.created_at, lang, tz)))
    if view.reporter is None:
        lines.append(t(lang, "reports.card_anonymous"))
    else:
        lines.append(t(lang, "reports.card_named"))
    if view.photos:
        lines.append(t(lang, "reports.card_photos", count=len(view.photos)))
    if view.source == "ronda":
        lines.append(t(lang, "reports.card_from_patrol"))
    status = _status_line(lang, view)
    # A NUL cannot come from Telegram text, so it marks the description's place safely.
    frame = "\n".join(lines) + "\n\n\0\n\n" + status
    room = budget - visible_length(frame.replace("\0", ""))
    description = view.description
    if len(description) > room:
        description = description[: max(0, room - 1)].rstrip() + "…"
    return frame.replace("\0", html.escape(description, quote=False))


def _header(lang: str, view: ReportView) -> str:
    key = "reports.card_header_urgent" if view.urgent else "reports.card_header"
    return t(lang, key, code=view.code)


def _reporter_rows(lang: str, view: ReportView) -> Rows:
    """ "👤 Pelapor" under a named report's card (at every status: the police may need the
    reporter later); nothing under an anonymous one."""
    if view.reporter is None:
        return []
    return [[(t(lang, "reports.btn_reporter"), ShowReporter(view.id))]]


def duty_keyboard(lang: str, view: ReportView) -> dict | None:
    """The buttons officers have at this status (once the report is closed, only "👤 Pelapor"
    of a named report)."""

    def button(key: str, action: Action) -> tuple[str, CallbackData]:
        return t(lang, key), DutyAction(action, view.id)

    rows: Rows
    if view.status is ReportStatus.BARU:
        rows = [[button("reports.btn_take", Action.TAKE)]]
    elif view.status is ReportStatus.DITERIMA:
        rows = [
            [button("reports.btn_process", Action.PROCESS), button("reports.btn_done", Action.DONE)]
        ]
    elif view.status is ReportStatus.DIPROSES:
        rows = [[button("reports.btn_done", Action.DONE)]]
    else:
        rows = []
    if rows:
        rows.append(
            [button("reports.btn_reject", Action.REJECT), button("reports.btn_ask", Action.ASK)]
        )
    rows += _reporter_rows(lang, view)
    return inline_keyboard(rows) if rows else None


def duty_payload(lang: str, view: ReportView, tz: ZoneInfo) -> Payload:
    """The duty chat's message of a report: its first photo with the card as caption, or the
    card as text; edited in place on every change."""
    keyboard = duty_keyboard(lang, view)
    header = _header(lang, view)
    if view.photos:
        caption = _card(lang, view, tz, header=header, budget=CAPTION_LIMIT)
        return Payload.photo(view.photos[0], caption, reply_markup=keyboard)
    text = _card(lang, view, tz, header=header, budget=TEXT_LIMIT)
    return Payload.message(text, reply_markup=keyboard)


def polres_payload(
    lang: str, view: ReportView, tz: ZoneInfo, minutes: int, *, undelivered: bool = False
) -> Payload:
    """The escalation to the Polres: the card, without the Polsek's buttons but "👤 Pelapor"
    (for those whose role covers the report's desa)."""
    key = "reports.escalated_undelivered_header" if undelivered else "reports.escalated_header"
    header = t(lang, key, code=view.code, polsek=view.polsek or "-", minutes=minutes)
    text = _card(lang, view, tz, header=header, budget=TEXT_LIMIT)
    rows = _reporter_rows(lang, view)
    return Payload.message(text, reply_markup=inline_keyboard(rows) if rows else None)


def undelivered_payload(lang: str, view: ReportView, tz: ZoneInfo, *, polres: bool) -> Payload:
    """For an officer, in private, when the card could not be posted in the duty chat: what
    happened (`polres`: the report went on to the Polres) and what to do, then the card with
    its buttons (they work from here too)."""
    notice = t(
        lang,
        "reports.undelivered_officer",
        code=view.code,
        polsek=view.polsek or "-",
        polres=Html(t(lang, "reports.undelivered_polres")) if polres else "",
    )
    header = notice + "\n\n" + _header(lang, view)
    text = _card(lang, view, tz, header=header, budget=TEXT_LIMIT)
    return Payload.message(text, reply_markup=duty_keyboard(lang, view))


def reporter_card(lang: str, view: ReportView, tz: ZoneInfo, history: list[str]) -> str:
    """/status for the reporter: what they reported, where it stands, and what happened."""
    lines = [
        t(lang, "reports.mine_header", code=view.code),
        t(lang, "reports.card_category", category=category_name(lang, view.category)),
    ]
    if view.desa:
        lines.append(t(lang, "reports.card_desa", desa=view.desa))
    lines.append(t(lang, "reports.card_time", time=format_when(view.created_at, lang, tz)))
    lines.append(
        t(lang, "reports.mine_status", status=t(lang, f"reports.status.{view.status.value}"))
    )
    lines.append("")
    lines.append(t(lang, "reports.mine_history"))
    text = "\n".join(lines + history[-25:])
    return text if visible_length(text) <= TEXT_LIMIT else "\n".join(lines + history[-5:])


def _handle(identity: Identity) -> str:
    return f" (@{identity.username})" if identity.username else ""


def identity_text(lang: str, identity: Identity) -> str:
    """A named reporter for the officer who asked, in private: name, @username, a link that
    opens a chat with them."""
    assert identity.user_id is not None
    return t(
        lang,
        "reports.reporter_shown",
        code=identity.code,
        name=identity.name,
        handle=_handle(identity),
        id=identity.user_id,
    )


def identity_alert(lang: str, identity: Identity) -> str:
    """The same, short and without a link, as the button's alert (for an officer the bot
    cannot write to in private)."""
    return t(
        lang,
        "reports.reporter_alert",
        code=identity.code,
        name=identity.name,
        handle=_handle(identity),
    )


def answer_keyboard(lang: str, report_id: int) -> dict:
    """The reporter's button under a question from the police."""
    return inline_keyboard([[(t(lang, "reports.btn_answer"), AnswerQuestion(report_id))]])


def history_lines(lang: str, events: Sequence[ReportEvent], tz: ZoneInfo) -> list[str]:
    """A report's history in words, as its reporter may see it."""
    return [
        f"• {format_when(event.at, lang, tz, zone=False)} — "
        + t(lang, f"reports.event.{event.kind}", note=event.note or "-")
        for event in events
    ]


def category_rows(lang: str) -> Rows:
    """The categories to choose from, two a row."""
    buttons: list[tuple[str, CallbackData]] = [
        (category_name(lang, c), PickCategory(c.value)) for c in ReportCategory
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def reason_rows(lang: str, report_id: int) -> Rows:
    """The reasons an officer may give for rejecting a report, one a row."""
    return [[(reason_name(lang, r), RejectReason(report_id, r))] for r in REJECT_REASONS]


# Actions that need a text from the officer first, and the question that asks for it.
NOTE_QUESTIONS = {Action.DONE: "reports.duty_ask_note", Action.ASK: "reports.duty_ask_question"}
_OUTCOME_KEYS = {
    Outcome.DONE: "reports.duty_ok",
    Outcome.TAKEN: "reports.duty_taken",
    Outcome.CLOSED: "reports.duty_closed",
    Outcome.UNCHANGED: "reports.duty_unchanged",
    Outcome.UNREACHABLE: "reports.duty_unreachable",
}


def outcome_text(lang: str, result: ActResult) -> str:
    """What the officer who pressed a button is told of how it went."""
    status = t(lang, f"reports.status.{result.status.value}") if result.status else ""
    key = _OUTCOME_KEYS.get(result.outcome, "button.expired")
    return t(lang, key, code=result.code, by=result.handler or "-", status=status)


def mine_list(lang: str, reports: Sequence[Report], tz: ZoneInfo) -> str:
    """/laporanku: someone's newest reports, one line each."""
    lines = [t(lang, "reports.mine_list_header", zone=zone_name(tz))]
    lines += [
        t(
            lang,
            "reports.mine_line",
            code=report.code,
            category=category_name(lang, report.category),
            status=t(lang, f"reports.status.{report.status.value}"),
            time=format_when(report.created_at, lang, tz, zone=False),
        )
        for report in reports
    ]
    lines.append(t(lang, "reports.mine_list_footer"))
    return "\n".join(lines)


def minutes_text(lang: str, minutes: float | None) -> str:
    """A median in whole minutes ("12 menit"), "-" when there is none."""
    return "-" if minutes is None else t(lang, "reports.stats_minutes", minutes=f"{minutes:.0f}")


def stats_text(lang: str, stats: Stats, scope: str) -> str:
    """/statistik: counts by status, category, desa and week."""
    lines = [
        t(lang, "reports.stats_header", scope=scope),
        t(
            lang,
            "reports.stats_total",
            total=stats.total,
            escalated=stats.escalated,
            median=minutes_text(lang, stats.median_claim_minutes),
            done=minutes_text(lang, stats.median_done_minutes),
        ),
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
        [(category_name(lang, c), n) for c, n in stats.by_category.most_common()],
    )
    section("reports.stats_by_desa", stats.by_desa.most_common(10))
    section("reports.stats_by_week", sorted(stats.by_week.items()))
    lines.append(t(lang, "reports.stats_footer"))
    return "\n".join(lines)


def number(value: int) -> str:
    """Indonesian thousands: 10.000."""
    return f"{value:,}".replace(",", ".")


def ask_description(lang: str, category: ReportCategory, *, remind_110: bool) -> str:
    """/lapor asks what happened (first reminding of 110 where lives may be at risk)."""
    text = t(
        lang,
        "reports.ask_description",
        category=category_name(lang, category),
        max=number(MAX_DESCRIPTION),
    )
    return t(lang, "reports.call_110") + "\n\n" + text if remind_110 else text


def summary(lang: str, draft: Draft, desa: str | None) -> str:
    """The whole draft before it is sent (`desa`: its label, None when unknown)."""
    none = t(lang, "reports.summary_none")
    place = draft.place_text or (
        t(lang, "reports.summary_location") if draft.latitude is not None else none
    )
    return t(
        lang,
        "reports.summary",
        category=category_name(lang, draft.category),
        desa=desa or none,
        place=place,
        photos=len(draft.photos),
        urgent=t(lang, "reports.yes" if draft.urgent else "reports.no"),
        anonymous=t(lang, "reports.anonymous" if draft.anonymous else "reports.named"),
        description=draft.story,
    )


def summary_rows(lang: str, token: str) -> Rows:
    """The buttons under the summary: send, fix a step, or cancel."""

    def button(key: str, data: CallbackData) -> tuple[str, CallbackData]:
        return t(lang, key), data

    return [
        [button("reports.btn_send", Send(token))],
        [
            button("reports.btn_fix_category", Fix("cat")),
            button("reports.btn_fix_description", Fix("desc")),
        ],
        [
            button("reports.btn_fix_place", Fix("place")),
            button("reports.btn_fix_photos", Fix("photo")),
        ],
        [
            button("reports.btn_fix_urgent", Fix("urg")),
            button("reports.btn_fix_anonymous", Fix("anon")),
        ],
        [button("reports.btn_cancel", CancelDraft())],
    ]
