"""Patrols (ronda): rosters of shifts per desa or pos ronda, their moments (reminder, start,
the koordinator's alarm, end), check-in and check-out, and swaps.

A shift has four moments, each handled once: the reminder (`remind_minutes` before the start),
the start, the alarm to the koordinator when nobody checked in `grace_minutes` after the start,
and the end (held or missed; checked-in members are asked how it went). `next_moment` says when
the next one is due; the JobQueue runs `advance` then (handlers/patrols.py). Every moment is a
conditional update of its stamp plus its messages in one transaction (a transactional outbox), so
a restart, a second process or a late job never handles it twice.

Members are people whose role covers the desa (pemuda, polisi) or who live there (their home
desa): residents take part in the ronda malam too. A member who loses both is dropped from their
coming shifts when the reminder is due, and the koordinator is told.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from bot.delivery import DeliveryService, Payload
from bot.services import roles as role_reads
from bot.services.authz import Action, Holding, Place, allowed, covers
from bot.services.users import display_names
from bot.texts import t
from storage import queries
from storage.db import Database
from storage.models import (
    HomeArea,
    PatrolPost,
    PatrolSchedule,
    PatrolShift,
    PatrolShiftMember,
    PatrolSwap,
    Report,
    Role,
    ShiftStatus,
    SwapStatus,
    User,
    utcnow,
)

# A shift lasts at least this long and at most this long (a night watch is 4-8 hours).
MIN_MINUTES = 30
MAX_MINUTES = 12 * 60
# A schedule covers at most this many weeks; a koordinator extends it by making the next one.
MAX_WEEKS = 12
MAX_TEAMS = 14
MAX_TEAM_SIZE = 20
# Check-in opens this long before the start.
CHECKIN_EARLY = dt.timedelta(minutes=30)
# A check-in this long after the start still counts as on time (statistics).
PUNCTUAL = dt.timedelta(minutes=10)
POST_NAME_LIMIT = 64
NOTE_LIMIT = 1000
# A shared location further than this outside REPORT_BOUNDS is far (when the pos has no place).
BOUNDS_MARGIN_KM = 10.0
# The roles whose holders may stand watch in the desa their role covers.
MEMBER_ROLES = (Role.PEMUDA, Role.POLISI)

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


class PatrolError(Exception):
    """Something about a roster cannot be done; `key` names the text that says why."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class PatrolSettings:
    """What a deployment decides about patrols (from bot.config.Settings)."""

    timezone: ZoneInfo
    language: str = "id"
    remind_minutes: int = 60
    grace_minutes: int = 20
    radius_km: float = 2.0
    # (south, west, north, east), REPORT_BOUNDS: where a location without a pos must lie.
    bounds: tuple[float, float, float, float] | None = None


class Moment(enum.StrEnum):
    """The moments of a shift, in order."""

    REMIND = "remind"
    START = "start"
    ALARM = "alarm"
    END = "end"


_STAMP = {
    Moment.REMIND: "reminded_at",
    Moment.START: "started_at",
    Moment.ALARM: "alarm_at",
    Moment.END: "ended_at",
}


# --- parsing what a koordinator types -----------------------------------------------------------


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


def parse_teams(text: str) -> list[list[str]]:
    """One team per line, members as @username (or a Telegram id), separated by spaces or
    commas: [["andi", "budi"], ["citra"]]."""
    teams: list[list[str]] = []
    for line in (text or "").splitlines():
        names = [n for n in re.split(r"[\s,;]+", line.strip()) if n and n.lower() != "dan"]
        if not names:
            continue
        team = []
        for name in names:
            match = _MEMBER.match(name)
            if match is None:
                raise PatrolError("ronda.bad_member", name=name)
            team.append(match.group(1))
        teams.append(team)
    if not teams:
        raise PatrolError("ronda.no_teams")
    if len(teams) > MAX_TEAMS:
        raise PatrolError("ronda.too_many_teams", limit=MAX_TEAMS)
    if any(len(team) > MAX_TEAM_SIZE for team in teams):
        raise PatrolError("ronda.team_too_big", limit=MAX_TEAM_SIZE)
    return teams


