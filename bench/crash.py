"""Crash bench: kill -9 a real `kamtibmas run` process mid-broadcast, restart it, count.

    PYTHONPATH=. .venv/bin/python bench/crash.py            # SQLite and PostgreSQL, ~1 minute
    PYTHONPATH=. .venv/bin/python bench/crash.py --pg-url ""  # SQLite only; see --help

A broadcast to 600 private chats at 30/s, sent by `python -m bot run` against the fake Bot API
over HTTP (real time, 60 ms median latency, 1% of requests stalling 2 s). After ~150 messages
the process gets SIGKILL; a new one starts on the same database and finishes. Printed: lost
(chats that never got it; must be 0), duplicates (chats that got it twice) against the rows
whose outcome the kill left unknown (their message had reached the fake, or the request was on
its way, when the process died) and against `DeliveryEngine.unknown_at_crash`, and how long the
rows the dead process held waited after the restart. Then the lost/late answer case: a few
sends whose message arrives but whose answer comes after the bot's read timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session
from sqlmodel import select

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Priority
from bot.delivery import SystemClock
from bot.delivery.engine import DeliveryEngine
from storage import migrate
from storage.db import Database
from storage.models import OutboxRow
from storage.models import OutboxStatus
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import Fault
from tests.harness import latency_profile

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
RATE = 30
TEXT = "<b>Himbauan Kamtibmas</b>: waspada pencurian ternak di malam hari. Laporkan ke 110."
# The fake holds a "late" answer this long: past python-telegram-bot's 5 s read timeout.
LATE_ANSWER = 6.0
STALL = 2.0


@contextlib.contextmanager
def database(url: str | None, tmp: Path) -> Iterator[str]:
    """The URL of a fresh migrated database: a SQLite file, or a throw-away PostgreSQL schema."""
    if url is None:
        db_url = f"sqlite:///{tmp / f'crash-{uuid.uuid4().hex[:8]}.db'}"
    else:
        schema = f"crash_{uuid.uuid4().hex[:10]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        db_url = scoped.render_as_string(hide_password=False)
    db = Database(db_url)
    try:
        migrate.upgrade(db.engine)
    finally:
        db.close()
    try:
        yield db_url
    finally:
        if url is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


class Bot:
    """`python -m bot run` with its log in a file."""

    def __init__(self, tmp: Path, name: str, env: dict[str, str]) -> None:
        self.log = tmp / f"{name}.log"
        self.started = time.monotonic()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds from the start until the bot logged that it is ready (its engine runs)."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if "is ready" in self.log.read_text():
                return time.monotonic() - self.started
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            time.sleep(0.01)
        raise RuntimeError(f"not ready in {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def environment(http: FakeTelegramServer, db_url: str) -> dict[str, str]:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ADMIN_"))
    }
    # The bot runs in a temporary folder: PYTHONPATH=. would no longer point at this checkout.
    root = str(Path(__file__).resolve().parents[1])
    path = os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])
    return inherited | {
        "PYTHONPATH": path,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": http.base_url,
        "TELEGRAM_API_FILE_URL": http.file_url,
        "DATABASE_URL": db_url,
        "DELIVERY_RATE": str(RATE),
        "LOG_LEVEL": "INFO",
    }


def make_fake(chats: list[int]) -> FakeTelegram:
    fake = FakeTelegram(global_rate=RATE, global_burst=RATE, private_rate=1.0, private_burst=1)
    for chat in chats:
        fake.register_chat({"id": chat, "type": "private", "first_name": f"Warga {chat}"})
    fake.latency = latency_profile(median=0.06, stall_probability=0.01, stall=STALL)
    return fake


def rows(db_url: str, delivery_id: int) -> list[OutboxRow]:
    db = Database(db_url, pool_size=1)
    try:

        def read(session: Session) -> list[OutboxRow]:
            query = select(OutboxRow).where(OutboxRow.delivery_id == delivery_id)
            return list(session.exec(query))

        return db.call(read)
    finally:
        db.close()


def enqueue(db_url: str, chats: list[int]) -> int:
    db = Database(db_url, pool_size=1)
    try:
        service = DeliveryService(db, rate=RATE)
        return asyncio.run(
            service.enqueue(chats, Payload.message(TEXT), Priority.WASPADA, kind="advisory")
        )
    finally:
        db.close()


def unknown_bound(db_url: str) -> int:
    """`DeliveryEngine.unknown_at_crash` of the bot's engine (same rate)."""
    db = Database(db_url, pool_size=1)
    try:
        engine = DeliveryEngine(db, None, clock=SystemClock(), rate=RATE, worker_id="bench")  # type: ignore[arg-type]
        return engine.unknown_at_crash
    finally:
        db.close()


