"""Advisories (imbauan) through the real bot: composing with preview, targets and scopes,
recipients each chat once, approval by the Polsek, levels, acknowledgements, CAP updates and
cancellations, exercises, residents' mutes and history, scheduling across a restart, and every
bad input the issue names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.commands import menu
from bot.config import Settings
from bot.services.advisories import LEVELS
from bot.services.advisories import AdvisoryError
from bot.services.advisories import Draft
from bot.services.advisories import Target
from bot.services.advisories import parse_when
from bot.services.advisories.callbacks import Acknowledge
from bot.services.advisories.callbacks import Approve
from bot.services.advisories.callbacks import CancelAdvisory
from bot.services.advisories.callbacks import ChooseLevel
from bot.services.advisories.callbacks import ChooseSpeaker
from bot.services.advisories.callbacks import Mute
from bot.services.advisories.callbacks import NoExpiry
from bot.services.advisories.callbacks import PickTarget
from bot.services.advisories.callbacks import PreviewChoice
from bot.services.advisories.callbacks import Reject
from bot.services.advisories.callbacks import RejectReason
from bot.services.advisories.callbacks import UpdateAdvisory
from bot.services.advisories.messages import Messages
from bot.services.authz import Holding
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from bot.texts import TEXTS
from bot.texts import t
from bot.texts import visible_length
from handlers.menus import all_commands
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AreaLevel
from storage.models import AuditEntry
from storage.models import Division
from storage.models import Role
from storage.models import utcnow
from storage.outbox import Counts
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness import parse_html
from tests.helpers import ADMIN_ID
from tests.helpers import buttons
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import wait_until

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))


class World:
    """Polsek Lumbang (duty group), an officer, an MUI member, residents and a linked group."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.fake = bot.fake

    async def setup(self) -> World:
        bot = self.bot
        lumbang = kecamatan(bot, "Lumbang")
        self.polsek = await bot.services.areas.set_polsek_coverage(
            "Polsek Lumbang", [lumbang.id], actor_label="t"
        )
        self.duty = bot.updates.group(title="Piket Polsek Lumbang")
        await bot.services.areas.set_duty_chat("Polsek Lumbang", self.duty["id"], actor_label="t")
        self.officer = await self.person("Bripka", Role.POLISI, polsek=True)
        self.officer2 = await self.person("Aiptu", Role.POLISI, polsek=True)
        self.mui = await self.person("Kyai", Role.MUI, area=lumbang.id)
        self.kronto = await self.resident("Warga Kronto", "Kronto")
        self.pancur = await self.resident("Warga Pancur", "Pancur")
        self.far = await self.resident("Warga Pandaan", "Karang Jati", "Pandaan")
        self.group = bot.updates.group(title="Warga Kronto")
        await bot.services.subscriptions.link_group(
            self.group["id"], desa(bot, "Kronto").id, title="Warga Kronto", actor_id=ADMIN_ID
        )
        return self

    async def person(
        self, name: str, role: Role, *, polsek: bool = False, area: int | None = None, **kw: Any
    ) -> JSON:
        user = self.bot.updates.user(first_name=name)
        scope = Scope(polsek_id=self.polsek.id) if polsek else Scope(area_id=area)
        await self.bot.services.roles.grant(user["id"], RoleSpec(role, scope, **kw))
        await self.bot.command(user, "/bantuan")
        return user

    async def resident(self, name: str, home: str, kec: str = "Lumbang") -> JSON:
        user = self.bot.updates.user(first_name=name)
        await self.bot.command(user, "/bantuan")
        await self.bot.services.subscriptions.set_home(user["id"], desa(self.bot, home, kec).id)
        return user

    def last(self, chat_id: int) -> JSON:
        return self.fake.last_message(chat_id) or {}

    def text(self, chat_id: int) -> str:
        message = self.last(chat_id)
        return str(message.get("text", message.get("caption", "")))

    async def press(self, user: JSONDict, label: str, chat_id: int | None = None) -> None:
        """Press the button labelled `label` on the latest message in the chat that has it."""
        chat = chat_id if chat_id is not None else user["id"]
        for message in reversed(self.fake.sent_messages(chat)):
            current = self.fake.get_message(chat, message["message_id"]) or message
            offered = buttons(current)
            if label in offered:
                await self.bot.press(user, current, offered[label])
                return
        raise AssertionError(f"no button {label!r} in chat {chat}")

    async def compose(
        self,
        author: JSON,
        targets: str,
        text: str = "Mohon waspada pencurian motor malam hari.",
        level: str = "ℹ️ Info (tanpa bunyi)",
        *,
        speaker: str | None = None,
    ) -> None:
        """Run /imbauan up to the preview."""
        await self.bot.command(author, "/imbauan")
        if speaker is not None:
            await self.press(author, speaker)
        await self.bot.say(author, targets)
        await self.press(author, "➡️ Lanjut")
        await self.press(author, level)
        await self.bot.say(author, text)
        await self.press(author, "Tanpa batas waktu")

    async def received(self, chat_id: int, count: int = 1) -> list[str]:
        """Wait until the chat has `count` advisory messages; return their texts."""

        def advisories() -> list[str]:
            return [x for x in self.fake.texts(chat_id) if "Imbauan ·" in x or "imbauan ·" in x]

        await wait_until(lambda: len(advisories()) >= count, f"{count} advisories in {chat_id}")
        return advisories()

    async def advisory(self, advisory_id: int | None = None) -> Advisory:
        def read(session: Any) -> Advisory:
            query = select(Advisory).order_by(Advisory.id.desc())  # type: ignore[union-attr]
            if advisory_id is not None:
                query = select(Advisory).where(Advisory.id == advisory_id)
            return session.exec(query).first()

        return await self.bot.services.db.run(read)

    async def settled(self) -> None:
        """Every delivery done (nothing more will arrive)."""

        async def idle() -> bool:
            def read(session: Any) -> int:
                from storage.models import Delivery
                from storage.models import DeliveryState

                return len(
                    session.exec(
                        select(Delivery).where(Delivery.state == DeliveryState.SENDING)
                    ).all()
                )

            return await self.bot.services.db.run(read) == 0

        await wait_until(idle, "deliveries to finish")


JSONDict = JSON


@pytest.fixture
async def advisory_world(area_bot: BotHarness) -> AsyncIterator[World]:
    yield await World(area_bot).setup()


def advisory_messages(fake: FakeTelegram, chat_id: int) -> list[JSON]:
    return [
        m
        for m in fake.sent_messages(chat_id)
        if "Imbauan ·" in str(m.get("text", m.get("caption", "")))
    ]


async def audit_actions(bot: BotHarness, prefix: str) -> list[AuditEntry]:
    def read(session: Any) -> list[AuditEntry]:
        return [e for e in session.exec(select(AuditEntry)) if e.action.startswith(prefix)]

    return await bot.services.db.run(read)


# --- composing, preview, sending -------------------------------------------------------------


