"""Roles through the real bot: invitations by link and code, grants and revocations, scoped
checks, command menus per role, organisations and the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import select

from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from storage.models import AuditEntry
from storage.models import Division
from storage.models import Invite
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import utcnow
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import wait_until

JSON = dict[str, Any]
CODE = re.compile(r"start=inv_([A-Z0-9]{8})")


@pytest.fixture
async def lumbang_bot(area_bot: BotHarness) -> AsyncIterator[BotHarness]:
    """The bot with Pasuruan's areas and Polsek Lumbang covering Kec. Lumbang."""
    lumbang = kecamatan(area_bot, "Lumbang")
    await area_bot.services.areas.set_polsek_coverage(
        "Polsek Lumbang", [lumbang.id], actor_label="test"
    )
    yield area_bot


def admin(bot: BotHarness) -> JSON:
    return bot.updates.user(id=ADMIN_ID, first_name="Admin")


async def polsek_id(bot: BotHarness) -> int:
    rows = await bot.services.areas.polsek_list()
    return next(row.id for row in rows if row.name == "Polsek Lumbang")


async def grant(bot: BotHarness, user: JSON, spec: RoleSpec) -> None:
    await bot.services.roles.grant(user["id"], spec, actor_label="test")


async def officer(bot: BotHarness, **names: Any) -> JSON:
    """A police officer of Polsek Lumbang who has talked to the bot."""
    user = bot.updates.user(**names)
    await grant(bot, user, RoleSpec(Role.POLISI, Scope(polsek_id=await polsek_id(bot))))
    await bot.command(user, "/bantuan")
    return user


async def holdings(bot: BotHarness, user: JSON) -> list[tuple[Role, str]]:
    return [(h.role, h.scope.key) for h in await bot.services.roles.holdings(user["id"])]


async def actions(bot: BotHarness) -> list[str]:
    def read(session: Any) -> list[str]:
        return [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]

    return await bot.services.db.run(read)


def last_text(bot: BotHarness, chat_id: int) -> str:
    """The bot's latest message in the chat as it reads now (after any edits)."""
    message = bot.fake.last_message(chat_id) or {}
    return str(message.get("text", message.get("caption", "")))


def private_menu(bot: BotHarness, user: JSON) -> list[str]:
    scope = {"type": "chat", "chat_id": user["id"]}
    return [c["command"] for c in bot.fake.commands_for("", scope)]


async def invite_code(bot: BotHarness, inviter: JSON, command: str) -> str:
    await bot.command(inviter, command)
    raw = bot.fake.raw_text(inviter["id"], bot.fake.last_message(inviter["id"])["message_id"])
    match = CODE.search(raw or "")
    assert match, last_text(bot, inviter["id"])
    return match.group(1)


