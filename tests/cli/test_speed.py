"""The command line answers at once: `kamtibmas --help` and `check-config` load neither Telegram
nor the database layer, reads load no Alembic, and the help listed is the commands' own; the bot
starts without what only some starts or some updates need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import COMMANDS
from bot.cli import _parser
from storage import migrate
from storage.db import Database

# What only some commands need: Telegram (run), the database layer (every command with data).
HEAVY = ("telegram", "sqlalchemy", "sqlmodel", "alembic", "areaid")
# What `kamtibmas run` does not need on an up-to-date database: migrations, the area data,
# webhooks, the other database's dialect, fuzzy search (first area search), abuse limits (first
# wrong invite code).
NOT_FOR_STARTING = (
    "alembic",
    "areaid",
    "bot.ptb.webhook",
    "sqlalchemy.dialects.postgresql",
    "rapidfuzz",
    "limits",
)
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def imported_by(*args: str, cwd: Path) -> set[str]:
    """The modules `python -m bot ARGS` imports (from `-X importtime`)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert lines, result.stderr
    return {line.rsplit("|", 1)[-1].strip() for line in lines}


@pytest.mark.parametrize("args", [["--help"], ["check-config"]])
def test_help_and_check_config_import_neither_telegram_nor_the_database(
    args: list[str], tmp_path: Path
) -> None:
    modules = imported_by(*args, cwd=tmp_path)
    assert "bot.cli" in modules
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert not loaded, loaded[:10]


def test_the_listed_help_is_each_commands_own() -> None:
    listed = _parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    complete = _parser(complete=True)._subparsers._group_actions[0]  # type: ignore[union-attr]
    help_of = {action.dest: action.help for action in complete._choices_actions}
    assert {action.dest: action.help for action in listed._choices_actions} == help_of
    assert list(help_of) == list(COMMANDS)


def test_reads_on_an_up_to_date_database_do_not_load_alembic(tmp_path: Path) -> None:
    (tmp_path / "config.env").write_text("DATABASE_URL=sqlite:///data/bot.db\n")
    assert "alembic" in imported_by("db", "upgrade", cwd=tmp_path)  # it migrates: Alembic
    for args in (["admin", "list"], ["db", "current"]):
        modules = imported_by(*args, cwd=tmp_path)
        assert "storage.db" in modules and "alembic" not in modules, args
    # The schema's revision needs the engine only: not SQLModel (with pydantic) either.
    assert not {"sqlmodel", "pydantic"} & modules


def test_starting_on_an_up_to_date_database_loads_only_what_starting_needs(tmp_path: Path) -> None:
    (tmp_path / "config.env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nDATABASE_URL=sqlite:///data/bot.db\n"
        # Nothing listens there: the bot stops once it is built and asks Telegram who it is.
        "TELEGRAM_API_BASE_URL=http://127.0.0.1:1/bot\n"
    )
    imported_by("db", "upgrade", cwd=tmp_path)
    modules = imported_by("run", cwd=tmp_path)
    assert {"bot.app", "storage.db", "telegram.ext"} <= modules
    loaded = sorted(
        m for m in modules if m.split(".")[0] in NOT_FOR_STARTING or m.startswith(NOT_FOR_STARTING)
    )
    assert not loaded, loaded[:10]


def test_the_quick_schema_check_agrees_with_alembic(empty_database_url: str) -> None:
    assert migrate.shipped_heads() == {migrate.head_revision()}
    db = Database(empty_database_url, pool_size=1)
    try:
        assert not migrate.is_up_to_date(db.engine) and migrate.stored_revisions(db.engine) == []
        migrate.upgrade(db.engine, "0001")
        assert not migrate.is_up_to_date(db.engine)
        migrate.upgrade(db.engine)
        assert migrate.is_up_to_date(db.engine)
        assert migrate.stored_revisions(db.engine) == [migrate.current_revision(db.engine)]
    finally:
        db.close()
