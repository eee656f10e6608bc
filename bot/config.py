"""Typed configuration, read once at start-up from `config.env` and the environment.

A variable set in the environment wins over the same key in `config.env`. Every problem found is
collected, so a user fixing their configuration sees all of them at once, not one per start.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError

from dotenv import dotenv_values

# The value `config.example.env` ships with; a token equal to it was never filled in.
TOKEN_PLACEHOLDER = "123456789:ISI-TOKEN-DARI-BOTFATHER"
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_API_FILE_URL = "https://api.telegram.org/file/bot"
SUPPORTED_LANGUAGES = ("id", "en")
# Telegram's overall limit, and its limit with paid broadcasts (allow_paid_broadcast).
FREE_RATE_LIMIT = 30
PAID_RATE_LIMIT = 1000
# The web dashboard's defaults (bot/web).
DEFAULT_WEB_PORT = 8080
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

_TOKEN_RE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{20,}$")
# Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and - in a webhook secret token.
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

TOKEN_HELP = """\
[ID] Token bot Telegram belum diisi.
     1. Buka Telegram, cari @BotFather, kirim /newbot dan ikuti petunjuknya.
     2. Salin token yang diberikan (bentuknya seperti 123456789:AAH...).
     3. Tulis di file {config_file}:  TELEGRAM_BOT_TOKEN=token-anda
        (atau set variabel lingkungan TELEGRAM_BOT_TOKEN), lalu jalankan lagi.

