"""`kamtibmas retention [--dry-run]`: apply the retention rules now (the bot does it daily at
RETENTION_HOUR), or with --dry-run only show what would be removed."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from typing import TYPE_CHECKING

from bot.cli.common import database
from bot.config import Settings
from bot.config import load_settings

if TYPE_CHECKING:
    from bot.services.retention import RetentionResult


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `retention`."""
    retention = commands.add_parser(
        "retention", help="remove data older than the retention rules allow"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="only show what would be removed; change nothing"
    )
    retention.set_defaults(func=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    """Apply (or, with --dry-run, preview) the retention rules and print the counts."""
    from bot.services.retention import RetentionService
    from bot.services.retention import RetentionSettings

    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        service = RetentionService(
            db,
            RetentionSettings(
                report_days=settings.retention_report_days,
                delivery_days=settings.retention_delivery_days,
                draft_days=settings.retention_draft_days,
            ),
        )
        work = service.preview() if args.dry_run else service.apply(actor_label="cli")
        result = asyncio.run(work)
    print("\n".join(render(result, settings)))
    return 0


def render(result: RetentionResult, settings: Settings) -> list[str]:
    """The lines `kamtibmas retention` prints: per rule, its cut-off and its counts."""
    tz = settings.timezone

    def when(moment: dt.datetime) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    cut, reports, deliveries, drafts = (
        result.cutoffs,
        result.reports,
        result.deliveries,
        result.drafts,
    )
    head = "Removed" if result.applied else "Dry run, nothing changed. Would remove"
    lines = [
        f"{head} (times in {tz.key}):",
        f"reports closed before {when(cut.reports)} "
        f"(RETENTION_REPORT_DAYS={settings.retention_report_days})",
        f"  reports: {reports.reports}   photos: {reports.photos}   exact locations: "
        f"{reports.locations}   stored messages emptied: {reports.messages}",
        f"siaga calls closed before {when(cut.reports)} (the same RETENTION_REPORT_DAYS)",
        f"  calls: {result.siaga.calls}   answers: {result.siaga.answers} "
        "(shared locations and reasons; the answers, times and counts are kept)",
        f"practice sessions (/latihan) closed before {when(cut.reports)} (the same "
        "RETENTION_REPORT_DAYS)",
        f"  sessions: {result.latihan.sessions}   practice reports: {result.latihan.reports} "
        "(photos, locations and places; the reports, checklists and feedback are kept)",
        f"situation notes (/kondisi) expired before {when(cut.reports)} (the same "
        "RETENTION_REPORT_DAYS)",
        f"  notes: {result.notes.notes} (deleted whole: their text is all they hold)",
        f"deliveries finished before {when(cut.deliveries)} "
        f"(RETENTION_DELIVERY_DAYS={settings.retention_delivery_days})",
        f"  deliveries: {deliveries.deliveries}   recipient rows: {deliveries.rows} "
        "(their counts are kept)",
        f"drafts untouched since {when(cut.drafts)} "
        f"(RETENTION_DRAFT_DAYS={settings.retention_draft_days})",
        f"  people: {len(drafts.users)}   open conversations: {len(drafts.states)}",
        "audit log: kept, never removed",
    ]
    if result.applied and (drafts.users or drafts.states):
        lines.append(
            "Note: a bot running now keeps these conversations in memory until it restarts "
            "(its own daily run removes them from both)."
        )
    return lines
