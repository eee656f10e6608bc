"""Naming people on a roster without their @username (issue 21, part 3), through the real bot:
the picker of the desa's watch (pages, choosing and unchoosing, one team after another), text
mentions mixed with @usernames, forwarded messages (a person, a hidden account, a channel),
refusals that name the unknown or ineligible person and store nothing, a shift's members
replaced from the list, and a restart in the middle of picking."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services.patrols import PatrolError
from bot.services.patrols import SchedulePlan
from bot.services.patrols import parse_teams
from bot.services.patrols.callbacks import Pick
from bot.services.patrols.people import add_people
from bot.services.patrols.people import built_teams
from bot.services.patrols.people import new_build
from bot.services.patrols.people import next_team
from bot.services.patrols.people import page_of
from bot.services.patrols.people import toggle
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.persistence import all_user_data
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import RondaWorld
from tests.helpers import buttons
from tests.helpers import last
from tests.helpers import make_volunteers
from tests.helpers import text_of
from tests.helpers import told

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Villagers:
    """More of Kronto's watch: Siti has no @username; Gilang to Joko fill the list's first page
    with Andi to Dedi; Rahmat was never seen by the bot."""

    siti: JSON
    others: list[JSON]
    rahmat: JSON


async def more_villagers(world: RondaWorld) -> Villagers:
    bot = world.bot
    siti = bot.updates.user(first_name="Siti", last_name="Aminah")
    others = [bot.updates.user(first_name=n, username=n.lower()) for n in ("Gilang", "Hadi")]
    others += [bot.updates.user(first_name=n) for n in ("Indah", "Joko")]
    rahmat = bot.updates.user(first_name="Rahmat")  # in Telegram, but never wrote to the bot
    await make_volunteers(bot, world.kronto, siti["id"], *(p["id"] for p in others))
    for person in (siti, *others):
        await bot.command(person, "/bantuan")
    return Villagers(siti, others, rahmat)


async def to_teams(world: RondaWorld, *, days: str = "pa:days:0123456") -> JSON:
    """/aturronda as the koordinator up to the question who is on duty; returns it."""
    bot, koordinator = world.bot, world.koordinator
    chat = koordinator["id"]
    await bot.command(koordinator, "/aturronda")
    await bot.press(koordinator, last(bot, chat), "pa:new")
    await bot.press(koordinator, last(bot, chat), "pa:post:0")
    await bot.say(koordinator, "22:00-02:00")
    await bot.press(koordinator, last(bot, chat), days)
    if days != "pa:days:tomorrow":
        await bot.press(koordinator, last(bot, chat), "pa:wk:1")
    return last(bot, chat)


async def tap(bot: BotHarness, user: JSON, message: JSON, label: str) -> JSON:
    """Press the button labelled `label` under `message` (as it is now); the message after."""
    current = bot.fake.get_message(int(message["chat"]["id"]), int(message["message_id"]))
    await bot.process(bot.updates.press(user, current or message, label))
    return bot.fake.get_message(int(message["chat"]["id"]), int(message["message_id"])) or {}


def toast(bot: BotHarness) -> str:
    return str(bot.fake.callback_answers[-1].get("text", ""))


async def stored_teams(bot: BotHarness) -> list[list[int]]:
    def read(session: Any) -> list[list[int]]:
        teams = []
        for shift in session.exec(select(PatrolShift).order_by(PatrolShift.starts_at)):
            rows = session.exec(
                select(PatrolShiftMember.user_id)
                .where(PatrolShiftMember.shift_id == shift.id)
                .order_by(PatrolShiftMember.id)
            )
            teams.append(list(rows))
        return teams

    return await bot.services.db.run(read)


# --- the plain parts --------------------------------------------------------------------------


def test_pages_choices_and_teams_hold_their_limits() -> None:
    people = [(i, f"P{i:02d}") for i in range(1, 19)]
    assert [p.number for p in (page_of(people, 0), page_of(people, 2), page_of(people, 9))] == [
        0,
        2,
        2,
    ]
    assert page_of(people, 2).items == people[16:] and page_of(people, 0).count == 3
    assert page_of([], 4).count == 1
    build = new_build()
    assert toggle(build, 5, "P05", limit=2) and toggle(build, 6, "P06", limit=2)
    with pytest.raises(PatrolError, match=r"ronda\.team_too_big"):
        toggle(build, 7, "P07", limit=2)
    with pytest.raises(PatrolError, match=r"ronda\.team_too_big"):
        add_people(build, {7: "P07", 8: "P08"}, limit=3)  # all or nothing
    assert not toggle(build, 5, "P05", limit=2)
    next_team(build, max_teams=2)
    with pytest.raises(PatrolError, match=r"pick\.team_empty"):
        next_team(build, max_teams=2)
    add_people(build, {7: "P07"}, limit=2)
    with pytest.raises(PatrolError, match=r"ronda\.too_many_teams"):
        next_team(build, max_teams=2)
    assert built_teams(json.loads(json.dumps(build))) == [[6], [7]]  # plain JSON, ids as ints
    # A text mention's stand-in word is the person's id, beside typed names.
    assert parse_teams("@andi \ue0000 x_y\n\ue0001", {"\ue0000": 7, "\ue0001": 8}) == [
        ["andi", 7, "x_y"],
        [8],
    ]
    # Telegram ids are longer than an ordinary button number.
    assert Pick.parse(Pick("ar", "t", 7_123_456_789_012).data) == Pick("ar", "t", 7_123_456_789_012)
    assert Pick.pattern_for("ue").match(Pick("ar", "ok", 0).data) is None


# --- the picker -------------------------------------------------------------------------------


async def test_a_roster_is_picked_from_the_list_page_by_page(ronda_world: RondaWorld) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    villagers = await more_villagers(ronda_world)
    ask = await to_teams(ronda_world)
    assert "Tiga cara" in text_of(ask) and "👥 Pilih dari daftar" in buttons(ask)
    await tap(bot, koordinator, ask, "👥 Pilih dari daftar")
    picker = last(bot, koordinator["id"])
    assert "Pilih anggota Tim 1" in text_of(picker) and "Halaman 1 dari 2" in text_of(picker)
    # By name; Eko (Pancur) is not on Kronto's watch; the koordinator is (a pemuda of Kronto).
    names = [label for label in buttons(picker) if label[0].isalpha()]
    assert names == [
        "Andi (@andi)",
        "Budi (@budi)",
        "Citra (@citra)",
        "Dedi (@dedi)",
        "Gilang (@gilang)",
        "Hadi (@hadi)",
        "Indah",
        "Joko",
    ]
    assert all(len(data.encode()) <= 64 for data in buttons(picker).values())
    picker = await tap(bot, koordinator, picker, "Andi (@andi)")
    assert toast(bot) == "Andi (@andi) dipilih."
    assert "✅ Andi (@andi)" in buttons(picker)
    picker = await tap(bot, koordinator, picker, "▶️")
    assert "Halaman 2 dari 2" in text_of(picker)
    assert [b for b in buttons(picker) if b[0].isalpha()] == ["Kurnia (@kurnia)", "Siti Aminah"]
    picker = await tap(bot, koordinator, picker, "Siti Aminah")
    assert "✅ Siti Aminah" in buttons(picker)
    picker = await tap(bot, koordinator, picker, "➕ Tim berikutnya")
    assert "Pilih anggota Tim 2" in text_of(picker) and "Halaman 1 dari 2" in text_of(picker)
    assert not any(label.startswith("✅ A") for label in buttons(picker))
    for label in ("Budi (@budi)", "Joko", "✅ Joko"):  # Joko chosen, then taken back
        picker = await tap(bot, koordinator, picker, label)
    assert toast(bot) == "Joko tidak jadi dipilih."
    await tap(bot, koordinator, picker, "✅ Selesai")
    summary = last(bot, koordinator["id"])
    assert "Tim 1: Andi (@andi), Siti Aminah\nTim 2: Budi (@budi)" in text_of(summary)
    await tap(bot, koordinator, summary, "✅ Simpan")
    teams = await stored_teams(bot)
    assert teams[0] == [ronda_world.andi["id"], villagers.siti["id"]]
    assert teams[1] == [ronda_world.budi["id"]]
    await told(bot, villagers.siti["id"], "Anda masuk jadwal ronda")


async def test_people_are_named_by_text_mention_beside_usernames(ronda_world: RondaWorld) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    villagers = await more_villagers(ronda_world)
    await to_teams(ronda_world)
    # Unknown to the bot: named as the mention shows them, and told to press Mulai first.
    await bot.process(
        bot.updates.mentioning(koordinator, ["@andi ", (villagers.rahmat, "Pak Rahmat 🌾")])
    )
    answer = text_of(last(bot, chat))
    assert "Belum pernah memakai bot: Pak Rahmat 🌾" in answer and "Mulai" in answer
    # Not on Kronto's watch, though mentioned rather than typed.
    await bot.process(bot.updates.mentioning(koordinator, [(ronda_world.stranger, "Eko")]))
    assert "Tidak bisa ditugaskan di Desa Kronto: Eko (@eko)" in text_of(last(bot, chat))
    assert await stored_teams(bot) == []
    # A mention after an emoji (two UTF-16 units) and before more names on the same line.
    await bot.process(
        bot.updates.mentioning(
            koordinator,
            ["@andi ", (villagers.siti, "Bu Siti 🌾"), ", @budi\n", (villagers.others[2], "Indah")],
        )
    )
    summary = last(bot, chat)
    assert "Tim 1: Andi (@andi), Siti Aminah, Budi (@budi)\nTim 2: Indah" in text_of(summary)
    await tap(bot, koordinator, summary, "✅ Simpan")
    teams = await stored_teams(bot)
    assert teams[0] == [ronda_world.andi["id"], villagers.siti["id"], ronda_world.budi["id"]]
    assert teams[1] == [villagers.others[2]["id"]]


async def test_a_forward_adds_its_writer_and_hidden_or_channel_ones_are_explained(
    ronda_world: RondaWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    villagers = await more_villagers(ronda_world)
    await to_teams(ronda_world)
    await bot.process(bot.updates.forwarded(koordinator, sender=villagers.siti))
    overview = last(bot, chat)
    assert "Tim 1 (sedang disusun): Siti Aminah" in text_of(overview)
    assert {"👥 Pilih dari daftar", "➕ Tim berikutnya", "✅ Selesai"} <= set(buttons(overview))
    await bot.process(bot.updates.forwarded(koordinator, hidden_name="Pak Rahmat"))
    answer = text_of(last(bot, chat))
    assert "“Pak Rahmat”" in answer and "privasi" in answer and "@username" in answer
    channel = {"id": -1_002_999_000_001, "type": "channel", "title": "Info Lumbang"}
    await bot.process(bot.updates.forwarded(koordinator, from_chat=channel))
    assert "kanal “Info Lumbang”, bukan dari seseorang" in text_of(last(bot, chat))
    await bot.process(bot.updates.forwarded(koordinator, sender=villagers.rahmat))
    assert "Belum pernah memakai bot: Rahmat" in text_of(last(bot, chat))
    await bot.process(bot.updates.forwarded(koordinator, sender=ronda_world.stranger))
    assert "Tidak bisa ditugaskan di Desa Kronto: Eko (@eko)" in text_of(last(bot, chat))
    # Typing continues the teams being put together: a line to the current team, then new ones.
    await bot.say(koordinator, "@andi\n@budi")
    overview = last(bot, chat)
    assert "Tim 1: Siti Aminah, Andi (@andi)\nTim 2 (sedang disusun): Budi (@budi)" in text_of(
        overview
    )
    # The size of a team holds for forwards too (a small limit stands in for 20).
    monkeypatch.setattr("handlers.patrols.naming.MAX_TEAM_SIZE", 2)
    await bot.process(bot.updates.forwarded(koordinator, sender=ronda_world.citra))
    overview = last(bot, chat)
    await bot.process(bot.updates.forwarded(koordinator, sender=ronda_world.dedi))
    assert "Satu tim paling banyak 2 orang" in text_of(last(bot, chat))
    monkeypatch.undo()
    await tap(bot, koordinator, overview, "✅ Selesai")
    summary = last(bot, chat)
    assert "Tim 2: Budi (@budi), Citra (@citra)" in text_of(summary)
    await tap(bot, koordinator, summary, "✅ Simpan")
    teams = await stored_teams(bot)
    assert teams[0] == [villagers.siti["id"], ronda_world.andi["id"]]
    assert teams[1] == [ronda_world.budi["id"], ronda_world.citra["id"]]


async def test_a_shifts_members_are_replaced_from_the_list(ronda_world: RondaWorld) -> None:
    bot, koordinator = ronda_world.bot, ronda_world.koordinator
    chat = koordinator["id"]
    villagers = await more_villagers(ronda_world)
    start = (dt.datetime.now(WIB) + dt.timedelta(days=1)).replace(hour=22, minute=0)
    plan = SchedulePlan(
        desa_id=ronda_world.kronto,
        post_id=None,
        start_minute=22 * 60,
        duration_minutes=240,
        weekdays=None,
        first_day=start.date(),
        last_day=start.date(),
        teams=[ronda_world.ids(ronda_world.andi, ronda_world.budi)],
    )
    (shift_id,) = (await bot.services.patrols.create(plan, 0, "id")).shift_ids
    await bot.command(koordinator, "/jadwal Kronto")
    await bot.press(koordinator, last(bot, chat), f"pt:em:{shift_id}")
    ask = last(bot, chat)
    assert "Siapa anggota baru giliran ini" in text_of(ask)
    await tap(bot, koordinator, ask, "👥 Pilih dari daftar")
    picker = last(bot, chat)
    assert "Pilih anggota giliran ini" in text_of(picker)
    assert "➕ Tim berikutnya" not in buttons(picker)  # one shift, one team
    picker = await tap(bot, koordinator, picker, "Citra (@citra)")
    picker = await tap(bot, koordinator, picker, "▶️")
    picker = await tap(bot, koordinator, picker, "Siti Aminah")
    await tap(bot, koordinator, picker, "✅ Selesai")
    assert "Giliran diubah" in text_of(last(bot, chat))
    assert await stored_teams(bot) == [[ronda_world.citra["id"], villagers.siti["id"]]]
    await told(bot, villagers.siti["id"], "Anda ditambahkan ke giliran ronda")
    await told(bot, ronda_world.andi["id"], "tidak lagi bertugas")
    # Done, the list lost its buttons; an old press of it after the edit: nothing changes.
    assert not buttons(bot.fake.get_message(chat, picker["message_id"]) or {})
    await bot.press(koordinator, picker, Pick("ue", "t", ronda_world.dedi["id"]).data)
    assert "tidak berlaku" in toast(bot)
    assert await stored_teams(bot) == [[ronda_world.citra["id"], villagers.siti["id"]]]


async def test_a_restart_in_the_middle_of_picking_keeps_the_teams(
    pasuruan: str, patrol_settings: Settings, fake: FakeTelegram
) -> None:
    clock = ScaledClock(20)
    async with BotHarness(patrol_settings, fake, delivery_clock=clock) as bot:
        world = RondaWorld(bot)
        await world.set_up()
        koordinator = world.koordinator
        await to_teams(world)
        await tap(bot, koordinator, last(bot, koordinator["id"]), "👥 Pilih dari daftar")
        picker = last(bot, koordinator["id"])
        picker = await tap(bot, koordinator, picker, "Andi (@andi)")
        picker = await tap(bot, koordinator, picker, "➕ Tim berikutnya")
        picker = await tap(bot, koordinator, picker, "Budi (@budi)")
    async with BotHarness(patrol_settings, fake, delivery_clock=clock) as bot:
        world.bot = bot

        stored = await bot.services.db.run(all_user_data)
        build = json.loads(stored[koordinator["id"]])["aturronda"]["build"]
        assert build["teams"] == [[world.andi["id"]], [world.budi["id"]]]
        picker = await tap(bot, koordinator, picker, "Citra (@citra)")
        assert "✅ Citra (@citra)" in buttons(picker) and "✅ Budi (@budi)" in buttons(picker)
        await tap(bot, koordinator, picker, "✅ Selesai")
        summary = last(bot, koordinator["id"])
        assert "Tim 1: Andi (@andi)\nTim 2: Budi (@budi), Citra (@citra)" in text_of(summary)
        await tap(bot, koordinator, summary, "✅ Simpan")
        teams = await stored_teams(bot)
        assert teams[:2] == [
            world.ids(world.andi),
            world.ids(world.budi, world.citra),
        ]
