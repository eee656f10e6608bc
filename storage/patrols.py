"""Query functions of patrols (bot/services/patrols): posts, schedules, shifts, their members
and swaps. Each takes the caller's session; a `claim_*` is a conditional update that says
whether this caller got it (False: another process or an earlier run was first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import Update
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import HomeArea
from storage.models import PatrolPost
from storage.models import PatrolSchedule
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import PatrolSwap
from storage.models import Report
from storage.models import RondaVolunteer
from storage.models import ShiftStatus
from storage.models import SwapStatus
from storage.models import VolunteerStatus

# The columns the moments of a shift need (see `pending_rows`).
MOMENT_COLUMNS = (
    col(PatrolShift.id),
    col(PatrolShift.status),
    col(PatrolShift.starts_at),
    col(PatrolShift.ends_at),
    col(PatrolShift.reminded_at),
    col(PatrolShift.started_at),
    col(PatrolShift.alarm_at),
    col(PatrolShift.ended_at),
)


# --- posts -------------------------------------------------------------------------------------


def post(session: Session, *, post_id: int) -> PatrolPost | None:
    """One pos ronda."""
    return session.get(PatrolPost, post_id)


def posts_of(session: Session, *, desa_id: int) -> list[PatrolPost]:
    """The desa's pos ronda, by name."""
    query = select(PatrolPost).where(PatrolPost.desa_id == desa_id).order_by(col(PatrolPost.name))
    return list(session.exec(query))


def post_names(session: Session, *, post_ids: Collection[int]) -> dict[int, str]:
    """The names of these pos ronda, by id."""
    if not post_ids:
        return {}
    query = select(PatrolPost).where(col(PatrolPost.id).in_(list(post_ids)))
    return {p.id or 0: p.name for p in session.exec(query)}


def post_named(session: Session, *, desa_id: int, name: str) -> PatrolPost | None:
    """The desa's pos of this name (any case). Compared in Python: SQLite's lower() folds only
    A-Z, so "Pos Ümbul" was not found again and inserting it twice broke the unique name."""
    key = name.casefold()
    posts = session.exec(select(PatrolPost).where(PatrolPost.desa_id == desa_id))
    return next((post for post in posts if post.name.casefold() == key), None)


# --- who lives where ---------------------------------------------------------------------------


def home_of(session: Session, *, user_id: int) -> int | None:
    """Someone's home desa."""
    home = session.get(HomeArea, user_id)
    return None if home is None else home.area_id


# --- volunteers (/ikutronda) -------------------------------------------------------------------


def volunteers_in(
    session: Session, *, desa_id: int, user_ids: Collection[int] | None = None
) -> set[int]:
    """The desa's accepted volunteers (those of `user_ids`, when given)."""
    query = select(RondaVolunteer.user_id).where(
        RondaVolunteer.desa_id == desa_id, RondaVolunteer.status == VolunteerStatus.ACCEPTED
    )
    if user_ids is not None:
        if not user_ids:
            return set()
        query = query.where(col(RondaVolunteer.user_id).in_(list(user_ids)))
    return set(session.exec(query))


def volunteer(session: Session, *, user_id: int, desa_id: int) -> RondaVolunteer | None:
    """Someone's offer to stand watch in the desa, whatever became of it."""
    query = select(RondaVolunteer).where(
        RondaVolunteer.user_id == user_id, RondaVolunteer.desa_id == desa_id
    )
    return session.exec(query).first()


def current_offers(session: Session, *, user_id: int) -> list[RondaVolunteer]:
    """Someone's accepted or waiting offers, in any desa."""
    query = select(RondaVolunteer).where(
        RondaVolunteer.user_id == user_id,
        col(RondaVolunteer.status).in_([VolunteerStatus.ACCEPTED, VolunteerStatus.PENDING]),
    )
    return list(session.exec(query))


def volunteer_by_id(session: Session, *, volunteer_id: int) -> RondaVolunteer | None:
    """One offer to stand watch."""
    return session.get(RondaVolunteer, volunteer_id)


def add_volunteer(
    session: Session, *, user_id: int, desa_id: int, now: dt.datetime
) -> RondaVolunteer | None:
    """A new pending offer; None when the person has a row for the desa already (another
    transaction made it meanwhile: a savepoint, so the caller's own changes go through)."""
    row = RondaVolunteer(user_id=user_id, desa_id=desa_id, requested_at=now)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    return row


