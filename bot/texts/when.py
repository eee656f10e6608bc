"""How dates and times read, in one place: every text a user sees and every CSV export.

In chat (ID / EN):          "Rab 2 Des, 18.59 WIB" / "Wed 2 Dec, 18:59 WIB"
    a day only:             "Rab 2 Des"          a time only:  "18.59"
    a span (patrol shifts): "Rab 2 Des, 22.00–02.00 WIB"
In CSV:                     "2026-12-02T18:59:00+07:00" (ISO 8601 with the offset)

Decisions (issue 18):
- The year is shown only when it is not the current year in the configured zone
  ("Sel 29 Des 2025, 21.40 WIB").
- The zone's name is written once per message: callers pass `zone=False` for every time after the
  first, or name the zone in a heading with `zone_name()`.
- The zone's name comes from the configured zone (config `TZ`): WIB, WITA, WIT for Indonesia's
  zones, the zone's own abbreviation elsewhere ("CET"), or "UTC+4" / "UTC+5:30" for a zone whose
  abbreviation is only its offset.
- A naive datetime is a UTC time, as the database hands them back (storage/models/columns.py).
Pure functions, no `telegram` and no configuration read here: the caller passes the zone.
"""

from __future__ import annotations

import datetime as dt

# Monday first, as datetime.weekday() counts.
_DAYS = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# Indonesian writes the hour and the minute apart with a dot (KBBI, PUEBI); English with a colon.
_TIME_SEPARATOR = {"id": ".", "en": ":"}


def _lang(lang: str | None) -> str:
    return lang if lang in _DAYS else "id"


def local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """`moment` in the zone `tz`; a naive `moment` is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz)


def zone_name(tz: dt.tzinfo, moment: dt.datetime | None = None) -> str:
    """ "WIB" for Asia/Jakarta, "WITA", "WIT", "CET"; "UTC+4" where the zone has no name."""
    at = local(moment if moment is not None else dt.datetime.now(dt.UTC), tz)
    name = at.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = at.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_date(day: dt.date, lang: str | None, *, today: dt.date | None = None) -> str:
    """ "Rab 2 Des", or "Sel 29 Des 2025" when `day` is not in the year of `today`."""
    lang = _lang(lang)
    text = f"{_DAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]}"
    if day.year != (today or dt.date.today()).year:
        text += f" {day.year}"
    return text


def format_time(moment: dt.datetime, lang: str | None, tz: dt.tzinfo, *, zone: bool = False) -> str:
    """ "18.59" (ID) or "18:59" (EN); with `zone=True` "18.59 WIB"."""
    at = local(moment, tz)
    text = f"{at.hour:02d}{_TIME_SEPARATOR[_lang(lang)]}{at.minute:02d}"
    return f"{text} {zone_name(tz, moment)}" if zone else text


def format_moment(moment: dt.datetime | None, lang: str | None, tz: dt.tzinfo) -> str:
    """ "07 Des 2026 14.05" (ID) or "07 Dec 2026 14:05" (EN), in `tz`; "-" for none (a table
    cell: the dashboard's)."""
    if moment is None:
        return "-"
    at = local(moment, tz)
    month = _MONTHS[_lang(lang)][at.month - 1]
    return f"{at.day:02d} {month} {at.year} {format_time(moment, lang, tz)}"


def format_when(
    moment: dt.datetime,
    lang: str | None,
    tz: dt.tzinfo,
    *,
    zone: bool = True,
    now: dt.datetime | None = None,
) -> str:
    """ "Rab 2 Des, 18.59 WIB"; `zone=False` leaves the zone out ("Rab 2 Des, 18.59") for a
    message that names it once elsewhere. `now` decides the current year (default: now)."""
    at = local(moment, tz)
    today = local(now or dt.datetime.now(dt.UTC), tz).date()
    return (
        f"{format_date(at.date(), lang, today=today)}, {format_time(moment, lang, tz, zone=zone)}"
    )


def format_span(
    start: dt.datetime,
    end: dt.datetime,
    lang: str | None,
    tz: dt.tzinfo,
    *,
    zone: bool = True,
    day: bool = True,
    now: dt.datetime | None = None,
) -> str:
    """ "Rab 2 Des, 22.00–02.00 WIB" (the day it starts); `day=False` gives "22.00–02.00 WIB"."""
    hours = f"{format_time(start, lang, tz)}–{format_time(end, lang, tz)}"
    if zone:
        hours += f" {zone_name(tz, start)}"
    if not day:
        return hours
    today = local(now or dt.datetime.now(dt.UTC), tz).date()
    return f"{format_date(local(start, tz).date(), lang, today=today)}, {hours}"


def format_iso(moment: dt.datetime | None, tz: dt.tzinfo) -> str:
    """ "2026-12-02T18:59:00+07:00" for CSV: ISO 8601 to the second, with the offset; "" for none."""
    if moment is None:
        return ""
    return local(moment, tz).isoformat(timespec="seconds")


def format_stamp(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """ "20261202-1859": a time in a file name (an export's), sorting as it reads."""
    return local(moment, tz).strftime("%Y%m%d-%H%M")


def format_clock(minute: int, lang: str | None) -> str:
    """A minute of the day (a roster's hours, stored as minutes) as "22.00" (EN "22:00")."""
    hours, minutes = divmod(minute % (24 * 60), 60)
    return f"{hours:02d}{_TIME_SEPARATOR[_lang(lang)]}{minutes:02d}"