[EN] The Telegram bot token is not set.
     1. In Telegram, open @BotFather, send /newbot and follow the steps.
     2. Copy the token it gives you (it looks like 123456789:AAH...).
     3. Put it in {config_file}:  TELEGRAM_BOT_TOKEN=your-token
        (or set the TELEGRAM_BOT_TOKEN environment variable), then start again."""


class ConfigError(Exception):
    """The configuration cannot be used; the message is meant for the person running the bot."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs to know about its deployment."""

    token: str = field(repr=False)
    database_url: str = field(repr=False)
    admin_ids: frozenset[int] = frozenset()
    admin_chat_id: int | None = None
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Jakarta"))
    default_language: str = "id"
    # The kabupaten/kota the bot serves; imported from the areaid data at first start.
    default_kabupaten: str = ""
    api_base_url: str = DEFAULT_API_BASE_URL
    api_file_url: str = DEFAULT_API_FILE_URL
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    log_level: str = "INFO"
    # Messages per second for all sending together (every process of the bot shares it).
    delivery_rate: float = 30.0
    # Telegram's paid broadcasts: up to 1,000 messages a second, charged in Stars above 30.
    paid_broadcast: bool = False
    # Reports: the Polres chat that unclaimed reports are escalated to, and after how long.
    polres_chat_id: int | None = None
    report_escalate_urgent_minutes: int = 5
    report_escalate_minutes: int = 60
    # New reports one person may make in 24 hours.
    report_limit_per_day: int = 5
    # (south, west, north, east): shared locations far outside are refused. None: not checked.
    report_bounds: tuple[float, float, float, float] | None = None
    # Patrols: reminders this long before a shift (0: only at its start), the koordinator's
    # alarm when nobody checked in this long after it, and how far from a pos a check-in may be.
    patrol_remind_minutes: int = 60
    patrol_checkin_grace_minutes: int = 20
    patrol_checkin_radius_km: float = 2.0
    # Siaga (muster calls): a call still open this many hours after its time closes by itself.
    siaga_close_hours: int = 12
    # Daily backups: the folder (None: off), the hour (local time of TZ), how many to keep.
    # Off unless configured: load_settings gives data/backups next to config.env by default.
    backup_dir: Path | None = None
    backup_hour: int = 2
    backup_keep: int = 14
    # Retention (bot/services/retention), in days: closed reports lose their photos and exact
    # location, finished deliveries their per-recipient rows (counts kept), abandoned
    # conversations their drafts. Applied daily at `retention_hour` (local time).
    retention_report_days: int = 365
    retention_delivery_days: int = 90
    retention_draft_days: int = 7
    retention_hour: int = 3
    # Kondisi wilayah: the weekly digest's day (0 = Monday; None: no digest) and time (local
    # time of TZ). Off unless configured: load_settings gives Monday by default.
    kondisi_digest_weekday: int | None = None
    kondisi_digest_time: dt.time = dt.time(7, 0)
    base_dir: Path = Path()
    # ---- web dashboard (issue 23) ----
    # The Polsek dashboard's HTTP server (bot/web). Off (None) unless configured, so tests and
    # scripts start no server: load_settings gives 8080 by default; 0 picks any free port.
    web_port: int | None = None
    web_listen: str = "127.0.0.1"
    # The address the bot's /dasbor links point at; None: http://WEB_LISTEN:WEB_PORT.
    web_base_url: str | None = None
    # The key that signs session cookies; None: generated once and kept in the database.
    web_secret: str | None = field(default=None, repr=False)
    web_tile_url: str = DEFAULT_TILE_URL
    # Who may read /metrics without the token: addresses or networks (CIDR).
    web_metrics_allow: tuple[str, ...] = ("127.0.0.1", "::1")
    web_metrics_token: str | None = field(default=None, repr=False)

    @property
    def web_enabled(self) -> bool:
        """Whether the dashboard's server runs."""
        return self.web_port is not None

    @property
    def web_public_url(self) -> str:
        """The base of the links the bot hands out, without a trailing slash."""
        if self.web_base_url:
            return self.web_base_url.rstrip("/")
        host = self.web_listen
        if ":" in host:  # an IPv6 address needs brackets in a URL
            host = f"[{host}]"
        return f"http://{host}:{self.web_port or DEFAULT_WEB_PORT}"

    @property
    def use_webhook(self) -> bool:
        """Whether updates arrive by webhook (True) or long polling (False)."""
        return bool(self.webhook_url)

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, which the local webhook server listens on."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    def describe(self) -> list[tuple[str, str]]:
        """Key/value pairs safe to print or log: secrets are masked."""
        return [
            ("TELEGRAM_BOT_TOKEN", mask_token(self.token)),
            ("DATABASE_URL", mask_url_password(self.database_url)),
            ("ADMIN_IDS", ",".join(str(i) for i in sorted(self.admin_ids)) or "-"),
            ("ADMIN_CHAT_ID", str(self.admin_chat_id) if self.admin_chat_id else "-"),
            ("TZ", self.timezone.key),
            ("DEFAULT_LANGUAGE", self.default_language),
            ("DEFAULT_KABUPATEN", self.default_kabupaten or "-"),
            ("TELEGRAM_API_BASE_URL", self.api_base_url),
            ("TELEGRAM_API_FILE_URL", self.api_file_url),
            ("MODE", f"webhook {self.webhook_url}" if self.use_webhook else "long polling"),
            ("LOG_LEVEL", self.log_level),
            ("DELIVERY_RATE", f"{self.delivery_rate:g}/s"),
            ("PAID_BROADCAST", "yes" if self.paid_broadcast else "no"),
            ("POLRES_CHAT_ID", str(self.polres_chat_id) if self.polres_chat_id else "-"),
            ("REPORT_ESCALATE_URGENT_MINUTES", str(self.report_escalate_urgent_minutes)),
            ("REPORT_ESCALATE_MINUTES", str(self.report_escalate_minutes)),
            ("REPORT_LIMIT_PER_DAY", str(self.report_limit_per_day)),
            (
                "REPORT_BOUNDS",
                ",".join(f"{v:g}" for v in self.report_bounds) if self.report_bounds else "-",
            ),
            ("PATROL_REMIND_MINUTES", str(self.patrol_remind_minutes)),
            ("PATROL_CHECKIN_GRACE_MINUTES", str(self.patrol_checkin_grace_minutes)),
            ("PATROL_CHECKIN_RADIUS_KM", f"{self.patrol_checkin_radius_km:g}"),
            ("SIAGA_CLOSE_HOURS", str(self.siaga_close_hours)),
            ("BACKUP_DIR", str(self.backup_dir) if self.backup_dir else "- (off)"),
            ("BACKUP_HOUR", f"{self.backup_hour:02d}:00 {self.timezone.key}"),
            ("BACKUP_KEEP", str(self.backup_keep)),
            ("RETENTION_REPORT_DAYS", str(self.retention_report_days)),
            ("RETENTION_DELIVERY_DAYS", str(self.retention_delivery_days)),
            ("RETENTION_DRAFT_DAYS", str(self.retention_draft_days)),
            ("RETENTION_HOUR", f"{self.retention_hour:02d}:00"),
            (
                "KONDISI_DIGEST_DAY",
                "- (off)"
                if self.kondisi_digest_weekday is None
                else DIGEST_DAYS[self.kondisi_digest_weekday],
            ),
            ("KONDISI_DIGEST_TIME", self.kondisi_digest_time.strftime("%H:%M")),
            *self._describe_web(),
        ]

    def _describe_web(self) -> list[tuple[str, str]]:
        """The dashboard's settings, secrets masked."""
        if not self.web_enabled:
            return [("WEB_PORT", "- (off)")]
        return [
            ("WEB_LISTEN", self.web_listen),
            ("WEB_PORT", str(self.web_port)),
            ("WEB_BASE_URL", self.web_public_url),
            ("WEB_SECRET", "***" if self.web_secret else "- (generated, in the database)"),
            ("WEB_TILE_URL", self.web_tile_url),
            ("WEB_METRICS_ALLOW", ",".join(self.web_metrics_allow) or "-"),
            ("WEB_METRICS_TOKEN", "***" if self.web_metrics_token else "-"),
        ]