def move_volunteer(
    session: Session,
    *,
    volunteer_id: int,
    before: Collection[VolunteerStatus],
    after: VolunteerStatus,
    now: dt.datetime,
    decided_by: int | None = None,
) -> bool:
    """Move an offer from one of the `before` statuses to `after` (PENDING: asked again, at
    `now`); False when it is in none of them any more (someone else was first)."""
    values: dict[str, Any] = {"status": after, "decided_by": decided_by, "decided_at": now}
    if after is VolunteerStatus.PENDING:
        values = {"status": after, "requested_at": now, "decided_by": None, "decided_at": None}
    statement = (
        update(RondaVolunteer)
        .where(
            col(RondaVolunteer.id) == volunteer_id,
            col(RondaVolunteer.status).in_(list(before)),
        )
        .values(values)
    )
    changed = _changed_one(session, statement)
    if changed:
        row = session.get(RondaVolunteer, volunteer_id)
        if row is not None:
            session.refresh(row)
    return changed


def volunteers_of(
    session: Session, *, desa_id: int, statuses: Collection[VolunteerStatus]
) -> list[RondaVolunteer]:
    """The desa's offers in these statuses, oldest request first."""
    query = (
        select(RondaVolunteer)
        .where(RondaVolunteer.desa_id == desa_id, col(RondaVolunteer.status).in_(list(statuses)))
        .order_by(col(RondaVolunteer.requested_at), col(RondaVolunteer.id))
    )
    return list(session.exec(query))


def volunteer_counts(
    session: Session, *, desa_ids: Collection[int] | None
) -> dict[VolunteerStatus, set[int]]:
    """The people with an accepted and with a pending offer in these desa (None: anywhere)."""
    query = select(RondaVolunteer.user_id, RondaVolunteer.status).where(
        col(RondaVolunteer.status).in_([VolunteerStatus.ACCEPTED, VolunteerStatus.PENDING])
    )
    if desa_ids is not None:
        query = query.where(col(RondaVolunteer.desa_id).in_(list(desa_ids)))
    found: dict[VolunteerStatus, set[int]] = {
        VolunteerStatus.ACCEPTED: set(),
        VolunteerStatus.PENDING: set(),
    }
    for user_id, status in session.exec(query):
        found[VolunteerStatus(status)].add(user_id)
    return found


def coming_places(
    session: Session, *, user_id: int, desa_id: int, now: dt.datetime
) -> list[tuple[PatrolShiftMember, PatrolShift]]:
    """Someone's places on the desa's planned shifts that have not started yet, soonest first."""
    query = (
        select(PatrolShiftMember, PatrolShift)
        .join(PatrolShift, col(PatrolShift.id) == PatrolShiftMember.shift_id)
        .where(
            PatrolShiftMember.user_id == user_id,
            PatrolShift.desa_id == desa_id,
            PatrolShift.status == ShiftStatus.PLANNED,
            col(PatrolShift.starts_at) > now,
        )
        .order_by(col(PatrolShift.starts_at))
    )
    return [(member, shift) for member, shift in session.exec(query)]


# --- schedules and shifts ----------------------------------------------------------------------


def add_schedule(session: Session, *, schedule: PatrolSchedule) -> int:
    """Store a schedule; its id."""
    session.add(schedule)
    session.flush()
    return schedule.id or 0


def add_shifts(
    session: Session, *, shifts: Sequence[PatrolShift], teams: Sequence[Sequence[int]]
) -> None:
    """Store shifts and each one's team (their ids are set)."""
    session.add_all(shifts)
    session.flush()
    session.add_all(
        PatrolShiftMember(shift_id=shift.id or 0, user_id=user_id)
        for shift, team in zip(shifts, teams, strict=True)
        for user_id in team
    )


def shift(session: Session, *, shift_id: int) -> PatrolShift | None:
    """One shift."""
    return session.get(PatrolShift, shift_id)


def save_shift(session: Session, *, shift: PatrolShift) -> None:
    """Write a changed shift now (its messages and audit follow in the same transaction)."""
    session.add(shift)
    session.flush()


def upcoming_for(
    session: Session, *, user_id: int, now: dt.datetime, limit: int
) -> Sequence[PatrolShift]:
    """A member's planned shifts that have not ended, soonest first."""
    query = (
        select(PatrolShift)
        .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
        .where(
            PatrolShiftMember.user_id == user_id,
            PatrolShift.status == ShiftStatus.PLANNED,
            col(PatrolShift.ends_at) > now,
        )
        .order_by(col(PatrolShift.starts_at))
        .limit(limit)
    )
    return session.exec(query).all()


