"""The Statistik page (issue 23): reports per week by category and by desa (a bar chart drawn as
SVG on the server), response times, the patrol figures, and CSV downloads.

The numbers are /statistik's and /statistikronda's, read through the same service calls in the
same scope (bot/services/dasbor/statistik.py): reports where the viewer may VIEW_REPORTS
(`ReportService.visible_polsek`), patrols of the desa they coordinate (MANAGE_PATROLS). The
downloads are POSTs (CSRF): the reports' file is `ReportService.export_csv`, audited as
/eksporlaporan's, with "bernama"/"anonim" and never who.

    GET  /statistik               the page
    POST /statistik/laporan.csv   every report in scope (audited)
    POST /statistik/ronda.csv     the patrol figures (counts only)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.services.authz import Action
from bot.services.dasbor.statistik import REPORT_WEEKS
from bot.services.dasbor.statistik import PatrolFigures
from bot.services.dasbor.statistik import ReportFigures
from bot.services.dasbor.statistik import StatistikReader
from bot.services.dasbor.statistik import patrols_csv
from bot.services.reports.messages import category_name
from bot.texts import t
from bot.texts.when import format_stamp
from bot.web import Viewer
from bot.web import current_viewer
from bot.web import render
from bot.web import require
from bot.web import services_of
from bot.web.pages import Page
from storage.models import ReportCategory
from storage.models import ReportStatus

# One colour per category (Okabe-Ito: told apart with colour blindness too) and for the desa.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442")
OTHER_COLOUR = "#999999"
# The chart by desa names the busiest ones; the rest are one "other" segment.
TOP_DESA = 6
# The SVG's own units (it scales to the page's width).
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 30


# ---- the chart ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One series' part of a week's bar."""

    y: float
    height: float
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    week: str  # "2026-W49"
    short: str  # "W49"
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart of reports per week, in SVG units."""

    key: str  # "category" or "desa"
    title: str
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    base: float  # y of the zero line
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (y, value) of the grid lines
    legend: list[tuple[str, str]]  # (label, colour)


def nice_step(top: int, lines: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) so that `lines` steps reach `top`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step * lines >= top:
                return factor * step
        step *= 10


def weekly_chart(
    key: str, title: str, weeks: Sequence[str], series: Sequence[tuple[str, str, Mapping[str, int]]]
) -> Chart:
    """Stacked bars, one per week, a segment per series (label, colour, count by week)."""
    totals = [sum(counts.get(week, 0) for _, _, counts in series) for week in weeks]
    step = nice_step(max(totals, default=0) or 1)
    top = step * 4
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    slot = plot_w / max(len(weeks), 1)
    bars = []
    for i, week in enumerate(weeks):
        y = float(base)
        segments = []
        for label, colour, counts in series:
            n = counts.get(week, 0)
            if not n:
                continue
            height = plot_h * n / top
            y -= height
            segments.append(Segment(round(y, 2), round(height, 2), colour, label, n))
        bars.append(
            Bar(
                round(LEFT + i * slot + slot * 0.15, 2),
                round(slot * 0.7, 2),
                week,
                week.rpartition("-")[2],
                totals[i],
                segments,
            )
        )
    ticks = [(round(base - plot_h * k / 4, 2), step * k) for k in range(5)]
    legend = [(label, colour) for label, colour, counts in series if any(counts.values())]
    return Chart(key, title, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, base, bars, ticks, legend)


def charts(lang: str, figures: ReportFigures) -> list[Chart]:
    """Reports per week by category and by desa (the busiest TOP_DESA, then the others)."""
    stats = figures.stats
    by_category: list[tuple[str, str, Mapping[str, int]]] = []
    for i, category in enumerate(ReportCategory):
        counts = {w: n for (w, c), n in stats.by_week_category.items() if c is category}
        by_category.append((category_name(lang, category), COLOURS[i % len(COLOURS)], counts))
    desa_totals: Counter[str] = Counter()
    for (_, desa), n in stats.by_week_desa.items():
        desa_totals[desa] += n
    top = [desa for desa, _ in desa_totals.most_common(TOP_DESA)]
    by_desa: list[tuple[str, str, Mapping[str, int]]] = [
        (
            desa,
            COLOURS[i % len(COLOURS)],
            {w: n for (w, d), n in stats.by_week_desa.items() if d == desa},
        )
        for i, desa in enumerate(top)
    ]
    others: Counter[str] = Counter()
    for (week, desa), n in stats.by_week_desa.items():
        if desa not in top:
            others[week] += n
    if others:
        by_desa.append((t(lang, "dasbor.statistik_other_desa"), OTHER_COLOUR, others))
    return [
        weekly_chart("category", t(lang, "reports.stats_by_category"), stats.weeks, by_category),
        weekly_chart("desa", t(lang, "dasbor.statistik_by_desa"), stats.weeks, by_desa),
    ]


# ---- the page ----------------------------------------------------------------------------------


def reader_of(request: Request) -> StatistikReader:
    """The page's reads (made once, on the bot's own services)."""
    return services_of(request).dasbor.statistik


def minutes(value: float | None, none: str = "-") -> str:
    """A median as the chat writes it: whole minutes, `none` when there is none (/statistik
    "-", /statistikronda "—")."""
    return none if value is None else f"{value:.0f}"


def percent(share: float | None) -> str:
    """A share as /statistikronda writes it: whole percent, "—" when there is none."""
    return "—" if share is None else f"{100 * share:.0f}"


async def _figures(
    viewer: Viewer, reader: StatistikReader
) -> tuple[ReportFigures | None, PatrolFigures | None]:
    """What the viewer may see; refused (403, audited) when neither."""
    reports = await reader.reports(viewer.holdings)
    patrols = await reader.patrols(viewer.holdings)
    if reports is None and patrols is None:
        require(viewer, Action.VIEW_REPORTS)
    return reports, patrols


async def page(request: Request) -> Response:
    """The Statistik page."""
    viewer = await current_viewer(request)
    lang = viewer.lang
    reports, patrols = await _figures(viewer, reader_of(request))
    context: dict[str, object] = {"reports": reports, "patrols": patrols, "weeks": REPORT_WEEKS}
    if reports is not None:
        stats = reports.stats
        context |= {
            "report_scope": ", ".join(reports.polsek_names)
            if reports.polsek_ids is not None
            else t(lang, "reports.stats_everything"),
            "charts": charts(lang, reports),
            "to_terima": minutes(stats.median_claim_minutes),
            "to_selesai": minutes(stats.median_done_minutes),
            "statuses": [
                (s.value, t(lang, f"reports.status.{s.value}"), stats.by_status[s])
                for s in ReportStatus
                if stats.by_status[s]
            ],
            "categories": [
                (c.value, category_name(lang, c), n) for c, n in stats.by_category.most_common()
            ],
            "top_desa": stats.by_desa.most_common(10),
            "week_rows": [(w, stats.by_week.get(w, 0)) for w in stats.weeks],
        }
    if patrols is not None:
        names = patrols.desa_names
        scope = t(lang, "ronda.stats_everything") if patrols.desa_ids is None else ", ".join(names)
        context |= {
            "patrol_scope": scope,
            "held_pct": percent(patrols.stats.held_share),
            "on_time_pct": percent(patrols.stats.on_time_share),
            "median_late": minutes(patrols.stats.median_late, "—"),
            "siaga_pct": percent(patrols.siaga.answered_share),
            "siaga_median": minutes(patrols.siaga.median_minutes_to_siap, "—"),
        }
    return render(request, viewer, "statistik.html", context)


def _csv(text: str, name: str, request: Request) -> Response:
    tz = services_of(request).settings.timezone
    stamp = format_stamp(dt.datetime.now(dt.UTC), tz)
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}-{stamp}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def reports_csv(request: Request) -> Response:
    """Every report in the viewer's scope as CSV: /eksporlaporan's file, audited."""
    viewer = await current_viewer(request)
    require(viewer, Action.VIEW_REPORTS)
    exported = await reader_of(request).reports_csv(
        viewer.holdings, actor_id=viewer.user_id, actor_label=viewer.name
    )
    assert exported is not None  # require() refused otherwise
    return _csv(exported[0], "laporan", request)


async def patrol_csv(request: Request) -> Response:
    """The patrol figures of the desa the viewer coordinates as CSV (counts only)."""
    viewer = await current_viewer(request)
    require(viewer, Action.MANAGE_PATROLS)
    figures = await reader_of(request).patrols(viewer.holdings)
    if figures is None:  # roles that coordinate no desa: the page offers no such file
        raise HTTPException(404)
    return _csv(patrols_csv(figures), "ronda", request)


PAGE = Page(
    name="statistik",
    path="/statistik",
    title_key="dasbor.statistik_nav",
    # Every dashboard role (admin, polisi, pemuda koordinator) has patrol figures at least;
    # the page shows the reports' part to those who may VIEW_REPORTS.
    action=Action.MANAGE_PATROLS,
    routes=[
        Route("/statistik", page, methods=["GET"]),
        Route("/statistik/laporan.csv", reports_csv, methods=["POST"]),
        Route("/statistik/ronda.csv", patrol_csv, methods=["POST"]),
    ],
)