async def test_an_officer_previews_exactly_what_residents_get_and_sends_it(
    advisory_world: World,
) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await advisory_world.compose(cop, "Kronto, pancur")
    control = advisory_world.text(cop["id"])
    # Two residents and the linked group of Kronto; nobody from Pandaan.
    assert "Akan diterima oleh 3 penerima (2 orang, 1 grup)" in control
    preview = fake.sent_messages(cop["id"])[-2]
    assert preview["text"].startswith("📢 Imbauan · Polsek Lumbang\nℹ️ Info\n🕒 ")
    assert "📍 Kronto (Kec. Lumbang), Pancur (Kec. Lumbang)" in preview["text"]
    told_before = len(fake.sent_messages(cop["id"]))
    await advisory_world.press(cop, "✅ Kirim sekarang")
    answer = fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert answer == "📨 Imbauan #1 sedang dikirim ke 3 penerima."
    await advisory_world.received(advisory_world.kronto["id"])
    await advisory_world.received(advisory_world.pancur["id"])
    await advisory_world.received(advisory_world.group["id"])
    delivered = advisory_messages(fake, advisory_world.kronto["id"])[0]
    # The same rendering: text and formatting as previewed (the minute may have turned).
    assert delivered["text"].split("🕒")[0] == preview["text"].split("🕒")[0]
    assert delivered["text"].split("WIB")[1] == preview["text"].split("WIB")[1]
    # One date-time style (bot/texts/when.py), the zone named once.
    day = r"(Sen|Sel|Rab|Kam|Jum|Sab|Min) \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des)"
    assert re.search(rf"\n🕒 {day}, \d\d\.\d\d WIB · 📍 ", delivered["text"])
    assert delivered["text"].count("WIB") == 1
    assert delivered["entities"] == preview["entities"]
    call = fake.calls_to("sendMessage", advisory_world.kronto["id"])[-1].params
    assert call.get("disable_notification") is True  # Info is silent
    assert "reply_markup" not in call  # no "read" button below Info
    assert advisory_messages(fake, advisory_world.far["id"]) == []
    advisory = await advisory_world.advisory()
    assert advisory.status is AdvisoryStatus.SENT and advisory.recipients == 3
    assert [e.action for e in await audit_actions(bot, "advisory.")] == [
        "advisory.submit",
        "advisory.send",
    ]
    # The author follows it in one message, numbered as the advisory: the preview's own
    # (under the button), edited as it goes, until it says every recipient was reached.
    done = "✅ Imbauan #1 sudah sampai ke 3 dari 3 penerima."
    await wait_until(lambda: advisory_world.text(cop["id"]) == done, "the final progress")
    await advisory_world.settled()
    assert len(fake.sent_messages(cop["id"])) == told_before  # no other message
    progress = advisory_world.last(cop["id"])
    assert progress["text"] == done and "reply_markup" not in progress
    edits = fake.calls_to("editMessageText", cop["id"])
    assert edits and all(call.ok for call in edits)  # never "message is not modified"


async def test_each_chat_gets_it_once_however_many_ways_it_matches(advisory_world: World) -> None:
    bot, fake = advisory_world.bot, advisory_world.fake
    lumbang = kecamatan(bot, "Lumbang")
    # A resident of Kronto who also follows the whole kecamatan, and is a youth patroller.
    both = advisory_world.kronto
    await bot.services.subscriptions.subscribe(both["id"], lumbang.id)
    await bot.services.roles.grant(
        both["id"],
        RoleSpec(Role.PEMUDA, Scope(area_id=desa(bot, "Kronto").id), Division.PATROLI),
    )
    patroller = await advisory_world.person(
        "Pemuda", Role.PEMUDA, area=desa(bot, "Pancur").id, division=Division.PATROLI
    )
    cop = advisory_world.officer
    await bot.command(cop, "/imbauan")
    await advisory_world.press(cop, "🏘 Seluruh Kec. Lumbang")
    await advisory_world.press(cop, "👥 Pemuda patroli Kec. Lumbang")
    await bot.say(cop, "Kronto")
    assert (
        "Sasaran sejauh ini: Kec. Lumbang, Pemuda patroli Kec. Lumbang, Kronto"
        in advisory_world.text(cop["id"])
    )
    await advisory_world.press(cop, "➡️ Lanjut")
    await advisory_world.press(cop, "⚠️ Waspada")
    await bot.say(cop, "Patroli malam ini diperketat.")
    await advisory_world.press(cop, "Tanpa batas waktu")
    # kronto (4 ways), pancur, the patroller, and the group: 4 chats.
    assert "Akan diterima oleh 4 penerima (3 orang, 1 grup)" in advisory_world.text(cop["id"])
    await advisory_world.press(cop, "✅ Kirim sekarang")
    for chat in (
        both["id"],
        advisory_world.pancur["id"],
        patroller["id"],
        advisory_world.group["id"],
    ):
        await advisory_world.received(chat)
    await advisory_world.settled()
    for chat in (
        both["id"],
        advisory_world.pancur["id"],
        patroller["id"],
        advisory_world.group["id"],
    ):
        assert len(advisory_messages(fake, chat)) == 1, chat
    call = fake.calls_to("sendMessage", both["id"])[-1].params
    assert "disable_notification" not in call  # Waspada makes a sound


async def test_himbauan_as_people_say_it_works_but_the_menus_say_imbauan(
    advisory_world: World,
) -> None:
    bot, cop = advisory_world.bot, advisory_world.officer
    await bot.command(cop, "/himbauan")
    assert "📢 Imbauan atas nama" in advisory_world.text(cop["id"])
    await bot.command(cop, "/batal")
    await bot.command(cop, "/himbauanku")
    assert advisory_world.text(cop["id"]).startswith("Anda belum pernah membuat imbauan")
    names = [name for name, _ in menu(all_commands(bot.app), "id", [Holding(Role.ADMIN)], None)]
    assert {"imbauan", "imbauanku"} <= set(names)
    assert not {"himbauan", "himbauanku"} & set(names)


async def test_someone_with_several_roles_picks_the_organisation(advisory_world: World) -> None:
    bot = advisory_world.bot
    kronto = desa(bot, "Kronto")
    leader = await advisory_world.person("Pak Tokoh", Role.TOKOH, area=kronto.id)
    await bot.services.roles.grant(
        leader["id"],
        RoleSpec(Role.PEMUDA, Scope(area_id=kronto.id), Division.SOSIALISASI),
    )
    await bot.command(leader, "/imbauan")
    choices = buttons(advisory_world.last(leader["id"]))
    assert set(choices) == {"Tokoh Masyarakat Desa Kronto", "Karang Taruna Desa Kronto"}
    await advisory_world.press(leader, "Karang Taruna Desa Kronto")
    assert "atas nama Karang Taruna Desa Kronto" in advisory_world.text(leader["id"])
    # Only their desa is offered.
    assert "🏘 Seluruh Kronto (Kec. Lumbang)" in buttons(advisory_world.last(leader["id"]))


