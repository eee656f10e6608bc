"""Overload bench: a real `python -m bot run` process, fed updates over HTTP at fixed rates.

    PYTHONPATH=. .venv/bin/python bench/overload.py --rates 40,80,160 --seconds 20
    PYTHONPATH=. .venv/bin/python bench/overload.py --storm 3000 --storm-seconds 30
    PYTHONPATH=. .venv/bin/python bench/overload.py --peer /tmp/before   # the same, side by side

The fake Bot API (tests/harness, no rate limits, 40 ms median latency) runs in this process; the
bot runs in its own, on a fresh SQLite file with one Darurat advisory. Offered load: updates
pushed on a timer, every update from a new resident (half "Sudah dibaca" presses, half
/bantuan), so nothing waits on a sender's earlier update.

Printed per rate: answered updates/s over the steady part of the run (from 3 s after the start
to the end of pushing), the share of the offered updates answered by the end of a drain period,
the p50/p99 from push to answer, the bot's CPU ms per answered update, the read count against
the distinct presses.

--storm: N residents press "Sudah dibaca" spread over `--storm-seconds`, while 50 others go
through /lapor-like steps (/bantuan typed every second each): p99 of the press answers and of
the typed answers, read count exact.

`--peer DIR` runs the same from another checkout (e.g. `git worktree add /tmp/before <commit>`)
right before each of this tree's runs, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "true")

from storage import migrate
from storage.db import Database
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import latency_profile

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ROOT = Path(__file__).resolve().parents[1]
ADVISORY_ID = 1
FIRST_USER = 500_000_000


def fresh_database(tmp: Path, name: str) -> str:
    url = f"sqlite:///{tmp / f'{name}.db'}"
    db = Database(url)
    try:
        migrate.upgrade(db.engine)
    finally:
        db.close()
    connection = sqlite3.connect(tmp / f"{name}.db")
    connection.execute(
        "INSERT INTO advisories (id, status, level, exercise, text, targets, target_label,"
        " author_id, source_name, recipients, language, created_at, sent_at)"
        " VALUES (?, 'sent', 'darurat', 0, 'Banjir: mengungsi ke balai desa', '[]', 'Kronto',"
        " 1, 'Polsek Lumbang', 10000, 'id', '2026-12-01 00:00:00', '2026-12-01 00:00:00')",
        (ADVISORY_ID,),
    )
    connection.commit()
    connection.close()
    return url


class Bot:
    """`python -m bot run` from `tree`, its log in a file."""

    def __init__(self, tree: Path, tmp: Path, name: str, http: FakeTelegramServer, db: str):
        self.log = tmp / f"{name}.log"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ADMIN_", "PYTHONPATH"))
        }
        env |= {
            "PYTHONPATH": str(tree),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": http.base_url,
            "TELEGRAM_API_FILE_URL": http.file_url,
            "DATABASE_URL": db,
            "LOG_LEVEL": "WARNING",
            "DEFAULT_KABUPATEN": "",
        }
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=tmp, env=env, stdout=log, stderr=log
            )
        if os.environ.get("OVERLOAD_PID_FILE"):  # for py-spy
            Path(os.environ["OVERLOAD_PID_FILE"]).write_text(str(self.process.pid))

    def wait_ready(self, fake: FakeTelegram, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if fake.calls_to("getUpdates"):
                time.sleep(1.0)  # the start-up jobs (menus) settle
                return
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            time.sleep(0.05)
        raise RuntimeError(f"not ready in {timeout} s:\n{self.log.read_text()}")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Pushed:
    at: float
    kind: str  # "press" or "text"
    user: int


def press_update(user: int, query_id: str) -> dict:
    person = {"id": user, "is_bot": False, "first_name": f"Warga {user}", "language_code": "id"}
    message = {
        "message_id": 7,
        "date": int(time.time()) - 30,
        "chat": {"id": user, "type": "private", "first_name": person["first_name"]},
        "from": {"id": 7000000001, "is_bot": True, "first_name": "Kamtibmas Bot"},
        "text": "🚨 DARURAT",
    }
    return {
        "callback_query": {
            "id": query_id,
            "from": person,
            "message": message,
            "chat_instance": str(user * 7919 % 10**18),
            "data": f"adv:ack:{ADVISORY_ID}",
        }
    }


def text_update(fake: FakeTelegram, user: int, text: str) -> dict:
    person = {"id": user, "is_bot": False, "first_name": f"Warga {user}", "language_code": "id"}
    chat = {"id": user, "type": "private", "first_name": person["first_name"]}
    message = fake.register_incoming_message(
        {"date": int(time.time()), "chat": chat, "from": person, "text": text}
    )
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"message": message}


TIMELINE = os.environ.get("OVERLOAD_TIMELINE") == "1"  # answered per second, printed
LATENCY = [0.04]  # the fake's median Bot API latency (--latency)


def make_fake() -> FakeTelegram:
    fake = FakeTelegram(enforce_limits=False, strict_chats=False)
    fake.latency = latency_profile(median=LATENCY[0], stall_probability=0.0, stall=0.0)
    return fake


def push(fake: FakeTelegram, kind: str, user: int, log: dict[int, Pushed], now: float) -> None:
    if kind == "press":
        query_id = f"q{user}-{len(log)}"
        fake.register_callback_query(query_id)
        fake.push_update(press_update(user, query_id))
    else:
        fake.push_update(text_update(fake, user, "/lapor" if kind == "lapor" else "/bantuan"))
    log.setdefault(user, Pushed(now, kind, user))


def answers(fake: FakeTelegram, since: float) -> dict[int, float]:
    """First answer time per user: the button's answer, or a message to their chat."""
    found: dict[int, float] = {}
    for call in fake.calls:
        if call.at < since or not call.ok:
            continue
        if call.method == "answerCallbackQuery":
            user = int(str(call.params["callback_query_id"])[1:].split("-")[0])
        elif call.method == "sendMessage":
            user = call.params.get("chat_id")
            if not isinstance(user, int):
                continue
        else:
            continue
        if user not in found:
            found[user] = call.at
    return found


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def read_count(db_url: str) -> int:
    connection = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        return connection.execute(
            "SELECT count(*) FROM advisory_acks WHERE advisory_id = ?", (ADVISORY_ID,)
        ).fetchone()[0]
    finally:
        connection.close()


