"""The dashboard's Laporan page: the read side's scope and filters on a real database (SQLite and
PostgreSQL), its routes over HTTP, and the whole way in a real browser: /dasbor → the link → the
report on the map and in the table → Terima → the resident told, the duty card edited."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from playwright.async_api import Page
from sqlmodel import Session

from bot.services.authz import Scope as RoleScope
from bot.services.dasbor.laporan import PAGE_SIZE
from bot.services.dasbor.laporan import Filters
from bot.services.dasbor.laporan import LaporanService
from bot.services.dasbor.laporan import Source
from bot.services.roles import RoleSpec
from storage import queries
from storage.models import Division
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import Role
from storage.models import TrainingReport
from storage.models import TrainingSession
from storage.models import utcnow
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import JSON
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import csrf_of
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import last
from tests.helpers import login
from tests.helpers import report
from tests.helpers import screenshot
from tests.helpers import stored
from tests.helpers import told
from tests.helpers import web_client

_numbers = itertools.count(1)


def laporan(bot: BotHarness) -> LaporanService:
    return bot.services.dasbor.laporan


async def add_report(bot: BotHarness, polsek_id: int | None, desa_id: int, **values: Any) -> int:
    """A report row as /lapor leaves it (the filters read rows; how they are made is tested
    in test_reports)."""
    n = next(_numbers)
    fields: dict[str, Any] = {
        "code": f"TST-{n:05d}",
        "reporter_id": 5_000_000 + n,
        "category": ReportCategory.PENCURIAN,
        "description": f"laporan {n}",
        "desa_id": desa_id,
        "polsek_id": polsek_id,
        "client_token": f"t{n}",
    } | values

    def write(session: Session) -> int:
        report = Report(**fields)
        session.add(report)
        session.flush()
        assert report.id is not None
        return report.id

    return await bot.services.db.write(write)


async def holdings_of(bot: BotHarness, user_id: int) -> Any:
    return await bot.services.roles.holdings(user_id)


async def test_scope_filters_and_sources(report_world: World) -> None:
    """An officer sees their Polsek's reports only; each filter narrows; practice reports show
    only under "latihan", never among the real ones; urgent open reports lead the table."""
    bot, world = report_world, report_world
    kronto, lumbang = desa(bot.bot, "Kronto").id, desa(bot.bot, "Lumbang").id
    other = await bot.bot.services.areas.set_polsek_coverage(
        "Polsek Tosari", [kecamatan(bot.bot, "Tosari").id], actor_label="test"
    )
    tosari = desa(bot.bot, "Tosari", "Tosari").id
    mine = world.polsek_id
    old = utcnow() - dt.timedelta(days=10)
    a = await add_report(bot.bot, mine, kronto)
    b = await add_report(
        bot.bot,
        mine,
        lumbang,
        category=ReportCategory.KEBAKARAN,
        urgent=True,
        latitude=-7.8,
        longitude=112.9,
    )
    c = await add_report(bot.bot, mine, kronto, status=ReportStatus.SELESAI, created_at=old)
    d = await add_report(bot.bot, mine, kronto, source="ronda", source_ref="shift:1")
    hidden = await add_report(bot.bot, other.id, tosari, latitude=-7.9, longitude=112.9)
    urgent_done = await add_report(bot.bot, mine, kronto, urgent=True, status=ReportStatus.SELESAI)

    def practice(session: Session) -> None:
        for desa_id, code in ((kronto, "LATA"), (tosari, "LATB")):
            training = TrainingSession(trainer_id=1, desa_id=desa_id, audience="link", code=code)
            session.add(training)
            session.flush()
            assert training.id is not None
            session.add(
                TrainingReport(
                    session_id=training.id,
                    user_id=77,
                    token=code,
                    category="pencurian",
                    description=f"latihan {code}",
                    desa_id=desa_id,
                )
            )

    await bot.bot.services.db.write(practice)
    service = laporan(bot.bot)
    scope = service.scope(await holdings_of(bot.bot, world.officer["id"]))
    assert scope.polsek_ids == {mine}
    assert kronto in (scope.desa_ids or set()) and tosari not in (scope.desa_ids or set())

    async def ids(**chosen: Any) -> list[int]:
        table = await service.table(scope, Filters(**chosen))
        return [row.id for row in table.rows]

    everything = await ids()
    assert hidden not in everything
    # The urgent open one first, then newest first (an urgent closed one is not pinned).
    assert everything == [b, urgent_done, d, c, a]
    assert await ids(status=ReportStatus.SELESAI) == [urgent_done, c]
    assert await ids(category=ReportCategory.KEBAKARAN) == [b]
    assert await ids(desa_id=lumbang) == [b]
    today = dt.datetime.now(bot.bot.services.settings.timezone).date()
    assert c not in await ids(since=today - dt.timedelta(days=2))
    assert await ids(until=today - dt.timedelta(days=5)) == [c]
    assert await ids(source=Source.RONDA) == [d]
    assert d not in await ids(source=Source.WARGA)
    practice_table = await service.table(scope, Filters(source=Source.LATIHAN))
    assert [row.code for row in practice_table.rows] == [practice_table.rows[0].code]
    assert practice_table.practice and practice_table.rows[0].practice
    assert practice_table.rows[0].code.startswith("LAT-")
    assert practice_table.total == 1  # Tosari's practice is another Polsek's
    # Never mixed into the real table, nor onto the map.
    assert all(not row.practice for row in (await service.table(scope, Filters())).rows)
    assert await service.points(scope, Filters(source=Source.LATIHAN)) == []
    # The map: only reports with a shared location, in scope.
    assert [p.id for p in await service.points(scope, Filters())] == [b]
    # An admin sees every Polsek's.
    admin_scope = service.scope(await holdings_of(bot.bot, ADMIN_ID))
    assert admin_scope.polsek_ids is None
    assert hidden in [row.id for row in (await service.table(admin_scope, Filters())).rows]
    # Out of scope: no detail, no photo.
    assert await service.detail(scope, hidden) is None
    assert await service.detail(admin_scope, hidden) is not None
    assert (await service.detail(scope, b)) is not None


async def test_paging_and_polls(report_world: World) -> None:
    """The table is cut by the database into pages; a poll returns what is new or changed."""
    bot = report_world.bot
    kronto = desa(bot, "Kronto").id
    mine = report_world.polsek_id
    made = [await add_report(bot, mine, kronto) for _ in range(PAGE_SIZE + 3)]
    service = laporan(bot)
    scope = service.scope(await holdings_of(bot, report_world.officer["id"]))
    first = await service.table(scope, Filters())
    assert (first.total, first.pages, len(first.rows)) == (PAGE_SIZE + 3, 2, PAGE_SIZE)
    second = await service.table(scope, Filters(), page=2)
    assert [row.id for row in second.rows] == sorted(made[:3], reverse=True)
    assert (await service.table(scope, Filters(), page=99)).page == 2
    # Nothing new yet.
    quiet = await service.changes(scope, Filters(), first.after_id, first.read_at)
    assert quiet.rows == [] or all(r.id <= first.after_id for r in quiet.rows)
    fresh = await add_report(bot, mine, kronto)
    polled = await service.changes(scope, Filters(), first.after_id, None)
    assert [row.id for row in polled.rows] == [fresh]
    assert polled.after_id == fresh
    # Another Polsek's new report is not in this officer's poll.
    await add_report(bot, None, kronto)
    assert (await service.changes(scope, Filters(), polled.after_id, None)).rows == []


async def test_unknown_polsek_officer_sees_nothing(report_world: World) -> None:
    """A koordinator pemuda (no report role) has an empty scope."""
    bot = report_world.bot
    user = bot.updates.user(first_name="Koor")
    await bot.services.roles.grant(
        user["id"],
        RoleSpec(Role.PEMUDA, RoleScope(area_id=desa(bot, "Kronto").id), Division.PATROLI),
    )
    await add_report(bot, report_world.polsek_id, desa(bot, "Kronto").id)
    service = laporan(bot)
    scope = service.scope(await holdings_of(bot, user["id"]))
    assert scope.empty
    assert (await service.table(scope, Filters())).rows == []


# ---- over HTTP and in the browser -------------------------------------------------------------

RESIDENT_NAMES = ("Siti", "Aminah", "@siti")


async def lapor_at(world: World, latitude: float, longitude: float, **kw: Any) -> str:
    """/lapor as the resident with a shared location instead of a typed place; the code."""
    bot, user = world.bot, world.resident
    chat = user["id"]
    await bot.command(user, "/lapor")
    await bot.press(user, last(bot, chat), buttons(last(bot, chat))["🥷 Pencurian"])
    await bot.say(user, kw.get("description", "Motor dicuri di depan warung"))
    await bot.process(bot.updates.location(user, latitude, longitude))
    await bot.press(user, last(bot, chat), "lp:next")
    await bot.press(user, last(bot, chat), "lp:urg:1" if kw.get("urgent") else "lp:urg:0")
    await bot.press(user, last(bot, chat), "lp:anon:1" if kw.get("anonymous") else "lp:anon:0")
    summary = last(bot, chat)
    await bot.press(user, summary, buttons(summary)["✅ Kirim laporan"])
    newest = (await stored(bot))[-1]
    return newest.code


async def other_polsek_officer(world: World) -> JSON:
    """An officer of Polsek Tosari (another kecamatan), known to the bot."""
    bot = world.bot
    polsek = await bot.services.areas.set_polsek_coverage(
        "Polsek Tosari", [kecamatan(bot, "Tosari").id], actor_label="test"
    )
    officer = bot.updates.user(first_name="Tono")
    await bot.services.roles.grant(
        officer["id"], RoleSpec(Role.POLISI, RoleScope(polsek_id=polsek.id))
    )
    await bot.command(officer, "/bantuan")
    return officer


async def test_pages_over_http(web_bot: BotHarness, web_world: World) -> None:
    """The list, detail, JSON and photo routes: in scope only, no reporter unless revealed
    (audited), actions refused without CSRF or outside the officer's place."""
    world = web_world
    await report(world, photos=1)  # named, with a photo
    await report(world, anonymous=True, description="Ada orang mencurigakan di pos kamling")
    named, anonymous = await stored(web_bot)
    async with web_client(web_bot, world.officer) as officer:
        page = await officer.get("/laporan")
        assert page.status_code == 200
        assert named.code in page.text and anonymous.code in page.text
        for route in (
            f"/laporan/{anonymous.id}",
            "/laporan/baru.json?after=0",
            "/laporan/peta.json",
        ):
            body = (await officer.get(route)).text
            assert not any(name in body for name in RESIDENT_NAMES), route
            assert str(world.resident["id"]) not in body, route
        # A named reporter: not shown by default; the reveal shows them, audited.
        detail = await officer.get(f"/laporan/{named.id}")
        assert "Aminah" not in detail.text and 'id="reveal"' in detail.text
        token = csrf_of(detail.text)
        shown = await officer.post(f"/laporan/{named.id}/pelapor", data={"csrf": token})
        assert "Siti Aminah" in shown.text
        audit = await web_bot.services.db.run(lambda s: queries.recent_audit(s, 20))
        assert any(a.action == "report.reporter_viewed" and named.code in a.target for a in audit)
        # An anonymous one offers no reveal, and a forced reveal shows nobody.
        hidden = await officer.post(f"/laporan/{anonymous.id}/pelapor", data={"csrf": token})
        assert 'id="reveal"' not in hidden.text
        assert not any(name in hidden.text for name in RESIDENT_NAMES)
        # The photo, fetched from Telegram through the bot.
        photo = await officer.get(f"/laporan/{named.id}/foto/0")
        assert photo.status_code == 200 and photo.content.startswith(b"fake-telegram-file:")
        assert (await officer.get(f"/laporan/{named.id}/foto/5")).status_code == 404
        # No CSRF token: refused, nothing changed.
        refused = await officer.post(f"/laporan/{named.id}/aksi", data={"action": "take"})
        assert refused.status_code == 403
        assert (await stored(web_bot))[0].status == ReportStatus.BARU
        # Tolak with a reason: the same outcome as the card's buttons.
        rejected = await officer.post(
            f"/laporan/{anonymous.id}/aksi",
            data={"csrf": token, "action": "rej", "reason": "lainnya", "note": ""},
        )
        assert "hasil=note" in str(rejected.url)  # "Alasan lain" needs words
        rejected = await officer.post(
            f"/laporan/{anonymous.id}/aksi",
            data={"csrf": token, "action": "rej", "reason": "hoaks"},
        )
        assert "hasil=done" in str(rejected.url)
        await told(web_bot, world.resident["id"], "tidak dapat ditindaklanjuti")
        await card(world, "Hoaks")
    async with web_client(web_bot, await other_polsek_officer(world)) as stranger:
        listing = await stranger.get("/laporan")
        assert listing.status_code == 200 and named.code not in listing.text
        assert (await stranger.get(f"/laporan/{named.id}")).status_code == 404
        assert (await stranger.get(f"/laporan/{named.id}/foto/0")).status_code == 404
        polled = (await stranger.get("/laporan/baru.json?after=0")).json()
        assert polled["rows"] == []
        token = csrf_of(listing.text)
        forbidden = await stranger.post(
            f"/laporan/{named.id}/aksi", data={"csrf": token, "action": "take"}
        )
        assert forbidden.status_code == 403
        assert (await stored(web_bot))[0].status == ReportStatus.BARU


