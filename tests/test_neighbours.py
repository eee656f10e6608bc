"""Neighbour alerts through the real bot: an urgent or police-confirmed report in Kronto alerts
the watch of the desa around it (without the reporter), once; "Siap bantu" reaches the duty chat
and Kronto's koordinator, once per helper, and only from those who were alerted."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from storage.models import Delivery
from storage.models import Division
from storage.models import NeighbourAlert
from storage.models import NeighbourHelp
from storage.models import OutboxRow
from storage.models import OutboxStatus
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import Role
from storage.models import ShiftStatus
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
HELP = "🤝 Siap bantu"


class Neighbourhood(World):
    """The reports world, plus the watch of Kronto (the report's desa) and of its neighbours."""

    def __init__(self, bot: BotHarness) -> None:
        super().__init__(bot)
        users = bot.updates
        self.kronto_koordinator = users.user(first_name="Dewi", username="dewi")
        self.kronto_member = users.user(first_name="Tono")  # on duty in Kronto itself
        self.pancur_koordinator = users.user(first_name="Rudi", username="rudi")
        self.pancur_member = users.user(first_name="Joko", username="joko")  # on duty now
        self.wonorejo_member = users.user(first_name="Eko")  # their shift is over
        self.tosari_koordinator = users.user(first_name="Wati")  # not a neighbour
        self.stranger = users.user(first_name="Asing")

    async def set_up(self) -> None:
        await super().set_up()
        bot = self.bot
        for person, name, kecamatan in (
            (self.kronto_koordinator, "Kronto", "Lumbang"),
            (self.pancur_koordinator, "Pancur", "Lumbang"),
            (self.tosari_koordinator, "Tosari", "Tosari"),
        ):
            spec = RoleSpec(
                Role.PEMUDA,
                Scope(area_id=desa(bot, name, kecamatan).id),
                division=Division.PATROLI,
                koordinator=True,
            )
            await bot.services.roles.grant(person["id"], spec)
        now = utcnow()
        running = (now - dt.timedelta(hours=1), now + dt.timedelta(hours=3))
        over = (now - dt.timedelta(hours=8), now - dt.timedelta(hours=2))
        await shift(bot, "Kronto", running, [self.kronto_member])
        await shift(bot, "Pancur", running, [self.pancur_member])
        await shift(bot, "Wonorejo", over, [self.wonorejo_member])
        # A cancelled shift does not count even while its hours run.
        await shift(bot, "Wonorejo", running, [self.wonorejo_member], ShiftStatus.CANCELLED)
        for person in self.everyone:
            await bot.command(person, "/bantuan")  # known to the bot, with a name

    @property
    def everyone(self) -> list[JSON]:
        return [
            self.kronto_koordinator,
            self.kronto_member,
            self.pancur_koordinator,
            self.pancur_member,
            self.wonorejo_member,
            self.tosari_koordinator,
            self.stranger,
        ]

    @property
    def alerted(self) -> list[JSON]:
        return [self.pancur_koordinator, self.pancur_member]

    @property
    def not_alerted(self) -> list[JSON]:
        return [
            self.kronto_koordinator,
            self.kronto_member,
            self.wonorejo_member,
            self.tosari_koordinator,
            self.stranger,
            self.resident,
        ]


async def shift(
    bot: BotHarness,
    desa_name: str,
    hours: tuple[dt.datetime, dt.datetime],
    members: list[JSON],
    status: ShiftStatus = ShiftStatus.PLANNED,
) -> None:
    desa_id = desa(bot, desa_name).id

    def insert(session: Any) -> None:
        row = PatrolShift(desa_id=desa_id, starts_at=hours[0], ends_at=hours[1], status=status)
        session.add(row)
        session.flush()
        for member in members:
            session.add(PatrolShiftMember(shift_id=row.id, user_id=member["id"]))

    await bot.services.db.run(insert)


@pytest.fixture
async def hood(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> AsyncIterator[Neighbourhood]:
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = Neighbourhood(bot)
        await world.set_up()
        yield world


def alerts_to(bot: BotHarness, chat_id: int) -> list[str]:
    return [text for text in bot.fake.texts(chat_id) if "Waspada" in text]


async def alerts(bot: BotHarness) -> list[NeighbourAlert]:
    return await bot.services.db.run(lambda s: list(s.exec(select(NeighbourAlert))))


async def helps(bot: BotHarness) -> list[NeighbourHelp]:
    return await bot.services.db.run(lambda s: list(s.exec(select(NeighbourHelp))))


async def settled(bot: BotHarness) -> None:
    """Every queued message has had its outcome."""

    def open_rows(session: Any) -> int:
        rows = session.exec(
            select(OutboxRow).where(
                OutboxRow.status.in_([OutboxStatus.PENDING, OutboxStatus.CLAIMED])
            )
        )
        return len(list(rows))

    async def done() -> bool:
        return await bot.services.db.run(open_rows) == 0

    await wait_until(done, "the outbox to drain")


def help_message(bot: BotHarness, person: JSON) -> JSON:
    (alert,) = [m for m in bot.fake.sent_messages(person["id"]) if "Waspada" in m.get("text", "")]
    return alert


def help_button(bot: BotHarness, person: JSON) -> tuple[JSON, str]:
    message = help_message(bot, person)
    return message, buttons(message)[HELP]


def toast(bot: BotHarness) -> JSON:
    return bot.fake.calls_to("answerCallbackQuery")[-1].params


async def test_an_urgent_report_alerts_the_watch_of_the_neighbouring_desa(
    hood: Neighbourhood,
) -> None:
    bot = hood.bot
    await report(hood, urgent=True)
    for person in hood.alerted:
        text = await told(bot, person["id"], "Waspada")
        # Today's report by its time only, in the one style (a date too from another day).
        assert re.match(
            r"⚠️ Waspada: 🥷 Pencurian di Desa Kronto, ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, )?"
            r"\d\d\.\d\d WIB\n",
            text,
        )
        assert "Laporan mendesak" in text and "Desa Pancur" in text
        # Not the reporter, not what they wrote (it may name them), nor where they live.
        for secret in ("Siti", "Aminah", "siti", "Motor Honda", "masjid"):
            assert secret not in text
        assert list(buttons(help_message(bot, person))) == [HELP]
    await settled(bot)
    for person in hood.not_alerted:
        assert alerts_to(bot, person["id"]) == [], person["first_name"]
    (alert,) = await alerts(bot)
    assert (alert.reason, alert.recipients) == ("urgent", 2)

    # Being taken by the police later does not alert again.
    first = await card(hood, "Baru")
    await bot.press(hood.officer, first, buttons(first)["✋ Terima"])
    await card(hood, "Diterima")
    await settled(bot)
    assert len(await alerts(bot)) == 1
    for person in hood.alerted:
        assert len(alerts_to(bot, person["id"])) == 1


async def test_a_report_alerts_once_the_police_take_it_and_only_once(hood: Neighbourhood) -> None:
    bot = hood.bot
    await report(hood)
    first = await card(hood, "Baru")
    await settled(bot)
    assert await alerts(bot) == []
    assert alerts_to(bot, hood.pancur_koordinator["id"]) == []

    await bot.press(hood.officer, first, buttons(first)["✋ Terima"])
    text = await told(bot, hood.pancur_koordinator["id"], "Waspada")
    assert "sudah diterima polisi" in text
    await told(bot, hood.pancur_member["id"], "Waspada")

    taken = await card(hood, "Diterima")
    await bot.press(hood.officer, taken, buttons(taken)["🔎 Proses"])
    await card(hood, "Diproses")
    await settled(bot)
    (alert,) = await alerts(bot)
    assert alert.reason == "confirmed"
    for person in hood.alerted:
        assert len(alerts_to(bot, person["id"])) == 1


async def test_a_rejected_report_never_alerts(hood: Neighbourhood) -> None:
    bot = hood.bot
    await report(hood)
    first = await card(hood, "Baru")
    await bot.press(hood.officer, first, buttons(first)["⛔ Tolak"])
    reasons = last(bot, hood.duty["id"])
    await bot.press(hood.officer, reasons, buttons(reasons)["Hoaks / tidak benar"])
    await card(hood, "Ditolak")
    await settled(bot)
    assert await alerts(bot) == []
    for person in hood.everyone:
        assert alerts_to(bot, person["id"]) == []


async def test_siap_bantu_reaches_the_duty_chat_and_the_koordinator_once(
    hood: Neighbourhood,
) -> None:
    bot = hood.bot
    await report(hood, urgent=True)
    first = await card(hood, "Baru")
    member = hood.pancur_member
    await told(bot, member["id"], "Waspada")
    alert_message = help_message(bot, member)

    await bot.press(member, alert_message, buttons(alert_message)[HELP])
    thanks = toast(bot)
    assert "Terima kasih" in thanks["text"] and "Kronto" in thanks["text"]
    expected = "🤝 Siap bantu: Joko (@joko) dari Desa Pancur untuk laporan LMB-0001"
    await told(bot, hood.duty["id"], expected)
    reply = next(m for m in bot.fake.sent_messages(hood.duty["id"]) if expected in m["text"])
    assert reply["reply_to_message"]["message_id"] == first["message_id"]
    assert "Siti" not in reply["text"]
    told_koordinator = await told(bot, hood.kronto_koordinator["id"], "Joko (@joko)")
    assert "siap membantu untuk laporan LMB-0001" in told_koordinator
    assert "Siti" not in told_koordinator
    # The alert itself stays as it was.
    assert bot.fake.calls_to("editMessageText", chat_id=member["id"]) == []
    assert bot.fake.calls_to("editMessageReplyMarkup", chat_id=member["id"]) == []

    # A second press is noted politely and repeats nothing.
    await bot.press(member, alert_message, buttons(alert_message)[HELP])
    assert "sudah tercatat" in toast(bot)["text"]
    # Someone who was not alerted is refused, whatever message they press it under.
    await bot.press(hood.stranger, alert_message, buttons(alert_message)[HELP])
    assert "hanya untuk" in toast(bot)["text"]
    await bot.press(hood.kronto_member, alert_message, buttons(alert_message)[HELP])
    assert "hanya untuk" in toast(bot)["text"]

    # The koordinator of Pancur helps too: one more line each.
    koordinator = hood.pancur_koordinator
    await bot.press(koordinator, *help_button(bot, koordinator))
    await told(bot, hood.duty["id"], "Siap bantu: Rudi (@rudi) dari Desa Pancur")
    await settled(bot)
    duty_lines = [x for x in bot.fake.texts(hood.duty["id"]) if x.startswith("🤝")]
    assert len(duty_lines) == 2
    koordinator_lines = bot.fake.texts(hood.kronto_koordinator["id"])
    assert len([x for x in koordinator_lines if x.startswith("🤝")]) == 2
    found = await helps(bot)
    assert sorted((h.user_id, h.desa_id) for h in found) == sorted(
        (p["id"], desa(bot, "Pancur").id) for p in (member, koordinator)
    )


async def test_two_presses_at_once_count_once(hood: Neighbourhood) -> None:
    bot = hood.bot
    await report(hood, urgent=True)
    member = hood.pancur_member
    await told(bot, member["id"], "Waspada")
    alert_message = help_message(bot, member)
    await asyncio.gather(
        bot.press(member, alert_message, buttons(alert_message)[HELP]),
        bot.press(member, alert_message, buttons(alert_message)[HELP]),
    )
    await settled(bot)
    assert len(await helps(bot)) == 1
    assert len([x for x in bot.fake.texts(hood.duty["id"]) if x.startswith("🤝")]) == 1


async def test_siap_bantu_on_a_closed_report_is_thanked_but_not_passed_on(
    hood: Neighbourhood,
) -> None:
    bot = hood.bot
    await report(hood, urgent=True)
    member = hood.pancur_member
    await told(bot, member["id"], "Waspada")
    first = await card(hood, "Baru")
    await bot.press(hood.officer, first, buttons(first)["⛔ Tolak"])
    reasons = last(bot, hood.duty["id"])
    await bot.press(hood.officer, reasons, buttons(reasons)["Hoaks / tidak benar"])
    await card(hood, "Ditolak")

    await bot.press(member, *help_button(bot, member))
    assert "sudah ditutup" in toast(bot)["text"]
    await settled(bot)
    assert await helps(bot) == []
    assert not [x for x in bot.fake.texts(hood.duty["id"]) if x.startswith("🤝")]


async def test_a_blocked_recipient_does_not_stop_the_others(hood: Neighbourhood) -> None:
    bot = hood.bot
    bot.fake.block(hood.pancur_member["id"])
    await report(hood, urgent=True)
    await told(bot, hood.pancur_koordinator["id"], "Waspada")
    await settled(bot)
    assert alerts_to(bot, hood.pancur_member["id"]) == []
    (report_row,) = await stored(bot)

    def statuses(session: Any) -> dict[int, OutboxStatus]:
        rows = session.exec(
            select(OutboxRow)
            .join(Delivery, Delivery.id == OutboxRow.delivery_id)
            .where(Delivery.kind == "neighbour_alert")
        )
        return {row.chat_id: OutboxStatus(row.status) for row in rows}

    assert await bot.services.db.run(statuses) == {
        hood.pancur_member["id"]: OutboxStatus.BLOCKED,
        hood.pancur_koordinator["id"]: OutboxStatus.SENT,
    }
    # The report went on as usual.
    await card(hood, "Baru")
    assert report_row.code == "LMB-0001"


async def test_an_english_speaker_gets_the_alert_in_english(hood: Neighbourhood) -> None:
    bot = hood.bot
    await bot.services.users.set_language(hood.pancur_member["id"], "en")
    await report(hood, urgent=True)
    text = await told(bot, hood.pancur_member["id"], "Be alert")
    assert text.startswith("⚠️ Be alert: 🥷 Theft in Kronto village, ")
    assert list(buttons(help_message_en(bot, hood.pancur_member))) == ["🤝 Ready to help"]
    await told(bot, hood.pancur_koordinator["id"], "Waspada")


def help_message_en(bot: BotHarness, person: JSON) -> JSON:
    (alert,) = [m for m in bot.fake.sent_messages(person["id"]) if "Be alert" in m.get("text", "")]
    return alert


async def test_a_reporter_on_a_neighbouring_watch_is_not_alerted_of_their_own_report(
    hood: Neighbourhood,
) -> None:
    bot, reporter = hood.bot, hood.pancur_koordinator
    await bot.services.subscriptions.set_home(reporter["id"], desa(bot, "Kronto").id)
    await report(hood, user=reporter, urgent=True, anonymous=True)
    await told(bot, hood.pancur_member["id"], "Waspada")
    await settled(bot)
    assert alerts_to(bot, reporter["id"]) == []
    (alert,) = await alerts(bot)
    assert alert.recipients == 1