def run_rate(
    tree: Path, tmp: Path, label: str, rate: float, seconds: float, drain: float, mix: list[str]
) -> str:
    fake = make_fake()
    name = f"{label}-{int(rate)}-{time.monotonic_ns()}"
    db_url = fresh_database(tmp, name)
    with FakeTelegramServer(fake, token=TOKEN) as http:
        bot = Bot(tree, tmp, name, http, db_url)
        try:
            bot.wait_ready(fake)
            log: dict[int, Pushed] = {}
            cpu0 = bot.cpu_seconds()
            start = fake.clock.monotonic()
            n = int(rate * seconds)
            for i in range(n):
                due = start + i / rate
                delay = due - fake.clock.monotonic()
                if delay > 0:
                    time.sleep(delay)
                push(fake, mix[i % len(mix)], FIRST_USER + i, log, due)
            end = start + seconds
            window_start = start + 3.0
            time.sleep(max(0.0, end - fake.clock.monotonic()))
            done = answers(fake, start)
            if TIMELINE:
                per_second = [0] * int(seconds + drain + 1)
                for at in done.values():
                    per_second[min(len(per_second) - 1, int(at - start))] += 1
                print(f"  {label} {rate:.0f}/s answered per second: {per_second}", flush=True)
            in_window = sum(1 for at in done.values() if window_start <= at <= end)
            cpu = bot.cpu_seconds() - cpu0
            answered_at_end = len(done)
            time.sleep(drain)
            done = answers(fake, start)
            latencies = [done[u] - p.at for u, p in log.items() if u in done]
            presses = sum(1 for p in log.values() if p.kind == "press")
            reads = read_count(db_url)
        finally:
            bot.stop()
    return (
        f"| {label} | {rate:.0f} | {in_window / (end - window_start):.1f} |"
        f" {len(done) / n:.0%} | {percentile(latencies, 0.5):.2f} |"
        f" {percentile(latencies, 0.99):.2f} | {1000 * cpu / max(1, answered_at_end):.0f} |"
        f" {reads}/{presses} |"
    )


