"""`kamtibmas siaga csv ID [FILE]`: one muster call (/siaga) as CSV, one row per person called."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli.common import CommandError
from bot.cli.common import area_service
from bot.cli.common import database
from bot.config import load_settings


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `siaga csv`."""
    siaga = commands.add_parser("siaga", help="muster calls (/siaga)").add_subparsers(
        dest="siaga_command", required=True, metavar="ACTION"
    )
    export = siaga.add_parser("csv", help="one call as CSV: who was called, who answered what")
    export.add_argument("call_id", type=int, metavar="ID", help="the call's number (#12)")
    export.add_argument("file", type=Path, nargs="?", metavar="FILE", help="default: stdout")
    export.set_defaults(func=cmd_siaga_csv)


def cmd_siaga_csv(args: argparse.Namespace) -> int:
    """Write one call's people and answers as CSV (times in TZ, ISO 8601)."""
    from bot.delivery import DeliveryService
    from bot.errors import UserFacingError
    from bot.services.patrols import PatrolService
    from bot.services.patrols import PatrolSettings
    from bot.services.roles import RoleService
    from bot.services.siaga import SiagaService
    from bot.services.siaga import SiagaSettings

    settings = load_settings(args.config, require_token=False)
    with database(settings) as db:
        areas = area_service(settings, db)
        roles = RoleService(db, areas, admin_ids=settings.admin_ids)
        delivery = DeliveryService(db)
        patrols = PatrolService(
            db, areas, roles, delivery, PatrolSettings(timezone=settings.timezone)
        )
        siaga = SiagaService(
            db, areas, roles, patrols, delivery, SiagaSettings(timezone=settings.timezone)
        )
        try:
            text, count = asyncio.run(siaga.csv(args.call_id))
        except UserFacingError as exc:
            raise CommandError(str(exc)) from None
    if args.file is None:
        sys.stdout.write(text.removeprefix("\ufeff"))
        return 0
    try:
        args.file.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"Cannot write {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{count} people of siaga #{args.call_id} written to {args.file}")
    return 0
