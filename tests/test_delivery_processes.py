"""Bot processes and the outbox they share: two `kamtibmas run` processes on one PostgreSQL
outbox send every row once within the bot's overall rate (the fake Bot API enforces Telegram's
limits); the rows a process held when it was killed (kill -9) are sent again at once by the next
start on SQLite, and within seconds by a live worker on PostgreSQL, not after their lease."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import Session
from sqlmodel import select

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.delivery import SendOutcome
from bot.delivery import Sent
from bot.delivery.engine import LEASE_SECONDS
from storage import migrate
from storage import outbox
from storage.db import Database
from storage.models import DeliveryWorker
from storage.models import OutboxRow
from storage.models import OutboxStatus
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import latency_profile
from tests.helpers import TOKEN
from tests.helpers import BotProcess
from tests.helpers import base_env
from tests.helpers import postgres_schema
from tests.helpers import wait_for
from tests.helpers import wait_until

RECIPIENTS = 300
RATE = 30
# Killed after this many sends: the process then holds about a second of claimed rows.
KILL_AFTER = 100


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="several processes share an outbox on PostgreSQL only (SQLite: one process)",
)
def test_two_processes_send_each_row_once_within_the_shared_limit(tmp_path: Path) -> None:
    with postgres_schema(os.environ["TEST_DATABASE_URL"]) as url:
        _two_processes(tmp_path, url)


def _two_processes(tmp_path: Path, empty_database_url: str) -> None:
    fake = FakeTelegram(global_rate=RATE, global_burst=RATE, strict_chats=False)
    fake.latency = latency_profile(median=0.02, stall_probability=0.01, stall=0.5)
    chats = list(range(5_000_001, 5_000_001 + RECIPIENTS))
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = base_env(http, empty_database_url) | {
            "DELIVERY_RATE": str(RATE),
            "LOG_LEVEL": "INFO",
        }
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        first = BotProcess(tmp_path / "a", env)
        # One at a time: both would otherwise race to create the schema.
        wait_for(lambda: fake.calls_to("deleteWebhook"), 30, "the first process to start")
        second = BotProcess(tmp_path / "b", env)
        try:
            wait_for(lambda: len(fake.calls_to("deleteWebhook")) >= 2, 30, "the second one")
            db = Database(empty_database_url)
            try:
                delivery_id = asyncio.run(
                    DeliveryService(db).enqueue(chats, Payload.message("x"), Priority.INFO)
                )
                wait_for(
                    lambda: len(fake.sent_messages()) >= RECIPIENTS, 60, "every row to be sent"
                )
                for bot in (first, second):
                    code, _ = bot.stop()  # a clean stop records what is in flight
                    assert code == 0, bot.output()
                rows = db.call(
                    lambda s: s.exec(
                        select(OutboxRow).where(OutboxRow.delivery_id == delivery_id)
                    ).all()
                )
            finally:
                db.close()
        finally:
            first.kill()
            second.kill()
    per_chat = Counter(m["chat"]["id"] for m in fake.sent_messages())
    assert sorted(per_chat) == chats
    assert set(per_chat.values()) == {1}
    assert fake.stats.too_many_requests == 0, "the processes together exceeded the limit"
    times = sorted(c.at for c in fake.calls_to("sendMessage"))
    # Two independent 30/s senders would be done in about 5 s; a shared limit takes 10.
    assert times[-1] - times[0] >= RECIPIENTS / RATE - 1.5
    assert all(r.status == OutboxStatus.SENT for r in rows)
    senders = Counter(r.claimed_by for r in rows)
    assert len(senders) == 2, f"both processes should have sent: {senders}"


def _rows(db: Database, delivery_id: int) -> list[OutboxRow]:
    def read(session: Session) -> list[OutboxRow]:
        return list(session.exec(select(OutboxRow).where(OutboxRow.delivery_id == delivery_id)))

    return db.call(read)


def _ready(bot: BotProcess) -> bool:
    return "is ready" in bot.output()


def _per_chat(fake: FakeTelegram) -> Counter[int]:
    return Counter(m["chat"]["id"] for m in fake.sent_messages())


def test_a_restart_on_sqlite_resumes_the_rows_the_killed_process_held_at_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'kamtibmas.db'}"
    fake = FakeTelegram(global_rate=RATE, global_burst=RATE, strict_chats=False)
    chats = list(range(5_000_001, 5_000_001 + RECIPIENTS))
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = base_env(http, url) | {"DELIVERY_RATE": str(RATE), "LOG_LEVEL": "INFO"}
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        first = BotProcess(tmp_path / "a", env)
        second: BotProcess | None = None
        db = Database(url)
        try:
            wait_for(lambda: _ready(first), 30, "the first process to start")
            delivery_id = asyncio.run(
                DeliveryService(db).enqueue(chats, Payload.message("x"), Priority.INFO)
            )
            wait_for(lambda: len(fake.sent_messages()) >= KILL_AFTER, 30, "sending to start")
            first.kill()
            held = {
                r.id: r.claimed_by
                for r in _rows(db, delivery_id)
                if r.status == OutboxStatus.CLAIMED
            }
            assert held, "the killed process held no rows: nothing to show"

            second = BotProcess(tmp_path / "b", env)
            wait_for(lambda: _ready(second), 30, "the restarted process to start")
            # Ready means its engine has started: the dead process's claims are gone already,
            # where a lease would have kept them for up to a minute.
            still_held = [
                r.id
                for r in _rows(db, delivery_id)
                if r.status == OutboxStatus.CLAIMED and held.get(r.id) == r.claimed_by
            ]
            assert still_held == [], second.output()
            assert "resumed at start" in second.output()
            wait_for(lambda: len(_per_chat(fake)) >= RECIPIENTS, 60, "every chat to get it")
            code, _ = second.stop()
            assert code == 0, second.output()
            rows = _rows(db, delivery_id)
        finally:
            db.close()
            first.kill()
            if second is not None:
                second.kill()
    per_chat = _per_chat(fake)
    assert sorted(per_chat) == chats  # nothing lost
    # At least once: only rows whose outcome the crash left unknown can arrive twice.
    assert sum(n - 1 for n in per_chat.values()) <= len(held)
    assert all(r.status == OutboxStatus.SENT for r in rows)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="several processes send from one outbox on PostgreSQL only",
)
def test_a_live_worker_resumes_a_killed_worker_rows_before_their_lease_ends(
    tmp_path: Path,
) -> None:
    with postgres_schema(os.environ["TEST_DATABASE_URL"]) as url:
        _kill_one_of_two(tmp_path, url)


def _kill_one_of_two(tmp_path: Path, empty_database_url: str) -> None:
    fake = FakeTelegram(global_rate=RATE, global_burst=RATE, strict_chats=False)
    chats = list(range(5_000_001, 5_000_001 + RECIPIENTS))
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = base_env(http, empty_database_url) | {
            "DELIVERY_RATE": str(RATE),
            "LOG_LEVEL": "INFO",
        }
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        victim = BotProcess(tmp_path / "a", env)
        # One at a time: both would otherwise race to create the schema.
        wait_for(lambda: _ready(victim), 30, "the first process to start")
        survivor = BotProcess(tmp_path / "b", env)
        db = Database(empty_database_url)
        try:
            wait_for(lambda: _ready(survivor), 30, "the second one")
            delivery_id = asyncio.run(
                DeliveryService(db).enqueue(chats, Payload.message("x"), Priority.INFO)
            )
            wait_for(lambda: len(fake.sent_messages()) >= KILL_AFTER, 30, "sending to start")
            victim.kill()
            # Worker ids are host:pid:random.
            pid = str(victim.process.pid)
            held = {
                r.id: (r.claimed_by, r.lease_until)
                for r in _rows(db, delivery_id)
                if r.status == OutboxStatus.CLAIMED and (r.claimed_by or "::").split(":")[1] == pid
            }
            assert held, "the killed worker held no rows: nothing to show"
            # Every lease was renewed at most LEASE_SECONDS / 3 before the kill.
            first_lease_end = min(until or 0.0 for _, until in held.values())

            def given_back() -> bool:
                return not any(
                    r.status == OutboxStatus.CLAIMED and held.get(r.id, ("",))[0] == r.claimed_by
                    for r in _rows(db, delivery_id)
                )

            wait_for(given_back, LEASE_SECONDS, "the killed worker's rows to be given back")
            # Back before any of their leases could have run out: the heartbeat did it.
            assert time.time() < first_lease_end
            assert "no heartbeat for" in survivor.output()
            wait_for(lambda: len(_per_chat(fake)) >= RECIPIENTS, 60, "every chat to get it")
            code, _ = survivor.stop()
            assert code == 0, survivor.output()
            rows = _rows(db, delivery_id)
        finally:
            db.close()
            victim.kill()
            survivor.kill()
    per_chat = _per_chat(fake)
    assert sorted(per_chat) == chats
    assert sum(n - 1 for n in per_chat.values()) <= len(held)
    assert all(r.status == OutboxStatus.SENT for r in rows)


class _Recorder:
    """A Sender that accepts everything and remembers who got what."""

    def __init__(self) -> None:
        self.chats: list[int] = []

    async def send(self, chat_id: int, method: str, params: dict[str, object]) -> SendOutcome:
        self.chats.append(chat_id)
        return Sent(len(self.chats))


async def test_a_second_process_on_one_sqlite_file_stands_by_then_takes_over(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'kamtibmas.db'}"
    migrate_db = Database(url)
    migrate.upgrade(migrate_db.engine)
    migrate_db.close()
    # Two engines in one process hold two open files: flock treats them as two processes.
    first_db, second_db = Database(url), Database(url)
    first, second = DeliveryService(first_db, rate=None), DeliveryService(second_db, rate=None)
    sent_first, sent_second = _Recorder(), _Recorder()
    try:
        await first.start(sent_first)
        await second.start(sent_second)
        await second.enqueue([1, 2, 3], Payload.message("x"))
        await wait_until(lambda: len(sent_first.chats) == 3, "the sender to send them")
        assert sent_second.chats == []  # standing by: one process sends on SQLite
        await first.stop()
        await second.enqueue([4, 5], Payload.message("y"))
        await wait_until(lambda: len(sent_second.chats) == 2, "the other to take over")
        assert sorted(sent_first.chats + sent_second.chats) == [1, 2, 3, 4, 5]
    finally:
        await first.stop()
        await second.stop()
        first_db.close()
        second_db.close()


def test_the_rows_of_a_worker_silent_too_long_go_back_and_it_learns_so(db: Database) -> None:
    delivery_id = db.call(
        outbox.create_delivery,
        kind="advisory",
        ref="",
        priority=Priority.INFO,
        payload=Payload.message("x").to_json(),
        chat_ids=[1, 2, 3],
        now=0.0,
    )

    def claim_for(session: Session, workers: list[str]) -> None:
        rows = session.exec(select(OutboxRow).order_by(OutboxRow.id)).all()
        for row, worker in zip(rows, workers, strict=True):
            # Leases far ahead: only the heartbeat can give these back.
            row.status, row.claimed_by, row.lease_until = OutboxStatus.CLAIMED, worker, 1e12
        session.add_all(rows)

    db.call(claim_for, ["silent", "silent", "alive"])
    assert db.call(outbox.heartbeat, "silent") is False  # a first beat
    assert db.call(outbox.heartbeat, "alive") is False
    assert db.call(outbox.heartbeat, "silent") is True
    assert db.call(outbox.recover_dead, 10.0) == {}

    def fall_silent(session: Session) -> None:
        worker = session.get(DeliveryWorker, "silent")
        assert worker is not None
        worker.last_seen -= 60
        session.add(worker)

    db.call(fall_silent)
    assert db.call(outbox.recover_dead, 10.0) == {"silent": 2}
    by_worker = Counter((r.status, r.claimed_by) for r in _rows(db, delivery_id))
    assert by_worker == {(OutboxStatus.PENDING, None): 2, (OutboxStatus.CLAIMED, "alive"): 1}
    # Back again (a long pause, a network cut), it is told its rows went to others.
    assert db.call(outbox.heartbeat, "silent") is False
    assert db.call(outbox.heartbeat, "silent") is True


class _Gate:
    """A Sender that holds every send until opened, then accepts it."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.started: list[int] = []
        self.chats: list[int] = []

    async def send(self, chat_id: int, method: str, params: dict[str, object]) -> SendOutcome:
        self.started.append(chat_id)
        await self.open.wait()
        self.chats.append(chat_id)
        return Sent(len(self.chats))


