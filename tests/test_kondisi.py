"""Kondisi wilayah (/kondisi) through the real bot: a desa's last 7 days in counts (no names, no
places, no descriptions), one line for a quiet desa, the neighbours coloured by the one rule, a
koordinator's situation note seen by the neighbours for 7 days (a resident may not write one),
the weekly digest's recipients, and the digest after a restart sent exactly once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.kondisi import DIGEST_KIND
from bot.services.kondisi import Light
from bot.services.kondisi import NoteView
from bot.services.kondisi import Picture
from bot.services.kondisi import light
from bot.services.kondisi import messages
from bot.services.roles import RoleSpec
from bot.texts import TEXT_LIMIT
from bot.texts import visible_length
from handlers.kondisi import jobs as kondisi_jobs
from storage import areas as area_writes
from storage import privacy
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AuditEntry
from storage.models import Delivery
from storage.models import DigestRun
from storage.models import Division
from storage.models import OutboxRow
from storage.models import PatrolShift
from storage.models import Role
from storage.models import ShiftStatus
from storage.models import SituationNote
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import report
from tests.helpers import text_of
from tests.helpers import wait_until

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))


class KondisiWorld(World):
    """The reports' world (Polsek Lumbang, its duty chat, officers, Siti living in Kronto), with
    Kronto's and Pancur's koordinators and a group linked to Kronto."""

    def __init__(self, bot: BotHarness) -> None:
        super().__init__(bot)
        self.kurnia = bot.updates.user(first_name="Kurnia")  # koordinator of Kronto
        self.putri = bot.updates.user(first_name="Putri")  # koordinator of Pancur
        self.group = bot.updates.group(title="Warga Kronto")
        self.kronto = self.pancur = 0

    async def set_up(self) -> None:
        await super().set_up()
        bot = self.bot
        self.kronto = desa(bot, "Kronto").id
        self.pancur = desa(bot, "Pancur").id
        for person, desa_id in ((self.kurnia, self.kronto), (self.putri, self.pancur)):
            spec = RoleSpec(
                Role.PEMUDA, Scope(area_id=desa_id), division=Division.PATROLI, koordinator=True
            )
            await bot.services.roles.grant(person["id"], spec)
            await bot.command(person, "/bantuan")
        await bot.services.db.write(
            lambda s: area_writes.link_group(
                s, self.group["id"], self.kronto, title="Warga Kronto", actor_id=None
            )
        )


async def make_world(bot: BotHarness) -> KondisiWorld:
    world = KondisiWorld(bot)
    await world.set_up()
    return world


@pytest.fixture
async def kondisi_world(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> AsyncIterator[KondisiWorld]:
    async with BotHarness(report_settings, fake, delivery_clock=ScaledClock(20)) as bot:
        yield await make_world(bot)


async def add_rows(bot: BotHarness, *rows: Any) -> None:
    def write(session: Any) -> None:
        for row in rows:
            session.add(row)

    await bot.services.db.write(write)


def advisory(area_id: int, level: AdvisoryLevel, **values: Any) -> Advisory:
    now = utcnow()
    return Advisory(
        status=AdvisoryStatus.SENT,
        level=level,
        text="Waspada pencurian kendaraan",
        targets=json.dumps([{"area": area_id}]),
        target_label="test",
        author_id=1,
        source_name="Polsek Lumbang",
        sent_at=now - dt.timedelta(hours=2),
        expires_at=now + dt.timedelta(days=1),
        **values,
    )


def shift(desa_id: int, status: ShiftStatus, days_ago: int) -> PatrolShift:
    start = utcnow() - dt.timedelta(days=days_ago, hours=6)
    return PatrolShift(
        desa_id=desa_id, starts_at=start, ends_at=start + dt.timedelta(hours=4), status=status
    )


async def kondisi(bot: BotHarness, user: JSON, args: str = "", chat: JSON | None = None) -> str:
    await bot.command(user, f"/kondisi {args}".strip(), chat=chat)
    return text_of(last(bot, (chat or user)["id"]))


# --- the picture ---------------------------------------------------------------------------------


async def test_a_desa_picture_counts_without_names_or_places(
    kondisi_world: KondisiWorld,
) -> None:
    world = kondisi_world
    bot = world.bot
    # An urgent theft in Kronto (its neighbours are alerted), an advisory, three shifts.
    await report(world, urgent=True)
    await add_rows(
        bot,
        advisory(world.kronto, AdvisoryLevel.WASPADA),
        advisory(world.kronto, AdvisoryLevel.INFO, exercise=True),  # an exercise: not counted
        shift(world.kronto, ShiftStatus.HELD, 1),
        shift(world.kronto, ShiftStatus.HELD, 2),
        shift(world.kronto, ShiftStatus.MISSED, 3),
        shift(world.kronto, ShiftStatus.HELD, 9),  # older than 7 days
    )
    # Siti's own desa without an argument.
    text = await kondisi(bot, world.resident)
    assert "Kondisi Desa Kronto" in text
    assert "📋 Laporan: 1 (🥷 Pencurian 1) · 1 baru" in text
    assert "Imbauan berlaku: 1 (Waspada 1)" in text
    assert "Ronda: 2 terlaksana, 1 terlewat" in text
    assert "Peringatan ke desa tetangga: 1, dijawab 0" in text
    assert "🔴 Siaga" in text  # an unfinished neighbour alert of the last 48 hours
    # No name, no place, no description.
    for private in ("Siti", "Aminah", "Jl. Raya", "masjid", "Honda", "dicuri"):
        assert private not in text, private
    # A resident sees no note hint and no buttons.
    assert "catat" not in text and not buttons(last(bot, world.resident["id"]))
    # In the group linked to Kronto: Kronto.
    assert "Kondisi Desa Kronto" in await kondisi(bot, world.resident, chat=world.group)


async def test_a_quiet_desa_is_one_line_and_neighbours_are_coloured_by_the_rule(
    kondisi_world: KondisiWorld,
) -> None:
    world = kondisi_world
    bot = world.bot
    text = await kondisi(bot, world.resident, "Pancur")
    own, _, around = text.partition("\n\n")
    assert own.count("\n") == 0 and "tidak ada kejadian tercatat" in own
    assert "📋" not in text and "🔦" not in text and "📢" not in text
    assert "🟢 Kronto: aman" in around
    # A missed shift in Kronto: yellow, with the reason.
    await add_rows(bot, shift(world.kronto, ShiftStatus.MISSED, 1))
    assert "🟡 Kronto: 1 jadwal ronda terlewat" in await kondisi(bot, world.resident, "Pancur")
    # A Darurat advisory to Kec. Lumbang: red, for every desa of it.
    lumbang = bot.services.areas.get(world.kronto)
    assert lumbang is not None and lumbang.kecamatan_id is not None
    await add_rows(bot, advisory(lumbang.kecamatan_id, AdvisoryLevel.DARURAT))
    text = await kondisi(bot, world.resident, "Pancur")
    assert "🔴 Kronto: ada imbauan Darurat yang berlaku" in text
    # An unknown name.
    assert "Tidak ada desa bernama" in await kondisi(bot, world.resident, "Zzzqx")


def test_the_traffic_light_rule_in_its_order() -> None:
    assert light(Picture(1))[0] is Light.GREEN
    assert light(Picture(1, open_reports=2))[:2] == (Light.YELLOW, "kondisi.why_open")
    assert light(Picture(1, advisories={"waspada": 1}))[0] is Light.YELLOW
    assert light(Picture(1, open_reports=1, urgent_open_recent=1))[0] is Light.RED
    assert light(Picture(1, alerts_open_recent=1, missed=3))[1] == "kondisi.why_alert"
    assert light(Picture(1, advisories={"darurat": 1}))[0] is Light.RED


# --- situation notes -----------------------------------------------------------------------------


async def test_a_koordinators_note_reaches_the_neighbours_for_seven_days(
    kondisi_world: KondisiWorld,
) -> None:
    world = kondisi_world
    bot = world.bot
    await bot.command(world.kurnia, "/kondisi catat Ada hajatan, parkir ramai Sabtu")
    assert "Catatan untuk Desa Kronto tersimpan" in text_of(last(bot, world.kurnia["id"]))
    # Pancur's people see it on Kronto's line.
    text = await kondisi(bot, world.putri, "Pancur")
    # A note does not change the colour; it shows under the desa's line.
    assert "🟢 Kronto: aman\n    📝 “Ada hajatan, parkir ramai Sabtu”" in text
    # ... in the digest too.
    services = bot.services
    now = utcnow()
    pancur = await services.kondisi.picture(world.pancur, "id", now=now)
    assert "Ada hajatan" in pancur.text
    # Seven days later it is gone.
    later = await services.kondisi.picture(
        world.pancur, "id", now=now + dt.timedelta(days=7, minutes=1)
    )
    assert "Ada hajatan" not in later.text
    audit = await services.db.run(
        lambda s: list(s.exec(select(AuditEntry).where(AuditEntry.action == "kondisi.note")))
    )
    assert len(audit) == 1 and audit[0].actor_id == world.kurnia["id"]
    # Too short: refused with the limit.
    await bot.command(world.kurnia, "/kondisi catat ok")
    assert "paling sedikit 3 huruf" in str(bot.fake.calls_to("sendMessage")[-1].params["text"])
    # The koordinator withdraws it from Kronto's picture.
    text = await kondisi(bot, world.kurnia, "Kronto")
    assert "/kondisi catat" in text
    message = last(bot, world.kurnia["id"])
    await bot.press(world.kurnia, message, buttons(message)["🗑 Tarik catatan"])
    assert "sudah ditarik" in text_of(last(bot, world.kurnia["id"]))
    assert "Ada hajatan" not in await kondisi(bot, world.putri, "Pancur")


async def test_a_resident_cannot_post_a_note(kondisi_world: KondisiWorld) -> None:
    world = kondisi_world
    bot = world.bot
    await bot.command(world.resident, "/kondisi catat Aman terkendali semua")
    answer = str(bot.fake.calls_to("sendMessage")[-1].params["text"])
    assert "hanya bisa ditulis koordinator" in answer
    notes = await bot.services.db.run(lambda s: list(s.exec(select(SituationNote))))
    assert notes == []
    # Kronto's koordinator may not write for Pancur either (the service refuses).
    with pytest.raises(Exception, match="note_not_allowed"):
        await bot.services.kondisi.add_note(world.kurnia["id"], world.pancur, "Aman terkendali")


# --- the weekly digest ---------------------------------------------------------------------------


def digest_settings(settings: Settings, *, passed: bool) -> Settings:
    """The digest today at 00:00 WIB (its moment passed), or tomorrow (to come)."""
    today = dt.datetime.now(WIB).weekday()
    weekday = today if passed else (today + 1) % 7
    return replace(settings, kondisi_digest_weekday=weekday, kondisi_digest_time=dt.time(0, 0))


async def digest_rows(bot: BotHarness) -> dict[int, int]:
    """chat id -> digest messages queued for it."""

    def read(session: Any) -> dict[int, int]:
        rows = session.exec(
            select(OutboxRow.chat_id)
            .join(Delivery, Delivery.id == OutboxRow.delivery_id)
            .where(Delivery.kind == DIGEST_KIND)
        ).all()
        found: dict[int, int] = {}
        for chat_id in rows:
            found[chat_id] = found.get(chat_id, 0) + 1
        return found

    return await bot.services.db.run(read)


async def digest_moment(bot: BotHarness) -> dt.datetime:
    """A minute past the digest's next moment (the settings of `digest_settings(passed=False)`)."""
    kondisi_service = bot.services.kondisi
    moment = kondisi_service.moment_of(utcnow() + dt.timedelta(days=1))
    if moment < utcnow():  # today is Sunday: "tomorrow" is next week's Monday
        moment = kondisi_service.moment_of(utcnow() + dt.timedelta(days=7))
    return moment + dt.timedelta(minutes=1)


