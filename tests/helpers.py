"""Plain helpers shared by the test modules: constants, waiting, reading the fake's messages,
finding areas, the reports world, the command line's outcome and the bot as a real process.
Fixtures live in conftest.py; a test module imports from here, never from another test module."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page as PlaywrightPage
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from bot.services.area_import import import_areaid
from bot.services.area_search import AreaEntry
from bot.services.authz import Scope
from bot.services.patrols import SchedulePlan
from bot.services.roles import RoleSpec
from storage import migrate
from storage.db import Database
from storage.models import AreaLevel
from storage.models import Division
from storage.models import Report
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import FakeTelegramServer

JSON = dict[str, Any]

TEST_TOKEN = "123456789:TEST-token-abcdefghijklmnopqrstuvwxyz"
ADMIN_ID = 9_000_001
ADMIN_CHAT_ID = -100_900_000_0001
POLRES_CHAT = -1_003_000_000_001

# --- waiting ---------------------------------------------------------------------------------

REAL_TIMEOUT = 30.0


async def wait_until(condition: Callable[[], Any], what: str, seconds: float = REAL_TIMEOUT) -> Any:
    """Poll an async or sync condition until it is truthy (real seconds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    """Poll until `condition()` is truthy, failing with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# --- messages and areas ----------------------------------------------------------------------


def buttons(message: JSON) -> dict[str, str]:
    """Button text -> callback data of a message's inline keyboard."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


def last(bot: BotHarness, chat_id: int) -> JSON:
    return bot.fake.last_message(chat_id) or {}


def text_of(message: JSON) -> str:
    return str(message.get("text", message.get("caption", "")))


async def told(bot: BotHarness, chat_id: int, expected: str) -> str:
    return await wait_until(
        lambda: next((x for x in bot.fake.texts(chat_id) if expected in x), None),
        f"chat {chat_id} to be told {expected!r}",
    )


def desa(bot: BotHarness, name: str, kecamatan: str = "Lumbang") -> AreaEntry:
    """The indexed desa `name` of `kecamatan`."""
    areas = bot.services.areas
    (found,) = [
        entry
        for entry in areas.index.entries
        if entry.level == AreaLevel.DESA
        and entry.name == name
        and areas.get(entry.kecamatan_id).name == kecamatan
    ]
    return found


def kecamatan(bot: BotHarness, name: str) -> AreaEntry:
    (found,) = [e for e in bot.services.areas.kecamatan_list() if e.name == name]
    return found


# --- reports ---------------------------------------------------------------------------------


class World:
    """A Polsek with its duty chat and two officers; a resident living in Kronto."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.duty = bot.updates.group(title="Piket Polsek Lumbang")
        self.officer = bot.updates.user(first_name="Andi", username="andi")
        self.other_officer = bot.updates.user(first_name="Bayu")
        self.resident = bot.updates.user(first_name="Siti", last_name="Aminah", username="siti")
        bot.updates.group(title="Polres", id=POLRES_CHAT)

    async def set_up(self) -> None:
        bot = self.bot
        polsek = await bot.services.areas.set_polsek_coverage(
            "Polsek Lumbang",
            [kecamatan(bot, "Lumbang").id],
            actor_label="test",
        )
        await bot.services.areas.set_duty_chat(polsek.name, self.duty["id"], actor_label="test")
        self.polsek_id = polsek.id
        for officer in (self.officer, self.other_officer):
            await bot.services.roles.grant(
                officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id))
            )
            await bot.command(officer, "/bantuan")  # known to the bot, with a name
        await bot.services.subscriptions.set_home(self.resident["id"], desa(bot, "Kronto").id)
        await bot.command(self.resident, "/bantuan")


async def report(
    world: World,
    *,
    user: JSON | None = None,
    category: str = "🥷 Pencurian",
    description: str = "Motor Honda Beat dicuri dari depan rumah",
    place: str | None = "Jl. Raya Kronto dekat masjid",
    photos: int = 0,
    urgent: bool = False,
    anonymous: bool = False,
    send: bool = True,
) -> JSON:
    """Go through /lapor as a resident; returns the summary (or sent) message."""
    bot = world.bot
    user = user or world.resident
    chat = user["id"]
    await bot.command(user, "/lapor")
    await bot.press(user, last(bot, chat), buttons(last(bot, chat))[category])
    await bot.say(user, description)
    if place is None:
        asked = bot.fake.calls_to("sendMessage", chat_id=chat)[-1].params
        home = next(
            b["text"]
            for row in asked["reply_markup"]["keyboard"]
            for b in row
            if b["text"].startswith("🏠")
        )
        await bot.say(user, home)
    else:
        await bot.say(user, place)
    for _ in range(photos):
        await bot.process(bot.updates.photo(user))
    await bot.press(user, last(bot, chat), "lp:next")
    await bot.press(user, last(bot, chat), "lp:urg:1" if urgent else "lp:urg:0")
    await bot.press(user, last(bot, chat), "lp:anon:1" if anonymous else "lp:anon:0")
    summary = last(bot, chat)
    assert text_of(summary).startswith("Periksa laporan Anda"), text_of(summary)
    if send:
        await bot.press(user, summary, buttons(summary)["✅ Kirim laporan"])
    return summary


async def stored(bot: BotHarness) -> list[Report]:
    return await bot.services.db.run(lambda s: list(s.exec(select(Report).order_by(Report.id))))


async def card(world: World, expected: str) -> JSON:
    """The duty chat's card of the (only) report, once it reads `expected`."""

    def find() -> JSON | None:
        for message in world.bot.fake.sent_messages(world.duty["id"]):
            current = world.bot.fake.get_message(world.duty["id"], message["message_id"]) or {}
            if "Laporan" in text_of(current) and expected in text_of(current):
                return current
        return None

    return await wait_until(find, f"the card to show {expected!r}")


# --- the bot as a real process ---------------------------------------------------------------

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
STOP_SECONDS = 8


class BotProcess:
    """`python -m bot run` in its own process, configured through the environment."""

    def __init__(self, tmp_path: Path, env: dict[str, str], *, own_group: bool = False) -> None:
        """`own_group`: the process leads a process group of its own, as `make run` would."""
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_", "DATABASE_", "WEB_"))
        }
        # No dashboard unless the test asks: processes running side by side would all want
        # port 8080.
        environment["WEB_PORT"] = "off"
        environment.update(env)
        # The code under test, not whatever checkout the virtualenv was installed from.
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(PROJECT_ROOT), *filter(None, [environment.get("PYTHONPATH")])]
        )
        self.log = tmp_path / "bot.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=own_group,
            )

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> tuple[int, float]:
        """SIGTERM, then wait; returns (exit code, seconds it took)."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"no clean stop within {STOP_SECONDS}s:\n{self.output()}"
            ) from None
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def base_env(http: FakeTelegramServer, database_url: str) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": http.base_url,
        "TELEGRAM_API_FILE_URL": http.file_url,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "DEBUG",  # the most talkative level must still not leak the token
    }


# --- databases -------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A throw-away PostgreSQL schema, selected through the connection's search_path."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def schema_of(url: str) -> str:
    """The schema a `postgres_schema` URL selects."""
    return str(make_url(url).query["options"]).removeprefix("-csearch_path=")


def migrate_database(url: str, *, areas: bool = False) -> None:
    """Bring the database at `url` to head; with Kabupaten Pasuruan's areas if `areas`."""
    from bot.services.area_import import import_areaid

    database = Database(url, pool_size=1)
    try:
        migrate.upgrade(database.engine)
        if areas:
            database.call(import_areaid, "Kabupaten Pasuruan")
    finally:
        database.close()


