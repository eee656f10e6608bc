"""Files for the bot's user alone (issue 20): `config.env` and the SQLite database (with its
-wal and -shm files) are created 0600, the data folder 0700; `kamtibmas check-config` warns,
without failing, when others may read or change them, and says the command that fixes it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.cli import main
from storage.db import Database
from tests.cli.helpers import Outcome

ROOT = Path(__file__).parent.parent.parent
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
# The usual umask: without the care taken, new files would be 0644 and folders 0755.
UMASK = 0o022


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def clean_environment() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_", "DATABASE_", "KAMTIBMAS_"))
    }


def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    # `kamtibmas db upgrade` as a user runs it, in a fresh folder: it creates data/kamtibmas.db.
    done = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        cwd=tmp_path,
        env={**clean_environment(), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        umask=UMASK,
    )
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "kamtibmas.db") == 0o600

    # While the database is open and written, SQLite's -wal and -shm files are private too.
    old = os.umask(UMASK)
    try:
        db = Database(f"sqlite:///{tmp_path / 'other' / 'bot.db'}", pool_size=1)
    finally:
        os.umask(old)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
        files = sorted((tmp_path / "other").iterdir())
        assert [f.name for f in files] == ["bot.db", "bot.db-shm", "bot.db-wal"]
        assert {f.name: mode(f) for f in files} == dict.fromkeys((f.name for f in files), 0o600)
        assert mode(tmp_path / "other") == 0o700
    finally:
        db.close()


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_creates_config_env_private(tmp_path: Path) -> None:
    for name in ("Makefile", "config.example.env"):
        shutil.copy(ROOT / name, tmp_path / name)
    done = subprocess.run(
        ["make", "config.env"], cwd=tmp_path, capture_output=True, text=True, umask=UMASK
    )
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "config.env") == 0o600
    assert (tmp_path / "config.env").read_text() == (ROOT / "config.example.env").read_text()


def check_config(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Outcome:
    for key in list(os.environ):
        if key.startswith(("TELEGRAM_", "ADMIN_", "DATABASE_", "KAMTIBMAS_", "WEBHOOK_")):
            monkeypatch.delenv(key)
    capsys.readouterr()
    code = main(["--config", str(config), "check-config"])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def test_check_config_warns_when_others_can_read_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.env"
    config.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nDATABASE_URL=sqlite:///data/bot.db\n")
    (tmp_path / "data").mkdir()
    database = tmp_path / "data" / "bot.db"
    database.write_bytes(b"")
    wal = tmp_path / "data" / "bot.db-wal"
    wal.write_bytes(b"")
    for path in (config, database, wal):
        path.chmod(0o644)

    loose = check_config(config, monkeypatch, capsys)
    # A warning, not a failure: the configuration is valid.
    assert loose.code == 0 and "OK:" in loose.out
    lines = loose.err.splitlines()
    assert len(lines) == 3, loose.err
    for line, path in zip(lines, (config, database, wal), strict=True):
        assert line.startswith("PERINGATAN / WARNING:")
        assert "pengguna lain" in line and "other users" in line and "(0644)" in line
        assert line.endswith(f"chmod 600 {path}")
    # Readable by the group alone is still too much.
    config.chmod(0o640)
    assert "chmod 600" in check_config(config, monkeypatch, capsys).err

    for path in (config, database, wal):
        path.chmod(0o600)
    private = check_config(config, monkeypatch, capsys)
    assert private.code == 0 and private.err == ""