async def test_a_target_outside_the_speakers_scope_is_refused_and_audited(
    advisory_world: World,
) -> None:
    bot = advisory_world.bot
    leader = await advisory_world.person("Pak Tokoh", Role.TOKOH, area=desa(bot, "Kronto").id)
    await bot.command(leader, "/imbauan")
    await bot.say(leader, "Pancur")
    texts = advisory_world.fake.texts(leader["id"])
    assert any(x.startswith("Maaf, Pancur (Kec. Lumbang) di luar wilayah") for x in texts)
    assert "Sasaran sejauh ini" not in texts[-1]
    denied = await audit_actions(bot, "auth.denied")
    assert denied and denied[-1].actor_id == leader["id"]
    # A forged button for another area is refused the same way.
    await bot.press(
        leader, advisory_world.last(leader["id"]), f"adv:t:a:{kecamatan(bot, 'Lumbang').id}"
    )
    assert "di luar wilayah" in bot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    # A typed kecamatan by an officer of another Polsek: refused.
    await advisory_world.press(leader, "🏘 Seluruh Kronto (Kec. Lumbang)")
    assert "Sasaran sejauh ini: Kronto (Kec. Lumbang)" in advisory_world.text(leader["id"])


async def test_a_21st_target_is_refused_with_a_clear_message(advisory_world: World) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    cap = (
        "Mohon maaf, satu imbauan paling banyak untuk 20 sasaran. Sasaran lebih dari itu "
        "tidak ditambahkan; silakan kirim imbauan berikutnya untuk sasaran lainnya."
    )
    lumbang = kecamatan(bot, "Lumbang")
    areas = bot.services.areas
    villages = [
        e for e in areas.index.entries if e.level == AreaLevel.DESA and e.kecamatan_id == lumbang.id
    ]
    # Each desa of the officer's kecamatan, whole and its two role groups: more than 20.
    targets = [Target(v.id, group) for v in villages for group in (None, "patroli", "pemuda")]
    await bot.command(cop, "/imbauan")
    for target in targets[:20]:
        await bot.press(cop, advisory_world.last(cop["id"]), PickTarget.adding(target).data)
    so_far = advisory_world.text(cop["id"])
    # The 21st button: an alert saying why, and nothing added.
    await bot.press(cop, advisory_world.last(cop["id"]), PickTarget.adding(targets[20]).data)
    answer = fake.calls_to("answerCallbackQuery")[-1].params
    assert answer["text"] == cap and answer["show_alert"] is True
    assert advisory_world.text(cop["id"]) == so_far
    # A 21st typed name: the same words, and the list stays as it was.
    typed = next(
        v
        for v in villages[7:]
        if areas.resolve(v.name, (AreaLevel.DESA, AreaLevel.KECAMATAN, AreaLevel.KABUPATEN)) == v
    )
    await bot.say(cop, typed.name)
    assert fake.texts(cop["id"])[-2] == cap
    assert advisory_world.text(cop["id"]) == so_far
    await advisory_world.press(cop, "➡️ Lanjut")
    await advisory_world.press(cop, "ℹ️ Info (tanpa bunyi)")
    await bot.say(cop, "Kerja bakti serentak se-kecamatan.")
    await advisory_world.press(cop, "Tanpa batas waktu")
    assert "📍 " in fake.sent_messages(cop["id"])[-2]["text"]
    # Another front end calling the service is capped the same way.
    advisories = bot.services.advisories
    speaker = (await advisories.speakers(cop["id"]))[0]
    draft = Draft(tuple(targets[:21]), AdvisoryLevel.INFO, "Kerja bakti.")
    with pytest.raises(AdvisoryError) as refused:
        await advisories.submit(cop["id"], speaker.key, draft)
    assert refused.value.text("id") == cap
    assert await advisory_world.advisory() is None


async def test_a_typed_kecamatan_or_desa_with_its_kecamatan_is_taken_at_once(
    advisory_world: World,
) -> None:
    # "Lumbang" is a kecamatan and a desa; "Karang Jati" lies in Lumbang and in Pandaan.
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await bot.command(cop, "/imbauan")
    await bot.say(cop, "Kec. Lumbang")
    assert "Sasaran sejauh ini: Kec. Lumbang" in advisory_world.text(cop["id"])
    await bot.say(cop, "Karang Jati (Kec. Lumbang)")
    targets = "Sasaran sejauh ini: Kec. Lumbang, Karang Jati (Kec. Lumbang)"
    assert targets in advisory_world.text(cop["id"])
    asked = [x for x in fake.texts(cop["id"]) if "ada di beberapa tempat" in x]
    assert asked == []


async def test_a_name_of_two_desa_asks_one_short_question_and_one_tap_answers(
    advisory_world: World,
) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await bot.command(cop, "/imbauan")
    before = len(fake.texts(cop["id"]))
    await bot.say(cop, "ds. karang jati")
    # Only the question: the target prompt is not sent again.
    assert fake.texts(cop["id"])[before:] == ["Karang Jati yang mana?"]
    offered = list(buttons(fake.last_message(cop["id"])))
    assert offered == ["Karang Jati (Kec. Lumbang)", "Karang Jati (Kec. Pandaan)"]
    await advisory_world.press(cop, "Karang Jati (Kec. Lumbang)")
    assert "Sasaran sejauh ini: Karang Jati (Kec. Lumbang)" in advisory_world.text(cop["id"])


# --- approval ------------------------------------------------------------------------------


