"""The Laporan page's read side: reports in a viewer's scope, filtered and paged by the
database, the map's points, what changed since the last poll, one report's detail, and the
practice reports of the "latihan" source.

Scope: the Polsek `ReportService.visible_polsek(holdings)` names (an admin: all). Filters: status,
category, desa, a time range (whole days in the deployment's time zone) and the source:
- "warga": reports a resident made with /lapor (`reports.source` "lapor"),
- "ronda": reports made at a patrol check-out (`reports.source` "ronda"),
- "latihan": practice reports (`training_reports`, bot/services/latihan) of sessions held in the
  viewer's desa. They are never in `reports`, so never in the real counts, the map or the polls;
  this source shows them alone, read-only, every row marked LATIHAN.
No source chosen: every real report (warga and ronda), never the practice ones.

Nothing here names a reporter: rows and details say only whether a report is named. A named
reporter is shown through `ReportService.reporter` (one report, one officer, audited), as the duty
card's "👤 Pelapor" does; an anonymous one never. Practice reports show no trainee either.

Acting on a report is not here: the page calls `ReportService.act` / `check` itself, the same
calls as the duty card, so the card and the resident follow.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.services.areas import AreaService
from bot.services.authz import Holding
from bot.services.latihan.types import number as practice_number
from bot.services.reports import ReportService
from bot.services.reports.types import FINAL
from bot.services.users import display_names
from storage import dasbor as q
from storage import reports as report_queries
from storage.dasbor import MapPoint
from storage.dasbor import ReportFilter
from storage.dasbor import TrainingFilter
from storage.models import AreaLevel
from storage.models import Polsek
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import utcnow

PAGE_SIZE = 50
E = TypeVar("E", bound=enum.Enum)
# Markers on one map: beyond this the newest (urgent open ones first) are drawn; the table
# has them all.
MAP_LIMIT = 2000
# Rows one poll returns at most (a burst beyond this: the page reloads its table).
POLL_LIMIT = 200
# A poll asks for changes since its last answer's time minus this: a change committed while
# the previous poll read is not missed (seen twice at worst, which the page tolerates).
POLL_OVERLAP = dt.timedelta(seconds=5)


# History steps that are the reporter's (made, answered): shown without any name.
REPORTER_EVENTS = frozenset({"created", "answer"})


class Source(enum.StrEnum):
    """Where reports came from, as the page's filter names it."""

    WARGA = "warga"
    RONDA = "ronda"
    LATIHAN = "latihan"


# `reports.source` values of each real source.
REPORT_SOURCES = {Source.WARGA: ("lapor",), Source.RONDA: ("ronda",)}


