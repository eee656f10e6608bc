"""Patrols (ronda) through the real bot: a koordinator's /aturronda, /jadwal and /ronda, the
moments of a shift (reminder, start, alarm, end) once each across restarts, check-in by button
and by location, check-out into a /lapor report, swaps, edits of one shift, a member who lost
their role, /statistikronda, and the bad input the issue lists."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.patrols import PatrolError
from bot.services.patrols import parse_days
from bot.services.patrols import parse_hours
from bot.services.patrols import parse_teams
from bot.services.roles import RoleSpec
from handlers.patrols import jobs as patrol_jobs
from storage.models import Delivery
from storage.models import Division
from storage.models import OutboxRow
from storage.models import PatrolPost
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import PatrolSwap
from storage.models import Report
from storage.models import Role
from storage.models import ShiftStatus
from storage.models import SwapStatus
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import RondaWorld as World
from tests.helpers import buttons
from tests.helpers import last
from tests.helpers import one_shift
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))
# Inside Kronto (Kec. Lumbang): the pos ronda's place in these tests.
POS = (-7.7756, 112.9802)


async def shifts(bot: BotHarness) -> list[PatrolShift]:
    return await bot.services.db.run(
        lambda s: list(s.exec(select(PatrolShift).order_by(PatrolShift.starts_at)))
    )


async def members(bot: BotHarness, shift_id: int) -> list[int]:
    def read(session: Any) -> list[int]:
        rows = session.exec(
            select(PatrolShiftMember)
            .where(PatrolShiftMember.shift_id == shift_id)
            .order_by(PatrolShiftMember.id)
        )
        return [m.user_id for m in rows]

    return await bot.services.db.run(read)


async def offered_to(bot: BotHarness) -> dict[int, list[int]]:
    """Every swap request and the people it was sent to (read from the outbox, so it does not
    wait for the delivery engine)."""

    def read(session: Any) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for swap in session.exec(select(PatrolSwap).order_by(PatrolSwap.id)):
            rows = session.exec(
                select(OutboxRow.chat_id)
                .join(Delivery, Delivery.id == OutboxRow.delivery_id)
                .where(Delivery.ref == f"swap:{swap.id}")
            )
            found[swap.id] = sorted(rows)
        return found

    return await bot.services.db.run(read)


def count(bot: BotHarness, chat_id: int, text: str) -> int:
    return sum(text in x for x in bot.fake.texts(chat_id))


async def delivered(bot: BotHarness, chat_id: int, text: str) -> JSON:
    """The message in `chat_id` containing `text`, once the delivery engine sent it."""

    def find() -> JSON | None:
        for message in reversed(bot.fake.sent_messages(chat_id)):
            if text in text_of(message):
                return message
        return None

    return await wait_until(find, f"chat {chat_id} to get {text!r}")


async def make_schedule(ronda_world: World, teams: str, *, hours: str = "22:00-02:00") -> JSON:
    """/aturronda as the koordinator, up to the summary; returns the summary message."""
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    await bot.command(koordinator, "/aturronda")
    assert "Ronda Desa Kronto" in text_of(last(bot, chat))
    await bot.press(koordinator, last(bot, chat), buttons(last(bot, chat))["➕ Buat jadwal ronda"])
    await bot.say(koordinator, "Pos Kamling RT 02")  # a new pos, typed
    await bot.say(koordinator, hours)
    await bot.press(koordinator, last(bot, chat), "pa:days:0123456")
    await bot.press(koordinator, last(bot, chat), "pa:wk:1")
    await bot.say(koordinator, teams)
    return last(bot, chat)


# --- parsing --------------------------------------------------------------------------------------


def test_hours_days_and_teams_are_read_as_people_type_them() -> None:
    assert parse_hours("22:00-02:00") == (22 * 60, 240)  # across midnight
    assert parse_hours("21.30 s/d 01.30") == (21 * 60 + 30, 240)
    assert parse_hours("jam 19 sampai 23") == (19 * 60, 240)
    for text, key in [
        ("22:00-22:00", "ronda.hours_same"),
        ("08:00-07:00", "ronda.ends_before_start"),  # 23 hours: swapped or mistyped
        ("06:00-20:00", "ronda.too_long"),
        ("22:00-22:10", "ronda.too_short"),
        ("25:00-03:00", "ronda.bad_hours"),
        ("malam", "ronda.bad_hours"),
    ]:
        with pytest.raises(PatrolError) as caught:
            parse_hours(text)
        assert caught.value.key == key, text
    today = dt.date(2026, 12, 1)
    assert parse_days("setiap hari", today) == "0123456"
    assert parse_days("Senin, Rabu dan Jumat", today) == "024"
    assert parse_days("24/12", today) == dt.date(2026, 12, 24)
    assert parse_days("5/1", today) == dt.date(2027, 1, 5)  # next January
    with pytest.raises(PatrolError, match=r"ronda\.bad_days"):
        parse_days("kadang-kadang", today)
    with pytest.raises(PatrolError, match=r"ronda\.bad_date"):
        parse_days("31/2", today)
    assert parse_teams("@andi @budi\n@citra, @dedi\n\n") == [["andi", "budi"], ["citra", "dedi"]]
    with pytest.raises(PatrolError, match=r"ronda\.bad_member"):
        parse_teams("@andi <b>budi</b>")


# --- the koordinator's roster --------------------------------------------------------------------


async def test_a_koordinator_makes_a_rotating_schedule_and_members_see_it(
    ronda_world: World,
) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    summary = await make_schedule(ronda_world, "@andi @budi\n@citra @dedi")
    text = text_of(summary)
    assert "Periksa jadwal ronda" in text and "Pos Kamling RT 02" in text
    assert "22.00–02.00 WIB" in text and "Setiap hari" in text
    assert "Tim 1: Andi (@andi), Budi (@budi)" in text and "bergiliran" in text
    await bot.press(koordinator, summary, buttons(summary)["✅ Simpan"])
    assert "Jadwal disimpan" in text_of(last(bot, koordinator["id"]))

    stored = await shifts(bot)
    # Seven nights, less tonight's if 22:00 WIB has passed already.
    assert len(stored) in (6, 7)
    for shift in stored:
        local = shift.starts_at.astimezone(WIB)
        assert (local.hour, local.minute) == (22, 0)
        assert shift.ends_at - shift.starts_at == dt.timedelta(hours=4)  # ends 02:00 next day
        assert shift.post_id is not None
    teams = [await members(bot, s.id) for s in stored]
    assert teams[0::2] == [ronda_world.ids(ronda_world.andi, ronda_world.budi)] * len(teams[0::2])
    assert teams[1::2] == [ronda_world.ids(ronda_world.citra, ronda_world.dedi)] * len(teams[1::2])
    # One job per shift, named after it, for the shifts of the next 48 hours; the hourly window
    # job gives the later ones theirs as they come near.
    now = dt.datetime.now(dt.UTC)
    for shift in stored:
        jobs = bot.app.job_queue.get_jobs_by_name(f"ronda:shift:{shift.id}")
        remind = shift.starts_at - dt.timedelta(minutes=60)
        if remind <= now + dt.timedelta(minutes=1):
            # Tonight's, between 21:00 and 22:00 WIB: its reminder is due, so its job may be
            # running right now (gone from the queue until it schedules the next moment).
            assert len(jobs) <= 1, shift.starts_at
        else:
            soon = remind <= now + patrol_jobs.WINDOW
            assert len(jobs) == (1 if soon else 0), shift.starts_at
        assert all(job.next_t <= shift.starts_at for job in jobs)
    assert len(bot.app.job_queue.get_jobs_by_name(patrol_jobs.WINDOW_JOB)) == 1
    later = stored[-1]
    assert await patrol_jobs.fill_window(bot.app, now=later.starts_at - dt.timedelta(hours=47)) > 0
    (job,) = bot.app.job_queue.get_jobs_by_name(f"ronda:shift:{later.id}")
    assert job.next_t == later.starts_at - dt.timedelta(minutes=60)
    # Each member hears once how many shifts they got.
    await told(bot, ronda_world.andi["id"], "Anda masuk jadwal ronda")
    assert count(bot, ronda_world.andi["id"], "Anda masuk jadwal ronda") == 1

    await bot.command(ronda_world.andi, "/ronda")
    # The answer, not tonight's reminder that the engine may send meanwhile (21:00-22:00 WIB).
    mine = await told(bot, ronda_world.andi["id"], "🔦 Giliran ronda Anda")
    assert "Giliran ronda Anda" in mine and "Pos Kamling RT 02" in mine
    # Several shifts, each "Kam 3 Des, 22.00–02.00", the zone named once in the heading.
    assert mine.startswith("🔦 Giliran ronda Anda (WIB)") and mine.count("WIB") == 1
    assert re.search(r"🕘 [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, 22\.00–02\.00 · 📍", mine)
    assert "Citra" not in mine  # Andi's own shifts only
    (answer,) = [
        m for m in bot.fake.sent_messages(ronda_world.andi["id"]) if "🔦 Giliran" in text_of(m)
    ]
    labels = list(buttons(answer))  # a swap button for each shift, named by its day
    assert labels and all(len(label) <= 28 for label in labels), labels
    assert all(label.startswith("🔁 Minta tukar · ") for label in labels), labels
    await bot.command(ronda_world.citra, "/jadwal")
    week = text_of(last(bot, ronda_world.citra["id"]))
    assert "Jadwal ronda Desa Kronto" in week and "Andi (@andi)" in week and "Citra" in week
    assert "(7 hari ke depan, WIB)" in week and week.count("WIB") == 1
    assert not buttons(last(bot, ronda_world.citra["id"]))  # no edit buttons for a member
    await bot.command(ronda_world.stranger, "/jadwal Kronto")  # lives in Pancur
    assert "hanya untuk warga dan koordinator" in text_of(last(bot, ronda_world.stranger["id"]))
    await bot.command(koordinator, "/jadwal Kronto")
    assert any(text.startswith("✏️") for text in buttons(last(bot, koordinator["id"])))


async def test_bad_rosters_are_refused_and_nothing_is_stored(ronda_world: World) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    await bot.command(koordinator, "/aturronda")
    await bot.press(koordinator, last(bot, chat), "pa:new")
    await bot.press(koordinator, last(bot, chat), "pa:post:0")
    await bot.say(koordinator, "08:00-07:00")
    assert "Jam selesai (07:00) sebelum jam mulai (08:00)" in text_of(last(bot, chat))
    await bot.say(koordinator, "pukul sepuluh")
    assert "Jamnya tidak terbaca" in text_of(last(bot, chat))
    await bot.process(bot.updates.sticker(koordinator))
    assert "jawab dengan teks" in text_of(last(bot, chat))
    await bot.say(koordinator, "22:00-02:00")
    await bot.say(koordinator, "kadang-kadang")
    assert "bukan nama hari" in text_of(last(bot, chat))
    await bot.say(koordinator, "Senin, Kamis")
    await bot.press(koordinator, last(bot, chat), "pa:wk:2")
    await bot.say(koordinator, "@andi @siapa")
    assert "Belum pernah memakai bot: @siapa" in text_of(last(bot, chat))
    await bot.say(koordinator, "@andi @eko")
    assert "Tidak bisa ditugaskan di Desa Kronto: Eko (@eko)" in text_of(last(bot, chat))
    await bot.say(koordinator, "@andi <i>budi</i>")
    assert "bukan @username" in text_of(last(bot, chat))
    assert await shifts(bot) == []
    await bot.command(koordinator, "/batal")

    # A second schedule that puts Andi on two watches at once is refused whole.
    first = await make_schedule(ronda_world, "@andi @budi")
    await bot.press(koordinator, first, "pa:save")
    before = await shifts(bot)
    clash = await make_schedule(ronda_world, "@citra @andi", hours="23:00-03:00")
    await bot.press(koordinator, clash, "pa:save")
    answer = text_of(last(bot, chat))
    assert (
        "bertabrakan" in answer and "Andi (@andi)" in answer and "Tidak ada yang disimpan" in answer
    )
    assert [s.id for s in await shifts(bot)] == [s.id for s in before]
    # The conversation waits for other teams: without Andi it is stored.
    await bot.say(koordinator, "@citra @dedi")
    await bot.press(koordinator, last(bot, chat), "pa:save")
    after = await shifts(bot)
    kept = {s.id for s in before}
    assert kept <= {s.id for s in after}
    added = [s for s in after if s.id not in kept]
    # Seven nights each, less tonight's where its start has passed: between 22:00 and 23:00 WIB
    # the first schedule has six and this one seven.
    assert len(added) in (6, 7)
    assert len({s.schedule_id for s in added}) == 1
    assert added[0].schedule_id not in {s.schedule_id for s in before}


async def test_only_a_koordinator_of_the_desa_makes_its_roster(ronda_world: World) -> None:
    bot = ronda_world.bot
    await bot.command(ronda_world.andi, "/aturronda")
    assert text_of(last(bot, ronda_world.andi["id"])).startswith("Maaf")
    # Kurnia coordinates Kronto, not Pancur.
    await bot.command(ronda_world.koordinator, "/aturronda Pancur")
    assert text_of(last(bot, ronda_world.koordinator["id"])).startswith("Maaf")


# --- the moments of a shift ----------------------------------------------------------------------


async def test_a_shift_reminds_starts_and_ends_once_and_an_incident_becomes_a_report(
    ronda_world: World,
) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    start = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    created = await patrols.create(
        one_shift(ronda_world, start, 240, ronda_world.ids(ronda_world.andi, ronda_world.budi)),
        0,
        "id",
    )
    (shift_id,) = created.shift_ids
    shift = (await shifts(bot))[0]

    # The reminder (60 minutes before: due at once), twice asked: sent once.
    now = dt.datetime.now(dt.UTC)
    await patrols.advance(shift_id, now)
    await patrols.advance(shift_id, now)
    reminder = await delivered(bot, ronda_world.andi["id"], "Pengingat ronda")
    assert "Bersama: Budi (@budi)" in text_of(reminder)
    await asyncio.sleep(0.3)
    assert count(bot, ronda_world.andi["id"], "Pengingat ronda") == 1

    # Andi checks in early with the button; Budi does not.
    await bot.press(ronda_world.andi, reminder, "pt:in:" + str(shift_id))
    assert "Kehadiran tercatat" in text_of(last(bot, ronda_world.andi["id"]))
    await bot.press(ronda_world.andi, reminder, "pt:in:" + str(shift_id))
    assert "giliran ini sudah tercatat" in text_of(last(bot, ronda_world.andi["id"]))

    # The start: only those not checked in are asked to; nobody-checked-in alarm is not due.
    await patrols.advance(shift_id, shift.starts_at)
    started = await delivered(bot, ronda_world.budi["id"], "Giliran ronda dimulai")
    assert "110" in text_of(started)
    assert "pt:in:" + str(shift_id) in buttons(started).values()
    await patrols.advance(shift_id, shift.starts_at + dt.timedelta(minutes=25))
    await asyncio.sleep(0.3)
    assert count(bot, ronda_world.andi["id"], "Giliran ronda dimulai") == 0
    assert count(bot, ronda_world.koordinator["id"], "Belum ada yang hadir") == 0

    # The end: held; Andi is asked how it went and saw something.
    assert await patrols.advance(shift_id, shift.ends_at) is None
    assert (await shifts(bot))[0].status is ShiftStatus.HELD
    ended = await delivered(bot, ronda_world.andi["id"], "Giliran ronda selesai")
    assert count(bot, ronda_world.budi["id"], "Giliran ronda selesai") == 0
    await bot.press(ronda_world.andi, ended, f"pt:out:{shift_id}:kejadian")
    offer = last(bot, ronda_world.andi["id"])
    assert "Tercatat: ada kejadian" in text_of(offer)
    # One tap opens /lapor for Kronto, as seen on this shift.
    await bot.press(ronda_world.andi, offer, buttons(offer)["📝 Buat laporan kejadian"])
    assert "Kejadian apa yang ingin Anda laporkan" in text_of(last(bot, ronda_world.andi["id"]))
    await bot.press(ronda_world.andi, last(bot, ronda_world.andi["id"]), "lp:cat:mencurigakan")
    await bot.say(ronda_world.andi, "Dua orang tak dikenal mondar-mandir di gang RT 02")
    await bot.say(ronda_world.andi, "Gang RT 02")
    await bot.press(ronda_world.andi, last(bot, ronda_world.andi["id"]), "lp:next")
    await bot.press(ronda_world.andi, last(bot, ronda_world.andi["id"]), "lp:urg:0")
    await bot.press(ronda_world.andi, last(bot, ronda_world.andi["id"]), "lp:anon:0")
    summary = last(bot, ronda_world.andi["id"])
    await bot.press(ronda_world.andi, summary, buttons(summary)["✅ Kirim laporan"])
    assert "Nomor laporan: LMB-0001" in text_of(last(bot, ronda_world.andi["id"]))
    (report,) = await bot.services.db.run(lambda s: list(s.exec(select(Report))))
    assert (report.source, report.source_ref) == ("ronda", f"shift:{shift_id}")
    assert report.desa_id == ronda_world.kronto
    # No duty chat in this world: the card goes to the admins, marked as seen on patrol.
    card = await delivered(bot, ADMIN_CHAT_ID, "LMB-0001")
    assert "🔦 Dilihat saat ronda" in text_of(card)

    # A second check-out is not recorded twice.
    await bot.press(ronda_world.andi, ended, f"pt:out:{shift_id}:aman")
    assert "sudah tersimpan" in text_of(last(bot, ronda_world.andi["id"]))


async def test_nobody_checking_in_alerts_the_koordinator_and_the_shift_counts_as_missed(
    ronda_world: World,
) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    start = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    created = await patrols.create(
        one_shift(ronda_world, start, 120, ronda_world.ids(ronda_world.citra, ronda_world.dedi)),
        0,
        "id",
    )
    (shift_id,) = created.shift_ids
    shift = (await shifts(bot))[0]
    await patrols.advance(shift_id, shift.starts_at + dt.timedelta(minutes=21))
    alarm = await delivered(bot, ronda_world.koordinator["id"], "Belum ada yang hadir")
    assert "Citra (@citra), Dedi (@dedi)" in text_of(alarm)
    await patrols.advance(shift_id, shift.ends_at)
    assert (await shifts(bot))[0].status is ShiftStatus.MISSED

    await bot.command(ronda_world.koordinator, "/statistikronda")
    stats = text_of(last(bot, ronda_world.koordinator["id"]))
    assert "Statistik ronda" in stats and "Kronto" in stats
    assert "Tidak ada yang datang: 1" in stats and "Kehadiran: 0 dari 2" in stats


async def test_reminders_survive_restarts_and_fire_once(
    pasuruan: str, patrol_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    async with BotHarness(patrol_settings, fake, delivery_clock=clock) as bot:
        ronda_world = World(bot)
        await ronda_world.set_up()
        start = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=90)
        created = await bot.services.patrols.create(
            one_shift(ronda_world, start, 180, ronda_world.ids(ronda_world.andi)), 0, "id"
        )
        (shift_id,) = created.shift_ids
    # The bot is down while the reminder falls due.
    async with BotHarness(patrol_settings, fake, delivery_clock=clock) as bot:
        await bot.services.db.run(
            lambda s: s.execute(
                update(PatrolShift).values(
                    starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=30),
                    ends_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=3),
                )
            )
        )
    for _ in range(2):  # restarted twice: reminded once
        async with BotHarness(patrol_settings, fake, delivery_clock=clock) as bot:
            await told(bot, ronda_world.andi["id"], "Pengingat ronda")
            (job,) = bot.app.job_queue.get_jobs_by_name(f"ronda:shift:{shift_id}")
            shift = (await shifts(bot))[0]
            assert abs((job.next_t - shift.starts_at).total_seconds()) < 2  # next: the start
            await asyncio.sleep(0.3)
    assert count(bot, ronda_world.andi["id"], "Pengingat ronda") == 1


# --- check-in by location --------------------------------------------------------------------


async def test_a_location_far_from_the_pos_is_no_check_in(ronda_world: World) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    post = await patrols.add_post(ronda_world.kronto, "Pos Kamling RT 02", 0, *POS)
    plan = replace(
        one_shift(
            ronda_world,
            dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
            120,
            [ronda_world.andi["id"]],
        ),
        post_id=post.id,
    )
    (shift_id,) = (await patrols.create(plan, 0, "id")).shift_ids
    await bot.process(
        bot.updates.location(ronda_world.andi, POS[0] + 0.05, POS[1], live_period=900)
    )
    answer = text_of(last(bot, ronda_world.andi["id"]))
    assert "sekitar 5.6 km dari Pos Kamling RT 02, Desa Kronto" in answer
    assert "belum dicatat" in answer
    await bot.process(
        bot.updates.location(ronda_world.andi, POS[0] + 0.001, POS[1], live_period=900)
    )
    assert "Kehadiran tercatat" in text_of(last(bot, ronda_world.andi["id"]))

    def read(session: Any) -> PatrolShiftMember:
        return session.exec(
            select(PatrolShiftMember).where(PatrolShiftMember.shift_id == shift_id)
        ).one()

    member = await bot.services.db.run(read)
    assert member.checked_in_at is not None and member.latitude == pytest.approx(POS[0] + 0.001)
    # Someone without a running shift who shares a location is told so.
    await bot.process(bot.updates.location(ronda_world.citra, *POS))
    assert "tidak sedang punya giliran ronda" in text_of(last(bot, ronda_world.citra["id"]))


# --- swaps -----------------------------------------------------------------------------------


async def test_a_member_swaps_a_shift_and_the_koordinator_sees_it(ronda_world: World) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    (andis,) = (
        await patrols.create(
            one_shift(ronda_world, tomorrow, 240, ronda_world.ids(ronda_world.andi)), 0, "id"
        )
    ).shift_ids
    # Citra and Dedi stand other watches in Kronto: they are asked.
    await patrols.create(
        one_shift(
            ronda_world,
            tomorrow + dt.timedelta(days=1),
            240,
            ronda_world.ids(ronda_world.citra, ronda_world.dedi),
        ),
        0,
        "id",
    )
    await bot.command(ronda_world.andi, "/ronda")
    mine = last(bot, ronda_world.andi["id"])
    swap = next(data for text, data in buttons(mine).items() if text.startswith("🔁"))
    assert swap == f"pt:sw:{andis}"
    await bot.press(ronda_world.andi, mine, swap)
    assert "Permintaan tukar dikirim ke 2 anggota" in text_of(last(bot, ronda_world.andi["id"]))
    await bot.press(ronda_world.andi, mine, swap)
    assert "sudah dikirim" in text_of(last(bot, ronda_world.andi["id"]))
    offer = await delivered(bot, ronda_world.citra["id"], "minta digantikan")
    assert "Andi (@andi)" in text_of(offer)
    await bot.press(ronda_world.citra, offer, buttons(offer)["🙋 Saya gantikan"])
    assert "Anda sekarang bertugas" in text_of(last(bot, ronda_world.citra["id"]))
    assert await members(bot, andis) == [ronda_world.citra["id"]]
    await told(bot, ronda_world.andi["id"], "Citra (@citra) menggantikan giliran ronda Anda")
    await told(bot, ronda_world.koordinator["id"], "Andi (@andi) digantikan Citra (@citra)")
    # Dedi is too late, and nothing changes.
    offer = await delivered(bot, ronda_world.dedi["id"], "minta digantikan")
    await bot.press(ronda_world.dedi, offer, buttons(offer)["🙋 Saya gantikan"])
    assert "Sudah ada yang menggantikan" in text_of(last(bot, ronda_world.dedi["id"]))
    assert await members(bot, andis) == [ronda_world.citra["id"]]
    swaps = await bot.services.db.run(lambda s: list(s.exec(select(PatrolSwap))))
    assert [(s.status, s.taken_by) for s in swaps] == [(SwapStatus.TAKEN, ronda_world.citra["id"])]


async def test_a_swap_is_offered_only_to_members_free_at_that_time(ronda_world: World) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    andi, budi, citra = ronda_world.andi, ronda_world.budi, ronda_world.citra
    # Shifts a day or more ahead, at whatever time of day the test runs.
    tomorrow = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) + dt.timedelta(days=1)
    (andis,) = (
        await patrols.create(one_shift(ronda_world, tomorrow, 240, [andi["id"]]), 0, "id")
    ).shift_ids
    # Budi and Citra stand watch in Kronto (so they would be asked) ...
    later = one_shift(
        ronda_world, tomorrow + dt.timedelta(days=2), 240, ronda_world.ids(budi, citra)
    )
    await patrols.create(later, 0, "id")
    # ... but both have a shift of their own that overlaps Andi's.
    await patrols.create(
        one_shift(ronda_world, tomorrow + dt.timedelta(hours=1), 120, [budi["id"]]), 0, "id"
    )
    (citras,) = (
        await patrols.create(
            one_shift(ronda_world, tomorrow - dt.timedelta(hours=2), 180, [citra["id"]]), 0, "id"
        )
    ).shift_ids

    await bot.command(andi, "/ronda")
    mine = last(bot, andi["id"])
    swap = f"pt:sw:{andis}"
    assert swap in buttons(mine).values()
    await bot.press(andi, mine, swap)
    answer = text_of(last(bot, andi["id"]))
    assert "belum dikirim ke siapa pun" in answer and "hubungi koordinator" in answer
    # Nothing is sent and no request is left open.
    assert await offered_to(bot) == {}

    # Citra's own shift is called off: she is free now, Budi still is not.
    await patrols.cancel_shift(citras, ronda_world.koordinator["id"])
    await bot.press(andi, mine, swap)
    assert "Permintaan tukar dikirim ke 1 anggota" in text_of(last(bot, andi["id"]))
    assert list((await offered_to(bot)).values()) == [[citra["id"]]]
    offer = await delivered(bot, citra["id"], "minta digantikan")
    await bot.press(citra, offer, buttons(offer)["🙋 Saya gantikan"])
    assert await members(bot, andis) == [citra["id"]]
    assert count(bot, budi["id"], "minta digantikan") == 0


async def test_a_swap_that_became_an_overlap_is_refused_at_take_time(ronda_world: World) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    andi, budi = ronda_world.andi, ronda_world.budi
    tomorrow = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) + dt.timedelta(days=1)
    (andis,) = (
        await patrols.create(one_shift(ronda_world, tomorrow, 240, [andi["id"]]), 0, "id")
    ).shift_ids
    await patrols.create(
        one_shift(ronda_world, tomorrow + dt.timedelta(days=2), 240, [budi["id"]]), 0, "id"
    )
    result = await patrols.ask_swap(andi["id"], andis)
    assert result.ok and list((await offered_to(bot)).values()) == [[budi["id"]]]
    # Between the ask and the take Budi is put on a shift at the same time.
    await patrols.create(
        one_shift(ronda_world, tomorrow + dt.timedelta(hours=1), 240, [budi["id"]]), 0, "id"
    )
    offer = await delivered(bot, budi["id"], "minta digantikan")
    await bot.press(budi, offer, buttons(offer)["🙋 Saya gantikan"])
    refusal = text_of(last(bot, budi["id"]))
    assert refusal.startswith(
        "Anda tidak bisa menggantikan giliran ini: Anda sudah punya giliran lain"
    )
    assert await members(bot, andis) == [andi["id"]]


# --- a koordinator changes one shift ---------------------------------------------------------


async def test_a_koordinator_moves_one_shift_and_its_reminder_follows(ronda_world: World) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    summary = await make_schedule(ronda_world, "@andi @budi")
    await bot.press(koordinator, summary, "pa:save")
    # The first shift more than three hours ahead: there is time to move it to 20:00.
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    shift = next(s for s in await shifts(bot) if s.starts_at > soon)
    chat = koordinator["id"]
    await bot.command(koordinator, "/jadwal")
    await bot.press(koordinator, last(bot, chat), f"pt:ed:{shift.id}")
    await bot.press(koordinator, last(bot, chat), f"pt:eh:{shift.id}")
    await bot.say(koordinator, "23:00-22:00")
    assert "Jam selesai (22:00) sebelum jam mulai (23:00)" in text_of(last(bot, chat))
    await bot.say(koordinator, "20:00-23:30")
    assert "Giliran diubah" in text_of(last(bot, chat))
    moved = next(s for s in await shifts(bot) if s.id == shift.id)
    local = moved.starts_at.astimezone(WIB)
    assert (local.hour, local.minute, local.date()) == (
        20,
        0,
        shift.starts_at.astimezone(WIB).date(),
    )
    assert moved.version == shift.version + 1
    (job,) = bot.app.job_queue.get_jobs_by_name(f"ronda:shift:{shift.id}")
    assert job.next_t == moved.starts_at - dt.timedelta(minutes=60)
    await told(bot, ronda_world.andi["id"], "Giliran ronda Anda diubah")
    # After midnight means the same night: the next calendar day.
    await bot.press(koordinator, last(bot, chat), f"pt:eh:{shift.id}")
    await bot.say(koordinator, "00:30-03:00")
    late = next(s for s in await shifts(bot) if s.id == shift.id).starts_at.astimezone(WIB)
    assert (late.hour, late.minute) == (0, 30)
    assert late.date() == shift.starts_at.astimezone(WIB).date() + dt.timedelta(days=1)

    # New members: a stranger is refused; Citra alone is taken, Andi and Budi are told.
    await bot.press(koordinator, last(bot, chat), f"pt:em:{shift.id}")  # stale message: fine
    await bot.say(koordinator, "@eko")
    assert "Tidak bisa ditugaskan" in text_of(last(bot, chat))
    await bot.say(koordinator, "@citra")
    assert await members(bot, shift.id) == [ronda_world.citra["id"]]
    await told(bot, ronda_world.budi["id"], "tidak lagi bertugas")
    await told(bot, ronda_world.citra["id"], "Anda ditambahkan ke giliran ronda")

    # Called off: no job any more.
    await bot.press(koordinator, last(bot, chat), f"pt:ecy:{shift.id}")
    assert "Giliran dibatalkan" in text_of(last(bot, chat))
    assert not bot.app.job_queue.get_jobs_by_name(f"ronda:shift:{shift.id}")
    await told(bot, ronda_world.citra["id"], "dibatalkan oleh koordinator")
    cancelled = next(s for s in await shifts(bot) if s.id == shift.id)
    assert cancelled.status is ShiftStatus.CANCELLED


async def test_a_member_who_lost_the_role_is_dropped_at_the_reminder(ronda_world: World) -> None:
    bot, patrols = ronda_world.bot, ronda_world.bot.services.patrols
    pemuda = bot.updates.user(first_name="Fajar", username="fajar")
    await bot.command(pemuda, "/bantuan")
    spec = RoleSpec(Role.PEMUDA, Scope(area_id=ronda_world.kronto), division=Division.PATROLI)
    await bot.services.roles.grant(pemuda["id"], spec)
    start = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=30)
    (shift_id,) = (
        await patrols.create(
            one_shift(ronda_world, start, 180, [pemuda["id"], ronda_world.andi["id"]]), 0, "id"
        )
    ).shift_ids
    await bot.services.roles.revoke(pemuda["id"], Role.PEMUDA, Scope(area_id=ronda_world.kronto))
    await patrols.advance(shift_id)
    await told(
        bot, ronda_world.koordinator["id"], "Fajar (@fajar) tidak lagi termasuk anggota ronda"
    )
    assert await members(bot, shift_id) == [ronda_world.andi["id"]]
    await delivered(bot, ronda_world.andi["id"], "Pengingat ronda")
    await asyncio.sleep(0.3)
    assert count(bot, pemuda["id"], "Pengingat ronda") == 0


async def test_a_pos_keeps_its_place_and_a_place_outside_the_area_is_refused(
    ronda_world: World,
) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    await bot.command(koordinator, "/aturronda")
    await bot.press(koordinator, last(bot, chat), "pa:posts")
    assert "Belum ada pos ronda" in text_of(last(bot, chat))
    await bot.say(koordinator, "Pos Kamling Dusun Krajan")
    await bot.process(bot.updates.location(koordinator, -6.2, 106.8))  # Jakarta
    assert "di luar wilayah kita" in text_of(last(bot, chat))
    await bot.process(bot.updates.location(koordinator, *POS))
    assert "disimpan dengan lokasinya" in text_of(last(bot, chat))
    (post,) = await bot.services.db.run(lambda s: list(s.exec(select(PatrolPost))))
    assert (post.name, post.latitude, post.desa_id) == (
        "Pos Kamling Dusun Krajan",
        POS[0],
        ronda_world.kronto,
    )


async def test_a_pos_named_again_with_letters_beyond_ascii_is_the_same_pos(
    ronda_world: World,
) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    # SQLite's lower() folds only A-Z: "Pos Ümbul" was not found again and inserting it twice
    # broke the unique name (the koordinator read "terjadi gangguan").
    for typed in ("Pos Ümbul", "Pos Ümbul", "POS ÜMBUL"):
        await bot.command(koordinator, "/aturronda")
        await bot.press(koordinator, last(bot, chat), "pa:posts")
        await bot.say(koordinator, typed)
        await bot.process(bot.updates.location(koordinator, *POS))
        assert "disimpan dengan lokasinya" in text_of(last(bot, chat)), typed
    posts = await bot.services.db.run(lambda s: list(s.exec(select(PatrolPost))))
    assert [post.name for post in posts] == ["Pos Ümbul"]
