"""Latihan (/latihan) through the real bot: an officer runs a practice session for Kronto's
Karang Taruna (invited with a button) and a resident who opens the link; every message of the
practice /lapor says LATIHAN; one report misses the place and is graded so; none of them reaches
the duty chat, the statistics, the CSV, an escalation or a neighbour alert; feedback reaches the
trainee; the summary at the end; a closed or unknown link is refused politely; a resident
without the role cannot train; /batal leaves practice and a later /lapor is real."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.latihan.grading import says_when
from bot.services.roles import RoleSpec
from storage.models import Division
from storage.models import NeighbourAlert
from storage.models import OutboxRow
from storage.models import Role
from storage.models import TrainingReport
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
BANNER = "🎓 LATIHAN — bukan laporan sungguhan"
# Inside Kronto (Kec. Lumbang).
POS = (-7.7756, 112.9802)


class LatihanWorld(World):
    """The reports world (a Polsek, its duty chat, two officers, Siti of Kronto) and two
    Karang Taruna members of Kronto."""

    def __init__(self, bot: BotHarness) -> None:
        super().__init__(bot)
        self.andi = bot.updates.user(first_name="Andika", username="andika")
        self.budi = bot.updates.user(first_name="Budiman")

    async def set_up(self) -> None:
        await super().set_up()
        bot = self.bot
        pemuda = RoleSpec(
            Role.PEMUDA, Scope(area_id=desa(bot, "Kronto").id), division=Division.PATROLI
        )
        for member in (self.andi, self.budi):
            await bot.services.roles.grant(member["id"], pemuda)
            await bot.command(member, "/bantuan")


@pytest.fixture
async def latihan_world(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> AsyncIterator[LatihanWorld]:
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = LatihanWorld(bot)
        await world.set_up()
        yield world


async def press(bot: BotHarness, user: JSON, message: JSON, label: str) -> None:
    await bot.process(bot.updates.press(user, message, label))


async def open_session(world: LatihanWorld, *, who: str, asks: str) -> str:
    """The officer starts a session for Kronto; the link's code."""
    bot, officer = world.bot, world.officer
    chat = officer["id"]
    await bot.command(officer, "/latihan")
    await press(bot, officer, last(bot, chat), "➕ Latihan baru")
    await bot.say(officer, "Kronto")
    assert "Karang Taruna desa ini di bot: 2 orang" in text_of(last(bot, chat))
    await press(bot, officer, last(bot, chat), who)
    await bot.say(officer, "Anda melihat orang mencurigakan di dekat sekolah jam 23.00")
    await press(bot, officer, last(bot, chat), asks)
    assert "Periksa dulu latihan ini" in text_of(last(bot, chat))
    await press(bot, officer, last(bot, chat), "✅ Mulai latihan")
    created = text_of(last(bot, chat))
    found = re.search(r"start=lat_([A-Z0-9]+)", created)
    assert found, created
    return found.group(1)


async def invitation(bot: BotHarness, user: JSON) -> JSON:
    def find() -> JSON | None:
        for message in reversed(bot.fake.sent_messages(user["id"])):
            if "Ajakan latihan melapor" in text_of(message):
                return message
        return None

    return await wait_until(find, f"{user['first_name']} to be invited")


async def practise(
    bot: BotHarness,
    user: JSON,
    *,
    place: str | None = None,
    location: bool = False,
    description: str = "Tadi jam 23.00 ada orang asing mondar-mandir di dekat sekolah",
    summaries: list[Any] | None = None,
    anonymous: bool = False,
) -> str:
    """The practice /lapor after joining: up to "Kirim"; the acknowledgement. `summaries`
    gets the summary and its buttons (label: data), which the acknowledgement replaces."""
    chat = user["id"]
    await press(bot, user, last(bot, chat), "👀 Hal mencurigakan")
    await bot.say(user, description)
    if location:
        await bot.process(bot.updates.location(user, *POS))
    elif place is not None:
        await bot.say(user, place)
    else:  # only "🏠 in my desa": the place is not given
        asked = bot.fake.calls_to("sendMessage", chat_id=chat)[-1].params
        home = next(
            b["text"]
            for row in asked["reply_markup"]["keyboard"]
            for b in row
            if b["text"].startswith("🏠")
        )
        await bot.say(user, home)
    await bot.press(user, last(bot, chat), "lp:next")
    await bot.press(user, last(bot, chat), "lp:urg:1")
    await bot.press(user, last(bot, chat), f"lp:anon:{int(anonymous)}")
    summary = last(bot, chat)
    assert "Periksa laporan Anda" in text_of(summary)
    if summaries is not None:
        summaries += [summary, buttons(summary)]
    await press(bot, user, summary, "✅ Kirim laporan")
    return text_of(last(bot, chat))


