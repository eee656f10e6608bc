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
        work = service.preview() if args.dry_run else service.apply()
        result = asyncio.run(work)
    print("\n".join(render(result, settings)))
    return 0


def render(result: RetentionResult, settings: Settings) -> list[str]:
    """The lines `kamtibmas retention` prints."""
    tz = settings.timezone

    def when(moment: dt.datetime) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    verb = "removed" if result.applied else "would remove"
    cut, reports, deliveries, drafts = (
        result.cutoffs,
        result.reports,
        result.deliveries,
        result.drafts,
    )
    lines = [
        "Retention "
        + ("applied" if result.applied else "dry run: nothing was changed")
        + f" (times in {tz.key})",
        f"reports     closed before {when(cut.reports)} "
        f"({settings.retention_report_days} days): {reports.reports} reports; {verb} "
        f"{reports.photos} photos, {reports.locations} exact locations, "
        f"the content of {reports.messages} stored messages",
        f"deliveries  finished before {when(cut.deliveries)} "
        f"({settings.retention_delivery_days} days): {deliveries.deliveries} deliveries; "
        f"{verb} {deliveries.rows} recipient rows (their counts are kept)",
        f"drafts      untouched since before {when(cut.drafts)} "
        f"({settings.retention_draft_days} days): {verb} the drafts of {len(drafts.users)} "
        f"people and {len(drafts.states)} open conversations",
        "audit log   kept (never removed)",
    ]
    if result.applied and (drafts.users or drafts.states):
        lines.append(
            "note: a bot running now still holds these conversations in memory until it "
            "restarts (its own daily run removes them from both)"
        )
    return lines
