"""Query functions of incident reports (bot/services/reports/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy import CursorResult
from sqlalchemy import Update
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import Report
from storage.models import ReportEvent
from storage.models import ReportPhoto
from storage.models import ReportPrefix
from storage.models import ReportStatus
from storage.models import utcnow

OPEN = (ReportStatus.BARU, ReportStatus.DITERIMA, ReportStatus.DIPROSES)


def by_token(session: Session, reporter_id: int, token: str) -> Report | None:
    """The report a draft (by its token) became, if it was sent already."""
    query = select(Report).where(Report.reporter_id == reporter_id, Report.client_token == token)
    return session.exec(query).first()


def get(session: Session, report_id: int, *, for_update: bool = False) -> Report | None:
    """One report; `for_update` locks its row until the transaction ends (PostgreSQL)."""
    query = select(Report).where(Report.id == report_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def by_code(session: Session, code: str) -> Report | None:
    """The report with a tracking number such as "LMB-0042"."""
    return session.exec(select(Report).where(Report.code == code)).first()


def count_since(session: Session, reporter_id: int, since: dt.datetime) -> int:
    """How many reports someone made since `since`."""
    query = select(func.count()).where(
        Report.reporter_id == reporter_id, Report.created_at >= since
    )
    return int(session.exec(query).one())


def of_reporter(session: Session, reporter_id: int, limit: int) -> Sequence[Report]:
    """Someone's newest reports."""
    query = (
        select(Report)
        .where(Report.reporter_id == reporter_id)
        .order_by(col(Report.id).desc())
        .limit(limit)
    )
    return session.exec(query).all()


def photos(session: Session, report_id: int) -> list[str]:
    """File ids of a report's photos, in order."""
    query = (
        select(ReportPhoto.file_id)
        .where(ReportPhoto.report_id == report_id)
        .order_by(col(ReportPhoto.position))
    )
    return list(session.exec(query).all())


def events(session: Session, report_id: int) -> Sequence[ReportEvent]:
    """A report's history, oldest first."""
    query = (
        select(ReportEvent).where(ReportEvent.report_id == report_id).order_by(col(ReportEvent.id))
    )
    return session.exec(query).all()


def add_event(
    session: Session,
    report_id: int,
    kind: str,
    *,
    actor_id: int | None,
    status: ReportStatus | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Record one step of a report's history (one INSERT, without the ORM's unit of work)."""
    session.execute(
        insert(ReportEvent).values(
            report_id=report_id,
            kind=kind,
            actor_id=actor_id,
            status=status,
            note=note,
            at=at or utcnow(),
        )
    )


def taken_prefixes(session: Session) -> set[str]:
    """Every prefix in use."""
    return set(session.exec(select(ReportPrefix.prefix)).all())


def add_prefix(session: Session, kecamatan_id: int | None, prefix: str) -> bool:
    """Claim `prefix` for a kecamatan; False if someone else took it (or the kecamatan got
    one) meanwhile. Runs in a savepoint so the caller's transaction goes on."""
    try:
        with session.begin_nested():
            session.add(ReportPrefix(kecamatan_id=kecamatan_id, prefix=prefix))
    except IntegrityError:
        return False
    return True


def take_number(session: Session, kecamatan_id: int | None) -> tuple[str, int] | None:
    """(prefix, number) of the kecamatan's next report, in one statement; the row lock
    serialises concurrent reports. None when the kecamatan has no prefix yet."""
    where = (
        col(ReportPrefix.kecamatan_id) == kecamatan_id
        if kecamatan_id is not None
        else col(ReportPrefix.kecamatan_id).is_(None)
    )
    statement = (
        update(ReportPrefix)
        .where(where)
        .values(last_number=col(ReportPrefix.last_number) + 1)
        .returning(col(ReportPrefix.prefix), col(ReportPrefix.last_number))
    )
    row = session.execute(statement).first()
    return None if row is None else (str(row[0]), int(row[1]))


def add_photos(session: Session, report_id: int, file_ids: Iterable[str]) -> None:
    """Attach photos to a new report."""
    for position, file_id in enumerate(file_ids):
        session.add(ReportPhoto(report_id=report_id, file_id=file_id, position=position))


def due_escalations(session: Session) -> list[tuple[int, dt.datetime]]:
    """(report id, when) of every unclaimed report still to be escalated."""
    query = select(col(Report.id), col(Report.escalate_at)).where(
        Report.status == ReportStatus.BARU,
        col(Report.escalated_at).is_(None),
        col(Report.escalate_at).is_not(None),
    )
    rows = session.exec(query).all()
    return [(i, at) for i, at in rows if i is not None and at is not None]


def mark_escalated(session: Session, report_id: int, now: dt.datetime) -> bool:
    """Take the one escalation of a report that is still unclaimed (False: claimed meanwhile,
    or escalated already, by this or another process)."""
    statement = (
        update(Report)
        .where(
            col(Report.id) == report_id,
            col(Report.status) == ReportStatus.BARU,
            col(Report.escalated_at).is_(None),
        )
        .values(escalated_at=now, updated_at=now)
    )
    return _changed_one(session, statement)


def claim(session: Session, report_id: int, officer_id: int, now: dt.datetime) -> bool:
    """Take an untaken, open report for one officer (False: someone was quicker)."""
    statement = (
        update(Report)
        .where(
            col(Report.id) == report_id,
            col(Report.claimed_by).is_(None),
            col(Report.status).in_([s.value for s in OPEN]),
        )
        .values(claimed_by=officer_id, claimed_at=now, updated_at=now)
    )
    return _changed_one(session, statement)


def move(
    session: Session, report_id: int, current: ReportStatus, target: ReportStatus, now: dt.datetime
) -> bool:
    """Change a report's status if it is still `current` (False: it changed meanwhile)."""
    values: dict[str, object] = {"status": target.value, "updated_at": now}
    if target in (ReportStatus.SELESAI, ReportStatus.DITOLAK):
        values["closed_at"] = now
    statement = (
        update(Report)
        .where(col(Report.id) == report_id, col(Report.status) == current.value)
        .values(**values)
    )
    return _changed_one(session, statement)


def _changed_one(session: Session, statement: Update) -> bool:
    """Run a conditional UPDATE: whether it changed exactly one row."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def in_scope(session: Session, polsek_ids: set[int] | None) -> Sequence[Report]:
    """Every report of these Polsek (None: all), oldest first."""
    query = select(Report).order_by(col(Report.id))
    if polsek_ids is not None:
        query = query.where(col(Report.polsek_id).in_(polsek_ids or {-1}))
    return session.exec(query).all()


# ---- kondisi wilayah (bot/services/kondisi): counts only, never who or where exactly ----------


def desa_summary_rows(
    session: Session, *, desa_ids: Iterable[int], since: dt.datetime
) -> list[tuple[int, str, str, bool, dt.datetime]]:
    """(desa id, category, status, urgent, created at) of the reports made in these desa since
    `since`; nothing that names a person or a place."""
    query = sa_select(
        col(Report.desa_id),
        col(Report.category),
        col(Report.status),
        col(Report.urgent),
        col(Report.created_at),
    ).where(col(Report.desa_id).in_(list(desa_ids)), col(Report.created_at) >= since)
    return [
        (int(desa_id), str(category), str(status), bool(urgent), created_at)
        for desa_id, category, status, urgent, created_at in session.execute(query).all()
        if desa_id is not None
    ]
