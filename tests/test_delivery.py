"""The delivery engine through the real Application and the fake Bot API (limits enforced, time
scaled so that a test minute passes in a few real seconds), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import Session
from sqlmodel import select

from bot.config import Settings
from bot.delivery import Payload
from bot.delivery import Priority
from bot.delivery.engine import DeliveryEngine
from storage import outbox
from storage.db import Database
from storage.models import Delivery
from storage.models import DeliveryChat
from storage.models import DeliveryPacer
from storage.models import DeliveryState
from storage.models import OutboxRow
from storage.models import OutboxStatus
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import Fault
from tests.harness import ScaledClock
from tests.harness import UpdateFactory
from tests.helpers import ADMIN_ID
from tests.helpers import wait_until

# Fake seconds per real second: Telegram's limits are enforced in fake time.
SCALE = 20.0


@pytest.fixture
def scaled_clock() -> ScaledClock:
    return ScaledClock(SCALE)


@pytest.fixture
def limited(scaled_clock: ScaledClock) -> FakeTelegram:
    """The fake with Telegram's limits (30/s, 1/s per chat, 20/min per group)."""
    return FakeTelegram(clock=scaled_clock)


@pytest.fixture
async def app(
    settings: Settings, limited: FakeTelegram, scaled_clock: ScaledClock
) -> AsyncIterator[BotHarness]:
    async with BotHarness(settings, limited, delivery_clock=scaled_clock) as harness:
        yield harness


async def finished(harness: BotHarness, delivery_id: int) -> Any:
    """Wait until the delivery is done; return its status."""

    async def done() -> Any:
        status = await harness.services.delivery.status(delivery_id)
        return status if status.state is DeliveryState.DONE else None

    return await wait_until(done, f"delivery {delivery_id} to finish")


def people(harness: BotHarness, count: int) -> list[int]:
    return [harness.updates.user(first_name=f"Warga {n}")["id"] for n in range(count)]


def sends_per_chat(fake: FakeTelegram) -> Counter[int]:
    return Counter(m["chat"]["id"] for m in fake.sent_messages())


# ---- the outbox ----------------------------------------------------------------------------


def test_enqueue_writes_every_row_or_none(db: Database) -> None:
    def enqueue_then_fail(session: Session) -> None:
        outbox.create_delivery(
            session,
            kind="advisory",
            ref="adv:1",
            priority=Priority.INFO,
            payload=Payload.message("x").to_json(),
            chat_ids=[1, 2, 3],
            now=0.0,
        )
        raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        db.call(enqueue_then_fail)
    assert db.call(lambda s: s.exec(select(OutboxRow)).all()) == []
    assert db.call(lambda s: s.exec(select(Delivery)).all()) == []

    delivery_id = db.call(
        outbox.create_delivery,
        kind="advisory",
        ref="adv:1",
        priority=Priority.INFO,
        payload=Payload.message("x").to_json(),
        chat_ids=[1, 2, 2, 3, 1],
        now=0.0,
    )
    counts = db.call(outbox.counts, delivery_id)
    assert (counts.total, counts.pending) == (3, 3)  # duplicates dropped


def test_a_muster_call_goes_after_one_to_one_messages_and_before_every_broadcast(
    db: Database,
) -> None:
    payload = Payload.message("x").to_json()
    # Enqueued from the least to the most urgent, each to its own chat (no pacing between them).
    order = [Priority.INFO, Priority.WASPADA, Priority.DARURAT, Priority.SIAGA, Priority.DIRECT]
    for chat_id, priority in enumerate(order, start=1):
        db.call(
            outbox.create_delivery,
            kind="k",
            ref="",
            priority=priority,
            payload=payload,
            chat_ids=[chat_id],
            now=0.0,
        )
    taken = db.call(outbox.claim, "w1", 100.0, 10, 60.0)
    assert [c.priority for c in taken] == list(reversed(order))


