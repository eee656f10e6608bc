"""Statistics of patrols over a period: shifts held and missed, check-in punctuality, and
incidents seen on patrol."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from bot.services.authz import Holding
from bot.services.patrols.shared import Shared
from bot.services.patrols.types import PUNCTUAL
from bot.services.patrols.types import PatrolStats
from storage import patrols as store
from storage.models import Role
from storage.models import ShiftStatus

FINISHED = (ShiftStatus.HELD, ShiftStatus.MISSED)


async def stats(
    shared: Shared, desa_ids: Sequence[int] | None, days: int, now: dt.datetime
) -> PatrolStats:
    """The last `days` days of these desa (None: every desa)."""
    since = now - dt.timedelta(days=days)

    def read(session: Session) -> PatrolStats:
        shifts = store.ended_or_started(session, since=since, now=now, desa_ids=desa_ids)
        members = store.members_of(session, shift_ids=[s.id or 0 for s in shifts])
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
        delays = sorted(
            (m.checked_in_at - by_id[m.shift_id].starts_at).total_seconds() / 60
            for m in members
            if m.checked_in_at is not None and by_id[m.shift_id].status in FINISHED
        )
        return PatrolStats(
            days=days,
            held=sum(r[0] for r in per_desa.values()),
            missed=sum(r[1] for r in per_desa.values()),
            cancelled=sum(r[2] for r in per_desa.values()),
            expected_checkins=sum(1 for m in members if by_id[m.shift_id].status in FINISHED),
            checkins=len(delays),
            on_time=sum(1 for d in delays if d <= PUNCTUAL.total_seconds() / 60),
            median_late=delays[len(delays) // 2] if delays else None,
            incidents_seen=sum(1 for m in members if m.outcome == "kejadian"),
            reports=store.patrol_reports_since(session, since=since, desa_ids=desa_ids),
            per_desa={
                shared.desa_name(d): (r[0], r[1])
                for d, r in sorted(per_desa.items(), key=lambda kv: -sum(kv[1][:2]))
            },
        )

    return await shared.db.run(read)


def coordinated_desa(shared: Shared, holdings: Sequence[Holding]) -> list[int] | None:
    """None for an admin (every desa), else every desa these roles coordinate, in the areas'
    order (kecamatan by kecamatan)."""
    if any(h.role is Role.ADMIN for h in holdings):
        return None
    return [
        desa.id
        for kecamatan in shared.areas.kecamatan_list()
        for desa in shared.areas.desa_list(kecamatan.id)
        if shared.may_coordinate(holdings, desa.id)
    ]