def clock(minute: int) -> str:
    """A minute of the day as "22:00"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def km_outside(bounds: tuple[float, float, float, float], lat: float, lon: float) -> float:
    """How far (km, roughly) a point lies outside a latitude/longitude box; 0 inside."""
    south, west, north, east = bounds
    dlat = max(south - lat, 0.0, lat - north)
    dlon = max(west - lon, 0.0, lon - east)
    return math.hypot(dlat * 111.32, dlon * 111.32 * math.cos(math.radians(lat)))


# --- what the handlers get back -------------------------------------------------------------


@dataclass(frozen=True)
class ShiftView:
    """A shift as people see it."""

    id: int
    desa_id: int
    desa: str
    post: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: ShiftStatus
    version: int
    members: tuple[tuple[int, str], ...] = ()
    checked_in: frozenset[int] = frozenset()
    checked_out: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SchedulePlan:
    """A recurring schedule as the koordinator confirmed it (ids already resolved)."""

    desa_id: int
    post_id: int | None
    start_minute: int
    duration_minutes: int
    # A weekday string, or None for a single shift on `first_day`.
    weekdays: str | None
    first_day: dt.date
    last_day: dt.date
    teams: list[list[int]]


@dataclass(frozen=True)
class Created:
    """What a new schedule (or single shift) became."""

    schedule_id: int | None
    shift_ids: list[int]
    first: dt.datetime | None
    # When each shift's first moment is due, for the JobQueue.
    due: dict[int, dt.datetime] = field(default_factory=dict)


class CheckIn(enum.Enum):
    """The outcome of a check-in."""

    DONE = "done"
    ALREADY = "already"
    NOT_MEMBER = "not_member"
    TOO_EARLY = "too_early"
    OVER = "over"
    CANCELLED = "cancelled"
    FAR = "far"


@dataclass(frozen=True)
class CheckInResult:
    outcome: CheckIn
    shift: ShiftView | None = None
    km: float = 0.0
    late_minutes: int = 0


@dataclass(frozen=True)
class SwapResult:
    """The outcome of asking for or taking a swap: `key` is the text to answer with."""

    key: str
    ok: bool
    values: dict[str, Any] = field(default_factory=dict)
    swap_id: int | None = None
    shift: ShiftView | None = None


# --- the service --------------------------------------------------------------------------------


class PatrolService:
    """Rosters, moments, check-ins and swaps; every change in one transaction with its messages."""

    def __init__(
        self,
        db: Database,
        areas: Any,
        roles: Any,
        delivery: DeliveryService,
        settings: PatrolSettings,
    ) -> None:
        self.db = db
        self.areas = areas
        self.roles = roles
        self.delivery = delivery
        self.settings = settings

    # -- helpers ------------------------------------------------------------------------------

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.timezone

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A stored time in WIB."""
        return moment.astimezone(self.tz)

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """Today's date in WIB."""
        return self.local(now or utcnow()).date()

    def desa_name(self, desa_id: int) -> str:
        entry = self.areas.get(desa_id)
        return entry.name if entry is not None else f"#{desa_id}"

    def place(self, desa_id: int) -> Place:
        return self.roles.place(area_id=desa_id)

    def when(self, lang: str, starts_at: dt.datetime, ends_at: dt.datetime) -> str:
        """ "Rab 2 Des, 22:00–02:00 WIB"."""
        start, end = self.local(starts_at), self.local(ends_at)
        day = t(lang, f"ronda.day_{start.weekday()}")
        month = t(lang, f"ronda.month_{start.month}")
        return f"{day} {start.day} {month}, {start:%H:%M}–{end:%H:%M} WIB"

    def where(self, lang: str, shift: ShiftView) -> str:
        """ "Pos Kamling RT 02, Desa Kronto" or "Desa Kronto"."""
        if shift.post:
            return t(lang, "ronda.where_post", post=shift.post, desa=shift.desa)
        return t(lang, "ronda.where_desa", desa=shift.desa)

    def _language_of(self, session: Session, user_ids: Iterable[int]) -> dict[int, str]:
        ids = list(user_ids)
        found = {
            u.id: (u.language or self.settings.language) for u in queries.get_users(session, ids)
        }
        return {uid: found.get(uid, self.settings.language) for uid in ids}

    def _view(self, session: Session, shift: PatrolShift) -> ShiftView:
        return self._views(session, [shift])[0]

    def _views(self, session: Session, shifts: Sequence[PatrolShift]) -> list[ShiftView]:
        if not shifts:
            return []
        ids = [s.id for s in shifts]
        members = session.exec(
            select(PatrolShiftMember)
            .where(col(PatrolShiftMember.shift_id).in_(ids))
            .order_by(PatrolShiftMember.id)
        ).all()
        names = display_names(session, sorted({m.user_id for m in members}))
        posts = {
            p.id: p.name
            for p in session.exec(
                select(PatrolPost).where(
                    col(PatrolPost.id).in_({s.post_id for s in shifts if s.post_id})
                )
            )
        }
        by_shift: dict[int, list[PatrolShiftMember]] = {}
        for member in members:
            by_shift.setdefault(member.shift_id, []).append(member)
        views = []
        for shift in shifts:
            own = by_shift.get(shift.id or 0, [])
            views.append(
                ShiftView(
                    id=shift.id or 0,
                    desa_id=shift.desa_id,
                    desa=self.desa_name(shift.desa_id),
                    post=posts.get(shift.post_id) if shift.post_id else None,
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                    status=shift.status,
                    version=shift.version,
                    members=tuple((m.user_id, names.get(m.user_id, str(m.user_id))) for m in own),
                    checked_in=frozenset(m.user_id for m in own if m.checked_in_at),
                    checked_out=frozenset(m.user_id for m in own if m.checked_out_at),
                )
            )
        return views

    # -- who may stand watch, and who coordinates ----------------------------------------------

    def eligible(self, session: Session, user_ids: Iterable[int], desa_id: int) -> set[int]:
        """Those of `user_ids` who may stand watch in the desa: a pemuda or polisi role that
        covers it, or the desa as their home."""
        ids = set(user_ids)
        if not ids:
            return set()
        place = self.place(desa_id)
        homes = set(
            session.exec(
                select(HomeArea.user_id).where(
                    col(HomeArea.user_id).in_(ids), HomeArea.area_id == desa_id
                )
            )
        )
        found = set(homes)
        for user_id in ids - homes:
            if any(
                h.role in MEMBER_ROLES and covers(h, place)
                for h in role_reads.holdings_of(session, user_id)
            ):
                found.add(user_id)
        return found

    def koordinators(self, session: Session, desa_id: int, *also: int | None) -> list[int]:
        """The pemuda koordinators whose role covers the desa, and whoever else is named (the
        schedule's maker): they hear of alarms and swaps."""
        place = self.place(desa_id)
        found = [
            a.user_id
            for a in role_reads.assignments(session, role=Role.PEMUDA)
            if a.holding.koordinator and covers(a.holding, place)
        ]
        for user_id in also:
            if user_id is not None and user_id not in found:
                found.append(user_id)
        return found

    def may_coordinate(self, holdings: Sequence[Holding], desa_id: int) -> bool:
        """Whether these roles coordinate the desa's ronda (admin, polisi or pemuda
        koordinator covering it)."""
        return allowed(holdings, Action.MANAGE_PATROLS, self.place(desa_id))

    def resolve_members(
        self, session: Session, names: Sequence[str]
    ) -> tuple[dict[str, int], list[str]]:
        """Usernames (or ids) to user ids of people the bot knows; and the unknown ones."""
        found: dict[str, int] = {}
        unknown = []
        for name in names:
            if name.isdigit():
                user = session.get(User, int(name))
            else:
                user = session.exec(
                    select(User).where(func.lower(User.username) == name.lower())
                ).first()
            if user is None:
                unknown.append(name)
            else:
                found[name] = user.id
        return found, unknown

    # -- posts ----------------------------------------------------------------------------------

    async def posts(self, desa_id: int) -> list[PatrolPost]:
        """The desa's pos ronda, by name."""

        def read(session: Session) -> list[PatrolPost]:
            return list(
                session.exec(
                    select(PatrolPost)
                    .where(PatrolPost.desa_id == desa_id)
                    .order_by(PatrolPost.name)
                )
            )

        return await self.db.run(read)

    async def add_post(
        self,
        desa_id: int,
        name: str,
        actor_id: int,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> PatrolPost:
        """A new pos ronda (or the existing one of that name, its place updated)."""
        name = " ".join((name or "").split())
        if not 2 <= len(name) <= POST_NAME_LIMIT:
            raise PatrolError("ronda.bad_post_name", limit=POST_NAME_LIMIT)
        if latitude is not None and self.settings.bounds is not None:
            far = km_outside(self.settings.bounds, latitude, longitude or 0.0)
            if far > BOUNDS_MARGIN_KM:
                raise PatrolError("ronda.post_far", km=f"{far:.0f}")

        def store(session: Session) -> PatrolPost:
            post = session.exec(
                select(PatrolPost).where(
                    PatrolPost.desa_id == desa_id, func.lower(PatrolPost.name) == name.lower()
                )
            ).first()
            if post is None:
                post = PatrolPost(desa_id=desa_id, name=name, created_by=actor_id)
            if latitude is not None:
                post.latitude, post.longitude = latitude, longitude
            session.add(post)
            session.flush()
            queries.add_audit(
                session,
                "patrol.post",
                actor_id=actor_id,
                target=f"desa:{desa_id}",
                details=f"post={post.id} name={name}",
            )
            session.refresh(post)
            session.expunge(post)
            return post

        return await self.db.run(store)

    # -- schedules and shifts -----------------------------------------------------------------

    def shift_times(
        self, plan: SchedulePlan, now: dt.datetime
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The (start, end) of every shift of a plan that has not started yet, in UTC."""
        times = []
        day = plan.first_day
        while day <= plan.last_day:
            if plan.weekdays is None or str(day.weekday()) in plan.weekdays:
                local = dt.datetime.combine(day, dt.time(), self.tz) + dt.timedelta(
                    minutes=plan.start_minute
                )
                start = local.astimezone(dt.UTC)
                if start > now:
                    times.append((start, start + dt.timedelta(minutes=plan.duration_minutes)))
            if plan.weekdays is None:
                break
            day += dt.timedelta(days=1)
        return times

    def _members_for(self, session: Session, names: Sequence[str], desa_id: int) -> dict[str, int]:
        """Typed names to the user ids of people who may stand watch in the desa; refuses
        (PatrolError) unknown names and people who may not."""
        found, unknown = self.resolve_members(session, names)
        if unknown:
            raise PatrolError("ronda.unknown_members", names=", ".join("@" + n for n in unknown))
        every = set(found.values())
        not_allowed = every - self.eligible(session, every, desa_id)
        if not_allowed:
            labels = display_names(session, sorted(not_allowed))
            raise PatrolError(
                "ronda.not_eligible",
                names=", ".join(labels.get(i, str(i)) for i in sorted(not_allowed)),
                desa=self.desa_name(desa_id),
            )
        return found

    async def plan_members(
        self, desa_id: int, teams: list[list[str]]
    ) -> tuple[list[list[int]], dict[int, str]]:
        """Resolve typed teams to user ids and check each may stand watch in the desa; the
        teams, and everyone's display name."""

        def read(session: Session) -> tuple[list[list[int]], dict[int, str]]:
            found = self._members_for(session, [n for team in teams for n in team], desa_id)
            # One person twice in a team: each shift has them once.
            ids = [list(dict.fromkeys(found[n] for n in team)) for team in teams]
            return ids, display_names(session, sorted(set(found.values())))

        return await self.db.run(read)

    def _conflicts(
        self,
        session: Session,
        wanted: dict[int, list[tuple[dt.datetime, dt.datetime]]],
        exclude_shift: int | None = None,
    ) -> list[tuple[int, PatrolShift]]:
        """(member, their other shift) pairs where a wanted window overlaps a planned shift."""
        if not wanted:
            return []
        low = min(s for windows in wanted.values() for s, _ in windows)
        high = max(e for windows in wanted.values() for _, e in windows)
        rows = session.exec(
            select(PatrolShiftMember.user_id, PatrolShift)
            .join(PatrolShift, col(PatrolShift.id) == PatrolShiftMember.shift_id)
            .where(
                col(PatrolShiftMember.user_id).in_(list(wanted)),
                PatrolShift.status == ShiftStatus.PLANNED,
                col(PatrolShift.starts_at) < high,
                col(PatrolShift.ends_at) > low,
            )
        ).all()
        found = []
        for user_id, shift in rows:
            if shift.id == exclude_shift:
                continue
            if any(s < shift.ends_at and e > shift.starts_at for s, e in wanted[user_id]):
                found.append((user_id, shift))
        return found

    def _refuse_conflicts(
        self, session: Session, lang: str, conflicts: list[tuple[int, PatrolShift]]
    ) -> None:
        if not conflicts:
            return
        names = display_names(session, sorted({u for u, _ in conflicts}))
        lines = []
        for user_id, shift in conflicts[:5]:
            view = self._view(session, shift)
            lines.append(
                t(
                    lang,
                    "ronda.conflict_line",
                    name=names.get(user_id, str(user_id)),
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                )
            )
        more = len(conflicts) - len(lines)
        raise PatrolError(
            "ronda.overlap",
            lines="\n".join(lines) + (t(lang, "ronda.conflict_more", n=more) if more > 0 else ""),
        )

    async def create(self, plan: SchedulePlan, actor_id: int, lang: str) -> Created:
        """Store a schedule and all its shifts, or refuse the whole of it (overlaps)."""
        now = utcnow()
        times = self.shift_times(plan, now)
        if not times:
            raise PatrolError("ronda.no_shifts")

        def store(session: Session) -> Created:
            teams = plan.teams
            assigned = [teams[i % len(teams)] for i in range(len(times))]
            wanted: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
            for window, team in zip(times, assigned, strict=True):
                for user_id in team:
                    wanted.setdefault(user_id, []).append(window)
            self._refuse_conflicts(session, lang, self._conflicts(session, wanted))
            schedule_id = None
            if plan.weekdays is not None:
                schedule = PatrolSchedule(
                    desa_id=plan.desa_id,
                    post_id=plan.post_id,
                    start_minute=plan.start_minute,
                    duration_minutes=plan.duration_minutes,
                    weekdays=plan.weekdays,
                    teams=json.dumps(teams),
                    first_day=plan.first_day,
                    last_day=plan.last_day,
                    created_by=actor_id,
                )
                session.add(schedule)
                session.flush()
                schedule_id = schedule.id
            shifts = [
                PatrolShift(
                    desa_id=plan.desa_id,
                    post_id=plan.post_id,
                    schedule_id=schedule_id,
                    starts_at=start,
                    ends_at=end,
                    created_by=actor_id,
                )
                for start, end in times
            ]
            session.add_all(shifts)
            session.flush()
            session.add_all(
                PatrolShiftMember(shift_id=shift.id or 0, user_id=user_id)
                for shift, team in zip(shifts, assigned, strict=True)
                for user_id in team
            )
            queries.add_audit(
                session,
                "patrol.schedule",
                actor_id=actor_id,
                target=f"desa:{plan.desa_id}",
                details=(
                    f"schedule={schedule_id} shifts={len(shifts)} "
                    f"hours={clock(plan.start_minute)}+{plan.duration_minutes}m "
                    f"days={plan.weekdays or plan.first_day.isoformat()} teams={teams}"
                ),
            )
            self._tell_assigned(session, shifts, assigned)
            return Created(
                schedule_id=schedule_id,
                shift_ids=[s.id or 0 for s in shifts],
                first=shifts[0].starts_at,
                due={s.id or 0: d for s in shifts if (d := self.next_moment(s)) is not None},
            )

        created = await self.db.write(store)
        self.delivery.wake()
        return created

    def _tell_assigned(
        self, session: Session, shifts: Sequence[PatrolShift], teams: Sequence[Sequence[int]]
    ) -> None:
        """Each member hears once how many shifts they got, and the first one."""
        mine: dict[int, list[PatrolShift]] = {}
        for shift, team in zip(shifts, teams, strict=True):
            for user_id in team:
                mine.setdefault(user_id, []).append(shift)
        languages = self._language_of(session, mine)
        for user_id, own in mine.items():
            lang = languages[user_id]
            first = self._view(session, own[0])
            self.delivery.send_direct_in(
                session,
                user_id,
                Payload.message(
                    t(
                        lang,
                        "ronda.assigned",
                        n=len(own),
                        where=self.where(lang, first),
                        when=self.when(lang, own[0].starts_at, own[0].ends_at),
                    )
                ),
                kind="patrol",
                ref=f"shift:{first.id}",
            )

    # -- reading ----------------------------------------------------------------------------------

    async def shift(self, shift_id: int) -> ShiftView | None:
        def read(session: Session) -> ShiftView | None:
            shift = session.get(PatrolShift, shift_id)
            return None if shift is None else self._view(session, shift)

        return await self.db.run(read)

    async def is_member(self, user_id: int, shift_id: int) -> bool:
        """Whether the person stands (or stood) watch on the shift."""

        def read(session: Session) -> bool:
            return (
                session.exec(
                    select(PatrolShiftMember.id).where(
                        PatrolShiftMember.shift_id == shift_id,
                        PatrolShiftMember.user_id == user_id,
                    )
                ).first()
                is not None
            )

        return await self.db.run(read)

    async def upcoming_for(self, user_id: int, limit: int = 8) -> list[ShiftView]:
        """A member's shifts that have not ended, soonest first."""
        now = utcnow()

        def read(session: Session) -> list[ShiftView]:
            shifts = session.exec(
                select(PatrolShift)
                .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
                .where(
                    PatrolShiftMember.user_id == user_id,
                    PatrolShift.status == ShiftStatus.PLANNED,
                    col(PatrolShift.ends_at) > now,
                )
                .order_by(PatrolShift.starts_at)
                .limit(limit)
            ).all()
            return self._views(session, shifts)

        return await self.db.run(read)

    async def week(self, desa_id: int, first_day: dt.date, days: int = 7) -> list[ShiftView]:
        """The desa's shifts starting in the `days` days from `first_day` (WIB), cancelled ones
        included."""
        start = dt.datetime.combine(first_day, dt.time(), self.tz).astimezone(dt.UTC)
        end = start + dt.timedelta(days=days)

        def read(session: Session) -> list[ShiftView]:
            shifts = session.exec(
                select(PatrolShift)
                .where(
                    PatrolShift.desa_id == desa_id,
                    col(PatrolShift.starts_at) >= start,
                    col(PatrolShift.starts_at) < end,
                )
                .order_by(PatrolShift.starts_at, PatrolShift.id)
            ).all()
            return self._views(session, shifts)

        return await self.db.run(read)

    async def desas_of(self, user_id: int) -> list[int]:
        """The desa whose roster a person sees by default: where they have shifts or live."""

        def read(session: Session) -> list[int]:
            found = list(
                session.exec(
                    select(PatrolShift.desa_id)
                    .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
                    .where(PatrolShiftMember.user_id == user_id)
                    .distinct()
                )
            )
            home = session.get(HomeArea, user_id)
            if home is not None and home.area_id not in found:
                found.append(home.area_id)
            return found

        return await self.db.run(read)

    # -- the moments of a shift ---------------------------------------------------------------

    def moments(self, shift: Any) -> list[tuple[Moment, dt.datetime]]:
        """The moments still to handle, with when each is due (of a PatrolShift, or of a row
        with its status, times and stamps)."""
        settings = self.settings
        due = {
            Moment.REMIND: shift.starts_at - dt.timedelta(minutes=settings.remind_minutes),
            Moment.START: shift.starts_at,
            Moment.ALARM: shift.starts_at + dt.timedelta(minutes=settings.grace_minutes),
            Moment.END: shift.ends_at,
        }
        if settings.remind_minutes == 0:
            del due[Moment.REMIND]
        if due[Moment.ALARM] >= shift.ends_at:
            del due[Moment.ALARM]
        return [(m, at) for m, at in due.items() if getattr(shift, _STAMP[m]) is None]

    def next_moment(self, shift: Any) -> dt.datetime | None:
        """When the shift next needs the bot (None: never again)."""
        if shift.status is not ShiftStatus.PLANNED:
            return None
        pending = self.moments(shift)
        return min(at for _, at in pending) if pending else None

    async def pending(self, until: dt.datetime | None = None) -> list[tuple[int, dt.datetime]]:
        """(shift id, next moment) of every shift that still needs the bot, with a moment
        before `until` (None: ever): the JobQueue is built from this.

        Only the columns the moments need are read, as plain rows (10,000 full ORM objects
        took most of the start-up time; bench/patrols.py)."""

        def read(session: Session) -> list[tuple[int, dt.datetime]]:
            query = select(
                PatrolShift.id,
                PatrolShift.status,
                PatrolShift.starts_at,
                PatrolShift.ends_at,
                PatrolShift.reminded_at,
                PatrolShift.started_at,
                PatrolShift.alarm_at,
                PatrolShift.ended_at,
            ).where(PatrolShift.status == ShiftStatus.PLANNED)
            if until is not None:
                # No moment comes earlier than the reminder.
                lead = dt.timedelta(minutes=self.settings.remind_minutes)
                query = query.where(col(PatrolShift.starts_at) < until + lead)
            found = []
            for row in session.exec(query):
                due = self.next_moment(row)
                if due is not None and (until is None or due < until):
                    found.append((row.id or 0, due))
            return found

        return await self.db.run(read)

    async def advance(self, shift_id: int, now: dt.datetime | None = None) -> dt.datetime | None:
        """Handle every moment of the shift that is due; return when the next one is."""
        now = now or utcnow()
        result = await self.db.write(self._advance, shift_id, now)
        self.delivery.wake()
        return result

    def _advance(self, session: Session, shift_id: int, now: dt.datetime) -> dt.datetime | None:
        shift = session.get(PatrolShift, shift_id)
        if shift is None or shift.status is not ShiftStatus.PLANNED:
            return None
        for moment, due in self.moments(shift):
            if due > now:
                break
            stamp = getattr(PatrolShift, _STAMP[moment])
            claimed = session.execute(
                update(PatrolShift)
                .where(
                    col(PatrolShift.id) == shift_id,
                    col(stamp).is_(None),
                    col(PatrolShift.version) == shift.version,
                )
                .values({_STAMP[moment]: now})
            ).rowcount
            if claimed != 1:
                # Another process (or an earlier run) handled it: its messages are out.
                session.rollback()
                shift = session.get(PatrolShift, shift_id)
                if shift is None:
                    return None
                return self.next_moment(shift)
            setattr(shift, _STAMP[moment], now)
            late = now - due
            if moment is Moment.REMIND and now < shift.starts_at:
                self._remind(session, shift, now)
            elif moment is Moment.START and now < shift.ends_at:
                self._start(session, shift, late)
            elif moment is Moment.ALARM and now < shift.ends_at:
                self._alarm(session, shift)
            elif moment is Moment.END:
                self._end(session, shift)
        session.flush()
        session.expire(shift)
        shift = session.get(PatrolShift, shift_id)
        return None if shift is None else self.next_moment(shift)

    def _members(self, session: Session, shift_id: int) -> list[PatrolShiftMember]:
        return list(
            session.exec(
                select(PatrolShiftMember)
                .where(PatrolShiftMember.shift_id == shift_id)
                .order_by(PatrolShiftMember.id)
            )
        )

    def _send(
        self, session: Session, user_id: int, text: str, markup: dict | None, ref: str
    ) -> None:
        self.delivery.send_direct_in(
            session, user_id, Payload.message(text, reply_markup=markup), kind="patrol", ref=ref
        )

    def _remind(self, session: Session, shift: PatrolShift, now: dt.datetime) -> None:
        members = self._members(session, shift.id or 0)
        allowed = self.eligible(session, [m.user_id for m in members], shift.desa_id)
        dropped = [m for m in members if m.user_id not in allowed]
        for member in dropped:
            session.delete(member)
        if dropped:
            session.flush()
            self._tell_dropped(session, shift, [m.user_id for m in dropped])
        view = self._view(session, shift)
        languages = self._language_of(session, [uid for uid, _ in view.members])
        minutes = max(1, round((shift.starts_at - now).total_seconds() / 60))
        for user_id, _ in view.members:
            lang = languages[user_id]
            others = [n for uid, n in view.members if uid != user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    "ronda.reminder",
                    minutes=minutes,
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                    others=", ".join(others) or t(lang, "ronda.alone"),
                ),
                {"inline_keyboard": [[_button(t(lang, "ronda.btn_swap"), f"pt:sw:{shift.id}")]]},
                f"shift:{shift.id}",
            )

    def _tell_dropped(self, session: Session, shift: PatrolShift, user_ids: list[int]) -> None:
        view = self._view(session, shift)
        names = display_names(session, user_ids)
        koordinators = self.koordinators(session, shift.desa_id, shift.created_by)
        languages = self._language_of(session, [*koordinators, *user_ids])
        for user_id in koordinators:
            lang = languages[user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    "ronda.dropped_koordinator",
                    names=", ".join(names.get(u, str(u)) for u in user_ids),
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                ),
                None,
                f"shift:{shift.id}",
            )
        queries.add_audit(
            session,
            "patrol.member_dropped",
            target=f"shift:{shift.id}",
            details=f"users={user_ids} reason=no_role",
        )

    def _start(self, session: Session, shift: PatrolShift, late: dt.timedelta) -> None:
        view = self._view(session, shift)
        languages = self._language_of(session, [uid for uid, _ in view.members])
        for user_id, _ in view.members:
            if user_id in view.checked_in:
                continue
            lang = languages[user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    "ronda.started",
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                ),
                {
                    "inline_keyboard": [
                        [_button(t(lang, "ronda.btn_checkin"), f"pt:in:{shift.id}")],
                        [
                            _button(
                                t(lang, "ronda.btn_incident"),
                                f"lp:new:d:{shift.desa_id}:r:{shift.id}",
                            )
                        ],
                    ]
                },
                f"shift:{shift.id}",
            )

    def _alarm(self, session: Session, shift: PatrolShift) -> None:
        view = self._view(session, shift)
        if view.checked_in:
            return
        koordinators = self.koordinators(session, shift.desa_id, shift.created_by)
        languages = self._language_of(session, koordinators)
        for user_id in koordinators:
            lang = languages[user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    "ronda.alarm",
                    minutes=self.settings.grace_minutes,
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                    members=", ".join(n for _, n in view.members) or "—",
                ),
                None,
                f"shift:{shift.id}",
            )

    def _end(self, session: Session, shift: PatrolShift) -> None:
        view = self._view(session, shift)
        shift.status = ShiftStatus.HELD if view.checked_in else ShiftStatus.MISSED
        shift.updated_at = utcnow()
        session.add(shift)
        waiting = [uid for uid in view.checked_in if uid not in view.checked_out]
        languages = self._language_of(session, waiting)
        for user_id in waiting:
            lang = languages[user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    "ronda.ended",
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                ),
                {
                    "inline_keyboard": [
                        [
                            _button(t(lang, "ronda.btn_safe"), f"pt:out:{shift.id}:aman"),
                            _button(t(lang, "ronda.btn_happened"), f"pt:out:{shift.id}:kejadian"),
                        ]
                    ]
                },
                f"shift:{shift.id}",
            )

    # -- check-in and check-out -----------------------------------------------------------------

    async def check_in(
        self,
        user_id: int,
        shift_id: int | None,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        now: dt.datetime | None = None,
    ) -> CheckInResult:
        """Check a member in: by the button (`shift_id`), or by a shared location (None: their
        shift that is open now)."""
        now = now or utcnow()
        result = await self.db.write(self._check_in, user_id, shift_id, latitude, longitude, now)
        self.delivery.wake()
        return result

    def _open_shift(self, session: Session, user_id: int, now: dt.datetime) -> PatrolShift | None:
        return session.exec(
            select(PatrolShift)
            .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
            .where(
                PatrolShiftMember.user_id == user_id,
                PatrolShift.status == ShiftStatus.PLANNED,
                col(PatrolShift.starts_at) <= now + CHECKIN_EARLY,
                col(PatrolShift.ends_at) > now,
            )
            .order_by(PatrolShift.starts_at)
        ).first()

    def _check_in(
        self,
        session: Session,
        user_id: int,
        shift_id: int | None,
        latitude: float | None,
        longitude: float | None,
        now: dt.datetime,
    ) -> CheckInResult:
        shift = (
            session.get(PatrolShift, shift_id)
            if shift_id is not None
            else self._open_shift(session, user_id, now)
        )
        if shift is None:
            return CheckInResult(CheckIn.NOT_MEMBER)
        member = session.exec(
            select(PatrolShiftMember).where(
                PatrolShiftMember.shift_id == shift.id, PatrolShiftMember.user_id == user_id
            )
        ).first()
        view = self._view(session, shift)
        if member is None:
            return CheckInResult(CheckIn.NOT_MEMBER, view)
        if shift.status is ShiftStatus.CANCELLED:
            return CheckInResult(CheckIn.CANCELLED, view)
        if now >= shift.ends_at or shift.status is not ShiftStatus.PLANNED:
            return CheckInResult(CheckIn.OVER, view)
        if now < shift.starts_at - CHECKIN_EARLY:
            return CheckInResult(CheckIn.TOO_EARLY, view)
        if member.checked_in_at is not None:
            return CheckInResult(CheckIn.ALREADY, view)
        if latitude is not None and longitude is not None:
            km = self._km_away(session, shift, latitude, longitude)
            if km is not None:
                return CheckInResult(CheckIn.FAR, view, km=km)
        claimed = session.execute(
            update(PatrolShiftMember)
            .where(
                col(PatrolShiftMember.id) == member.id,
                col(PatrolShiftMember.checked_in_at).is_(None),
            )
            .values(checked_in_at=now, latitude=latitude, longitude=longitude)
        ).rowcount
        if claimed != 1:
            return CheckInResult(CheckIn.ALREADY, view)
        late = max(0, int((now - shift.starts_at).total_seconds() // 60))
        return CheckInResult(CheckIn.DONE, self._view(session, shift), late_minutes=late)

    def _km_away(
        self, session: Session, shift: PatrolShift, latitude: float, longitude: float
    ) -> float | None:
        """How far a shared location is from where the watch is (None: near enough)."""
        post = session.get(PatrolPost, shift.post_id) if shift.post_id else None
        if post is not None and post.latitude is not None and post.longitude is not None:
            km = km_between(post.latitude, post.longitude, latitude, longitude)
            return km if km > self.settings.radius_km else None
        if self.settings.bounds is not None:
            km = km_outside(self.settings.bounds, latitude, longitude)
            return km if km > BOUNDS_MARGIN_KM else None
        return None

    async def check_out(
        self, user_id: int, shift_id: int, outcome: str, now: dt.datetime | None = None
    ) -> tuple[str, ShiftView | None]:
        """Record how the watch went ("aman" or "kejadian"). Returns the answer's text key and
        the shift."""
        now = now or utcnow()

        def store(session: Session) -> tuple[str, ShiftView | None]:
            shift = session.get(PatrolShift, shift_id)
            if shift is None:
                return "ronda.gone", None
            member = session.exec(
                select(PatrolShiftMember).where(
                    PatrolShiftMember.shift_id == shift_id, PatrolShiftMember.user_id == user_id
                )
            ).first()
            view = self._view(session, shift)
            if member is None:
                return "ronda.not_member", view
            if member.checked_in_at is None:
                return "ronda.checkout_without_checkin", view
            if member.checked_out_at is not None:
                return "ronda.checkout_already", view
            member.checked_out_at = now
            member.outcome = outcome
            session.add(member)
            return ("ronda.checkout_safe" if outcome == "aman" else "ronda.checkout_incident"), view

        return await self.db.write(store)

    # -- a koordinator's changes to one shift --------------------------------------------------

    async def change_hours(
        self, shift_id: int, start_minute: int, duration: int, actor_id: int, lang: str
    ) -> tuple[ShiftView, dt.datetime | None]:
        """Move one shift to new hours on its day; its moments start over."""
        now = utcnow()

        def store(session: Session) -> tuple[ShiftView, dt.datetime | None]:
            shift = self._editable(session, shift_id, now)
            # "The same night": of the day before, the day itself and the day after, the start
            # nearest the old one (00:30 for a 22:00 shift is the next calendar day).
            day = self.local(shift.starts_at).date()
            start = min(
                (
                    (
                        dt.datetime.combine(day + dt.timedelta(days=d), dt.time(), self.tz)
                        + dt.timedelta(minutes=start_minute)
                    ).astimezone(dt.UTC)
                    for d in (-1, 0, 1)
                ),
                key=lambda candidate: abs(candidate - shift.starts_at),
            )
            end = start + dt.timedelta(minutes=duration)
            if start <= now:
                raise PatrolError("ronda.start_past")
            members = [m.user_id for m in self._members(session, shift_id)]
            self._refuse_conflicts(
                session,
                lang,
                self._conflicts(session, {u: [(start, end)] for u in members}, shift_id),
            )
            before = self.when(lang, shift.starts_at, shift.ends_at)
            shift.starts_at, shift.ends_at = start, end
            self._restart(shift)
            session.add(shift)
            session.flush()
            view = self._view(session, shift)
            self._tell_members(session, view, members, "ronda.changed_hours", before=before)
            queries.add_audit(
                session,
                "patrol.shift_hours",
                actor_id=actor_id,
                target=f"shift:{shift_id}",
                details=f"{before} -> {clock(start_minute)}+{duration}m",
            )
            return view, self.next_moment(shift)

        result = await self.db.write(store)
        self.delivery.wake()
        return result

    async def replace_members(
        self, shift_id: int, names: list[str], actor_id: int, lang: str
    ) -> tuple[ShiftView, dt.datetime | None]:
        """Give one shift a new set of members (typed like a team)."""
        now = utcnow()

        def store(session: Session) -> tuple[ShiftView, dt.datetime | None]:
            shift = self._editable(session, shift_id, now)
            found = self._members_for(session, names, shift.desa_id)
            wanted = list(dict.fromkeys(found[n] for n in names))
            window = [(shift.starts_at, shift.ends_at)]
            self._refuse_conflicts(
                session, lang, self._conflicts(session, {u: window for u in wanted}, shift_id)
            )
            current = {m.user_id: m for m in self._members(session, shift_id)}
            removed = [u for u in current if u not in wanted]
            added = [u for u in wanted if u not in current]
            for user_id in removed:
                session.delete(current[user_id])
            session.add_all(PatrolShiftMember(shift_id=shift_id, user_id=u) for u in added)
            shift.version += 1
            shift.updated_at = now
            session.add(shift)
            session.flush()
            view = self._view(session, shift)
            self._tell_members(session, view, added, "ronda.added")
            self._tell_members(session, view, removed, "ronda.removed")
            queries.add_audit(
                session,
                "patrol.shift_members",
                actor_id=actor_id,
                target=f"shift:{shift_id}",
                details=f"added={added} removed={removed}",
            )
            return view, self.next_moment(shift)

        result = await self.db.write(store)
        self.delivery.wake()
        return result

    async def cancel_shift(self, shift_id: int, actor_id: int) -> ShiftView:
        """Call one shift off; its members hear it."""
        now = utcnow()

        def store(session: Session) -> ShiftView:
            shift = self._editable(session, shift_id, now, started_ok=True)
            shift.status = ShiftStatus.CANCELLED
            shift.version += 1
            shift.updated_at = now
            session.add(shift)
            session.flush()
            view = self._view(session, shift)
            self._tell_members(session, view, [u for u, _ in view.members], "ronda.cancelled")
            queries.add_audit(
                session, "patrol.shift_cancel", actor_id=actor_id, target=f"shift:{shift_id}"
            )
            return view

        result = await self.db.write(store)
        self.delivery.wake()
        return result

    def _editable(
        self, session: Session, shift_id: int, now: dt.datetime, *, started_ok: bool = False
    ) -> PatrolShift:
        shift = session.get(PatrolShift, shift_id)
        if shift is None:
            raise PatrolError("ronda.gone")
        if shift.status is not ShiftStatus.PLANNED or shift.ends_at <= now:
            raise PatrolError("ronda.not_editable")
        if not started_ok and shift.starts_at <= now:
            raise PatrolError("ronda.already_started")
        return shift

    @staticmethod
    def _restart(shift: PatrolShift) -> None:
        """A shift with new hours: every moment is due again, and old buttons are stale."""
        shift.reminded_at = shift.started_at = shift.alarm_at = shift.ended_at = None
        shift.version += 1
        shift.updated_at = utcnow()

    def _tell_members(
        self, session: Session, view: ShiftView, user_ids: Iterable[int], key: str, **values: str
    ) -> None:
        ids = list(user_ids)
        languages = self._language_of(session, ids)
        for user_id in ids:
            lang = languages[user_id]
            self._send(
                session,
                user_id,
                t(
                    lang,
                    key,
                    when=self.when(lang, view.starts_at, view.ends_at),
                    where=self.where(lang, view),
                    **values,
                ),
                None,
                f"shift:{view.id}",
            )

    # -- swaps ------------------------------------------------------------------------------------

    async def ask_swap(self, user_id: int, shift_id: int) -> SwapResult:
        """A member asks that someone take their place: the desa's other watch members hear it
        with a button to take it."""
        now = utcnow()
        result = await self.db.write(self._ask_swap, user_id, shift_id, now)
        self.delivery.wake()
        return result

    def _ask_swap(
        self, session: Session, user_id: int, shift_id: int, now: dt.datetime
    ) -> SwapResult:
        shift = session.get(PatrolShift, shift_id)
        if shift is None:
            return SwapResult("ronda.gone", False)
        view = self._view(session, shift)
        if user_id not in dict(view.members):
            return SwapResult("ronda.not_member", False, shift=view)
        if shift.status is not ShiftStatus.PLANNED or shift.starts_at <= now:
            return SwapResult("ronda.swap_too_late", False, shift=view)
        existing = session.exec(
            select(PatrolSwap).where(
                PatrolSwap.shift_id == shift_id,
                PatrolSwap.requested_by == user_id,
                PatrolSwap.status == SwapStatus.OPEN,
            )
        ).first()
        if existing is not None:
            return SwapResult("ronda.swap_already", False, swap_id=existing.id, shift=view)
        swap = PatrolSwap(shift_id=shift_id, requested_by=user_id)
        session.add(swap)
        session.flush()
        # Who can take it: the desa's watch members of the last and next four weeks who may
        # still stand watch there, except those already on this shift.
        window = dt.timedelta(weeks=4)
        pool = set(
            session.exec(
                select(PatrolShiftMember.user_id)
                .join(PatrolShift, col(PatrolShift.id) == PatrolShiftMember.shift_id)
                .where(
                    PatrolShift.desa_id == shift.desa_id,
                    col(PatrolShift.starts_at) > now - window,
                    col(PatrolShift.starts_at) < now + window,
                )
                .distinct()
            )
        ) - set(dict(view.members))
        candidates = sorted(self.eligible(session, pool, shift.desa_id))
        name = display_names(session, [user_id]).get(user_id, str(user_id))
        languages = self._language_of(session, candidates)
        for candidate in candidates:
            lang = languages[candidate]
            self._send(
                session,
                candidate,
                t(
                    lang,
                    "ronda.swap_offer",
                    name=name,
                    when=self.when(lang, shift.starts_at, shift.ends_at),
                    where=self.where(lang, view),
                ),
                {"inline_keyboard": [[_button(t(lang, "ronda.btn_take"), f"pt:tk:{swap.id}")]]},
                f"swap:{swap.id}",
            )
        queries.add_audit(
            session,
            "patrol.swap_ask",
            actor_id=user_id,
            target=f"shift:{shift_id}",
            details=f"swap={swap.id} offered_to={len(candidates)}",
        )
        key = "ronda.swap_asked" if candidates else "ronda.swap_asked_nobody"
        return SwapResult(key, True, {"n": len(candidates)}, swap_id=swap.id, shift=view)

    async def take_swap(self, user_id: int, swap_id: int, lang: str) -> SwapResult:
        """Take someone's shift: first come, first served; the koordinator sees the change."""
        now = utcnow()
        result = await self.db.write(self._take_swap, user_id, swap_id, now, lang)
        self.delivery.wake()
        return result

    def _take_swap(
        self, session: Session, user_id: int, swap_id: int, now: dt.datetime, lang: str
    ) -> SwapResult:
        swap = session.get(PatrolSwap, swap_id)
        if swap is None:
            return SwapResult("ronda.gone", False)
        shift = session.get(PatrolShift, swap.shift_id)
        if shift is None:
            return SwapResult("ronda.gone", False)
        view = self._view(session, shift)
        if swap.status is not SwapStatus.OPEN:
            return SwapResult("ronda.swap_taken", False, shift=view)
        if shift.status is not ShiftStatus.PLANNED or shift.starts_at <= now:
            return SwapResult("ronda.swap_too_late", False, shift=view)
        if user_id in dict(view.members):
            return SwapResult("ronda.swap_own", False, shift=view)
        if user_id not in self.eligible(session, [user_id], shift.desa_id):
            return SwapResult("ronda.swap_not_eligible", False, {"desa": view.desa}, shift=view)
        conflicts = self._conflicts(session, {user_id: [(shift.starts_at, shift.ends_at)]})
        if conflicts:
            other = conflicts[0][1]
            return SwapResult(
                "ronda.swap_overlap",
                False,
                {"when": self.when(lang, other.starts_at, other.ends_at)},
                shift=view,
            )
        taken = session.execute(
            update(PatrolSwap)
            .where(col(PatrolSwap.id) == swap_id, col(PatrolSwap.status) == SwapStatus.OPEN)
            .values(status=SwapStatus.TAKEN, taken_by=user_id, decided_at=now)
        ).rowcount
        if taken != 1:
            return SwapResult("ronda.swap_taken", False, shift=view)
        moved = session.execute(
            update(PatrolShiftMember)
            .where(
                col(PatrolShiftMember.shift_id) == shift.id,
                col(PatrolShiftMember.user_id) == swap.requested_by,
            )
            .values(user_id=user_id, added_at=now)
        ).rowcount
        if moved != 1:
            # The requester left the shift meanwhile (a koordinator's change): nothing to take.
            session.rollback()
            return SwapResult("ronda.swap_taken", False, shift=view)
        view = self._view(session, shift)
        names = display_names(session, [swap.requested_by, user_id])
        giver = names.get(swap.requested_by, str(swap.requested_by))
        taker = names.get(user_id, str(user_id))
        koordinators = [
            k
            for k in self.koordinators(session, shift.desa_id, shift.created_by)
            if k not in (user_id, swap.requested_by)
        ]
        languages = self._language_of(session, [swap.requested_by, *koordinators])
        for recipient, key in [(swap.requested_by, "ronda.swap_done_giver")] + [
            (k, "ronda.swap_done_koordinator") for k in koordinators
        ]:
            rlang = languages[recipient]
            self._send(
                session,
                recipient,
                t(
                    rlang,
                    key,
                    giver=giver,
                    taker=taker,
                    when=self.when(rlang, shift.starts_at, shift.ends_at),
                    where=self.where(rlang, view),
                ),
                None,
                f"swap:{swap_id}",
            )
        queries.add_audit(
            session,
            "patrol.swap_take",
            actor_id=user_id,
            target=f"shift:{shift.id}",
            details=f"swap={swap_id} from={swap.requested_by}",
        )
        return SwapResult("ronda.swap_took", True, swap_id=swap_id, shift=view)

    # -- statistics ------------------------------------------------------------------------------

    async def stats(self, desa_ids: Sequence[int] | None, days: int = 30) -> PatrolStats:
        """Shifts held and missed, check-in punctuality and incidents seen on patrol, over the
        last `days` days (None: every desa)."""
        now = utcnow()
        since = now - dt.timedelta(days=days)

        def read(session: Session) -> PatrolStats:
            # Shifts of the period that have ended (held or missed) or began already.
            query = select(PatrolShift).where(
                col(PatrolShift.starts_at) >= since,
                or_(
                    col(PatrolShift.status).in_([ShiftStatus.HELD, ShiftStatus.MISSED]),
                    col(PatrolShift.starts_at) < now,
                ),
            )
            if desa_ids is not None:
                query = query.where(col(PatrolShift.desa_id).in_(list(desa_ids)))
            shifts = session.exec(query).all()
            ids = [s.id for s in shifts]
            members = (
                session.exec(
                    select(PatrolShiftMember).where(col(PatrolShiftMember.shift_id).in_(ids))
                ).all()
                if ids
                else []
            )
            by_id = {s.id: s for s in shifts}
            per_desa: dict[int, list[int]] = {}
            for shift in shifts:
                row = per_desa.setdefault(shift.desa_id, [0, 0, 0])
                if shift.status is ShiftStatus.HELD:
                    row[0] += 1
                elif shift.status is ShiftStatus.MISSED:
                    row[1] += 1
                elif shift.status is ShiftStatus.CANCELLED:
                    row[2] += 1
            finished = (ShiftStatus.HELD, ShiftStatus.MISSED)
            delays = sorted(
                (m.checked_in_at - by_id[m.shift_id].starts_at).total_seconds() / 60
                for m in members
                if m.checked_in_at is not None and by_id[m.shift_id].status in finished
            )
            expected = sum(1 for m in members if by_id[m.shift_id].status in finished)
            report_query = (
                select(func.count())
                .select_from(Report)
                .where(Report.source == "ronda", col(Report.created_at) >= since)
            )
            if desa_ids is not None:
                report_query = report_query.where(col(Report.desa_id).in_(list(desa_ids)))
            reports = session.exec(report_query).one()
            return PatrolStats(
                days=days,
                held=sum(r[0] for r in per_desa.values()),
                missed=sum(r[1] for r in per_desa.values()),
                cancelled=sum(r[2] for r in per_desa.values()),
                expected_checkins=expected,
                checkins=len(delays),
                on_time=sum(1 for d in delays if d <= PUNCTUAL.total_seconds() / 60),
                median_late=delays[len(delays) // 2] if delays else None,
                incidents_seen=sum(1 for m in members if m.outcome == "kejadian"),
                reports=int(reports),
                per_desa={
                    self.desa_name(d): (r[0], r[1])
                    for d, r in sorted(per_desa.items(), key=lambda kv: -sum(kv[1][:2]))
                },
            )

        return await self.db.run(read)


@dataclass(frozen=True)
class PatrolStats:
    """Figures over a period (see PatrolService.stats)."""

    days: int
    held: int
    missed: int
    cancelled: int
    expected_checkins: int
    checkins: int
    on_time: int
    median_late: float | None
    incidents_seen: int
    reports: int
    per_desa: dict[str, tuple[int, int]]


def _button(text: str, data: str) -> dict[str, str]:
    return {"text": text, "callback_data": data}
