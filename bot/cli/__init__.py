"""The `kamtibmas` command line (also `python -m bot`): one sub-command module per concern.

    run.py        run, db upgrade|current, check-config
    areas.py      areas import|list|add-desa|rename|neighbours, polsek set|duty-chat|list
    roles.py      admin grant|revoke|list, invite, audit, org
    reports.py    reports export|stats
    delivery.py   delivery status|ledger
    backup.py     backup, restore (and `db copy`, which run.py hands to it)
    retention.py  retention [--dry-run]
    siaga.py      siaga csv ID [FILE]
    common.py     exit codes, errors, the database, finding an area by name

Each module has `add_parsers(commands)`; a command's function takes the parsed arguments and
returns the exit code. A `StartupError` (or `CommandError`) ends it with its message on stderr.
Only the module of the command being run is imported (see `COMMANDS`), and `common` and `run`
import the database layer inside the functions that need it: `kamtibmas --help` and
`check-config` answer in well under a second (bench/cli.py measures them).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.cli.common import EXIT_CONFIG
from bot.cli.common import StartupError
from bot.config import ConfigError

# Every command, the module that defines it and its one-line help. Only the module of the command
# being run (or asked about) is imported: `kamtibmas --help` loads no database, no service and no
# Telegram code. The help here is what `kamtibmas --help` lists; the module's own parser repeats
# it (tests/cli/test_speed.py checks that both say the same).
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", "run the bot (applies database migrations first)"),
    "db": ("run", "database schema"),
    "check-config": ("run", "validate the configuration and show it"),
    "areas": ("areas", "import, list and correct areas"),
    "polsek": ("areas", "police sectors and their duty chats"),
    "admin": ("roles", "grant, revoke and list roles"),
    "invite": ("roles", "one-time role invitations"),
    "audit": ("roles", "the audit log, newest first"),
    "org": ("roles", "organisations (sources of advisories)"),
    "reports": ("reports", "incident reports"),
    "delivery": ("delivery", "how a delivery went"),
    "backup": ("backup", "a backup of the database, now"),
    "restore": ("backup", "put a backup back (the bot must be stopped)"),
    "retention": ("retention", "remove data older than the retention rules allow"),
    "siaga": ("siaga", "muster calls (/siaga)"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kamtibmas` console script and of `python -m bot`."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # A command is mostly imports: hundreds of modules whose objects live until it exits, and
    # almost no garbage. The cyclic collector would walk them again and again (~10% of a
    # read); it stays off while the command runs (`run` turns it on once the bot is built).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str]) -> int:
    args = _parser(_command_of(argv)).parse_args(argv)
    try:
        code: int = args.func(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    return code


def _command_of(argv: Sequence[str]) -> str | None:
    """The command `argv` names (None for none or an unknown one), without parsing the rest."""
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--config")
    _known, rest = first.parse_known_args(argv)
    words = [word for word in rest if not word.startswith("-")]
    return words[0] if words and words[0] in COMMANDS else None


def _parser(command: str | None = None, *, complete: bool = False) -> argparse.ArgumentParser:
    """The `kamtibmas` parser: complete for `command`'s module (or every module if `complete`),
    the other commands named with their help only."""
    parser = argparse.ArgumentParser(prog="kamtibmas", description="Kamtibmas Bot")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get("KAMTIBMAS_CONFIG", "config.env")),
        help="configuration file (default: config.env; the environment wins over it)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = {module for name, (module, _help) in COMMANDS.items() if complete or name == command}
    added: set[str] = set()
    for name, (module, help_) in COMMANDS.items():
        if module not in wanted:
            commands.add_parser(name, help=help_)
        elif module not in added:  # the module adds all its commands at once
            importlib.import_module(f"bot.cli.{module}").add_parsers(commands)
            added.add(module)
    return parser