class DatabaseTemplates:
    """Databases at head (and at head with Kabupaten Pasuruan's areas) made once per session and
    copied into each test's empty database: the same rows and schema a migration and an import
    would give, without Alembic's ~80 statements and the import's ~390 inserts per test (about
    half a second of each test's set-up). SQLite: a copy of the template file. PostgreSQL:
    pg_dump's script of a template schema, replayed into the test's schema in one round trip;
    without a usable pg_dump, each test migrates (and imports) as before."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._files: dict[bool, Path] = {}
        # (server, areas) -> (the template schema's name, its script); None: migrate instead.
        self._scripts: dict[tuple[str, bool], tuple[str, str] | None] = {}
        self._admins: dict[str, Engine] = {}

    def fill(self, url: str, *, areas: bool) -> None:
        """Make the empty database at `url` a copy of the template."""
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            shutil.copyfile(self._file(areas), str(parsed.database))
            return
        base = parsed.difference_update_query(["options"]).render_as_string(hide_password=False)
        key = (base, areas)
        if key not in self._scripts:
            self._scripts[key] = self._dump(base, areas)
            if self._scripts[key] is not None:
                # Tried once on a scratch schema: a pg_dump newer than the server may write
                # settings the server does not know.
                with postgres_schema(base) as scratch:
                    try:
                        self._replay(base, key, scratch)
                    except DBAPIError:
                        self._scripts[key] = None
        if self._scripts[key] is None:
            migrate_database(url, areas=areas)
        else:
            self._replay(base, key, url)

    def _replay(self, base: str, key: tuple[str, bool], url: str) -> None:
        found = self._scripts[key]
        assert found is not None
        template, script = found
        if base not in self._admins:
            self._admins[base] = create_engine(base, pool_size=1)
        with self._admins[base].begin() as connection:
            connection.exec_driver_sql(script.replace(template, schema_of(url)))

    def close(self) -> None:
        for engine in self._admins.values():
            engine.dispose()

    def _file(self, areas: bool) -> Path:
        if areas not in self._files:
            path = self.directory / ("head-pasuruan.db" if areas else "head.db")
            migrate_database(f"sqlite:///{path}", areas=areas)
            # Closed cleanly, SQLite has folded its write-ahead log into the file: one file.
            assert not Path(f"{path}-wal").exists(), "the template kept a write-ahead log"
            self._files[areas] = path
        return self._files[areas]

    @staticmethod
    def _dump(base: str, areas: bool) -> tuple[str, str] | None:
        """A template schema's name and pg_dump's script of it, or None without pg_dump."""
        installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
        pg_dump = installed[-1] if installed else shutil.which("pg_dump")
        if pg_dump is None:
            return None
        libpq = make_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
        with postgres_schema(base) as url:
            migrate_database(url, areas=areas)
            template = schema_of(url)
            command = [pg_dump, "--dbname", libpq, "--schema", template, "--inserts"]
            command += ["--rows-per-insert=1000", "--no-owner", "--no-privileges"]
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            return None
        # The test's schema exists already; psql's meta-commands (the \restrict of newer
        # pg_dumps) are not SQL.
        lines = [
            line
            for line in result.stdout.splitlines()
            if not line.startswith("\\") and line != f"CREATE SCHEMA {template};"
        ]
        return template, "\n".join(lines)


# --- database faults -------------------------------------------------------------------------


def free_tcp_port() -> int:
    """A TCP port nobody listens on right now (on the loopback interface)."""

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    """A PostgreSQL server of the test's own (initdb and pg_ctl in a temporary directory, on a
    free port), so a test can stop and start it without touching the shared server."""

    def __init__(self) -> None:

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        self.bin = Path(found[-1]).parent if found else None
        if self.bin is None and shutil.which("initdb"):
            self.bin = Path(str(shutil.which("initdb"))).parent
        # Not under pytest's tmp_path: the server's own user must be able to reach it.
        self.dir = Path(tempfile.mkdtemp(prefix="kamtibmas-pg-"))
        self.port = free_tcp_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        # As root the server must run as another user: PostgreSQL refuses to run as root.
        command = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}")

    def init(self) -> None:
        assert self.bin is not None
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = str(self.dir / "data")
        self._run(str(self.bin / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-N")

    def start(self) -> None:
        assert self.bin is not None
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "server.log")
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            log,
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        assert self.bin is not None
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"
        )

    def remove(self) -> None:

        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class UnwritableSqlite:
    """Makes a SQLite database's files unwritable the way a real fault does, also as root
    (where chmod stops nothing): `chattr +i` on the database and its WAL, so every write
    fails in the kernel (EPERM: SQLite says "disk I/O error" on open connections, "attempt to
    write a readonly database" on new ones). The shared-memory index is left alone: SQLite
    maps it, and an immutable mapped file kills the process with SIGBUS."""

    def __init__(self, database_file: Path) -> None:
        self.files = [database_file, Path(f"{database_file}-wal")]

    @staticmethod
    def available(probe_dir: Path) -> str | None:
        """None if chattr works here, else why not."""
        probe = probe_dir / "chattr-probe"
        probe.write_text("x")
        try:
            result = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, text=True)
        except FileNotFoundError:
            return "chattr is not installed"
        finally:
            subprocess.run(["chattr", "-i", str(probe)], capture_output=True)
            probe.unlink()
        return None if result.returncode == 0 else f"chattr +i refused: {result.stderr.strip()}"

    def begin(self) -> None:
        subprocess.run(["chattr", "+i", *map(str, self.files)], check=True)

    def end(self) -> None:
        for file in self.files:
            if file.exists():
                subprocess.run(["chattr", "-i", str(file)], check=True)


class SmallDisk:
    """A small tmpfs mounted on a temporary directory: a real file system that fills up, so a
    database on it meets ENOSPC, which SQLite reports as SQLITE_FULL ("database or disk is
    full") exactly as on a full volume. Mounting needs root (CAP_SYS_ADMIN)."""

    def __init__(self, size: str = "64m") -> None:
        self.size = size
        self.dir = Path(tempfile.mkdtemp(prefix="kamtibmas-disk-"))
        self.filler = self.dir / "filler"
        self.mounted = False

    def mount(self) -> str | None:
        """Mount; None if it worked, else why not."""
        try:
            result = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.dir)],
                capture_output=True,
                text=True,
            )
        except FileNotFoundError:
            return "mount is not installed"
        if result.returncode != 0:
            return f"cannot mount a tmpfs here: {result.stderr.strip()}"
        self.mounted = True
        return None

    def fill(self) -> None:
        """Take every free byte."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            chunk = 1 << 20
            while chunk:
                try:
                    os.write(fd, b"\0" * chunk)
                except OSError:
                    chunk //= 2
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def remove(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.dir)], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


async def make_volunteers(bot: BotHarness, desa_id: int, *user_ids: int) -> None:
    """Residents a koordinator accepted on the desa's watch (as /ikutronda ends)."""
    from storage.models import RondaVolunteer
    from storage.models import VolunteerStatus

    def write(session: Any) -> None:
        for user_id in user_ids:
            session.add(
                RondaVolunteer(user_id=user_id, desa_id=desa_id, status=VolunteerStatus.ACCEPTED)
            )

    await bot.services.db.write(write)


