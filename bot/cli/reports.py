"""`kamtibmas reports ...`: the reports' CSV export and statistics, on the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli.common import StartupError
from bot.cli.common import area_service
from bot.cli.common import database
from bot.config import Settings
from bot.config import load_settings
from bot.delivery import DeliveryService
from bot.services.areas import match_polsek
from bot.services.reports import ReportService
from bot.services.reports import ReportSettings
from storage.areas import all_polsek
from storage.db import Database


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `reports export` and `reports stats`."""
    reports = commands.add_parser("reports", help="incident reports").add_subparsers(
        dest="reports_command", required=True, metavar="ACTION"
    )
    export = reports.add_parser("export", help="every report as CSV (times in TZ, ISO 8601)")
    export.add_argument("--csv", type=Path, metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--polsek", metavar="NAME", help="only this Polsek's reports")
    export.set_defaults(func=cmd_reports_export)
    stats = reports.add_parser("stats", help="counts by status, category, desa and week")
    stats.add_argument("--polsek", metavar="NAME", help="only this Polsek's reports")
    stats.set_defaults(func=cmd_reports_stats)


def _service(settings: Settings, db: Database) -> ReportService:
    areas = area_service(settings, db)
    return ReportService(db, areas, DeliveryService(db), ReportSettings(timezone=settings.timezone))


def _scope(db: Database, name: str | None) -> set[int] | None:
    """The Polsek named (None: all)."""
    if not name:
        return None
    polsek = db.call(all_polsek)
    found = match_polsek(polsek, name)
    if found is None or found.id is None:
        known = ", ".join(p.name for p in polsek) or "none yet"
        raise StartupError(f"No Polsek named '{name}'. Known: {known}")
    return {found.id}


def cmd_reports_export(args: argparse.Namespace) -> int:
    """Write every report (of one Polsek) as CSV; the export is audited."""
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        scope = _scope(db, args.polsek)
        text, count = asyncio.run(
            _service(settings, db).export_csv(scope, actor_id=None, actor_label="cli")
        )
    if args.csv is None:
        sys.stdout.write(text.removeprefix("\ufeff"))
        return 0
    try:
        args.csv.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"Cannot write {args.csv}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{count} reports written to {args.csv}")
    return 0


def cmd_reports_stats(args: argparse.Namespace) -> int:
    """Print the counts /statistik shows."""
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        scope = _scope(db, args.polsek)
        stats = asyncio.run(_service(settings, db).stats(scope))
    median, done = (
        "-" if m is None else f"{m:.0f} min"
        for m in (stats.median_claim_minutes, stats.median_done_minutes)
    )
    print(
        f"reports {stats.total}   escalated {stats.escalated}   median time to take {median}"
        f"   to done {done}"
    )
    for title, counts in (
        ("by status", [(s.value, n) for s, n in stats.by_status.most_common()]),
        ("by category", [(c.value, n) for c, n in stats.by_category.most_common()]),
        ("by desa (top 10)", stats.by_desa.most_common(10)),
        ("by week", sorted(stats.by_week.items())),
    ):
        print(f"\n{title}")
        for name, count in counts:
            print(f"  {name:40} {count}")
    return 0