async def test_a_worker_taken_for_dead_drops_the_rows_given_to_others(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("heartbeats: several processes send on PostgreSQL only")
    service = DeliveryService(db, rate=1.0)  # one send a second: the rest wait in its buffer
    sender = _Gate()
    await service.start(sender, heartbeat_every=0.1)
    try:
        delivery_id = await service.enqueue(list(range(1, 21)), Payload.message("x"))
        await wait_until(lambda: sender.started, "the first send")
        assert service.engine is not None
        me = service.engine.worker_id

        def stall_and_take_over(session: Session) -> None:
            # As if it had been silent for a minute: another worker gives its rows away...
            worker = session.get(DeliveryWorker, me)
            assert worker is not None
            worker.last_seen -= 60
            session.add(worker)
            session.flush()
            assert outbox.recover_dead(session, 10.0)[me] > 0
            # ...and claims them itself.
            for row in session.exec(
                select(OutboxRow).where(OutboxRow.status == OutboxStatus.PENDING)
            ):
                row.status, row.claimed_by, row.lease_until = OutboxStatus.CLAIMED, "other", 1e12
                session.add(row)

        with caplog.at_level("ERROR"):
            await db.run(stall_and_take_over)
            await wait_until(lambda: "taken for dead" in caplog.text, "the heartbeat's verdict")
        others = {r.chat_id for r in _rows(db, delivery_id) if r.claimed_by == "other"}
        assert others
        sender.open.set()
        await asyncio.sleep(2.5)  # two more send slots: it would use them on rows it dropped
    finally:
        await service.stop()
    # Only the send already under way when it was taken for dead may reach one of those chats.
    assert len(others & set(sender.chats)) <= 1
