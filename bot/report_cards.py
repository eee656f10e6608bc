"""What a report looks like in the duty chat, at the Polres and to its reporter.

Telegram-free: messages are `Payload`s with Bot API JSON keyboards, so the report service can
write them into the outbox in the same transaction as the change they announce. Buttons carry
only the report id and an action (at most 64 bytes); handlers/report_duty.py parses them:

    rp:take:<id>  rp:proc:<id>  rp:done:<id>  rp:rej:<id>  rp:ask:<id>   duty-chat actions
    rp:rr:<id>:<reason>                                                rejection reasons
    lp:ans:<id>                                                        the reporter answers
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.delivery import Payload
from bot.texts import CAPTION_LIMIT, TEXT_LIMIT, Html, t, visible_length
from storage.models import ReportCategory, ReportStatus

REJECT_REASONS = ("hoaks", "duplikat", "bukan_wewenang", "kurang_info", "lainnya")

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
    # "Budi Santoso (@budi)" for police eyes only; None when the report is anonymous.
    reporter: str | None
    handler: str | None  # the officer who took it
    polsek: str | None
    photos: tuple[str, ...]
    outcome: str
    reject_reason: str | None
    # How it came in: "lapor", or "ronda" (seen on a patrol shift).
    source: str = "lapor"


def when(moment: dt.datetime, tz: ZoneInfo) -> str:
    """A time as people here read it: "01/12/2026 21:40 WIB"."""
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M %Z")


def category_name(lang: str, category: ReportCategory) -> str:
    """The category as its button says it."""
    return t(lang, f"reports.cat.{category.value}")


def reason_name(lang: str, reason: str | None) -> str:
    """A rejection reason in words."""
    return t(lang, f"reports.reason.{reason or 'lainnya'}")


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
    lines.append(t(lang, "reports.card_time", time=when(view.created_at, tz)))
    if view.reporter is None:
        lines.append(t(lang, "reports.card_anonymous"))
    else:
        lines.append(t(lang, "reports.card_reporter", reporter=view.reporter))
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


def duty_keyboard(lang: str, view: ReportView) -> dict | None:
    """The buttons officers have at this status (none once the report is closed)."""
    rows: list[list[dict[str, str]]] = []

    def button(key: str, action: str) -> dict[str, str]:
        return {"text": t(lang, key), "callback_data": f"rp:{action}:{view.id}"}

    if view.status is ReportStatus.BARU:
        rows = [[button("reports.btn_take", "take")]]
    elif view.status is ReportStatus.DITERIMA:
        rows = [[button("reports.btn_process", "proc"), button("reports.btn_done", "done")]]
    elif view.status is ReportStatus.DIPROSES:
        rows = [[button("reports.btn_done", "done")]]
    else:
        return None
    rows.append([button("reports.btn_reject", "rej"), button("reports.btn_ask", "ask")])
    return {"inline_keyboard": rows}


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


def polres_payload(lang: str, view: ReportView, tz: ZoneInfo, minutes: int) -> Payload:
    """The escalation to the Polres: the card, without the Polsek's buttons."""
    header = t(
        lang, "reports.escalated_header", code=view.code, polsek=view.polsek or "-", minutes=minutes
    )
    text = _card(lang, view, tz, header=header, budget=TEXT_LIMIT)
    return Payload.message(text)


def reporter_card(lang: str, view: ReportView, tz: ZoneInfo, history: list[str]) -> str:
    """/status for the reporter: what they reported, where it stands, and what happened."""
    lines = [
        t(lang, "reports.mine_header", code=view.code),
        t(lang, "reports.card_category", category=category_name(lang, view.category)),
    ]
    if view.desa:
        lines.append(t(lang, "reports.card_desa", desa=view.desa))
    lines.append(t(lang, "reports.card_time", time=when(view.created_at, tz)))
    lines.append(
        t(lang, "reports.mine_status", status=t(lang, f"reports.status.{view.status.value}"))
    )
    lines.append("")
    lines.append(t(lang, "reports.mine_history"))
    text = "\n".join(lines + history[-25:])
    return text if visible_length(text) <= TEXT_LIMIT else "\n".join(lines + history[-5:])


def answer_keyboard(lang: str, report_id: int) -> dict:
    """The reporter's button under a question from the police."""
    return {
        "inline_keyboard": [
            [{"text": t(lang, "reports.btn_answer"), "callback_data": f"lp:ans:{report_id}"}]
        ]
    }
