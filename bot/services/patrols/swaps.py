"""Swaps: a member asks that someone take their shift; the desa's other watch members who are
free at that time are offered it, and the first who may still take it gets it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from bot.services.patrols import messages
from bot.services.patrols.roster import overlaps
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import SwapResult
from bot.services.users import display_names
from storage import patrols as store
from storage import queries
from storage.models import ShiftStatus
from storage.models import SwapStatus

# Who is offered a swap: the desa's watch members of this long before and after now.
POOL_WINDOW = dt.timedelta(weeks=4)


async def ask(shared: Shared, user_id: int, shift_id: int, now: dt.datetime) -> SwapResult:
    """A member asks that someone take their place: the desa's other watch members who are
    free at that time hear it with a button to take it (nobody free: the requester is told)."""
    result = await shared.db.write(_ask, shared, user_id, shift_id, now)
    shared.delivery.wake()
    return result


def _ask(
    session: Session, shared: Shared, user_id: int, shift_id: int, now: dt.datetime
) -> SwapResult:
    shift = store.shift(session, shift_id=shift_id)
    if shift is None:
        return SwapResult("ronda.gone", False)
    view = shared.view(session, shift)
    if user_id not in dict(view.members):
        return SwapResult("ronda.not_member", False, shift=view)
    if shift.status is not ShiftStatus.PLANNED or shift.starts_at <= now:
        return SwapResult("ronda.swap_too_late", False, shift=view)
    existing = store.open_swap(session, shift_id=shift_id, requested_by=user_id)
    if existing is not None:
        return SwapResult("ronda.swap_already", False, swap_id=existing.id, shift=view)
    # Who can take it: the desa's watch members of the last and next four weeks who may
    # still stand watch there, except those already on this shift and those on a shift of
    # their own at that time (their "Saya gantikan" would only be refused).
    pool = store.watched_in(
        session, desa_id=shift.desa_id, since=now - POOL_WINDOW, until=now + POOL_WINDOW
    ) - set(dict(view.members))
    eligible = shared.eligible(session, pool, shift.desa_id)
    busy = {
        member
        for member, _ in overlaps(
            session, {member: [(shift.starts_at, shift.ends_at)] for member in eligible}
        )
    }
    candidates = sorted(eligible - busy)
    if not candidates:
        # Nobody to ask: no request is left open, so asking again later looks afresh.
        key = "ronda.swap_nobody_free" if busy else "ronda.swap_asked_nobody"
        return SwapResult(key, False, {"n": 0}, shift=view)
    swap_id = store.add_swap(session, shift_id=shift_id, requested_by=user_id)
    name = display_names(session, [user_id]).get(user_id, str(user_id))
    shared.tell(
        session,
        view,
        candidates,
        "ronda.swap_offer",
        markup=lambda lang, _: messages.take_buttons(lang, swap_id),
        ref=f"swap:{swap_id}",
        name=name,
    )
    queries.add_audit(
        session,
        "patrol.swap_ask",
        actor_id=user_id,
        target=f"shift:{shift_id}",
        details=f"swap={swap_id} offered_to={len(candidates)} busy={len(busy)}",
    )
    return SwapResult("ronda.swap_asked", True, {"n": len(candidates)}, swap_id=swap_id, shift=view)


async def take(
    shared: Shared, user_id: int, swap_id: int, lang: str, now: dt.datetime
) -> SwapResult:
    """Take someone's shift: first come, first served; the koordinator sees the change."""
    result = await shared.db.write(_take, shared, user_id, swap_id, lang, now)
    shared.delivery.wake()
    return result


def _take(
    session: Session, shared: Shared, user_id: int, swap_id: int, lang: str, now: dt.datetime
) -> SwapResult:
    swap = store.swap(session, swap_id=swap_id)
    shift = None if swap is None else store.shift(session, shift_id=swap.shift_id)
    if swap is None or shift is None:
        return SwapResult("ronda.gone", False)
    view = shared.view(session, shift)
    if swap.status is not SwapStatus.OPEN:
        return SwapResult("ronda.swap_taken", False, shift=view)
    if shift.status is not ShiftStatus.PLANNED or shift.starts_at <= now:
        return SwapResult("ronda.swap_too_late", False, shift=view)
    if user_id in dict(view.members):
        return SwapResult("ronda.swap_own", False, shift=view)
    if user_id not in shared.eligible(session, [user_id], shift.desa_id):
        return SwapResult("ronda.swap_not_eligible", False, {"desa": view.desa}, shift=view)
    conflicts = overlaps(session, {user_id: [(shift.starts_at, shift.ends_at)]})
    if conflicts:
        other = conflicts[0][1]
        when = shared.when(lang, other.starts_at, other.ends_at)
        return SwapResult("ronda.swap_overlap", False, {"when": when}, shift=view)
    if not store.claim_swap(session, swap_id=swap_id, taken_by=user_id, now=now):
        return SwapResult("ronda.swap_taken", False, shift=view)
    giver = swap.requested_by
    if not store.move_member(
        session, shift_id=shift.id or 0, from_user=giver, to_user=user_id, now=now
    ):
        # The requester left the shift meanwhile (a koordinator's change): nothing to take.
        session.rollback()
        return SwapResult("ronda.swap_taken", False, shift=view)
    view = shared.view(session, shift)
    names = display_names(session, [giver, user_id])
    values: dict[str, Any] = {
        "giver": names.get(giver, str(giver)),
        "taker": names.get(user_id, str(user_id)),
    }
    koordinators = [
        k
        for k in shared.koordinators(session, shift.desa_id, shift.created_by)
        if k not in (user_id, giver)
    ]
    ref = f"swap:{swap_id}"
    shared.tell(session, view, [giver], "ronda.swap_done_giver", ref=ref, **values)
    shared.tell(session, view, koordinators, "ronda.swap_done_koordinator", ref=ref, **values)
    queries.add_audit(
        session,
        "patrol.swap_take",
        actor_id=user_id,
        target=f"shift:{shift.id}",
        details=f"swap={swap_id} from={giver}",
    )
    return SwapResult("ronda.swap_took", True, swap_id=swap_id, shift=view)
