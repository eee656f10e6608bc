"""The dashboard's Statistik page: the same numbers as /statistik and /statistikronda in chat
(both driven through the real Application and the fake Bot API), the medians to Terima and to
Selesai on known data, the CSV downloads (audited, no reporter named), scope, and the page in a
real browser."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

from playwright.async_api import Page
from sqlalchemy import update
from sqlmodel import Session

from bot.services.authz import Scope
from bot.services.reports.overview import median
from bot.services.roles import RoleSpec
from storage.models import Division
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import Report
from storage.models import ReportCategory
from storage.models import ReportStatus
from storage.models import Role
from storage.models import ShiftStatus
from tests.harness import BotHarness
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
from tests.helpers import text_of
from tests.helpers import web_client

FIGURE = re.compile(r'data-figure="(\w+)"[^>]*>([^<]*)<')


def figures(page: str) -> dict[str, str]:
    """The page's numbers, by name (data-figure)."""
    return {name: html.unescape(value).strip() for name, value in FIGURE.findall(page)}


async def chat(bot: BotHarness, user: JSON, command: str) -> str:
    await bot.command(user, command)
    return text_of(last(bot, user["id"]))


def report_numbers(text: str) -> dict[str, str]:
    """/statistik's first line as numbers ("-" for a median without data)."""
    found = re.search(
        r"Jumlah laporan: (\d+) · dieskalasi: (\d+) · median sampai diterima: (\S+)(?: menit)?"
        r" · sampai selesai: (\S+)",
        text,
    )
    assert found, text
    return dict(zip(("total", "escalated", "to_terima", "to_selesai"), found.groups(), strict=True))


def patrol_numbers(text: str) -> dict[str, str]:
    """/statistikronda's figures as numbers ("—" where there is none)."""
    patterns = {
        ("held", "held_pct"): r"Giliran terlaksana: (\d+) \((\S+)%\)",
        ("missed",): r"Tidak ada yang datang: (\d+)",
        ("cancelled",): r"Dibatalkan: (\d+)",
        ("checkins", "expected", "on_time_pct"): (
            r"Kehadiran: (\d+) dari (\d+) anggota, tepat waktu \(≤ 10 menit\): (\S+)%"
        ),
        ("median_late",): r"Keterlambatan median: (\S+) menit",
        (
            "seen",
            "patrol_reports",
        ): r"Kejadian dilihat saat ronda: (\d+); laporan dari ronda: (\d+)",
        ("members", "volunteers", "pending"): (
            r"Anggota ronda: (\d+) orang, (\d+) relawan; permintaan menunggu: (\d+)"
        ),
        ("siaga_calls", "siaga_answered", "siaga_called", "siaga_pct", "siaga_median"): (
            r"Siaga: (\d+) panggilan, (\d+) dari (\d+) orang menjawab \((\S+)%\), "
            r"median sampai “Siap”: (\S+) menit"
        ),
    }
    numbers: dict[str, str] = {}
    for names, pattern in patterns.items():
        found = re.search(pattern, text)
        assert found, (pattern, text)
        numbers |= dict(zip(names, found.groups(), strict=True))
    return numbers