def texts_since(bot: BotHarness, chat_id: int, start: int) -> list[str]:
    """What `chat_id` read since its `start`-th call: every message sent or edited."""
    calls = [
        c
        for c in bot.fake.calls_to(None, chat_id=chat_id)[start:]
        if c.method in ("sendMessage", "editMessageText")
    ]
    return [str(c.params["text"]) for c in calls]


async def test_a_session_with_three_trainees_stays_out_of_the_real_flow(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, officer, siti = world.bot, world.officer, world.resident
    andi, budi = world.andi, world.budi
    code = await open_session(world, who="👥 Karang Taruna", asks="📍 Lokasi")
    # A training group: the officer types /latihan there.
    group = bot.updates.group(title="Latihan Karang Taruna Kronto")
    await bot.command(officer, "/latihan", chat=group)
    assert "akan dikirim juga ke grup ini" in bot.fake.texts(group["id"])[-1]

    # Andi: invited, joins with the button; a location, a time: every item met.
    invited = await invitation(bot, andi)
    start = len(bot.fake.calls_to(None, chat_id=andi["id"]))
    await press(bot, andi, invited, "🎓 Mulai latihan")
    assert "Skenario" in bot.fake.texts(andi["id"])[-2]
    ack = await practise(bot, andi, location=True)
    assert "LAT-0001" in ack and "❌" not in ack and "Lokasi dibagikan" in ack
    read = texts_since(bot, andi["id"], start)
    assert len(read) >= 8 and all(text.startswith("🎓 <b>LATIHAN</b>") for text in read), read

    # Budi: only "in my desa": the place (and the location asked for) missing, said plainly.
    await press(bot, budi, await invitation(bot, budi), "🎓 Mulai latihan")
    ack = await practise(bot, budi)
    assert "LAT-0002" in ack and ack.startswith(BANNER)
    assert "❌ Tempat kejadian belum disebut" in ack and "❌ Lokasi belum dibagikan" in ack
    assert "✅ Waktu kejadian disebut" in ack and "✅ Jenis kejadian dipilih" in ack

    # Siti (no role) by the link, a typed place, no time said.
    await bot.command(siti, f"/start lat_{code}")
    assert "Pelatih melihat nama Anda" in bot.fake.texts(siti["id"])[-2]
    ack = await practise(
        bot,
        siti,
        place="Depan SDN Kronto 1",
        description="Ada orang asing mengintip ke kelas",
        anonymous=True,
    )
    assert "LAT-0003" in ack and "❌ Waktu kejadian belum disebut" in ack
    assert "✅ Tempat kejadian disebut" in ack

    # The trainer and the training group got each report, graded.
    card = await told(bot, officer["id"], "Laporan latihan LAT-0002")
    assert "Nilai: 3 dari 5 poin" in card and "Budiman" in card
    # Siti chose "anonymous": the trainer still sees who trained, and that she chose it.
    card = await told(bot, group["id"], "Laporan latihan LAT-0003")
    assert "Siti Aminah (@siti) · 🙈 memilih anonim" in card
    reports = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert [(r.passed, r.total) for r in reports] == [(5, 5), (3, 5), (3, 5)]
    assert reports[1].missing == "place,location"

    # Nothing of it is real: no report, no duty card, no statistics, CSV, escalation or alert.
    assert await stored(bot) == []
    assert bot.fake.sent_messages(world.duty["id"]) == []
    stats = await bot.services.reports.stats(None)
    assert stats.total == 0
    _csv, count = await bot.services.reports.export_csv(None, actor_id=None)
    assert count == 0
    assert not [j for j in bot.app.job_queue.jobs() if j.name.startswith("report:")]
    alerts = await bot.services.db.run(lambda s: list(s.exec(select(NeighbourAlert))))
    assert alerts == []

    # Feedback on Budi's report reaches Budi.
    budi_card = next(
        m for m in bot.fake.sent_messages(officer["id"]) if "Laporan latihan LAT-0002" in text_of(m)
    )
    await press(bot, officer, budi_card, "✍️ Beri masukan")
    await bot.say(officer, "Sebutkan tempatnya: nama jalan atau patokan terdekat.")
    assert "dikirim ke peserta" in text_of(last(bot, officer["id"]))
    feedback = await told(bot, budi["id"], "Masukan dari")
    assert "nama jalan atau patokan" in feedback and "LAT-0002" in feedback
    # Someone else cannot use the trainer's button.
    await press(bot, siti, budi_card, "✍️ Beri masukan")
    assert "bukan milik Anda" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]

    # The session's view, then its end with the summary.
    await bot.command(officer, "/latihan")
    await press(bot, officer, last(bot, officer["id"]), "📊 #1")
    view = text_of(last(bot, officer["id"]))
    assert "Ikut: 3 · Selesai melapor: 3" in view and "LAT-0002 · Budiman" in view
    await press(bot, officer, last(bot, officer["id"]), "⛔ Akhiri latihan")
    await press(bot, officer, last(bot, officer["id"]), "⛔ Ya, akhiri")
    summary = text_of(last(bot, officer["id"]))
    assert "Latihan #1 selesai" in summary
    assert "Andika (@andika): 1 laporan, 5 dari 5 poin" in summary
    assert "3 ikut, 3 melapor, 3 laporan, 11 dari 15 poin" in summary
    await bot.command(officer, "/latihan")
    await press(bot, officer, last(bot, officer["id"]), "📜 Riwayat latihan")
    assert "3 ikut, 3 laporan, 11/15 poin" in text_of(last(bot, officer["id"]))

    # The link no longer works, politely; an unknown one neither.
    late = bot.updates.user(first_name="Telat")
    await bot.command(late, f"/start lat_{code}")
    assert "sudah selesai" in text_of(last(bot, late["id"]))
    await bot.command(late, "/start lat_ZZZZ9999")
    assert "tidak berlaku" in text_of(last(bot, late["id"]))
    # The invitation's button too.
    await press(bot, andi, await invitation(bot, andi), "🎓 Mulai latihan")
    assert "sudah selesai" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]

    # A normal /lapor afterwards is real: no banner, a tracking number, the duty chat's card.
    start = len(bot.fake.calls_to(None, chat_id=siti["id"]))
    await bot.command(siti, "/lapor")
    await practise(bot, siti, place="Jl. Raya Kronto")
    read = texts_since(bot, siti["id"], start)
    assert not any("LATIHAN" in text for text in read), read
    assert "LMB-0001" in read[-1]
    assert len(await stored(bot)) == 1
    await told(bot, world.duty["id"], "LMB-0001")


