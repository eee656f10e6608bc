"""The one date-time style (bot/texts/when.py): how times read in chat in both languages, the
year only when it is not this year, the configured zone's own name, and ISO 8601 in CSV."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.texts.when import format_clock
from bot.texts.when import format_date
from bot.texts.when import format_iso
from bot.texts.when import format_moment
from bot.texts.when import format_span
from bot.texts.when import format_stamp
from bot.texts.when import format_time
from bot.texts.when import format_when
from bot.texts.when import zone_name

JAKARTA = ZoneInfo("Asia/Jakarta")
# 2026-12-02 18:59 WIB, a Wednesday.
MOMENT = dt.datetime(2026, 12, 2, 11, 59, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def test_a_time_reads_as_people_here_write_it() -> None:
    assert format_when(MOMENT, "id", JAKARTA, now=NOW) == "Rab 2 Des, 18.59 WIB"
    assert format_when(MOMENT, "en", JAKARTA, now=NOW) == "Wed 2 Dec, 18:59 WIB"
    # Without the zone, for a message that names it once elsewhere.
    assert format_when(MOMENT, "id", JAKARTA, zone=False, now=NOW) == "Rab 2 Des, 18.59"
    # An unknown language reads as Indonesian, like the texts.
    assert format_when(MOMENT, "fr", JAKARTA, now=NOW) == "Rab 2 Des, 18.59 WIB"


def test_the_year_shows_only_when_it_is_not_this_year() -> None:
    last_year = dt.datetime(2025, 12, 29, 14, 40, tzinfo=dt.UTC)
    assert format_when(last_year, "id", JAKARTA, now=NOW) == "Sen 29 Des 2025, 21.40 WIB"
    next_year = dt.datetime(2027, 1, 4, 1, 0, tzinfo=dt.UTC)
    assert format_when(next_year, "en", JAKARTA, now=NOW) == "Mon 4 Jan 2027, 08:00 WIB"
    # "This year" is the configured zone's: 31 Dec 18:00 UTC is already 1 Jan in Jakarta.
    new_year = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)
    assert format_when(new_year, "id", JAKARTA, now=new_year) == "Jum 1 Jan, 01.00 WIB"
    assert format_date(dt.date(2026, 3, 1), "id", today=dt.date(2026, 12, 6)) == "Min 1 Mar"
    assert format_date(dt.date(2025, 5, 1), "en", today=dt.date(2026, 12, 6)) == "Thu 1 May 2025"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "Rab 2 Des, 18.59 WIB"),
        ("Asia/Pontianak", "Rab 2 Des, 18.59 WIB"),
        ("Asia/Makassar", "Rab 2 Des, 19.59 WITA"),
        ("Asia/Jayapura", "Rab 2 Des, 20.59 WIT"),
        ("Europe/Amsterdam", "Rab 2 Des, 12.59 CET"),
        ("UTC", "Rab 2 Des, 11.59 UTC"),
        # Zones whose abbreviation is only their offset ("+04") read as one.
        ("Asia/Dubai", "Rab 2 Des, 15.59 UTC+4"),
        ("Asia/Kathmandu", "Rab 2 Des, 17.44 UTC+5:45"),
        ("America/Sao_Paulo", "Rab 2 Des, 08.59 UTC-3"),
    ],
)
def test_the_zone_is_the_configured_one_by_its_own_name(zone: str, expected: str) -> None:
    assert format_when(MOMENT, "id", ZoneInfo(zone), now=NOW) == expected


def test_a_zone_with_summer_time_is_named_for_the_moment() -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    summer = dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)
    assert format_when(summer, "en", amsterdam, now=NOW) == "Wed 1 Jul, 12:00 CEST"
    assert zone_name(amsterdam, summer) == "CEST" and zone_name(amsterdam, MOMENT) == "CET"
    assert zone_name(JAKARTA) == "WIB"


def test_naive_times_are_utc_and_aware_ones_are_converted() -> None:
    naive = MOMENT.replace(tzinfo=None)  # as SQLite hands a stored time back
    assert format_when(naive, "id", JAKARTA, now=NOW) == "Rab 2 Des, 18.59 WIB"
    in_makassar = MOMENT.astimezone(ZoneInfo("Asia/Makassar"))
    assert format_when(in_makassar, "id", JAKARTA, now=NOW) == "Rab 2 Des, 18.59 WIB"
    assert format_iso(naive, JAKARTA) == "2026-12-02T18:59:00+07:00"


def test_midnight_and_the_day_a_span_starts() -> None:
    midnight = dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)  # 00:00 WIB on the 2nd
    assert format_when(midnight, "id", JAKARTA, now=NOW) == "Rab 2 Des, 00.00 WIB"
    assert format_time(midnight, "en", JAKARTA) == "00:00"
    assert format_time(midnight, "id", JAKARTA, zone=True) == "00.00 WIB"
    start = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)  # 22:00 WIB, across midnight
    end = start + dt.timedelta(hours=4)
    assert format_span(start, end, "id", JAKARTA, now=NOW) == "Rab 2 Des, 22.00–02.00 WIB"
    assert format_span(start, end, "en", JAKARTA, zone=False, now=NOW) == "Wed 2 Dec, 22:00–02:00"
    assert format_span(start, end, "id", JAKARTA, day=False, zone=False) == "22.00–02.00"
    assert format_clock(22 * 60, "id") == "22.00" and format_clock(24 * 60 + 30, "en") == "00:30"


def test_csv_times_are_iso_8601_with_the_offset() -> None:
    assert format_iso(MOMENT, JAKARTA) == "2026-12-02T18:59:00+07:00"
    assert format_iso(MOMENT, ZoneInfo("Asia/Jayapura")) == "2026-12-02T20:59:00+09:00"
    assert format_iso(MOMENT.replace(microsecond=123456), JAKARTA) == "2026-12-02T18:59:00+07:00"
    assert format_iso(None, JAKARTA) == ""
    assert format_stamp(MOMENT, JAKARTA) == "20261202-1859"


def test_a_moment_in_a_table_has_day_month_year_and_time_in_the_zone() -> None:
    moment = dt.datetime(2026, 12, 6, 23, 5, tzinfo=dt.UTC)  # 06.05 on the 7th in WIB
    assert format_moment(moment, "id", JAKARTA) == "07 Des 2026 06.05"
    assert format_moment(moment, "en", JAKARTA) == "07 Dec 2026 06:05"
    assert format_moment(moment.replace(tzinfo=None), "id", JAKARTA) == "07 Des 2026 06.05"
    assert format_moment(None, "id", JAKARTA) == "-"
