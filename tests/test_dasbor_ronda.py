"""The dashboard's Ronda and Siaga pages: this week's rosters of the desa a person coordinates,
held and missed shifts, check-ins on the map; open siaga calls with their live tally, each in the
scope the chat's /statistikronda and the tally's buttons use; in a real browser too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.services.authz import Scope
from bot.services.dasbor.ronda import RondaBoard
from bot.services.patrols import SchedulePlan
from bot.services.roles import RoleSpec
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaAnswer
from bot.services.siaga import SiagaLevel
from storage.models import Role
from storage.models import ShiftStatus
from tests.helpers import ADMIN_ID
from tests.helpers import RondaWorld
from tests.helpers import kecamatan

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))
# Inside Kronto (Kec. Lumbang).
POS = (-7.7756, 112.9802)


def board(world: RondaWorld) -> RondaBoard:
    services = world.bot.services
    return RondaBoard(services.areas, services.patrols, services.siaga)


def plan(world: RondaWorld, start: dt.datetime, minutes: int, team: list[int]) -> SchedulePlan:
    """A single shift of Kronto starting at `start` (to the minute)."""
    local = start.astimezone(WIB)
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


async def held_and_missed(world: RondaWorld) -> tuple[int, int, dt.datetime]:
    """Two shifts today: Andi checks in on the first with his location (held), nobody on the
    second (missed); both ended. Returns their ids and the moment after both."""
    patrols = world.bot.services.patrols
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    first_start = now + dt.timedelta(minutes=2)
    second_start = now + dt.timedelta(minutes=40)
    (first,) = (
        await patrols.create(plan(world, first_start, 30, world.ids(world.andi)), 0, "id")
    ).shift_ids
    (second,) = (
        await patrols.create(plan(world, second_start, 30, world.ids(world.budi)), 0, "id")
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
