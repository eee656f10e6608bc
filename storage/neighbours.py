"""Query functions of neighbour alerts (bot/services/neighbours/): the alert of a report, who
is on duty where, and who offered help; each takes the session of the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import Delivery
from storage.models import NeighbourAlert
from storage.models import NeighbourHelp
from storage.models import OutboxRow
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import Report
from storage.models import ShiftStatus


def alert_of(session: Session, *, report_id: int) -> NeighbourAlert | None:
    """The alert sent for a report, if any."""
    query = select(NeighbourAlert).where(NeighbourAlert.report_id == report_id)
    return session.exec(query).first()


def add_alert(
    session: Session, *, report_id: int, reason: str, recipients: int, now: dt.datetime
) -> NeighbourAlert | None:
    """Store a report's alert; None when another transaction stored one meanwhile (a savepoint:
    the caller's own changes go through)."""
    alert = NeighbourAlert(
        report_id=report_id, reason=reason, recipients=recipients, created_at=now
    )
    try:
        with session.begin_nested():
            session.add(alert)
            session.flush()
    except IntegrityError:
        return None
    return alert


def on_duty(session: Session, *, desa_ids: Iterable[int], now: dt.datetime) -> dict[int, set[int]]:
    """desa id -> the members of its shifts running at `now`."""
    rows = session.exec(
        select(PatrolShift.desa_id, PatrolShiftMember.user_id)
        .join(PatrolShiftMember, col(PatrolShiftMember.shift_id) == col(PatrolShift.id))
        .where(
            col(PatrolShift.desa_id).in_(list(desa_ids)),
            col(PatrolShift.status) == ShiftStatus.PLANNED,
            col(PatrolShift.starts_at) <= now,
            col(PatrolShift.ends_at) > now,
        )
    ).all()
    found: dict[int, set[int]] = {}
    for desa_id, user_id in rows:
        found.setdefault(desa_id, set()).add(user_id)
    return found


def delivery_refs(session: Session, *, kind: str, ref_prefix: str, chat_id: int) -> list[str]:
    """The refs of deliveries of `kind` (refs starting with `ref_prefix`) sent to `chat_id`."""
    query = (
        select(Delivery.ref)
        .join(OutboxRow, col(OutboxRow.delivery_id) == col(Delivery.id))
        .where(
            Delivery.kind == kind,
            col(Delivery.ref).startswith(ref_prefix),
            OutboxRow.chat_id == chat_id,
        )
    )
    return list(session.exec(query).all())


def has_helped(session: Session, *, alert_id: int, user_id: int) -> bool:
    """Whether `user_id` offered help for this alert already."""
    query = select(NeighbourHelp.id).where(
        NeighbourHelp.alert_id == alert_id, NeighbourHelp.user_id == user_id
    )
    return session.exec(query).first() is not None


def add_help(session: Session, *, alert_id: int, user_id: int, desa_id: int) -> None:
    """Record an offer of help (unique per alert and person: a second one fails on flush)."""
    session.add(NeighbourHelp(alert_id=alert_id, user_id=user_id, desa_id=desa_id))
    session.flush()


def helpers(session: Session, *, alert_id: int) -> Sequence[NeighbourHelp]:
    """Who offered help for an alert, first first."""
    query = (
        select(NeighbourHelp)
        .where(NeighbourHelp.alert_id == alert_id)
        .order_by(col(NeighbourHelp.id))
    )
    return session.exec(query).all()


def alerts_in(
    session: Session, *, desa_ids: Iterable[int], since: dt.datetime
) -> list[tuple[int, dt.datetime, str, int]]:
    """(report's desa id, alert time, report status, offers of help) of the neighbour alerts
    raised since `since` for reports in these desa (kondisi wilayah, bot/services/kondisi)."""
    helps = (
        select(NeighbourHelp.alert_id, func.count().label("n"))
        .group_by(col(NeighbourHelp.alert_id))
        .subquery()
    )
    query = (
        select(Report.desa_id, NeighbourAlert.created_at, Report.status, helps.c.n)
        .join(Report, col(Report.id) == col(NeighbourAlert.report_id))
        .join(helps, helps.c.alert_id == col(NeighbourAlert.id), isouter=True)
        .where(col(Report.desa_id).in_(list(desa_ids)), col(NeighbourAlert.created_at) >= since)
    )
    return [
        (int(desa_id), created_at, str(status), int(n or 0))
        for desa_id, created_at, status, n in session.exec(query).all()
        if desa_id is not None
    ]
