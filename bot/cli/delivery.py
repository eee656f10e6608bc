"""`kamtibmas delivery status|ledger`: how a delivery went, recipient by recipient."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from bot.cli.common import database
from bot.config import load_settings
from bot.texts.when import format_iso
from storage import outbox


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `delivery status` and `delivery ledger`."""
    delivery = commands.add_parser("delivery", help="how a delivery went").add_subparsers(
        dest="delivery_command", required=True, metavar="ACTION"
    )
    status = delivery.add_parser("status", help="counts and state of a delivery")
    status.add_argument("delivery_id", type=int, metavar="ID")
    status.set_defaults(func=cmd_delivery_status)
    ledger = delivery.add_parser("ledger", help="every recipient: sent or not, and why")
    ledger.add_argument("delivery_id", type=int, metavar="ID")
    ledger.add_argument("--csv", type=Path, metavar="FILE", help="write CSV to FILE instead")
    ledger.set_defaults(func=cmd_delivery_ledger)


def cmd_delivery_status(args: argparse.Namespace) -> int:
    """Print a delivery's state and counts; exit 1 if it does not exist."""
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        delivery = db.call(outbox.get_delivery, args.delivery_id)
        counts = db.call(outbox.counts, args.delivery_id) if delivery else None
    if delivery is None or counts is None:
        print(f"Delivery {args.delivery_id} does not exist.", file=sys.stderr)
        return 1
    created = delivery.created_at.astimezone(settings.timezone).strftime("%Y-%m-%d %H:%M:%S")
    print(f"delivery {args.delivery_id}: {delivery.kind} {delivery.ref or ''}".rstrip())
    print(f"state      {delivery.state}   created {created}")
    if delivery.finished_at:
        finished = delivery.finished_at.astimezone(settings.timezone)
        print(f"finished   {finished:%Y-%m-%d %H:%M:%S}")
    print(
        f"recipients {counts.total}: sent {counts.sent}, blocked {counts.blocked}, "
        f"failed {counts.failed}, cancelled {counts.cancelled}, waiting {counts.pending}"
    )
    if delivery.compacted_at:
        compacted = delivery.compacted_at.astimezone(settings.timezone)
        print(f"compacted  {compacted:%Y-%m-%d %H:%M:%S} (retention: counts kept, no ledger)")
    return 0


def cmd_delivery_ledger(args: argparse.Namespace) -> int:
    """Print (or write as CSV) every recipient of a delivery and what happened."""
    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        delivery = db.call(outbox.get_delivery, args.delivery_id)
        if delivery is None:
            print(f"Delivery {args.delivery_id} does not exist.", file=sys.stderr)
            return 1
        entries = db.call(outbox.ledger, args.delivery_id)
    if delivery.compacted_at:
        compacted = delivery.compacted_at.astimezone(settings.timezone)
        print(
            f"Delivery {args.delivery_id} was compacted on {compacted:%Y-%m-%d} (retention): "
            f"its recipients are no longer kept; `kamtibmas delivery status {args.delivery_id}` "
            "gives its counts.",
            file=sys.stderr,
        )
        return 1
    from bot.services.reports.types import REPORTER_KINDS

    # A report's reporter is not shown: anonymous reports hide them from everyone.
    hidden = delivery.kind in REPORTER_KINDS
    header = ["chat_id", "name", "status", "message_id", "sent_at", "attempts", "error"]
    rows = [
        [
            "(reporter, not shown)" if hidden else e.chat_id,
            "" if hidden else e.name or "",
            e.status,
            e.message_id or "",
            format_iso(e.sent_at, settings.timezone),
            e.attempts,
            e.error or "",
        ]
        for e in entries
    ]
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(rows)
        print(f"{len(rows)} recipients written to {args.csv}")
        return 0
    for row in rows:
        print("  ".join(str(v) for v in row))
    return 0