async def test_latihan_source_over_http(web_bot: BotHarness, web_world: World) -> None:
    """Practice reports show only under the latihan source, marked, never among the real."""
    world = web_world
    kronto = desa(web_bot, "Kronto").id

    def practice(session: Session) -> int:
        training = TrainingSession(trainer_id=1, desa_id=kronto, audience="link", code="LATX")
        session.add(training)
        session.flush()
        assert training.id is not None
        row = TrainingReport(
            session_id=training.id,
            user_id=world.resident["id"],
            token="x",
            category="pencurian",
            description="Latihan: sepeda hilang",
            desa_id=kronto,
            anonymous=True,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id

    practice_id = await web_bot.services.db.write(practice)
    await report(world)
    async with web_client(web_bot, world.officer) as officer:
        real = await officer.get("/laporan")
        assert "LAT-" not in real.text and 'id="jumlah">1<' in real.text
        drill = await officer.get("/laporan?sumber=latihan")
        assert "LAT-" in drill.text and "LATIHAN" in drill.text
        assert 'id="jumlah">1<' in drill.text
        shown = await officer.get(f"/laporan/latihan/{practice_id}")
        assert "sepeda hilang" in shown.text and "LATIHAN" in shown.text
        assert 'name="action"' not in shown.text  # read-only
        assert not any(name in shown.text for name in RESIDENT_NAMES)


async def test_laporan_in_the_browser(web_bot: BotHarness, web_world: World, page: Page) -> None:
    """The issue's end-to-end: /dasbor → the link → the report on the map and in the table →
    Terima in the browser → the resident hears it and the duty card changes; a new report
    appears without reload; an anonymous report's page names nobody; another Polsek's officer
    does not see it."""
    world = web_world
    code = await lapor_at(world, -7.79, 112.95)
    await login(web_bot, page, world.officer)
    await page.goto(web_bot.web_url + "/laporan")
    row = page.locator("#tabel tbody tr", has_text=code)
    await row.wait_for()
    # On the map: the marker (a Leaflet pin) of the report.
    await page.locator(".leaflet-marker-icon").first.wait_for()
    assert await page.locator("#peta").get_attribute("data-loaded") == "1"
    # A new report appears without reload (the poll), anonymous: no name anywhere on the page.
    marker = await page.evaluate("() => { window.__same_page = 1; return 1; }")
    assert marker == 1
    anonymous_code = await lapor_at(world, -7.80, 112.96, anonymous=True, urgent=True)
    await page.locator("#tabel tbody tr", has_text=anonymous_code).wait_for()
    assert await page.evaluate("() => window.__same_page") == 1  # not reloaded
    assert await page.locator("#jumlah").inner_text() == "2"
    await page.set_viewport_size({"width": 1280, "height": 1300})
    await screenshot(page, "laporan")
    # On a phone: the table becomes stacked cards, nothing wider than the screen.
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert await page.locator("#tabel thead").is_hidden()
    await page.set_viewport_size({"width": 1280, "height": 800})
    # Terima, pressed in the browser.
    await row.get_by_role("link", name=code).click()
    await page.locator("#act-take").click()
    await page.locator(".result.r-done").wait_for()
    assert "Diterima" in await page.locator("#status").inner_text()
    await told(web_bot, world.resident["id"], "diterima")
    await card(world, "Andi")
    # The anonymous report's page: no reporter, no reveal.
    anonymous_id = (await stored(web_bot))[-1].id
    await page.goto(f"{web_bot.web_url}/laporan/{anonymous_id}")
    content = await page.content()
    assert not any(name in content for name in RESIDENT_NAMES)
    assert await page.locator("#reveal").count() == 0
    # An officer of another Polsek does not see it.
    stranger = await page.context.browser.new_context()  # type: ignore[union-attr]
    tab = await stranger.new_page()
    await login(web_bot, tab, await other_polsek_officer(world))
    await tab.goto(web_bot.web_url + "/laporan")
    assert code not in await tab.content()
    await stranger.close()


async def test_actions_follow_the_card_over_http(web_bot: BotHarness, web_world: World) -> None:
    """Tanya pelapor, the answer in the history without a name, Selesai with a note; an admin
    may move a report another officer holds, an officer of the same Polsek may not."""
    world = web_world
    await report(world)
    (made,) = await stored(web_bot)
    resident = world.resident["id"]
    async with web_client(web_bot, world.officer) as officer:
        token = csrf_of((await officer.get(f"/laporan/{made.id}")).text)
        short = await officer.post(
            f"/laporan/{made.id}/aksi", data={"csrf": token, "action": "ask", "note": "?"}
        )
        assert "hasil=note" in str(short.url)
        asked = await officer.post(
            f"/laporan/{made.id}/aksi",
            data={"csrf": token, "action": "ask", "note": "Jam berapa kejadiannya?"},
        )
        assert "hasil=done" in str(asked.url)
        question = await told(web_bot, resident, "Jam berapa kejadiannya?")
        assert "bertanya" in question
        await web_bot.services.reports.answer(made.id or 0, resident, "Sekitar jam 9 malam")
        page = (await officer.get(f"/laporan/{made.id}")).text
        assert "Sekitar jam 9 malam" in page and "pelapor menjawab" in page
        assert not any(name in page for name in RESIDENT_NAMES)
    async with web_client(web_bot, world.other_officer) as other:
        token = csrf_of((await other.get(f"/laporan/{made.id}")).text)
        taken = await other.post(f"/laporan/{made.id}/aksi", data={"csrf": token, "action": "proc"})
        assert "hasil=taken" in str(taken.url)
    admin = web_bot.updates.user(first_name="Admin", id=ADMIN_ID)
    await web_bot.command(admin, "/bantuan")
    async with web_client(web_bot, admin) as boss:
        token = csrf_of((await boss.get(f"/laporan/{made.id}")).text)
        done = await boss.post(
            f"/laporan/{made.id}/aksi",
            data={"csrf": token, "action": "done", "note": "Motor ditemukan di sawah"},
        )
        assert "hasil=done" in str(done.url) and "Selesai" in done.text
    await told(web_bot, resident, "Motor ditemukan di sawah")
    await card(world, "Selesai")


def test_filters_from_a_query_string() -> None:
    """What does not parse is no filter; the query string goes round."""
    filters = Filters.parse(
        {
            "status": "baru",
            "kategori": "nope",
            "desa": "12",
            "dari": "2026-12-01",
            "sumber": "ronda",
        }
    )
    assert filters == Filters(
        status=ReportStatus.BARU, desa_id=12, since=dt.date(2026, 12, 1), source=Source.RONDA
    )
    assert Filters.parse(filters.query()) == filters
    assert Filters.parse({"desa": "1; drop", "sampai": "kemarin"}) == Filters()