async def test_batal_leaves_practice_and_the_next_lapor_is_real(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, siti = world.bot, world.resident
    code = await open_session(world, who="🔗 Siapa saja lewat tautan", asks="Tidak perlu")
    await bot.command(siti, f"/start lat_{code}")
    assert text_of(last(bot, siti["id"])).startswith(BANNER)
    await press(bot, siti, last(bot, siti["id"]), "👀 Hal mencurigakan")
    await bot.command(siti, "/batal")
    assert "dibatalkan" in text_of(last(bot, siti["id"])).lower()
    # The old practice "category" button is stale now; /lapor starts a real report.
    await bot.command(siti, "/lapor")
    assert not text_of(last(bot, siti["id"])).startswith(BANNER)
    assert "latihan" not in str(bot.app.user_data.get(siti["id"], {}).get("lapor", {}))


async def test_a_practice_report_survives_a_database_outage_at_kirim(
    latihan_world: LatihanWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = latihan_world
    bot, siti = world.bot, world.resident
    code = await open_session(world, who="🔗 Siapa saja lewat tautan", asks="Tidak perlu")
    await bot.command(siti, f"/start lat_{code}")
    latihan = bot.services.latihan
    submit = latihan.submit

    async def database_away(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("INSERT ...", {}, Exception("server closed the connection"))

    monkeypatch.setattr(latihan, "submit", database_away)
    summaries: list[Any] = []
    answer = await practise(bot, siti, place="Depan SDN Kronto 1", summaries=summaries)
    assert "coba lagi" in answer.lower() and "gangguan" not in answer, answer
    assert await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport)))) == []
    # Back: the same summary's "Kirim" stores what was typed before.
    monkeypatch.setattr(latihan, "submit", submit)
    summary, offered = summaries
    await bot.press(siti, summary, offered["✅ Kirim laporan"])
    acknowledged = bot.fake.get_message(siti["id"], summary["message_id"])
    assert acknowledged is not None and "LAT-0001" in text_of(acknowledged)
    reports = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert [r.place_text for r in reports] == ["Depan SDN Kronto 1"]


