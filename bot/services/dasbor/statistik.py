"""The Statistik page's figures (issue 23): the same numbers as /statistik and /statistikronda,
read through the very service calls the chat uses, in the same scope, and the patrol figures as
CSV. The reports' CSV is `ReportService.export_csv` (audited, as /eksporlaporan).

    reader = StatistikReader(services.reports, services.patrols, services.siaga, services.areas)
    figures = await reader.reports(holdings)     # None: these roles may not see reports
    figures = await reader.patrols(holdings)     # None: these roles coordinate no ronda
    text, count = await reader.reports_csv(holdings, actor_id=..., actor_label=...)
    text = patrols_csv(figures)                   # counts only, nobody named
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.areas import AreaService
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.services.patrols import PatrolService
from bot.services.patrols.types import PatrolStats
from bot.services.patrols.volunteers import WatchCount
from bot.services.reports import ReportService
from bot.services.reports.overview import Stats
from bot.services.siaga import SiagaService
from bot.services.siaga.types import SiagaStats

# /statistik's weeks and /statistikronda's days: the page shows what the chat shows.
REPORT_WEEKS = 8
PATROL_DAYS = 30
PATROL_CSV_COLUMNS = (
    "desa hari terlaksana tidak_ada_yang_datang dibatalkan persen_terlaksana hadir "
    "anggota_diharapkan tepat_waktu persen_tepat_waktu keterlambatan_median_menit "
    "kejadian_dilihat laporan_dari_ronda"
).split()
ALL_DESA = "(semua)"


@dataclass(frozen=True)
class ReportFigures:
    """/statistik's counts for a person's scope."""

    polsek_ids: set[int] | None  # None: every Polsek (an admin)
    polsek_names: list[str]  # the Polsek in scope, for the heading ([] with None)
    stats: Stats


@dataclass(frozen=True)
class PatrolFigures:
    """/statistikronda's figures (its patrol, watch and siaga lines) for a person's desa."""

    desa_ids: list[int] | None  # None: every desa (an admin)
    desa_names: list[str]
    stats: PatrolStats
    watch: WatchCount
    siaga: SiagaStats


class StatistikReader:
    """The Statistik page's reads, on the bot's own services."""

    def __init__(
        self,
        reports: ReportService,
        patrols: PatrolService,
        siaga: SiagaService,
        areas: AreaService,
    ) -> None:
        self._reports = reports
        self._patrols = patrols
        self._siaga = siaga
        self._areas = areas

    async def reports(self, holdings: Sequence[Holding]) -> ReportFigures | None:
        """/statistik's counts (the last REPORT_WEEKS weeks by week) of the Polsek these roles
        may see; None when they may not see reports at all."""
        if not allowed(holdings, Action.VIEW_REPORTS):
            return None
        polsek_ids = self._reports.visible_polsek(holdings)
        stats = await self._reports.stats(polsek_ids, weeks=REPORT_WEEKS)
        names = []
        if polsek_ids is not None:
            names = [p.name for p in await self._areas.polsek_list() if p.id in polsek_ids]
        return ReportFigures(polsek_ids, names, stats)

    async def reports_csv(
        self, holdings: Sequence[Holding], *, actor_id: int, actor_label: str
    ) -> tuple[str, int] | None:
        """Every report in scope as CSV (audited, as /eksporlaporan); None when not allowed."""
        if not allowed(holdings, Action.VIEW_REPORTS):
            return None
        polsek_ids = self._reports.visible_polsek(holdings)
        return await self._reports.export_csv(
            polsek_ids, actor_id=actor_id, actor_label=actor_label
        )

    async def patrols(self, holdings: Sequence[Holding]) -> PatrolFigures | None:
        """/statistikronda's figures (the last PATROL_DAYS days) of every desa these roles
        coordinate; None when they coordinate none."""
        if not allowed(holdings, Action.MANAGE_PATROLS):
            return None
        desa_ids = self._patrols.coordinated_desa(holdings)
        if desa_ids is not None and not desa_ids:
            return None
        stats = await self._patrols.stats(desa_ids, days=PATROL_DAYS)
        watch = await self._patrols.watch_count(desa_ids)
        siaga = await self._siaga.stats(desa_ids, days=PATROL_DAYS)
        names = [] if desa_ids is None else [self._patrols.desa_name(d) for d in desa_ids]
        return PatrolFigures(desa_ids, names, stats, watch, siaga)


def patrols_csv(figures: PatrolFigures) -> str:
    """The patrol figures as CSV (UTF-8 with BOM, as the reports' file): a first row for every
    desa in scope together, then one per desa with its shifts held and missed (what
    /statistikronda lists per desa). Counts only: nobody is named."""
    stats = figures.stats
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=PATROL_CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(
        {
            "desa": ALL_DESA,
            "hari": stats.days,
            "terlaksana": stats.held,
            "tidak_ada_yang_datang": stats.missed,
            "dibatalkan": stats.cancelled,
            "persen_terlaksana": _percent(stats.held_share),
            "hadir": stats.checkins,
            "anggota_diharapkan": stats.expected_checkins,
            "tepat_waktu": stats.on_time,
            "persen_tepat_waktu": _percent(stats.on_time_share),
            "keterlambatan_median_menit": (
                "" if stats.median_late is None else f"{stats.median_late:.0f}"
            ),
            "kejadian_dilihat": stats.incidents_seen,
            "laporan_dari_ronda": stats.reports,
        }
    )
    for name, (held, missed) in stats.per_desa.items():
        finished = held + missed
        writer.writerow(
            {
                "desa": name,
                "hari": stats.days,
                "terlaksana": held,
                "tidak_ada_yang_datang": missed,
                "persen_terlaksana": _percent(held / finished if finished else None),
            }
        )
    return out.getvalue()


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.0f}"
