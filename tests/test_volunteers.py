"""Volunteers for ronda (/ikutronda) through the real bot: a resident asks, a koordinator
accepts (then they can be rostered) or refuses, asking twice, a koordinator's own request, two
koordinators deciding at once, leaving and removal (off the shifts not started yet), a desa with
no koordinator, the counts in /jadwal and /statistikronda, and the copy and deletion of
/privasi."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.patrols import SchedulePlan
from bot.services.roles import RoleSpec
from storage.models import AuditEntry
from storage.models import Division
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import Role
from storage.models import RondaVolunteer
from storage.models import VolunteerStatus
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import ADMIN_ID
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import last
from tests.helpers import make_volunteers
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))
SEND = "✅ Kirim permintaan"
LEAVE = "🚪 Keluar dari ronda"


class Kronto:
    """Kronto with two pemuda koordinators and residents Andi and Budi; Pancur next door has
    nobody to coordinate its ronda; an admin."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        updates = bot.updates
        self.kurnia = updates.user(first_name="Kurnia", username="kurnia")
        self.lina = updates.user(first_name="Lina")
        self.andi = updates.user(first_name="Andi", username="andi")
        self.budi = updates.user(first_name="Budi", username="budi")
        self.eko = updates.user(first_name="Eko", username="eko")  # lives in Pancur
        self.admin = updates.user(id=ADMIN_ID, first_name="Admin")
        self.kronto = self.pancur = 0

    async def set_up(self) -> None:
        bot = self.bot
        self.kronto, self.pancur = desa(bot, "Kronto").id, desa(bot, "Pancur").id
        for koordinator in (self.kurnia, self.lina):
            await bot.services.roles.grant(
                koordinator["id"],
                RoleSpec(
                    Role.PEMUDA, Scope(area_id=self.kronto), Division.PATROLI, koordinator=True
                ),
            )
        for person in (self.andi, self.budi):
            await bot.services.subscriptions.set_home(person["id"], self.kronto)
        await bot.services.subscriptions.set_home(self.eko["id"], self.pancur)
        for person in (self.kurnia, self.lina, self.andi, self.budi, self.eko, self.admin):
            await bot.command(person, "/bantuan")  # known to the bot, with a name


@pytest.fixture
async def kronto(pasuruan: str, settings: Settings, fake: FakeTelegram) -> AsyncIterator[Kronto]:
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = Kronto(bot)
        await world.set_up()
        yield world


def now(bot: BotHarness, message: JSON) -> JSON:
    """A message as it is now (edited since), whatever the delivery engine sent after it."""
    return dict(bot.fake.messages[(message["chat"]["id"], message["message_id"])])


async def ask(world: Kronto, person: JSON) -> JSON:
    """/ikutronda and ✅ Kirim permintaan; the answer (the confirmation, edited)."""
    bot = world.bot
    await bot.command(person, "/ikutronda")
    shown = last(bot, person["id"])
    await bot.press(person, shown, buttons(shown)[SEND])
    return now(bot, shown)


async def request_to(world: Kronto, koordinator: JSON, name: str) -> JSON:
    """The request message a koordinator got (once delivered)."""
    bot = world.bot

    def find() -> JSON | None:
        for message in reversed(bot.fake.sent_messages(koordinator["id"])):
            if "Permintaan ikut ronda" in text_of(message) and name in text_of(message):
                return message
        return None

    return await wait_until(find, f"a request from {name} to {koordinator['id']}")


def toast(bot: BotHarness) -> str:
    return str(bot.fake.calls_to("answerCallbackQuery")[-1].params.get("text", ""))


async def offer(bot: BotHarness, user_id: int, desa_id: int) -> RondaVolunteer | None:
    def read(session: Any) -> RondaVolunteer | None:
        query = select(RondaVolunteer).where(
            RondaVolunteer.user_id == user_id, RondaVolunteer.desa_id == desa_id
        )
        return session.exec(query).first()

    return await bot.services.db.run(read)


async def audited(bot: BotHarness, action: str) -> list[AuditEntry]:
    return await bot.services.db.run(
        lambda s: list(s.exec(select(AuditEntry).where(AuditEntry.action == action)))
    )


