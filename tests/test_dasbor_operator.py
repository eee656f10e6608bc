"""GET /healthz and GET /metrics (bot/web/operator.py) on the real Application, the fake Bot API
and a real database: healthy, unhealthy when the database is away or a one-person message is
stuck, counters that follow updates and Telegram's answers, and who may read the metrics."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Page
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update
from starlette.applications import Starlette

from bot.config import Settings
from bot.delivery import Payload
from bot.delivery import Priority
from bot.services.authz import Holding
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaLevel
from bot.web import operator
from bot.web.app import build_web
from storage.models import Delivery
from storage.models import Role
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import Fault
from tests.harness import ScaledClock
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import TEST_TOKEN
from tests.helpers import PrivatePostgres
from tests.helpers import UnwritableSqlite
from tests.helpers import World
from tests.helpers import desa
from tests.helpers import prepare_database
from tests.helpers import report
from tests.helpers import wait_until

METRICS_TOKEN = "s3cret-scrape-token"
ALLOWED = ("127.0.0.1", 40000)
OUTSIDER = ("10.0.0.5", 1234)


def web_app(bot: BotHarness) -> Starlette:
    """The dashboard's app as the bot serves it (build_web), to reach from any address."""
    return build_web(bot.app)


@contextlib.asynccontextmanager
async def bot_with(settings: Settings, fake: FakeTelegram, **web: Any) -> AsyncIterator[BotHarness]:
    """The bot with some WEB_METRICS_* settings of its own."""
    async with BotHarness(replace(settings, **web), fake, delivery_clock=ScaledClock(20)) as bot:
        yield bot


def client(app: Starlette, address: tuple[str, int] = ALLOWED) -> httpx.AsyncClient:
    """An HTTP client reaching `app` from `address` (the peer address the server sees)."""
    transport = httpx.ASGITransport(app=app, client=address)
    return httpx.AsyncClient(transport=transport, base_url="http://bot.test")


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a /metrics answer by (name, sorted labels)."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict[Any, float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def scrape(app: Starlette | str) -> dict[Any, float]:
    """GET /metrics from loopback: of the real server at a URL, or of an app in process."""
    http = httpx.AsyncClient(base_url=app) if isinstance(app, str) else client(app)
    async with http:
        answer = await http.get("/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return samples(answer.text)


# ---- /healthz ------------------------------------------------------------------------------


async def test_healthz_is_ok_with_small_json_and_nothing_secret(
    settings: Settings, fake: FakeTelegram
) -> None:
    async with bot_with(settings, fake, web_port=0, web_metrics_token=METRICS_TOKEN) as bot:
        async with httpx.AsyncClient(base_url=bot.web_url) as http:  # the server itself
            answer = await http.get("/healthz")
        async with client(web_app(bot), OUTSIDER) as http:  # open to any monitor
            assert (await http.get("/healthz")).status_code == 200
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["updates"]["webhook"] is False
    assert body["delivery"]["backlog"] == 0
    assert body["delivery"]["oldest_waiting_seconds"] == 0
    assert "reasons" not in body
    for secret in (TEST_TOKEN, METRICS_TOKEN, settings.database_url):
        assert secret not in answer.text
    assert answer.headers["cache-control"] == "no-store"


async def test_healthz_reports_the_polling_loop_and_its_last_update(web_bot: BotHarness) -> None:
    bot = web_bot
    async with httpx.AsyncClient(base_url=bot.web_url) as http:
        before = (await http.get("/healthz")).json()["updates"]
    assert before == {
        "webhook": False,
        "last_fetch_seconds_ago": None,
        "last_update_seconds_ago": None,
    }
    assert bot.app.updater is not None
    await bot.app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        user = bot.updates.user()
        bot.fake.push_update(bot.updates.command(user, "/bantuan"))
        await wait_until(lambda: bot.fake.texts(user["id"]), "the answer to /bantuan")
        async with httpx.AsyncClient(base_url=bot.web_url) as http:
            answer = await http.get("/healthz")
    finally:
        await bot.app.updater.stop()
    updates = answer.json()["updates"]
    assert answer.status_code == 200
    assert 0 <= updates["last_fetch_seconds_ago"] < 5
    assert 0 <= updates["last_update_seconds_ago"] < 5


async def test_healthz_fails_once_the_polling_loop_stops_going_round(
    web_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = web_bot
    # Five minutes in production; a second here (the rule is the same).
    monkeypatch.setattr(operator, "INTAKE_STALE", 1.0)
    assert bot.app.updater is not None
    await bot.app.updater.start_polling(poll_interval=0.05, timeout=0)
    try:
        await wait_until(lambda: bot.fake.calls_to("getUpdates"), "a getUpdates call")
        await asyncio.sleep(1.2)  # nobody writes: polling goes on, and that is enough
        async with httpx.AsyncClient(base_url=bot.web_url) as http:
            quiet = await http.get("/healthz")
    finally:
        await bot.app.updater.stop()
    assert quiet.status_code == 200, quiet.text
    assert quiet.json()["updates"]["last_update_seconds_ago"] is None
    await asyncio.sleep(1.2)  # the loop stopped: no getUpdates comes back any more
    async with httpx.AsyncClient(base_url=bot.web_url) as http:
        stopped = await http.get("/healthz")
    assert stopped.status_code == 503
    assert [r for r in stopped.json()["reasons"] if "getUpdates" in r], stopped.text


async def test_a_stuck_one_person_message_makes_healthz_fail(web_bot: BotHarness) -> None:
    bot = web_bot
    user = bot.updates.user()
    await bot.services.delivery.stop()  # the engine stops sending: rows stay in the outbox
    delivery_id = await bot.services.delivery.send_direct(user["id"], Payload.message("Halo"))
    app = web_app(bot)
    async with client(app) as http:
        fresh = await http.get("/healthz")
    assert fresh.status_code == 200, fresh.text  # waiting a moment is normal
    assert fresh.json()["delivery"]["backlog"] == 1

    def written_long_ago(session: Any) -> None:
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id)  # type: ignore[arg-type]
            .values(created_at=utcnow() - dt.timedelta(minutes=11))
        )

    await bot.services.db.run(written_long_ago)
    async with client(app) as http:
        stuck = await http.get("/healthz")
    assert stuck.status_code == 503
    body = stuck.json()
    assert body["status"] == "fail"
    assert body["database"] == "ok"
    assert [r for r in body["reasons"] if "one-person message" in r], body
    assert body["delivery"]["oldest_direct_waiting_seconds"] >= 660