async def test_an_mui_advisory_waits_for_the_polsek_and_is_decided_once(
    advisory_world: World,
) -> None:
    bot, fake, mui = advisory_world.bot, advisory_world.fake, advisory_world.mui
    await advisory_world.compose(mui, "Kronto", "Jaga kerukunan menjelang pilkades.", "⚠️ Waspada")
    assert "Perlu persetujuan Polsek Lumbang" in advisory_world.text(mui["id"])
    # Not approved yet: the preview says it waits, and the button whom it goes to.
    preview = fake.sent_messages(mui["id"])[-2]["text"]
    assert "🛂 Dari MUI Kec. Lumbang, menunggu persetujuan Polsek Lumbang" in preview
    assert "disetujui" not in preview
    assert "✅ Kirim sekarang" not in buttons(advisory_world.last(mui["id"]))
    await advisory_world.press(mui, "Ajukan ke Polsek Lumbang")
    assert "dikirim ke Polsek Lumbang untuk disetujui" in advisory_world.text(mui["id"])
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    shown, request = fake.sent_messages(duty)[-2:]
    assert shown["text"].startswith("📢 Imbauan · MUI Kec. Lumbang")
    assert "menunggu persetujuan Polsek Lumbang" in shown["text"]
    assert "Dari: Kyai (MUI Kec. Lumbang)" in request["text"]
    assert advisory_messages(fake, advisory_world.kronto["id"]) == []  # nothing before approval

    # Meanwhile the linked group removed the bot: one of the two recipients is unreachable.
    fake.block(advisory_world.group["id"], "bot was kicked from the group chat")
    told_before = len(fake.sent_messages(mui["id"]))
    await advisory_world.press(advisory_world.officer, "✅ Setujui", duty)
    assert fake.calls_to("answerCallbackQuery")[-1].params["text"] == "Disetujui. ✅"
    delivered = (await advisory_world.received(advisory_world.kronto["id"]))[0]
    assert delivered.startswith("📢 Imbauan · MUI Kec. Lumbang\n⚠️ WASPADA\n")
    assert "✅ Dari MUI Kec. Lumbang, disetujui oleh Polsek Lumbang" in delivered
    await wait_until(
        lambda: "disetujui oleh Bripka" in advisory_world.text(duty), "the request marked"
    )
    assert "Setujui" not in str(advisory_world.last(duty))
    # The author gets one message: approved, and how far it went, with the detail of who was
    # not reached only because somebody was not.
    final = (
        "⚠️ Imbauan #1 sudah sampai ke 1 dari 2 penerima; 1 tidak bisa dihubungi. "
        "Rincian: /pengiriman {}\n🛂 Disetujui oleh Bripka."
    )
    await wait_until(lambda: "Rincian" in advisory_world.text(mui["id"]), "the author told")

    # The second officer presses the old button: told who decided, nothing sent again.
    await bot.press(advisory_world.officer2, request, "adv:ok:1")
    answer = fake.calls_to("answerCallbackQuery")[-1].params
    assert answer["text"] == "Imbauan #1 sudah diputuskan oleh Bripka: disetujui."
    await bot.press(advisory_world.officer2, request, "adv:no:1")
    assert "sudah diputuskan oleh Bripka" in fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await advisory_world.settled()
    assert len(advisory_messages(fake, advisory_world.kronto["id"])) == 1
    assert [e.action for e in await audit_actions(bot, "advisory.approve")] == ["advisory.approve"]
    advisory = await advisory_world.advisory()
    assert advisory.decided_by == advisory_world.officer["id"]
    (progress,) = fake.sent_messages(mui["id"])[told_before:]
    current = fake.get_message(mui["id"], progress["message_id"]) or {}
    assert current["text"] == final.format(advisory.delivery_id)
    assert all(call.ok for call in fake.calls_to("editMessageText", mui["id"]))
    # The author may follow the pointer to their own delivery; another sender may not.
    await bot.command(mui, f"/pengiriman {advisory.delivery_id}")
    detail = advisory_world.text(mui["id"])
    assert f"Pengiriman #{advisory.delivery_id}" in detail
    assert str(advisory_world.group["id"]) in detail
    await bot.command(advisory_world.officer2, f"/pengiriman {advisory.delivery_id}")
    assert advisory_world.text(advisory_world.officer2["id"]) == (
        f"Pengiriman #{advisory.delivery_id} tidak ditemukan."
    )


async def test_a_rejection_gives_its_reason_and_sends_nothing(advisory_world: World) -> None:
    bot, fake, mui = advisory_world.bot, advisory_world.fake, advisory_world.mui
    await advisory_world.compose(mui, "Kronto", "Besok ada razia besar-besaran!")
    await advisory_world.press(mui, "Ajukan ke Polsek Lumbang")
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    await advisory_world.press(advisory_world.officer, "❌ Tolak", duty)
    assert "apa alasan menolak imbauan #1" in " ".join(fake.texts(duty))
    question = advisory_world.last(duty)
    assert question["text"] == "✍️ Balas pesan ini dengan alasan penolakan."
    # Other talk in the group is not taken for the reason.
    await bot.say(advisory_world.officer, "sebentar, saya cek dulu", chat=advisory_world.duty)
    assert (await advisory_world.advisory()).status is AdvisoryStatus.PENDING
    await bot.process(
        bot.updates.text(
            advisory_world.officer,
            "Informasi belum dikonfirmasi <hoaks?>",
            advisory_world.duty,
            reply_to=question,
        )
    )
    await wait_until(
        lambda: any("ditolak oleh Bripka" in x for x in fake.texts(mui["id"])), "author told"
    )
    told = [x for x in fake.texts(mui["id"]) if "ditolak" in x][-1]
    assert "Alasan: Informasi belum dikonfirmasi <hoaks?>" in told
    advisory = await advisory_world.advisory()
    assert advisory.status is AdvisoryStatus.REJECTED
    await advisory_world.settled()
    assert advisory_messages(fake, advisory_world.kronto["id"]) == []
    assert [e.action for e in await audit_actions(bot, "advisory.reject")] == ["advisory.reject"]
    # A usual reason by button works the same.
    await advisory_world.compose(mui, "Kronto", "Kedua kalinya.")
    await advisory_world.press(mui, "Ajukan ke Polsek Lumbang")
    await wait_until(lambda: "#2" in advisory_world.text(duty), "the second request")
    await advisory_world.press(advisory_world.officer2, "❌ Tolak", duty)
    await advisory_world.press(advisory_world.officer2, "Hoaks / tidak akurat", duty)
    assert (await advisory_world.advisory(2)).reject_reason == "Hoaks / tidak akurat"


async def test_only_officers_of_that_polsek_may_decide(advisory_world: World) -> None:
    bot, fake = advisory_world.bot, advisory_world.fake
    pandaan = kecamatan(bot, "Pandaan")
    other = await bot.services.areas.set_polsek_coverage(
        "Polsek Pandaan", [pandaan.id], actor_label="t"
    )
    outsider = bot.updates.user(first_name="Lain")
    await bot.services.roles.grant(outsider["id"], RoleSpec(Role.POLISI, Scope(polsek_id=other.id)))
    await advisory_world.compose(advisory_world.mui, "Kronto")
    await advisory_world.press(advisory_world.mui, "Ajukan ke Polsek Lumbang")
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    await advisory_world.press(outsider, "✅ Setujui", duty)
    assert fake.calls_to("answerCallbackQuery")[-1].params["text"].startswith("Maaf")
    assert (await advisory_world.advisory()).status is AdvisoryStatus.PENDING
    # A desa's Bhabinkamtibmas is no approver either; the admin is.
    await advisory_world.press(
        bot.updates.user(id=ADMIN_ID, first_name="Admin"), "✅ Setujui", duty
    )
    assert (await advisory_world.advisory()).status is AdvisoryStatus.SENT


async def test_without_a_duty_chat_nothing_is_sent(advisory_world: World) -> None:
    bot = advisory_world.bot
    await bot.services.areas.set_duty_chat("Polsek Lumbang", None)
    await advisory_world.compose(advisory_world.mui, "Kronto")
    await advisory_world.press(advisory_world.mui, "Ajukan ke Polsek Lumbang")
    assert "belum punya grup piket" in advisory_world.text(advisory_world.mui["id"])
    assert await advisory_world.advisory() is None


# --- levels, acknowledgement, exercise -------------------------------------------------------