async def shifts_for(world: Kronto, person: JSON, days: int) -> list[int]:
    """`days` single shifts of Kronto, one a night from tomorrow, with the person on each."""
    patrols = world.bot.services.patrols
    first = patrols.today() + dt.timedelta(days=1)
    ids = []
    for day in range(days):
        date = first + dt.timedelta(days=day)
        plan = SchedulePlan(world.kronto, None, 22 * 60, 240, None, date, date, [[person["id"]]])
        created = await patrols.create(plan, world.kurnia["id"], "id")
        ids += created.shift_ids
    return ids


async def members_of(bot: BotHarness, shift_ids: list[int]) -> dict[int, list[int]]:
    def read(session: Any) -> dict[int, list[int]]:
        rows = session.exec(
            select(PatrolShiftMember).where(PatrolShiftMember.shift_id.in_(shift_ids))  # type: ignore[attr-defined]
        )
        found: dict[int, list[int]] = {s: [] for s in shift_ids}
        for row in rows:
            found[row.shift_id].append(row.user_id)
        return found

    return await bot.services.db.run(read)


async def test_a_resident_asks_a_koordinator_accepts_and_they_can_be_rostered(
    kronto: Kronto,
) -> None:
    world, bot = kronto, kronto.bot
    andi, kurnia = world.andi, world.kurnia
    # Not on the watch yet: a roster naming Andi or Budi is refused, pointing to /ikutronda.
    await bot.command(kurnia, "/aturronda")
    await bot.press(kurnia, last(bot, kurnia["id"]), "pa:new")
    await bot.press(kurnia, last(bot, kurnia["id"]), "pa:post:0")
    await bot.say(kurnia, "22:00-02:00")
    await bot.press(kurnia, last(bot, kurnia["id"]), "pa:days:tomorrow")
    await bot.say(kurnia, "@andi")
    refusal = text_of(last(bot, kurnia["id"]))
    assert "Andi (@andi)" in refusal and "/ikutronda" in refusal

    # The confirmation says who will see which name.
    await bot.command(andi, "/ikutronda")
    shown = last(bot, andi["id"])
    assert "Andi (@andi)" in text_of(shown) and "koordinator" in text_of(shown)
    assert list(buttons(shown)) == [SEND, "Batal"]
    await bot.press(andi, shown, buttons(shown)[SEND])
    assert "dikirim ke 2 koordinator" in text_of(now(bot, shown))
    request = await request_to(world, kurnia, "Andi (@andi)")
    await request_to(world, world.lina, "Andi (@andi)")
    await bot.press(kurnia, request, buttons(request)["✅ Terima"])
    assert "Andi (@andi) diterima" in text_of(now(bot, request))
    assert not buttons(now(bot, request))
    await told(bot, andi["id"], "Anda diterima sebagai anggota ronda Desa Kronto")
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.ACCEPTED
    assert row.decided_by == kurnia["id"]
    assert [e.actor_id for e in await audited(bot, "patrol.volunteer_accept")] == [kurnia["id"]]

    # Now Andi goes on the roster; Budi (who never asked) still cannot.
    await bot.say(kurnia, "@andi @budi")
    refusal = text_of(last(bot, kurnia["id"]))
    assert "Budi (@budi)" in refusal and "Andi" not in refusal and "/ikutronda" in refusal
    await bot.say(kurnia, "@andi")
    assert "Periksa jadwal ronda" in text_of(last(bot, kurnia["id"]))
    await bot.press(kurnia, last(bot, kurnia["id"]), "pa:save")
    assert "Jadwal disimpan: 1 giliran" in text_of(last(bot, kurnia["id"]))
    await told(bot, andi["id"], "Anda masuk jadwal ronda")

    # /ikutronda now shows the membership with a way out.
    await bot.command(andi, "/ikutronda")
    assert "Anda anggota ronda Desa Kronto sebagai relawan" in text_of(last(bot, andi["id"]))
    assert list(buttons(last(bot, andi["id"]))) == [LEAVE]