def _fault_settings(url: str, tmp_path: Path) -> Settings:
    return Settings(
        token=TEST_TOKEN,
        database_url=url,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
        base_dir=tmp_path,
    )


async def _healthz_through_an_outage(
    bot: BotHarness, begin: Callable[[], None], end: Callable[[], None], *, reads: bool
) -> None:
    """/healthz fails while the database is away; /metrics still answers, with
    kamtibmas_database_up 0 when reads fail too (`reads`: they still work)."""
    app = web_app(bot)
    async with client(app) as http:
        assert (await http.get("/healthz")).status_code == 200
        begin()
        try:
            answer = await http.get("/healthz")
            assert answer.status_code == 503, answer.text
            body = answer.json()
            assert body["status"] == "fail"
            assert body["database"] in ("down", "full", "timeout"), body
            assert [r for r in body["reasons"] if r.startswith("database ")], body
            scraped = samples((await http.get("/metrics")).text)
            assert value(scraped, "kamtibmas_database_up") == (1 if reads else 0)
        finally:
            end()

        async def healthy() -> bool:
            return (await http.get("/healthz")).status_code == 200

        await wait_until(healthy, "healthz to be ok once the database is back", seconds=30)


async def test_healthz_fails_while_postgresql_is_stopped(
    private_postgres: PrivatePostgres, fake: FakeTelegram, tmp_path: Path
) -> None:
    prepare_database(private_postgres.url)
    async with BotHarness(_fault_settings(private_postgres.url, tmp_path), fake) as bot:
        await _healthz_through_an_outage(
            bot, private_postgres.stop, private_postgres.start, reads=False
        )