class RondaWorld:
    """Kronto with its pemuda koordinator and four residents on the ronda (accepted
    volunteers); Eko lives in Pancur next door (not on Kronto's watch). The `ronda_world`
    fixture (conftest.py) sets it up."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        updates = bot.updates
        self.koordinator = updates.user(first_name="Kurnia", username="kurnia")
        self.andi = updates.user(first_name="Andi", username="andi")
        self.budi = updates.user(first_name="Budi", username="budi")
        self.citra = updates.user(first_name="Citra", username="citra")
        self.dedi = updates.user(first_name="Dedi", username="dedi")
        # Lives in Pancur: may not stand watch in Kronto.
        self.stranger = updates.user(first_name="Eko", username="eko")
        self.kronto = 0
        self.pancur = 0

    async def set_up(self) -> None:
        bot = self.bot
        self.kronto = desa(bot, "Kronto").id
        self.pancur = desa(bot, "Pancur").id
        await bot.services.roles.grant(
            self.koordinator["id"],
            RoleSpec(
                Role.PEMUDA,
                Scope(area_id=self.kronto),
                division=Division.PATROLI,
                koordinator=True,
            ),
        )
        for person in (self.andi, self.budi, self.citra, self.dedi):
            await bot.services.subscriptions.set_home(person["id"], self.kronto)
        await make_volunteers(
            bot, self.kronto, *self.ids(self.andi, self.budi, self.citra, self.dedi)
        )
        await bot.services.subscriptions.set_home(self.stranger["id"], self.pancur)
        for person in (
            self.koordinator,
            self.andi,
            self.budi,
            self.citra,
            self.dedi,
            self.stranger,
        ):
            await bot.command(person, "/bantuan")  # known to the bot, with a name

    def ids(self, *people: JSON) -> list[int]:
        return [p["id"] for p in people]


# --- sosialisasi (edukasi) -----------------------------------------------------------------------


def document_update(
    bot: BotHarness,
    user: JSON,
    *,
    name: str = "materi.pdf",
    mime_type: str = "application/pdf",
    size: int = 200_000,
) -> JSON:
    """An update with a document (a file the fake can serve) sent by `user` in private."""
    stored = bot.fake.register_file(kind="documents", size=size, extension=name.rsplit(".", 1)[-1])
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": name,
        "mime_type": mime_type,
        "file_size": size,
    }
    message = bot.updates.message(user, document=document)
    return {"update_id": bot.fake.next_update_id(), "message": message}


# ---- web dashboard (issue 23) ----

# Debian's chromium (.ci/run installs it): Playwright cannot download its own build here.
CHROMIUM = os.environ.get("KAMTIBMAS_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "tests" / "screenshots"
_LINK = re.compile(r"https?://\S+/masuk/[A-Za-z0-9_-]+")


async def dasbor_link(bot: BotHarness, user: JSON) -> str:
    """Send /dasbor as `user` in private; the one-time link from the bot's reply."""
    await bot.command(user, "/dasbor")
    found = _LINK.search(text_of(last(bot, user["id"])))
    assert found, f"no /masuk link in {text_of(last(bot, user['id']))!r}"
    return found[0]