async def test_refused_asking_twice_and_the_cool_down(kronto: Kronto) -> None:
    world, bot = kronto, kronto.bot
    andi, lina = world.andi, world.lina
    await ask(world, andi)
    # Asking again while waiting: told it waits, since when; nothing sent again.
    await bot.command(andi, "/ikutronda")
    waiting = last(bot, andi["id"])
    assert "masih menunggu" in text_of(waiting) and "WIB" in text_of(waiting)
    # A stale confirmation pressed again changes nothing either.
    await bot.press(andi, waiting, "rv:me:ask:" + str(world.kronto))
    assert "masih menunggu koordinator" in text_of(now(bot, waiting))
    assert len(await audited(bot, "patrol.volunteer_request")) == 1

    request = await request_to(world, lina, "Andi (@andi)")
    await bot.press(lina, request, buttons(request)["❌ Tolak"])
    assert "ditolak" in text_of(now(bot, request))
    await told(bot, andi["id"], "Terima kasih atas kesediaan Anda")
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.REJECTED
    # Within 7 days: no new request, with the date from which they may ask.
    await bot.command(andi, "/ikutronda")
    cooling = last(bot, andi["id"])
    assert "bisa mendaftar lagi mulai" in text_of(cooling) and not buttons(cooling)
    await bot.press(andi, cooling, "rv:me:ask:" + str(world.kronto))
    assert "bisa dikirim lagi mulai" in text_of(now(bot, cooling))
    # A week later the same row is asked again.
    await bot.services.db.run(
        lambda s: s.get(RondaVolunteer, row.id).__setattr__(
            "decided_at", utcnow() - dt.timedelta(days=8)
        )
    )
    await ask(world, andi)
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.PENDING and row.decided_by is None


async def test_two_koordinators_decide_at_once_and_nobody_decides_their_own(
    kronto: Kronto,
) -> None:
    world, bot = kronto, kronto.bot
    kurnia, lina, andi = world.kurnia, world.lina, world.andi
    await ask(world, andi)
    first, second = (
        await request_to(world, kurnia, "Andi"),
        await request_to(world, lina, "Andi"),
    )
    await bot.press(kurnia, first, buttons(first)["✅ Terima"])
    await bot.press(lina, second, buttons(second)["❌ Tolak"])
    assert toast(bot) == "Sudah diputuskan oleh Kurnia (@kurnia): Andi (@andi) diterima."
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.ACCEPTED
    assert await audited(bot, "patrol.volunteer_reject") == []

    # The admin lives in Pancur, which has no koordinator: the request waits, and they are
    # told honestly. Pressing Terima on it themself is refused.
    admin = world.admin
    await bot.services.subscriptions.set_home(admin["id"], world.pancur)
    answer = await ask(world, admin)
    assert "belum punya koordinator ronda" in text_of(answer)
    row = await offer(bot, admin["id"], world.pancur)
    assert row is not None and row.status is VolunteerStatus.PENDING
    await bot.press(admin, answer, f"rv:a:{row.id}")
    assert "permintaan Anda sendiri" in toast(bot)
    row = await offer(bot, admin["id"], world.pancur)
    assert row is not None and row.status is VolunteerStatus.PENDING
    # A koordinator of another desa may not decide it either.
    await bot.press(kurnia, first, f"rv:a:{row.id}")
    assert "di luar wilayah tugas Anda" in toast(bot)
    row = await offer(bot, admin["id"], world.pancur)
    assert row is not None and row.status is VolunteerStatus.PENDING


async def test_no_koordinator_the_request_waits_in_the_list(kronto: Kronto) -> None:
    world, bot = kronto, kronto.bot
    eko, admin = world.eko, world.admin
    answer = await ask(world, eko)
    assert "Desa Pancur belum punya koordinator ronda" in text_of(answer)
    (entry,) = await audited(bot, "patrol.volunteer_request")
    assert entry.actor_id == eko["id"] and "told=0" in entry.details
    # An admin (who coordinates every desa) finds it under /aturronda → 🙋 Relawan.
    await bot.command(admin, "/aturronda Pancur")
    menu = last(bot, admin["id"])
    await bot.press(admin, menu, buttons(menu)["🙋 Relawan"])
    listing = last(bot, admin["id"])
    assert "Menunggu keputusan" in text_of(listing) and "1. Eko (@eko)" in text_of(listing)
    await bot.press(admin, listing, buttons(listing)["✅ Terima 1"])
    await told(bot, eko["id"], "Anda diterima sebagai anggota ronda Desa Pancur")
    # The list (of that one request) became the answer; opened again, Eko is a volunteer.
    assert "Eko (@eko) diterima" in text_of(now(bot, listing))
    await bot.command(admin, "/aturronda Pancur")
    await bot.press(admin, last(bot, admin["id"]), "pa:vol")
    listing = last(bot, admin["id"])
    assert "Anggota relawan (1)" in text_of(listing) and "Menunggu" not in text_of(listing)
    assert list(buttons(listing)) == ["🚪 Keluarkan 1"]

    # With a polisi covering Pancur, the next request goes to them.
    officer = bot.updates.user(first_name="Bambang", username="bambang")
    await bot.services.areas.set_polsek_coverage(
        "Polsek Lumbang", [kecamatan(bot, "Lumbang").id], actor_label="test"
    )
    await bot.services.roles.grant(
        officer["id"], RoleSpec(Role.POLISI, Scope(area_id=world.pancur))
    )
    resident = bot.updates.user(first_name="Fitri")
    await bot.command(resident, "/bantuan")
    await bot.services.subscriptions.set_home(resident["id"], world.pancur)
    assert "dikirim ke 1 koordinator" in text_of(await ask(world, resident))
    await request_to(world, officer, "Fitri")


