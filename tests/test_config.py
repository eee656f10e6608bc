"""Configuration: read once from config.env and the environment, validated with clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import TOKEN_PLACEHOLDER
from bot.config import ConfigError
from bot.config import load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ALL_KEYS = (
    "TELEGRAM_BOT_TOKEN DATABASE_URL ADMIN_IDS ADMIN_CHAT_ID TZ DEFAULT_LANGUAGE DEFAULT_KABUPATEN "
    "TELEGRAM_API_BASE_URL TELEGRAM_API_FILE_URL WEBHOOK_URL WEBHOOK_LISTEN WEBHOOK_PORT "
    "WEBHOOK_SECRET LOG_LEVEL DELIVERY_RATE PAID_BROADCAST "
    "POLRES_CHAT_ID REPORT_ESCALATE_URGENT_MINUTES REPORT_ESCALATE_MINUTES REPORT_LIMIT_PER_DAY "
    "PATROL_REMIND_MINUTES PATROL_CHECKIN_GRACE_MINUTES PATROL_CHECKIN_RADIUS_KM "
    "REPORT_BOUNDS BACKUP_DIR BACKUP_HOUR BACKUP_KEEP SIAGA_CLOSE_HOURS"
).split()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see only the variables they set."""
    for key in ALL_KEYS:
        monkeypatch.delenv(key, raising=False)


def write_config(tmp_path: Path, **values: str) -> Path:
    path = tmp_path / "config.env"
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return path


@pytest.mark.parametrize("token", ["", TOKEN_PLACEHOLDER])
def test_missing_or_placeholder_token_explains_botfather_in_both_languages(
    tmp_path: Path, token: str
) -> None:
    path = write_config(tmp_path, TELEGRAM_BOT_TOKEN=token)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "@BotFather" in message
    assert "/newbot" in message
    assert "Token bot Telegram belum diisi" in message
    assert "The Telegram bot token is not set" in message
    assert str(path) in message


def test_missing_config_file_is_the_same_as_no_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="@BotFather"):
        load_settings(tmp_path / "nope.env")


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN))
    assert settings.token == TOKEN
    assert settings.database_url == f"sqlite:///{tmp_path}/data/kamtibmas.db"
    assert settings.timezone.key == "Asia/Jakarta"
    assert settings.default_language == "id"
    assert settings.admin_ids == frozenset()
    assert settings.admin_chat_id is None
    assert settings.api_base_url == "https://api.telegram.org/bot"
    assert settings.api_file_url == "https://api.telegram.org/file/bot"
    assert not settings.use_webhook
    assert (settings.delivery_rate, settings.paid_broadcast) == (30.0, False)


def test_environment_wins_over_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, DEFAULT_LANGUAGE="id", ADMIN_IDS="1")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    settings = load_settings(path)
    assert settings.default_language == "en"
    assert settings.admin_ids == frozenset({1})


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL="postgresql://bot:s3cret@db.local/kamtibmas",
        ADMIN_IDS="11, 22,33",
        ADMIN_CHAT_ID="-1001234567890",
        TZ="Asia/Makassar",
        DEFAULT_LANGUAGE="en",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:8081/bot/",
        TELEGRAM_API_FILE_URL="http://127.0.0.1:8081/file/bot",
        WEBHOOK_URL="https://bot.example.org/kamtibmas",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT="9000",
        WEBHOOK_SECRET="s3cr3t_-token",
        LOG_LEVEL="debug",
        DELIVERY_RATE="500",
        PAID_BROADCAST="true",
    )
    settings = load_settings(path)
    # psycopg 3 is the installed driver; a plain postgresql:// URL is pointed at it.
    assert settings.database_url == "postgresql+psycopg://bot:s3cret@db.local/kamtibmas"
    assert settings.admin_ids == frozenset({11, 22, 33})
    assert settings.admin_chat_id == -1001234567890
    assert settings.timezone.key == "Asia/Makassar"
    assert settings.default_language == "en"
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.api_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.use_webhook
    assert settings.webhook_path == "kamtibmas"
    assert (settings.webhook_listen, settings.webhook_port) == ("127.0.0.1", 9000)
    assert settings.webhook_secret == "s3cr3t_-token"
    assert settings.log_level == "DEBUG"
    assert (settings.delivery_rate, settings.paid_broadcast) == (500.0, True)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        ADMIN_IDS="12,abc",
        ADMIN_CHAT_ID="grup",
        TZ="Mars/Olympus",
        DEFAULT_LANGUAGE="jv",
        DATABASE_URL="mysql://x",
        WEBHOOK_URL="http://insecure.example.org/hook",
        WEBHOOK_PORT="99999",
        TELEGRAM_API_BASE_URL="ftp://x",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    for key in (
        "ADMIN_IDS",
        "ADMIN_CHAT_ID",
        "TZ",
        "DEFAULT_LANGUAGE",
        "DATABASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "WEBHOOK_PORT",
        "TELEGRAM_API_BASE_URL",
    ):
        assert f"{key}:" in message
    assert "Traceback" not in message


def test_malformed_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        load_settings(write_config(tmp_path, TELEGRAM_BOT_TOKEN="not a token"))


def test_token_is_optional_for_database_commands(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path), require_token=False)
    assert settings.token == ""