async def seed_patrols(bot: BotHarness, desa_id: int, members: list[int]) -> None:
    """Three finished shifts of the desa in the last days: one held (two members, in 5 and 15
    minutes late, one saw something), one missed, one called off."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def write(session: Session) -> None:
        finished = ((3, ShiftStatus.HELD), (2, ShiftStatus.MISSED), (1, ShiftStatus.CANCELLED))
        for days, status in finished:
            starts = now - dt.timedelta(days=days, hours=2)
            shift = PatrolShift(
                desa_id=desa_id, starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
            )
            shift.status = status
            session.add(shift)
            session.flush()
            held = status is ShiftStatus.HELD
            for i, user_id in enumerate(members[:2]):
                session.add(
                    PatrolShiftMember(
                        shift_id=shift.id or 0,
                        user_id=user_id,
                        checked_in_at=starts + dt.timedelta(minutes=5 + 10 * i) if held else None,
                        outcome=("kejadian" if i else "aman") if held else None,
                    )
                )

    await bot.services.db.run(write)


async def test_the_page_shows_what_statistik_and_statistikronda_say_in_chat(
    web_bot: BotHarness, web_world: World
) -> None:
    bot, officer = web_bot, web_world.officer
    await report(web_world)
    await report(
        web_world, category="🔥 Kebakaran", description="Kebakaran gudang kayu", urgent=True
    )
    await report(web_world, category="🚑 Kecelakaan", description="Tabrakan motor di jalan desa")
    first = await card(web_world, "LMB-0001")
    await bot.press(officer, first, buttons(first)["✋ Terima"])
    await seed_patrols(bot, desa(bot, "Kronto").id, [web_world.resident["id"], officer["id"]])

    said = report_numbers(await chat(bot, officer, "/statistik"))
    ronda = patrol_numbers(await chat(bot, officer, "/statistikronda"))
    assert said["total"] == "3" and ronda["held"] == "1" and ronda["missed"] == "1"
    async with web_client(bot, officer) as client:
        answer = await client.get("/statistik")
    assert answer.status_code == 200
    shown = figures(answer.text)
    assert {k: shown[k] for k in said} == said
    assert {k: shown[k] for k in ronda} == ronda
    # The chart has a bar per week, this week's holding the three reports.
    year, week, _ = dt.datetime.now(bot.services.settings.timezone).isocalendar()
    assert f'data-week="{year}-W{week:02d}" data-total="3"' in answer.text
    assert 'id="chart-category"' in answer.text and 'id="chart-desa"' in answer.text
    assert "Kronto (Kec. Lumbang)" in answer.text and "Kebakaran" in answer.text
    # No reporter on the page.
    assert "Siti" not in answer.text and "siti" not in answer.text


async def test_medians_to_terima_and_selesai_on_known_data(
    web_bot: BotHarness, web_world: World
) -> None:
    bot = web_bot
    for _ in range(4):
        await report(web_world)
    reports = await stored(bot)
    # Taken after 10, 20, 30 and 40 minutes; Selesai after 60 and 180 minutes; the third is
    # rejected after 30 minutes (not Selesai: not in that median).
    plan = [
        (10, ReportStatus.SELESAI, 60),
        (20, ReportStatus.SELESAI, 180),
        (30, ReportStatus.DITOLAK, 30),
        (40, ReportStatus.DITERIMA, None),
    ]

    def write(session: Session) -> None:
        for found, (taken, status, closed) in zip(reports, plan, strict=True):
            created = found.created_at
            session.execute(
                update(Report)
                .where(Report.id == found.id)  # type: ignore[arg-type]
                .values(
                    status=status,
                    claimed_by=web_world.officer["id"],
                    claimed_at=created + dt.timedelta(minutes=taken),
                    closed_at=None if closed is None else created + dt.timedelta(minutes=closed),
                )
            )

    await bot.services.db.run(write)
    assert median([10, 20, 30, 40]) == 25 and median([60, 180]) == 120 and median([]) is None
    said = report_numbers(await chat(bot, web_world.officer, "/statistik"))
    assert said["to_terima"] == "25" and said["to_selesai"] == "120"
    async with web_client(bot, web_world.officer) as client:
        shown = figures((await client.get("/statistik")).text)
    assert shown["to_terima"] == "25" and shown["to_selesai"] == "120"


async def test_the_csv_downloads_are_audited_and_name_no_reporter(
    web_bot: BotHarness, web_world: World
) -> None:
    bot, officer = web_bot, web_world.officer
    await report(web_world, anonymous=True)
    await report(web_world, category="🔥 Kebakaran", description="Kebakaran gudang kayu")
    async with web_client(bot, officer) as client:
        page = (await client.get("/statistik")).text
        token = csrf_of(page)
        # A download writes the audit log: a POST with the session's CSRF token.
        assert (await client.get("/statistik/laporan.csv")).status_code == 405
        refused = await client.post("/statistik/laporan.csv", data={"csrf": "wrong"})
        assert refused.status_code == 403
        assert not await bot.services.audit.recent(5, action="report.export")
        answer = await client.post("/statistik/laporan.csv", data={"csrf": token})
        ronda = await client.post("/statistik/ronda.csv", data={"csrf": token})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    content = answer.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [r["kode"] for r in rows] == ["LMB-0001", "LMB-0002"]
    assert [r["pelapor"] for r in rows] == ["anonim", "bernama"]
    assert "Siti" not in content and "siti" not in content
    (audited,) = await bot.services.audit.recent(5, action="report.export")
    assert audited.actor_id == officer["id"] and audited.details == "2 reports: LMB-0001..0002"
    # The same file as /eksporlaporan sends in chat.
    await bot.command(officer, "/eksporlaporan")
    document = bot.fake.calls_to("sendDocument")[-1]
    assert next(iter(document.files.values())).content.decode("utf-8-sig") == content
    # The patrol figures: counts only, a first row for every desa in scope.
    assert ronda.status_code == 200
    patrol_rows = list(csv.DictReader(io.StringIO(ronda.content.decode("utf-8-sig"))))
    assert patrol_rows[0]["desa"] == "(semua)" and patrol_rows[0]["hari"] == "30"


async def test_each_viewer_sees_only_their_scope(web_bot: BotHarness, web_world: World) -> None:
    bot = web_bot
    await report(web_world)
    # An officer of another Polsek (Kec. Pasrepan), and Kronto's pemuda koordinator.
    other = await bot.services.areas.set_polsek_coverage(
        "Polsek Pasrepan", [kecamatan(bot, "Pasrepan").id], actor_label="test"
    )
    stranger = bot.updates.user(first_name="Candra")
    koordinator = bot.updates.user(first_name="Kurnia")
    await bot.services.roles.grant(stranger["id"], RoleSpec(Role.POLISI, Scope(polsek_id=other.id)))
    await bot.services.roles.grant(
        koordinator["id"],
        RoleSpec(
            Role.PEMUDA,
            Scope(area_id=desa(bot, "Kronto").id),
            division=Division.PATROLI,
            koordinator=True,
        ),
    )
    for person in (stranger, koordinator):
        await bot.command(person, "/bantuan")
    await seed_patrols(bot, desa(bot, "Kronto").id, [web_world.resident["id"]])

    async with web_client(bot, stranger) as client:
        shown = figures((await client.get("/statistik")).text)
    said = report_numbers(await chat(bot, stranger, "/statistik"))
    assert shown["total"] == said["total"] == "0"
    assert shown["held"] == "0"  # Kronto is not Polsek Pasrepan's

    async with web_client(bot, koordinator) as client:
        page = (await client.get("/statistik")).text
        shown = figures(page)
        token = csrf_of(page)
        refused = await client.post("/statistik/laporan.csv", data={"csrf": token})
        ronda = await client.post("/statistik/ronda.csv", data={"csrf": token})
    # Patrol figures of Kronto, as /statistikronda tells the koordinator; no reports at all.
    assert "total" not in shown and 'id="statistik-laporan"' not in page
    assert {k: shown[k] for k in ("held", "missed", "cancelled")} == {
        k: v
        for k, v in patrol_numbers(await chat(bot, koordinator, "/statistikronda")).items()
        if k in ("held", "missed", "cancelled")
    }
    assert shown["held"] == "1"
    assert refused.status_code == 403 and ronda.status_code == 200
    denied = await bot.services.audit.recent(5, action="auth.denied")
    assert any(d.actor_id == koordinator["id"] and "laporan.csv" in d.target for d in denied)


async def seed_past_weeks(bot: BotHarness, world: World, count: int) -> None:
    """`count` reports of Polsek Lumbang in the 7 weeks before this one, over its desa and the
    categories (a chart worth a screenshot)."""
    now = dt.datetime.now(dt.UTC)
    places = bot.services.areas.desa_list(kecamatan(bot, "Lumbang").id)[:8]
    categories = list(ReportCategory)

    def write(session: Session) -> None:
        for i in range(count):
            created = now - dt.timedelta(days=7 + (i * 5) % 45, hours=i % 11)
            session.add(
                Report(
                    code=f"LMB-{9000 + i}",
                    reporter_id=world.resident["id"],
                    category=categories[(i * i + i // 3) % len(categories)],
                    description="Laporan lama",
                    desa_id=places[(i * 7) % len(places)].id,
                    polsek_id=world.polsek_id,
                    status=ReportStatus.SELESAI,
                    claimed_at=created + dt.timedelta(minutes=5 + i % 20),
                    closed_at=created + dt.timedelta(hours=2 + i % 5),
                    created_at=created,
                    updated_at=created,
                    client_token=f"past{i}",
                )
            )

    await bot.services.db.run(write)


async def test_the_page_in_a_browser(web_bot: BotHarness, web_world: World, page: Page) -> None:
    bot = web_bot
    await report(web_world)
    await report(web_world, category="🔥 Kebakaran", description="Kebakaran gudang kayu")
    await seed_past_weeks(bot, web_world, 40)
    await seed_patrols(bot, desa(bot, "Kronto").id, [web_world.resident["id"]])
    await login(bot, page, web_world.officer)
    await page.goto(bot.web_url + "/statistik")
    assert await page.locator("nav a.current").inner_text() == "Statistik"
    category, by_desa = page.locator("#chart-category"), page.locator("#chart-desa")
    # The script shows one chart at a time; the tabs switch.
    assert await category.is_visible() and not await by_desa.is_visible()
    year, week, _ = dt.datetime.now(bot.services.settings.timezone).isocalendar()
    this_week = category.locator(f'g.bar[data-week="{year}-W{week:02d}"] rect')
    assert await this_week.count() == 2  # this week's bar: two categories
    await page.get_by_role("tab", name="Menurut desa").click()
    assert await by_desa.is_visible() and not await category.is_visible()
    await page.get_by_role("tab", name="Menurut kategori").click()
    assert await page.locator('[data-figure="total"]').inner_text() == "42"
    async with page.expect_download() as download_info:
        await page.locator("#csv-laporan").click()
    download = await download_info.value
    assert download.suggested_filename.startswith("laporan-")
    await screenshot(page, "statistik")
