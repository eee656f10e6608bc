"""Query functions of kondisi wilayah (bot/services/kondisi): situation notes and the weekly
digest's runs; each takes the session of the caller's transaction. The desa's picture itself is
read with the other features' own query modules (reports, advisories, patrols, neighbours)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sqlmodel import col
from sqlmodel import select

from storage.models import DigestRun
from storage.models import SituationNote


def add_note(
    session: Session, *, desa_id: int, author_id: int, text: str, now: dt.datetime, days: int
) -> SituationNote:
    """Store a note, in force for `days` days."""
    note = SituationNote(
        desa_id=desa_id,
        author_id=author_id,
        text=text,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    session.add(note)
    session.flush()
    return note


def note(session: Session, *, note_id: int) -> SituationNote | None:
    """One note."""
    return session.get(SituationNote, note_id)


def notes_in_force(
    session: Session, *, desa_ids: Iterable[int], now: dt.datetime
) -> Sequence[SituationNote]:
    """The notes of these desa in force at `now` (not withdrawn, not expired), newest first."""
    query = (
        select(SituationNote)
        .where(
            col(SituationNote.desa_id).in_(list(desa_ids)),
            col(SituationNote.withdrawn).is_(False),
            col(SituationNote.expires_at) > now,
        )
        .order_by(col(SituationNote.created_at).desc(), col(SituationNote.id).desc())
    )
    return session.exec(query).all()


def withdraw(session: Session, *, note: SituationNote, by: int, now: dt.datetime) -> None:
    """Withdraw a note (it stays stored, no longer shown)."""
    note.withdrawn = True
    note.withdrawn_by = by
    note.withdrawn_at = now
    session.add(note)
    session.flush()


def claim_run(session: Session, *, period: str, now: dt.datetime) -> DigestRun | None:
    """The digest run of `period`, newly written; None when one exists already (this or another
    process sent that period's digest). A savepoint: the caller's transaction goes on."""
    if session.exec(select(DigestRun).where(DigestRun.period == period)).first() is not None:
        return None
    run = DigestRun(period=period, created_at=now)
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        return None
    return run


def run_of(session: Session, *, period: str) -> DigestRun | None:
    """The digest run of `period`, if it was sent."""
    return session.exec(select(DigestRun).where(DigestRun.period == period)).first()


def notes_of(session: Session, *, author_id: int) -> Sequence[SituationNote]:
    """The notes a person wrote, oldest first (their copy, /privasi)."""
    query = select(SituationNote).where(SituationNote.author_id == author_id)
    return session.exec(query.order_by(col(SituationNote.id))).all()


def erase_person(session: Session, *, user_id: int) -> None:
    """A deletion (/privasi): the notes they wrote or withdrew stay, without them (a desa's
    record, like the reports and calls they made)."""
    session.exec(
        update(SituationNote).where(col(SituationNote.author_id) == user_id).values(author_id=None)
    )
    session.exec(
        update(SituationNote)
        .where(col(SituationNote.withdrawn_by) == user_id)
        .values(withdrawn_by=None)
    )