def test_claim_never_takes_a_row_twice_and_paces_a_chat(db: Database) -> None:
    payload = Payload.message("x").to_json()
    first = db.call(
        outbox.create_delivery,
        kind="a",
        ref="",
        priority=Priority.INFO,
        payload=payload,
        chat_ids=[1, 2],
        now=0.0,
    )
    db.call(
        outbox.create_delivery,
        kind="b",
        ref="",
        priority=Priority.DIRECT,
        payload=payload,
        chat_ids=[1],
        now=0.0,
    )
    taken = db.call(outbox.claim, "w1", 100.0, 10, 60.0)
    # The DIRECT row first; chat 1's second row waits for its pacing interval.
    assert [(c.chat_id, c.priority) for c in taken] == [(1, Priority.DIRECT), (2, Priority.INFO)]
    assert db.call(outbox.claim, "w2", 100.5, 10, 60.0) == []
    later = db.call(outbox.claim, "w2", 101.0, 10, 60.0)
    assert [(c.delivery_id, c.chat_id) for c in later] == [(first, 1)]


# ---- through the Application -----------------------------------------------------------------


async def test_broadcast_reaches_everyone_once_with_progress_and_report(
    app: BotHarness, limited: FakeTelegram
) -> None:
    app.updates.user(id=ADMIN_ID, first_name="Admin")
    recipients = people(app, 45)
    for chat_id in recipients[:3]:
        limited.block(chat_id)
    delivery_id = await app.services.delivery.enqueue(
        recipients,
        Payload.message("<b>Himbauan</b>: waspada pencurian ternak"),
        Priority.WASPADA,
        kind="advisory",
        ref="adv:7",
        created_by=ADMIN_ID,
        progress_chat_id=ADMIN_ID,
    )
    status = await finished(app, delivery_id)
    assert (status.counts.sent, status.counts.blocked, status.counts.total) == (42, 3, 45)
    per_chat = sends_per_chat(limited)
    assert [per_chat[c] for c in recipients] == [0] * 3 + [1] * 42
    assert limited.stats.too_many_requests == 0

    report = await wait_until(
        lambda: [t for t in limited.texts(ADMIN_ID) if "Rekap pengiriman" in t],
        "the final report",
    )
    assert "Terkirim: 42 dari 45" in report[0]
    assert "Tidak bisa dihubungi: 3" in report[0]
    # The progress message was sent first and ends showing the final numbers.
    progress_message = limited.sent_messages(ADMIN_ID)[0]
    await wait_until(
        lambda: (
            "Terkirim 42 / 45 · gagal 0 · tidak bisa dihubungi 3"
            in limited.get_message(ADMIN_ID, progress_message["message_id"])["text"]
        ),
        "the progress message's last edit",
    )


async def test_indonesian_numbers_in_progress() -> None:
    from bot.delivery.progress import counts_text
    from bot.delivery.progress import number

    assert number(1240, "id") == "1.240"
    assert number(1240, "en") == "1,240"
    text = counts_text(
        "id", "delivery.progress", 3, outbox.Counts(total=5000, sent=1240, failed=12, blocked=30)
    )
    assert "Terkirim 1.240 / 5.000 · gagal 12 · tidak bisa dihubungi 30" in text


async def test_rows_of_a_dead_worker_resume_and_sent_rows_are_never_resent(
    settings: Settings, limited: FakeTelegram, scaled_clock: ScaledClock
) -> None:
    factory = UpdateFactory(limited)
    chats = [factory.user()["id"] for _ in range(10)]
    db = Database(settings.database_url)
    try:
        delivery_id = db.call(
            outbox.create_delivery,
            kind="advisory",
            ref="",
            priority=Priority.INFO,
            payload=Payload.message("sebelum crash").to_json(),
            chat_ids=chats,
            now=0.0,
        )

        def crash_state(session: Session) -> None:
            rows = session.exec(select(OutboxRow).order_by(OutboxRow.id)).all()
            for row in rows[:3]:  # recorded as sent before the crash
                row.status, row.message_id = OutboxStatus.SENT, 1
            for row in rows[3:6]:  # claimed by the dead process, lease long expired
                row.status, row.claimed_by, row.lease_until = OutboxStatus.CLAIMED, "dead:1", 1.0
            session.add_all(rows)

        db.call(crash_state)
    finally:
        db.close()

    async with BotHarness(settings, limited, delivery_clock=scaled_clock) as harness:
        status = await finished(harness, delivery_id)
    assert status.counts.sent == 10
    per_chat = sends_per_chat(limited)
    assert [per_chat[c] for c in chats] == [0, 0, 0] + [1] * 7


