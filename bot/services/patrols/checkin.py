"""Check-in (by the button or a shared location) and check-out, and the window in which a
member may check in."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from bot.services.geo import km_between
from bot.services.geo import too_far_outside
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import CHECKIN_EARLY
from bot.services.patrols.types import CheckIn
from bot.services.patrols.types import CheckInResult
from bot.services.patrols.types import ShiftView
from storage import patrols as store
from storage.models import PatrolShift
from storage.models import ShiftStatus


def check_in_open(shift: ShiftView, now: dt.datetime) -> bool:
    """Whether members may check in to the shift now: from CHECKIN_EARLY before its start to
    its end."""
    return shift.starts_at - CHECKIN_EARLY <= now < shift.ends_at


async def check_in(
    shared: Shared,
    user_id: int,
    shift_id: int | None,
    latitude: float | None,
    longitude: float | None,
    now: dt.datetime,
) -> CheckInResult:
    """Check a member in: by the button (`shift_id`), or by a shared location (None: their
    shift that is open now)."""

    def write(session: Session) -> CheckInResult:
        shift = (
            store.shift(session, shift_id=shift_id)
            if shift_id is not None
            else store.open_shift_of(session, user_id=user_id, now=now, early=CHECKIN_EARLY)
        )
        if shift is None:
            return CheckInResult(CheckIn.NOT_MEMBER)
        member = store.member(session, shift_id=shift.id or 0, user_id=user_id)
        view = shared.view(session, shift)
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
            km = _km_away(shared, session, shift, latitude, longitude)
            if km is not None:
                return CheckInResult(CheckIn.FAR, view, km=km)
        claimed = store.claim_check_in(
            session, member_id=member.id or 0, now=now, latitude=latitude, longitude=longitude
        )
        if not claimed:
            return CheckInResult(CheckIn.ALREADY, view)
        late = max(0, int((now - shift.starts_at).total_seconds() // 60))
        return CheckInResult(CheckIn.DONE, shared.view(session, shift), late_minutes=late)

    result = await shared.db.write(write)
    shared.delivery.wake()
    return result


def _km_away(
    shared: Shared, session: Session, shift: PatrolShift, latitude: float, longitude: float
) -> float | None:
    """How far a shared location is from where the watch is (None: near enough)."""
    settings = shared.settings
    post = store.post(session, post_id=shift.post_id) if shift.post_id else None
    if post is not None and post.latitude is not None and post.longitude is not None:
        km = km_between(post.latitude, post.longitude, latitude, longitude)
        return km if km > settings.radius_km else None
    return too_far_outside(settings.bounds, latitude, longitude)


async def check_out(
    shared: Shared, user_id: int, shift_id: int, outcome: str, now: dt.datetime
) -> tuple[str, ShiftView | None]:
    """Record how the watch went ("aman" or "kejadian"). Returns the answer's text key and
    the shift."""

    def write(session: Session) -> tuple[str, ShiftView | None]:
        shift = store.shift(session, shift_id=shift_id)
        if shift is None:
            return "ronda.gone", None
        member = store.member(session, shift_id=shift_id, user_id=user_id)
        view = shared.view(session, shift)
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

    return await shared.db.write(write)