async def test_a_resident_without_the_role_cannot_train(latihan_world: LatihanWorld) -> None:
    bot, siti = latihan_world.bot, latihan_world.resident
    await bot.command(siti, "/latihan")
    assert text_of(last(bot, siti["id"])).startswith("Maaf")
    # A Karang Taruna member who is no koordinator neither.
    await bot.command(latihan_world.andi, "/latihan")
    assert text_of(last(bot, latihan_world.andi["id"])).startswith("Maaf")


async def test_a_trainer_trains_only_within_their_scope(latihan_world: LatihanWorld) -> None:
    world = latihan_world
    bot = world.bot
    koordinator = bot.updates.user(first_name="Kurnia")
    spec = RoleSpec(
        Role.PEMUDA,
        Scope(area_id=desa(bot, "Kronto").id),
        division=Division.PATROLI,
        koordinator=True,
    )
    await bot.services.roles.grant(koordinator["id"], spec)
    chat = koordinator["id"]
    await bot.command(koordinator, "/latihan")
    await press(bot, koordinator, last(bot, chat), "➕ Latihan baru")
    # Their desa is offered; another is refused.
    question = last(bot, chat)
    assert "Desa Kronto" in buttons(question)
    await bot.say(koordinator, "Pancur")
    assert "Maaf" in str(bot.fake.calls_to("sendMessage", chat_id=chat)[-1].params["text"])
    await press(bot, koordinator, question, "Desa Kronto")
    assert "Siapa yang diajak berlatih" in text_of(last(bot, chat))