def run_storm(
    tree: Path, tmp: Path, label: str, presses: int, seconds: float, reporters: int
) -> str:
    fake = make_fake()
    name = f"{label}-storm-{time.monotonic_ns()}"
    db_url = fresh_database(tmp, name)
    with FakeTelegramServer(fake, token=TOKEN) as http:
        bot = Bot(tree, tmp, name, http, db_url)
        try:
            bot.wait_ready(fake)
            pressed: dict[int, Pushed] = {}
            typed: list[tuple[int, float]] = []
            stop = threading.Event()

            def reporters_loop() -> None:
                # Each reporter types once a second (a /lapor step), answered before the next.
                n = 0
                while not stop.is_set():
                    tick = fake.clock.monotonic()
                    for r in range(reporters):
                        user = FIRST_USER - 1 - r
                        fake.push_update(text_update(fake, user, "/bantuan"))
                        typed.append((user, fake.clock.monotonic()))
                    n += 1
                    stop.wait(max(0.0, tick + 1.0 - fake.clock.monotonic()))

            thread = threading.Thread(target=reporters_loop, daemon=True)
            start = fake.clock.monotonic()
            thread.start()
            rate = presses / seconds
            for i in range(presses):
                due = start + i / rate
                delay = due - fake.clock.monotonic()
                if delay > 0:
                    time.sleep(delay)
                push(fake, "press", FIRST_USER + i, pressed, due)
            stop.set()
            thread.join()
            time.sleep(5.0)
            press_answers = answers(fake, start)
            press_latency = [
                press_answers[u] - p.at for u, p in pressed.items() if u in press_answers
            ]
            # Typed answers: the n-th message to a reporter's chat answers its n-th text.
            sent: dict[int, list[float]] = {}
            for call in fake.calls:
                if call.method == "sendMessage" and call.ok and call.at >= start:
                    sent.setdefault(call.params.get("chat_id"), []).append(call.at)
            seen: dict[int, int] = {}
            typed_latency = []
            for user, at in typed:
                k = seen.get(user, 0)
                seen[user] = k + 1
                times = sent.get(user, [])
                if k < len(times):
                    typed_latency.append(times[k] - at)
            reads = read_count(db_url)
        finally:
            bot.stop()

    def ms(values: list[float]) -> str:
        return f"{percentile(values, 0.5) * 1000:.0f} / {percentile(values, 0.99) * 1000:.0f}"

    return (
        f"| {label} | {presses} in {seconds:.0f} s | {len(press_latency)}/{presses} |"
        f" {ms(press_latency)} | {len(typed_latency)}/{len(typed)} | {ms(typed_latency)} |"
        f" {reads}/{presses} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="", help="offered updates/s, comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--drain", type=float, default=20.0)
    parser.add_argument("--mix", default="press,text", help="kinds in turn: press, text, lapor")
    parser.add_argument("--storm", type=int, default=0, help="presses in the storm (0: none)")
    parser.add_argument("--storm-seconds", type=float, default=120.0)
    parser.add_argument("--reporters", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.04, help="median Bot API seconds")
    parser.add_argument("--peer", default="", help="another checkout to run side by side")
    args = parser.parse_args()
    LATENCY[0] = args.latency
    trees = [("this", ROOT)] + ([("peer", Path(args.peer).resolve())] if args.peer else [])
    with tempfile.TemporaryDirectory(prefix="overload-") as tmp_name:
        tmp = Path(tmp_name)
        if args.rates:
            print(
                "| tree | offered/s | answered/s | answered after drain | p50 s | p99 s |"
                " CPU ms/answer | reads/presses |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for rate in (float(r) for r in args.rates.split(",")):
                for label, tree in reversed(trees):
                    row = run_rate(
                        tree, tmp, label, rate, args.seconds, args.drain, args.mix.split(",")
                    )
                    print(row, flush=True)
        if args.storm:
            print(
                "| tree | presses | answered | press ms p50 / p99 | typed answered |"
                " typed ms p50 / p99 | reads/presses |"
            )
            print("|---|---|---|---|---|---|---|")
            for label, tree in reversed(trees):
                print(
                    run_storm(tree, tmp, label, args.storm, args.storm_seconds, args.reporters),
                    flush=True,
                )


if __name__ == "__main__":
    main()