async def test_leaving_and_removal_take_them_off_the_shifts_not_started(
    kronto: Kronto,
) -> None:
    world, bot = kronto, kronto.bot
    andi, budi, kurnia, lina = world.andi, world.budi, world.kurnia, world.lina
    await make_volunteers(bot, world.kronto, andi["id"], budi["id"])
    andi_shifts = await shifts_for(world, andi, 2)
    budi_shifts = await shifts_for(world, budi, 1)
    for person in (andi, budi):
        await wait_until(
            lambda p=person: (
                len([x for x in bot.fake.texts(p["id"]) if "masuk jadwal" in x])
                == (2 if p is andi else 1)
            ),
            "the assignments",
        )
    # A shift of Andi's running now stays as it is.
    moment = utcnow()

    def running(session: Any) -> int:
        shift = PatrolShift(
            desa_id=world.kronto,
            starts_at=moment - dt.timedelta(hours=1),
            ends_at=moment + dt.timedelta(hours=2),
        )
        session.add(shift)
        session.flush()
        session.add(PatrolShiftMember(shift_id=shift.id, user_id=andi["id"]))
        return int(shift.id or 0)

    started = await bot.services.db.run(running)

    # Andi leaves (asked first).
    await bot.command(andi, "/ikutronda")
    await bot.press(andi, last(bot, andi["id"]), buttons(last(bot, andi["id"]))[LEAVE])
    sure = last(bot, andi["id"])
    assert "Keluar dari ronda Desa Kronto?" in text_of(sure)
    await bot.press(andi, sure, buttons(sure)["Ya, keluar"])
    assert "2 giliran yang belum dimulai dilepas" in text_of(now(bot, sure))
    assert await members_of(bot, andi_shifts) == {s: [] for s in andi_shifts}
    assert await members_of(bot, [started]) == {started: [andi["id"]]}
    for koordinator in (kurnia, lina):
        note = await told(bot, koordinator["id"], "Andi (@andi) keluar dari ronda Desa Kronto")
        assert note.count("• ") == 2 and "/jadwal" in note
    (entry,) = await audited(bot, "patrol.volunteer_leave")
    assert entry.actor_id == andi["id"]
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.LEFT

    # Kurnia removes Budi from the desa's list (asked first).
    await bot.command(kurnia, "/aturronda")
    await bot.press(kurnia, last(bot, kurnia["id"]), "pa:vol")
    listing = last(bot, kurnia["id"])
    assert "Anggota relawan (1)" in text_of(listing) and "1. Budi (@budi)" in text_of(listing)
    await bot.press(kurnia, listing, buttons(listing)["🚪 Keluarkan 1"])
    sure = last(bot, kurnia["id"])
    assert "Keluarkan Budi (@budi)" in text_of(sure)
    await bot.press(kurnia, sure, buttons(sure)["Ya, keluarkan"])
    assert "Budi (@budi) dikeluarkan" in text_of(now(bot, sure))
    assert await members_of(bot, budi_shifts) == {s: [] for s in budi_shifts}
    kind = await told(bot, budi["id"], "Koordinator mengeluarkan Anda dari anggota ronda")
    assert "Terima kasih" in kind and "• " in kind
    await told(bot, lina["id"], "Budi (@budi) dikeluarkan dari ronda Desa Kronto")
    assert not [x for x in bot.fake.texts(kurnia["id"]) if "Budi (@budi) dikeluarkan dari" in x]
    (entry,) = await audited(bot, "patrol.volunteer_remove")
    assert entry.actor_id == kurnia["id"] and entry.target == f"user:{budi['id']}"
    # A second press of the old confirmation changes nothing.
    await bot.press(kurnia, sure, buttons(sure)["Ya, keluarkan"])
    assert "sudah bukan anggota ronda" in toast(bot)
    assert len(await audited(bot, "patrol.volunteer_remove")) == 1
    # No longer eligible: a swap or a roster naming Budi is refused.
    assert budi["id"] not in await bot.services.db.run(
        lambda s: bot.services.patrols.shared.eligible(s, [budi["id"]], world.kronto)
    )


