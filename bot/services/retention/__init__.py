"""Retention: residents' data is kept no longer than needed (UU PDP, issue 20).

    service = RetentionService(db, RetentionSettings(report_days=365, delivery_days=90,
                                                     draft_days=7))
    result = await service.preview(now=now)   # a dry run: what would go, nothing changes
    result = await service.apply(now=now)     # removes it, in batches; the same figures
    result.cutoffs.reports, result.reports.photos, result.siaga.answers, result.deliveries.rows,
    result.drafts.users, result.notes.notes

Rules (each cut-off is `now` minus its days; `now` is passed in, so tests use a fake clock):
- reports closed (selesai/ditolak) before the cut-off lose their photos (report_photos rows)
  and exact location (latitude/longitude, place text), and the messages the bot stored about
  them (the duty card, its edits and replies, the Polres escalation, what the reporter was
  told) lose their content: the stored payload keeps only the kind of message. The report
  keeps its code, desa, category, status, dates, description and outcome: the police record
  and the statistics. Messages already in Telegram chats are not changed.
- siaga calls closed before the same cut-off (`report_days`) lose the point they shared
  (latitude/longitude; the place's name stays) and their answers' exact locations and typed
  reasons (❌ Tidak bisa); the answers, their times, the "confirmed on site" flag and the
  counts stay, so /statistikronda and the CSV still read right. Open calls are never touched.
- practice sessions (/latihan) closed before the same cut-off: their practice reports lose
  their photos, shared locations and typed places; the reports, stories, checklists and
  feedback stay. Open sessions are never touched.
- situation notes (/kondisi) whose expiry was before the same cut-off are deleted whole (their
  text is their only content); a withdrawn note expires no later than it would have. A note
  in force is never touched.
- deliveries finished before the cut-off lose their per-recipient rows; the counts (sent,
  blocked, failed, cancelled) stay on the delivery. Kept whole while a later edit or reply
  needs them: the duty card of a report still open, a neighbour alert of a report still open,
  the approval request of an advisory still waiting, an advisory with an update still to go.
  An advisory whose delivery was compacted can no longer be updated or withdrawn.
- conversations untouched since the cut-off lose their drafts and states (the running bot's
  memory too: see handlers/retention.py).
- the audit log is never touched; a run that removed something adds one entry to it
  (`retention.apply`, its counts only).

Work goes in batches of `batch` reports, siaga calls or deliveries, one transaction each, so
the bot goes on answering between them. No telegram import here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from dataclasses import field

from storage import queries
from storage import retention as q
from storage.db import Database
from storage.models import utcnow
from storage.retention import DeliveryFigures
from storage.retention import Drafts
from storage.retention import NoteFigures
from storage.retention import ReportFigures
from storage.retention import SiagaFigures
from storage.retention import TrainingFigures

log = logging.getLogger(__name__)

BATCH = 200


@dataclass(frozen=True)
class RetentionSettings:
    """How many days each kind of data is kept (bot.config: RETENTION_*_DAYS)."""

    report_days: int = 365
    delivery_days: int = 90
    draft_days: int = 7


@dataclass(frozen=True)
class Cutoffs:
    """What was finished (closed, sent, last touched) before these moments goes."""

    reports: dt.datetime
    deliveries: dt.datetime
    drafts: dt.datetime


@dataclass(frozen=True)
class RetentionResult:
    """What one run removed (`applied`) or would remove (a dry run)."""

    applied: bool
    cutoffs: Cutoffs
    reports: ReportFigures = field(default_factory=ReportFigures)
    deliveries: DeliveryFigures = field(default_factory=DeliveryFigures)
    drafts: Drafts = field(default_factory=Drafts)
    siaga: SiagaFigures = field(default_factory=SiagaFigures)
    latihan: TrainingFigures = field(default_factory=TrainingFigures)
    notes: NoteFigures = field(default_factory=NoteFigures)

    @property
    def nothing(self) -> bool:
        """Whether there was nothing to remove."""
        return (
            not self.reports.reports
            and not self.siaga.calls
            and not self.latihan.sessions
            and not self.notes.notes
            and not self.deliveries.deliveries
            and not self.drafts.users
            and not self.drafts.states
        )

    def summary(self) -> str:
        """One log line of counts (no personal data)."""
        return (
            f"reports {self.reports.reports} (photos {self.reports.photos}, locations "
            f"{self.reports.locations}, messages {self.reports.messages}); siaga calls "
            f"{self.siaga.calls} (answers {self.siaga.answers}); deliveries "
            f"{self.deliveries.deliveries} (rows {self.deliveries.rows}); drafts "
            f"{len(self.drafts.users)} (conversations {len(self.drafts.states)}); practice "
            f"sessions {self.latihan.sessions} (reports {self.latihan.reports}); situation "
            f"notes {self.notes.notes}"
        )


class RetentionService:
    """Applies the retention rules to the database."""

    def __init__(self, db: Database, settings: RetentionSettings, *, batch: int = BATCH) -> None:
        self.db = db
        self.settings = settings
        self.batch = batch

    def cutoffs(self, now: dt.datetime | None = None) -> Cutoffs:
        """The cut-off of each rule at `now` (default: the current time)."""
        now = now or utcnow()
        return Cutoffs(
            reports=now - dt.timedelta(days=self.settings.report_days),
            deliveries=now - dt.timedelta(days=self.settings.delivery_days),
            drafts=now - dt.timedelta(days=self.settings.draft_days),
        )

    async def preview(self, *, now: dt.datetime | None = None) -> RetentionResult:
        """What `apply` would remove at `now`; changes nothing."""
        cut = self.cutoffs(now)
        reports = await self.db.run(q.report_figures, before=cut.reports)
        deliveries = await self.db.run(q.delivery_figures, before=cut.deliveries)
        drafts = await self.db.run(q.abandoned_drafts, before=cut.drafts)
        siaga = await self.db.run(q.siaga_figures, before=cut.reports)
        latihan = await self.db.run(q.training_figures, before=cut.reports)
        notes = await self.db.run(q.note_figures, before=cut.reports)
        return RetentionResult(False, cut, reports, deliveries, drafts, siaga, latihan, notes)

    async def apply(
        self, *, now: dt.datetime | None = None, actor_label: str = "daily job"
    ) -> RetentionResult:
        """Remove what the rules say at `now`, batch by batch; returns what went. A run that
        removed something is written to the audit log as done by `actor_label`."""
        now = now or utcnow()
        cut = self.cutoffs(now)
        reports = ReportFigures()
        while ids := await self.db.run(q.reports_due, before=cut.reports, limit=self.batch):
            done = await self.db.write(
                q.redact_reports, report_ids=ids, before=cut.reports, now=now
            )
            reports += done
            if not done.reports:
                break  # changed meanwhile by someone else: the next run sees them again
        siaga = SiagaFigures()
        while ids := await self.db.run(q.siaga_due, before=cut.reports, limit=self.batch):
            redacted = await self.db.write(q.redact_siaga, call_ids=ids, before=cut.reports)
            siaga += redacted
            if not redacted.calls:
                break
        latihan = TrainingFigures()
        while ids := await self.db.run(q.training_due, before=cut.reports, limit=self.batch):
            trained = await self.db.write(q.redact_training, session_ids=ids, before=cut.reports)
            latihan += trained
            if not trained.sessions:
                break
        notes = NoteFigures()
        while ids := await self.db.run(q.notes_due, before=cut.reports, limit=self.batch):
            deleted = await self.db.write(q.delete_notes, note_ids=ids, before=cut.reports)
            notes += deleted
            if not deleted.notes:
                break
        deliveries = DeliveryFigures()
        while ids := await self.db.run(q.deliveries_due, before=cut.deliveries, limit=self.batch):
            compacted = await self.db.write(
                q.compact_deliveries, delivery_ids=ids, before=cut.deliveries, now=now
            )
            deliveries += compacted
            if not compacted.deliveries:
                break
        drafts = await self.db.write(q.remove_abandoned_drafts, before=cut.drafts)
        result = RetentionResult(True, cut, reports, deliveries, drafts, siaga, latihan, notes)
        if not result.nothing:
            await self.db.run(
                queries.add_audit,
                "retention.apply",
                actor_label=actor_label,
                details=result.summary(),
            )
        log.info("Retention: removed %s", result.summary())
        return result


__all__ = [
    "Cutoffs",
    "DeliveryFigures",
    "Drafts",
    "NoteFigures",
    "ReportFigures",
    "RetentionResult",
    "RetentionService",
    "RetentionSettings",
    "SiagaFigures",
    "TrainingFigures",
]
