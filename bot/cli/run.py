"""`kamtibmas run`, `db upgrade|current|copy` and `check-config`: start the bot, keep the schema up
to date, validate the configuration."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable

from bot.cli.common import EXIT_CONFIG
from bot.cli.common import StartupError
from bot.cli.common import database
from bot.config import ConfigError
from bot.config import Settings
from bot.config import load_settings
from bot.config import read_environment
from bot.config import token_problem
from bot.logs import redact
from bot.logs import setup_logging
from bot.private_files import warnings as file_warnings

log = logging.getLogger("bot")

TOKEN_REJECTED = """\
[ID] Telegram menolak token bot (TELEGRAM_BOT_TOKEN). Periksa token di {config_file}: salin lagi
     dari @BotFather (/mybots -> pilih bot -> API Token). Token yang dicabut tidak berlaku lagi.
[EN] Telegram rejected the bot token (TELEGRAM_BOT_TOKEN). Check the token in {config_file}: copy
     it again from @BotFather (/mybots -> your bot -> API Token). A revoked token stops working."""


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `run`, `db upgrade|current|copy` and `check-config`."""
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
    copy = db.add_parser("copy", help="copy every row into another, empty database")
    copy.add_argument(
        "--to", required=True, metavar="URL", help="e.g. postgresql+psycopg://user:pw@host/db"
    )
    copy.set_defaults(func=cmd_db_copy)

    commands.add_parser("check-config", help="validate the configuration and show it").set_defaults(
        func=cmd_check_config
    )


def cmd_run(args: argparse.Namespace) -> int:
    """Validate the configuration, migrate, and run the bot until stopped."""
    settings = load_settings(args.config)
    setup_logging(settings.log_level, secrets=[settings.token, settings.webhook_secret or ""])
    for warning in file_warnings(args.config, settings.database_url):
        log.warning("%s", warning)
    if not _database_ready(settings) and (code := _in_child(lambda: _prepare(settings, args))):
        return code
    # Telegram's modules load only for the commands that talk to Telegram.
    from telegram.error import InvalidToken
    from telegram.error import NetworkError

    from bot.app import build_application
    from bot.app import run

    log.info("Starting (%s)", "webhook" if settings.use_webhook else "long polling")
    try:
        application = build_application(settings)
        # The cyclic collector was off while starting (bot/cli/__init__.py): it runs again from
        # here, but no longer walks the objects start-up made (frozen: they live as long as
        # the process), so each full collection stays cheap.
        gc.freeze()
        gc.enable()
        run(application, settings)
    except InvalidToken:
        raise StartupError(TOKEN_REJECTED.format(config_file=args.config), EXIT_CONFIG) from None
    except NetworkError as exc:
        raise StartupError(
            f"Telegram tidak bisa dihubungi / cannot reach Telegram ({settings.api_base_url}): "
            + redact(str(exc), [settings.token])
        ) from None
    return 0


def _database_ready(settings: Settings) -> bool:
    """Whether the schema is up to date and DEFAULT_KABUPATEN's areas are there: a couple of
    queries, neither Alembic nor the areaid data loaded."""
    from bot.cli.areas import default_areas_present
    from storage import migrate

    with database(settings, upgrade=False) as db:
        return migrate.is_up_to_date(db.engine) and default_areas_present(db, settings)


def _prepare(settings: Settings, args: argparse.Namespace) -> None:
    """Bring the schema up to date (unless --no-upgrade) and import DEFAULT_KABUPATEN's areas."""
    from bot.cli.areas import ensure_default_areas
    from storage import migrate

    with database(settings, upgrade=not args.no_upgrade) as db:
        # The quick check first: Alembic (with Mako and Pygments) loads only when it is unsure.
        if not migrate.is_up_to_date(db.engine) and (
            migrate.current_revision(db.engine) != migrate.head_revision()
        ):
            raise StartupError(
                "Skema database belum terbaru / the database schema is out of date: "
                "run `kamtibmas db upgrade` (or start without --no-upgrade)."
            )
        ensure_default_areas(db, settings)


def _in_child(work: Callable[[], None]) -> int:
    """Run `work` in a forked child process and return its exit code (0: done).

    Migrating loads Alembic and the first start's import reads all of Indonesia's areas: in a
    child, their ~45 MB leave with it instead of staying in the bot for months (Python keeps
    freed memory in its arenas). Where there is no fork, `work` runs here.
    """
    if not hasattr(os, "fork"):
        work()
        return 0
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()  # no database connection and no thread is open at this point
    if pid == 0:
        code = 1
        try:
            work()
            code = 0
        except StartupError as exc:
            print(exc, file=sys.stderr)
            code = exc.exit_code
        except KeyboardInterrupt:
            code = 130
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code  # killed by a signal: as a shell reports it


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply every pending migration."""
    from storage import migrate

    settings = load_settings(args.config, require_token=False)
    with database(settings, upgrade=False) as db:
        before = migrate.current_revision(db.engine)
        migrate.upgrade(db.engine)
        after = migrate.current_revision(db.engine)
    print(
        f"Database up to date at revision {after}" + (f" (was {before})" if before != after else "")
    )
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    """Print the schema revision of the database and the newest one this code has."""
    from storage import migrate

    settings = load_settings(args.config, require_token=False)
    with database(settings, upgrade=False) as db:
        stored = migrate.stored_revisions(db.engine)
    # Told from the files and the version table; Alembic only if they are not one plain chain.
    heads = migrate.shipped_heads() or set()
    head = heads.pop() if len(heads) == 1 else migrate.head_revision()
    current = ",".join(stored) or None
    print(f"database: {current or 'empty'}; newest: {head}")
    return 0 if current == head else 1


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy the data to another database (bot/cli/backup.py does it)."""
    from bot.cli import backup

    return backup.cmd_db_copy(args)


def cmd_check_config(args: argparse.Namespace) -> int:
    """Validate the configuration and print it with secrets masked: every finding at once, the
    missing or malformed token last (the rest can be checked before there is one)."""
    problems: list[str] = []
    database_url: str | None = None
    try:
        settings = load_settings(args.config, require_token=False)
    except ConfigError as exc:
        problems.append(str(exc))
        token = read_environment(args.config).get("TELEGRAM_BOT_TOKEN", "")
    else:
        rows = settings.describe()
        width = max(len(key) for key, _value in rows) + 2
        for key, value in rows:
            print(f"{key:<{width}}{value}")
        token, database_url = settings.token, settings.database_url
    # Files others may read: said, not a failure (the bot works; it should not be readable).
    if warnings := file_warnings(args.config, database_url):
        sys.stdout.flush()
        print("\n".join(warnings), file=sys.stderr)
    if (problem := token_problem(token, args.config)) is not None:
        problems.append(problem)
    if problems:
        sys.stdout.flush()
        print("\n\n".join(problems), file=sys.stderr)
        return EXIT_CONFIG
    print("OK: configuration is valid / konfigurasi valid")
    return 0