async def test_darurat_rings_carries_a_read_button_and_counts_reads(advisory_world: World) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await advisory_world.compose(
        cop, "Kronto", "Banjir bandang, segera ke tempat tinggi!", "🚨 Darurat (dengan bunyi)"
    )
    preview = fake.sent_messages(cop["id"])[-2]
    await bot.press(cop, preview, buttons(preview)["✅ Sudah dibaca"])
    assert "pratinjau" in fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.received(advisory_world.kronto["id"])
    call = fake.calls_to("sendMessage", advisory_world.kronto["id"])[-1].params
    assert "disable_notification" not in call
    assert "🚨 DARURAT" in advisory_world.text(advisory_world.kronto["id"])
    await advisory_world.press(advisory_world.kronto, "✅ Sudah dibaca")
    assert (
        fake.calls_to("answerCallbackQuery")[-1].params["text"] == "Terima kasih, sudah dicatat. ✅"
    )
    await advisory_world.press(advisory_world.kronto, "✅ Sudah dibaca")
    assert "Sudah tercatat" in fake.calls_to("answerCallbackQuery")[-1].params["text"]
    # Two members of the linked group read it there.
    await advisory_world.received(advisory_world.group["id"])
    await advisory_world.press(advisory_world.pancur, "✅ Sudah dibaca", advisory_world.group["id"])
    await advisory_world.press(advisory_world.far, "✅ Sudah dibaca", advisory_world.group["id"])
    await bot.command(cop, "/imbauanku")
    assert "✅ Sudah dibaca: 3 orang" in advisory_world.text(cop["id"])


async def test_an_exercise_is_labelled_as_such(advisory_world: World) -> None:
    cop = advisory_world.officer
    await advisory_world.compose(
        cop, "Kronto", "Simulasi evakuasi gempa.", "🚨 Darurat (dengan bunyi)"
    )
    await advisory_world.press(cop, "🧪 Tandai latihan")
    preview = advisory_world.fake.sent_messages(cop["id"])[-2]["text"]
    assert preview.startswith("🧪 LATIHAN — bukan kejadian sebenarnya\n📢 Imbauan")
    assert "🧪 Bukan latihan" in buttons(advisory_world.last(cop["id"]))
    await advisory_world.press(cop, "✅ Kirim sekarang")
    delivered = (await advisory_world.received(advisory_world.kronto["id"]))[0]
    assert delivered.startswith("🧪 LATIHAN") and delivered.endswith(
        "🧪 LATIHAN — bukan kejadian sebenarnya"
    )
    assert (await advisory_world.advisory()).exercise is True


# --- CAP: updates and cancellations ----------------------------------------------------------


async def test_updates_and_cancellation_reach_exactly_the_original_chats(
    advisory_world: World,
) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await advisory_world.compose(cop, "Kronto", "Jalan desa ditutup karena longsor.")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.received(advisory_world.group["id"])
    await advisory_world.settled()
    original = {
        c: advisory_messages(fake, c)[0]["message_id"]
        for c in (advisory_world.kronto["id"], advisory_world.group["id"])
    }
    # A resident who subscribes afterwards is not among the original's recipients.
    late = await advisory_world.resident("Telat", "Kronto")

    await bot.command(cop, "/imbauanku")
    assert "#1 · terkirim · 2 penerima" in advisory_world.text(cop["id"])
    await advisory_world.press(cop, "✏️ Perbarui #1")
    told_before = len(fake.sent_messages(cop["id"]))
    await bot.say(cop, "Jalan sudah dibuka kembali pukul 10.00.")
    assert "sedang dikirim" in advisory_world.text(cop["id"])

    def updates(chat: int) -> list[JSON]:
        return [m for m in fake.sent_messages(chat) if "Pembaruan imbauan" in m.get("text", "")]

    await wait_until(lambda: all(updates(c) for c in original), "the update")
    for chat, message_id in original.items():
        (update,) = updates(chat)
        assert update["reply_to_message"]["message_id"] == message_id
        assert "↩️ Merujuk imbauan #1" in update["text"]
    assert updates(late["id"]) == [] and advisory_messages(fake, late["id"]) == []
    await advisory_world.settled()
    assert len(fake.sent_messages(cop["id"])) == told_before + 1  # the author is told once

    await bot.command(cop, "/imbauanku")
    assert "🔄 Pembaruan: 1" in advisory_world.text(cop["id"])
    await advisory_world.press(cop, "❌ Cabut #1")
    await bot.say(cop, "Informasi keliru")
    assert "Imbauan #1 dicabut" in advisory_world.text(cop["id"])

    def cancelled(chat: int) -> bool:
        edited = fake.get_message(chat, original[chat]) or {}
        notices = [m for m in fake.sent_messages(chat) if "Imbauan dicabut" in m.get("text", "")]
        return edited.get("text", "").startswith("❌ DICABUT") and len(notices) == 1

    await wait_until(lambda: all(cancelled(c) for c in original), "the cancellation")
    assert "Alasan: Informasi keliru" in advisory_world.text(advisory_world.kronto["id"])
    assert fake.texts(late["id"]) == [] or all("dicabut" not in x for x in fake.texts(late["id"]))
    assert (await advisory_world.advisory(1)).status is AdvisoryStatus.CANCELLED

    # An update to the cancelled advisory is refused, and a second cancellation too.
    await bot.press(cop, advisory_world.last(cop["id"]), "adv:u:1")
    answer = fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert answer.startswith("Maaf, imbauan #1 sudah dicabut, jadi tidak bisa diperbarui")
    await bot.press(cop, advisory_world.last(cop["id"]), "adv:x:1")
    assert "sudah dicabut sebelumnya" in fake.calls_to("answerCallbackQuery")[-1].params["text"]
    await advisory_world.settled()
    assert (
        len(
            [
                m
                for m in fake.sent_messages(advisory_world.kronto["id"])
                if "Pembaruan" in m.get("text", "")
            ]
        )
        == 1
    )


async def test_an_update_started_before_the_cancellation_is_refused(advisory_world: World) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await advisory_world.compose(cop, "Kronto")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.settled()
    await bot.command(cop, "/imbauanku")
    await advisory_world.press(cop, "✏️ Perbarui #1")
    # Meanwhile an admin withdraws it.
    await bot.services.advisories.cancel(1, ADMIN_ID, "hoaks")
    await bot.say(cop, "Koreksi jam.")
    assert advisory_world.text(cop["id"]).startswith("Maaf, imbauan #1 sudah dicabut")
    await advisory_world.settled()
    assert not any("Pembaruan" in x for x in fake.texts(advisory_world.kronto["id"]))


async def test_someone_elses_advisory_cannot_be_withdrawn(advisory_world: World) -> None:
    bot, cop = advisory_world.bot, advisory_world.officer
    await advisory_world.compose(cop, "Kronto")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await bot.press(
        advisory_world.officer2, advisory_world.last(advisory_world.officer2["id"]), "adv:x:1"
    )
    await bot.say(advisory_world.officer2, "iseng")
    assert (
        advisory_world.text(advisory_world.officer2["id"]) == "Maaf, imbauan #1 bukan buatan Anda."
    )
    assert (await advisory_world.advisory(1)).status is AdvisoryStatus.SENT


