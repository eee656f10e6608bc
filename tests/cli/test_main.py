"""The `kamtibmas` command line, run as a user runs it: in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage import migrate
from storage import queries
from storage import roles as role_queries
from storage.db import Database
from storage.models import Role
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ROOT = Path(__file__).parent.parent.parent


def python_m_bot(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` with a clean configuration environment."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_", "DATABASE_"))
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "kamtibmas"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for command in ("run", "db", "check-config", "admin"):
        assert command in result.stdout


def test_run_without_token_exits_2_with_the_botfather_message(tmp_path: Path) -> None:
    result = python_m_bot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert "config.env" in result.stderr
    assert "Traceback" not in result.stderr
    # Nothing was created before the configuration was found wanting.
    assert not (tmp_path / "data").exists()


def test_run_with_the_example_placeholder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "config.env").write_text((ROOT / "config.example.env").read_text())
    result = python_m_bot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "@BotFather" in result.stderr


def test_check_config_validates_and_masks(tmp_path: Path) -> None:
    ok = python_m_bot("check-config", cwd=tmp_path, env={"TELEGRAM_BOT_TOKEN": TOKEN})
    assert ok.returncode == 0, ok.stderr
    assert "123456789:***" in ok.stdout
    assert TOKEN.split(":")[1] not in ok.stdout + ok.stderr

    bad = python_m_bot(
        "check-config", cwd=tmp_path, env={"TELEGRAM_BOT_TOKEN": TOKEN, "TZ": "Nowhere/Land"}
    )
    assert bad.returncode == 2
    assert "TZ:" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_check_config_without_a_token_checks_everything_else_first(tmp_path: Path) -> None:
    (tmp_path / "config.env").write_text("TZ=Nowhere/Land\nLOG_LEVEL=LOUD\n")
    both = python_m_bot("check-config", cwd=tmp_path)
    assert both.returncode == 2
    # Every finding at once: the other settings' problems and then the missing token.
    assert "TZ:" in both.stderr and "LOG_LEVEL:" in both.stderr
    assert both.stderr.index("LOG_LEVEL:") < both.stderr.index("@BotFather")
    assert "Traceback" not in both.stderr

    (tmp_path / "config.env").write_text("REPORT_ESCALATE_URGENT_MINUTES=7\n")
    only_token = python_m_bot("check-config", cwd=tmp_path)
    assert only_token.returncode == 2
    assert "@BotFather" in only_token.stderr
    assert "OK:" not in only_token.stdout
    # The rest was validated and is shown, aligned however long its keys.
    rows = [line for line in only_token.stdout.splitlines() if line]
    assert any(row.split() == ["REPORT_ESCALATE_URGENT_MINUTES", "7"] for row in rows)
    columns = {len(row) - len(row.split(None, 1)[1]) for row in rows}
    assert len(columns) == 1, only_token.stdout
    assert min(len(row.split(None, 1)[0]) for row in rows) < columns.pop() - 2


def test_db_upgrade_creates_the_default_sqlite_file_and_is_idempotent(tmp_path: Path) -> None:
    first = python_m_bot("db", "upgrade", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "data" / "kamtibmas.db").is_file()
    second = python_m_bot("db", "upgrade", cwd=tmp_path)
    assert second.returncode == 0
    assert "was" not in second.stdout  # nothing to apply the second time
    current = python_m_bot("db", "current", cwd=tmp_path)
    assert current.returncode == 0
    assert migrate.head_revision() in current.stdout


def test_db_upgrade_on_each_backend(empty_database_url: str, tmp_path: Path) -> None:
    result = python_m_bot("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": empty_database_url})
    assert result.returncode == 0, result.stderr
    db = Database(empty_database_url, pool_size=1)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()


def test_admin_grant_revoke_and_list(database_url: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": database_url, "ADMIN_IDS": "555"}
    granted = python_m_bot("admin", "grant", "4242", "admin", cwd=tmp_path, env=env)
    assert granted.returncode == 0, granted.stderr
    assert "granted" in granted.stdout
    again = python_m_bot("admin", "grant", "4242", "admin", cwd=tmp_path, env=env)
    assert "Nothing changed" in again.stdout

    listed = python_m_bot("admin", "list", cwd=tmp_path, env=env)
    assert "4242" in listed.stdout and "555" in listed.stdout

    db = Database(database_url, pool_size=1)
    try:
        assert db.call(role_queries.roles_of, 4242) == {Role.ADMIN}
        revoked = python_m_bot("admin", "revoke", "4242", "admin", cwd=tmp_path, env=env)
        assert revoked.returncode == 0
        assert db.call(role_queries.roles_of, 4242) == set()
        actions = [(e.action, e.target, e.actor_label) for e in db.call(queries.recent_audit)]
        assert actions == [("role.revoke", "4242", "cli"), ("role.grant", "4242", "cli")]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("admin", "grant", "abc", "admin"), "not a Telegram user id"),
        (("admin", "grant", "42", "superuser"), "invalid choice"),
        (("admin",), "required"),
    ],
)
def test_admin_bad_arguments_are_explained(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    result = python_m_bot(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_is_explained(tmp_path: Path) -> None:
    url = "postgresql+psycopg://kamtibmas:s3cret@127.0.0.1:1/kamtibmas"
    result = python_m_bot("admin", "list", cwd=tmp_path, env={"DATABASE_URL": url})
    assert result.returncode == 1
    assert "the database cannot be opened" in result.stderr
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_upgrade_refuses_an_old_schema(tmp_path: Path) -> None:
    result = python_m_bot("run", "--no-upgrade", cwd=tmp_path, env={"TELEGRAM_BOT_TOKEN": TOKEN})
    assert result.returncode == 1
    assert "kamtibmas db upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_token_telegram_rejects_is_explained(tmp_path: Path) -> None:
    fake = FakeTelegram(enforce_limits=False)
    with FakeTelegramServer(fake, token="111111:another-token-abcdefghijklmno") as http:
        result = python_m_bot(
            "run",
            cwd=tmp_path,
            env={
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": http.base_url,
                "TELEGRAM_API_FILE_URL": http.file_url,
            },
        )
    assert result.returncode == 2
    assert "Telegram rejected the bot token" in result.stderr
    assert TOKEN.split(":")[1] not in result.stderr


def test_an_unreachable_telegram_is_explained(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot"}
    result = python_m_bot("run", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "cannot reach Telegram (http://127.0.0.1:1/bot)" in result.stderr
    assert TOKEN.split(":")[1] not in result.stderr


def test_delivery_status_and_ledger(database_url: str, tmp_path: Path) -> None:
    import csv
    import datetime as dt

    from bot.delivery import Payload
    from bot.delivery import Priority
    from storage import outbox
    from storage.models import OutboxStatus

    db = Database(database_url)
    try:
        delivery_id = db.call(
            outbox.create_delivery,
            kind="advisory",
            ref="adv:3",
            priority=Priority.DARURAT,
            payload=Payload.message("x").to_json(),
            chat_ids=[11, 22, 33],
            now=0.0,
        )
        rows = db.call(outbox.claim, "w", 1.0, 10, 60.0)
        sent_at = dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC)
        db.call(
            outbox.record,
            [
                outbox.Outcome(rows[0].row_id, OutboxStatus.SENT, message_id=5, sent_at=sent_at),
                outbox.Outcome(rows[1].row_id, OutboxStatus.BLOCKED, error="Forbidden: blocked"),
            ],
            {22: "Forbidden: blocked"},
            sent_at,
        )
    finally:
        db.close()
    env = {"DATABASE_URL": database_url}
    status = python_m_bot("delivery", "status", str(delivery_id), cwd=tmp_path, env=env)
    assert status.returncode == 0, status.stderr
    assert "advisory adv:3" in status.stdout
    assert "sent 1, blocked 1, failed 0, cancelled 0, waiting 1" in status.stdout

    printed = python_m_bot("delivery", "ledger", str(delivery_id), cwd=tmp_path, env=env)
    assert "11    sent  5  2026-11-28T10:00:00+07:00" in printed.stdout
    target = tmp_path / "ledger.csv"
    written = python_m_bot(
        "delivery", "ledger", str(delivery_id), "--csv", str(target), cwd=tmp_path, env=env
    )
    assert written.returncode == 0, written.stderr
    with target.open() as file:
        table = list(csv.DictReader(file))
    assert [(r["chat_id"], r["status"], r["error"]) for r in table] == [
        ("11", "sent", ""),
        ("22", "blocked", "Forbidden: blocked"),
        ("33", "claimed", ""),
    ]
    missing = python_m_bot("delivery", "status", "999", cwd=tmp_path, env=env)
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr


def test_the_ledger_of_a_message_to_a_reporter_does_not_show_who_they_are(
    database_url: str, tmp_path: Path
) -> None:
    from bot.delivery import Payload
    from bot.delivery import Priority
    from storage import outbox

    db = Database(database_url)
    try:
        delivery_id = db.call(
            outbox.create_delivery,
            kind="report_status",
            ref="report:1",
            priority=Priority.DIRECT,
            payload=Payload.message("Laporan LMB-0001 diterima").to_json(),
            chat_ids=[4242],
            now=0.0,
        )
    finally:
        db.close()
    printed = python_m_bot(
        "delivery", "ledger", str(delivery_id), cwd=tmp_path, env={"DATABASE_URL": database_url}
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.split() == ["(reporter,", "not", "shown)", "pending", "0"]


def test_make_installs_without_setuptools_editable_banner(tmp_path: Path) -> None:
    # What `make run` / `make test` would run in a fresh clone (dry run): every editable install
    # silences setuptools' "Editable installation" banner, meant for packagers, not operators.
    venv = tmp_path / "venv"
    planned = subprocess.run(
        ["make", "-n", "-C", str(ROOT), f"VENV={venv}", f"{venv}/.installed-bench"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert planned.returncode == 0, planned.stderr
    installs = [line for line in planned.stdout.splitlines() if " -e " in line]
    assert len(installs) == 2, planned.stdout
    for line in installs:
        assert line.startswith('PYTHONWARNINGS="ignore:Editable installation" '), line
