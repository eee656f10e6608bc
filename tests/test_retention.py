"""Retention through the real bot, with a fake clock (`now` handed to the service): closed
reports lose their photos and exact location after RETENTION_REPORT_DAYS and keep their
statistics, finished deliveries lose their rows after RETENTION_DELIVERY_DAYS and keep their
counts, abandoned drafts leave the database and the bot's memory after RETENTION_DRAFT_DAYS,
situation notes (/kondisi) go RETENTION_REPORT_DAYS after they expired, the daily job, the
configuration; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col
from sqlmodel import select

from bot.config import ConfigError
from bot.config import Settings
from bot.config import load_settings
from bot.delivery import Payload
from bot.services.advisories import AdvisoryError
from bot.services.retention import ReportFigures
from bot.services.retention import RetentionService
from bot.texts import t
from handlers import retention
from storage import outbox
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AuditEntry
from storage.models import ConversationState
from storage.models import Delivery
from storage.models import DeliveryState
from storage.models import OutboxRow
from storage.models import Report
from storage.models import ReportPhoto
from storage.models import ReportStatus
from storage.models import SituationNote
from storage.models import UserDraft
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import desa
from tests.helpers import last
from tests.helpers import report
from tests.helpers import stored
from tests.helpers import text_of
from tests.helpers import wait_until

JSON = dict[str, Any]
DAY = dt.timedelta(days=1)


async def report_with_location(world: World, *, photos: int) -> None:
    """/lapor with a shared location (the map point) and `photos` photos."""
    bot, user = world.bot, world.resident
    chat = user["id"]
    await bot.command(user, "/lapor")
    await bot.press(user, last(bot, chat), buttons(last(bot, chat))["🥷 Pencurian"])
    await bot.say(user, "Motor dicuri dari depan rumah")
    await bot.process(bot.updates.location(user, -7.80, 112.80))
    for _ in range(photos):
        await bot.process(bot.updates.photo(user))
    await bot.press(user, last(bot, chat), "lp:next")
    await bot.press(user, last(bot, chat), "lp:urg:0")
    await bot.press(user, last(bot, chat), "lp:anon:0")
    summary = last(bot, chat)
    await bot.press(user, summary, buttons(summary)["✅ Kirim laporan"])


async def close(world: World, code: str) -> None:
    """The officer takes the report and closes it with a note."""
    bot, officer = world.bot, world.officer
    new = await card(world, code)
    await bot.press(officer, new, buttons(new)["✋ Terima"])
    taken = await card(world, "Diterima oleh Andi")
    await bot.press(officer, taken, buttons(taken)["✅ Selesai"])
    await bot.say(officer, "Pelaku diamankan", chat=world.duty)
    await card(world, "Selesai oleh Andi")


async def settled(bot: BotHarness) -> None:
    """Every delivery finished (the engine runs on a scaled clock)."""
    for _ in range(400):
        if not await bot.services.db.run(outbox.any_sending):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("deliveries still sending")


async def two_reports(world: World) -> tuple[Report, Report]:
    """LMB-0001 with a map point and two photos, closed; LMB-0002 with a place and a photo,
    open. Every message about them sent."""
    await report_with_location(world, photos=2)
    await close(world, "LMB-0001")
    await report(world, description="Kambing hilang dari kandang", photos=1)
    await card(world, "LMB-0002")
    await settled(world.bot)
    closed, open_ = await stored(world.bot)
    assert closed.status is ReportStatus.SELESAI and closed.latitude is not None
    assert open_.status is ReportStatus.BARU and open_.place_text
    return closed, open_


async def photos_of(bot: BotHarness, report_id: int) -> list[str]:
    query = select(ReportPhoto.file_id).where(ReportPhoto.report_id == report_id)
    return await bot.services.db.run(lambda s: list(s.exec(query)))


async def payloads_of(bot: BotHarness, report_id: int) -> list[str]:
    query = select(Delivery.payload).where(Delivery.ref == f"report:{report_id}")
    return await bot.services.db.run(lambda s: list(s.exec(query)))


async def statistics(world: World) -> tuple[str, list[JSON]]:
    bot = world.bot
    await bot.command(world.officer, "/statistik")
    stats = text_of(last(bot, world.officer["id"]))
    await bot.command(world.officer, "/eksporlaporan")
    document = bot.fake.calls_to("sendDocument")[-1]
    content = next(iter(document.files.values())).content.decode("utf-8-sig")
    return stats, list(csv.DictReader(io.StringIO(content)))


async def audit_count(bot: BotHarness) -> int:
    return len(await bot.services.db.run(lambda s: list(s.exec(select(AuditEntry.id)))))


async def test_closed_reports_lose_photos_and_location_after_a_year_and_keep_their_statistics(
    report_world: World,
) -> None:
    world = report_world
    bot = world.bot
    closed, open_ = await two_reports(world)
    assert closed.closed_at is not None and closed.id is not None and open_.id is not None
    closed_photos = await photos_of(bot, closed.id)
    open_photos = await photos_of(bot, open_.id)
    assert len(closed_photos) == 2 and len(open_photos) == 1
    assert any(closed_photos[0] in p for p in await payloads_of(bot, closed.id))
    assert any("maps.google.com" in p for p in await payloads_of(bot, closed.id))
    stats_before, rows_before = await statistics(world)
    audited = await audit_count(bot)
    service = bot.services.retention

    # 364 days after closing: nothing is due; the dry run at 366 days changes nothing.
    early = closed.closed_at + 364 * DAY
    assert (await service.preview(now=early)).reports == ReportFigures()
    late = closed.closed_at + 366 * DAY
    dry = await service.preview(now=late)
    assert dry.reports.reports == 1 and dry.reports.photos == 2 and dry.reports.locations == 1
    assert dry.reports.messages >= 3  # the card, the second photo, the edits, the reporter's
    assert await photos_of(bot, closed.id) == closed_photos
    assert (await stored(bot))[0].latitude == closed.latitude
    assert (await service.apply(now=early)).reports == ReportFigures()
    assert (await stored(bot))[0].place_text == closed.place_text

    done = await service.apply(now=late)
    assert done.reports == dry.reports
    after, still_open = await stored(bot)
    assert after.latitude is None and after.longitude is None and after.place_text == ""
    assert await photos_of(bot, closed.id) == []
    assert after.redacted_at is not None
    # The record stays: code, desa, category, status, dates, description, outcome.
    for kept in ("code", "desa_id", "category", "status", "created_at", "closed_at"):
        assert getattr(after, kept) == getattr(closed, kept), kept
    assert after.description == closed.description and after.outcome == "Pelaku diamankan"
    # No stored message about it holds a photo, the map link or its text any more.
    for payload in await payloads_of(bot, closed.id):
        assert '"removed": "retention"' in payload
        assert "maps.google.com" not in payload and closed_photos[0] not in payload
        assert "Motor dicuri" not in payload
    # The open report is untouched.
    assert still_open.place_text == open_.place_text and still_open.redacted_at is None
    assert await photos_of(bot, open_.id) == open_photos
    assert any(open_photos[0] in p for p in await payloads_of(bot, open_.id))

    # Statistics read the same; the CSV lost only the place, the map point and the photos.
    stats_after, rows_after = await statistics(world)
    assert stats_after == stats_before
    assert rows_before[0]["lintang"] and rows_before[0]["foto"] == "2"
    changed = {"tempat": "", "lintang": "", "bujur": "", "foto": "0"}
    assert rows_after[0] == rows_before[0] | changed
    assert rows_after[1] == rows_before[1]
    # The audit log is kept (the exports and the run added entries, nothing was removed).
    assert await audit_count(bot) >= audited + 1
    # (the run at 364 days compacted the deliveries: an entry of its own, before this one)
    entry = (await bot.services.audit.recent(5, action="retention"))[0]
    assert entry.actor_label == "daily job" and entry.details.startswith("reports 1 (photos 2")
    # Done once: a second run finds nothing.
    assert (await service.apply(now=late)).reports == ReportFigures()


async def deliveries(bot: BotHarness) -> list[Delivery]:
    return await bot.services.db.run(
        lambda s: list(s.exec(select(Delivery).order_by(col(Delivery.id))))
    )


async def rows_of(bot: BotHarness, delivery_id: int) -> int:
    return len(
        await bot.services.db.run(
            lambda s: list(s.exec(select(OutboxRow.id).where(OutboxRow.delivery_id == delivery_id)))
        )
    )


async def test_finished_deliveries_keep_their_counts_after_90_days_but_an_open_card_stays(
    report_world: World,
) -> None:
    world = report_world
    bot = world.bot
    closed, open_ = await two_reports(world)
    before = await deliveries(bot)
    assert all(d.state == DeliveryState.DONE and d.finished_at for d in before)
    statuses = {d.id: await bot.services.delivery.status(d.id or 0) for d in before}
    rows = {d.id: await rows_of(bot, d.id or 0) for d in before}
    first = min(d.finished_at for d in before if d.finished_at)
    newest = max(d.finished_at for d in before if d.finished_at)
    service = bot.services.retention

    # 89 days after the first finished: nothing is due.
    assert (await service.preview(now=first + 89 * DAY)).deliveries.deliveries == 0
    dry = await service.preview(now=newest + 91 * DAY)
    # Everything but the card of the open report (edited at every change of it).
    assert dry.deliveries.deliveries == len(before) - 1
    assert dry.deliveries.rows == sum(rows.values()) - rows[open_.duty_delivery_id]
    assert {d.id: await rows_of(bot, d.id or 0) for d in before} == rows  # dry: unchanged

    # One delivery per transaction: the batches add up to what the dry run said.
    one_by_one = RetentionService(bot.services.db, service.settings, batch=1)
    done = await one_by_one.apply(now=newest + 91 * DAY)
    assert done.deliveries == dry.deliveries
    for delivery in await deliveries(bot):
        status = await bot.services.delivery.status(delivery.id or 0)
        assert status is not None
        assert status.counts == statuses[delivery.id].counts, delivery.kind  # type: ignore[union-attr]
        if delivery.id == open_.duty_delivery_id:
            assert status.compacted_at is None and await rows_of(bot, delivery.id) == 1
        else:
            assert status.compacted_at is not None and await rows_of(bot, delivery.id or 0) == 0
            assert await bot.services.delivery.ledger(delivery.id or 0) == []
    card_status = await bot.services.delivery.status(closed.duty_delivery_id or 0)
    assert card_status is not None and card_status.counts.sent == 1

    # The open report goes on: its card is still edited in place.
    await close(world, "LMB-0002")
    await settled(bot)
    # Closed now, its card goes at the next run; a second run has nothing more.
    later = await service.apply(now=utcnow() + 91 * DAY)
    assert later.deliveries.deliveries >= 1
    assert await rows_of(bot, open_.duty_delivery_id or 0) == 0
    assert (await service.apply(now=utcnow() + 91 * DAY)).deliveries.deliveries == 0


async def test_an_advisory_whose_recipients_were_compacted_can_no_longer_be_corrected(
    bot: BotHarness,
) -> None:
    resident = bot.updates.user()
    delivery_id = await bot.services.delivery.enqueue([resident["id"]], Payload.message("Waspada"))

    def sent(session: Any) -> int:
        advisory = Advisory(
            status=AdvisoryStatus.SENT,
            level=AdvisoryLevel.INFO,
            text="Waspada",
            targets="[]",
            target_label="Kronto",
            author_id=ADMIN_ID,
            source_name="Polsek Lumbang",
            delivery_id=delivery_id,
        )
        session.add(advisory)
        session.flush()
        return advisory.id

    advisory_id = await bot.services.db.run(sent)
    await settled(bot)
    advisories = bot.services.advisories
    # Within 90 days it can still be updated.
    assert (await advisories.check_updatable(advisory_id, ADMIN_ID)).id == advisory_id
    await bot.services.retention.apply(now=utcnow() + 91 * DAY)
    for attempt in (
        advisories.check_updatable(advisory_id, ADMIN_ID),
        advisories.cancel(advisory_id, ADMIN_ID, "hoaks"),
    ):
        with pytest.raises(AdvisoryError) as refused:
            await attempt
        assert refused.value.key == "adv.too_old"
    assert "tidak bisa diperbarui atau dicabut lagi" in t("id", "adv.too_old", id=advisory_id)
    status = await bot.services.delivery.status(delivery_id)
    assert status is not None and status.counts.sent == 1 and status.compacted_at is not None
    # An admin asking in chat gets the kept counts and is told why no list follows.
    admin = bot.updates.user(id=ADMIN_ID)
    await bot.command(admin, f"/pengiriman {delivery_id}")
    answer = text_of(last(bot, ADMIN_ID))
    assert "1" in answer and "Daftar penerimanya tidak disimpan lagi sejak" in answer


async def drafts_in_database(bot: BotHarness, user_id: int) -> tuple[int, int]:
    def read(session: Any) -> tuple[int, int]:
        drafts = session.exec(select(UserDraft).where(UserDraft.user_id == user_id)).all()
        states = [s for s in session.exec(select(ConversationState)).all() if str(user_id) in s.key]
        return len(drafts), len(states)

    return await bot.services.db.run(read)


async def begin_report(world: World) -> None:
    """/lapor and a category: the bot waits for the story; written to the database."""
    bot, user = world.bot, world.resident
    await bot.command(user, "/lapor")
    await bot.press(user, last(bot, user["id"]), "lp:cat:pencurian")
    await bot.app.update_persistence()
    assert await drafts_in_database(bot, user["id"]) == (1, 1)


async def test_a_draft_abandoned_six_days_survives_and_the_report_goes_on(
    report_world: World,
) -> None:
    world = report_world
    bot, user = world.bot, world.resident
    await begin_report(world)
    result = await retention.run(bot.app, now=utcnow() + 6 * DAY)
    assert result.drafts.users == [] and result.drafts.states == []
    assert await drafts_in_database(bot, user["id"]) == (1, 1)
    await bot.say(user, "Sepeda hilang di depan sekolah")
    assert "Sepeda hilang di depan sekolah" in str(bot.app.user_data[user["id"]])


async def test_a_draft_abandoned_eight_days_is_gone_and_the_user_gets_the_normal_answer(
    report_world: World,
) -> None:
    world = report_world
    bot, user = world.bot, world.resident
    await begin_report(world)
    dry = await bot.services.retention.preview(now=utcnow() + 8 * DAY)
    assert dry.drafts.users == [user["id"]] and len(dry.drafts.states) == 1
    assert await drafts_in_database(bot, user["id"]) == (1, 1)  # a dry run changes nothing

    result = await retention.run(bot.app, now=utcnow() + 8 * DAY)
    assert result.drafts.users == [user["id"]] and len(result.drafts.states) == 1
    assert await drafts_in_database(bot, user["id"]) == (0, 0)
    assert not bot.app.user_data.get(user["id"])
    # Nothing is written back by the next persistence round.
    await bot.app.update_persistence()
    assert await drafts_in_database(bot, user["id"]) == (0, 0)
    # The story typed now is not taken as the report's: the bot answers free text as usual.
    await bot.say(user, "Sepeda hilang di depan sekolah")
    answer = text_of(last(bot, user["id"]))
    assert answer.split("\n")[0] == t("id", "fallback.text").split("\n")[0], answer
    assert await drafts_in_database(bot, user["id"]) == (0, 0)


async def test_the_daily_job_is_scheduled_at_start_up_and_a_failure_is_told_once(
    bot: BotHarness,
) -> None:
    (job,) = bot.app.job_queue.get_jobs_by_name(retention.JOB)
    local = job.next_t.astimezone(bot.settings.timezone)
    assert (local.hour, local.minute) == (3, 0)

    async def broken(**_: Any) -> None:
        raise RuntimeError("retention broke")

    bot.services.retention.apply = broken  # type: ignore[method-assign]
    await job.run(bot.app)
    await job.run(bot.app)

    def told() -> list[str]:
        return [t for t in bot.fake.texts(ADMIN_CHAT_ID) if "retention broke" in t]

    await wait_until(told, "the admin chat to hear of the failure")
    await asyncio.sleep(0.1)
    assert len(told()) == 1


async def test_the_hour_of_the_daily_job_is_configurable(
    settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(replace(settings, retention_hour=5), fake) as bot:
        (job,) = bot.app.job_queue.get_jobs_by_name(retention.JOB)
        assert job.next_t.astimezone(bot.settings.timezone).hour == 5


def test_retention_keys_are_read_checked_and_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("RETENTION_REPORT_DAYS", "RETENTION_DELIVERY_DAYS", "RETENTION_DRAFT_DAYS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.delenv("RETENTION_HOUR", raising=False)
    config = tmp_path / "config.env"
    config.write_text("")
    defaults = load_settings(config, require_token=False)
    assert (
        defaults.retention_report_days,
        defaults.retention_delivery_days,
        defaults.retention_draft_days,
        defaults.retention_hour,
    ) == (365, 90, 7, 3)
    shown = dict(defaults.describe())
    assert shown["RETENTION_REPORT_DAYS"] == "365" and shown["RETENTION_HOUR"] == "03:00"
    config.write_text(
        "RETENTION_REPORT_DAYS=30\nRETENTION_DELIVERY_DAYS=14\nRETENTION_DRAFT_DAYS=2\n"
        "RETENTION_HOUR=4\n"
    )
    chosen = load_settings(config, require_token=False)
    assert (chosen.retention_report_days, chosen.retention_draft_days) == (30, 2)
    config.write_text("RETENTION_REPORT_DAYS=setahun\nRETENTION_HOUR=24\nRETENTION_DRAFT_DAYS=0\n")
    with pytest.raises(ConfigError) as refused:
        load_settings(config, require_token=False)
    message = str(refused.value)
    assert "RETENTION_REPORT_DAYS: 'setahun' — isi angka 1 sampai 3650" in message
    assert "RETENTION_HOUR: '24' — isi angka 0 sampai 23" in message
    assert "RETENTION_DRAFT_DAYS: '0'" in message


async def test_situation_notes_are_deleted_a_year_after_they_expired_and_one_in_force_stays(
    report_world: World,
) -> None:
    world = report_world
    bot = world.bot
    kondisi, service = bot.services.kondisi, bot.services.retention
    officer = world.officer["id"]
    kronto = desa(bot, "Kronto").id
    start = utcnow()
    expired = await kondisi.add_note(officer, kronto, "Ada hajatan, parkir ramai", now=start)
    withdrawn = await kondisi.add_note(officer, kronto, "Jalan ditutup sementara", now=start)
    await kondisi.withdraw(officer, withdrawn.id, now=start + DAY)
    late = expired.expires_at + 366 * DAY
    in_force = await kondisi.add_note(officer, kronto, "Aman terkendali", now=late - 3 * DAY)

    async def notes() -> list[str]:
        rows = await bot.services.db.run(
            lambda s: list(s.exec(select(SituationNote).order_by(col(SituationNote.id))))
        )
        return [note.text for note in rows]

    # 364 days after their expiry: nothing is due.
    early = expired.expires_at + 364 * DAY
    assert (await service.preview(now=early)).notes.notes == 0
    assert (await service.apply(now=early)).notes.notes == 0
    # 366 days after: the expired and the withdrawn note; a dry run changes nothing.
    dry = await service.preview(now=late)
    assert dry.notes.notes == 2
    assert len(await notes()) == 3
    done = await service.apply(now=late)
    assert done.notes.notes == 2 and "situation notes 2" in done.summary()
    assert await notes() == [in_force.text]
    # The note in force is still shown to the neighbours.
    pancur = await kondisi.picture(desa(bot, "Pancur").id, "id", now=late)
    assert "Aman terkendali" in pancur.text
    entry = (await bot.services.audit.recent(1, action="retention"))[0]
    assert entry.details.endswith("situation notes 2")
    # Done once: a second run finds nothing.
    assert (await service.apply(now=late)).notes.notes == 0