async def test_the_digest_goes_to_koordinators_groups_and_the_duty_chat_once(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    settings = digest_settings(report_settings, passed=False)
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = await make_world(bot)
        await bot.command(world.kurnia, "/kondisi catat Aman terkendali minggu ini")
        await add_rows(bot, shift(world.kronto, ShiftStatus.HELD, 1))
        kondisi_service = bot.services.kondisi
        moment = kondisi_service.moment_of(utcnow() + dt.timedelta(days=1))
        if moment < utcnow():  # today is Sunday: "tomorrow" is next week's Monday
            moment = kondisi_service.moment_of(utcnow() + dt.timedelta(days=7))
        sent = await kondisi_service.run_digest(now=moment + dt.timedelta(minutes=1))
        assert sent
        rows = await digest_rows(bot)
        # One message each: the koordinators, Kronto's group, the duty chat (all Lumbang's desa).
        assert rows[world.kurnia["id"]] == 1 and rows[world.putri["id"]] == 1
        assert rows[world.group["id"]] == 1 and rows[world.duty["id"]] == 1
        assert world.resident["id"] not in rows
        duty = await wait_until(
            lambda: next(
                (t for t in bot.fake.texts(world.duty["id"]) if "Ringkasan mingguan" in t), None
            ),
            "the duty chat's digest",
        )
        assert "Polsek Lumbang" in duty and "Kronto" in duty and "Pancur" in duty
        putri = await wait_until(
            lambda: next(
                (t for t in bot.fake.texts(world.putri["id"]) if "Ringkasan mingguan" in t), None
            ),
            "Pancur's koordinator's digest",
        )
        assert "Aman terkendali minggu ini" in putri  # Kronto's note, on its neighbour line
        sent_call = bot.fake.calls_to("sendMessage", chat_id=world.putri["id"])[-1].params
        assert sent_call.get("disable_notification") is True
        # The same week again: nothing.
        assert await kondisi_service.run_digest(now=moment + dt.timedelta(hours=2)) is None
        assert await digest_rows(bot) == rows


async def test_the_digest_after_a_restart_is_sent_exactly_once(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    # Set up while the week's moment is still to come: nothing is sent.
    async with BotHarness(
        digest_settings(report_settings, passed=False), fake, delivery_clock=clock
    ) as bot:
        world = await make_world(bot)
        assert await digest_rows(bot) == {}
    # The bot was down at the moment: the next start catches the week up, once.
    passed = digest_settings(report_settings, passed=True)
    async with BotHarness(passed, fake, delivery_clock=clock) as bot:
        await wait_until(
            lambda: any("Ringkasan mingguan" in t for t in bot.fake.texts(world.duty["id"])),
            "the caught-up digest",
        )
        first = await digest_rows(bot)
        assert first[world.duty["id"]] == 1 and first[world.kurnia["id"]] == 1
        job = bot.app.job_queue.scheduler.get_job(kondisi_jobs.JOB)
        assert job is not None and job.next_run_time > dt.datetime.now(dt.UTC) + dt.timedelta(
            days=5
        )
    # Another start (or a second process) in the same week sends nothing.
    async with BotHarness(passed, fake, delivery_clock=clock) as bot:
        assert await bot.services.kondisi.run_digest() is None
        assert await digest_rows(bot) == first
        runs = await bot.services.db.run(lambda s: list(s.exec(select(DigestRun))))
        assert len(runs) == 1
    duty_digests = [t for t in fake.texts(world.duty["id"]) if "Ringkasan mingguan" in t]
    assert len(duty_digests) == 1


def test_the_duty_chats_digest_is_split_only_past_telegrams_limit() -> None:
    now = utcnow()
    tz = dt.UTC
    quiet = [(f"Desa{i:03d}", Picture(i)) for i in range(20)]
    assert len(messages.polsek_digest("id", "Polsek Lumbang", quiet, tz, now)) == 1
    busy = [
        (f"Desa{i:03d}", Picture(i, by_category={"pencurian": 3}, by_status={"baru": 3}))
        for i in range(200)
    ]
    parts = messages.polsek_digest("id", "Polsek Lumbang", busy, tz, now)
    assert len(parts) > 1 and all(visible_length(p) <= TEXT_LIMIT for p in parts)
    assert sum(p.count("Kondisi Desa") for p in parts) == 200


async def test_a_deleted_authors_note_stays_without_them(kondisi_world: KondisiWorld) -> None:
    world = kondisi_world
    bot = world.bot
    await bot.command(world.kurnia, "/kondisi catat Aman terkendali semua")
    await bot.services.db.write(lambda s: privacy.erase(s, user_id=world.kurnia["id"]))
    (note,) = await bot.services.db.run(lambda s: list(s.exec(select(SituationNote))))
    assert note.author_id is None and note.text == "Aman terkendali semua"
    assert "Aman terkendali semua" in await kondisi(bot, world.putri, "Pancur")


# --- one message per chat --------------------------------------------------------------------


async def digest_texts(bot: BotHarness, chat_id: int) -> list[str]:
    """The digest texts queued for a chat (from the delivery rows, before they are sent)."""

    def read(session: Any) -> list[str]:
        payloads = session.exec(
            select(Delivery.payload)
            .join(OutboxRow, OutboxRow.delivery_id == Delivery.id)
            .where(Delivery.kind == DIGEST_KIND, OutboxRow.chat_id == chat_id)
            .order_by(Delivery.id)
        ).all()
        return [str(json.loads(p)["params"]["text"]) for p in payloads]

    return await bot.services.db.run(read)


async def test_a_kecamatan_koordinator_and_a_kecamatan_group_get_one_message_each_once(
    pasuruan: str, report_settings: Settings, fake: FakeTelegram
) -> None:
    settings = digest_settings(report_settings, passed=False)
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = await make_world(bot)
        moment = await digest_moment(bot)
        areas = bot.services.areas
        lumbang = areas.get(world.kronto)
        assert lumbang is not None and lumbang.kecamatan_id is not None
        all_desa = sorted(e.name for e in areas.desa_list(lumbang.kecamatan_id))
        assert len(all_desa) > 5
        # Kec. Lumbang's koordinator; Rina, koordinator of Kronto and of Pancur (two roles); a
        # group linked to the kecamatan and one linked to Kronto and Pancur.
        bayu = bot.updates.user(first_name="Bayu")
        rina = bot.updates.user(first_name="Rina")
        kec_group = bot.updates.group(title="Karang Taruna Kec. Lumbang")
        two_group = bot.updates.group(title="Kronto dan Pancur")
        roles = bot.services.roles
        await roles.grant(
            bayu["id"],
            RoleSpec(
                Role.PEMUDA,
                Scope(area_id=lumbang.kecamatan_id),
                division=Division.PATROLI,
                koordinator=True,
            ),
        )
        for desa_id, division in (
            (world.kronto, Division.PATROLI),
            (world.pancur, Division.SOSIALISASI),
        ):
            spec = RoleSpec(
                Role.PEMUDA, Scope(area_id=desa_id), division=division, koordinator=True
            )
            await roles.grant(rina["id"], spec)

        def link(session: Any) -> None:
            area_writes.link_group(
                session, kec_group["id"], lumbang.kecamatan_id, title="Kec", actor_id=None
            )
            for desa_id in (world.kronto, world.pancur):
                area_writes.link_group(session, two_group["id"], desa_id, title="2", actor_id=None)
            # The duty chat linked to Kronto too: Kronto is in its Polsek's message already.
            area_writes.link_group(session, world.duty["id"], world.kronto, title="", actor_id=None)

        await bot.services.db.write(link)
        await bot.command(world.kurnia, "/kondisi catat Ada hajatan, parkir ramai Sabtu")
        await add_rows(bot, shift(world.kronto, ShiftStatus.MISSED, 1))
        sent = await bot.services.kondisi.run_digest(now=moment)
        assert sent
        rows = await digest_rows(bot)
        for chat in (bayu, rina, kec_group, two_group, world.kurnia, world.group, world.duty):
            assert rows[chat["id"]] == 1, chat
        # Bayu: one message, every desa of Kec. Lumbang by name, a quiet one a single line.
        (text,) = await digest_texts(bot, bayu["id"])
        assert "Ringkasan mingguan kondisi wilayah — Kec. Lumbang" in text
        positions = [text.index(f"Desa {name}") for name in all_desa]
        assert positions == sorted(positions)
        assert "🟡 Perlu perhatian: 1 jadwal ronda terlewat" in text
        pancur = next(line for line in text.splitlines() if "Desa Pancur" in line)
        assert "tidak ada kejadian tercatat" in pancur
        # Kronto's note is under Kronto, once.
        assert text.count("Ada hajatan") == 1
        # The group linked to the kecamatan reads the same.
        assert await digest_texts(bot, kec_group["id"]) == [text]
        # Rina and the group of two desa: one message of both, with their other neighbours.
        (two,) = await digest_texts(bot, rina["id"])
        assert await digest_texts(bot, two_group["id"]) == [two]
        assert "— 2 desa" in two and "Kondisi Desa Kronto" in two and "Desa Pancur" in two
        assert two.index("Kronto") < two.index("Pancur")
        assert "Desa tetangga" in two
        neighbours = two.split("Desa tetangga")[1]
        assert "Kronto" not in neighbours and "Pancur" not in neighbours
        # A desa of its own: its one-desa message, as before.
        (kurnia,) = await digest_texts(bot, world.kurnia["id"])
        assert "Kondisi Desa Kronto" in kurnia and "Desa tetangga" in kurnia
        assert "Desa Pancur" not in kurnia.split("Desa tetangga")[0]
        # Exactly once: the week again, and another start, send nothing more.
        assert await bot.services.kondisi.run_digest(now=moment + dt.timedelta(hours=1)) is None
        assert await digest_rows(bot) == rows
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        later = moment + dt.timedelta(hours=2)
        assert await bot.services.kondisi.run_digest(now=later) is None
        assert await digest_rows(bot) == rows
        runs = await bot.services.db.run(lambda s: list(s.exec(select(DigestRun))))
        assert len(runs) == 1 and runs[0].messages == sum(rows.values())


def test_a_digest_of_many_desa_is_split_only_past_telegrams_limit_in_order() -> None:
    now = utcnow()
    busy = [
        (f"Desa{i:03d}", Picture(i, by_category={"pencurian": 3}, by_status={"baru": 3}))
        for i in range(120)
    ]
    parts = messages.area_digest("id", "Kec. Lumbang", busy, [], dt.UTC, now)
    assert len(parts) > 1 and all(visible_length(p) <= TEXT_LIMIT for p in parts)
    joined = "\n\n".join(parts)
    assert [joined.index(f"Desa{i:03d}") for i in range(120)] == sorted(
        joined.index(f"Desa{i:03d}") for i in range(120)
    )
    few = messages.area_digest("id", "2 desa", busy[:3], [], dt.UTC, now)
    assert len(few) == 1 and "Desa tetangga" not in few[0]


def test_a_quiet_desa_with_a_note_is_its_quiet_line_and_the_note_under_it() -> None:
    now = utcnow()
    note = NoteView(1, 1, "Ada hajatan, parkir ramai", now, now + dt.timedelta(days=7))
    for lang, quiet, label in (
        ("id", "tidak ada kejadian tercatat", "📝 Catatan: “Ada hajatan"),
        ("en", "no incidents recorded", "📝 Note: “Ada hajatan"),
    ):
        text = messages.body(lang, Picture(1, notes=[note]), "Kronto", dt.UTC, now)
        first, second = text.split("\n")
        assert first.startswith("🟢") and quiet in first
        assert second.startswith(label)
        # Not the title and a green "nothing to watch out for" line besides.
        assert "📍" not in text and "Aman:" not in text and "Calm:" not in text