def mask_token(token: str) -> str:
    """Show only the bot id part of a token, which is public anyway."""
    if not token:
        return "-"
    return token.split(":", 1)[0] + ":***"


def mask_url_password(url: str) -> str:
    """Hide the password of a database URL."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def token_problem(token: str, config_file: Path | str = "config.env") -> str | None:
    """What is wrong with the bot token: not set (with the steps to get one), not shaped like a
    token from @BotFather, or nothing (None)."""
    token = token.strip()
    if not token or token == TOKEN_PLACEHOLDER:
        return TOKEN_HELP.format(config_file=config_file)
    if not _TOKEN_RE.match(token):
        return (
            "TELEGRAM_BOT_TOKEN: bentuknya tidak seperti token dari @BotFather "
            "(contoh 123456789:AAH...) / does not look like a @BotFather token"
        )
    return None


def read_environment(config_file: Path) -> dict[str, str]:
    """Merge `config_file` (if it exists) with the environment; the environment wins."""
    values: dict[str, str] = {}
    if config_file.is_file():
        values.update({k: v for k, v in dotenv_values(config_file).items() if v is not None})
    values.update(os.environ)
    return values


def load_settings(
    config_file: Path | str = "config.env", *, require_token: bool = True
) -> Settings:
    """Read and validate the configuration; raise ConfigError listing every problem."""
    config_file = Path(config_file)
    base_dir = config_file.resolve().parent
    env = read_environment(config_file)
    errors: list[str] = []

    def get(key: str, default: str = "") -> str:
        return env.get(key, "").strip() or default

    token = get("TELEGRAM_BOT_TOKEN")
    if require_token:
        if not token or token == TOKEN_PLACEHOLDER:
            raise ConfigError(TOKEN_HELP.format(config_file=config_file))
        if (problem := token_problem(token, config_file)) is not None:
            errors.append(problem)

    admin_ids: set[int] = set()
    for part in filter(None, (p.strip() for p in get("ADMIN_IDS").split(","))):
        if re.fullmatch(r"\d{1,15}", part):
            admin_ids.add(int(part))
        else:
            errors.append(f"ADMIN_IDS: '{part}' bukan ID Telegram (angka) / is not a Telegram id")

    admin_chat_id = _chat_id("ADMIN_CHAT_ID", get("ADMIN_CHAT_ID"), errors)

    timezone = ZoneInfo("Asia/Jakarta")
    tz_name = get("TZ", "Asia/Jakarta").lstrip(":")
    try:
        timezone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(f"TZ: zona waktu '{tz_name}' tidak dikenal / unknown time zone")

    language = get("DEFAULT_LANGUAGE", "id").lower()
    if language not in SUPPORTED_LANGUAGES:
        errors.append(f"DEFAULT_LANGUAGE: pilih salah satu / choose one of {SUPPORTED_LANGUAGES}")

    default_kabupaten = " ".join(get("DEFAULT_KABUPATEN").split())
    if len(default_kabupaten) > 128:
        errors.append("DEFAULT_KABUPATEN: nama terlalu panjang / name too long")

    database_url = _resolve_database_url(get("DATABASE_URL"), base_dir, errors)
    api_base_url = _http_url("TELEGRAM_API_BASE_URL", get("TELEGRAM_API_BASE_URL"), errors)
    api_file_url = _http_url("TELEGRAM_API_FILE_URL", get("TELEGRAM_API_FILE_URL"), errors)

    webhook_url = get("WEBHOOK_URL") or None
    webhook_secret = get("WEBHOOK_SECRET") or None
    webhook_port = 8443
    if webhook_url:
        if urlsplit(webhook_url).scheme != "https":
            errors.append("WEBHOOK_URL: Telegram hanya mengirim ke alamat https:// / must be https")
        if not webhook_secret or not _SECRET_RE.match(webhook_secret):
            errors.append(
                "WEBHOOK_SECRET: wajib untuk mode webhook, 1-256 karakter A-Z a-z 0-9 _ - "
                "/ required in webhook mode"
            )
    raw_port = get("WEBHOOK_PORT", "8443")
    if raw_port.isdigit() and 0 < int(raw_port) < 65536:
        webhook_port = int(raw_port)
    else:
        errors.append(f"WEBHOOK_PORT: '{raw_port}' bukan nomor port / is not a port number")

    log_level = get("LOG_LEVEL", "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        errors.append("LOG_LEVEL: pilih DEBUG, INFO, WARNING atau ERROR")

    paid_broadcast = False
    raw_paid = get("PAID_BROADCAST", "false").lower()
    if raw_paid in ("true", "yes", "1", "on"):
        paid_broadcast = True
    elif raw_paid not in ("false", "no", "0", "off"):
        errors.append(f"PAID_BROADCAST: '{raw_paid}' — isi true atau false / use true or false")

    delivery_rate = 30.0
    raw_rate = get("DELIVERY_RATE", "30")
    limit = PAID_RATE_LIMIT if paid_broadcast else FREE_RATE_LIMIT
    try:
        delivery_rate = float(raw_rate)
        valid_rate = 0 < delivery_rate <= limit
    except ValueError:
        valid_rate = False
    if not valid_rate:
        hint = "" if paid_broadcast else "; more needs PAID_BROADCAST=true"
        errors.append(
            f"DELIVERY_RATE: '{raw_rate}' — angka 1 sampai {limit} pesan per detik / "
            f"a number of messages per second up to {limit}{hint}"
        )

    polres_chat_id = _chat_id("POLRES_CHAT_ID", get("POLRES_CHAT_ID"), errors)
    urgent_minutes = _whole_number(
        "REPORT_ESCALATE_URGENT_MINUTES",
        get("REPORT_ESCALATE_URGENT_MINUTES", "5"),
        1,
        24 * 60,
        errors,
    )
    other_minutes = _whole_number(
        "REPORT_ESCALATE_MINUTES", get("REPORT_ESCALATE_MINUTES", "60"), 1, 7 * 24 * 60, errors
    )
    report_limit = _whole_number(
        "REPORT_LIMIT_PER_DAY", get("REPORT_LIMIT_PER_DAY", "5"), 1, 1000, errors
    )
    report_bounds = _bounds(get("REPORT_BOUNDS"), errors)
    remind_minutes = _whole_number(
        "PATROL_REMIND_MINUTES", get("PATROL_REMIND_MINUTES", "60"), 0, 24 * 60, errors
    )
    grace_minutes = _whole_number(
        "PATROL_CHECKIN_GRACE_MINUTES", get("PATROL_CHECKIN_GRACE_MINUTES", "20"), 1, 6 * 60, errors
    )
    radius_km = _decimal(
        "PATROL_CHECKIN_RADIUS_KM", get("PATROL_CHECKIN_RADIUS_KM", "2"), 0.1, 50.0, errors
    )
    # Missing: data/backups next to config.env (like the SQLite file); set but empty: off.
    raw_backup_dir = env["BACKUP_DIR"].strip() if "BACKUP_DIR" in env else "data/backups"
    backup_dir = base_dir / raw_backup_dir if raw_backup_dir else None
    backup_hour = _whole_number("BACKUP_HOUR", get("BACKUP_HOUR", "2"), 0, 23, errors)
    backup_keep = _whole_number("BACKUP_KEEP", get("BACKUP_KEEP", "14"), 1, 1000, errors)
    report_days = _whole_number(
        "RETENTION_REPORT_DAYS", get("RETENTION_REPORT_DAYS", "365"), 1, 3650, errors
    )
    delivery_days = _whole_number(
        "RETENTION_DELIVERY_DAYS", get("RETENTION_DELIVERY_DAYS", "90"), 1, 3650, errors
    )
    draft_days = _whole_number(
        "RETENTION_DRAFT_DAYS", get("RETENTION_DRAFT_DAYS", "7"), 1, 365, errors
    )
    siaga_close_hours = _whole_number(
        "SIAGA_CLOSE_HOURS", get("SIAGA_CLOSE_HOURS", "12"), 1, 72, errors
    )
    retention_hour = _whole_number("RETENTION_HOUR", get("RETENTION_HOUR", "3"), 0, 23, errors)
    digest_weekday = _weekday("KONDISI_DIGEST_DAY", get("KONDISI_DIGEST_DAY", "senin"), errors)
    digest_time = _clock("KONDISI_DIGEST_TIME", get("KONDISI_DIGEST_TIME", "07:00"), errors)
    web = _web_settings(get, errors)

    if errors:
        raise ConfigError(
            f"Konfigurasi tidak valid / invalid configuration ({config_file}):\n"
            + "\n".join(f"  - {e}" for e in errors)
        )
    return Settings(
        token=token,
        database_url=database_url,
        admin_ids=frozenset(admin_ids),
        admin_chat_id=admin_chat_id,
        timezone=timezone,
        default_language=language,
        default_kabupaten=default_kabupaten,
        api_base_url=api_base_url or DEFAULT_API_BASE_URL,
        api_file_url=api_file_url or DEFAULT_API_FILE_URL,
        webhook_url=webhook_url,
        webhook_listen=get("WEBHOOK_LISTEN", "0.0.0.0"),
        webhook_port=webhook_port,
        webhook_secret=webhook_secret,
        log_level=log_level,
        delivery_rate=delivery_rate,
        paid_broadcast=paid_broadcast,
        polres_chat_id=polres_chat_id,
        report_escalate_urgent_minutes=urgent_minutes,
        report_escalate_minutes=other_minutes,
        report_limit_per_day=report_limit,
        report_bounds=report_bounds,
        patrol_remind_minutes=remind_minutes,
        patrol_checkin_grace_minutes=grace_minutes,
        patrol_checkin_radius_km=radius_km,
        siaga_close_hours=siaga_close_hours,
        backup_dir=backup_dir,
        backup_hour=backup_hour,
        backup_keep=backup_keep,
        retention_report_days=report_days,
        retention_delivery_days=delivery_days,
        retention_draft_days=draft_days,
        retention_hour=retention_hour,
        kondisi_digest_weekday=digest_weekday,
        kondisi_digest_time=digest_time,
        base_dir=base_dir,
        **web,
    )


def _chat_id(key: str, raw: str, errors: list[str]) -> int | None:
    """An optional Telegram chat id (groups are negative)."""
    if not raw:
        return None
    if re.fullmatch(r"-?\d{1,20}", raw):
        return int(raw)
    errors.append(f"{key}: '{raw}' bukan ID chat (angka) / is not a chat id")
    return None


def _whole_number(key: str, raw: str, low: int, high: int, errors: list[str]) -> int:
    """A whole number between `low` and `high`; on error, noted, and `low`."""
    if raw.isdigit() and low <= int(raw) <= high:
        return int(raw)
    errors.append(f"{key}: '{raw}' — isi angka {low} sampai {high} / a whole number {low}-{high}")
    return low


def _decimal(key: str, raw: str, low: float, high: float, errors: list[str]) -> float:
    """A number between `low` and `high` ("2", "1.5" or "1,5"); on error, noted, and `low`."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = float("nan")
    if low <= value <= high:
        return value
    errors.append(f"{key}: '{raw}' — isi angka {low:g} sampai {high:g} / a number {low:g}-{high:g}")
    return low