def test_secrets_are_masked_in_the_description(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL="postgresql+psycopg://bot:s3cret@db.local/kamtibmas",
        WEBHOOK_URL="https://bot.example.org/hook",
        WEBHOOK_SECRET="topsecretvalue",
    )
    settings = load_settings(path)
    shown = "\n".join(f"{k} {v}" for k, v in settings.describe()) + repr(settings)
    assert TOKEN.split(":")[1] not in shown
    assert "s3cret" not in shown
    assert "topsecretvalue" not in shown
    assert "123456789:***" in shown


def test_example_config_lists_every_key_with_a_comment() -> None:
    example = (Path(__file__).parent.parent / "config.example.env").read_text().splitlines()
    for key in ALL_KEYS:
        line = next((i for i, text in enumerate(example) if text.startswith(f"{key}=")), None)
        assert line is not None, f"{key} missing from config.example.env"
        assert example[line - 1].startswith("#"), f"{key} has no comment above it"


def test_example_config_is_refused_until_a_token_is_filled_in(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "config.example.env"
    copy = tmp_path / "config.env"
    copy.write_text(example.read_text())
    with pytest.raises(ConfigError, match="@BotFather"):
        load_settings(copy)
    copy.write_text(example.read_text().replace(TOKEN_PLACEHOLDER, TOKEN))
    assert load_settings(copy).token == TOKEN


@pytest.mark.parametrize(
    ("rate", "paid", "expected"),
    [
        ("0", "false", "DELIVERY_RATE"),
        ("31", "false", "PAID_BROADCAST=true"),
        ("cepat", "false", "DELIVERY_RATE"),
        ("1001", "true", "DELIVERY_RATE"),
        ("30", "maybe", "PAID_BROADCAST"),
    ],
)
def test_delivery_rate_is_checked(tmp_path: Path, rate: str, paid: str, expected: str) -> None:
    path = write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, DELIVERY_RATE=rate, PAID_BROADCAST=paid)
    with pytest.raises(ConfigError, match=expected):
        load_settings(path)


def test_report_settings_are_read_and_checked(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        POLRES_CHAT_ID="-1001234",
        REPORT_ESCALATE_URGENT_MINUTES="3",
        REPORT_LIMIT_PER_DAY="2",
        REPORT_BOUNDS="-7.98,112.55,-7.50,113.10",
    )
    settings = load_settings(path)
    assert settings.polres_chat_id == -1001234
    assert settings.report_escalate_urgent_minutes == 3
    assert settings.report_escalate_minutes == 60
    assert settings.report_limit_per_day == 2
    assert settings.report_bounds == (-7.98, 112.55, -7.50, 113.10)

    bad = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        POLRES_CHAT_ID="polres",
        REPORT_ESCALATE_MINUTES="0",
        REPORT_LIMIT_PER_DAY="lima",
        REPORT_BOUNDS="-7.5,112,-7.9,113",  # north below south
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    for key in (
        "POLRES_CHAT_ID",
        "REPORT_ESCALATE_MINUTES",
        "REPORT_LIMIT_PER_DAY",
        "REPORT_BOUNDS",
    ):
        assert key in str(caught.value)


def test_patrol_settings_are_read_and_checked(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        PATROL_REMIND_MINUTES="0",
        PATROL_CHECKIN_RADIUS_KM="1,5",
    )
    settings = load_settings(path)
    assert settings.patrol_remind_minutes == 0  # only at the start
    assert settings.patrol_checkin_grace_minutes == 20
    assert settings.patrol_checkin_radius_km == 1.5

    bad = write_config(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        PATROL_REMIND_MINUTES="-5",
        PATROL_CHECKIN_GRACE_MINUTES="0",
        PATROL_CHECKIN_RADIUS_KM="jauh",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    for key in (
        "PATROL_REMIND_MINUTES",
        "PATROL_CHECKIN_GRACE_MINUTES",
        "PATROL_CHECKIN_RADIUS_KM",
    ):
        assert key in str(caught.value)


def test_backup_settings_are_read_and_checked(tmp_path: Path) -> None:
    # Missing: data/backups next to config.env, like the SQLite file; 02:00, 14 kept.
    settings = load_settings(write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN))
    assert settings.backup_dir == tmp_path / "data" / "backups"
    assert (settings.backup_hour, settings.backup_keep) == (2, 14)
    assert ("BACKUP_HOUR", "02:00 Asia/Jakarta") in settings.describe()
    # Set but empty: off. A relative folder is relative to config.env's folder.
    off = load_settings(write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, BACKUP_DIR=""))
    assert off.backup_dir is None and ("BACKUP_DIR", "- (off)") in off.describe()
    elsewhere = load_settings(
        write_config(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            BACKUP_DIR="copies",
            BACKUP_HOUR="0",
            BACKUP_KEEP="3",
        )
    )
    assert elsewhere.backup_dir == tmp_path / "copies"
    assert (elsewhere.backup_hour, elsewhere.backup_keep) == (0, 3)
    assert load_settings(
        write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, BACKUP_DIR="/srv/copies")
    ).backup_dir == Path("/srv/copies")

    bad = write_config(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, BACKUP_HOUR="24", BACKUP_KEEP="0")
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    assert "BACKUP_HOUR: '24'" in str(caught.value) and "BACKUP_KEEP: '0'" in str(caught.value)