async def test_a_volunteer_who_moved_can_still_leave_the_old_watch(kronto: Kronto) -> None:
    world, bot = kronto, kronto.bot
    andi = world.andi
    await make_volunteers(bot, world.kronto, andi["id"])
    await bot.services.subscriptions.set_home(andi["id"], world.pancur)
    await bot.command(andi, "/ikutronda")
    shown = last(bot, andi["id"])
    assert "Ikut ronda Desa Pancur" in text_of(shown)
    assert "masih tercatat di ronda Desa Kronto" in text_of(shown)
    await bot.press(andi, shown, buttons(shown)["🚪 Keluar: ronda Kronto"])
    await bot.press(andi, now(bot, shown), buttons(now(bot, shown))["Ya, keluar"])
    assert "keluar dari ronda Desa Kronto" in text_of(now(bot, shown))
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.status is VolunteerStatus.LEFT


async def test_jadwal_and_statistikronda_count_the_volunteers(kronto: Kronto) -> None:
    world, bot = kronto, kronto.bot
    andi, budi, kurnia = world.andi, world.budi, world.kurnia
    await make_volunteers(bot, world.kronto, andi["id"])
    await ask(world, budi)
    await request_to(world, kurnia, "Budi")
    # A resident sees the members; a koordinator also the waiting request.
    await bot.command(andi, "/jadwal")
    text = text_of(last(bot, andi["id"]))
    assert "Anggota ronda: 3 orang, 1 di antaranya relawan" in text
    assert "menunggu" not in text
    await bot.command(kurnia, "/jadwal Kronto")
    assert "1 permintaan ikut ronda menunggu" in text_of(last(bot, kurnia["id"]))
    await shifts_for(world, andi, 1)
    await told(bot, andi["id"], "Anda masuk jadwal ronda")
    await bot.command(kurnia, "/jadwal Kronto")
    text = text_of(last(bot, kurnia["id"]))
    assert "Jadwal ronda Desa Kronto" in text and "3 orang, 1 di antaranya relawan" in text
    await bot.command(kurnia, "/statistikronda")
    text = text_of(last(bot, kurnia["id"]))
    assert "Anggota ronda: 3 orang, 1 relawan; permintaan menunggu: 1" in text


async def test_privasi_copies_and_deletes_the_offers(kronto: Kronto) -> None:
    world, bot = kronto, kronto.bot
    andi, kurnia = world.andi, world.kurnia
    await ask(world, andi)
    request = await request_to(world, kurnia, "Andi")
    await bot.press(kurnia, request, buttons(request)["✅ Terima"])
    await told(bot, andi["id"], "Anda diterima")
    await bot.command(andi, "/privasi")
    await bot.press(andi, last(bot, andi["id"]), "pv:copy")
    sent = bot.fake.calls_to("sendDocument", chat_id=andi["id"])[-1]
    (upload,) = sent.files.values()
    data = json.loads(upload.content.decode("utf-8"))
    (mine,) = data["relawan_ronda"]
    assert mine["desa"].startswith("Kronto") and mine["status"] == "diterima"
    assert mine["diputuskan"] is not None
    assert str(kurnia["id"]).encode() not in upload.content and b"Kurnia" not in upload.content

    # Kurnia deletes her data: the offer she decided stays Andi's, unlinked from her.
    await bot.command(kurnia, "/privasi")
    await bot.press(kurnia, last(bot, kurnia["id"]), "pv:del")
    await bot.press(
        kurnia, last(bot, kurnia["id"]), buttons(last(bot, kurnia["id"]))["🗑 Ya, hapus data saya"]
    )
    row = await offer(bot, andi["id"], world.kronto)
    assert row is not None and row.decided_by is None and row.status is VolunteerStatus.ACCEPTED
    # Andi deletes his: the offer goes.
    await bot.command(andi, "/privasi")
    await bot.press(andi, last(bot, andi["id"]), "pv:del")
    await bot.press(
        andi, last(bot, andi["id"]), buttons(last(bot, andi["id"]))["🗑 Ya, hapus data saya"]
    )
    assert "Data Anda sudah dihapus" in text_of(last(bot, andi["id"]))
    assert await offer(bot, andi["id"], world.kronto) is None