def _bounds(raw: str, errors: list[str]) -> tuple[float, float, float, float] | None:
    """ "south,west,north,east" in degrees, or None when empty."""
    if not raw:
        return None
    try:
        south, west, north, east = (float(part) for part in raw.split(","))
    except ValueError:
        south = west = north = east = float("nan")
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        errors.append(
            f"REPORT_BOUNDS: '{raw}' — tulis selatan,barat,utara,timur dalam derajat "
            "/ write south,west,north,east in degrees"
        )
        return None
    return (south, west, north, east)


def _resolve_database_url(raw: str, base_dir: Path, errors: list[str]) -> str:
    """Default to a SQLite file under data/; make relative SQLite paths relative to base_dir."""
    if not raw:
        raw = "sqlite:///data/kamtibmas.db"
    scheme = raw.split("://", 1)[0]
    if scheme == "sqlite":
        path = raw.removeprefix("sqlite:///")
        if path and path != ":memory:" and not Path(path).is_absolute():
            raw = f"sqlite:///{base_dir / path}"
    elif not scheme.startswith("postgresql"):
        errors.append(
            "DATABASE_URL: gunakan sqlite:///... atau postgresql+psycopg://... "
            "/ use a sqlite or postgresql URL"
        )
    elif scheme in ("postgresql", "postgres"):
        # SQLAlchemy would pick psycopg2, which we do not install; psycopg 3 is the driver.
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def _http_url(key: str, raw: str, errors: list[str]) -> str:
    """Check an optional http(s) URL, without a trailing slash."""
    if raw and urlsplit(raw).scheme not in ("http", "https"):
        errors.append(f"{key}: harus diawali http:// atau https:// / must be an http(s) URL")
    return raw.rstrip("/")


