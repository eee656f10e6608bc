"""The police's overview of reports: whose reports an officer may see, counts for /statistik,
and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.services.areas import AreaService
from bot.services.authz import Holding
from bot.services.reports import messages
from bot.texts.when import format_iso
from storage import reports as q
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import Role
from storage.models import utcnow

CSV_COLUMNS = (
    "kode dibuat kategori status mendesak desa polsek tempat lintang bujur pelapor petugas "
    "diterima ditutup eskalasi alasan_tolak catatan foto uraian"
).split()


@dataclass
class Stats:
    """Counts for /statistik (and the dashboard's Statistik page, which charts the weeks)."""

    total: int = 0
    by_status: Counter[ReportStatus] = field(default_factory=Counter)
    by_category: Counter[ReportCategory] = field(default_factory=Counter)
    by_desa: Counter[str] = field(default_factory=Counter)
    by_week: Counter[str] = field(default_factory=Counter)
    # The same weeks split by category and by desa (their sums are `by_week`).
    by_week_category: Counter[tuple[str, ReportCategory]] = field(default_factory=Counter)
    by_week_desa: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Every week of the horizon, oldest first, empty ones too (a chart's axis).
    weeks: list[str] = field(default_factory=list)
    # From the report to its first officer (Terima, or any first action), and to Selesai.
    median_claim_minutes: float | None = None
    median_done_minutes: float | None = None
    escalated: int = 0


def visible_polsek(holdings: Iterable[Holding], areas: AreaService) -> set[int] | None:
    """The Polsek whose reports someone with these roles may see (None: all, for an admin)."""
    holdings = list(holdings)
    if any(h.role is Role.ADMIN for h in holdings):
        return None
    polsek_ids: set[int] = set()
    for holding in holdings:
        if holding.role is not Role.POLISI:
            continue
        if holding.scope.polsek_id is not None:
            polsek_ids.add(holding.scope.polsek_id)
        elif holding.scope.area_id is not None:
            polsek = areas.polsek_id_of(holding.scope.area_id)
            if polsek is not None:
                polsek_ids.add(polsek)
    return polsek_ids


def week_of(moment: dt.datetime, tz: ZoneInfo) -> str:
    """The ISO week a moment falls in, in the configured zone: "2026-W49"."""
    year, week, _ = moment.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def weeks_since(horizon: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> list[str]:
    """Every ISO week from the horizon's to now's, oldest first."""
    labels: list[str] = []
    moment = horizon
    while moment < now:
        labels.append(week_of(moment, tz))
        moment += dt.timedelta(weeks=1)
    labels.append(week_of(now, tz))
    return list(dict.fromkeys(labels))


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def count(reports: Sequence[Report], areas: AreaService, tz: ZoneInfo, weeks: int) -> Stats:
    """Counts by status, category, desa and week (the last `weeks`), and the median minutes
    from a report to its first officer and to Selesai (the moments its history records:
    `claimed_at` and `closed_at` are written with the events "diterima" and "selesai")."""
    now = utcnow()
    horizon = now - dt.timedelta(weeks=weeks)
    stats = Stats(total=len(reports), weeks=weeks_since(horizon, now, tz))
    waits: list[float] = []
    to_done: list[float] = []
    for report in reports:
        status = ReportStatus(report.status)
        category = ReportCategory(report.category)
        stats.by_status[status] += 1
        stats.by_category[category] += 1
        desa = areas.get(report.desa_id) if report.desa_id else None
        desa_label = areas.label(desa) if desa else "-"
        stats.by_desa[desa_label] += 1
        if report.created_at >= horizon:
            week = week_of(report.created_at, tz)
            stats.by_week[week] += 1
            stats.by_week_category[week, category] += 1
            stats.by_week_desa[week, desa_label] += 1
        if report.claimed_at is not None:
            waits.append((report.claimed_at - report.created_at).total_seconds() / 60)
        if status is ReportStatus.SELESAI and report.closed_at is not None:
            to_done.append((report.closed_at - report.created_at).total_seconds() / 60)
        stats.escalated += report.escalated_at is not None
    stats.median_claim_minutes = median(waits)
    stats.median_done_minutes = median(to_done)
    return stats


def export_rows(
    session: Session, areas: AreaService, tz: ZoneInfo, polsek_ids: set[int] | None
) -> list[dict[str, str]]:
    """Every report in scope as CSV rows (times in the configured zone, ISO 8601 with the
    offset). The "pelapor" column says "bernama" (named) or "anonim", never who: a file
    travels beyond the audit log, so a reporter is shown one report at a time, to one officer."""
    rows = []
    for report in q.in_scope(session, polsek_ids):
        view = messages.view_of(session, areas, report)
        rows.append(
            {
                "kode": view.code,
                "dibuat": format_iso(report.created_at, tz),
                "kategori": view.category.value,
                "status": view.status.value,
                "mendesak": "ya" if view.urgent else "tidak",
                "desa": view.desa,
                "polsek": view.polsek or "",
                "tempat": view.place_text,
                "lintang": "" if view.latitude is None else f"{view.latitude:.6f}",
                "bujur": "" if view.longitude is None else f"{view.longitude:.6f}",
                "pelapor": "anonim" if view.reporter is None else "bernama",
                "petugas": view.handler or "",
                "diterima": format_iso(report.claimed_at, tz),
                "ditutup": format_iso(report.closed_at, tz),
                "eskalasi": format_iso(report.escalated_at, tz),
                "alasan_tolak": report.reject_reason or "",
                "catatan": report.outcome,
                "foto": str(len(view.photos)),
                "uraian": view.description,
            }
        )
    return rows


def to_csv(rows: Sequence[dict[str, str]]) -> str:
    """CSV text with a header row (UTF-8 with BOM, so spreadsheet programs read it right)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
