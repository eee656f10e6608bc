"""Reading what a koordinator types (hours, days, teams) and where a shared location lies."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from bot.services.patrols.people import MemberRef
from bot.services.patrols.types import MAX_MINUTES
from bot.services.patrols.types import MAX_TEAM_SIZE
from bot.services.patrols.types import MAX_TEAMS
from bot.services.patrols.types import MAX_WEEKS
from bot.services.patrols.types import MIN_MINUTES
from bot.services.patrols.types import PatrolError

WEEKDAY_NAMES = {
    "senin": 0,
    "sen": 0,
    "selasa": 1,
    "sel": 1,
    "rabu": 2,
    "rab": 2,
    "kamis": 3,
    "kam": 3,
    "jumat": 4,
    "jum'at": 4,
    "jum": 4,
    "sabtu": 5,
    "sab": 5,
    "minggu": 6,
    "ahad": 6,
    "min": 6,
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
EVERY_DAY = "0123456"
_EVERY_DAY_WORDS = re.compile(r"^(setiap|tiap)\s+(hari|malam)$|^every\s+(day|night)$|^daily$")
_HOURS = re.compile(
    r"^\s*(?:pukul|jam|at)?\s*(\d{1,2})(?:[:.](\d{2}))?\s*"
    r"(?:-|–|—|s/?d|sampai|hingga|to|until)\s*"
    r"(?:pukul|jam)?\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:wib)?\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\s*$")
_MEMBER = re.compile(r"^@?([A-Za-z0-9_]{3,32})$")


def parse_hours(text: str) -> tuple[int, int]:
    """ "22:00-02:00" (also "22.00 s/d 02.00", "22-2") as (start minute, duration in minutes).

    An end before the start crosses midnight, as long as the shift stays within MAX_MINUTES;
    otherwise the times are most likely swapped or mistyped, and that is said.
    """
    match = _HOURS.match(text or "")
    if match is None:
        raise PatrolError("ronda.bad_hours")
    h1, m1, h2, m2 = match.groups()
    values = [int(h1), int(m1 or 0), int(h2), int(m2 or 0)]
    if values[0] > 24 or values[2] > 24 or values[1] > 59 or values[3] > 59:
        raise PatrolError("ronda.bad_hours")
    start = (values[0] * 60 + values[1]) % (24 * 60)
    end = (values[2] * 60 + values[3]) % (24 * 60)
    if start == end:
        raise PatrolError("ronda.hours_same")
    duration = (end - start) % (24 * 60)
    if end < start and duration > MAX_MINUTES:
        raise PatrolError("ronda.ends_before_start", start=clock(start), end=clock(end))
    if duration > MAX_MINUTES:
        raise PatrolError("ronda.too_long", hours=MAX_MINUTES // 60)
    if duration < MIN_MINUTES:
        raise PatrolError("ronda.too_short", minutes=MIN_MINUTES)
    return start, duration


def parse_days(text: str, today: dt.date) -> str | dt.date:
    """Weekdays ("setiap hari", "Senin, Rabu, Jumat") as a weekday string ("024"), or one date
    ("12/12", "12-12-2026") for a single shift."""
    words = (text or "").strip().lower()
    if _EVERY_DAY_WORDS.match(words):
        return EVERY_DAY
    date = _DATE.match(words)
    if date is not None:
        day, month, year = date.groups()
        year_value = int(year) if year else today.year
        if year_value < 100:
            year_value += 2000
        try:
            chosen = dt.date(year_value, int(month), int(day))
        except ValueError:
            raise PatrolError("ronda.bad_date") from None
        if not year and chosen < today:
            chosen = chosen.replace(year=today.year + 1)
        if chosen < today:
            raise PatrolError("ronda.date_past")
        if chosen > today + dt.timedelta(weeks=MAX_WEEKS):
            raise PatrolError("ronda.date_far", weeks=MAX_WEEKS)
        return chosen
    days = set()
    for word in re.split(r"[\s,;/&]+|\bdan\b|\band\b", words):
        if not word:
            continue
        if word not in WEEKDAY_NAMES:
            raise PatrolError("ronda.bad_days", word=word)
        days.add(WEEKDAY_NAMES[word])
    if not days:
        raise PatrolError("ronda.bad_days", word=text)
    return "".join(str(d) for d in sorted(days))


def parse_teams(
    text: str, people: Mapping[str, int] | None = None, limit: int | None = None
) -> list[list[MemberRef]]:
    """One team per line, members as @username (or a Telegram id), separated by spaces or
    commas: [["andi", "budi"], ["citra"]]. A word of `people` (the handler's stand-in for a
    text mention) is that person's id: [["andi", 100000007]]. `limit`: people in a team
    (MAX_TEAM_SIZE unless given)."""
    people = people or {}
    limit = limit or MAX_TEAM_SIZE
    teams: list[list[MemberRef]] = []
    for line in (text or "").splitlines():
        names = [n for n in re.split(r"[\s,;]+", line.strip()) if n and n.lower() != "dan"]
        if not names:
            continue
        team: list[MemberRef] = []
        for name in names:
            if name in people:
                team.append(people[name])
                continue
            match = _MEMBER.match(name)
            if match is None:
                raise PatrolError("ronda.bad_member", name=name)
            team.append(match.group(1))
        teams.append(team)
    if not teams:
        raise PatrolError("ronda.no_teams")
    if len(teams) > MAX_TEAMS:
        raise PatrolError("ronda.too_many_teams", limit=MAX_TEAMS)
    if any(len(team) > limit for team in teams):
        raise PatrolError("ronda.team_too_big", limit=limit)
    return teams


def clock(minute: int) -> str:
    """A minute of the day as "22:00"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"
