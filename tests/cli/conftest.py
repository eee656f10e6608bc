"""Fixtures of the command-line tests: `kamtibmas ARGS` run in this process on the test database,
with nothing, Pasuruan's areas, or those and Polsek Lumbang in it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import Database
from tests.cli.helpers import Kamtibmas
from tests.cli.helpers import Outcome


@pytest.fixture
def kamtibmas(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Kamtibmas:
    """Run `kamtibmas ARGS` in this process against the test database."""
    for key in list(os.environ):
        if key.startswith(("TELEGRAM_", "ADMIN_", "DEFAULT_", "KAMTIBMAS_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DATABASE_URL", database_url)

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        try:
            code = main(["--config", str(tmp_path / "config.env"), *args])
        except SystemExit as exit_:  # argparse refusing the arguments
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def imported(kamtibmas: Kamtibmas) -> Kamtibmas:
    """The command line after `kamtibmas areas import --kabupaten "Kabupaten Pasuruan"`."""
    assert kamtibmas("areas", "import", "--kabupaten", "Kabupaten Pasuruan").code == 0
    return kamtibmas


@pytest.fixture
def cli(pasuruan: str, kamtibmas: Kamtibmas) -> Kamtibmas:
    """The command line on a database with Pasuruan's areas and Polsek Lumbang."""
    done = kamtibmas("polsek", "set", "Polsek Lumbang", "--kecamatan", "Lumbang")
    assert done.code == 0, done.err
    return kamtibmas


@pytest.fixture
def pasuruan_db(pasuruan: str) -> Iterator[Database]:
    """A Database on the test database with Pasuruan's areas."""
    database = Database(pasuruan, pool_size=1)
    yield database
    database.close()