def wait_until_sent(db_url: str, delivery_id: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        open_rows = [
            r
            for r in rows(db_url, delivery_id)
            if r.status in (OutboxStatus.PENDING, OutboxStatus.CLAIMED)
        ]
        if not open_rows:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{len(open_rows)} rows still open after {timeout} s")


@dataclass
class Crash:
    """The figures of one kill -9 run."""

    backend: str
    n: int
    sent_at_kill: int
    held: int
    unknown: int
    bound: int
    lost: int
    duplicates: int
    ready: float
    last_held: float
    ready_to_last: float


def run_crash(backend: str, pg_url: str | None, tmp: Path, n: int, kill_after: int) -> Crash:
    chats = [2_000_000 + i for i in range(n)]
    fake = make_fake(chats)
    with database(pg_url, tmp) as db_url, FakeTelegramServer(fake, token=TOKEN) as http:
        env = environment(http, db_url)
        first = Bot(tmp, f"{backend}-first", env)
        second: Bot | None = None
        try:
            first.wait_ready()
            delivery_id = enqueue(db_url, chats)
            while len(fake.sent_messages()) < kill_after:
                time.sleep(0.005)
            first.process.send_signal(signal.SIGKILL)
            first.process.wait()
            sent_at_kill = len(fake.sent_messages())
            held = {
                r.chat_id for r in rows(db_url, delivery_id) if r.status == OutboxStatus.CLAIMED
            }
            # Requests the dead process had on their way are still answered by the fake: wait
            # out its longest stall, so every send after the restart is the new process's.
            time.sleep(STALL + 0.5)
            restart = fake.clock.monotonic()
            reached = {m["chat"]["id"] for m in fake.sent_messages()}
            second = Bot(tmp, f"{backend}-second", env)
            ready = second.wait_ready()
            ready_at = restart + ready
            wait_until_sent(db_url, delivery_id, 120)
        finally:
            first.stop()
            if second is not None:
                second.stop()
        bound = unknown_bound(db_url)
    per_chat = Counter(m["chat"]["id"] for m in fake.sent_messages())
    after = sorted(
        c.at
        for c in fake.calls_to("sendMessage")
        if c.ok and c.at >= restart and c.params.get("chat_id") in held
    )
    return Crash(
        backend=backend,
        n=n,
        sent_at_kill=sent_at_kill,
        held=len(held),
        unknown=len(held & reached),
        bound=bound,
        lost=sum(1 for c in chats if per_chat[c] == 0),
        duplicates=sum(1 for c in chats if per_chat[c] > 1),
        ready=ready,
        last_held=(after[-1] - restart) if after else float("nan"),
        ready_to_last=(after[-1] - ready_at) if after else float("nan"),
    )


def run_late_answers(tmp: Path, n: int, late: int) -> tuple[int, int, int]:
    """`late` sends arrive but their answer comes after the read timeout: (lost, duplicates,
    late answers the fake held)."""
    chats = [3_000_000 + i for i in range(n)]
    fake = make_fake(chats)
    for chat in chats[10 : 10 + late]:
        fake.inject(Fault.timeout(delivered=True), method="sendMessage", chat_id=chat)
    server = FakeTelegramServer(fake, token=TOKEN, timeout_delay=LATE_ANSWER)
    with database(None, tmp) as db_url, server as http:
        bot = Bot(tmp, "late", environment(http, db_url))
        try:
            bot.wait_ready()
            delivery_id = enqueue(db_url, chats)
            wait_until_sent(db_url, delivery_id, 120)
        finally:
            bot.stop()
    per_chat = Counter(m["chat"]["id"] for m in fake.sent_messages())
    faults = sum(1 for c in fake.calls_to("sendMessage") if c.fault)
    return (
        sum(1 for c in chats if per_chat[c] == 0),
        sum(1 for c in chats if per_chat[c] > 1),
        faults,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=600)
    parser.add_argument("--kill-after", type=int, default=150, help="messages sent before kill")
    parser.add_argument("--late", type=int, default=3, help="late answers in the second case")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL")
        or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="PostgreSQL for the second run (empty: SQLite only)",
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-crash-"))
    # SQLite: from the engine's start (what precedes it is the process's start-up, untouched by
    # the leases); PostgreSQL: from the restart (a live worker would not even need one).
    runs = [("SQLite", None, 2.0)] + ([("PostgreSQL", args.pg_url, 15.0)] if args.pg_url else [])
    print(
        f"kill -9 of `kamtibmas run` after ~{args.kill_after} of {args.recipients} messages "
        f"({RATE}/s, real time), then a restart\n"
    )
    print(
        "| database | killed after | held by the dead process | of those, reached the fake "
        "(in flight) | bound: unknown_at_crash | lost | duplicates | restart → ready | "
        "restart → last held row sent | ready → last held row sent | target |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|"
    )
    for backend, url, target in runs:
        r = run_crash(backend, url, tmp, args.recipients, args.kill_after)
        delay = r.ready_to_last if url is None else r.last_held
        fine = r.lost == 0 and r.duplicates <= r.unknown <= r.bound and delay <= target
        what = "ready → last" if url is None else "restart → last"
        print(
            f"| {r.backend} | {r.sent_at_kill} sent | {r.held} rows | {r.unknown} | {r.bound} | "
            f"{r.lost} | {r.duplicates} | {r.ready:.2f} s | {r.last_held:.2f} s | "
            f"{r.ready_to_last:.2f} s | {what} ≤ {target:.0f} s, lost 0, duplicates ≤ in "
            f"flight: {'ok' if fine else 'MISSED'} |",
            flush=True,
        )
    lost, duplicates, faults = run_late_answers(tmp, 300, args.late)
    print(
        f"\nLate answers (SQLite, 300 recipients): {faults} sends arrived but were answered after "
        f"{LATE_ANSWER:.0f} s (past the 5 s read timeout): lost {lost}, duplicates {duplicates} "
        f"(at most {faults})"
    )


if __name__ == "__main__":
    main()
