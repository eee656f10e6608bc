"""The Polsek dashboard's log-in: /dasbor in chat -> a one-time link -> a session in a real
browser (Debian's chromium); refusals of residents, old and reused links, revoked officers,
POSTs without the CSRF token; log-out; the WEB_* settings."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time
from pathlib import Path

import httpx
import itsdangerous
import pytest
from playwright.async_api import Page
from sqlalchemy import update
from sqlmodel import select

from bot.config import ConfigError
from bot.config import load_settings
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from bot.web.app import SESSION_COOKIE
from bot.web.auth import Refused
from bot.web.auth import Viewer
from bot.web.auth import require
from storage.models import AuditEntry
from storage.models import Division
from storage.models import Role
from storage.models import WebKey
from storage.models import WebLogin
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.helpers import STOP_SECONDS
from tests.helpers import TEST_TOKEN
from tests.helpers import TOKEN as PROCESS_TOKEN
from tests.helpers import BotProcess
from tests.helpers import World
from tests.helpers import base_env
from tests.helpers import dasbor_link
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import login
from tests.helpers import text_of
from tests.helpers import wait_for


async def audit_actions(bot: BotHarness, user_id: int) -> list[str]:
    rows = await bot.services.db.run(
        lambda s: list(s.exec(select(AuditEntry).where(AuditEntry.actor_id == user_id)))
    )
    return [row.action for row in rows]


async def logins(bot: BotHarness) -> list[WebLogin]:
    return await bot.services.db.run(lambda s: list(s.exec(select(WebLogin))))


# --- logging in ------------------------------------------------------------------------------


async def test_an_officer_logs_in_with_the_link_from_dasbor(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    officer = web_world.officer
    link = await dasbor_link(web_bot, officer)
    reply = text_of(last(web_bot, officer["id"]))
    assert link.startswith(web_bot.web_url + "/masuk/") and "10 menit" in reply
    # No preview: Telegram's preview fetcher would use the link up before the officer.
    sent = web_bot.fake.calls_to("sendMessage", chat_id=officer["id"])[-1].params
    assert sent["link_preview_options"]["is_disabled"] is True
    # Only a hash is kept: the database alone opens nothing.
    (row,) = await logins(web_bot)
    token = link.rsplit("/", 1)[1]
    assert row.user_id == officer["id"] and token not in row.token_hash

    response = await page.goto(link)
    assert response is not None and response.ok
    # The link is not left in the address bar: the first page the officer may open.
    assert page.url == web_bot.web_url + "/laporan"
    assert "Andi" in await page.locator(".who").inner_text()
    assert await page.locator("#logout").is_visible()
    (cookie,) = await page.context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    assert "dasbor.login" in await audit_actions(web_bot, officer["id"])


async def test_the_login_helper_and_the_page_in_english(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    await login(web_bot, page, web_world.officer)
    # The form posts itself on change; the page it leads back to is the same one.
    async with page.expect_navigation():
        await page.select_option("#lang", "en")
    assert page.url == web_bot.web_url + "/laporan"
    assert await page.locator("#logout").inner_text() == "Log out"
    # The same language as in chat: it is the person's /bahasa.
    assert await web_bot.services.users.language_of(web_world.officer["id"]) == "en"


async def test_a_resident_gets_no_link(web_bot: BotHarness, web_world: World) -> None:
    resident = web_world.resident
    await web_bot.command(resident, "/dasbor")
    answer = text_of(last(web_bot, resident["id"]))
    assert answer.startswith("Maaf") and "/masuk/" not in answer
    assert await logins(web_bot) == []
    assert "auth.denied" in await audit_actions(web_bot, resident["id"])


async def test_in_a_group_the_officer_is_told_to_ask_in_private(
    web_bot: BotHarness, web_world: World
) -> None:
    await web_bot.command(web_world.officer, "/dasbor", chat=web_world.duty)
    said = web_bot.fake.texts(web_world.duty["id"])
    assert not any("/masuk/" in text for text in said)
    assert "pribadi" in said[-1]
    assert await logins(web_bot) == []


async def test_a_pemuda_koordinator_may_log_in_but_not_a_ronda_member(
    web_bot: BotHarness, web_world: World
) -> None:
    koordinator = web_bot.updates.user(first_name="Koor")
    member = web_bot.updates.user(first_name="Anggota")
    area = Scope(area_id=desa(web_bot, "Kronto").id)
    await web_bot.services.roles.grant(
        koordinator["id"], RoleSpec(Role.PEMUDA, area, Division.PATROLI, koordinator=True)
    )
    await web_bot.services.roles.grant(member["id"], RoleSpec(Role.PEMUDA, area, Division.PATROLI))
    assert "/masuk/" in await dasbor_link(web_bot, koordinator)
    await web_bot.command(member, "/dasbor")
    assert "/masuk/" not in text_of(last(web_bot, member["id"]))


# --- refused links ---------------------------------------------------------------------------


async def test_an_expired_link_is_refused(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    link = await dasbor_link(web_bot, web_world.officer)
    # Eleven minutes later (links live ten).
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    await web_bot.services.db.run(lambda s: s.execute(update(WebLogin).values(expires_at=past)))
    response = await page.goto(link)
    assert response is not None and response.status == 410
    assert "kedaluwarsa" in await page.locator("main").inner_text()
    assert await page.locator("#logout").count() == 0
    assert await page.context.cookies() == []


async def test_a_link_works_once(web_bot: BotHarness, web_world: World, page: Page) -> None:
    link = await dasbor_link(web_bot, web_world.officer)
    first = await page.goto(link)
    assert first is not None and first.ok
    # The same link again, from another browser (someone it was forwarded to).
    other = await page.context.browser.new_context()  # type: ignore[union-attr]
    try:
        tab = await other.new_page()
        again = await tab.goto(link)
        assert again is not None and again.status == 410
        assert "sudah pernah dipakai" in await tab.locator("main").inner_text()
        assert await tab.locator("#logout").count() == 0
    finally:
        await other.close()


async def test_an_unknown_link_and_no_session_explain_how_to_log_in(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    response = await page.goto(web_bot.web_url + "/masuk/bukan-token-yang-benar")
    assert response is not None and response.status == 404
    assert "tidak dikenal" in await page.locator("main").inner_text()
    response = await page.goto(web_bot.web_url + "/")
    assert response is not None and response.status == 401
    assert page.url == web_bot.web_url + "/masuk"
    assert "/dasbor" in await page.locator("main").inner_text()


async def test_a_link_of_someone_who_lost_the_role_meanwhile_opens_nothing(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    officer = web_world.officer
    link = await dasbor_link(web_bot, officer)
    await web_bot.services.roles.revoke(
        officer["id"], Role.POLISI, Scope(polsek_id=web_world.polsek_id)
    )
    response = await page.goto(link)
    assert response is not None and response.status == 403
    assert "Akses dicabut" in await page.locator("main").inner_text()
    assert "dasbor.login" not in await audit_actions(web_bot, officer["id"])


# --- during the session ----------------------------------------------------------------------


async def test_a_revoked_officer_loses_the_session_at_the_next_request(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    officer = web_world.officer
    await login(web_bot, page, officer)
    await web_bot.services.roles.revoke(
        officer["id"], Role.POLISI, Scope(polsek_id=web_world.polsek_id)
    )
    response = await page.reload()
    assert response is not None and response.status == 403
    assert "Akses dicabut" in await page.locator("main").inner_text()
    assert "auth.denied" in await audit_actions(web_bot, officer["id"])
    # The session is over: getting the role back does not bring it back without a new link.
    await web_bot.services.roles.grant(
        officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=web_world.polsek_id))
    )
    response = await page.goto(web_bot.web_url + "/")
    assert response is not None and response.status == 401


async def test_a_post_without_the_csrf_token_is_refused(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    await login(web_bot, page, web_world.officer)
    statuses = await page.evaluate(
        """async () => {
            const plain = await fetch('/keluar', {method: 'POST'});
            const wrong = await fetch('/keluar', {method: 'POST',
                headers: {'X-CSRF-Token': 'salah'}});
            const form = await fetch('/keluar', {method: 'POST',
                body: new URLSearchParams({csrf: 'salah'})});
            return [plain.status, wrong.status, form.status, await plain.text()];
        }"""
    )
    assert statuses[:3] == [403, 403, 403]
    assert "tanda keamanan" in statuses[3]
    # Still logged in: none of them reached the handler.
    response = await page.goto(web_bot.web_url + "/")
    assert response is not None and response.ok and await page.locator("#logout").count() == 1
    # dasbor.js postForm() sends the header: accepted.
    status = await page.evaluate("async () => (await window.dasbor.postForm('/keluar', {})).status")
    assert status == 200


async def test_logging_out_ends_the_session(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    await login(web_bot, page, web_world.officer)
    await page.click("#logout")
    assert "sudah keluar" in await page.locator("main").inner_text()
    response = await page.goto(web_bot.web_url + "/")
    assert response is not None and response.status == 401 and page.url.endswith("/masuk")
    assert "dasbor.logout" in await audit_actions(web_bot, web_world.officer["id"])


async def forged_session(bot: BotHarness, user_id: int, since: float) -> str:
    """A session cookie as SessionMiddleware signs it (the bot's own key), begun at `since`."""
    data = {"uid": user_id, "since": int(since), "csrf": "x" * 43}
    payload = base64.b64encode(json.dumps(data).encode())
    signed = itsdangerous.TimestampSigner(await bot.services.dasbor.cookie_key()).sign(payload)
    return signed.decode()


async def test_a_session_ends_twelve_hours_after_log_in(
    web_bot: BotHarness, web_world: World
) -> None:
    officer = web_world.officer["id"]
    async with httpx.AsyncClient(base_url=web_bot.web_url) as client:
        for hours, expected in ((11.5, 200), (12.5, 303)):
            cookie = await forged_session(web_bot, officer, time.time() - hours * 3600)
            client.cookies.set(SESSION_COOKIE, cookie)
            answer = await client.get("/laporan")
            assert answer.status_code == expected, hours
        assert answer.headers["location"] == "/masuk"


def test_require_refuses_outside_the_role_and_outside_the_scope() -> None:
    polsek = Scope(polsek_id=1)
    viewer = Viewer(
        user_id=1,
        name="Andi",
        lang="id",
        holdings=(Holding(Role.POLISI, polsek),),
        csrf="x",
    )
    require(viewer, Action.USE_DASHBOARD)
    require(viewer, Action.HANDLE_REPORT, Place(polsek_id=1))
    with pytest.raises(Refused) as role:
        require(viewer, Action.MANAGE_AREAS)
    assert (role.value.reason, role.value.key, role.value.user_id) == ("role", "dasbor.denied", 1)
    with pytest.raises(Refused) as scope:
        require(viewer, Action.HANDLE_REPORT, Place(polsek_id=2))
    assert scope.value.reason == "scope"


async def test_a_poll_of_an_ended_session_gets_json_not_a_page(
    web_bot: BotHarness, web_world: World
) -> None:
    async with httpx.AsyncClient(base_url=web_bot.web_url) as client:
        answer = await client.get("/", headers={"Accept": "application/json"})
        assert answer.status_code == 401 and answer.json() == {"error": "login"}
        # The static files: own and Leaflet's, from Python packages (no CDN).
        for path in (
            "/static/dasbor.js",
            "/static/dasbor.css",
            "/static/leaflet/leaflet.js",
            "/static/markercluster/leaflet.markercluster.js",
        ):
            assert (await client.get(path)).status_code == 200, path
        assert (await client.get("/static/dasbor.js")).headers["x-frame-options"] == "DENY"


async def test_the_cookie_key_is_made_once_and_kept(web_bot: BotHarness) -> None:
    first = await web_bot.services.dasbor.cookie_key()
    assert await web_bot.services.dasbor.cookie_key() == first and len(first) >= 32
    keys = await web_bot.services.db.run(lambda s: list(s.exec(select(WebKey))))
    assert [k.secret for k in keys] == [first]


async def test_without_web_port_there_is_no_server_and_dasbor_says_so(
    area_bot: BotHarness,
) -> None:
    world = World(area_bot)
    await world.set_up()
    assert area_bot.app.bot_data.web is None
    await area_bot.command(world.officer, "/dasbor")
    assert "belum dinyalakan" in text_of(last(area_bot, world.officer["id"]))


# --- settings --------------------------------------------------------------------------------

WEB_KEYS = (
    "WEB_LISTEN WEB_PORT WEB_BASE_URL WEB_SECRET WEB_TILE_URL WEB_METRICS_ALLOW WEB_METRICS_TOKEN"
).split()


@pytest.fixture
def web_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in WEB_KEYS:
        monkeypatch.delenv(key, raising=False)
    path = tmp_path / "config.env"
    path.write_text(f"TELEGRAM_BOT_TOKEN={TEST_TOKEN.replace('TEST-', 'AAAA')}\n")
    return path


def test_web_defaults(web_config_file: Path) -> None:
    settings = load_settings(web_config_file)
    assert (settings.web_listen, settings.web_port) == ("127.0.0.1", 8080)
    assert settings.web_public_url == "http://127.0.0.1:8080"
    assert settings.web_tile_url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert settings.web_metrics_allow == ("127.0.0.1", "::1")
    assert settings.web_secret is None and settings.web_metrics_token is None


def test_web_settings_are_read_and_off_switches_the_server_off(web_config_file: Path) -> None:
    web_config_file.write_text(
        web_config_file.read_text()
        + "WEB_PORT=off\nWEB_BASE_URL=https://dasbor.example.id/\n"
        + "WEB_SECRET=0123456789abcdefXYZ\nWEB_METRICS_ALLOW=10.0.0.0/8, ::1\n"
        + "WEB_METRICS_TOKEN=rahasia\n"
    )
    settings = load_settings(web_config_file)
    assert settings.web_port is None and not settings.web_enabled
    assert settings.web_public_url == "https://dasbor.example.id"
    assert settings.web_metrics_allow == ("10.0.0.0/8", "::1")
    assert "0123456789abcdefXYZ" not in repr(settings) and "rahasia" not in repr(settings)
    assert all("rahasia" not in value for _, value in settings.describe())


def test_bad_web_settings_are_reported_together(web_config_file: Path) -> None:
    web_config_file.write_text(
        web_config_file.read_text()
        + "WEB_PORT=99999\nWEB_BASE_URL=dasbor.example.id\nWEB_SECRET=pendek\n"
        + "WEB_TILE_URL=https://tiles.example/{z}.png\nWEB_METRICS_ALLOW=localhost\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(web_config_file)
    for key in ("WEB_PORT", "WEB_BASE_URL", "WEB_SECRET", "WEB_TILE_URL", "WEB_METRICS_ALLOW"):
        assert key in str(caught.value), key


# --- the real process --------------------------------------------------------------------------


def test_kamtibmas_run_serves_the_dashboard_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """The dashboard runs in the bot's process and loop: it answers while the bot runs, and one
    SIGTERM stops both cleanly."""
    fake = FakeTelegram()
    with FakeTelegramServer(fake, token=PROCESS_TOKEN) as http:
        env = base_env(http, f"sqlite:///{tmp_path / 'kamtibmas.db'}") | {"WEB_PORT": "0"}
        bot = BotProcess(tmp_path, env)
        try:
            wait_for(lambda: "is ready" in bot.output(), 60, "the bot to start")
            found = re.search(r"Dashboard listening on 127\.0\.0\.1:(\d+)", bot.output())
            assert found, bot.output()
            answer = httpx.get(f"http://127.0.0.1:{found[1]}/masuk", timeout=10)
            assert answer.status_code == 401 and "/dasbor" in answer.text
            code, seconds = bot.stop()
        finally:
            bot.kill()
    assert code == 0, bot.output()
    assert seconds < STOP_SECONDS and "Kamtibmas Bot stopped" in bot.output()