async def test_an_admin_invites_an_officer_who_accepts_by_link(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/undang polisi; Polsek Lumbang")
    created = last_text(bot, boss["id"])
    assert "Undangan dibuat: Polisi · Polsek Lumbang" in created
    assert f"https://t.me/{bot.app.bot.username}?start=inv_" in created
    assert "Sekali pakai" in created
    code = CODE.search(created).group(1)

    newcomer = bot.updates.user(first_name="Siti", last_name="Aminah")
    await bot.command(newcomer, f"/start inv_{code}")
    offer = bot.fake.last_message(newcomer["id"])
    assert "Anda diundang menjadi Polisi · Polsek Lumbang" in offer["text"]
    assert "Diundang oleh: Admin" in offer["text"]
    assert "tidak pernah meminta NIK" in offer["text"]
    # The invite link did not start the resident onboarding (no desa question).
    assert not any("desa" in text.lower() for text in bot.fake.texts(newcomer["id"])[:-1])
    assert await holdings(bot, newcomer) == []  # nothing until they accept

    await bot.press(newcomer, offer, buttons(offer)["✅ Terima"])
    accepted = last_text(bot, newcomer["id"])
    assert "Selamat, Anda sekarang Polisi · Polsek Lumbang" in accepted
    assert "ketik /start untuk memilihnya" in accepted  # they skipped the onboarding
    await bot.command(newcomer, "/start")
    assert "desa" in last_text(bot, newcomer["id"]).lower()
    assert await holdings(bot, newcomer) == [(Role.POLISI, f"polsek:{await polsek_id(bot)}")]
    # Their menu now has the officer's commands, not the admin's.
    menu = private_menu(bot, newcomer)
    assert "undang" in menu and "beriperan" not in menu and "audit" not in menu
    # The inviter hears of it (through the delivery engine).
    await wait_until(
        lambda: any("Siti Aminah menerima undangan Anda" in x for x in bot.fake.texts(ADMIN_ID)),
        "the inviter is told",
    )
    assert {"invite.create", "role.grant", "invite.redeem"} <= set(await actions(bot))

    # The same link again, by someone else: used, nothing changes.
    other = bot.updates.user()
    await bot.command(other, f"/start inv_{code}")
    assert "sudah dipakai" in last_text(bot, other["id"])
    assert await holdings(bot, other) == []
    # And a double tap on the old "Terima" changes nothing either.
    await bot.press(newcomer, offer, buttons(offer)["✅ Terima"])
    assert await holdings(bot, newcomer) == [(Role.POLISI, f"polsek:{await polsek_id(bot)}")]


async def test_short_codes_and_bad_codes(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    code = await invite_code(bot, boss, "/undang tokoh; Kronto")
    person = bot.updates.user()
    typed = f"{code[:4].lower()} - {code[4:].lower()}"  # read over the phone, typed loosely
    await bot.command(person, f"/kode {typed}")
    offer = bot.fake.last_message(person["id"])
    assert "Tokoh masyarakat · Kronto (Kec. Lumbang)" in offer["text"]
    await bot.press(person, offer, buttons(offer)["Tolak"])
    assert "tidak diterima" in last_text(bot, person["id"])
    assert await holdings(bot, person) == []

    await bot.command(person, "/kode")
    assert last_text(bot, person["id"]).startswith("Cara pakai: /kode")
    await bot.command(person, "/kode ZZZZ-ZZZZ")
    assert "tidak dikenal" in last_text(bot, person["id"])

    # An expired code.
    expired = await invite_code(bot, boss, "/undang tokoh; Pancur")

    def expire(session: Any) -> None:
        for invite in session.exec(select(Invite)):
            if invite.code_hint == expired[-4:]:
                invite.expires_at = utcnow() - dt.timedelta(minutes=1)
                session.add(invite)

    await bot.services.db.run(expire)
    await bot.command(person, f"/kode {expired}")
    assert "kedaluwarsa" in last_text(bot, person["id"])

    # A cancelled one (cancelled with its button).
    cancelled = await invite_code(bot, boss, "/undang tokoh; Ngembal")
    created = bot.fake.last_message(boss["id"])
    await bot.press(boss, created, buttons(created)["🗑 Batalkan undangan"])
    assert "Undangan dibatalkan" in last_text(bot, boss["id"])
    await bot.command(person, f"/kode {cancelled}")
    assert "sudah dibatalkan" in last_text(bot, person["id"])

    # In a group, a code is refused (and not looked at).
    group = bot.updates.group()
    await bot.command(person, f"/kode {code}", chat=group)
    assert "chat pribadi" in last_text(bot, group["id"])

    # Guessing is limited: after five wrong codes even a right one waits.
    guesser = bot.updates.user()
    for _ in range(5):
        await bot.command(guesser, "/kode ABCD-EFGH")
    await bot.command(guesser, f"/kode {code}")
    assert "Terlalu banyak kode yang salah" in last_text(bot, guesser["id"])
    assert await holdings(bot, guesser) == []


async def test_the_guided_invite_asks_with_buttons_and_batal_leaves(
    lumbang_bot: BotHarness,
) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    assert choice["text"] == "Undangan untuk peran apa?"
    await bot.press(boss, choice, buttons(choice)["Pemuda (Patroli, koordinator)"])
    assert "Ketik nama desa atau kecamatannya" in last_text(bot, boss["id"])
    await bot.say(boss, "kronto")
    created = last_text(bot, boss["id"])
    assert "Pemuda (Patroli, koordinator) · Kronto (Kec. Lumbang)" in created
    assert "Organisasi: Karang Taruna Desa Kronto" in created

    # A police invite offers the Polsek as buttons; /batal leaves without an invite.
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    await bot.press(boss, choice, buttons(choice)["Polisi"])
    asked = bot.fake.last_message(boss["id"])
    assert "Polsek Lumbang" in buttons(asked)
    await bot.command(boss, "/batal")
    assert last_text(bot, boss["id"]).startswith("Dibatalkan")
    invites = await bot.services.roles.open_invites()
    assert [i.spec.role for i in invites] == [Role.PEMUDA]
    # The Polsek button of the abandoned question no longer makes an invite.
    await bot.press(boss, asked, buttons(asked)["Polsek Lumbang"])
    assert len(await bot.services.roles.open_invites()) == 1

    # Bad input inside the question.
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    await bot.press(boss, choice, buttons(choice)["MUI"])
    await bot.process(bot.updates.sticker(boss))
    assert last_text(bot, boss["id"]) == "Ketik nama desa atau kecamatan, atau /batal."
    await bot.say(boss, "Kronto")  # MUI is held for a kecamatan, not a desa
    assert "tidak ditemukan" in last_text(bot, boss["id"])
    await bot.say(boss, "Lumbang")
    assert "MUI · Kec. Lumbang" in last_text(bot, boss["id"])
    assert "Organisasi: MUI Kec. Lumbang" in last_text(bot, boss["id"])


@pytest.mark.parametrize(
    "command",
    [
        "/undang",
        "/undang polisi",
        "/undang pemuda; Kronto; selamanya",
        "/undang kapten; Kronto",
        "/undang tokoh; Kronto; 90 hari",
        "/undang pemuda; Kronto",
        "/undang forkopimcam; Kronto",
    ],
)
async def test_invite_input_mistakes_are_explained(lumbang_bot: BotHarness, command: str) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, command)
    answer = last_text(bot, boss["id"])
    expected = {
        "/undang": "Undangan untuk peran apa?",
        "/undang polisi": "Cara pakai: /undang",
        "/undang pemuda; Kronto; selamanya": "Cara pakai: /undang",
        "/undang kapten; Kronto": "Cara pakai: /undang",
        "/undang tokoh; Kronto; 90 hari": "antara 5 menit dan 30 hari",
        "/undang pemuda; Kronto": "sebutkan divisinya",
        "/undang forkopimcam; Kronto": "tidak ditemukan",
    }[command]
    assert expected in answer
    assert await bot.services.roles.open_invites() == []


async def test_an_officer_invites_only_within_their_polsek(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    cop = await officer(bot, first_name="Bripka", last_name="Joko")
    code = await invite_code(bot, cop, "/undang pemuda patroli; Kronto")
    assert code
    outside = desa(bot, "Karang Jati", "Pandaan")
    for command in (f"/undang tokoh; #{outside.id}", "/undang admin"):
        await bot.command(cop, command)
        assert "hanya bisa mengundang untuk wilayah Polsek Anda" in last_text(bot, cop["id"])
    assert len(await bot.services.roles.open_invites()) == 1
    assert (await actions(bot)).count("auth.denied") == 2
    # /undangan shows the officer their own invite, with a button to cancel it.
    await bot.command(cop, "/undangan")
    listed = bot.fake.last_message(cop["id"])
    assert "Pemuda (Patroli) · Kronto (Kec. Lumbang) — oleh Bripka Joko" in listed["text"]

    # A desa's Bhabinkamtibmas is an officer too, but invites go through the Polsek.
    bhabin = bot.updates.user()
    await grant(bot, bhabin, RoleSpec(Role.POLISI, Scope(area_id=desa(bot, "Kronto").id)))
    await bot.command(bhabin, "/undang tokoh; Kronto")
    assert "hanya untuk pengurus terverifikasi" in last_text(bot, bhabin["id"])


async def test_a_revoked_officers_invites_and_buttons_stop_working(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    cop = await officer(bot)
    code = await invite_code(bot, cop, "/undang tokoh; Kronto")
    created = bot.fake.last_message(cop["id"])
    await bot.services.roles.revoke(cop["id"], Role.POLISI, Scope(polsek_id=await polsek_id(bot)))
    # Their old "cancel" button is refused, and changes nothing.
    await bot.press(cop, created, buttons(created)["🗑 Batalkan undangan"])
    alert = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert alert["text"] == "Maaf, Anda tidak (lagi) berwenang memakai tombol ini."
    assert alert["show_alert"] is True
    assert len(await bot.services.roles.open_invites()) == 1
    # Their open invite no longer gives anyone a role: not when opened...
    person = bot.updates.user()
    await bot.command(person, f"/kode {code}")
    assert "pembuatnya tidak lagi berwenang" in last_text(bot, person["id"])
    # ...nor with an offer shown before the revocation.
    other = await officer(bot)
    code = await invite_code(bot, other, "/undang tokoh; Pancur")
    await bot.command(person, f"/kode {code}")
    offer = bot.fake.last_message(person["id"])
    await bot.services.roles.revoke(other["id"], Role.POLISI, Scope(polsek_id=await polsek_id(bot)))
    await bot.press(person, offer, buttons(offer)["✅ Terima"])
    assert "pembuatnya tidak lagi berwenang" in last_text(bot, person["id"])
    assert await holdings(bot, person) == []


async def test_refusals_are_audited_but_cannot_flood_the_log(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    resident = bot.updates.user()
    for _ in range(15):
        await bot.command(resident, "/peran")
        assert last_text(bot, resident["id"]) == (
            "Maaf, perintah ini hanya untuk admin Kamtibmas Bot."
        )
    assert (await actions(bot)).count("auth.denied") == 10  # at most 10 a minute per person


async def test_admins_grant_and_revoke_by_command_and_menus_follow(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    budi = bot.updates.user(first_name="Budi", username="budi_lmb")
    await bot.command(budi, "/start")
    assert "undang" not in private_menu(bot, budi)

    await bot.command(boss, "/beriperan @BUDI_lmb; pemuda sosialisasi; Kronto")
    assert last_text(bot, boss["id"]) == (
        "✅ Budi (@budi_lmb) sekarang Pemuda (Sosialisasi) · Kronto (Kec. Lumbang)."
    )
    await wait_until(
        lambda: any("Anda sekarang Pemuda (Sosialisasi)" in x for x in bot.fake.texts(budi["id"])),
        "budi is told",
    )
    await bot.command(boss, "/beriperan @budi_lmb; pemuda sosialisasi koordinator; Kronto")
    assert "Peran Budi (@budi_lmb) diperbarui" in last_text(bot, boss["id"])
    await bot.command(boss, "/beriperan @budi_lmb; pemuda sosialisasi koordinator; Kronto")
    assert "Tidak ada yang berubah" in last_text(bot, boss["id"])
    # A koordinator may link groups, so the group tools appear in their help.
    await bot.command(budi, "/bantuan")
    assert "/hubungkan" in last_text(bot, budi["id"])
    await bot.command(boss, f"/beriperan {budi['id']}; polisi; Polsek Lumbang")
    assert "undang" in private_menu(bot, budi)

    await bot.command(boss, "/peran")
    listed = last_text(bot, boss["id"])
    assert "Budi (@budi_lmb)" in listed and "Polisi · Polsek Lumbang" in listed
    await bot.command(boss, "/peran Kronto")
    assert "Pemuda (Sosialisasi, koordinator) · Kronto" in last_text(bot, boss["id"])

    await bot.command(boss, "/cabutperan @budi_lmb")
    pick = bot.fake.last_message(boss["id"])
    assert set(buttons(pick)) == {
        "🗑 Pemuda (Sosialisasi, koordinator) · Kronto (Kec. Lumbang)",
        "🗑 Polisi · Polsek Lumbang",
    }
    await bot.press(boss, pick, buttons(pick)["🗑 Polisi · Polsek Lumbang"])
    assert (
        last_text(bot, boss["id"]) == "Peran Polisi · Polsek Lumbang dicabut dari Budi (@budi_lmb)."
    )
    assert "undang" not in private_menu(bot, budi)
    await wait_until(
        lambda: any("telah dicabut" in x for x in bot.fake.texts(budi["id"])), "budi is told"
    )
    # Pressing the same button again: already gone, nothing changes.
    await bot.press(boss, pick, buttons(pick)["🗑 Polisi · Polsek Lumbang"])
    assert "sudah dicabut sebelumnya" in last_text(bot, boss["id"])
    await bot.command(boss, "/cabutperan @budi_lmb; pemuda; Kronto")
    assert last_text(bot, boss["id"]).startswith("Peran Pemuda (Sosialisasi, koordinator)")
    assert await holdings(bot, budi) == []
    assert (await actions(bot)).count("role.revoke") == 2

    for command, expected in [
        ("/beriperan", "Cara pakai: /beriperan"),
        ("/beriperan @nobody; tokoh; Kronto", "Pengguna “@nobody” tidak dikenal"),
        ("/beriperan @budi_lmb; mui; Kronto", "tidak ditemukan"),  # MUI: kecamatan level
        ("/beriperan @budi_lmb; tokoh", "Cara pakai: /beriperan"),
        ("/cabutperan @budi_lmb", "tidak memegang peran apa pun"),
        ("/cabutperan @budi_lmb; tokoh; Kronto", "tidak memegang peran itu"),
    ]:
        await bot.command(boss, command)
        assert expected in last_text(bot, boss["id"]), command
    assert await holdings(bot, budi) == []


async def test_a_polisi_for_a_desa_without_polsek_is_refused_clearly(
    lumbang_bot: BotHarness,
) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    other = desa(bot, "Karang Jati", "Pandaan")
    await bot.command(boss, f"/undang polisi; #{other.id}")
    assert "belum masuk wilayah Polsek mana pun" in last_text(bot, boss["id"])
    assert await bot.services.roles.open_invites() == []


async def test_verified_group_admins_link_groups_only_in_their_area(
    lumbang_bot: BotHarness,
) -> None:
    bot = lumbang_bot
    leader = bot.updates.user(first_name="Kyai")
    await grant(bot, leader, RoleSpec(Role.TOKOH, Scope(area_id=desa(bot, "Kronto").id)))
    group = bot.updates.group(title="Warga Kronto")
    bot.fake.set_chat_admins(group["id"], [leader["id"]])

    await bot.command(leader, "/hubungkan Pancur", chat=group)
    assert last_text(bot, group["id"]) == (
        "Maaf, Pancur (Kec. Lumbang) di luar wilayah tugas Anda. Tidak ada yang diubah."
    )
    assert await bot.services.subscriptions.group_areas(group["id"]) == []
    await bot.command(leader, "/hubungkan Kronto", chat=group)
    assert "terhubung dengan Kronto" in last_text(bot, group["id"])

    # A Polsek officer who is admin of the duty group makes it the duty chat.
    cop = await officer(bot)
    duty = bot.updates.group(title="Piket Polsek Lumbang")
    bot.fake.set_chat_admins(duty["id"], [cop["id"]])
    await bot.command(cop, "/piket Polsek Atlantis", chat=duty)
    assert "Atlantis" in last_text(bot, duty["id"])
    # Typed loosely, the name still finds the one Polsek that is checked and changed.
    await bot.command(cop, "/piket polsek   LUMBANG", chat=duty)
    assert "Polsek Lumbang" in last_text(bot, duty["id"])
    rows = await bot.services.areas.polsek_list()
    assert next(r for r in rows if r.name == "Polsek Lumbang").duty_chat_id == duty["id"]
    # ...but not another Polsek's.
    pandaan = kecamatan(bot, "Pandaan")
    await bot.services.areas.set_polsek_coverage("Polsek Pandaan", [pandaan.id], actor_label="test")
    for typed in ("/piket Polsek Pandaan", "/piket pandaan", "/piket POLSEK  pandaan"):
        await bot.command(cop, typed, chat=duty)
        assert "di luar wilayah tugas Anda" in last_text(bot, duty["id"]), typed
    rows = await bot.services.areas.polsek_list()
    assert next(r for r in rows if r.name == "Polsek Pandaan").duty_chat_id is None


async def test_organisations_are_named_and_renamed(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/organisasi")
    assert "Belum ada organisasi" in last_text(bot, boss["id"])
    person = bot.updates.user()
    await grant(
        bot, person, RoleSpec(Role.ROIS_SYURIAH, Scope(area_id=kecamatan(bot, "Lumbang").id))
    )
    await grant(
        bot, person, RoleSpec(Role.FORKOPIMCAM, Scope(area_id=kecamatan(bot, "Lumbang").id))
    )
    await grant(
        bot,
        person,
        RoleSpec(Role.PEMUDA, Scope(area_id=desa(bot, "Pancur").id), Division.PATROLI),
    )
    await bot.command(boss, "/organisasi")
    listed = last_text(bot, boss["id"])
    assert "Rois Syuriah MWC NU Lumbang — imbauan perlu persetujuan Polsek" in listed
    assert "Forkopimcam Lumbang" in listed and "Karang Taruna Desa Pancur" in listed
    organisations = await bot.services.roles.organisations()
    rois = next(o for o in organisations if o.name.startswith("Rois"))
    await bot.command(boss, f"/organisasi #{rois.id}; Rois Syuriah MWC NU Kec. Lumbang")
    assert (
        last_text(bot, boss["id"]) == "Nama organisasi sekarang: Rois Syuriah MWC NU Kec. Lumbang."
    )
    await bot.command(boss, f"/organisasi #{rois.id}; persetujuan tidak")
    assert "sekarang langsung terkirim" in last_text(bot, boss["id"])
    held = await bot.services.roles.holdings(person["id"])
    assert "Rois Syuriah MWC NU Kec. Lumbang" in {h.organisation for h in held}
    for command in ("/organisasi #999999; Nama", "/organisasi x", f"/organisasi #{rois.id}; A"):
        await bot.command(boss, command)
        assert last_text(bot, boss["id"]).startswith(
            ("Organisasi itu tidak ada", "Cara pakai", "Nama organisasi 2")
        ), command


async def test_the_audit_log_in_the_chat_and_as_csv(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/undang tokoh; Kronto")
    resident = bot.updates.user()
    await bot.command(resident, "/audit")  # refused, and that is audited too
    await bot.command(boss, "/audit")
    shown = last_text(bot, boss["id"])
    assert "Catatan audit" in shown and "invite.create" in shown and "auth.denied" in shown
    await bot.command(boss, "/audit invite")
    assert "auth.denied" not in last_text(bot, boss["id"])
    await bot.command(boss, f"/audit {resident['id']}")
    assert "auth.denied" in last_text(bot, boss["id"])
    assert "invite.create" not in last_text(bot, boss["id"])
    await bot.command(boss, "/audit x y")
    assert last_text(bot, boss["id"]).startswith("Cara pakai: /audit")

    await bot.command(boss, "/audit csv")
    sent = bot.fake.calls_to("sendDocument")[-1]
    upload = sent.files["document"]
    assert upload.filename.startswith("audit-") and upload.filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(upload.content.decode("utf-8"))))
    assert {row["action"] for row in rows} >= {"invite.create", "auth.denied"}
    assert all(row["time"].endswith("+07:00") for row in rows)


async def test_a_second_grant_of_the_same_role_in_another_scope_is_kept_apart(
    lumbang_bot: BotHarness,
) -> None:
    bot = lumbang_bot
    person = bot.updates.user()
    await grant(bot, person, RoleSpec(Role.TOKOH, Scope(area_id=desa(bot, "Pancur").id)))
    await grant(
        bot, person, RoleSpec(Role.PEMUDA, Scope(area_id=desa(bot, "Kronto").id), Division.PATROLI)
    )
    await grant(bot, person, RoleSpec(Role.TOKOH, Scope(area_id=desa(bot, "Kronto").id)))

    def count(session: Any) -> int:
        return len(session.exec(select(RoleAssignment)).all())

    assert await bot.services.db.run(count) == 3


async def test_the_guided_police_invite_asks_for_rank_and_name(lumbang_bot: BotHarness) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    await bot.press(boss, choice, buttons(choice)["Polisi"])
    asked = bot.fake.last_message(boss["id"])
    await bot.press(boss, asked, buttons(asked)["Polsek Lumbang"])
    title_question = bot.fake.last_message(boss["id"])
    assert "Pangkat dan nama petugas" in title_question["text"]
    assert list(buttons(title_question)) == ["➡️ Lewati"]
    await bot.say(boss, "Aiptu " + "Bambang " * 6)  # too long: asked again
    assert "2 sampai 40 karakter" in last_text(bot, boss["id"])
    await bot.say(boss, "Aiptu Bambang S.")
    created = last_text(bot, boss["id"])
    assert "Polisi · Polsek Lumbang" in created and "Pangkat dan nama: Aiptu Bambang S." in created
    (invite,) = await bot.services.roles.open_invites()
    assert invite.title == "Aiptu Bambang S." and invite.spec.scope.polsek_id is not None

    # "Lewati": the invite without one; a desa typed for a Bhabinkamtibmas works the same.
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    await bot.press(boss, choice, buttons(choice)["Polisi"])
    await bot.say(boss, "Kronto")
    skip = bot.fake.last_message(boss["id"])
    await bot.press(boss, skip, buttons(skip)["➡️ Lewati"])
    assert "Polisi · Kronto (Kec. Lumbang)" in last_text(bot, boss["id"])
    assert "Pangkat" not in last_text(bot, boss["id"])
    titles = sorted(str(i.title) for i in await bot.services.roles.open_invites())
    assert titles == ["Aiptu Bambang S.", "None"]


async def test_a_place_name_several_areas_bear_is_asked_once_and_one_tap_answers(
    lumbang_bot: BotHarness,
) -> None:
    bot = lumbang_bot
    boss = admin(bot)
    await bot.command(boss, "/undang")
    choice = bot.fake.last_message(boss["id"])
    await bot.press(boss, choice, buttons(choice)["Tokoh masyarakat"])
    asked_before = len(bot.fake.sent_messages(boss["id"]))
    # "Lumbang" is a desa and the kecamatan it lies in: one short question, not the prompt.
    await bot.say(boss, "lumbang")
    question = bot.fake.last_message(boss["id"])
    assert question["text"] == "Lumbang yang mana?"
    assert len(bot.fake.sent_messages(boss["id"])) == asked_before + 1
    assert list(buttons(question)) == ["Desa Lumbang (Kec. Lumbang)", "Kec. Lumbang"]
    await bot.press(boss, question, buttons(question)["Desa Lumbang (Kec. Lumbang)"])
    created = last_text(bot, boss["id"])
    assert "Tokoh masyarakat · Lumbang (Kec. Lumbang)" in created
    (invite,) = await bot.services.roles.open_invites()
    assert invite.spec.scope.area_id is not None