async def login(bot: BotHarness, page: PlaywrightPage, user: JSON) -> None:
    """Log `user` in to the dashboard in `page`: /dasbor through the fake Bot API, then the
    link from the bot's reply, opened in the browser."""
    link = await dasbor_link(bot, user)
    response = await page.goto(link)
    assert response is not None and response.ok, f"log-in failed: {link}"
    assert await page.locator("#logout").count() == 1, "not logged in (no log-out button)"


async def screenshot(page: PlaywrightPage, name: str) -> None:
    """Save `tests/screenshots/<name>.png` for the README, only when KAMTIBMAS_SCREENSHOTS=1."""
    if os.environ.get("KAMTIBMAS_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@contextlib.asynccontextmanager
async def web_client(bot: BotHarness, user: JSON) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client logged in as `user` the way a person logs in: /dasbor, then its link."""
    link = await dasbor_link(bot, user)
    async with httpx.AsyncClient(base_url=bot.web_url, follow_redirects=True, timeout=30) as client:
        response = await client.get(link)
        assert response.status_code == 200 and client.cookies, response.text[:300]
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token a dashboard page carries (its <meta name="csrf-token">)."""
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found[1]


def prepare_database(url: str) -> None:
    """Migrate the database at `url` and import Kabupaten Pasuruan (for a bot started on a
    database of its own, e.g. one a test stops or makes unwritable)."""
    database = Database(url, pool_size=1)
    try:
        migrate.upgrade(database.engine)
        database.call(import_areaid, "Kabupaten Pasuruan")
    finally:
        database.close()


def one_shift(world: RondaWorld, start: dt.datetime, minutes: int, team: list[int]) -> SchedulePlan:
    """A plan for a single shift of Kronto starting at `start` (to the minute, in WIB)."""
    local = start.astimezone(dt.timezone(dt.timedelta(hours=7)))
    return SchedulePlan(
        desa_id=world.kronto,
        post_id=None,
        start_minute=local.hour * 60 + local.minute,
        duration_minutes=minutes,
        weekdays=None,
        first_day=local.date(),
        last_day=local.date(),
        teams=[team],
    )
