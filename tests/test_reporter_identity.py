"""Who sees a reporter (issue 20): a named report's card says only that it is named; "👤 Pelapor"
shows the name to the officer who presses it, in private, and writes who, when and which report
to the audit log. Anonymous reporters are shown by nothing; residents and other Polsek's officers
are refused. The CSV export's audit entry names its reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import select

from bot.services.authz import Scope
from bot.services.reports.codes import compact_codes
from bot.services.roles import RoleSpec
from storage.models import AuditEntry
from storage.models import Delivery
from storage.models import Role
from storage.models import utcnow
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import POLRES_CHAT
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import kecamatan
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import told
from tests.helpers import wait_until

JSON = dict[str, Any]
VIEWED = "report.reporter_viewed"
PELAPOR = "👤 Pelapor"


async def viewed(bot: BotHarness) -> list[AuditEntry]:
    def read(session: Any) -> list[AuditEntry]:
        query = select(AuditEntry).where(AuditEntry.action == VIEWED).order_by(AuditEntry.id)
        return list(session.exec(query))

    return await bot.services.db.run(read)


def answer(bot: BotHarness) -> JSON:
    """The last answer to a pressed button (toast or alert)."""
    return bot.fake.calls_to("answerCallbackQuery")[-1].params


def identity_messages(bot: BotHarness, chat_id: int) -> list[str]:
    return [text for text in bot.fake.texts(chat_id) if "Pelapor LMB-" in text]


async def test_pelapor_shows_the_reporter_to_the_officer_alone_and_is_audited(
    report_world: World,
) -> None:
    bot, officer, resident = report_world.bot, report_world.officer, report_world.resident
    duty = report_world.duty["id"]
    await report(report_world)
    first = await card(report_world, "Baru")
    assert "Pelapor: 👤 bernama" in text_of(first) and "Siti" not in text_of(first)

    before = utcnow()
    await bot.press(officer, first, buttons(first)[PELAPOR])
    # To the officer, in private: name, @username and a link that opens a chat with them.
    (shown,) = identity_messages(bot, officer["id"])
    assert "Pelapor LMB-0001: Siti Aminah (@siti)" in shown
    message = bot.fake.last_message(officer["id"]) or {}
    raw = bot.fake.raw_text(officer["id"], message["message_id"]) or ""
    assert f'href="tg://user?id={resident["id"]}"' in raw
    sent = bot.fake.calls_to("sendMessage", chat_id=officer["id"])[-1].params
    assert sent["protect_content"] is True  # not to be forwarded
    toast = answer(bot)
    assert "dikirim ke chat pribadi Anda" in toast["text"] and not toast.get("show_alert")
    # Nobody else: not the duty group, not the other officer.
    assert not [text for text in bot.fake.texts(duty) if "Siti" in text]
    assert identity_messages(bot, report_world.other_officer["id"]) == []

    # Who, when, which report; not the name.
    (entry,) = await viewed(bot)
    assert entry.actor_id == officer["id"] and entry.actor_label == "Andi"
    assert entry.target == "report:LMB-0001"
    assert before - dt.timedelta(seconds=1) <= entry.at <= utcnow()
    assert "Siti" not in f"{entry.details} {entry.target} {entry.actor_label}"
    # Every look is one more entry, also by the same officer.
    await bot.press(officer, first, buttons(first)[PELAPOR])
    assert len(await viewed(bot)) == 2
    # An administrator finds them with /audit.
    admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
    await bot.command(admin, f"/audit {VIEWED}")
    log = bot.fake.texts(ADMIN_ID)[-1]
    assert log.count("report:LMB-0001") == 2 and "Andi" in log and "Siti" not in log


async def test_the_button_stays_after_the_report_is_closed(report_world: World) -> None:
    bot, officer = report_world.bot, report_world.officer
    await report(report_world)
    first = await card(report_world, "Baru")
    await bot.press(officer, first, buttons(first)["⛔ Tolak"])
    reasons = bot.fake.last_message(report_world.duty["id"]) or {}
    await bot.press(officer, reasons, buttons(reasons)["Hoaks / tidak benar"])
    closed = await card(report_world, "Ditolak")
    assert list(buttons(closed)) == [PELAPOR]
    await bot.press(officer, closed, buttons(closed)[PELAPOR])
    assert identity_messages(bot, officer["id"])
    assert [e.target for e in await viewed(bot)] == ["report:LMB-0001"]


async def test_residents_and_other_polsek_are_refused(report_world: World) -> None:
    bot, resident = report_world.bot, report_world.resident
    await report(report_world)
    first = await card(report_world, "Baru")
    data = buttons(first)[PELAPOR]

    # A resident (here the reporter herself, a member of the group) is refused, audited.
    await bot.press(resident, first, data)
    refusal = answer(bot)
    assert refusal["show_alert"] is True and refusal["text"].startswith("Maaf")
    # An officer of another Polsek: their role does not cover Kronto.
    pasrepan = await bot.services.areas.set_polsek_coverage(
        "Polsek Pasrepan", [kecamatan(bot, "Pasrepan").id], actor_label="test"
    )
    stranger = bot.updates.user(first_name="Dodi", username="dodi")
    await bot.services.roles.grant(
        stranger["id"], RoleSpec(Role.POLISI, Scope(polsek_id=pasrepan.id))
    )
    await bot.press(stranger, first, data)
    refusal = answer(bot)
    assert refusal["show_alert"] is True and refusal["text"].startswith("Maaf")

    for who in (resident, stranger):
        assert identity_messages(bot, who["id"]) == []
    assert await viewed(bot) == []
    denied = await bot.services.audit.recent(10, action="auth.denied")
    assert {e.actor_id for e in denied} >= {resident["id"], stranger["id"]}


async def test_an_anonymous_report_has_no_button_and_nothing_reveals_it(
    report_world: World,
) -> None:
    bot, officer, resident = report_world.bot, report_world.officer, report_world.resident
    await report(report_world, anonymous=True)
    first = await card(report_world, "Baru")
    assert PELAPOR not in buttons(first)
    # A forged press of the button an anonymous card never had.
    (anonymous,) = await stored(bot)
    await bot.press(officer, first, f"rp:who:{anonymous.id}")
    said = answer(bot)
    assert "anonim" in said["text"]
    for secret in ("Siti", "Aminah", "siti", str(resident["id"])):
        assert secret not in said["text"]
        assert not [text for text in bot.fake.texts(officer["id"]) if secret in text]
    assert await viewed(bot) == []


async def test_delivery_ledgers_do_not_show_who_a_reporter_is(report_world: World) -> None:
    """The status messages to an anonymous reporter who blocked the bot: /pengiriman lists the
    one it did not reach without their chat id or name."""
    bot, officer, resident = report_world.bot, report_world.officer, report_world.resident
    await report(report_world, anonymous=True)
    first = await card(report_world, "Baru")
    bot.fake.block(resident["id"])
    await bot.press(officer, first, buttons(first)["✋ Terima"])

    def told_reporter(session: Any) -> int | None:
        row = session.exec(select(Delivery).where(Delivery.kind == "report_status")).first()
        return row.id if row is not None and row.state != "sending" else None

    delivery_id = await wait_until(
        lambda: bot.services.db.run(told_reporter), "the reporter's status message finished"
    )
    admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
    await bot.command(admin, f"/pengiriman {delivery_id}")
    shown = bot.fake.texts(ADMIN_ID)[-1]
    assert "(pelapor, tidak ditampilkan): blocked" in shown
    assert str(resident["id"]) not in shown and "Siti" not in shown


async def test_an_officer_the_bot_cannot_write_to_sees_it_in_an_alert(
    report_world: World,
) -> None:
    bot, officer = report_world.bot, report_world.officer
    await report(report_world)
    first = await card(report_world, "Baru")
    bot.fake.block(officer["id"])
    await bot.press(officer, first, buttons(first)[PELAPOR])
    alert = answer(bot)
    assert alert["show_alert"] is True and "Siti Aminah (@siti)" in alert["text"]
    assert len(alert["text"]) <= 200
    assert len(await viewed(bot)) == 1


async def test_the_polres_card_names_nobody_and_its_button_needs_a_role(
    report_world: World,
) -> None:
    bot = report_world.bot
    await report(report_world)
    (untaken,) = await stored(bot)
    assert await bot.services.reports.escalate(untaken.id)
    await told(bot, POLRES_CHAT, "Eskalasi laporan LMB-0001")
    (escalation,) = [m for m in bot.fake.sent_messages(POLRES_CHAT) if "Eskalasi" in text_of(m)]
    assert "Pelapor: 👤 bernama" in text_of(escalation) and "Siti" not in text_of(escalation)
    data = buttons(escalation)[PELAPOR]
    # A member of the Polres group without a role: refused.
    member = bot.updates.user(first_name="Eko")
    await bot.press(member, escalation, data)
    assert answer(bot)["text"].startswith("Maaf")
    # Someone whose role covers the report (an administrator at the Polres): shown, audited.
    admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
    await bot.press(admin, escalation, data)
    await wait_until(lambda: identity_messages(bot, ADMIN_ID), "the reporter, in private")
    assert [e.actor_id for e in await viewed(bot)] == [ADMIN_ID]


async def test_the_csv_export_is_audited_with_its_report_codes(report_world: World) -> None:
    bot, officer = report_world.bot, report_world.officer
    for _ in range(3):
        await report(report_world)
    await bot.command(officer, "/eksporlaporan")
    (entry,) = await bot.services.audit.recent(5, action="report.export")
    assert entry.actor_id == officer["id"]
    assert entry.details == "3 reports: LMB-0001..0003"


def test_report_codes_are_compacted_into_ranges() -> None:
    codes = ["LMB-0003", "LMB-0001", "LMB-0002", "PSR-0007", "LMB-0009", "LMB-0010", "K12-0001"]
    assert compact_codes(codes) == "K12-0001, LMB-0001..0003, LMB-0009..0010, PSR-0007"
    assert compact_codes([]) == ""
