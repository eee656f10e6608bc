"""The dashboard's Laporan page: the read side's scope and filters on a real database (SQLite and
PostgreSQL), its routes over HTTP, and the whole way in a real browser: /dasbor → the link → the
report on the map and in the table → Terima → the resident told, the duty card edited."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlmodel import Session

from bot.services.authz import Scope as RoleScope
from bot.services.dasbor.laporan import PAGE_SIZE
from bot.services.dasbor.laporan import Filters
from bot.services.dasbor.laporan import LaporanService
from bot.services.dasbor.laporan import Source
from bot.services.roles import RoleSpec
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
from tests.helpers import World
from tests.helpers import desa
from tests.helpers import kecamatan

_numbers = itertools.count(1)


def laporan(bot: BotHarness) -> LaporanService:
    services = bot.services
    return LaporanService(services.reports, services.areas, services.settings.timezone)


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