def starting_between(
    session: Session, *, desa_id: int, start: dt.datetime, end: dt.datetime
) -> Sequence[PatrolShift]:
    """The desa's shifts (any status) starting in [start, end), in order."""
    query = (
        select(PatrolShift)
        .where(
            PatrolShift.desa_id == desa_id,
            col(PatrolShift.starts_at) >= start,
            col(PatrolShift.starts_at) < end,
        )
        .order_by(col(PatrolShift.starts_at), col(PatrolShift.id))
    )
    return session.exec(query).all()


def desas_watched_by(session: Session, *, user_id: int) -> list[int]:
    """The desa where someone has (had) shifts."""
    query = (
        select(PatrolShift.desa_id)
        .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
        .where(PatrolShiftMember.user_id == user_id)
        .distinct()
    )
    return list(session.exec(query))


def open_shift_of(
    session: Session, *, user_id: int, now: dt.datetime, early: dt.timedelta
) -> PatrolShift | None:
    """The member's first planned shift that has not ended and starts within `early`."""
    query = (
        select(PatrolShift)
        .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == PatrolShift.id)
        .where(
            PatrolShiftMember.user_id == user_id,
            PatrolShift.status == ShiftStatus.PLANNED,
            col(PatrolShift.starts_at) <= now + early,
            col(PatrolShift.ends_at) > now,
        )
        .order_by(col(PatrolShift.starts_at))
    )
    return session.exec(query).first()


def overlapping(
    session: Session, *, user_ids: Collection[int], low: dt.datetime, high: dt.datetime
) -> Sequence[tuple[int, PatrolShift]]:
    """(member, shift) of these people's planned shifts that overlap [low, high)."""
    query = (
        select(PatrolShiftMember.user_id, PatrolShift)
        .join(PatrolShift, col(PatrolShift.id) == PatrolShiftMember.shift_id)
        .where(
            col(PatrolShiftMember.user_id).in_(list(user_ids)),
            PatrolShift.status == ShiftStatus.PLANNED,
            col(PatrolShift.starts_at) < high,
            col(PatrolShift.ends_at) > low,
        )
    )
    return session.exec(query).all()


def pending_rows(session: Session, *, starting_before: dt.datetime | None) -> Iterable[Any]:
    """Rows (MOMENT_COLUMNS) of the planned shifts, starting before the given time if any.

    Plain rows, not ORM objects: 10,000 full objects took most of the start-up time
    (bench/patrols.py)."""
    query = sa_select(*MOMENT_COLUMNS).where(col(PatrolShift.status) == ShiftStatus.PLANNED)
    if starting_before is not None:
        query = query.where(col(PatrolShift.starts_at) < starting_before)
    return session.execute(query)


def claim_moment(
    session: Session, *, shift_id: int, stamp: str, version: int, now: dt.datetime
) -> bool:
    """Stamp a moment of the shift as handled, if it is not and the shift is still `version`."""
    statement = (
        update(PatrolShift)
        .where(
            col(PatrolShift.id) == shift_id,
            col(getattr(PatrolShift, stamp)).is_(None),
            col(PatrolShift.version) == version,
        )
        .values({stamp: now})
    )
    return _changed_one(session, statement)


def ended_or_started(
    session: Session, *, since: dt.datetime, now: dt.datetime, desa_ids: Collection[int] | None
) -> Sequence[PatrolShift]:
    """Shifts starting after `since` that ended (held or missed) or began already."""
    query = select(PatrolShift).where(
        col(PatrolShift.starts_at) >= since,
        or_(
            col(PatrolShift.status).in_([ShiftStatus.HELD, ShiftStatus.MISSED]),
            col(PatrolShift.starts_at) < now,
        ),
    )
    if desa_ids is not None:
        query = query.where(col(PatrolShift.desa_id).in_(list(desa_ids)))
    return session.exec(query).all()


def patrol_reports_since(
    session: Session, *, since: dt.datetime, desa_ids: Collection[int] | None
) -> int:
    """How many reports were made from a patrol since `since`."""
    query = (
        select(func.count())
        .select_from(Report)
        .where(Report.source == "ronda", col(Report.created_at) >= since)
    )
    if desa_ids is not None:
        query = query.where(col(Report.desa_id).in_(list(desa_ids)))
    return int(session.exec(query).one())


# --- members -----------------------------------------------------------------------------------


def members_of(session: Session, *, shift_ids: Collection[int]) -> list[PatrolShiftMember]:
    """The members of these shifts, in the order they were added."""
    if not shift_ids:
        return []
    query = (
        select(PatrolShiftMember)
        .where(col(PatrolShiftMember.shift_id).in_(list(shift_ids)))
        .order_by(col(PatrolShiftMember.id))
    )
    return list(session.exec(query))


