"""Admin area tools, group links and duty chats through the real bot: who may, and what changes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from storage import areas as q
from storage.models import Area
from storage.models import AuditEntry
from storage.models import GroupLink
from storage.models import NeighbourLink
from storage.models import Polsek
from tests.harness import BotHarness
from tests.harness import Fault
from tests.helpers import ADMIN_ID
from tests.helpers import desa
from tests.helpers import kecamatan

JSON = dict[str, Any]


async def snapshot(bot: BotHarness) -> list[Any]:
    """Everything the admin tools can change, to compare before and after."""

    def read(session: Any) -> list[Any]:
        return [
            sorted((a.id, a.name, a.polsek_id) for a in session.exec(select(Area)).all()),
            session.exec(select(NeighbourLink)).all(),
            session.exec(select(Polsek)).all(),
            session.exec(select(GroupLink)).all(),
        ]

    return await bot.services.db.run(read)


async def audited(bot: BotHarness) -> list[str]:
    """The actions in the audit log, oldest first."""
    return await bot.services.db.run(
        lambda session: [
            entry.action for entry in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        ]
    )


def admin(bot: BotHarness) -> JSON:
    return bot.updates.user(id=ADMIN_ID, first_name="Admin")


PRIVILEGED = [
    "/wilayah",
    "/wilayah Kronto",
    "/tambahdesa Lumbang; Desa Baru",
    "/ubahnama Kronto; Krontoh",
    "/tetangga Kronto; Ngembal",
    "/bukantetangga Kronto; Pancur",
    "/polsek Polsek Lumbang; Lumbang",
    "/polsek",
]


@pytest.mark.parametrize("command", PRIVILEGED)
async def test_residents_are_refused_admin_tools_and_nothing_changes(
    area_bot: BotHarness, command: str
) -> None:
    bot = area_bot
    user = bot.updates.user()
    before = await snapshot(bot)
    await bot.command(user, command)
    assert bot.fake.texts(user["id"])[-1] == "Maaf, perintah ini hanya untuk admin Kamtibmas Bot."
    assert await snapshot(bot) == before


@pytest.mark.parametrize("command", ["/hubungkan Kronto", "/putuskan", "/piket Polsek Lumbang"])
async def test_group_tools_need_a_group_admin_who_is_a_bot_admin(
    area_bot: BotHarness, command: str
) -> None:
    bot = area_bot
    group = bot.updates.group(title="Warga Kronto")
    member, group_admin = bot.updates.user(), bot.updates.user()
    boss = admin(bot)
    bot.fake.set_chat_admins(group["id"], [group_admin["id"]], creator_id=None)
    await bot.services.subscriptions.link_group(
        group["id"], desa(bot, "Pancur").id, title="x", actor_id=1
    )
    before = await snapshot(bot)
    # A plain member, a group admin without a bot role, and a bot admin who is not a group admin.
    for who in (member, group_admin, boss):
        await bot.command(who, command, chat=group)
        assert (
            "hanya admin grup ini yang juga pengurus terverifikasi"
            in (bot.fake.texts(group["id"])[-1])
        )
    assert await snapshot(bot) == before
    # In a private chat the command explains where it belongs.
    await bot.command(boss, command)
    assert bot.fake.texts(boss["id"])[-1] == "Perintah ini dipakai di dalam grup yang ingin diatur."


NO_ACCESS = (
    "Kami belum bisa memeriksa apakah Anda admin grup ini: pastikan bot sudah ditambahkan ke "
    "grup ini, lalu coba lagi."
)
NO_ANSWER = (
    "Kami belum bisa memeriksa apakah Anda admin grup ini karena ada gangguan sambungan ke "
    "Telegram. Silakan coba lagi sebentar lagi."
)


@pytest.mark.parametrize("command", ["/hubungkan Kronto", "/piket Polsek Lumbang"])
async def test_a_group_admin_check_that_fails_is_not_told_as_a_refusal(
    area_bot: BotHarness, command: str
) -> None:
    bot = area_bot
    group = bot.updates.group(title="Warga Kronto")
    boss = admin(bot)
    bot.fake.set_chat_admins(group["id"], [boss["id"]])
    await bot.command(boss, "/polsek Polsek Lumbang; Lumbang")
    before = await snapshot(bot)
    faults = {
        NO_ACCESS: [
            Fault.chat_not_found(),
            Fault.blocked("bot is not a member of the supergroup chat"),
            Fault.blocked("bot was kicked from the group chat"),
        ],
        # Made again by the fast lane (bot/ptb/ratelimiter.py): every attempt fails.
        NO_ANSWER: [Fault.network_error(), Fault.timeout(), Fault.server_error()],
    }
    for expected, kinds in faults.items():
        for fault in kinds:
            bot.fake.inject(fault, method="getChatMember", chat_id=group["id"], times=3)
            await bot.command(boss, command, chat=group)
            assert bot.fake.texts(group["id"])[-1] == expected, fault
            bot.fake.clear_faults()
    assert await snapshot(bot) == before
    # A check that answers "no" is still the refusal ...
    bot.fake.set_chat_admins(group["id"], [], creator_id=None)
    await bot.command(boss, command, chat=group)
    assert "Maaf, hanya admin grup ini yang juga pengurus" in bot.fake.texts(group["id"])[-1]
    assert await snapshot(bot) == before
    # ... and someone without a bot role is refused as before even when the check fails.
    member = bot.updates.user()
    bot.fake.inject(Fault.chat_not_found(), method="getChatMember", chat_id=group["id"])
    await bot.command(member, command, chat=group)
    assert "Maaf, hanya admin grup ini yang juga pengurus" in bot.fake.texts(group["id"])[-1]
    # Once the check works the admin's command goes through.
    bot.fake.clear_faults()
    bot.fake.set_chat_admins(group["id"], [boss["id"]])
    await bot.command(boss, command, chat=group)
    assert bot.fake.texts(group["id"])[-1].startswith("✅")
    assert await snapshot(bot) != before


async def test_a_group_is_linked_and_unlinked_by_its_admin(area_bot: BotHarness) -> None:
    bot = area_bot
    group = bot.updates.group(title="Warga Kronto")
    boss = admin(bot)
    bot.fake.set_chat_admins(group["id"], [boss["id"]])
    kronto = desa(bot, "Kronto")

    await bot.command(boss, "/hubungkan", chat=group)
    assert bot.fake.texts(group["id"])[-1].startswith("Cara pakai: /hubungkan nama desa")
    await bot.command(boss, "/hubungkan Karang Jati", chat=group)
    ambiguous = bot.fake.texts(group["id"])[-1]
    assert (
        "cocok dengan beberapa wilayah" in ambiguous and "Karang Jati (Kec. Pandaan)" in ambiguous
    )
    await bot.command(boss, "/hubungkan kronto", chat=group)
    assert "Grup ini terhubung dengan Kronto (Kec. Lumbang)" in bot.fake.texts(group["id"])[-1]
    await bot.command(boss, "/hubungkan Kronto", chat=group)
    assert (
        bot.fake.texts(group["id"])[-1] == "Grup ini sudah terhubung dengan Kronto (Kec. Lumbang)."
    )
    _, groups = await bot.services.subscriptions.audience([kronto.id])
    assert groups == {group["id"]}

    await bot.command(boss, "/putuskan", chat=group)
    assert bot.fake.texts(group["id"])[-1] == (
        "Grup ini tidak lagi terhubung dengan: Kronto (Kec. Lumbang)."
    )
    assert await bot.services.subscriptions.audience([kronto.id]) == (set(), set())
    await bot.command(boss, "/putuskan", chat=group)
    assert bot.fake.texts(group["id"])[-1] == "Grup ini belum terhubung dengan wilayah mana pun."
    assert await audited(bot) == ["group.link", "group.unlink"]


async def test_polsek_coverage_and_duty_chat(area_bot: BotHarness) -> None:
    bot = area_bot
    boss = admin(bot)
    duty = bot.updates.group(title="Piket Polsek Lumbang")
    bot.fake.set_chat_admins(duty["id"], [], creator_id=boss["id"])

    await bot.command(boss, "/piket Polsek Lumbang", chat=duty)
    assert "Polsek “Polsek Lumbang” belum terdaftar" in bot.fake.texts(duty["id"])[-1]

    await bot.command(boss, "/polsek Polsek Lumbang; Lumbang, Pasrepan")
    assert bot.fake.texts(boss["id"])[-1] == "✅ Polsek Lumbang mencakup: Lumbang, Pasrepan."
    await bot.command(boss, "/piket polsek lumbang", chat=duty)
    assert "sekarang grup piket Polsek Lumbang" in bot.fake.texts(duty["id"])[-1]

    polsek = await bot.services.areas.polsek_for(desa(bot, "Kronto").id)
    assert polsek.name == "Polsek Lumbang" and polsek.duty_chat_id == duty["id"]
    assert await bot.services.areas.polsek_for(desa(bot, "Karang Jati", "Pandaan").id) is None

    await bot.command(boss, "/polsek")
    assert f"• Polsek Lumbang — grup piket: {duty['id']}" in bot.fake.texts(boss["id"])[-1]
    await bot.command(boss, "/wilayah")
    overview = bot.fake.texts(boss["id"])[-1]
    assert overview.startswith("🗺 Kabupaten Pasuruan")
    assert f"#{kecamatan(bot, 'Lumbang').id} Lumbang · 12 desa · Polsek Lumbang" in overview

    await bot.command(boss, "/polsek Polsek Lumbang")
    assert bot.fake.texts(boss["id"])[-1].startswith("Cara pakai: /polsek")


async def test_neighbours_default_to_the_kecamatan_and_admins_change_them(
    area_bot: BotHarness,
) -> None:
    bot = area_bot
    boss = admin(bot)
    kronto, pancur = desa(bot, "Kronto"), desa(bot, "Pancur")
    ngembal = desa(bot, "Ngembal", "Tutur")
    names = [e.name for e in await bot.services.areas.neighbours(kronto.id)]
    assert len(names) == 11 and "Pancur" in names and "Kronto" not in names

    await bot.command(boss, "/tetangga Kronto; Ngembal")
    assert bot.fake.texts(boss["id"])[-1] == "✅ Kronto dan Ngembal sekarang bertetangga."
    await bot.command(boss, "/bukantetangga Kronto; Pancur")
    await bot.command(boss, "/bukantetangga Kronto; Pancur")
    assert bot.fake.texts(boss["id"])[-1] == "Kronto dan Pancur memang tidak bertetangga."
    neighbours = {e.id for e in await bot.services.areas.neighbours(kronto.id)}
    assert ngembal.id in neighbours and pancur.id not in neighbours
    # The relation goes both ways.
    assert kronto.id in {e.id for e in await bot.services.areas.neighbours(ngembal.id)}
    assert kronto.id not in {e.id for e in await bot.services.areas.neighbours(pancur.id)}

    # Back to the default: the override row goes away.
    await bot.command(boss, "/tetangga Kronto; Pancur")
    links = await bot.services.db.run(lambda s: s.exec(select(NeighbourLink)).all())
    assert [(link.linked) for link in links] == [True]  # only Kronto–Ngembal remains

    await bot.command(boss, "/tetangga Kronto; Kronto")
    assert "tidak bisa bertetangga dengan dirinya sendiri" in bot.fake.texts(boss["id"])[-1]
    await bot.command(boss, "/tetangga Kronto; Lumbang")  # desa Lumbang, not the kecamatan
    assert bot.fake.texts(boss["id"])[-1] == "Kronto dan Lumbang memang sudah bertetangga."
    await bot.command(boss, "/wilayah Kronto")
    details = bot.fake.texts(boss["id"])[-1]
    assert "Kronto (Kec. Lumbang) (desa)" in details and "Ngembal" in details


async def test_ambiguous_names_are_answered_with_ids(area_bot: BotHarness) -> None:
    bot = area_bot
    boss = admin(bot)
    await bot.command(boss, "/tetangga Kronto; Wonorejo")
    answer = bot.fake.texts(boss["id"])[-1]
    assert "“Wonorejo” cocok dengan beberapa wilayah" in answer
    wonorejo = desa(bot, "Wonorejo", "Wonorejo")
    assert f"#{wonorejo.id} Wonorejo (Kec. Wonorejo)" in answer
    await bot.command(boss, f"/tetangga Kronto; #{wonorejo.id}")
    assert bot.fake.texts(boss["id"])[-1] == "✅ Kronto dan Wonorejo sekarang bertetangga."
    await bot.command(boss, "/tetangga Kronto; Atlantis")
    assert bot.fake.texts(boss["id"])[-1] == "Wilayah “Atlantis” tidak ditemukan. Periksa ejaannya."


async def test_add_and_rename_a_desa(area_bot: BotHarness) -> None:
    bot = area_bot
    boss = admin(bot)
    await bot.command(boss, "/tambahdesa Lumbang; Sumber Baru; 6718")
    assert bot.fake.texts(boss["id"])[-1] == "Kode pos harus 5 angka, misalnya 67183."
    await bot.command(boss, "/tambahdesa Lumbang; Sumber Baru; 67183")
    assert bot.fake.texts(boss["id"])[-1].startswith(
        "✅ Desa Sumber Baru (Kec. Lumbang) ditambahkan"
    )
    await bot.command(boss, "/tambahdesa Lumbang; sumber-baru")
    assert "Sudah ada wilayah bernama Sumber Baru" in bot.fake.texts(boss["id"])[-1]
    new = desa(bot, "Sumber Baru")
    assert new.id in {e.id for e in await bot.services.areas.neighbours(desa(bot, "Kronto").id)}
    # The index knows it at once: residents can find it.
    assert bot.services.areas.resolve("sbr baru", [new.level]) == new

    await bot.command(boss, "/ubahnama Sumber Baru; Sumberbaru Asri")
    assert bot.fake.texts(boss["id"])[-1] == "✅ Sumber Baru sekarang bernama Sumberbaru Asri."
    assert bot.services.areas.get(new.id).name == "Sumberbaru Asri"
    await bot.command(boss, "/ubahnama Sumberbaru Asri; krg jati")  # a neighbour's name
    assert "Sudah ada wilayah bernama Karang Jati" in bot.fake.texts(boss["id"])[-1]
    await bot.command(boss, "/ubahnama Sumberbaru Asri; 🙂")
    assert "Nama harus berisi huruf atau angka" in bot.fake.texts(boss["id"])[-1]
    await bot.command(boss, "/ubahnama Sumberbaru Asri")
    assert bot.fake.texts(boss["id"])[-1].startswith("Cara pakai: /ubahnama")
    row = await bot.services.db.run(q.get_area, new.id)
    assert row.name == "Sumberbaru Asri" and row.postal_code == "67183"
    assert await audited(bot) == ["area.add", "area.rename"]


async def test_admin_tools_are_for_private_chats(area_bot: BotHarness) -> None:
    bot = area_bot
    boss = admin(bot)
    group = bot.updates.group()
    before = await snapshot(bot)
    await bot.command(boss, "/tetangga Kronto; Ngembal", chat=group)
    assert bot.fake.texts(group["id"])[-1] == (
        "Perintah ini dipakai di chat pribadi dengan bot, bukan di grup."
    )
    assert await snapshot(bot) == before