# Kondisi wilayah's digest day: Indonesian or English names (or 1-7, Monday first).
DIGEST_DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_DIGEST_DAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(key: str, raw: str, errors: list[str]) -> int | None:
    """A day of the week: "senin", "Monday" or 1-7 (Monday first), or "off" (None: no digest);
    on error, noted, and Monday."""
    word = raw.strip().lower().replace("'", "")
    if word in ("off", "mati"):
        return None
    for names in (DIGEST_DAYS, _DIGEST_DAYS_EN):
        if word in names:
            return names.index(word)
    if word.isdigit() and 1 <= int(word) <= 7:
        return int(word) - 1
    errors.append(
        f"{key}: '{raw}' — isi nama hari (senin … minggu) atau off / "
        "a day of the week (monday … sunday) or off"
    )
    return 0


def _clock(key: str, raw: str, errors: list[str]) -> dt.time:
    """A time of day "07:00" or "7.00" (local time of TZ); on error, noted, and 07:00."""
    found = re.fullmatch(r"(\d{1,2})[:.](\d{2})", raw.strip())
    if found and int(found[1]) < 24 and int(found[2]) < 60:
        return dt.time(int(found[1]), int(found[2]))
    errors.append(f"{key}: '{raw}' — isi jam seperti 07:00 / a time of day like 07:00")
    return dt.time(7, 0)