async def test_stop_hands_back_claimed_rows(
    settings: Settings, limited: FakeTelegram, scaled_clock: ScaledClock
) -> None:
    factory = UpdateFactory(limited)
    chats = [factory.user()["id"] for _ in range(200)]
    async with BotHarness(settings, limited, delivery_clock=scaled_clock) as harness:
        delivery_id = await harness.services.delivery.enqueue(chats, Payload.message("x"))
        await wait_until(lambda: len(limited.sent_messages()) >= 20, "sending to start")
    db = Database(settings.database_url)
    try:
        rows = db.call(lambda s: s.exec(select(OutboxRow)).all())
    finally:
        db.close()
    by_status = Counter(r.status for r in rows)
    assert by_status[OutboxStatus.CLAIMED] == 0  # nothing left for a lease to expire
    assert by_status[OutboxStatus.SENT] == len(limited.sent_messages())
    assert by_status[OutboxStatus.PENDING] == 200 - by_status[OutboxStatus.SENT]
    # ...and the next start finishes the job without sending anything twice.
    async with BotHarness(settings, limited, delivery_clock=scaled_clock) as harness:
        await finished(harness, delivery_id)
    assert sorted(sends_per_chat(limited).values()) == [1] * 200


async def test_retry_after_pauses_every_send_then_resumes(
    app: BotHarness, limited: FakeTelegram
) -> None:
    recipients = people(app, 12)
    limited.inject(Fault.retry_after(3), method="sendMessage", chat_id=recipients[2])
    delivery_id = await app.services.delivery.enqueue(recipients, Payload.message("x"))
    await finished(app, delivery_id)
    calls = limited.calls_to("sendMessage")
    refused = next(c for c in calls if c.status == 429)
    after = [c for c in calls if c.at > refused.at and c.status == 200]
    # Sends already on their way when the 429 came back may land just after it; none later
    # than that until the 3 s are over.
    assert all(c.at >= refused.at + 3 - 0.2 for c in after[3:])
    assert sorted(sends_per_chat(limited).values()) == [1] * 12
    pacer = app.services.db.call(lambda s: s.get(DeliveryPacer, 1))
    assert pacer.paused_until > 0  # shared with every other process


async def test_blocked_chats_are_skipped_until_the_user_returns(
    app: BotHarness, limited: FakeTelegram
) -> None:
    budi, siti = app.updates.user(first_name="Budi"), app.updates.user(first_name="Siti")
    limited.block(budi["id"])
    delivery = app.services.delivery
    first = await delivery.enqueue([budi["id"], siti["id"]], Payload.message("satu"))
    await finished(app, first)
    assert not await delivery.is_reachable(budi["id"])
    ledger = {e.chat_id: e for e in await delivery.ledger(first)}
    assert ledger[budi["id"]].status == "blocked"
    assert "blocked by the user" in (ledger[budi["id"]].error or "")

    second = await delivery.enqueue([budi["id"], siti["id"]], Payload.message("dua"))
    status = await finished(app, second)
    assert (status.counts.sent, status.counts.blocked) == (1, 1)
    assert len(limited.calls_to("sendMessage", chat_id=budi["id"])) == 1  # not tried again

    limited.unblock(budi["id"])
    await app.command(budi, "/start")  # Budi talks to the bot again
    assert await delivery.is_reachable(budi["id"])
    third = await delivery.enqueue([budi["id"]], Payload.message("tiga"))
    await finished(app, third)
    assert "tiga" in limited.texts(budi["id"])


async def test_bad_request_is_recorded_and_not_retried(
    app: BotHarness, limited: FakeTelegram
) -> None:
    budi = app.updates.user()["id"]
    unknown = 555_000_111  # a chat Telegram does not know
    delivery_id = await app.services.delivery.enqueue([budi, unknown], Payload.message("x"))
    status = await finished(app, delivery_id)
    assert (status.counts.sent, status.counts.failed) == (1, 1)
    ledger = {e.chat_id: e for e in await app.services.delivery.ledger(delivery_id)}
    assert ledger[unknown].error == "Chat not found"
    assert len(limited.calls_to("sendMessage", chat_id=unknown)) == 1