# --- residents ------------------------------------------------------------------------------


async def test_residents_mute_info_but_never_darurat_and_read_their_history(
    advisory_world: World,
) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    resident = advisory_world.kronto
    await bot.command(resident, "/senyap")
    assert "Belum ada lembaga" in advisory_world.text(resident["id"])
    await advisory_world.compose(cop, "Kronto", "Info pertama.")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.received(resident["id"])
    await bot.command(resident, "/senyap")
    assert "Waspada dan Darurat selalu sampai" in advisory_world.text(resident["id"])
    older = advisory_world.last(resident["id"])
    await bot.command(resident, "/senyap")
    await advisory_world.press(resident, "🔔 Polsek Lumbang")
    assert "🔕 Polsek Lumbang (senyap)" in buttons(advisory_world.last(resident["id"]))
    # The older list still shows 🔔: pressing it unmutes, and its keyboard is already right.
    await bot.press(resident, older, buttons(older)["🔔 Polsek Lumbang"])
    assert not any(t("id", "error.user") in x for x in fake.texts(resident["id"]))
    await advisory_world.press(resident, "🔕 Polsek Lumbang (senyap)")

    await advisory_world.compose(cop, "Kronto", "Info kedua.")
    assert "Akan diterima oleh 1 penerima" in advisory_world.text(cop["id"])  # only the group now
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.compose(cop, "Kronto", "Darurat ketiga.", "🚨 Darurat (dengan bunyi)")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    await advisory_world.received(resident["id"], 2)
    await advisory_world.settled()
    texts = [x for x in fake.texts(resident["id"]) if "Imbauan ·" in x]
    assert [x.split("\n\n")[1] for x in texts] == ["Info pertama.", "Darurat ketiga."]
    assert len(advisory_messages(fake, advisory_world.group["id"])) == 3  # groups are never muted

    await bot.command(resident, "/riwayat")
    history = advisory_world.text(resident["id"])
    assert history.startswith("Imbauan terbaru untuk desa Anda")
    assert (
        history.index("Darurat ketiga.")
        < history.index("Info kedua.")
        < history.index("Info pertama.")
    )
    await bot.command(advisory_world.far, "/riwayat")
    assert advisory_world.text(advisory_world.far["id"]).startswith("Belum ada imbauan")


# --- bad input -------------------------------------------------------------------------------


async def test_empty_and_too_long_texts_are_refused(advisory_world: World) -> None:
    bot, fake, cop = advisory_world.bot, advisory_world.fake, advisory_world.officer
    await bot.command(cop, "/imbauan")
    await bot.say(cop, "Kronto")
    await advisory_world.press(cop, "➡️ Lanjut")
    await advisory_world.press(cop, "ℹ️ Info (tanpa bunyi)")
    await bot.process(bot.updates.photo(cop, caption="   "))
    assert advisory_world.text(cop["id"]) == "Foto diterima. Sekarang ketik teks imbauannya."
    await bot.say(cop, "x" * 1000)
    assert advisory_world.text(cop["id"]).startswith("Maaf, keterangan foto terlalu panjang")
    await bot.command(cop, "/imbauan")
    await bot.say(cop, "Kronto")
    await advisory_world.press(cop, "➡️ Lanjut")
    await advisory_world.press(cop, "ℹ️ Info (tanpa bunyi)")
    await bot.say(cop, "a & b " * 700)  # 4,200 characters; "&" counts once, as Telegram counts
    reply = advisory_world.text(cop["id"])
    assert reply.startswith("Maaf, imbauan ini terlalu panjang") and "batasnya 4016" in reply
    # The longest text that fits is accepted and Telegram (the fake) takes the message.
    advisories = bot.services.advisories
    speaker = (await advisories.speakers(cop["id"]))[0]
    probe = advisories.build(
        cop["id"], speaker, Draft((Target(desa(bot, "Kronto").id),), "info", "x")
    )  # type: ignore[arg-type]
    room = 4016 - visible_length(advisories.render(probe, at=utcnow())) + 1
    await bot.say(cop, "é" * room)
    assert advisory_world.text(cop["id"]).startswith("Sampai kapan")
    await advisory_world.press(cop, "Tanpa batas waktu")
    await advisory_world.press(cop, "✅ Kirim sekarang")
    delivered = await advisory_world.received(advisory_world.kronto["id"])
    assert len(delivered[0]) <= 4096
    assert advisory_messages(fake, advisory_world.pancur["id"]) == []


async def test_empty_text_is_refused(advisory_world: World) -> None:
    bot, cop = advisory_world.bot, advisory_world.officer
    await bot.command(cop, "/imbauan")
    await bot.say(cop, "Kronto")
    await advisory_world.press(cop, "➡️ Lanjut")
    await advisory_world.press(cop, "ℹ️ Info (tanpa bunyi)")
    for empty in ("   ", "\u200b\u200d\ufeff", "🚨🚨🚨", "!!! ..."):  # nothing to read
        await bot.say(cop, empty)
        assert (
            advisory_world.text(cop["id"])
            == "Teks imbauan tidak boleh kosong. Silakan tulis isinya."
        ), repr(empty)
    assert await advisory_world.advisory() is None


async def test_a_schedule_in_the_past_is_refused(advisory_world: World) -> None:
    bot, cop = advisory_world.bot, advisory_world.officer
    await advisory_world.compose(cop, "Kronto")
    await advisory_world.press(cop, "🕒 Jadwalkan")
    await bot.say(cop, "2020-01-01 10:00")
    assert advisory_world.text(cop["id"]).startswith("Maaf, Rab 1 Jan 2020, 10.00 WIB sudah lewat")
    await bot.say(cop, "kapan-kapan")
    assert advisory_world.text(cop["id"]).startswith("Maaf, waktu itu tidak terbaca")
    assert await advisory_world.advisory() is None
    await bot.say(cop, "besok 07:00")
    assert "dijadwalkan" in advisory_world.text(cop["id"])
    advisory = await advisory_world.advisory()
    assert advisory.status is AdvisoryStatus.SCHEDULED
    tomorrow = (dt.datetime.now(WIB) + dt.timedelta(days=1)).date()
    assert advisory.send_at.astimezone(WIB).replace(tzinfo=None) == dt.datetime.combine(
        tomorrow, dt.time(7)
    )
    assert [j.name for j in bot.app.job_queue.get_jobs_by_name("adv:send:1")] == ["adv:send:1"]