@dataclass(frozen=True)
class Filters:
    """What the viewer chose above the table (None: any)."""

    status: ReportStatus | None = None
    category: ReportCategory | None = None
    desa_id: int | None = None
    since: dt.date | None = None  # from this day (local time)
    until: dt.date | None = None  # up to and including this day
    source: Source | None = None

    @property
    def practice(self) -> bool:
        return self.source is Source.LATIHAN

    @classmethod
    def parse(cls, values: Mapping[str, str]) -> Filters:
        """The filters of a page's query string (status, kategori, desa, dari, sampai, sumber);
        what does not parse is no filter."""

        def pick(kind: type[E], key: str) -> E | None:
            try:
                return kind(values.get(key, ""))
            except ValueError:
                return None

        def day(key: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat(values.get(key, ""))
            except ValueError:
                return None

        desa = values.get("desa", "")
        return cls(
            status=pick(ReportStatus, "status"),
            category=pick(ReportCategory, "kategori"),
            desa_id=int(desa) if desa.isdecimal() and len(desa) < 10 else None,
            since=day("dari"),
            until=day("sampai"),
            source=pick(Source, "sumber"),
        )

    def query(self) -> dict[str, str]:
        """The filters as a query string's values (the inverse of `parse`)."""
        values = {
            "status": self.status.value if self.status else "",
            "kategori": self.category.value if self.category else "",
            "desa": str(self.desa_id) if self.desa_id is not None else "",
            "dari": self.since.isoformat() if self.since else "",
            "sampai": self.until.isoformat() if self.until else "",
            "sumber": self.source.value if self.source else "",
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class ReportRow:
    """One report as the table and the polls show it; no reporter, only whether one is named."""

    id: int
    code: str
    created_at: dt.datetime
    category: str
    status: str  # a ReportStatus value; "latihan" for a practice report
    urgent: bool
    desa: str
    place_text: str
    latitude: float | None
    longitude: float | None
    source: str  # "lapor", "ronda", "latihan"
    named: bool
    handler: str | None = None
    practice: bool = False

    @property
    def open(self) -> bool:
        return not self.practice and ReportStatus(self.status) not in FINAL


@dataclass(frozen=True)
class Table:
    """One page of the table."""

    rows: list[ReportRow]
    total: int
    page: int
    pages: int
    practice: bool
    # Where this page's polling starts (the newest report's id when it was read).
    after_id: int = 0
    read_at: dt.datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class Changes:
    """A poll's answer: reports new or changed since the last one, and the next cursor."""

    rows: list[ReportRow]
    after_id: int
    read_at: dt.datetime


@dataclass(frozen=True)
class Event:
    """One step of a report's history, for the police: who (an officer), what, when."""

    at: dt.datetime
    kind: str
    note: str
    # The officer's name; None for the bot itself and for the reporter (never named here).
    actor: str | None
    by_reporter: bool


@dataclass(frozen=True)
class Detail:
    """One report for its page: the row, the story, photos (their count: served one by one),
    history, and the reporter's kind (named or not, never who)."""

    row: ReportRow
    description: str
    photos: int
    events: list[Event]
    polsek: str | None
    outcome: str
    reject_reason: str | None
    claimed_by: int | None
    redacted: bool


@dataclass(frozen=True)
class PracticeDetail:
    """One practice report (read-only): the story, its checklist result and the feedback."""

    row: ReportRow
    description: str
    photos: int
    passed: int
    total: int
    missing: list[str]
    feedback: str | None


@dataclass(frozen=True)
class Scope:
    """Whose reports a viewer sees: Polsek ids (None: all) and the desa they cover."""

    polsek_ids: frozenset[int] | None
    desa_ids: frozenset[int] | None

    @property
    def empty(self) -> bool:
        return self.polsek_ids is not None and not self.polsek_ids


class LaporanService:
    """Reads of the Laporan page, always within the viewer's scope."""

    def __init__(self, reports: ReportService, areas: AreaService, timezone: ZoneInfo) -> None:
        self.reports = reports
        self.db = reports.db
        self.areas = areas
        self.timezone = timezone

    # ---- scope and choices ------------------------------------------------------------------

    def scope(self, holdings: Iterable[Holding]) -> Scope:
        """The Polsek and desa whose reports these roles see."""
        visible = self.reports.visible_polsek(holdings)
        if visible is None:
            return Scope(None, None)
        desa = frozenset(
            entry.id
            for entry in self.areas.index.entries
            if entry.level is AreaLevel.DESA and self.areas.polsek_id_of(entry.id) in visible
        )
        return Scope(frozenset(visible), desa)

    def desa_choices(self, scope: Scope) -> list[tuple[int, str]]:
        """(id, "Kronto (Kec. Lumbang)") of the desa the filter offers, by name."""
        entries = [
            entry
            for entry in self.areas.index.entries
            if entry.level is AreaLevel.DESA
            and (scope.desa_ids is None or entry.id in scope.desa_ids)
        ]
        labelled = [(entry.id, self.areas.label(entry)) for entry in entries]
        return sorted(labelled, key=lambda pair: pair[1])

    def _where(self, scope: Scope, filters: Filters) -> ReportFilter:
        since, until = self._range(filters)
        sources = REPORT_SOURCES.get(filters.source) if filters.source else None
        return ReportFilter(
            polsek_ids=scope.polsek_ids,
            status=filters.status.value if filters.status else None,
            category=filters.category.value if filters.category else None,
            desa_id=filters.desa_id,
            since=since,
            until=until,
            sources=sources,
        )

    def _range(self, filters: Filters) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The chosen days as UTC moments: from the first day's midnight, to the midnight
        after the last day (local time)."""

        def midnight(day: dt.date) -> dt.datetime:
            local = dt.datetime.combine(day, dt.time(), tzinfo=self.timezone)
            return local.astimezone(dt.UTC)

        since = midnight(filters.since) if filters.since else None
        until = midnight(filters.until + dt.timedelta(days=1)) if filters.until else None
        return since, until

    # ---- the table, the map, the polls ------------------------------------------------------

    async def table(self, scope: Scope, filters: Filters, page: int = 1) -> Table:
        """One page of the table (pages count from 1; past the last: the last)."""
        if filters.practice:
            return await self.db.run(self._practice_table, scope, filters, page)
        return await self.db.run(self._table, scope, filters, page)

    def _table(self, session: Session, scope: Scope, filters: Filters, page: int) -> Table:
        where = self._where(scope, filters)
        after_id = q.laporan_last_id(session)
        total = q.laporan_count(session, where=where)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = min(max(1, page), pages)
        reports = q.laporan_page(
            session, where=where, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        rows = self._rows(session, reports)
        return Table(rows, total, page, pages, practice=False, after_id=after_id)

    def _practice_table(self, session: Session, scope: Scope, filters: Filters, page: int) -> Table:
        since, until = self._range(filters)
        where = TrainingFilter(
            desa_ids=scope.desa_ids,
            category=filters.category.value if filters.category else None,
            desa_id=filters.desa_id,
            since=since,
            until=until,
        )
        total = q.training_count(session, where=where)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = min(max(1, page), pages)
        offset = (page - 1) * PAGE_SIZE
        found = q.training_page(session, where=where, offset=offset, limit=PAGE_SIZE)
        rows = [self._practice_row(report, desa_id) for report, desa_id in found]
        return Table(rows, total, page, pages, practice=True)

    async def points(self, scope: Scope, filters: Filters) -> list[MapPoint]:
        """The map's markers (reports with a shared location; practice reports: none, they
        stay off the map of real reports)."""
        if filters.practice:
            return []
        where = self._where(scope, filters)
        return await self.db.run(lambda s: q.laporan_points(s, where=where, limit=MAP_LIMIT))

    async def changes(
        self, scope: Scope, filters: Filters, after_id: int, since: dt.datetime | None
    ) -> Changes:
        """Reports made after `after_id` or changed since `since` (the previous answer's
        `read_at`), within scope and filters; practice reports are not polled."""
        if filters.practice:
            return Changes([], after_id, utcnow())

        def read(session: Session) -> Changes:
            now = utcnow()
            where = self._where(scope, filters)
            changed_since = since - POLL_OVERLAP if since is not None else None
            reports = q.laporan_changed(
                session,
                where=where,
                after_id=after_id,
                changed_since=changed_since,
                limit=POLL_LIMIT,
            )
            newest = max([after_id, *(r.id or 0 for r in reports)])
            return Changes(self._rows(session, reports), newest, now)

        return await self.db.run(read)

    # ---- one report -------------------------------------------------------------------------

    async def detail(self, scope: Scope, report_id: int) -> Detail | None:
        """One report in scope (None: none such, or not the viewer's to see)."""

        def read(session: Session) -> Detail | None:
            report = report_queries.get(session, report_id)
            if report is None or not _in_scope(scope, report):
                return None
            row = self._rows(session, [report])[0]
            events = report_queries.events(session, report_id)
            # The reporter's own steps are never tied to a name, whoever stored them.
            mine = [e.kind in REPORTER_EVENTS or e.actor_id == report.reporter_id for e in events]
            officers = [
                e.actor_id for e, m in zip(events, mine, strict=True) if e.actor_id and not m
            ]
            names = display_names(session, officers) if officers else {}
            history = [
                Event(
                    at=e.at,
                    kind=e.kind,
                    note=e.note,
                    actor=None if m or e.actor_id is None else names.get(e.actor_id),
                    by_reporter=m and e.kind != "created",
                )
                for e, m in zip(events, mine, strict=True)
            ]
            polsek = self._polsek_name(session, report.polsek_id)
            return Detail(
                row=row,
                description=report.description,
                photos=len(report_queries.photos(session, report_id)),
                events=history,
                polsek=polsek,
                outcome=report.outcome,
                reject_reason=report.reject_reason,
                claimed_by=report.claimed_by,
                redacted=report.redacted_at is not None,
            )

        return await self.db.run(read)

    async def photo(self, scope: Scope, report_id: int, position: int) -> str | None:
        """The Telegram file id of a report's photo number `position` (from 0), if the
        viewer may see the report."""

        def read(session: Session) -> str | None:
            report = report_queries.get(session, report_id)
            if report is None or not _in_scope(scope, report):
                return None
            photos = report_queries.photos(session, report_id)
            return photos[position] if 0 <= position < len(photos) else None

        return await self.db.run(read)

    async def practice_detail(self, scope: Scope, report_id: int) -> PracticeDetail | None:
        """One practice report of a session held in the viewer's desa."""

        def read(session: Session) -> PracticeDetail | None:
            found = _practice_in_scope(session, scope, report_id)
            if found is None:
                return None
            report, practice = found
            return PracticeDetail(
                row=self._practice_row(report, practice.desa_id),
                description=report.description,
                photos=len([p for p in report.photos.split("\n") if p]),
                passed=report.passed,
                total=report.total,
                missing=[m for m in report.missing.split(",") if m],
                feedback=report.feedback,
            )

        return await self.db.run(read)

    async def practice_photo(self, scope: Scope, report_id: int, position: int) -> str | None:
        """The file id of a practice report's photo, if the viewer may see the report."""

        def read(session: Session) -> str | None:
            found = _practice_in_scope(session, scope, report_id)
            if found is None:
                return None
            report, _ = found
            photos = [p for p in report.photos.split("\n") if p]
            return photos[position] if 0 <= position < len(photos) else None

        return await self.db.run(read)

    # ---- rows -------------------------------------------------------------------------------

    def _polsek_name(self, session: Session, polsek_id: int | None) -> str | None:
        polsek = session.get(Polsek, polsek_id) if polsek_id is not None else None
        return polsek.name if polsek else None

    def _desa_label(self, desa_id: int | None) -> str:
        entry = self.areas.get(desa_id) if desa_id is not None else None
        return self.areas.label(entry) if entry else ""

    def _rows(self, session: Session, reports: Sequence[Report]) -> list[ReportRow]:
        """Table rows; the officers who hold them named in one query."""
        holders = sorted({r.claimed_by for r in reports if r.claimed_by is not None})
        names = display_names(session, holders) if holders else {}
        return [
            ReportRow(
                id=report.id or 0,
                code=report.code,
                created_at=report.created_at,
                category=str(report.category),
                status=str(report.status),
                urgent=report.urgent,
                desa=self._desa_label(report.desa_id),
                place_text=report.place_text,
                latitude=report.latitude,
                longitude=report.longitude,
                source=report.source,
                # A reporter who deleted their data is shown as an anonymous one (as on cards).
                named=not report.anonymous and report.reporter_id is not None,
                handler=names.get(report.claimed_by) if report.claimed_by else None,
            )
            for report in reports
        ]

    def _practice_row(self, report: TrainingReport, desa_id: int) -> ReportRow:
        return ReportRow(
            id=report.id or 0,
            code=practice_number(report.id or 0),
            created_at=report.created_at,
            category=report.category,
            status=Source.LATIHAN.value,
            urgent=report.urgent,
            desa=self._desa_label(report.desa_id or desa_id),
            place_text=report.place_text,
            latitude=report.latitude,
            longitude=report.longitude,
            source=Source.LATIHAN.value,
            # The trainer sees a trainee's name in chat; this page shows none at all.
            named=False,
            practice=True,
        )


def _in_scope(scope: Scope, report: Report) -> bool:
    return scope.polsek_ids is None or report.polsek_id in scope.polsek_ids


def _practice_in_scope(
    session: Session, scope: Scope, report_id: int
) -> tuple[TrainingReport, TrainingSession] | None:
    """A practice report with its session, if it was held in one of the viewer's desa."""
    found = q.training_report(session, report_id)
    if found is None:
        return None
    if scope.desa_ids is not None and found[1].desa_id not in scope.desa_ids:
        return None
    return found
