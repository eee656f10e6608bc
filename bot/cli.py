"""The `kamtibmas` command line: run the bot, migrate the database, check the configuration;
areas, roles and the audit log have their own modules (cli_areas, cli_roles)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy.exc import OperationalError

from bot.config import ConfigError, Settings, load_settings, mask_url_password
from bot.logs import redact, setup_logging
from storage import migrate
from storage.db import Database

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 1
log = logging.getLogger("bot")

TOKEN_REJECTED = """\
[ID] Telegram menolak token bot (TELEGRAM_BOT_TOKEN). Periksa token di {config_file}: salin lagi
     dari @BotFather (/mybots -> pilih bot -> API Token). Token yang dicabut tidak berlaku lagi.
[EN] Telegram rejected the bot token (TELEGRAM_BOT_TOKEN). Check the token in {config_file}: copy
     it again from @BotFather (/mybots -> your bot -> API Token). A revoked token stops working."""


class StartupError(Exception):
    """The bot cannot start for a reason the person running it can fix; no traceback needed."""

    def __init__(self, message: str, exit_code: int = EXIT_UNAVAILABLE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kamtibmas` console script and of `python -m bot`."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamtibmas", description="Kamtibmas Bot")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get("KAMTIBMAS_CONFIG", "config.env")),
        help="configuration file (default: config.env; the environment wins over it)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot (applies database migrations first)")
    run.add_argument("--no-upgrade", action="store_true", help="do not apply migrations")
    run.set_defaults(func=cmd_run)

    db = commands.add_parser("db", help="database schema").add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply migrations up to the newest").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser("current", help="show the schema revision").set_defaults(func=cmd_db_current)

    commands.add_parser("check-config", help="validate the configuration and show it").set_defaults(
        func=cmd_check_config
    )

    from bot import cli_areas, cli_reports, cli_roles  # imported here: they build on this module

    cli_areas.add_parsers(commands)
    cli_roles.add_parsers(commands)
    cli_reports.add_parsers(commands)
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
    return parser


def _telegram_id(raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 10**15:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a Telegram user id (a positive number)")
    return int(raw)


@contextlib.contextmanager
def _database(settings: Settings, *, upgrade: bool = True) -> Iterator[Database]:
    """The configured database (schema brought up to date unless told not to), closed after."""
    db = Database(settings.database_url, pool_size=1)
    try:
        try:
            if upgrade:
                migrate.upgrade(db.engine)
            else:
                db.engine.connect().close()
        except OperationalError as exc:
            raise StartupError(
                "Database tidak bisa dibuka / the database cannot be opened: "
                f"{mask_url_password(settings.database_url)}\n  {exc.orig}"
            ) from None
        yield db
    finally:
        db.close()


def cmd_run(args: argparse.Namespace) -> int:
    """Validate the configuration, migrate, and run the bot until stopped."""
    settings = load_settings(args.config)
    setup_logging(settings.log_level, secrets=[settings.token, settings.webhook_secret or ""])
    with _database(settings, upgrade=not args.no_upgrade) as db:
        if migrate.current_revision(db.engine) != migrate.head_revision():
            raise StartupError(
                "Skema database belum terbaru / the database schema is out of date: "
                "run `kamtibmas db upgrade` (or start without --no-upgrade)."
            )
        from bot.cli_areas import ensure_default_areas

        ensure_default_areas(db, settings)
    # Telegram's modules load only for the commands that talk to Telegram.
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application, run

    log.info("Starting (%s)", "webhook" if settings.use_webhook else "long polling")
    try:
        run(build_application(settings), settings)
    except InvalidToken:
        raise StartupError(TOKEN_REJECTED.format(config_file=args.config), EXIT_CONFIG) from None
    except NetworkError as exc:
        raise StartupError(
            f"Telegram tidak bisa dihubungi / cannot reach Telegram ({settings.api_base_url}): "
            + redact(str(exc), [settings.token])
        ) from None
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply every pending migration."""
    settings = load_settings(args.config, require_token=False)
    with _database(settings, upgrade=False) as db:
        before = migrate.current_revision(db.engine)
        migrate.upgrade(db.engine)
        after = migrate.current_revision(db.engine)
    print(
        f"Database up to date at revision {after}" + (f" (was {before})" if before != after else "")
    )
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    """Print the schema revision of the database and the newest one this code has."""
    settings = load_settings(args.config, require_token=False)
    with _database(settings, upgrade=False) as db:
        current = migrate.current_revision(db.engine)
    head = migrate.head_revision()
    print(f"database: {current or 'empty'}; newest: {head}")
    return 0 if current == head else 1


def cmd_check_config(args: argparse.Namespace) -> int:
    """Validate the configuration and print it with secrets masked."""
    settings = load_settings(args.config)
    for key, value in settings.describe():
        print(f"{key:24} {value}")
    print("OK: configuration is valid / konfigurasi valid")
    return 0


def cmd_delivery_status(args: argparse.Namespace) -> int:
    """Print a delivery's state and counts; exit 1 if it does not exist."""
    from storage import outbox

    settings = load_settings(args.config, require_token=False)
    with _database(settings) as db:
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
    return 0


def cmd_delivery_ledger(args: argparse.Namespace) -> int:
    """Print (or write as CSV) every recipient of a delivery and what happened."""
    import csv

    from storage import outbox

    settings = load_settings(args.config, require_token=False)
    with _database(settings) as db:
        if db.call(outbox.get_delivery, args.delivery_id) is None:
            print(f"Delivery {args.delivery_id} does not exist.", file=sys.stderr)
            return 1
        entries = db.call(outbox.ledger, args.delivery_id)
    header = ["chat_id", "name", "status", "message_id", "sent_at", "attempts", "error"]
    rows = [
        [
            e.chat_id,
            e.name or "",
            e.status,
            e.message_id or "",
            e.sent_at.astimezone(settings.timezone).isoformat() if e.sent_at else "",
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