async def test_network_errors_are_retried_with_backoff_then_given_up(
    app: BotHarness, limited: FakeTelegram
) -> None:
    lucky, unlucky = people(app, 2)
    limited.inject(Fault.network_error(), method="sendMessage", chat_id=lucky, times=2)
    limited.inject(Fault.timeout(), method="sendMessage", chat_id=unlucky, times=50)
    delivery_id = await app.services.delivery.enqueue([lucky, unlucky], Payload.message("x"))
    status = await finished(app, delivery_id)
    assert (status.counts.sent, status.counts.failed) == (1, 1)
    lucky_calls = limited.calls_to("sendMessage", chat_id=lucky)
    unlucky_calls = limited.calls_to("sendMessage", chat_id=unlucky)
    assert len(lucky_calls) == 3
    assert len(unlucky_calls) == 5  # MAX_ATTEMPTS
    waits = [b.at - a.at for a, b in itertools.pairwise(unlucky_calls)]
    # Backing off: retry n waits at least 0.8 * 2**(n-1) seconds (backoff's lower bound). A busy
    # machine only makes a wait longer, so lower bounds are what can be asserted without flaking.
    assert [round(w, 1) >= 0.8 * 2**n for n, w in enumerate(waits)] == [True] * 4, waits
    ledger = {e.chat_id: e for e in await app.services.delivery.ledger(delivery_id)}
    assert ledger[unlucky].error.startswith("gave up: TimedOut")
    assert ledger[unlucky].attempts == 5


async def test_a_direct_message_overtakes_a_queued_broadcast(
    app: BotHarness, limited: FakeTelegram
) -> None:
    recipients = people(app, 300)
    pelapor = app.updates.user(first_name="Pelapor")["id"]
    broadcast = await app.services.delivery.enqueue(recipients, Payload.message("himbauan"))
    await wait_until(lambda: len(limited.sent_messages()) >= 10, "the broadcast to start")
    await app.services.delivery.send_direct(pelapor, Payload.message("Laporan #3 diterima"))
    await finished(app, broadcast)
    order = [m["chat"]["id"] for m in limited.sent_messages()]
    # Queued after all 300 broadcast rows, it went out long before most of them. Behind it:
    # rows claimed before it arrived, about a second of sending; on a loaded machine each real
    # millisecond of database work is 20 ms here (time runs x20), so leave room: one full-suite
    # run under load measured position 135 of 151 with a broadcast half this size.
    assert order.index(pelapor) < 200


async def test_a_group_gets_at_most_20_messages_a_minute(
    app: BotHarness, limited: FakeTelegram, scaled_clock: ScaledClock
) -> None:
    group = app.updates.group(title="Grup Ronda")["id"]
    ids = [
        await app.services.delivery.send_direct(group, Payload.message(f"pesan {n}"))
        for n in range(24)
    ]
    for delivery_id in ids:
        await finished(app, delivery_id)
    times = sorted(c.at for c in limited.calls_to("sendMessage", chat_id=group))
    assert len(times) == 24
    assert limited.stats.too_many_requests == 0
    assert all(b - a >= 60 for a, b in zip(times, times[20:], strict=False))


async def test_edits_and_follow_ups_reach_exactly_the_chats_that_got_the_original(
    app: BotHarness, limited: FakeTelegram
) -> None:
    a, b, c = people(app, 3)
    limited.block(c)
    delivery = app.services.delivery
    original = await delivery.enqueue([a, b, c], Payload.message("Himbauan: banjir"))
    await finished(app, original)
    ids = {m["chat"]["id"]: m["message_id"] for m in limited.sent_messages()}

    edit = await delivery.edit_delivered(original, Payload.message("Himbauan: banjir <s>x</s>"))
    await finished(app, edit)
    edits = limited.calls_to("editMessageText")
    assert sorted((e.params["chat_id"], e.params["message_id"]) for e in edits) == sorted(
        [(a, ids[a]), (b, ids[b])]
    )
    assert limited.get_message(a, ids[a])["text"] == "Himbauan: banjir x"

    follow = await delivery.follow_up(original, Payload.message("Air sudah surut"))
    await finished(app, follow)
    replies = [m for m in limited.sent_messages() if m.get("text") == "Air sudah surut"]
    assert sorted(m["chat"]["id"] for m in replies) == sorted([a, b])
    assert all(m["reply_to_message"]["message_id"] == ids[m["chat"]["id"]] for m in replies)


async def test_cancel_stops_rows_not_yet_sent(app: BotHarness, limited: FakeTelegram) -> None:
    recipients = people(app, 600)
    delivery_id = await app.services.delivery.enqueue(recipients, Payload.message("x"))
    await wait_until(lambda: len(limited.sent_messages()) >= 5, "sending to start")
    cancelled = await app.services.delivery.cancel(delivery_id)
    status = await finished(app, delivery_id)
    assert cancelled > 0
    assert status.counts.cancelled == cancelled
    assert status.counts.sent == len(limited.sent_messages()) == 600 - cancelled


