"""Rosters: pos ronda, who may be named on a shift, overlaps, and storing a schedule with all
its shifts (or refusing the whole of it)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from collections.abc import Sequence

from sqlmodel import Session

from bot.services.geo import too_far_outside
from bot.services.patrols import messages
from bot.services.patrols.moments import next_moment
from bot.services.patrols.parsing import clock
from bot.services.patrols.people import MemberRef
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import MAX_TEAM_SIZE
from bot.services.patrols.types import MAX_TEAMS
from bot.services.patrols.types import POST_NAME_LIMIT
from bot.services.patrols.types import Created
from bot.services.patrols.types import PatrolError
from bot.services.patrols.types import SchedulePlan
from bot.services.users import display_names
from bot.texts import t
from storage import patrols as store
from storage import queries
from storage.models import PatrolPost
from storage.models import PatrolSchedule
from storage.models import PatrolShift
from storage.models import User
from storage.models import utcnow

Window = tuple[dt.datetime, dt.datetime]


# -- posts -----------------------------------------------------------------------------------------


async def posts(shared: Shared, desa_id: int) -> list[PatrolPost]:
    """The desa's pos ronda, by name."""
    return await shared.db.run(lambda session: store.posts_of(session, desa_id=desa_id))


async def add_post(
    shared: Shared,
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
    if latitude is not None:
        far = too_far_outside(shared.settings.bounds, latitude, longitude or 0.0)
        if far is not None:
            raise PatrolError("ronda.post_far", km=f"{far:.0f}")

    def write(session: Session) -> PatrolPost:
        post = store.post_named(session, desa_id=desa_id, name=name)
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

    return await shared.db.run(write)


# -- who is named ----------------------------------------------------------------------------------


def resolve_members(
    session: Session, names: Sequence[MemberRef]
) -> tuple[dict[MemberRef, int], list[MemberRef]]:
    """Usernames (or typed ids) and Telegram ids to user ids of people the bot knows; and the
    unknown ones."""
    found: dict[MemberRef, int] = {}
    unknown: list[MemberRef] = []
    for name in names:
        if isinstance(name, int):
            user = session.get(User, name)
        elif name.isdigit():
            user = session.get(User, int(name))
        else:
            user = queries.user_by_username(session, name)
        if user is None:
            unknown.append(name)
        else:
            found[name] = user.id
    return found, unknown


def members_for(
    shared: Shared,
    session: Session,
    names: Sequence[MemberRef],
    desa_id: int,
    shown: Mapping[int, str] | None = None,
) -> dict[MemberRef, int]:
    """Typed names and Telegram ids to the user ids of people who may stand watch in the desa;
    refuses (PatrolError) unknown people and people who may not. `shown` names the ids the bot
    may not know (a text mention's text, a forward's sender)."""
    found, unknown = resolve_members(session, names)
    if unknown:
        shown = shown or {}
        labels = [
            shown.get(n) or str(n) if isinstance(n, int) else "@" + n
            for n in dict.fromkeys(unknown)
        ]
        # Someone named by Telegram (not typed) is asked to press Mulai; typed names as before.
        key = (
            "pick.unknown_people"
            if any(isinstance(n, int) for n in unknown)
            else "ronda.unknown_members"
        )
        raise PatrolError(key, names=", ".join(labels))
    every = set(found.values())
    not_allowed = every - shared.eligible(session, every, desa_id)
    if not_allowed:
        labels_of = display_names(session, sorted(not_allowed))
        raise PatrolError(
            "ronda.not_eligible",
            names=", ".join(labels_of.get(i, str(i)) for i in sorted(not_allowed)),
            desa=shared.desa_name(desa_id),
        )
    return found


def check_team_sizes(teams: Sequence[Sequence[int]], limit: int | None = None) -> None:
    """Refuse (PatrolError) no team, an empty team, too many teams or a team too big (over
    `limit`, MAX_TEAM_SIZE unless given), however the people were named."""
    limit = limit or MAX_TEAM_SIZE
    if not teams or not all(teams):
        raise PatrolError("ronda.no_teams")
    if len(teams) > MAX_TEAMS:
        raise PatrolError("ronda.too_many_teams", limit=MAX_TEAMS)
    if any(len(team) > limit for team in teams):
        raise PatrolError("ronda.team_too_big", limit=limit)


async def plan_members(
    shared: Shared,
    desa_id: int,
    teams: Sequence[Sequence[MemberRef]],
    shown: Mapping[int, str] | None = None,
    limit: int | None = None,
) -> tuple[list[list[int]], dict[int, str]]:
    """Resolve teams (typed names or Telegram ids) to user ids and check each may stand watch in
    the desa (`limit` people a team at most: MAX_TEAM_SIZE unless given); the teams, and
    everyone's display name."""

    def read(session: Session) -> tuple[list[list[int]], dict[int, str]]:
        found = members_for(shared, session, [n for team in teams for n in team], desa_id, shown)
        # One person twice in a team: each shift has them once.
        ids = [list(dict.fromkeys(found[n] for n in team)) for team in teams]
        check_team_sizes(ids, limit)
        return ids, display_names(session, sorted(set(found.values())))

    return await shared.db.run(read)


async def watch_members(shared: Shared, desa_id: int) -> list[tuple[int, str]]:
    """The desa's watch members the bot knows, as (user id, display name), by name: those a
    koordinator may pick from a list. (Someone who never opened the bot cannot be told of a
    shift, so is not offered.)"""

    def read(session: Session) -> list[tuple[int, str]]:
        labels = display_names(session, sorted(shared.watch(session, desa_id)))
        return sorted(labels.items(), key=lambda item: (item[1].casefold(), item[0]))

    return await shared.db.run(read)


# -- overlaps --------------------------------------------------------------------------------------


def refuse_overlaps(
    shared: Shared,
    session: Session,
    lang: str,
    wanted: dict[int, list[Window]],
    exclude_shift: int | None = None,
) -> None:
    """Refuse (PatrolError, naming up to five) if a wanted window of a member overlaps one of
    their planned shifts (other than `exclude_shift`)."""
    conflicts = overlaps(session, wanted, exclude_shift)
    if not conflicts:
        return
    names = display_names(session, sorted({u for u, _ in conflicts}))
    lines = []
    for user_id, shift in conflicts[:5]:
        lines.append(
            t(
                lang,
                "ronda.conflict_line",
                name=names.get(user_id, str(user_id)),
                when=shared.when(lang, shift.starts_at, shift.ends_at),
                where=messages.where(lang, shared.view(session, shift)),
            )
        )
    more = len(conflicts) - len(lines)
    raise PatrolError(
        "ronda.overlap",
        lines="\n".join(lines) + (t(lang, "ronda.conflict_more", n=more) if more > 0 else ""),
    )


def overlaps(
    session: Session, wanted: dict[int, list[Window]], exclude_shift: int | None = None
) -> list[tuple[int, PatrolShift]]:
    """(member, their other shift) pairs where a wanted window overlaps a planned shift."""
    if not wanted:
        return []
    low = min(s for windows in wanted.values() for s, _ in windows)
    high = max(e for windows in wanted.values() for _, e in windows)
    found = []
    for user_id, shift in store.overlapping(session, user_ids=list(wanted), low=low, high=high):
        if shift.id == exclude_shift:
            continue
        if any(s < shift.ends_at and e > shift.starts_at for s, e in wanted[user_id]):
            found.append((user_id, shift))
    return found


# -- a new schedule --------------------------------------------------------------------------------


def shift_times(shared: Shared, plan: SchedulePlan, now: dt.datetime) -> list[Window]:
    """The (start, end) of every shift of a plan that has not started yet, in UTC."""
    times = []
    day = plan.first_day
    while day <= plan.last_day:
        if plan.weekdays is None or str(day.weekday()) in plan.weekdays:
            local = dt.datetime.combine(day, dt.time(), shared.tz) + dt.timedelta(
                minutes=plan.start_minute
            )
            start = local.astimezone(dt.UTC)
            if start > now:
                times.append((start, start + dt.timedelta(minutes=plan.duration_minutes)))
        if plan.weekdays is None:
            break
        day += dt.timedelta(days=1)
    return times


async def create(shared: Shared, plan: SchedulePlan, actor_id: int, lang: str) -> Created:
    """Store a schedule and all its shifts, or refuse the whole of it (overlaps)."""
    times = shift_times(shared, plan, utcnow())
    if not times:
        raise PatrolError("ronda.no_shifts")

    def write(session: Session) -> Created:
        teams = plan.teams
        assigned = [teams[i % len(teams)] for i in range(len(times))]
        wanted: dict[int, list[Window]] = {}
        for window, team in zip(times, assigned, strict=True):
            for user_id in team:
                wanted.setdefault(user_id, []).append(window)
        refuse_overlaps(shared, session, lang, wanted)
        schedule_id = None
        if plan.weekdays is not None:
            schedule_id = store.add_schedule(
                session,
                schedule=PatrolSchedule(
                    desa_id=plan.desa_id,
                    post_id=plan.post_id,
                    start_minute=plan.start_minute,
                    duration_minutes=plan.duration_minutes,
                    weekdays=plan.weekdays,
                    teams=json.dumps(teams),
                    first_day=plan.first_day,
                    last_day=plan.last_day,
                    created_by=actor_id,
                ),
            )
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
        store.add_shifts(session, shifts=shifts, teams=assigned)
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
        _tell_assigned(shared, session, shifts, assigned)
        settings = shared.settings
        return Created(
            schedule_id=schedule_id,
            shift_ids=[s.id or 0 for s in shifts],
            first=shifts[0].starts_at,
            due={s.id or 0: d for s in shifts if (d := next_moment(settings, s)) is not None},
        )

    created = await shared.db.write(write)
    shared.delivery.wake()
    return created


def _tell_assigned(
    shared: Shared,
    session: Session,
    shifts: Sequence[PatrolShift],
    teams: Sequence[Sequence[int]],
) -> None:
    """Each member hears once how many shifts they got, and the first one."""
    mine: dict[int, list[PatrolShift]] = {}
    for shift, team in zip(shifts, teams, strict=True):
        for user_id in team:
            mine.setdefault(user_id, []).append(shift)
    for user_id, own in mine.items():
        shared.tell(session, shared.view(session, own[0]), [user_id], "ronda.assigned", n=len(own))