def member(session: Session, *, shift_id: int, user_id: int) -> PatrolShiftMember | None:
    """Someone's place on a shift."""
    query = select(PatrolShiftMember).where(
        PatrolShiftMember.shift_id == shift_id, PatrolShiftMember.user_id == user_id
    )
    return session.exec(query).first()


def add_members(session: Session, *, shift_id: int, user_ids: Iterable[int]) -> None:
    """Put people on a shift."""
    session.add_all(PatrolShiftMember(shift_id=shift_id, user_id=u) for u in user_ids)


def remove_members(session: Session, *, members: Iterable[PatrolShiftMember]) -> None:
    """Take people off a shift."""
    for each in members:
        session.delete(each)
    session.flush()


def claim_check_in(
    session: Session,
    *,
    member_id: int,
    now: dt.datetime,
    latitude: float | None,
    longitude: float | None,
) -> bool:
    """Record a check-in, unless one was recorded already."""
    statement = (
        update(PatrolShiftMember)
        .where(
            col(PatrolShiftMember.id) == member_id,
            col(PatrolShiftMember.checked_in_at).is_(None),
        )
        .values(checked_in_at=now, latitude=latitude, longitude=longitude)
    )
    return _changed_one(session, statement)


def watched_in(
    session: Session, *, desa_id: int, since: dt.datetime, until: dt.datetime
) -> set[int]:
    """Everyone on a shift of the desa starting between `since` and `until`."""
    query = (
        select(PatrolShiftMember.user_id)
        .join(PatrolShift, col(PatrolShift.id) == PatrolShiftMember.shift_id)
        .where(
            PatrolShift.desa_id == desa_id,
            col(PatrolShift.starts_at) > since,
            col(PatrolShift.starts_at) < until,
        )
        .distinct()
    )
    return set(session.exec(query))


def move_member(
    session: Session, *, shift_id: int, from_user: int, to_user: int, now: dt.datetime
) -> bool:
    """Give someone's place on a shift to another (False: they are not on it any more)."""
    statement = (
        update(PatrolShiftMember)
        .where(
            col(PatrolShiftMember.shift_id) == shift_id,
            col(PatrolShiftMember.user_id) == from_user,
        )
        .values(user_id=to_user, added_at=now)
    )
    return _changed_one(session, statement)


# --- swaps -------------------------------------------------------------------------------------


def swap(session: Session, *, swap_id: int) -> PatrolSwap | None:
    """One swap request."""
    return session.get(PatrolSwap, swap_id)


def open_swap(session: Session, *, shift_id: int, requested_by: int) -> PatrolSwap | None:
    """The member's open request to swap the shift."""
    query = select(PatrolSwap).where(
        PatrolSwap.shift_id == shift_id,
        PatrolSwap.requested_by == requested_by,
        PatrolSwap.status == SwapStatus.OPEN,
    )
    return session.exec(query).first()


def add_swap(session: Session, *, shift_id: int, requested_by: int) -> int:
    """A new open swap request; its id."""
    request = PatrolSwap(shift_id=shift_id, requested_by=requested_by)
    session.add(request)
    session.flush()
    return request.id or 0


def claim_swap(session: Session, *, swap_id: int, taken_by: int, now: dt.datetime) -> bool:
    """Take an open swap (False: someone was quicker)."""
    statement = (
        update(PatrolSwap)
        .where(col(PatrolSwap.id) == swap_id, col(PatrolSwap.status) == SwapStatus.OPEN)
        .values(status=SwapStatus.TAKEN, taken_by=taken_by, decided_at=now)
    )
    return _changed_one(session, statement)


def _changed_one(session: Session, statement: Update) -> bool:
    """Run a conditional update; whether it changed exactly one row."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount == 1


def ended_counts(
    session: Session, *, desa_ids: Collection[int], since: dt.datetime, now: dt.datetime
) -> dict[tuple[int, str], int]:
    """(desa id, held|missed) -> how many shifts of these desa ended between `since` and `now`
    (kondisi wilayah, bot/services/kondisi)."""
    rows = session.exec(
        select(PatrolShift.desa_id, PatrolShift.status, func.count())
        .where(
            col(PatrolShift.desa_id).in_(list(desa_ids)),
            col(PatrolShift.status).in_([ShiftStatus.HELD, ShiftStatus.MISSED]),
            col(PatrolShift.ends_at) >= since,
            col(PatrolShift.ends_at) <= now,
        )
        .group_by(col(PatrolShift.desa_id), col(PatrolShift.status))
    ).all()
    return {(int(desa_id), str(status)): int(count) for desa_id, status, count in rows}
