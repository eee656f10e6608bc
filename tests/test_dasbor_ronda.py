"""The dashboard's Ronda and Siaga pages: this week's rosters of the desa a person coordinates,
held and missed shifts, check-ins on the map; open siaga calls with their live tally, each in the
scope the chat's /statistikronda and the tally's buttons use; in a real browser too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from playwright.async_api import Page

from bot.services.authz import Scope
from bot.services.dasbor.ronda import RondaBoard
from bot.services.roles import RoleSpec
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaAnswer
from bot.services.siaga import SiagaLevel
from storage.models import Division
from storage.models import Role
from storage.models import ShiftStatus
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import RondaWorld
from tests.helpers import buttons
from tests.helpers import kecamatan
from tests.helpers import login
from tests.helpers import one_shift
from tests.helpers import screenshot
from tests.helpers import wait_until
from tests.helpers import web_client

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))
# Inside Kronto (Kec. Lumbang).
POS = (-7.7756, 112.9802)


def board(world: RondaWorld) -> RondaBoard:
    return world.bot.services.dasbor.ronda


async def held_and_missed(world: RondaWorld) -> tuple[int, int, dt.datetime]:
    """Two shifts today: Andi checks in on the first with his location (held), nobody on the
    second (missed); both ended. Returns their ids and the moment after both."""
    patrols = world.bot.services.patrols
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    first_start = now + dt.timedelta(minutes=2)
    # Late on a Sunday (WIB) the second shift would fall into the next week: both go there.
    end = (first_start + dt.timedelta(minutes=75)).astimezone(WIB)
    if end.isocalendar()[:2] != first_start.astimezone(WIB).isocalendar()[:2]:
        monday = dt.datetime.combine(end.date(), dt.time(0, 5), tzinfo=WIB)
        first_start = monday.astimezone(dt.UTC)
    second_start = first_start + dt.timedelta(minutes=38)
    (first,) = (
        await patrols.create(one_shift(world, first_start, 30, world.ids(world.andi)), 0, "id")
    ).shift_ids
    (second,) = (
        await patrols.create(one_shift(world, second_start, 30, world.ids(world.budi)), 0, "id")
    ).shift_ids
    checked = await patrols.check_in(
        world.andi["id"],
        first,
        latitude=POS[0],
        longitude=POS[1],
        now=first_start + dt.timedelta(minutes=1),
    )
    assert checked.outcome.value == "done"
    after = second_start + dt.timedelta(minutes=31)
    for shift_id in (first, second):
        await patrols.advance(shift_id, now=after)
    return first, second, after


async def test_the_week_shows_held_and_missed_shifts_and_check_ins_of_the_scope(
    ronda_world: RondaWorld,
) -> None:
    world = ronda_world
    services = world.bot.services
    first, second, after = await held_and_missed(world)
    holdings = await services.roles.holdings(world.koordinator["id"])
    week = await board(world).week(holdings, now=after)
    (kronto,) = week.desa
    assert kronto.desa_id == world.kronto and [s.id for s in kronto.shifts] == [first, second]
    assert [s.status for s in kronto.shifts] == [ShiftStatus.HELD, ShiftStatus.MISSED]
    assert (week.held, week.missed) == (1, 1)
    assert week.first_day.weekday() == 0 and week.last_day - week.first_day == dt.timedelta(6)
    (point,) = week.points
    assert (point.latitude, point.longitude) == POS and point.name == "Andi (@andi)"
    assert point.shift_id == first and not point.at_post
    # An administrator sees every desa; an officer of another Polsek none of Kronto's.
    admin = await services.roles.holdings(ADMIN_ID)
    assert [d.desa_id for d in (await board(world).week(admin, now=after)).desa] == [world.kronto]
    pandaan = await services.areas.set_polsek_coverage(
        "Polsek Pandaan", [kecamatan(world.bot, "Pandaan").id], actor_label="t"
    )
    stranger = world.bot.updates.user(first_name="Bripda", last_name="Lain")
    await services.roles.grant(stranger["id"], RoleSpec(Role.POLISI, Scope(polsek_id=pandaan.id)))
    far = await services.roles.holdings(stranger["id"])
    assert (await board(world).week(far, now=after)).desa == []
    # A week later the page is empty.
    later = await board(world).week(holdings, now=after + dt.timedelta(days=7))
    assert later.desa == [] and later.points == []


def call_plan(area_id: int) -> CallPlan:
    return CallPlan(
        area_id=area_id,
        audience=Audience.RONDA,
        reason="Jaga kantor desa",
        place_kind=PlaceKind.POLSEK,
        place_name="Polsek Lumbang",
        at=dt.datetime.now(dt.UTC),
        level=SiagaLevel.WASPADA,
    )


async def call_out(world: RondaWorld) -> int:
    """Kronto's koordinator calls the desa's ronda (the four volunteers)."""
    siaga = world.bot.services.siaga
    caller = world.koordinator["id"]
    holdings = await world.bot.services.roles.holdings(caller)
    people = await siaga.audience(world.kronto, Audience.RONDA, caller)
    created = await siaga.create(call_plan(world.kronto), people, caller, "id", holdings)
    return created.call.id


async def test_open_calls_carry_their_tally_in_the_callers_scope(ronda_world: RondaWorld) -> None:
    world = ronda_world
    services = world.bot.services
    call_id = await call_out(world)
    caller = world.koordinator["id"]
    holdings = await services.roles.holdings(caller)
    (tally,) = await board(world).open_calls(caller, holdings)
    assert tally.call.id == call_id and tally.called == 4
    assert tally.counts == {"siap": 0, "lokasi": 0, "tidak": 0, "waiting": 4}
    await services.siaga.answer(world.andi["id"], call_id, SiagaAnswer.SIAP)
    await services.siaga.answer(world.budi["id"], call_id, SiagaAnswer.TIDAK)
    (tally,) = await board(world).open_calls(caller, holdings)
    assert tally.counts == {"siap": 1, "lokasi": 0, "tidak": 1, "waiting": 2}
    assert tally.names["siap"] == ["Andi (@andi)"] and tally.revision > 0
    # An admin follows it; a volunteer of the ronda (no role) and an officer elsewhere do not.
    admin = await services.roles.holdings(ADMIN_ID)
    assert [t.call.id for t in await board(world).open_calls(ADMIN_ID, admin)] == [call_id]
    andi = await services.roles.holdings(world.andi["id"])
    assert await board(world).open_calls(world.andi["id"], andi) == []
    # Closed, it is gone from the page.
    await services.siaga.close(call_id, caller)
    assert await board(world).open_calls(caller, holdings) == []


# --- the pages over HTTP and in a real browser -------------------------------------------------


async def web_world(bot: BotHarness) -> RondaWorld:
    world = RondaWorld(bot)
    await world.set_up()
    return world


async def officer_of_pandaan(bot: BotHarness) -> JSON:
    """An officer of another Polsek (Pandaan), known to the bot."""
    services = bot.services
    pandaan = await services.areas.set_polsek_coverage(
        "Polsek Pandaan", [kecamatan(bot, "Pandaan").id], actor_label="t"
    )
    officer = bot.updates.user(first_name="Bripda", last_name="Pandaan")
    await services.roles.grant(officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=pandaan.id)))
    await bot.command(officer, "/bantuan")
    return officer


async def test_the_ronda_page_shows_the_week_of_the_viewers_desa_only(web_bot: BotHarness) -> None:
    world = await web_world(web_bot)
    first, second, _after = await held_and_missed(world)
    async with web_client(web_bot, world.koordinator) as client:
        page = await client.get("/ronda")
        assert page.status_code == 200
        assert "Desa Kronto" in page.text and f'data-shift="{first}"' in page.text
        assert f'data-shift="{second}"' in page.text
        assert "terlaksana" in page.text and "terlewat" in page.text
        assert "Andi (@andi) ✅" in page.text
        assert str(POS[0]) in page.text  # the check-in's place, for the map
        assert (await client.get("/siaga")).status_code == 200
    stranger = await officer_of_pandaan(web_bot)
    async with web_client(web_bot, stranger) as client:
        page = await client.get("/ronda")
        assert page.status_code == 200 and "Desa Kronto" not in page.text
        assert "Andi" not in page.text and 'id="ronda-none"' in page.text


async def test_the_siaga_tally_json_follows_the_answers_in_the_viewers_scope(
    web_bot: BotHarness,
) -> None:
    world = await web_world(web_bot)
    call_id = await call_out(world)
    await web_bot.services.siaga.answer(world.citra["id"], call_id, SiagaAnswer.LOKASI)
    async with web_client(web_bot, world.koordinator) as client:
        answer = await client.get("/siaga/tally.json", headers={"Accept": "application/json"})
        (call,) = answer.json()["calls"]
        assert call["id"] == call_id and call["counts"]["lokasi"] == 1
        assert call["names"]["lokasi"] == ["Citra (@citra)"]
    stranger = await officer_of_pandaan(web_bot)
    async with web_client(web_bot, stranger) as client:
        answer = await client.get("/siaga/tally.json", headers={"Accept": "application/json"})
        assert answer.json() == {"calls": []}
        page = await client.get("/siaga")
        assert "Tidak ada panggilan siaga" in page.text and "Citra" not in page.text


async def test_the_map_shows_the_check_ins_of_the_week(web_bot: BotHarness, page: Page) -> None:
    world = await web_world(web_bot)
    await held_and_missed(world)
    # A pos's name is typed by people: on the map it is text, never markup.
    hostile = '<img src=x onerror="window.pwned=1">Pos <b>Balai</b>'
    await web_bot.services.patrols.add_post(
        world.kronto, hostile, world.koordinator["id"], latitude=POS[0] + 0.01, longitude=POS[1]
    )
    await login(web_bot, page, world.koordinator)
    await page.goto(f"{web_bot.web_url}/ronda")
    await page.wait_for_selector("#ronda-map[data-markers='1']")
    assert await page.locator(".leaflet-marker-icon").count() == 1
    await page.locator("path.leaflet-interactive").first.hover()
    tooltip = page.locator(".leaflet-tooltip")
    await tooltip.wait_for()
    assert await tooltip.inner_text() == hostile
    assert await page.evaluate("window.pwned") is None
    assert await page.locator(".leaflet-tooltip img").count() == 0
    nav = await page.locator("nav.nav").inner_text()
    assert "Ronda" in nav and "Siaga" in nav
    await screenshot(page, "ronda")


async def test_a_siaga_tally_moves_on_the_page_when_a_member_answers_in_chat(
    web_bot: BotHarness, page: Page
) -> None:
    world = await web_world(web_bot)
    bot = web_bot
    call_id = await call_out(world)
    await login(bot, page, world.koordinator)
    await page.goto(f"{bot.web_url}/siaga")
    card = page.locator(f'[data-call="{call_id}"]')
    assert await card.locator('[data-count="siap"]').inner_text() == "0"
    assert await card.locator('[data-count="waiting"]').inner_text() == "4"
    await page.evaluate("window.stayed = true")
    # Andi answers ✅ Siap under the call in his chat.
    message = await wait_until(
        lambda: next(
            (
                bot.fake.get_message(world.andi["id"], m["message_id"])
                for m in reversed(bot.fake.sent_messages(world.andi["id"]))
                if "✅ Siap" in buttons(m)
            ),
            None,
        ),
        "Andi to get the call",
    )
    assert message is not None
    await bot.press(world.andi, message, buttons(message)["✅ Siap"])
    await page.wait_for_function(
        f"""() => document.querySelector(
            '[data-call="{call_id}"] [data-count="siap"]').textContent === "1" """,
        timeout=20_000,
    )
    assert "Andi (@andi)" in await card.locator('[data-names="siap"]').inner_text()
    assert await card.locator('[data-count="waiting"]').inner_text() == "3"
    assert await page.evaluate("window.stayed") is True
    await screenshot(page, "siaga")


async def test_a_koordinator_sees_only_what_the_role_allows(
    web_bot: BotHarness, page: Page
) -> None:
    world = await web_world(web_bot)
    bot = web_bot
    # Pancur's koordinator: the pages are theirs, Kronto's call and shifts are not.
    pancur = bot.updates.user(first_name="Putri", username="putri")
    await bot.services.roles.grant(
        pancur["id"],
        RoleSpec(
            Role.PEMUDA, Scope(area_id=world.pancur), division=Division.PATROLI, koordinator=True
        ),
    )
    await bot.command(pancur, "/bantuan")
    await held_and_missed(world)
    call_id = await call_out(world)
    await login(bot, page, pancur)
    await page.goto(f"{bot.web_url}/ronda")
    assert "Desa Kronto" not in await page.locator("main").inner_text()
    await page.goto(f"{bot.web_url}/siaga")
    assert await page.locator(f'[data-call="{call_id}"]').count() == 0
    # No reports page for a koordinator: not in the navigation, refused when typed.
    assert "/laporan" not in await page.locator("nav.nav").inner_html()
