"""The texts and buttons of patrols: how a shift's time, place and line read, and the
buttons of the messages the service sends (plain dicts: no `telegram` here)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from bot.callbacks import inline_keyboard
from bot.services.patrols.callbacks import AskSwap
from bot.services.patrols.callbacks import CheckInButton
from bot.services.patrols.callbacks import CheckOutButton
from bot.services.patrols.callbacks import TakeSwap
from bot.services.patrols.types import ShiftView
from bot.services.reports.callbacks import NewReport
from bot.texts import t
from bot.texts.when import format_span
from storage.models import ShiftStatus

# The weekday choices offered as buttons (each has its text, ronda.days_<choice>).
DAY_CHOICES = ("0123456", "01234", "56")

Markup = dict[str, Any]


def when(
    lang: str, tz: ZoneInfo, starts_at: dt.datetime, ends_at: dt.datetime, *, zone: bool = True
) -> str:
    """ "Rab 2 Des, 22.00–02.00 WIB" (`zone=False`: without "WIB")."""
    return format_span(starts_at, ends_at, lang, tz, zone=zone)


def weekdays_label(lang: str, weekdays: str) -> str:
    """ "Setiap hari", or "Sen, Kam"."""
    if weekdays in DAY_CHOICES:
        return t(lang, f"ronda.days_{weekdays}")
    return ", ".join(t(lang, f"ronda.day_{d}") for d in weekdays)


def where(lang: str, shift: ShiftView) -> str:
    """ "Pos Kamling RT 02, Desa Kronto" or "Desa Kronto"."""
    if shift.post:
        return t(lang, "ronda.where_post", post=shift.post, desa=shift.desa)
    return t(lang, "ronda.where_desa", desa=shift.desa)


def line(lang: str, tz: ZoneInfo, shift: ShiftView, *, day: bool = True, zone: bool = True) -> str:
    """One shift in a list: its time (with the day, or the hours only), where, who (✅ checked
    in); `zone=False` in a list whose heading names the zone."""
    names = ", ".join(
        name + (" ✅" if uid in shift.checked_in else "") for uid, name in shift.members
    )
    status = (
        "" if shift.status is ShiftStatus.PLANNED else t(lang, f"ronda.status_{shift.status.value}")
    )
    return t(
        lang,
        "ronda.line",
        when=format_span(shift.starts_at, shift.ends_at, lang, tz, zone=zone, day=day),
        post=shift.post or "—",
        members=names or t(lang, "ronda.nobody"),
        status=status,
    )


def reminder_buttons(lang: str, shift: ShiftView) -> Markup:
    return inline_keyboard([[(t(lang, "ronda.btn_swap"), AskSwap(shift.id))]])


def start_buttons(lang: str, shift: ShiftView) -> Markup:
    return inline_keyboard(
        [
            [(t(lang, "ronda.btn_checkin"), CheckInButton(shift.id))],
            [(t(lang, "ronda.btn_incident"), NewReport(shift.desa_id, shift.id))],
        ]
    )


def end_buttons(lang: str, shift: ShiftView) -> Markup:
    return inline_keyboard(
        [
            [
                (t(lang, "ronda.btn_safe"), CheckOutButton(shift.id, "aman")),
                (t(lang, "ronda.btn_happened"), CheckOutButton(shift.id, "kejadian")),
            ]
        ]
    )


def take_buttons(lang: str, swap_id: int) -> Markup:
    return inline_keyboard([[(t(lang, "ronda.btn_take"), TakeSwap(swap_id))]])