async def test_healthz_fails_while_sqlite_cannot_be_written(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    why_not = UnwritableSqlite.available(tmp_path)
    if why_not is not None:
        pytest.skip(f"cannot make a file unwritable for root here: {why_not}")
    database_file = tmp_path / "bot.db"
    url = f"sqlite:///{database_file}"
    prepare_database(url)
    fault = UnwritableSqlite(database_file)
    try:
        async with BotHarness(_fault_settings(url, tmp_path), fake) as bot:
            await _healthz_through_an_outage(bot, fault.begin, fault.end, reads=True)
    finally:
        fault.end()


# ---- /metrics ------------------------------------------------------------------------------


async def test_metrics_count_an_update_a_sent_message_and_a_429(web_bot: BotHarness) -> None:
    bot = web_bot
    app = bot.web_url  # the server the bot runs, reached from loopback
    before = await scrape(app)
    user = bot.updates.user()
    # The reply to /start meets one 429 first; the fast lane waits it out and sends it.
    bot.fake.inject(Fault.retry_after(1), method="sendMessage", chat_id=user["id"])
    assert bot.app.updater is not None
    await bot.app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        bot.fake.push_update(bot.updates.command(user, "/start"))
        await wait_until(lambda: bot.fake.texts(user["id"]), "the answer to /start")
        # A broadcast row meets a 429 too: the engine's path.
        residents = [bot.updates.user()["id"] for _ in range(3)]
        bot.fake.inject(Fault.retry_after(1), method="sendMessage", chat_id=residents[0])
        await bot.services.delivery.enqueue(residents, Payload.message("Imbauan"), Priority.INFO)
        await wait_until(
            lambda: all(bot.fake.texts(r) for r in residents), "the broadcast to arrive"
        )
        after = await scrape(app)
    finally:
        await bot.app.updater.stop()

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("kamtibmas_updates_total", kind="command") == 1
    assert grew("kamtibmas_update_handling_seconds_count", kind="command") == 1
    assert grew("kamtibmas_update_handling_seconds_bucket", kind="command", le="+Inf") == 1
    assert grew("kamtibmas_update_handling_seconds_sum", kind="command") > 0
    assert grew("kamtibmas_telegram_messages_total", via="direct", outcome="retry_after") == 1
    assert grew("kamtibmas_telegram_messages_total", via="direct", outcome="sent") >= 1
    assert grew("kamtibmas_telegram_messages_total", via="outbox", outcome="retry_after") == 1
    assert grew("kamtibmas_telegram_messages_total", via="outbox", outcome="sent") >= 3
    assert value(after, "kamtibmas_database_up") == 1


async def test_metrics_count_a_blocked_chat(web_bot: BotHarness) -> None:
    bot = web_bot
    app = web_app(bot)
    before = await scrape(app)
    resident = bot.updates.user()["id"]
    bot.fake.block(resident)
    await bot.services.delivery.enqueue([resident], Payload.message("Imbauan"), Priority.INFO)

    async def counted() -> bool:
        after = await scrape(app)
        key = ("kamtibmas_telegram_messages_total", (("outcome", "blocked"), ("via", "outbox")))
        return after.get(key, 0) - before.get(key, 0) == 1

    await wait_until(counted, "the 403 to be counted")


async def test_metrics_are_refused_from_an_address_not_allowed(
    settings: Settings, fake: FakeTelegram
) -> None:
    async with bot_with(settings, fake, web_metrics_token=METRICS_TOKEN) as bot:
        async with client(web_app(bot), OUTSIDER) as http:
            refused = await http.get("/metrics")
            wrong = await http.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
            basic = await http.get("/metrics", headers={"Authorization": f"Basic {METRICS_TOKEN}"})
    for answer in (refused, wrong, basic):
        assert answer.status_code == 403
        assert answer.headers["content-type"].startswith("text/plain")
        assert "kamtibmas_" not in answer.text


async def test_a_browser_not_allowed_is_refused_the_metrics_but_sees_healthz(
    settings: Settings, fake: FakeTelegram, page: Page
) -> None:
    """Through the real server in chromium: loopback taken off the list is refused."""
    async with bot_with(settings, fake, web_port=0, web_metrics_allow=("10.0.0.0/8",)) as bot:
        refused = await page.goto(f"{bot.web_url}/metrics")
        assert refused is not None and refused.status == 403
        assert "kamtibmas_" not in await page.content()
        health = await page.goto(f"{bot.web_url}/healthz")
        assert health is not None and health.status == 200
        assert (await health.json())["status"] == "ok"


async def test_metrics_are_served_with_the_bearer_token(
    settings: Settings, fake: FakeTelegram
) -> None:
    async with bot_with(settings, fake, web_metrics_token=METRICS_TOKEN) as bot:
        async with client(web_app(bot), OUTSIDER) as http:
            answer = await http.get(
                "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
            )
    assert answer.status_code == 200
    assert "kamtibmas_updates_total" in answer.text


async def test_metrics_allow_networks_and_no_token_means_addresses_only(
    settings: Settings, fake: FakeTelegram
) -> None:
    allow = ("192.168.1.0/24", "10.0.0.0/8")
    async with bot_with(settings, fake, web_metrics_allow=allow) as bot:
        async with client(web_app(bot), OUTSIDER) as http:
            assert (await http.get("/metrics")).status_code == 200
            # No token configured: an empty bearer never matches.
            empty = await http.get("/metrics", headers={"Authorization": "Bearer "})
            assert empty.status_code == 200  # (allowed by address anyway)
        async with client(web_app(bot), ALLOWED) as http:  # loopback is no longer listed
            assert (await http.get("/metrics")).status_code == 403
            empty = await http.get("/metrics", headers={"Authorization": "Bearer "})
            assert empty.status_code == 403
    # The default list is loopback, IPv4 and IPv6 (and IPv4 written as IPv6).
    async with bot_with(settings, fake) as bot:
        for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
            async with client(web_app(bot), (address, 40000)) as http:
                assert (await http.get("/metrics")).status_code == 200, address
        async with client(web_app(bot), ("::ffff:10.0.0.5", 40000)) as http:
            assert (await http.get("/metrics")).status_code == 403


async def test_backlog_by_priority_reports_and_siaga_gauges(web_bot: BotHarness) -> None:
    bot = web_bot
    world = World(bot)
    await world.set_up()
    await report(world)
    # A muster call, open until stood down (made as an admin would).
    call = CallPlan(
        area_id=desa(bot, "Kronto").id,
        audience=Audience.PEMUDA,
        reason="Ada ancaman pencurian",
        place_kind=PlaceKind.POLSEK,
        place_name="Polsek Lumbang",
        at=dt.datetime.now(dt.UTC),
        level=SiagaLevel.WASPADA,
    )
    await bot.services.siaga.create(
        call, [world.officer["id"]], ADMIN_ID, "id", [Holding(Role.ADMIN)]
    )
    app = web_app(bot)

    async def sent_all() -> bool:
        async with client(app) as http:
            return (await http.get("/healthz")).json()["delivery"]["backlog"] == 0

    await wait_until(sent_all, "the report's messages to be sent")
    await bot.services.delivery.stop()  # nothing leaves the outbox from here on
    people = [bot.updates.user()["id"] for _ in range(5)]
    await bot.services.delivery.enqueue(people[:3], Payload.message("Info"), Priority.INFO)
    await bot.services.delivery.enqueue(people[3:], Payload.message("!"), Priority.DARURAT)
    await bot.services.delivery.send_direct(people[0], Payload.message("Halo"))
    found = await scrape(app)
    async with client(app) as http:
        health = (await http.get("/healthz")).json()
    backlog = {
        priority: value(found, "kamtibmas_delivery_backlog", priority=priority)
        for priority in ("direct", "siaga", "darurat", "waspada", "info")
    }
    assert backlog == {"direct": 1, "siaga": 0, "darurat": 2, "waspada": 0, "info": 3}
    assert health["delivery"]["backlog"] == 6
    assert value(found, "kamtibmas_delivery_oldest_waiting_seconds") >= 0
    assert ("kamtibmas_delivery_oldest_waiting_seconds", ()) in found
    assert value(found, "kamtibmas_reports", status="baru") == 1
    assert ("kamtibmas_reports", (("status", "selesai"),)) in found  # zero, but there
    assert value(found, "kamtibmas_siaga_open_calls") == 1
