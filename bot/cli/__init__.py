"""The `kamtibmas` command line (also `python -m bot`): one sub-command module per concern.

    run.py        run, db upgrade|current, check-config
    areas.py      areas import|list|add-desa|rename|neighbours, polsek set|duty-chat|list
    roles.py      admin grant|revoke|list, invite, audit, org
    reports.py    reports export|stats
    delivery.py   delivery status|ledger
    common.py     exit codes, errors, the database, finding an area by name

Each module has `add_parsers(commands)`; a command's function takes the parsed arguments and
returns the exit code. A `StartupError` (or `CommandError`) ends it with its message on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.cli import areas
from bot.cli import delivery
from bot.cli import reports
from bot.cli import roles
from bot.cli import run
from bot.cli.common import EXIT_CONFIG
from bot.cli.common import StartupError
from bot.config import ConfigError


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kamtibmas` console script and of `python -m bot`."""
    args = _parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except StartupError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamtibmas", description="Kamtibmas Bot")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get("KAMTIBMAS_CONFIG", "config.env")),
        help="configuration file (default: config.env; the environment wins over it)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (run, areas, roles, reports, delivery):
        module.add_parsers(commands)
    return parser