def test_typed_times_are_read_in_wib() -> None:
    now = dt.datetime(2026, 12, 1, 20, 0, tzinfo=WIB)
    assert parse_when("2026-12-02 19:30", now) == dt.datetime(2026, 12, 2, 19, 30, tzinfo=WIB)
    assert parse_when("02-12-2026 19.30", now) == dt.datetime(2026, 12, 2, 19, 30, tzinfo=WIB)
    assert parse_when("Besok 07:00", now) == dt.datetime(2026, 12, 2, 7, 0, tzinfo=WIB)
    assert parse_when("lusa jam 7.05", now) == dt.datetime(2026, 12, 3, 7, 5, tzinfo=WIB)
    assert parse_when("21:00", now) == dt.datetime(2026, 12, 1, 21, 0, tzinfo=WIB)
    for bad in ("", "besok", "25:00", "2026-02-30 10:00", "kemarin 10:00"):
        assert parse_when(bad, now) is None, bad


def test_the_visible_length_is_counted_as_telegram_counts_it() -> None:
    rendered = "📢 <b>Imbauan</b> a &amp; b &lt;"
    visible, _ = parse_html(rendered)
    assert visible == "📢 Imbauan a & b <"
    # UTF-16, as Telegram counts: the emoji outside the BMP takes two.
    assert visible_length(rendered) == len(visible) + 1


SENT_BUTTONS = [
    (ChooseSpeaker(123456789012), "adv:o:123456789012"),
    (PickTarget.adding(Target(5)), "adv:t:a:5"),
    (PickTarget.adding(Target(5, "patroli")), "adv:t:g:patroli:5"),
    (PickTarget("next"), "adv:t:next"),
    (PickTarget("reset"), "adv:t:reset"),
    (ChooseLevel("darurat"), "adv:l:darurat"),
    (NoExpiry(), "adv:e:none"),
    (PreviewChoice("sched"), "adv:p:sched"),
    (Approve(12), "adv:ok:12"),
    (Reject(12), "adv:no:12"),
    (RejectReason("hoaks"), "adv:nr:hoaks"),
    (UpdateAdvisory(3), "adv:u:3"),
    (CancelAdvisory(3), "adv:x:3"),
    (Acknowledge(12), "adv:ack:12"),
    (Mute(4), "adv:m:4"),
]


@pytest.mark.parametrize(("button", "data"), SENT_BUTTONS, ids=[d for _, d in SENT_BUTTONS])
def test_buttons_of_the_previous_release_keep_their_format(button: Any, data: str) -> None:
    assert button.data == data
    assert type(button).parse(data) == button
    # No other kind takes it.
    assert {type(b) for b, _ in SENT_BUTTONS if type(b).parse(data) is not None} == {type(button)}


# --- scheduled, across a restart ---------------------------------------------------------------


async def test_a_scheduled_advisory_survives_a_restart_and_goes_out_once(
    pasuruan: str, settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock
) -> None:
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        advisory_world = await World(bot).setup()
        cop = advisory_world.officer
        await advisory_world.compose(cop, "Kronto", "Besok kerja bakti pukul 07.00.")
        await advisory_world.press(cop, "🕒 Jadwalkan")
        await bot.say(cop, "besok 06:00")
        assert (await advisory_world.advisory()).status is AdvisoryStatus.SCHEDULED
    # While the bot was down, the time came (the row says so).
    from storage.db import Database

    db = Database(settings.database_url)
    try:

        def due(session: Any) -> None:
            row = session.get(Advisory, 1)
            row.send_at = utcnow() + dt.timedelta(seconds=1)
            session.add(row)

        db.call(due)
    finally:
        db.close()
    async with BotHarness(settings, fake, delivery_clock=delivery_clock) as bot:
        advisory_world.bot = bot
        assert bot.app.job_queue.get_jobs_by_name("adv:send:1")
        await advisory_world.received(advisory_world.kronto["id"])
        await advisory_world.received(advisory_world.group["id"])
        # Run late again (as a second process would): nothing is sent twice.
        assert await bot.services.advisories.send_due(1) is False
        await advisory_world.settled()
        assert len(advisory_messages(fake, advisory_world.kronto["id"])) == 1
        assert (await advisory_world.advisory(1)).status is AdvisoryStatus.SENT


async def test_an_author_who_loses_the_role_before_sending_sends_nothing(
    advisory_world: World,
) -> None:
    bot, cop = advisory_world.bot, advisory_world.officer
    await advisory_world.compose(cop, "Kronto")
    await bot.services.roles.revoke(
        cop["id"], Role.POLISI, Scope(polsek_id=advisory_world.polsek.id)
    )
    await advisory_world.press(cop, "✅ Kirim sekarang")
    answer = advisory_world.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert answer == "Maaf, Anda tidak (lagi) berwenang memakai tombol ini."
    assert await advisory_world.advisory() is None
    # The conversation ended: typed text is not taken for anything.
    await bot.say(cop, "2026-12-02 19:30")
    assert advisory_world.text(cop["id"]).startswith("Maaf, kami belum mengerti")


async def test_a_scheduled_advisory_waiting_for_approval_is_scheduled_once_approved(
    advisory_world: World,
) -> None:
    bot, fake, mui = advisory_world.bot, advisory_world.fake, advisory_world.mui
    await bot.command(mui, "/imbauan")
    await bot.say(mui, "Kronto")
    await advisory_world.press(mui, "➡️ Lanjut")
    await advisory_world.press(mui, "ℹ️ Info (tanpa bunyi)")
    await bot.say(mui, "Pengajian akbar di balai desa.")
    await bot.say(mui, "lusa 22:00")  # the expiry
    preview = fake.sent_messages(mui["id"])[-2]["text"]
    assert "⏳ Berlaku sampai " in preview and ", 22.00\n" in preview  # "WIB" once, in 🕒
    await advisory_world.press(mui, "🕒 Jadwalkan")
    await bot.say(mui, "lusa 23:00")
    assert advisory_world.text(mui["id"]).startswith(
        "Maaf, masa berlaku berakhir sebelum jadwal kirim"
    )
    await bot.say(mui, "besok 19:00")
    assert "untuk disetujui" in advisory_world.text(mui["id"])
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    assert "Waktu kirim: " in advisory_world.text(duty) and "19.00 WIB" in advisory_world.text(duty)
    await advisory_world.press(advisory_world.officer, "✅ Setujui", duty)
    advisory = await advisory_world.advisory()
    assert advisory.status is AdvisoryStatus.SCHEDULED
    assert bot.app.job_queue.get_jobs_by_name("adv:send:1")
    await wait_until(
        lambda: any("akan dikirim" in x and "19.00 WIB" in x for x in fake.texts(mui["id"])),
        "the author told when",
    )
    # The author withdraws it before its time: the job goes, nothing is ever sent.
    await bot.command(mui, "/imbauanku")
    assert "terjadwal" in advisory_world.text(mui["id"])
    await advisory_world.press(mui, "❌ Cabut #1")
    await bot.say(mui, "Acara diundur")
    assert advisory_world.text(mui["id"]) == "❌ Imbauan #1 dibatalkan sebelum terkirim."
    assert not [
        j for j in bot.app.job_queue.get_jobs_by_name("adv:send:1") if j.enabled and not j.removed
    ]
    assert await bot.services.advisories.send_due(1) is False
    await advisory_world.settled()
    assert advisory_messages(fake, advisory_world.kronto["id"]) == []