async def test_admin_sees_status_and_who_did_not_get_it(
    app: BotHarness, limited: FakeTelegram
) -> None:
    recipients = people(app, 4)
    await app.command({"id": recipients[0], "is_bot": False, "first_name": "Warga 0"}, "/start")
    limited.block(recipients[0])
    delivery_id = await app.services.delivery.enqueue(recipients, Payload.message("x"))
    await finished(app, delivery_id)
    admin = app.updates.user(id=ADMIN_ID, first_name="Admin")
    await app.command(admin, f"/pengiriman {delivery_id}")
    answer = limited.texts(ADMIN_ID)[-1]
    assert f"Pengiriman #{delivery_id}" in answer
    assert "Terkirim 3 / 4" in answer and "memblokir bot 1" in answer
    assert f"{recipients[0]} Warga 0: blocked" in answer

    warga = app.updates.user(first_name="Bukan Admin")
    before = app.services.db.call(lambda s: len(s.exec(select(OutboxRow)).all()))
    await app.command(warga, f"/pengiriman {delivery_id}")
    # Senders see their own deliveries; a resident sends none.
    assert limited.texts(warga["id"])[-1].startswith(
        "Maaf, perintah ini hanya untuk pengurus terverifikasi"
    )
    assert app.services.db.call(lambda s: len(s.exec(select(OutboxRow)).all())) == before

    await app.command(admin, "/pengiriman")
    assert "Pakai: /pengiriman" in limited.texts(ADMIN_ID)[-1]
    await app.command(admin, "/pengiriman 99999")
    assert "tidak ditemukan" in limited.texts(ADMIN_ID)[-1]


async def test_engine_bounds_what_a_crash_can_leave_unknown(db: Database) -> None:
    engine = DeliveryEngine(db, sender=None, clock=ScaledClock(1), rate=30.0, worker_id="w")  # type: ignore[arg-type]
    assert engine.unknown_at_crash == engine.max_in_flight + engine.flush_batch
    assert engine.unknown_at_crash <= 100


def test_inactive_flag_survives_in_the_database(db: Database) -> None:
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    db.call(outbox.mark_inactive, {42: "Forbidden: bot was blocked by the user"}, now)
    assert db.call(outbox.is_active, 42) is False
    assert db.call(outbox.reactivate, 42, now) is True
    assert db.call(outbox.reactivate, 42, now) is False
    row = db.call(lambda s: s.get(DeliveryChat, 42))
    assert row.active and row.reason == ""
    db.call(lambda s: s.execute(update(DeliveryChat).values(active=False)))
    assert db.call(outbox.is_active, 42) is False


async def test_stamping_a_send_passes_results_errors_and_cancellation_through() -> None:
    from bot.delivery.engine import _StampFirstWait

    stamps: list[str] = []

    async def waits_then(value: object) -> object:
        stamps.append("started")
        await asyncio.sleep(0)
        if isinstance(value, Exception):
            raise value
        return value

    assert await _StampFirstWait(waits_then(7), lambda: stamps.append("stamp")) == 7
    assert stamps == ["started", "stamp"]
    with pytest.raises(ValueError, match="400"):
        await _StampFirstWait(waits_then(ValueError("400")), lambda: None)

    async def forever() -> None:
        await asyncio.Event().wait()

    async def stamped_forever() -> None:
        await _StampFirstWait(forever(), lambda: stamps.append("x"))

    task = asyncio.create_task(stamped_forever())
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_paid_broadcasts_are_marked_but_direct_messages_are_not(
    settings: Settings, limited: FakeTelegram, scaled_clock: ScaledClock
) -> None:
    import dataclasses

    paid = dataclasses.replace(settings, delivery_rate=100.0, paid_broadcast=True)
    async with BotHarness(paid, limited, delivery_clock=scaled_clock) as harness:
        budi, siti = people(harness, 2)
        broadcast = await harness.services.delivery.enqueue([budi], Payload.message("x"))
        direct = await harness.services.delivery.send_direct(siti, Payload.message("y"))
        await finished(harness, broadcast)
        await finished(harness, direct)
    [to_budi] = limited.calls_to("sendMessage", chat_id=budi)
    [to_siti] = limited.calls_to("sendMessage", chat_id=siti)
    assert to_budi.params.get("allow_paid_broadcast") is True
    assert "allow_paid_broadcast" not in to_siti.params