async def test_a_trainees_copy_holds_their_practice_reports_and_deletion_removes_them(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, siti = world.bot, world.resident
    code = await open_session(world, who="🔗 Siapa saja lewat tautan", asks="📷 Foto")
    await bot.command(siti, f"/start lat_{code}")
    ack = await practise(bot, siti, place="Depan SDN Kronto 1")
    assert "❌ Foto belum dikirim" in ack
    _name, data = await bot.services.privacy.copy(siti["id"], "id")
    assert "LAT-0001" in str(data) and "Depan SDN Kronto 1" in str(data)
    await bot.services.privacy.delete(siti["id"])
    reports = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert reports == []


async def test_retention_removes_a_closed_sessions_photos_and_locations_only(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, siti, officer = world.bot, world.resident, world.officer
    code = await open_session(world, who="🔗 Siapa saja lewat tautan", asks="📍 Lokasi")
    await bot.command(siti, f"/start lat_{code}")
    await practise(bot, siti, location=True)
    later = utcnow() + dt.timedelta(days=366)
    # Open: untouched.
    assert (await bot.services.retention.preview(now=later)).latihan.sessions == 0
    await bot.services.latihan.close(1, officer["id"], "id")
    preview = await bot.services.retention.preview(now=later)
    assert (preview.latihan.sessions, preview.latihan.reports) == (1, 1)
    done = await bot.services.retention.apply(now=later)
    assert done.latihan.reports == 1
    (kept,) = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert kept.latitude is None and kept.longitude is None and kept.place_text == ""
    assert (kept.passed, kept.total) == (5, 5) and "orang asing" in kept.description
    assert (await bot.services.retention.preview(now=later)).latihan.sessions == 0


async def test_the_view_refreshes_in_place_and_a_bad_scenario_is_asked_again(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, officer = world.bot, world.officer
    chat = officer["id"]
    await bot.command(officer, "/latihan")
    await press(bot, officer, last(bot, chat), "➕ Latihan baru")
    await bot.say(officer, "Kronto")
    await press(bot, officer, last(bot, chat), "🔗 Siapa saja lewat tautan")
    await bot.say(officer, "🚨🚨")
    assert "terlalu pendek" in text_of(last(bot, chat))
    await bot.say(officer, "x" * 401)
    assert "terlalu panjang" in text_of(last(bot, chat))
    await press(bot, officer, bot.fake.sent_messages(chat)[-3], "Tanpa skenario")
    await press(bot, officer, last(bot, chat), "Tidak perlu")
    assert "tanpa skenario" in text_of(last(bot, chat))
    await press(bot, officer, last(bot, chat), "✅ Mulai latihan")
    await press(bot, officer, last(bot, chat), "📊 #1")
    view = last(bot, chat)
    sent = len(bot.fake.sent_messages(chat))
    await press(bot, officer, view, "🔄 Perbarui")
    assert len(bot.fake.sent_messages(chat)) == sent  # edited in place
    # Another officer cannot see or end it.
    other = world.other_officer
    await press(bot, other, view, "⛔ Akhiri latihan")
    assert "bukan milik Anda" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await bot.press(other, view, "lt:endy:1")
    assert "bukan milik Anda" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await press(bot, other, view, "🔄 Perbarui")
    assert "bukan milik Anda" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert len(bot.fake.sent_messages(chat)) == sent


async def test_the_end_tells_each_trainee_their_result_and_stops_a_report_half_written(
    latihan_world: LatihanWorld,
) -> None:
    world = latihan_world
    bot, officer, siti, andi, budi = (
        world.bot,
        world.officer,
        world.resident,
        world.andi,
        world.budi,
    )
    code = await open_session(world, who="👥 Karang Taruna", asks="Tidak perlu")
    # Andi sends a practice report; "Kirim" pressed again names it, stores nothing more.
    await press(bot, andi, await invitation(bot, andi), "🎓 Mulai latihan")
    summaries: list[Any] = []
    ack = await practise(bot, andi, place="Depan SDN Kronto 1", summaries=summaries)
    assert "LAT-0001" in ack
    await bot.press(andi, summaries[0], summaries[1]["✅ Kirim laporan"])
    answer = bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert "Laporan latihan LAT-0001 sudah terkirim" in answer, answer
    assert "kedaluwarsa" not in answer
    reports = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert len(reports) == 1
    # Siti joins by the link and is still writing (the place is asked) when the end comes;
    # Budi was invited and never started.
    await bot.command(siti, f"/start lat_{code}")
    await press(bot, siti, last(bot, siti["id"]), "👀 Hal mencurigakan")
    await bot.say(siti, "Tadi malam ada orang asing mondar-mandir di dekat sekolah")

    await bot.command(officer, "/latihan")
    await press(bot, officer, last(bot, officer["id"]), "📊 #1")
    await press(bot, officer, last(bot, officer["id"]), "⛔ Akhiri latihan")
    sure = last(bot, officer["id"])
    await press(bot, officer, sure, "⛔ Ya, akhiri")
    assert "sudah diberi tahu" in text_of(last(bot, officer["id"]))

    # Each who joined is told once, with their own result; the invited who never started not.
    told_andi = await told(bot, andi["id"], "sudah selesai. Terima kasih")
    assert told_andi.startswith(BANNER)
    assert "Latihan #1 di Desa Kronto" in told_andi
    assert "LAT-0001, 4 dari 4 poin terpenuhi" in told_andi
    told_siti = await told(bot, siti["id"], "sudah selesai. Terima kasih")
    assert "belum mengirim laporan latihan" in told_siti
    # A second "Ya, akhiri" (a double tap) tells no one again.
    await bot.press(officer, sure, "lt:endy:1")
    rows = await bot.services.db.run(lambda s: list(s.exec(select(OutboxRow))))
    to = [r.chat_id for r in rows if r.chat_id in (andi["id"], siti["id"], budi["id"])]
    # Andi: the invitation, the end; Siti: the end; Budi: the invitation only.
    assert sorted(to) == sorted([andi["id"], andi["id"], siti["id"], budi["id"]])
    for person in (andi, siti):
        ended = [x for x in bot.fake.texts(person["id"]) if "sudah selesai. Terima kasih" in x]
        assert len(ended) == 1, ended
    assert not [x for x in bot.fake.texts(budi["id"]) if "sudah selesai" in x]

    # Siti's next step: the end, said politely; her draft is gone, nothing stored.
    await bot.say(siti, "Depan SDN Kronto 1")
    reply = text_of(last(bot, siti["id"]))
    assert reply.startswith(BANNER) and "sudah diakhiri oleh pelatih" in reply, reply
    assert "lapor" not in bot.app.user_data.get(siti["id"], {})
    reports = await bot.services.db.run(lambda s: list(s.exec(select(TrainingReport))))
    assert [r.user_id for r in reports] == [andi["id"]]
    assert await stored(bot) == []
    # And her next /lapor is a real one.
    await bot.command(siti, "/lapor")
    assert not text_of(last(bot, siti["id"])).startswith(BANNER)


@pytest.mark.parametrize(
    "story",
    [
        "pukul 23.00",
        "jam 11 malam",
        "tadi malam",
        "barusan",
        "sekitar jam 9",
        "subuh",
        "siang tadi",
        "kemarin sore",
        "pkl 22.30",
        "22:15",
        "dini hari",
        "semalam",
        "Minggu malam",
        "Ada maling masuk rumah warga PKL 01.15 dini hari",
    ],
)
def test_a_story_that_says_when_counts(story: str) -> None:
    assert says_when(story)


@pytest.mark.parametrize(
    "story",
    [
        "Ada orang asing mengintip ke kelas",
        "Seorang pria tinggi 1.70 m membawa tas hitam di depan masjid",
        "Motor dijual murah 10.000 di pinggir jalan",
        "Dia mengambil jam tangan saya lalu lari ke arah sawah",
        "",
    ],
)
def test_a_story_without_a_time_does_not(story: str) -> None:
    assert not says_when(story)


async def test_a_half_written_practice_report_of_an_ended_session_lapses_quietly(
    pasuruan: str, settings: Settings, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handlers.reports import lapor

    monkeypatch.setattr(lapor, "TIMEOUT_SECONDS", 1.0)
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = LatihanWorld(bot)
        await world.set_up()
        siti = world.resident
        code = await open_session(world, who="🔗 Siapa saja lewat tautan", asks="Tidak perlu")
        await bot.command(siti, f"/start lat_{code}")
        await press(bot, siti, last(bot, siti["id"]), "👀 Hal mencurigakan")
        await bot.services.latihan.close(1, world.officer["id"], "id")
        await told(bot, siti["id"], "belum mengirim laporan latihan")
        # The time-out drops the draft without a second message: she was told at the end.
        await wait_until(
            lambda: "lapor" not in bot.app.user_data.get(siti["id"], {}) or None,
            "the practice draft to lapse",
        )
        assert not [x for x in bot.fake.texts(siti["id"]) if "lama tidak dilanjutkan" in x]
