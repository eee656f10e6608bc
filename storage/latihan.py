"""Query functions of latihan (bot/services/latihan): sessions, their participants and practice
reports. Each takes the caller's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import TrainingParticipant
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import TrainingStatus


def add(session: Session, *, row: TrainingSession | TrainingParticipant | TrainingReport) -> int:
    """Store a new row; its id."""
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def get(session: Session, *, session_id: int) -> TrainingSession | None:
    return session.get(TrainingSession, session_id)


def by_code(session: Session, *, code: str) -> TrainingSession | None:
    return session.exec(select(TrainingSession).where(TrainingSession.code == code)).first()


def of_trainer(
    session: Session, *, trainer_id: int, status: TrainingStatus | None, limit: int
) -> list[TrainingSession]:
    """The trainer's sessions (of one status, or all), newest first."""
    query = select(TrainingSession).where(TrainingSession.trainer_id == trainer_id)
    if status is not None:
        query = query.where(TrainingSession.status == status)
    return list(session.exec(query.order_by(col(TrainingSession.id).desc()).limit(limit)))


def newest_open(session: Session, *, trainer_id: int) -> TrainingSession | None:
    found = of_trainer(session, trainer_id=trainer_id, status=TrainingStatus.OPEN, limit=1)
    return found[0] if found else None


def close(session: Session, *, session_id: int, now: dt.datetime) -> bool:
    """Close an open session; False when it was closed already (a double tap)."""
    result = session.exec(
        update(TrainingSession)
        .where(col(TrainingSession.id) == session_id)
        .where(col(TrainingSession.status) == TrainingStatus.OPEN)
        .values(status=TrainingStatus.CLOSED, closed_at=now)
    )
    return bool(result.rowcount)


def participants(session: Session, *, session_id: int) -> list[TrainingParticipant]:
    query = select(TrainingParticipant).where(TrainingParticipant.session_id == session_id)
    return list(session.exec(query.order_by(col(TrainingParticipant.id))))


def participant(session: Session, *, session_id: int, user_id: int) -> TrainingParticipant | None:
    query = select(TrainingParticipant).where(
        TrainingParticipant.session_id == session_id, TrainingParticipant.user_id == user_id
    )
    return session.exec(query).first()


def invite(session: Session, *, session_id: int, user_ids: Iterable[int]) -> None:
    for user_id in user_ids:
        session.add(TrainingParticipant(session_id=session_id, user_id=user_id, invited=True))
    session.flush()


def reports(session: Session, *, session_id: int) -> list[TrainingReport]:
    query = select(TrainingReport).where(TrainingReport.session_id == session_id)
    return list(session.exec(query.order_by(col(TrainingReport.id))))


def report(session: Session, *, report_id: int) -> TrainingReport | None:
    return session.get(TrainingReport, report_id)


def report_by_token(session: Session, *, user_id: int, token: str) -> TrainingReport | None:
    query = select(TrainingReport).where(
        TrainingReport.user_id == user_id, TrainingReport.token == token
    )
    return session.exec(query).first()


def of_person(session: Session, *, user_id: int) -> list[TrainingReport]:
    """A trainee's own practice reports (a person's copy of their data)."""
    query = select(TrainingReport).where(TrainingReport.user_id == user_id)
    return list(session.exec(query.order_by(col(TrainingReport.id))))


def erase_person(session: Session, *, user_id: int) -> None:
    """A deletion: their practice reports and participations go; the sessions they ran stay
    without them (as siaga calls do)."""
    session.exec(delete(TrainingReport).where(col(TrainingReport.user_id) == user_id))
    session.exec(delete(TrainingParticipant).where(col(TrainingParticipant.user_id) == user_id))
    session.exec(
        update(TrainingSession)
        .where(col(TrainingSession.trainer_id) == user_id)
        .values(trainer_id=None)
    )
