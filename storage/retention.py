"""Query functions of retention (bot/services/retention): what is old enough to go, and removing
it in batches. Each takes the caller's session; the service decides the cut-off dates.

Three cut-offs (`before`), the rules:
- reports closed before it lose their photos and exact location (`redact_reports`), and the
  messages the bot stored about them (delivery payloads) lose their content;
- siaga calls closed before the same cut-off lose their shared point and their answers' exact
  locations and typed reasons (`redact_siaga`); answers, times and counts stay;
- deliveries finished before it lose their per-recipient rows, their counts are kept on the
  delivery (`compact_deliveries`), unless a later edit or reply still needs those rows;
- conversation drafts untouched since before it are deleted (`remove_abandoned_drafts`);
- practice reports of training sessions closed before the report cut-off lose their photos and
  places (`redact_training`);
- situation notes (/kondisi) that expired before the report cut-off are deleted whole
  (`delete_notes`): their text is their only content.
The audit log is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import cast as typed

from sqlalchemy import String
from sqlalchemy import and_
from sqlalchemy import cast
from sqlalchemy import delete
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlalchemy.sql import Select
from sqlmodel import Session

from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import ConversationState
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import NeighbourAlert
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import Report
from storage.models import ReportPhoto
from storage.models import ReportStatus
from storage.models import SiagaCall
from storage.models import SiagaRecipient
from storage.models import SiagaStatus
from storage.models import SituationNote
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import TrainingStatus
from storage.models import UserDraft
from storage.models import table_of
from storage.persistence import user_of_key

R = table_of(Report)
P = table_of(ReportPhoto)
D = table_of(Delivery)
OB = table_of(OutboxRow)
A = table_of(Advisory)
NA = table_of(NeighbourAlert)
CS = table_of(ConversationState)
UD = table_of(UserDraft)
SC = table_of(SiagaCall)
SR = table_of(SiagaRecipient)

CLOSED = (ReportStatus.SELESAI.value, ReportStatus.DITOLAK.value)
OPEN = (ReportStatus.BARU.value, ReportStatus.DITERIMA.value, ReportStatus.DIPROSES.value)
FINISHED = (DeliveryState.DONE.value, DeliveryState.CANCELLED.value)
# What a redacted message's stored payload says instead of its content.
REMOVED = "retention"


def _changed(session: Session, statement: Any) -> int:
    """Run an UPDATE or DELETE; how many rows it changed."""
    return int(typed("CursorResult[Any]", session.execute(statement)).rowcount or 0)


# ---- reports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFigures:
    """What the report rule removes (or would): reports, their photos, their exact locations,
    and the stored messages about them whose content goes."""

    reports: int = 0
    photos: int = 0
    locations: int = 0
    messages: int = 0

    def __add__(self, other: ReportFigures) -> ReportFigures:
        return ReportFigures(
            self.reports + other.reports,
            self.photos + other.photos,
            self.locations + other.locations,
            self.messages + other.messages,
        )


def _reports_due(before: dt.datetime) -> Select[Any]:
    """Closed before `before` and not yet redacted."""
    return select(R.c.id).where(
        R.c.status.in_(CLOSED), R.c.closed_at < before, R.c.redacted_at.is_(None)
    )


def _refs_of(report_ids: Any) -> Any:
    """The delivery refs ("report:<id>") of these reports: the duty card, its edits and
    replies, the photos, the Polres escalation and what the reporter was told."""
    return select(literal("report:") + cast(R.c.id, String)).where(R.c.id.in_(report_ids))


def _messages_of(report_ids: Any) -> Any:
    return and_(D.c.ref.in_(_refs_of(report_ids)), D.c.state.in_(FINISHED))


def report_figures(session: Session, *, before: dt.datetime) -> ReportFigures:
    """What `redact_reports` would remove of every report due (a dry run)."""
    due = _reports_due(before)
    count = lambda query: int(session.execute(query).scalar_one())  # noqa: E731
    return ReportFigures(
        reports=count(select(func.count()).select_from(due.subquery())),
        photos=count(select(func.count()).where(P.c.report_id.in_(due))),
        locations=count(select(func.count()).where(R.c.id.in_(due), _has_location())),
        messages=count(select(func.count()).where(_messages_of(due))),
    )


def _has_location() -> Any:
    return or_(R.c.latitude.is_not(None), R.c.longitude.is_not(None), R.c.place_text != "")


def reports_due(session: Session, *, before: dt.datetime, limit: int) -> list[int]:
    """The ids of up to `limit` reports closed before `before` and not yet redacted."""
    query = _reports_due(before).order_by(R.c.id).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def redact_reports(
    session: Session, *, report_ids: Sequence[int], before: dt.datetime, now: dt.datetime
) -> ReportFigures:
    """Remove the photos and exact location (map point, place text) of these reports and the
    content of the messages stored about them; desa, category, status, dates, description and
    outcome stay. Only reports still closed before `before` and not redacted are touched."""
    ids = [
        int(i)
        for i in session.execute(_reports_due(before).where(R.c.id.in_(list(report_ids))))
        .scalars()
        .all()
    ]
    if not ids:
        return ReportFigures()
    photos = _changed(session, delete(P).where(P.c.report_id.in_(ids)))
    locations = _changed(
        session,
        update(R)
        .where(R.c.id.in_(ids), _has_location())
        .values(latitude=None, longitude=None, place_text=""),
    )
    session.execute(update(R).where(R.c.id.in_(ids)).values(redacted_at=now))
    messages = session.execute(
        select(D.c.id, D.c.payload).where(_messages_of(select(R.c.id).where(R.c.id.in_(ids))))
    ).all()
    for delivery_id, payload in messages:
        session.execute(update(D).where(D.c.id == delivery_id).values(payload=_emptied(payload)))
    return ReportFigures(len(ids), photos, locations, len(messages))


def _emptied(payload: str) -> str:
    """A stored payload without its content (text, caption, photo, buttons): only what kind of
    message it was stays."""
    try:
        old = json.loads(payload)
    except ValueError:
        old = {}
    kept = {"method": old.get("method"), "params": {}, "link": old.get("link"), "removed": REMOVED}
    return json.dumps(kept)


# ---- siaga calls ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SiagaFigures:
    """What the siaga rule removes (or would): closed calls touched, and their answers that
    lose a shared location or a typed reason."""

    calls: int = 0
    answers: int = 0

    def __add__(self, other: SiagaFigures) -> SiagaFigures:
        return SiagaFigures(self.calls + other.calls, self.answers + other.answers)


def _answer_data() -> Any:
    """An answer still holding a shared location or a typed reason."""
    return or_(SR.c.latitude.is_not(None), SR.c.longitude.is_not(None), SR.c.note.is_not(None))


def _siaga_due(before: dt.datetime) -> Select[Any]:
    """Closed before `before` and still holding a point of its own or an answer's location or
    reason (so a redacted call is never due again: no marker column needed)."""
    answered = exists(select(SR.c.id).where(SR.c.call_id == SC.c.id, _answer_data()))
    return select(SC.c.id).where(
        SC.c.status == SiagaStatus.CLOSED.value,
        SC.c.closed_at < before,
        or_(SC.c.latitude.is_not(None), SC.c.longitude.is_not(None), answered),
    )


def siaga_figures(session: Session, *, before: dt.datetime) -> SiagaFigures:
    """What `redact_siaga` would remove of every call due (a dry run)."""
    due = _siaga_due(before)
    calls = session.execute(select(func.count()).select_from(due.subquery())).scalar_one()
    answers = session.execute(
        select(func.count()).where(SR.c.call_id.in_(due), _answer_data())
    ).scalar_one()
    return SiagaFigures(int(calls), int(answers))


def siaga_due(session: Session, *, before: dt.datetime, limit: int) -> list[int]:
    """The ids of up to `limit` siaga calls due."""
    query = _siaga_due(before).order_by(SC.c.id).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def redact_siaga(session: Session, *, call_ids: Sequence[int], before: dt.datetime) -> SiagaFigures:
    """Remove the shared point of these calls (the place's name stays) and their answers'
    shared locations and typed reasons; the answers, their times, the "confirmed on site" flag
    and the counts stay. Only calls still due (checked again in this transaction)."""
    ids = [
        int(i)
        for i in session.execute(_siaga_due(before).where(SC.c.id.in_(list(call_ids))))
        .scalars()
        .all()
    ]
    if not ids:
        return SiagaFigures()
    answers = _changed(
        session,
        update(SR)
        .where(SR.c.call_id.in_(ids), _answer_data())
        .values(latitude=None, longitude=None, note=None),
    )
    session.execute(update(SC).where(SC.c.id.in_(ids)).values(latitude=None, longitude=None))
    return SiagaFigures(len(ids), answers)


# ---- deliveries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryFigures:
    """Deliveries compacted (or due) and the per-recipient rows that go with them."""

    deliveries: int = 0
    rows: int = 0

    def __add__(self, other: DeliveryFigures) -> DeliveryFigures:
        return DeliveryFigures(self.deliveries + other.deliveries, self.rows + other.rows)


def _deliveries_due(before: dt.datetime) -> Select[Any]:
    """Finished before `before`, not compacted yet, and not needed for a later edit or reply:
    the duty card of a report still open (edited at every change, replied to with answers and
    reminders), a neighbour alert of a report still open ("Siap bantu" checks who got it), the
    approval request of an advisory still waiting (edited once decided) and an advisory with an
    update still to go out (a reply to exactly the chats that got it)."""
    open_cards = select(R.c.duty_delivery_id).where(
        R.c.status.in_(OPEN), R.c.duty_delivery_id.is_not(None)
    )
    waiting_approvals = select(A.c.approval_delivery_id).where(
        A.c.status == AdvisoryStatus.PENDING.value, A.c.approval_delivery_id.is_not(None)
    )
    update_ = A.alias("pending_update")
    awaited = (
        select(A.c.delivery_id)
        .join(update_, update_.c.parent_id == A.c.id)
        .where(
            update_.c.status.in_([AdvisoryStatus.PENDING.value, AdvisoryStatus.SCHEDULED.value]),
            A.c.delivery_id.is_not(None),
        )
    )
    # Neighbour alerts are refed "nb:<alert id>:<desa id>".
    live_alert = exists(
        select(NA.c.id)
        .join(R, R.c.id == NA.c.report_id)
        .where(
            R.c.status.in_(OPEN),
            D.c.ref.like(literal("nb:") + cast(NA.c.id, String) + literal(":%")),
        )
    )
    return select(D.c.id).where(
        D.c.state.in_(FINISHED),
        D.c.finished_at < before,
        D.c.compacted_at.is_(None),
        D.c.id.not_in(open_cards),
        D.c.id.not_in(waiting_approvals),
        D.c.id.not_in(awaited),
        ~live_alert,
    )


def delivery_figures(session: Session, *, before: dt.datetime) -> DeliveryFigures:
    """How many deliveries `compact_deliveries` would compact, with how many rows."""
    due = _deliveries_due(before)
    deliveries = session.execute(select(func.count()).select_from(due.subquery())).scalar_one()
    rows = session.execute(select(func.count()).where(OB.c.delivery_id.in_(due))).scalar_one()
    return DeliveryFigures(int(deliveries), int(rows))


def deliveries_due(session: Session, *, before: dt.datetime, limit: int) -> list[int]:
    """The ids of up to `limit` deliveries due for compaction."""
    query = _deliveries_due(before).order_by(D.c.id).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def compact_deliveries(
    session: Session, *, delivery_ids: Sequence[int], before: dt.datetime, now: dt.datetime
) -> DeliveryFigures:
    """Keep each delivery's counts on its row and delete its outbox rows (only deliveries
    still due: checked again in this transaction)."""
    ids = [
        int(i)
        for i in session.execute(_deliveries_due(before).where(D.c.id.in_(list(delivery_ids))))
        .scalars()
        .all()
    ]
    if not ids:
        return DeliveryFigures()
    counted: dict[int, dict[str, int]] = {i: {} for i in ids}
    query = (
        select(OB.c.delivery_id, OB.c.status, func.count())
        .where(OB.c.delivery_id.in_(ids))
        .group_by(OB.c.delivery_id, OB.c.status)
    )
    for delivery_id, status, count in session.execute(query):
        counted[delivery_id][status] = int(count)
    for delivery_id, by_status in counted.items():
        session.execute(
            update(D)
            .where(D.c.id == delivery_id)
            .values(
                compacted_at=now,
                sent=by_status.get(OutboxStatus.SENT.value, 0),
                blocked=by_status.get(OutboxStatus.BLOCKED.value, 0),
                failed=by_status.get(OutboxStatus.FAILED.value, 0),
                cancelled=by_status.get(OutboxStatus.CANCELLED.value, 0),
            )
        )
    rows = _changed(session, delete(OB).where(OB.c.delivery_id.in_(ids)))
    return DeliveryFigures(len(ids), rows)


# ---- drafts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drafts:
    """Abandoned conversations: the people whose drafts (user_data) go, and the (name, key)
    of the conversation states that go. Keys are stored JSON, e.g. "[123,123]"."""

    users: list[int] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)


def abandoned_drafts(session: Session, *, before: dt.datetime) -> Drafts:
    """The drafts and conversation states of everyone whose latest change to any of them was
    before `before` (a person still writing one conversation keeps all of theirs)."""
    latest: dict[int, dt.datetime] = {}
    drafts = session.execute(select(UD.c.user_id, UD.c.updated_at)).all()
    states = session.execute(select(CS.c.name, CS.c.key, CS.c.updated_at)).all()
    for user_id, at in drafts:
        latest[user_id] = max(at, latest.get(user_id, at))
    for _name, key, at in states:
        if (user := user_of_key(key)) is not None:
            latest[user] = max(at, latest.get(user, at))
    gone = {user for user, at in latest.items() if at < before}
    return Drafts(
        users=sorted(u for u, _at in drafts if u in gone),
        states=sorted(
            (name, key)
            for name, key, at in states
            if (user_of_key(key) in gone) or (user_of_key(key) is None and at < before)
        ),
    )


def remove_abandoned_drafts(session: Session, *, before: dt.datetime) -> Drafts:
    """Delete what `abandoned_drafts` finds (rows changed meanwhile stay) and return it."""
    found = abandoned_drafts(session, before=before)
    if found.users:
        session.execute(delete(UD).where(UD.c.user_id.in_(found.users), UD.c.updated_at < before))
    for name, key in found.states:
        session.execute(
            delete(CS).where(CS.c.name == name, CS.c.key == key, CS.c.updated_at < before)
        )
    return found


# ---- practice reports (/latihan) ------------------------------------------------------------

TS = table_of(TrainingSession)
TR = table_of(TrainingReport)


@dataclass(frozen=True)
class TrainingFigures:
    """What the practice-report rule removes (or would): closed sessions touched, and their
    practice reports that lose photos, a shared location or a typed place."""

    sessions: int = 0
    reports: int = 0

    def __add__(self, other: TrainingFigures) -> TrainingFigures:
        return TrainingFigures(self.sessions + other.sessions, self.reports + other.reports)


def _training_data() -> Any:
    """A practice report still holding photos, a shared location or a typed place."""
    return or_(
        TR.c.latitude.is_not(None),
        TR.c.longitude.is_not(None),
        TR.c.photos != "",
        TR.c.place_text != "",
    )


def _training_due(before: dt.datetime) -> Select[Any]:
    """Sessions closed before `before` with a practice report still holding such data."""
    held = exists(select(TR.c.id).where(TR.c.session_id == TS.c.id, _training_data()))
    return select(TS.c.id).where(
        TS.c.status == TrainingStatus.CLOSED.value, TS.c.closed_at < before, held
    )


def training_figures(session: Session, *, before: dt.datetime) -> TrainingFigures:
    """What `redact_training` would remove of every session due (a dry run)."""
    due = _training_due(before)
    sessions = session.execute(select(func.count()).select_from(due.subquery())).scalar_one()
    reports = session.execute(
        select(func.count()).where(TR.c.session_id.in_(due), _training_data())
    ).scalar_one()
    return TrainingFigures(int(sessions), int(reports))


def training_due(session: Session, *, before: dt.datetime, limit: int) -> list[int]:
    """The ids of up to `limit` training sessions due."""
    query = _training_due(before).order_by(TS.c.id).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def redact_training(
    session: Session, *, session_ids: Sequence[int], before: dt.datetime
) -> TrainingFigures:
    """Remove the photos, shared locations and typed places of these sessions' practice
    reports; the reports, their stories, checklists and feedback stay (the history's counts).
    Only sessions still due (checked again in this transaction)."""
    ids = [
        int(i)
        for i in session.execute(_training_due(before).where(TS.c.id.in_(list(session_ids))))
        .scalars()
        .all()
    ]
    if not ids:
        return TrainingFigures()
    reports = _changed(
        session,
        update(TR)
        .where(TR.c.session_id.in_(ids), _training_data())
        .values(latitude=None, longitude=None, photos="", place_text=""),
    )
    return TrainingFigures(len(ids), reports)


# ---- situation notes (/kondisi) -------------------------------------------------------------

SN = table_of(SituationNote)


@dataclass(frozen=True)
class NoteFigures:
    """What the situation-note rule removes (or would): notes deleted whole."""

    notes: int = 0

    def __add__(self, other: NoteFigures) -> NoteFigures:
        return NoteFigures(self.notes + other.notes)


def _notes_due(before: dt.datetime) -> Select[Any]:
    """Notes whose expiry was before `before` (a withdrawn note expires no later than it would
    have: it was withdrawn before its expiry)."""
    return select(SN.c.id).where(SN.c.expires_at < before)


def note_figures(session: Session, *, before: dt.datetime) -> NoteFigures:
    """How many notes `delete_notes` would delete (a dry run)."""
    due = _notes_due(before)
    return NoteFigures(
        int(session.execute(select(func.count()).select_from(due.subquery())).scalar_one())
    )


def notes_due(session: Session, *, before: dt.datetime, limit: int) -> list[int]:
    """The ids of up to `limit` situation notes due."""
    query = _notes_due(before).order_by(SN.c.id).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def delete_notes(session: Session, *, note_ids: Sequence[int], before: dt.datetime) -> NoteFigures:
    """Delete these notes whole (their text is their only content; nothing else refers to
    them). Only notes still due (checked again in this transaction)."""
    query = delete(SN).where(SN.c.id.in_(list(note_ids)), SN.c.expires_at < before)
    return NoteFigures(_changed(session, query))
