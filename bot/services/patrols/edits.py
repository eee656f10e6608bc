"""A koordinator's changes to one shift: new hours, new members, calling it off.

Each is one `Change` applied by the one transaction path of `edit`: the shift must still be
editable, the change is made, the shift's version goes up (old buttons and jobs go stale), its
members hear what changed and the audit log records it, all in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlmodel import Session

from bot.services.patrols.moments import next_moment
from bot.services.patrols.parsing import clock
from bot.services.patrols.people import MemberRef
from bot.services.patrols.roster import check_team_sizes
from bot.services.patrols.roster import members_for
from bot.services.patrols.roster import refuse_overlaps
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import PatrolError
from bot.services.patrols.types import ShiftView
from storage import patrols as store
from storage import queries
from storage.models import PatrolShift
from storage.models import ShiftStatus
from storage.models import utcnow


@dataclass
class Change:
    """What a change did: who hears which text (with which values), and the audit's details."""

    details: str = ""
    tell: list[tuple[list[int], str, dict[str, Any]]] = field(default_factory=list)


# Makes the change on the shift (in the session) or refuses it with a PatrolError.
Make = Callable[[Session, PatrolShift, dt.datetime], Change]


def editable(shift: ShiftView | PatrolShift, now: dt.datetime, *, started_ok: bool) -> str | None:
    """Why the shift cannot be changed now (the text's key), or None: it can. Hours and
    members only before it starts; calling it off also while it runs."""
    if shift.status is not ShiftStatus.PLANNED or shift.ends_at <= now:
        return "ronda.not_editable"
    if not started_ok and shift.starts_at <= now:
        return "ronda.already_started"
    return None


async def edit(
    shared: Shared,
    shift_id: int,
    actor_id: int,
    action: str,
    make: Make,
    *,
    started_ok: bool = False,
) -> tuple[ShiftView, dt.datetime | None]:
    """Apply a change to one shift; the shift as it is now, and when it next needs the bot."""
    now = utcnow()

    def write(session: Session) -> tuple[ShiftView, dt.datetime | None]:
        shift = store.shift(session, shift_id=shift_id)
        if shift is None:
            raise PatrolError("ronda.gone")
        refusal = editable(shift, now, started_ok=started_ok)
        if refusal is not None:
            raise PatrolError(refusal)
        change = make(session, shift, now)
        shift.version += 1
        shift.updated_at = now
        store.save_shift(session, shift=shift)
        view = shared.view(session, shift)
        for user_ids, key, values in change.tell:
            shared.tell(session, view, user_ids, key, **values)
        queries.add_audit(
            session, action, actor_id=actor_id, target=f"shift:{shift_id}", details=change.details
        )
        return view, next_moment(shared.settings, shift)

    result = await shared.db.write(write)
    shared.delivery.wake()
    return result


def new_hours(shared: Shared, start_minute: int, duration: int, lang: str) -> Make:
    """Move the shift to new hours on its night; its moments start over."""

    def make(session: Session, shift: PatrolShift, now: dt.datetime) -> Change:
        # "The same night": of the day before, the day itself and the day after, the start
        # nearest the old one (00:30 for a 22:00 shift is the next calendar day).
        day = shared.local(shift.starts_at).date()
        start = min(
            (
                (
                    dt.datetime.combine(day + dt.timedelta(days=d), dt.time(), shared.tz)
                    + dt.timedelta(minutes=start_minute)
                ).astimezone(dt.UTC)
                for d in (-1, 0, 1)
            ),
            key=lambda candidate: abs(candidate - shift.starts_at),
        )
        end = start + dt.timedelta(minutes=duration)
        if start <= now:
            raise PatrolError("ronda.start_past")
        members = [m.user_id for m in store.members_of(session, shift_ids=[shift.id or 0])]
        refuse_overlaps(shared, session, lang, {u: [(start, end)] for u in members}, shift.id)
        before = shared.when(lang, shift.starts_at, shift.ends_at)
        shift.starts_at, shift.ends_at = start, end
        # Every moment is due again.
        shift.reminded_at = shift.started_at = shift.alarm_at = shift.ended_at = None
        return Change(
            details=f"{before} -> {clock(start_minute)}+{duration}m",
            tell=[(members, "ronda.changed_hours", {"before": before})],
        )

    return make


def new_members(
    shared: Shared,
    names: Sequence[MemberRef],
    lang: str,
    shown: Mapping[int, str] | None = None,
) -> Make:
    """Give the shift a new set of members (typed like a team, or Telegram ids)."""

    def make(session: Session, shift: PatrolShift, now: dt.datetime) -> Change:
        found = members_for(shared, session, names, shift.desa_id, shown)
        wanted = list(dict.fromkeys(found[n] for n in names))
        check_team_sizes([wanted])
        window = [(shift.starts_at, shift.ends_at)]
        refuse_overlaps(shared, session, lang, {u: window for u in wanted}, shift.id)
        current = {m.user_id: m for m in store.members_of(session, shift_ids=[shift.id or 0])}
        removed = [u for u in current if u not in wanted]
        added = [u for u in wanted if u not in current]
        store.remove_members(session, members=[current[u] for u in removed])
        store.add_members(session, shift_id=shift.id or 0, user_ids=added)
        return Change(
            details=f"added={added} removed={removed}",
            tell=[(added, "ronda.added", {}), (removed, "ronda.removed", {})],
        )

    return make


def call_off(session: Session, shift: PatrolShift, now: dt.datetime) -> Change:
    """Cancel the shift; its members hear it."""
    members = [m.user_id for m in store.members_of(session, shift_ids=[shift.id or 0])]
    shift.status = ShiftStatus.CANCELLED
    return Change(tell=[(members, "ronda.cancelled", {})])
