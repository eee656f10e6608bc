"""Queries of the Polsek dashboard (bot/services/dasbor), one section per page.

Keyword-only functions taking the caller's session, as the other storage modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import Report
from storage.models import ReportStatus
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import WebKey
from storage.models import WebLogin

# ---- login ----


def add_web_login(
    session: Session, *, token_hash: str, user_id: int, expires_at: dt.datetime
) -> WebLogin:
    """Store a new one-time link (its hash)."""
    row = WebLogin(token_hash=token_hash, user_id=user_id, expires_at=expires_at)
    session.add(row)
    session.flush()
    return row


def use_web_login(
    session: Session, *, token_hash: str, now: dt.datetime
) -> tuple[bool, WebLogin | None]:
    """Mark the link used if it is unused and unexpired, in one statement (two tabs opening
    the same link: one wins): whether this call used it, and the row (None: unknown token)."""
    result = session.execute(
        update(WebLogin)
        .where(
            col(WebLogin.token_hash) == token_hash,
            col(WebLogin.used_at).is_(None),
            col(WebLogin.expires_at) > now,
        )
        .values(used_at=now)
    )
    used = bool(getattr(result, "rowcount", 0))
    return used, session.exec(select(WebLogin).where(WebLogin.token_hash == token_hash)).first()


def delete_old_web_logins(session: Session, *, before: dt.datetime) -> int:
    """Forget links that expired before `before`; how many."""
    rows = list(session.exec(select(WebLogin).where(col(WebLogin.expires_at) < before)))
    for row in rows:
        session.delete(row)
    return len(rows)


def web_key(session: Session, *, new: str) -> str:
    """The stored cookie key; `new` is stored first when there is none."""
    row = session.get(WebKey, 1)
    if row is None:
        row = WebKey(id=1, secret=new)
        session.add(row)
        session.flush()
    return row.secret


# ---- laporan ----
# The Laporan page: reports in a viewer's scope, filtered, one table page at a time (the
# database sorts, counts and cuts: 10,000 reports in scope never travel to Python), the map's
# points, what changed since the last poll, and the practice reports of the latihan source.

_OPEN_STATUSES = [ReportStatus.BARU.value, ReportStatus.DITERIMA.value, ReportStatus.DIPROSES.value]


@dataclass(frozen=True)
class ReportFilter:
    """Which reports a table, map or poll shows: the viewer's Polsek (None: all) and the
    filters chosen on the page (None: any). `sources` are `reports.source` values."""

    polsek_ids: frozenset[int] | None
    status: str | None = None
    category: str | None = None
    desa_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    sources: tuple[str, ...] | None = None


def _report_conditions(where: ReportFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.polsek_ids is not None:
        # An empty scope matches nothing (IN () is not valid everywhere).
        conditions.append(col(Report.polsek_id).in_(sorted(where.polsek_ids) or [-1]))
    if where.status is not None:
        conditions.append(col(Report.status) == where.status)
    if where.category is not None:
        conditions.append(col(Report.category) == where.category)
    if where.desa_id is not None:
        conditions.append(col(Report.desa_id) == where.desa_id)
    if where.since is not None:
        conditions.append(col(Report.created_at) >= where.since)
    if where.until is not None:
        conditions.append(col(Report.created_at) < where.until)
    if where.sources is not None:
        conditions.append(col(Report.source).in_(list(where.sources)))
    return conditions


def _urgent_open_first() -> ColumnElement[int]:
    """0 for an urgent report still open (it leads the table and survives the map's cap)."""
    urgent_open = and_(col(Report.urgent), col(Report.status).in_(_OPEN_STATUSES))
    return case((urgent_open, 0), else_=1)


def laporan_count(session: Session, *, where: ReportFilter) -> int:
    """How many reports match."""
    query = sa_select(func.count()).select_from(Report).where(*_report_conditions(where))
    return int(session.execute(query).scalar_one())


def laporan_page(session: Session, *, where: ReportFilter, offset: int, limit: int) -> list[Report]:
    """One table page: urgent open reports first, then newest first."""
    query = (
        sa_select(Report)
        .where(*_report_conditions(where))
        .order_by(_urgent_open_first(), col(Report.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.execute(query).scalars().all())


@dataclass(frozen=True)
class MapPoint:
    """A report on the map: only what a marker needs."""

    id: int
    code: str
    category: str
    status: str
    urgent: bool
    latitude: float
    longitude: float


def laporan_points(session: Session, *, where: ReportFilter, limit: int) -> list[MapPoint]:
    """The matching reports that have a shared location (at most `limit`: urgent open first,
    then newest), the few columns a marker needs."""
    query = (
        sa_select(
            col(Report.id),
            col(Report.code),
            col(Report.category),
            col(Report.status),
            col(Report.urgent),
            col(Report.latitude),
            col(Report.longitude),
        )
        .where(
            *_report_conditions(where),
            col(Report.latitude).is_not(None),
            col(Report.longitude).is_not(None),
        )
        .order_by(_urgent_open_first(), col(Report.id).desc())
        .limit(limit)
    )
    return [
        MapPoint(int(i), str(code), str(cat), str(status), bool(urgent), float(lat), float(lon))
        for i, code, cat, status, urgent, lat, lon in session.execute(query).all()
    ]


def laporan_changed(
    session: Session,
    *,
    where: ReportFilter,
    after_id: int,
    changed_since: dt.datetime | None,
    limit: int,
) -> list[Report]:
    """Reports made after `after_id`, or changed since `changed_since` (a poll), newest first."""
    fresh: ColumnElement[bool] = col(Report.id) > after_id
    if changed_since is not None:
        fresh = or_(fresh, col(Report.updated_at) >= changed_since)
    query = (
        sa_select(Report)
        .where(*_report_conditions(where), fresh)
        .order_by(col(Report.id).desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars().all())


def laporan_last_id(session: Session) -> int:
    """The newest report's id (0: none), where a page's polling starts."""
    return int(session.execute(sa_select(func.max(Report.id))).scalar() or 0)


@dataclass(frozen=True)
class TrainingFilter:
    """Which practice reports the latihan source shows: of sessions held in these desa (None:
    all) and the page's filters (None: any)."""

    desa_ids: frozenset[int] | None
    category: str | None = None
    desa_id: int | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _training_conditions(where: TrainingFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        col(TrainingReport.session_id) == col(TrainingSession.id)
    ]
    if where.desa_ids is not None:
        conditions.append(col(TrainingSession.desa_id).in_(sorted(where.desa_ids) or [-1]))
    if where.category is not None:
        conditions.append(col(TrainingReport.category) == where.category)
    if where.desa_id is not None:
        conditions.append(col(TrainingSession.desa_id) == where.desa_id)
    if where.since is not None:
        conditions.append(col(TrainingReport.created_at) >= where.since)
    if where.until is not None:
        conditions.append(col(TrainingReport.created_at) < where.until)
    return conditions


def training_count(session: Session, *, where: TrainingFilter) -> int:
    """How many practice reports match."""
    query = (
        sa_select(func.count())
        .select_from(TrainingReport, TrainingSession)
        .where(*_training_conditions(where))
    )
    return int(session.execute(query).scalar_one())


def training_page(
    session: Session, *, where: TrainingFilter, offset: int, limit: int
) -> Sequence[tuple[TrainingReport, int]]:
    """(practice report, its session's desa) of one table page, newest first."""
    query = (
        sa_select(TrainingReport, col(TrainingSession.desa_id))
        .where(*_training_conditions(where))
        .order_by(col(TrainingReport.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return [(row, int(desa)) for row, desa in session.execute(query).all()]


def training_report(
    session: Session, report_id: int
) -> tuple[TrainingReport, TrainingSession] | None:
    """One practice report with its session."""
    row = session.get(TrainingReport, report_id)
    if row is None:
        return None
    practice = session.get(TrainingSession, row.session_id)
    return None if practice is None else (row, practice)


# ---- end laporan ----
