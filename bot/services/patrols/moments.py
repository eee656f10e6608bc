"""The moments of a shift, each handled once: the reminder (`remind_minutes` before the start),
the start, the alarm to the koordinator when nobody checked in `grace_minutes` after the start,
and the end (held or missed; checked-in members are asked how it went).

`next_moment` says when the next one is due; the JobQueue runs `advance` then. Every moment is
a conditional update of its stamp plus its messages in one transaction (a transactional
outbox), so a restart, a second process or a late job never handles it twice. A member who may
no longer stand watch in the desa is dropped at the reminder, and the koordinator is told.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlmodel import Session

from bot.services.patrols import messages
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import PatrolSettings
from bot.services.users import display_names
from bot.texts import t
from storage import patrols as store
from storage import queries
from storage.models import PatrolShift
from storage.models import ShiftStatus
from storage.models import utcnow


class Moment(enum.StrEnum):
    """The moments of a shift, in order."""

    REMIND = "remind"
    START = "start"
    ALARM = "alarm"
    END = "end"


# The column that records each moment as handled.
STAMP = {
    Moment.REMIND: "reminded_at",
    Moment.START: "started_at",
    Moment.ALARM: "alarm_at",
    Moment.END: "ended_at",
}


def moments(settings: PatrolSettings, shift: Any) -> list[tuple[Moment, dt.datetime]]:
    """The moments still to handle, with when each is due (of a PatrolShift, or of a row
    with its status, times and stamps)."""
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
    return [(m, at) for m, at in due.items() if getattr(shift, STAMP[m]) is None]


def next_moment(settings: PatrolSettings, shift: Any) -> dt.datetime | None:
    """When the shift next needs the bot (None: never again)."""
    if shift.status is not ShiftStatus.PLANNED:
        return None
    pending = moments(settings, shift)
    return min(at for _, at in pending) if pending else None


async def pending(shared: Shared, until: dt.datetime | None) -> list[tuple[int, dt.datetime]]:
    """(shift id, next moment) of every shift that still needs the bot, with a moment before
    `until` (None: ever): the JobQueue is built from this."""
    settings = shared.settings
    # No moment comes earlier than the reminder.
    lead = dt.timedelta(minutes=settings.remind_minutes)

    def read(session: Session) -> list[tuple[int, dt.datetime]]:
        rows = store.pending_rows(session, starting_before=None if until is None else until + lead)
        found = []
        for row in rows:
            due = next_moment(settings, row)
            if due is not None and (until is None or due < until):
                found.append((row.id or 0, due))
        return found

    return await shared.db.run(read)


async def advance(shared: Shared, shift_id: int, now: dt.datetime) -> dt.datetime | None:
    """Handle every moment of the shift that is due; return when the next one is."""
    result = await shared.db.write(_advance, shared, shift_id, now)
    shared.delivery.wake()
    return result


def _advance(
    session: Session, shared: Shared, shift_id: int, now: dt.datetime
) -> dt.datetime | None:
    settings = shared.settings
    shift = store.shift(session, shift_id=shift_id)
    if shift is None or shift.status is not ShiftStatus.PLANNED:
        return None
    for moment, due in moments(settings, shift):
        if due > now:
            break
        claimed = store.claim_moment(
            session, shift_id=shift_id, stamp=STAMP[moment], version=shift.version, now=now
        )
        if not claimed:
            # Another process (or an earlier run) handled it: its messages are out.
            session.rollback()
            shift = store.shift(session, shift_id=shift_id)
            return None if shift is None else next_moment(settings, shift)
        setattr(shift, STAMP[moment], now)
        if moment is Moment.REMIND and now < shift.starts_at:
            _remind(shared, session, shift, now)
        elif moment is Moment.START and now < shift.ends_at:
            _start(shared, session, shift)
        elif moment is Moment.ALARM and now < shift.ends_at:
            _alarm(shared, session, shift)
        elif moment is Moment.END:
            _end(shared, session, shift)
    session.flush()
    session.expire(shift)
    shift = store.shift(session, shift_id=shift_id)
    return None if shift is None else next_moment(settings, shift)


def _remind(shared: Shared, session: Session, shift: PatrolShift, now: dt.datetime) -> None:
    members = store.members_of(session, shift_ids=[shift.id or 0])
    allowed = shared.eligible(session, [m.user_id for m in members], shift.desa_id)
    dropped = [m for m in members if m.user_id not in allowed]
    if dropped:
        store.remove_members(session, members=dropped)
        _tell_dropped(shared, session, shift, [m.user_id for m in dropped])
    view = shared.view(session, shift)
    languages = shared.languages(session, [uid for uid, _ in view.members])
    minutes = max(1, round((shift.starts_at - now).total_seconds() / 60))
    for user_id, _ in view.members:
        lang = languages[user_id]
        others = [n for uid, n in view.members if uid != user_id]
        text = t(
            lang,
            "ronda.reminder",
            minutes=minutes,
            when=shared.when(lang, shift.starts_at, shift.ends_at),
            where=messages.where(lang, view),
            others=", ".join(others) or t(lang, "ronda.alone"),
        )
        shared.send(
            session, user_id, text, messages.reminder_buttons(lang, view), f"shift:{shift.id}"
        )


def _tell_dropped(
    shared: Shared, session: Session, shift: PatrolShift, user_ids: list[int]
) -> None:
    names = display_names(session, user_ids)
    koordinators = shared.koordinators(session, shift.desa_id, shift.created_by)
    shared.tell(
        session,
        shared.view(session, shift),
        koordinators,
        "ronda.dropped_koordinator",
        names=", ".join(names.get(u, str(u)) for u in user_ids),
    )
    queries.add_audit(
        session,
        "patrol.member_dropped",
        target=f"shift:{shift.id}",
        details=f"users={user_ids} reason=no_role",
    )


def _start(shared: Shared, session: Session, shift: PatrolShift) -> None:
    view = shared.view(session, shift)
    waiting = [uid for uid, _ in view.members if uid not in view.checked_in]
    shared.tell(session, view, waiting, "ronda.started", markup=messages.start_buttons)


def _alarm(shared: Shared, session: Session, shift: PatrolShift) -> None:
    view = shared.view(session, shift)
    if view.checked_in:
        return
    shared.tell(
        session,
        view,
        shared.koordinators(session, shift.desa_id, shift.created_by),
        "ronda.alarm",
        minutes=shared.settings.grace_minutes,
        members=", ".join(n for _, n in view.members) or "—",
    )


def _end(shared: Shared, session: Session, shift: PatrolShift) -> None:
    view = shared.view(session, shift)
    shift.status = ShiftStatus.HELD if view.checked_in else ShiftStatus.MISSED
    shift.updated_at = utcnow()
    session.add(shift)
    waiting = [uid for uid in view.checked_in if uid not in view.checked_out]
    shared.tell(session, view, waiting, "ronda.ended", markup=messages.end_buttons)