async def test_a_withdrawn_request_cannot_be_approved(advisory_world: World) -> None:
    bot, fake, mui = advisory_world.bot, advisory_world.fake, advisory_world.mui
    await advisory_world.compose(mui, "Kronto")
    await advisory_world.press(mui, "Ajukan ke Polsek Lumbang")
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    request = advisory_world.last(duty)
    await bot.command(mui, "/imbauanku")
    assert "menunggu persetujuan" in advisory_world.text(mui["id"])
    await advisory_world.press(mui, "❌ Cabut #1")
    await bot.say(mui, "Salah tulis")
    await wait_until(lambda: "ditarik kembali" in advisory_world.text(duty), "the request marked")
    await bot.press(advisory_world.officer, request, "adv:ok:1")
    assert fake.calls_to("answerCallbackQuery")[-1].params["text"] == (
        "Imbauan #1 sudah dicabut oleh pengirimnya."
    )
    await advisory_world.settled()
    assert advisory_messages(fake, advisory_world.kronto["id"]) == []


async def test_an_update_of_an_approved_advisory_is_approved_too(advisory_world: World) -> None:
    bot, fake, mui = advisory_world.bot, advisory_world.fake, advisory_world.mui
    await advisory_world.compose(mui, "Kronto", "Sholat istisqa Jumat pagi.")
    await advisory_world.press(mui, "Ajukan ke Polsek Lumbang")
    duty = advisory_world.duty["id"]
    await wait_until(lambda: "Setujui" in str(advisory_world.last(duty)), "the approval request")
    await advisory_world.press(advisory_world.officer, "✅ Setujui", duty)
    await advisory_world.received(advisory_world.kronto["id"])
    await advisory_world.settled()
    await bot.command(mui, "/imbauanku")
    await advisory_world.press(mui, "✏️ Perbarui #1")
    await bot.say(mui, "Diundur ke Sabtu pagi.")
    assert "menunggu persetujuan Polsek Lumbang" in advisory_world.text(mui["id"])
    await wait_until(lambda: "pembaruan #2" in advisory_world.text(duty), "the update's request")
    assert not any("Pembaruan imbauan" in x for x in fake.texts(advisory_world.kronto["id"]))
    await advisory_world.press(advisory_world.officer2, "✅ Setujui", duty)

    def update() -> list[JSON]:
        return [
            m
            for m in fake.sent_messages(advisory_world.kronto["id"])
            if "Pembaruan imbauan · MUI Kec. Lumbang" in m.get("text", "")
        ]

    await wait_until(update, "the approved update")
    assert "Diundur ke Sabtu pagi." in update()[0]["text"]
    assert (
        update()[0]["reply_to_message"]["message_id"]
        == advisory_messages(fake, advisory_world.kronto["id"])[0]["message_id"]
    )


def test_every_level_has_its_style_button_and_texts() -> None:
    assert set(LEVELS) == set(AdvisoryLevel)
    for level in AdvisoryLevel:
        assert ChooseLevel.parse(ChooseLevel(level.value).data) == ChooseLevel(level.value)
        for key in (f"adv.level_{level.value}", f"adv.level_name_{level.value}"):
            assert key in TEXTS["id"] and key in TEXTS["en"]


def test_the_approval_button_names_the_polsek_when_the_name_fits() -> None:
    messages = Messages(timezone=WIB, language="id")

    def label(approver: str | None) -> str:
        return messages.send_label(Advisory(approver_name=approver), "id")

    assert label(None) == "✅ Kirim sekarang"
    assert label("Polsek Lumbang") == "Ajukan ke Polsek Lumbang"
    # A name that would make the button longer than 28 characters: the short form.
    assert label("Polsek Kawasan Pelabuhan Tanjung Perak") == "Ajukan ke Polsek"
    assert label("") == "✅ Kirim sekarang"


def test_the_progress_message_counts_recipients_and_names_failures_only() -> None:
    messages = Messages(timezone=WIB, language="id")
    advisory = Advisory(id=1)

    def progress(done: bool, **counts: int) -> str:
        return messages.progress(advisory, 12, Counts(total=1240, **counts), "id", done)

    assert progress(False, sent=3) == "📨 Imbauan #1 sedang dikirim… 3/1.240"
    assert progress(True, sent=1240) == "✅ Imbauan #1 sudah sampai ke 1.240 dari 1.240 penerima."
    assert progress(True, sent=1230, blocked=6, failed=4) == (
        "⚠️ Imbauan #1 sudah sampai ke 1.230 dari 1.240 penerima; 10 tidak bisa dihubungi. "
        "Rincian: /pengiriman 12"
    )
    # Withdrawn while it went out: the rest was not sent, which needs no details.
    assert progress(True, sent=1000, cancelled=240) == (
        "⚠️ Imbauan #1 sudah sampai ke 1.000 dari 1.240 penerima; 240 tidak dikirim karena dicabut."
    )


async def test_times_are_asked_and_shown_in_the_configured_zone(
    pasuruan: str, settings: Settings, fake: FakeTelegram, delivery_clock: ScaledClock
) -> None:
    # A deployment in Papua (WIT): the author is asked for WIT times, typed times are WIT,
    # and the advisory names WIT once, in the one date-time style.
    jayapura = ZoneInfo("Asia/Jayapura")
    async with BotHarness(
        replace(settings, timezone=jayapura), fake, delivery_clock=delivery_clock
    ) as bot:
        world = await World(bot).setup()
        mui = world.mui
        await bot.command(mui, "/imbauan")
        await bot.say(mui, "Kronto")
        await world.press(mui, "➡️ Lanjut")
        await world.press(mui, "ℹ️ Info (tanpa bunyi)")
        await bot.say(mui, "Pengajian akbar di balai desa.")
        assert "Ketik tanggal dan jam WIT (mis." in world.text(mui["id"])
        await bot.say(mui, "kapan-kapan")
        assert world.text(mui["id"]).endswith("(hari ini), WIT.")
        await bot.say(mui, "besok 07:00")
        preview = fake.sent_messages(mui["id"])[-2]["text"]
        tomorrow = dt.datetime.now(jayapura).date() + dt.timedelta(days=1)
        days = "Sen Sel Rab Kam Jum Sab Min".split()
        months = "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()
        day = f"{days[tomorrow.weekday()]} {tomorrow.day} {months[tomorrow.month - 1]}"
        if tomorrow.year != dt.datetime.now(jayapura).year:
            day += f" {tomorrow.year}"
        assert f"\n⏳ Berlaku sampai {day}, 07.00\n" in preview
        assert re.search(r"\n🕒 [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d\d\.\d\d WIT · 📍 ", preview)
        assert preview.count("WIT") == 1 and "WIB" not in preview
        await world.press(mui, "🕒 Jadwalkan")
        assert "Ketik tanggal dan jam WIT, mis." in world.text(mui["id"])
