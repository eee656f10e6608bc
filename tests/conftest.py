"""Shared fixtures: a fresh migrated database per test (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set), the real Application wired to the fake Bot API and the command line.
Each fixture name means one thing across the suite; plain helpers are in helpers.py."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.async_api import Browser
from playwright.async_api import Page
from playwright.async_api import async_playwright

# Before anything reads a duration from telegram objects (see bot/app.py).
os.environ.setdefault("PTB_TIMEDELTA", "true")
from bot.config import Settings
from storage.db import Database
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import CHROMIUM
from tests.helpers import POLRES_CHAT
from tests.helpers import TEST_TOKEN
from tests.helpers import DatabaseTemplates
from tests.helpers import PrivatePostgres
from tests.helpers import RondaWorld
from tests.helpers import World
from tests.helpers import migrate_database
from tests.helpers import postgres_schema

# The databases made from the template with Pasuruan's areas (see `database_url`).
WITH_PASURUAN: set[str] = set()
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (no tables at all), gone after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with postgres_schema(os.environ["TEST_DATABASE_URL"]) as url:
        yield url


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseTemplates]:
    """The session's databases at head, with and without Pasuruan's areas, to copy per test."""
    templates = DatabaseTemplates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.close()


@pytest.fixture
def database_url(
    empty_database_url: str, templates: DatabaseTemplates, request: pytest.FixtureRequest
) -> str:
    """The URL of a fresh database with the schema at head (a copy of the session's migrated
    template; when the test asks for `pasuruan` too, of the template with its areas)."""
    areas = "pasuruan" in request.fixturenames
    templates.fill(empty_database_url, areas=areas)
    if areas:
        WITH_PASURUAN.add(empty_database_url)
    return empty_database_url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A Database on the fresh test database."""
    database = Database(database_url)
    yield database
    database.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings as a deployment would have them, pointing at the test database."""
    return Settings(
        token=TEST_TOKEN,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
        base_dir=tmp_path,
    )


@pytest.fixture
def pasuruan(database_url: str) -> str:
    """The test database with Kabupaten Pasuruan's areas imported (24 kecamatan, 365 desa)."""
    if database_url not in WITH_PASURUAN:  # asked for late (getfixturevalue): import them now
        migrate_database(database_url, areas=True)
    return database_url


@pytest.fixture
def delivery_clock(request: pytest.FixtureRequest) -> ScaledClock | None:
    """The delivery engine's clock, 20 times faster than real time (as test_reports' own): the
    pacing of 1 message a second per person and 20 a minute per group, and the 1 s housekeeping
    that finishes deliveries, otherwise make tests wait seconds of real time per message. A test
    that restarts the bot hands the same clock to every start (the slots and leases it wrote are
    in this clock's time). Tests marked `real_time` (they measure Telegram's waits against the
    fake's real clock) get None: the engine on real time."""
    if request.node.get_closest_marker("real_time") is not None:
        return None
    return ScaledClock(20)


@pytest.fixture
async def area_bot(
    pasuruan: str, settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock | None
) -> AsyncIterator[BotHarness]:
    """The bot started on a database that has Kabupaten Pasuruan's areas."""
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as harness:
        yield harness


@pytest.fixture
def fake() -> FakeTelegram:
    """The fake Bot API; rate limits off here (tests of the limits switch them on)."""
    return FakeTelegram(enforce_limits=False)


@pytest.fixture
async def bot(
    settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock | None
) -> AsyncIterator[BotHarness]:
    """The real Application, started as `kamtibmas run` would, talking to the fake Bot API
    (its delivery engine on the scaled clock)."""
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as harness:
        yield harness


@pytest.fixture
def report_settings(settings: Settings) -> Settings:
    """Settings with a Polres chat (escalations) and Pasuruan's bounds (shared locations)."""
    return replace(
        settings, polres_chat_id=POLRES_CHAT, report_bounds=(-7.98, 112.55, -7.50, 113.10)
    )


@pytest.fixture
async def report_world(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[World]:
    """The bot on Pasuruan with a Polsek, its duty group, two officers and a resident
    (tests/helpers.py World), for reports and what follows from them."""
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = World(bot)
        await world.set_up()
        yield world


@pytest.fixture
def patrol_settings(settings: Settings) -> Settings:
    """Settings with Pasuruan's bounds (a pos ronda's place, check-ins by location)."""
    return replace(settings, report_bounds=(-7.98, 112.55, -7.50, 113.10))


@pytest.fixture
async def ronda_world(
    pasuruan: str, patrol_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[RondaWorld]:
    """The bot on Pasuruan with Kronto's koordinator and ronda members (tests/helpers.py
    RondaWorld), for patrols and naming people on rosters."""
    async with BotHarness(patrol_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        ronda_world = RondaWorld(bot)
        await ronda_world.set_up()
        yield ronda_world


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of this test's own, started, that the test may stop and start
    (the shared server of TEST_DATABASE_URL must never be stopped: other sessions use it)."""
    server = PrivatePostgres()
    if server.bin is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.remove()


# ---- web dashboard (issue 23) ----


@pytest.fixture
async def web_bot(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[BotHarness]:
    """The bot with its dashboard on a free port (`web_bot.web_url`), on Pasuruan's areas with
    report_settings (so `World(web_bot)` works as report_world does)."""
    web_settings = replace(report_settings, web_port=0, web_listen="127.0.0.1")
    async with BotHarness(web_settings, fake, delivery_clock=ScaledClock(20)) as harness:
        yield harness


@pytest.fixture
async def web_world(web_bot: BotHarness) -> World:
    """report_world's Polsek, duty chat, officers and resident, on the bot with its dashboard."""
    world = World(web_bot)
    await world.set_up()
    return world


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's chromium, headless, driven by Playwright (it cannot download its own here)."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh browser tab (own cookies), the size of a duty PC's screen."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    tab = await context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        await context.close()