# ---- web dashboard (issue 23) ----


def _web_settings(get: Callable[[str, str], str], errors: list[str]) -> dict[str, Any]:
    """WEB_* settings as Settings fields; problems noted in `errors`."""
    raw_port = get("WEB_PORT", str(DEFAULT_WEB_PORT)).lower()
    port: int | None = None
    if raw_port not in ("off", "mati"):
        port = _whole_number("WEB_PORT", raw_port, 0, 65535, errors)
    listen = get("WEB_LISTEN", "127.0.0.1")
    base_url = _http_url("WEB_BASE_URL", get("WEB_BASE_URL", ""), errors) or None
    secret = get("WEB_SECRET", "") or None
    if secret is not None and len(secret) < 16:
        errors.append(
            "WEB_SECRET: paling sedikit 16 karakter acak, atau kosongkan agar dibuat otomatis "
            "/ at least 16 random characters, or leave it empty to have one generated"
        )
    tile_url = get("WEB_TILE_URL", DEFAULT_TILE_URL)
    if urlsplit(tile_url).scheme not in ("http", "https") or not all(
        part in tile_url for part in ("{z}", "{x}", "{y}")
    ):
        errors.append(
            "WEB_TILE_URL: alamat http(s) dengan {z}, {x} dan {y} "
            "/ an http(s) URL with {z}, {x} and {y}"
        )
    allow: list[str] = []
    for part in filter(
        None, (p.strip() for p in get("WEB_METRICS_ALLOW", "127.0.0.1,::1").split(","))
    ):
        try:
            ipaddress.ip_network(part, strict=False)
            allow.append(part)
        except ValueError:
            errors.append(
                f"WEB_METRICS_ALLOW: '{part}' bukan alamat IP atau jaringan / "
                "is not an IP address or network"
            )
    return {
        "web_port": port,
        "web_listen": listen,
        "web_base_url": base_url,
        "web_secret": secret,
        "web_tile_url": tile_url,
        "web_metrics_allow": tuple(allow),
        "web_metrics_token": get("WEB_METRICS_TOKEN", "") or None,
    }
