"""Speed bench (issue 19): the real bot as its own process against a bare PTB bot, side by side.

    PYTHONPATH=. .venv/bin/python bench/speed.py              # bare, SQLite, PostgreSQL: ~12 min
    PYTHONPATH=. .venv/bin/python bench/speed.py --quick      # bare and SQLite, shorter: ~4 min
    PYTHONPATH=. .venv/bin/python bench/speed.py --source /tmp/before   # ours from another checkout

Each bot runs as a process of its own (`python -m bot run`, or bench/bare_bot.py) polling the fake
Bot API over real HTTP (tests/harness: `FakeTelegramServer`, Telegram's rate limits off, no
latency unless --latency), one after the other on the same machine, the bare bot first. Simulated
residents send /start, /status and a whole /lapor conversation (category button, story, shared
location, "Lanjut", not urgent, named, "Kirim laporan"), each step once the previous one was
answered, pressing the buttons of the bot's last message. An update is answered when the fake
receives the bot's answer to it (answerCallbackQuery for a button, the reply for a message);
latency is from the update put into the fake to that moment. CPU is the bot process's
(/proc/<pid>/stat) over the window.

Phases per bot: a closed loop (64 residents, each starting the next step as soon as the last
was answered: the capacity); the ack storm (10,000 "Sudah dibaca" presses under a Darurat
advisory spread over 2 minutes, while 50 residents go through /lapor); the open loop, a true
overload: updates pushed on a timer whatever the bot answers, each from a resident never seen
before ("Sudah dibaca", /status, /start, /lapor in turn), at 1x, 2x and 4x the bot's own
capacity and, for ours, at the bare bot's 4x too (answered/s over the steady part, then
the share answered after a drain). Prints Markdown tables against the issue's targets; asserts
nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy import bindparam
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bench.databases import PG_URL
from bench.databases import empty_database
from bench.machine import machine
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import UpdateFactory
from tests.harness import latency_profile

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:SPEEDbenchTOKENabcdefghijklmnop"
KABUPATEN = "Kabupaten Pasuruan"
KECAMATAN = "Lumbang"
DUTY_CHAT = -1_002_000_000_001
FIRST_RESIDENT = 100_000_001
# The open loop's residents, never seen by the bot before (not seeded).
FIRST_NEW_RESIDENT = 300_000_001
STORY = "Motor Honda Beat dicuri dari depan rumah tadi malam"
# Inside Kec. Lumbang (Kabupaten Pasuruan).
LATITUDE, LONGITUDE = -7.83, 112.97
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
STEP_TIMEOUT = 60.0

# ---- the conversation -----------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    """What answers a step: these calls (method -> count) and, when the next step presses a
    button, a message whose keyboard has a button starting with `button`."""

    needs: tuple[tuple[str, int], ...]
    button: str | None = None
    # The button this step presses (a prefix of its callback data), None for a message.
    press: str | None = None


REPLY = (("sendMessage", 1),)
BUTTON = (("answerCallbackQuery", 1), ("editMessageText", 1))
STEPS: dict[str, StepSpec] = {
    "/start": StepSpec(REPLY),
    "/status": StepSpec(REPLY),
    "/lapor": StepSpec(REPLY, button="lp:cat:"),
    "category": StepSpec(BUTTON, press="lp:cat:pencurian"),
    "story": StepSpec(REPLY),
    "location": StepSpec((("sendMessage", 2),), button="lp:next"),
    "Lanjut": StepSpec(BUTTON, button="lp:urg:", press="lp:next"),
    "not urgent": StepSpec(BUTTON, button="lp:anon:", press="lp:urg:0"),
    "named": StepSpec(BUTTON, button="lp:send:", press="lp:anon:0"),
    "Kirim": StepSpec(BUTTON, press="lp:send:"),
    "Sudah dibaca": StepSpec((("answerCallbackQuery", 1),), press="adv:ack:"),
}
LAPOR = ("/lapor", "category", "story", "location", "Lanjut", "not urgent", "named", "Kirim")
SESSION = ("/start", "/status", *LAPOR)
ANSWER_METHODS = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"}
)


@dataclass
class Sample:
    """One update and its answer (perf_counter seconds)."""

    step: str
    pushed: float
    first: float | None = None  # the first answering call
    done: float | None = None  # the last call the step waits for

    @property
    def latency(self) -> float:
        return (self.first or self.pushed) - self.pushed


@dataclass
class Waiter:
    sample: Sample
    needs: dict[str, int]
    button: str | None
    future: asyncio.Future[None]
    seen_button: bool = False

    def complete(self) -> bool:
        return all(n <= 0 for n in self.needs.values()) and (
            self.button is None or self.seen_button
        )


def buttons(message: object) -> list[str]:
    """The callback data of a message's inline buttons (an edit may answer True)."""
    if not isinstance(message, dict):
        return []
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [str(b.get("callback_data", "")) for row in rows for b in row]


class Driver:
    """Pushes residents' updates into the fake and learns from the fake's calls when each was
    answered (the fake's `handle` is wrapped; it runs on the HTTP server's threads)."""

    def __init__(self, fake: FakeTelegram, loop: asyncio.AbstractEventLoop) -> None:
        self.fake = fake
        self.loop = loop
        self.updates = UpdateFactory(fake)
        self.waiters: dict[int, Waiter] = {}
        self.query_chat: dict[str, int] = {}
        self.keyboards: dict[int, dict[str, Any]] = {}
        self.samples: list[Sample] = []
        self.timeouts: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.last_call = time.perf_counter()
        self.polled = asyncio.Event()
        self.unexpected: Counter[str] = Counter()
        inner = fake.handle

        def handle(method: str, params: Any, files: Any = None) -> tuple[int, dict[str, Any]]:
            at = time.perf_counter()
            status, body = inner(method, params, files)
            loop.call_soon_threadsafe(self._seen, method, params, at, status, body)
            return status, body

        fake.handle = handle  # type: ignore[method-assign]

    def _seen(
        self, method: str, params: dict[str, Any], at: float, status: int, body: dict[str, Any]
    ) -> None:
        self.calls[method] += 1
        if method == "getUpdates":
            self.polled.set()
            return
        # Form-encoded by PTB: every value arrives as a string.
        chat_id = str(params.get("chat_id"))
        chat: int | None = int(chat_id) if chat_id.lstrip("-").isdigit() else None
        if chat != DUTY_CHAT:
            self.last_call = at
        if status != 200:
            self.unexpected[f"{method} {status} {str(body.get('description'))[:60]}"] += 1
        if method not in ANSWER_METHODS:
            return
        if method == "answerCallbackQuery":
            chat = self.query_chat.pop(str(params.get("callback_query_id")), None)
        if chat is None:
            return
        result = body.get("result") if status == 200 else None
        if isinstance(result, dict) and buttons(result):
            self.keyboards[chat] = result
        waiter = self.waiters.get(chat)
        if waiter is None:
            return
        sample = waiter.sample
        if sample.first is None:
            sample.first = at
        if method in waiter.needs:
            waiter.needs[method] -= 1
        if waiter.button and any(b.startswith(waiter.button) for b in buttons(result)):
            waiter.seen_button = True
        if waiter.complete() and not waiter.future.done():
            sample.done = at
            waiter.future.set_result(None)

    def update_for(self, user: dict[str, Any], step: str) -> dict[str, Any]:
        """The update of one step, built as Telegram would send it."""
        u, chat = self.updates, user["id"]
        if step.startswith("/"):
            return u.command(user, step)
        if step == "story":
            return u.text(user, STORY)
        if step == "location":
            return u.location(user, LATITUDE, LONGITUDE)
        spec = STEPS[step]
        assert spec.press is not None
        message = self.keyboards.get(chat) or {}
        data = next((b for b in buttons(message) if b.startswith(spec.press)), spec.press)
        update = u.callback(user, message, data)
        self.query_chat[update["callback_query"]["id"]] = chat
        return update

    async def send(
        self, user: dict[str, Any], step: str, update: dict[str, Any] | None = None
    ) -> bool:
        """Push one step and wait until it is answered (False: not within STEP_TIMEOUT)."""
        chat = user["id"]
        spec = STEPS[step]
        update = update or self.update_for(user, step)
        sample = Sample(step, 0.0)
        waiter = Waiter(sample, dict(spec.needs), spec.button, self.loop.create_future())
        self.waiters[chat] = waiter
        sample.pushed = time.perf_counter()
        self.fake.push_update(update)
        self.samples.append(sample)
        try:
            await asyncio.wait_for(waiter.future, STEP_TIMEOUT)
            return True
        except TimeoutError:
            self.timeouts[step] += 1
            return False
        finally:
            if self.waiters.get(chat) is waiter:
                del self.waiters[chat]

    async def session(self, user: dict[str, Any], steps: tuple[str, ...] = SESSION) -> bool:
        for step in steps:
            if not await self.send(user, step):
                return False
        return True

    async def quiet(self, idle: float = 1.0, limit: float = 90.0) -> float:
        """Wait until the bot made no call (other than polling and duty-chat cards) for `idle`
        seconds; return how long that took."""
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if time.perf_counter() - self.last_call >= idle:
                break
            await asyncio.sleep(0.1)
        return time.perf_counter() - started


# ---- the bots as processes ------------------------------------------------------------------


class Process:
    """A bot process with its log in a file; CPU and RSS read from /proc."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def cpu(self) -> float:
        """utime + stime in seconds."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICK

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, kill: bool = False) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def errors(self) -> list[str]:
        lines = self.log.read_text(errors="replace").splitlines()
        return [ln[:160] for ln in lines if " ERROR " in ln or "Traceback" in ln]


def environment(source: Path, http: FakeTelegramServer, extra: dict[str, str]) -> dict[str, str]:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ADMIN_", "DEFAULT_"))
    }
    return inherited | {
        "PYTHONPATH": str(source),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": http.base_url,
        "TELEGRAM_API_FILE_URL": http.file_url,
        "LOG_LEVEL": "INFO",
        **extra,
    }


def cli(source: Path, env: dict[str, str], cwd: Path, *args: str) -> str:
    """`python -m bot ARGS` of the checkout under test (its own migrations and area import)."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"python -m bot {' '.join(args)}: {done.stdout}{done.stderr}")
    return done.stdout


def delivery_settings(source: Path, env: dict[str, str], cwd: Path) -> str:
    """The reply budget ours runs with, as its own `check-config` shows it (an older checkout
    without the command or the settings: "?")."""
    try:
        shown = cli(source, env, cwd, "check-config")
    except RuntimeError:
        return "?"
    found = dict(
        line.split(None, 1)
        for line in shown.splitlines()
        if line.startswith(("DELIVERY_", "PAID_"))
    )
    rate = found.get("DELIVERY_RATE", "?").strip()
    return f"DELIVERY_RATE {rate}, PAID_BROADCAST {found.get('PAID_BROADCAST', '?').strip()}"


def seed(engine: Engine, residents: list[dict[str, Any]]) -> tuple[int, int]:
    """Residents with their home desa in Kec. Lumbang (followed), and a Darurat advisory already
    sent: (desa id, advisory id). Plain SQL, so an older checkout's schema takes it too."""
    now = dt.datetime.now(dt.UTC)
    stamp = bindparam("now", type_=DateTime(timezone=True))
    with engine.begin() as c:
        kecamatan = c.execute(
            text("SELECT id FROM areas WHERE level = 'kecamatan' AND name = :n"), {"n": KECAMATAN}
        ).scalar_one()
        desa = [
            int(r[0])
            for r in c.execute(
                text("SELECT id FROM areas WHERE parent_id = :k ORDER BY id"), {"k": kecamatan}
            )
        ]
        homes = [desa[i % len(desa)] for i in range(len(residents))]
        c.execute(
            text(
                "INSERT INTO users (id, first_name, username, language, created_at, last_seen_at) "
                "VALUES (:id, :first_name, :username, 'id', :now, :now)"
            ).bindparams(stamp),
            [
                {**{k: r[k] for k in ("id", "first_name", "username")}, "now": now}
                for r in residents
            ],
        )
        c.execute(
            text(
                "INSERT INTO home_areas (user_id, area_id, updated_at) VALUES (:u, :a, :now)"
            ).bindparams(stamp),
            [{"u": r["id"], "a": a, "now": now} for r, a in zip(residents, homes, strict=True)],
        )
        c.execute(
            text(
                "INSERT INTO subscriptions (user_id, area_id, created_at) VALUES (:u, :a, :now)"
            ).bindparams(stamp),
            [{"u": r["id"], "a": a, "now": now} for r, a in zip(residents, homes, strict=True)],
        )
        advisory = c.execute(
            text(
                "INSERT INTO advisories (status, level, exercise, text, targets, target_label, "
                "author_id, source_name, recipients, language, created_at, sent_at) VALUES "
                "('sent', 'darurat', false, :t, :targets, :label, 1, 'Polsek Lumbang', :n, 'id', "
                ":now, :now) RETURNING id"
            ).bindparams(stamp),
            {
                "t": "Banjir di Kec. Lumbang: warga di bantaran sungai segera mengungsi.",
                "targets": json.dumps([{"area": kecamatan}]),
                "label": "Kec. Lumbang",
                "n": len(residents),
                "now": now,
            },
        ).scalar_one()
    return desa[0], int(advisory)


def ack_count(engine: Engine, advisory_id: int) -> int:
    with engine.connect() as c:
        return int(
            c.execute(
                text("SELECT count(*) FROM advisory_acks WHERE advisory_id = :a"),
                {"a": advisory_id},
            ).scalar_one()
        )


# ---- phases ---------------------------------------------------------------------------------


@dataclass
class Phase:
    """The figures of one measured window."""

    name: str
    seconds: float = 0.0
    offered: int = 0  # updates pushed in the window
    answered: int = 0  # of those, answered (first answer) in the window
    bot_cpu: float = 0.0
    bench_cpu: float = 0.0
    calls: int = 0  # Bot API calls except getUpdates
    card_calls: int = 0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    timeouts: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    @property
    def offered_rate(self) -> float:
        return self.offered / self.seconds if self.seconds else 0.0

    def cpu_ms(self) -> float:
        return 1000 * self.bot_cpu / self.answered if self.answered else float("nan")

    def all_latencies(self, steps: tuple[str, ...] | None = None) -> list[float]:
        return [
            v
            for step, values in self.latencies.items()
            if steps is None or step in steps
            for v in values
        ]


class Window:
    """Measure the bot's CPU, the bench's CPU and the answered updates over a stretch."""

    def __init__(self, driver: Driver, bot: Process, name: str) -> None:
        self.driver, self.bot, self.name = driver, bot, name

    def __enter__(self) -> Window:
        self.first_sample = len(self.driver.samples)
        self.calls0 = Counter(self.driver.calls)
        self.cpu0, self.bench0 = self.bot.cpu(), time.process_time()
        self.t0 = time.perf_counter()
        self.timeouts0 = sum(self.driver.timeouts.values())
        return self

    def __exit__(self, *_: object) -> None:
        self.t1 = time.perf_counter()
        self.cpu1, self.bench1 = self.bot.cpu(), time.process_time()
        self.calls1 = Counter(self.driver.calls)

    def phase(self) -> Phase:
        samples = [
            s for s in self.driver.samples[self.first_sample :] if self.t0 <= s.pushed <= self.t1
        ]
        answered = [s for s in samples if s.first is not None and s.first <= self.t1]
        latencies: dict[str, list[float]] = {}
        for s in answered:
            latencies.setdefault(s.step, []).append(s.latency)
        calls = self.calls1 - self.calls0
        return Phase(
            self.name,
            seconds=self.t1 - self.t0,
            offered=len(samples),
            answered=len(answered),
            bot_cpu=self.cpu1 - self.cpu0,
            bench_cpu=self.bench1 - self.bench0,
            calls=sum(n for m, n in calls.items() if m != "getUpdates"),
            latencies=latencies,
            timeouts=sum(self.driver.timeouts.values()) - self.timeouts0,
        )


class Pool:
    """Residents free to start a conversation (one who timed out is not used again)."""

    def __init__(self, residents: list[dict[str, Any]]) -> None:
        self.free = deque(residents)

    def take(self) -> dict[str, Any] | None:
        return self.free.popleft() if self.free else None

    def give(self, user: dict[str, Any]) -> None:
        self.free.append(user)


async def closed_loop(
    driver: Driver, bot: Process, pool: Pool, clients: int, seconds: float
) -> Phase:
    """`clients` residents, each going through conversations back to back."""
    stop = time.perf_counter() + seconds

    async def resident() -> None:
        user = pool.take()
        while user is not None and time.perf_counter() < stop:
            if not await driver.session(user):
                return
        if user is not None:
            pool.give(user)

    with Window(driver, bot, "closed loop") as window:
        tasks = [asyncio.create_task(resident()) for _ in range(clients)]
        await asyncio.sleep(seconds)
    await asyncio.gather(*tasks)
    return window.phase()


def press_update(driver: Driver, user: dict[str, Any], advisory_id: int) -> dict[str, Any]:
    """A "Sudah dibaca" press under the Darurat advisory in the resident's chat."""
    data = f"adv:ack:{advisory_id}"
    message = {
        "message_id": 1,
        "from": driver.fake.bot_user,
        "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
        "date": int(time.time()) - 60,
        "text": "🚨 DARURAT — Banjir di Kec. Lumbang: warga bantaran sungai segera mengungsi.",
        "reply_markup": {"inline_keyboard": [[{"text": "✅ Sudah dibaca", "callback_data": data}]]},
    }
    update = driver.updates.callback(user, message, data)
    driver.query_chat[update["callback_query"]["id"]] = user["id"]
    return update


# The open loop's updates, in turn: each one answered by both bots with one call (the toast, or
# one reply), none depending on an earlier update of its sender.
MIX = ("Sudah dibaca", "/status", "/start", "/lapor")


@dataclass
class OpenPhase:
    """One open-loop rate: updates pushed on a timer, each from a resident never seen before."""

    name: str
    target: float  # the rate asked for
    seconds: float
    pushed: int = 0
    steady_seconds: float = 0.0  # from `warm` seconds after the start to the end of pushing
    steady_answered: int = 0  # answers (to any update of the phase) inside that stretch
    steady_cpu: float = 0.0  # the bot's CPU seconds inside it
    answered: int = 0  # pushed updates answered by the end of the drain
    drain: float = 0.0
    drain_cut: bool = False
    calls: int = 0  # Bot API calls except getUpdates, start to the end of the drain
    bench_cpu: float = 0.0
    latencies: list[float] = field(default_factory=list)
    timeline: list[int] = field(default_factory=list)

    @property
    def offered_rate(self) -> float:
        return self.pushed / self.seconds if self.seconds else 0.0

    @property
    def rate(self) -> float:
        return self.steady_answered / self.steady_seconds if self.steady_seconds else 0.0

    def cpu_ms(self) -> float:
        return 1000 * self.steady_cpu / self.steady_answered if self.steady_answered else math.nan

    @property
    def share(self) -> float:
        return self.answered / self.pushed if self.pushed else math.nan


async def open_loop(
    driver: Driver,
    bot: Process,
    fresh: Iterator[int],
    advisory_id: int,
    rate: float,
    seconds: float,
    drain_limit: float,
    name: str,
) -> OpenPhase:
    """Push `rate` updates/s for `seconds` whatever the bot answers, each from a new resident
    (MIX in turn), then wait for the answers (the drain): until every update is answered, the
    bot made no call for 3 s, or `drain_limit` seconds. A bot that falls behind gathers a
    backlog; nothing the bench sends waits for it."""
    warm = min(3.0, seconds / 3)
    total = max(1, round(rate * seconds))
    phase = OpenPhase(name, rate, seconds)
    samples: list[Sample] = []
    users: list[int] = []

    def push(step: str) -> None:
        user_id = next(fresh)
        user = driver.updates.user(id=user_id, first_name=f"Baru{user_id % 1_000_000}")
        update = (
            press_update(driver, user, advisory_id)
            if step == "Sudah dibaca"
            else driver.updates.command(user, step)
        )
        sample = Sample(step, 0.0)
        # No needs: the first answering call to the chat answers it.
        driver.waiters[user_id] = Waiter(sample, {}, None, driver.loop.create_future())
        users.append(user_id)
        sample.pushed = time.perf_counter()
        driver.fake.push_update(update)
        samples.append(sample)

    calls0, bench0 = Counter(driver.calls), time.process_time()
    start = time.perf_counter()
    steady_at, end = start + warm, start + seconds
    t_steady = cpu_steady = None
    while True:
        now = time.perf_counter()
        if t_steady is None and now >= steady_at:
            t_steady, cpu_steady = now, bot.cpu()
        if now >= end:
            break
        # Catch up at once if the loop was late: the schedule does not slip.
        due = min(total, int((now - start) * rate) + 1)
        while len(samples) < due:
            push(MIX[len(samples) % len(MIX)])
        wake = min(start + len(samples) / rate, end if t_steady is not None else steady_at, end)
        await asyncio.sleep(max(0.0, wake - time.perf_counter()))
    t_end, cpu_end = time.perf_counter(), bot.cpu()
    assert t_steady is not None and cpu_steady is not None
    phase.pushed = len(samples)
    phase.steady_seconds = t_end - t_steady
    phase.steady_cpu = cpu_end - cpu_steady
    phase.steady_answered = sum(
        1 for s in samples if s.first is not None and t_steady <= s.first <= t_end
    )
    drained = time.perf_counter()
    while True:
        await asyncio.sleep(0.1)
        now = time.perf_counter()
        if all(s.first is not None for s in samples) or now - driver.last_call >= 3.0:
            break
        if now - drained >= drain_limit:
            phase.drain_cut = True
            break
    phase.drain = time.perf_counter() - drained
    phase.calls = sum(n for m, n in (Counter(driver.calls) - calls0).items() if m != "getUpdates")
    phase.bench_cpu = time.process_time() - bench0
    answered = [s for s in samples if s.first is not None]
    phase.answered = len(answered)
    phase.latencies = [s.latency for s in answered]
    phase.timeline = [0] * (int(time.perf_counter() - start) + 1)
    for s in answered:
        assert s.first is not None
        phase.timeline[min(len(phase.timeline) - 1, int(s.first - start))] += 1
    for user_id in users:
        driver.waiters.pop(user_id, None)
    return phase


async def storm(
    driver: Driver,
    bot: Process,
    ackers: list[dict[str, Any]],
    reporters: list[dict[str, Any]],
    advisory_id: int,
    seconds: float,
) -> Phase:
    """Every acker presses "Sudah dibaca" once, spread evenly over `seconds`, while the reporters
    go through /lapor again and again."""
    interval = seconds / len(ackers)
    stop = time.perf_counter() + seconds
    presses: list[asyncio.Task[bool]] = []

    async def reporter(user: dict[str, Any]) -> None:
        while time.perf_counter() < stop:
            if not await driver.session(user, LAPOR):
                return

    async def press(user: dict[str, Any]) -> bool:
        return await driver.send(user, "Sudah dibaca", press_update(driver, user, advisory_id))

    with Window(driver, bot, "ack storm") as window:
        lapor = [asyncio.create_task(reporter(u)) for u in reporters]
        started = time.perf_counter()
        for i, user in enumerate(ackers):
            await asyncio.sleep(max(0.0, started + i * interval - time.perf_counter()))
            presses.append(asyncio.create_task(press(user)))
        await asyncio.sleep(max(0.0, stop - time.perf_counter()))
        await asyncio.gather(*presses, *lapor)
    phase = window.phase()
    phase.extra["presses"] = len(ackers)
    phase.extra["presses answered"] = sum(1 for p in presses if p.result())
    return phase


# ---- one bot --------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    kind: str  # "ours" or "bare"
    backend: str = ""


@dataclass
class Result:
    target: Target
    phases: dict[str, Phase] = field(default_factory=dict)
    rss_idle: float = 0.0
    rss_end: float = 0.0
    acks_in_db: int | None = None
    open: dict[str, OpenPhase] = field(default_factory=dict)
    delivery: str = ""  # ours' DELIVERY_RATE and PAID_BROADCAST, as its check-config shows them
    errors: list[str] = field(default_factory=list)
    unexpected: Counter[str] = field(default_factory=Counter)


async def run_target(
    target: Target, args: argparse.Namespace, tmp: Path, reference: float | None
) -> Result:
    """One bot's phases; `reference`: the bare bot's capacity, whose multiples (`--same-loads`)
    ours is offered too, so both bots are seen at the same absolute rates."""
    loop = asyncio.get_running_loop()
    fake = FakeTelegram(enforce_limits=False)
    if args.latency:
        fake.latency = latency_profile(median=args.latency, stall_probability=0.0, stall=0.0)
    driver = Driver(fake, loop)
    n_ackers, n_reporters = args.presses, 50
    users = [
        driver.updates.user(id=FIRST_RESIDENT + i, first_name=f"Warga{i}", username=f"warga{i}")
        for i in range(args.residents + n_ackers + n_reporters)
    ]
    pool_users = users[: args.residents]
    ackers = users[args.residents : args.residents + n_ackers]
    reporters = users[args.residents + n_ackers :]
    fake.register_chat({"id": DUTY_CHAT, "type": "supergroup", "title": "Piket Polsek Lumbang"})
    # The advisory's author (seed: author_id 1), whom the bot may tell about it.
    fake.register_chat({"id": 1, "type": "private", "first_name": "Kapolsek"})
    result = Result(target)
    work = tmp / target.name.replace(" ", "-").replace("(", "").replace(")", "")
    work.mkdir()
    advisory_id = 1
    with contextlib.ExitStack() as stack:
        http = stack.enter_context(FakeTelegramServer(fake, token=TOKEN))
        engine: Engine | None = None
        if target.kind == "ours":
            url = stack.enter_context(empty_database(target.backend, tmp, args.pg_url, "speed"))
            settings = {"DATABASE_URL": url, "REPORT_LIMIT_PER_DAY": "1000"}
            if args.delivery_rate:
                # Above Telegram's free 30/s only with paid broadcasts (the bot's config check).
                settings |= {"DELIVERY_RATE": f"{args.delivery_rate:g}", "PAID_BROADCAST": "true"}
            env = environment(args.source, http, settings)
            result.delivery = delivery_settings(args.source, env, work)
            cli(args.source, env, work, "db", "upgrade")
            cli(args.source, env, work, "areas", "import", "--kabupaten", KABUPATEN)
            cli(
                args.source,
                env,
                work,
                "polsek",
                "set",
                f"Polsek {KECAMATAN}",
                "--kecamatan",
                KECAMATAN,
            )
            cli(
                args.source, env, work, "polsek", "duty-chat", f"Polsek {KECAMATAN}", str(DUTY_CHAT)
            )
            engine = create_engine(url)
            stack.callback(engine.dispose)
            _, advisory_id = seed(engine, users)
            argv = [sys.executable, "-m", "bot", "run"]
        else:
            env = environment(ROOT, http, {"DUTY_CHAT_ID": str(DUTY_CHAT)})
            argv = [sys.executable, str(ROOT / "bench" / "bare_bot.py")]
        bot = Process(argv, env, work, work / "bot.log")
        if args.pid_file:  # for py-spy
            args.pid_file.write_text(str(bot.process.pid))
        stack.callback(bot.stop, True)
        try:
            await asyncio.wait_for(driver.polled.wait(), 120)
        except TimeoutError:
            raise RuntimeError(
                f"{target.name} never polled:\n{bot.log.read_text()[-3000:]}"
            ) from None
        pool = Pool(pool_users)
        # Warm-up (not measured): caches, connections, the first conversations' code paths.
        await asyncio.gather(*(driver.session(u) for u in pool_users[:16]))
        await driver.quiet()
        result.rss_idle = bot.rss_mib()
        closed = await closed_loop(driver, bot, pool, args.clients, args.closed_seconds)
        result.phases["closed"] = closed
        await driver.quiet()
        if args.presses:
            result.phases["storm"] = await storm(
                driver, bot, ackers, reporters, advisory_id, args.storm_seconds
            )
            if engine is not None:
                result.acks_in_db = ack_count(engine, advisory_id)
            await driver.quiet()
        capacity = closed.rate
        rates = [(f"{k:g}x", k * capacity) for k in args.loads]
        if reference is not None:
            rates += [(f"{k:g}x bare", k * reference) for k in args.same_loads]
        rates.sort(key=lambda item: item[1])
        fresh = itertools.count(FIRST_NEW_RESIDENT)
        for i, (name, rate) in enumerate(rates):
            phase = await open_loop(
                driver, bot, fresh, advisory_id, rate, args.open_seconds, args.drain, name
            )
            result.open[name] = phase
            if phase.drain_cut and i < len(rates) - 1:
                # The next rate starts on a quiet bot; after the last one the bot is killed.
                await driver.quiet(limit=args.drain)
        result.rss_end = bot.rss_mib()
        result.errors = bot.errors()
        result.unexpected = driver.unexpected
    return result


# ---- report ---------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def ms(value: float) -> str:
    return "-" if value != value else f"{1000 * value:.0f}"


def ratio(ours: float, bare: float) -> str:
    return f"{ours / bare:.2f}×" if bare and ours == ours and bare == bare else "-"


def verdict(ok: bool) -> str:
    return "ok" if ok else "**MISSED**"


def git_label(source: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(source), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", str(source), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    )
    label = done.stdout.strip()[:70] or str(source)
    return label + (" (+ uncommitted changes)" if dirty.stdout.strip() else "")


def report(results: list[Result], args: argparse.Namespace) -> None:
    bare = next((r for r in results if r.target.kind == "bare"), None)
    ours = [r for r in results if r.target.kind == "ours"]
    print("\n## Per bot\n")
    print(
        "| bot | phase | offered/s | answered/s | CPU ms / answered | calls / answered | "
        "latency p50 / p99 / max ms | bench CPU s | not answered in 60 s | notes |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    for r in results:
        for key, p in r.phases.items():
            lat = p.all_latencies()
            print(
                f"| {r.target.name} | {key} | {p.offered_rate:.1f} | {p.rate:.1f} | "
                f"{p.cpu_ms():.1f} | {p.calls / p.answered if p.answered else 0:.2f} | "
                f"{ms(pct(lat, 0.5))} / {ms(pct(lat, 0.99))} / "
                f"{ms(max(lat, default=float('nan')))} | "
                f"{p.bench_cpu:.1f} | {p.timeouts} | "
                + ", ".join(f"{k} {v:.3g}" for k, v in p.extra.items())
                + " |"
            )
    open_table(results)
    if bare is None:
        return
    print("\n## Against the targets (ours vs bare, same run)\n")
    print("| figure | backend | ours | bare | ratio | target | |\n|---|---|---|---|---|---|---|")
    b_closed = bare.phases["closed"]
    for r in ours:
        be = r.target.backend
        closed = r.phases["closed"]
        cpu_ratio = closed.cpu_ms() / b_closed.cpu_ms()
        print(
            f"| CPU ms per answered update (closed loop) | {be} | {closed.cpu_ms():.1f} | "
            f"{b_closed.cpu_ms():.1f} | {ratio(closed.cpu_ms(), b_closed.cpu_ms())} | ≤ 1.2× | "
            f"{verdict(cpu_ratio <= 1.2)} |"
        )
        cap_ratio = closed.rate / b_closed.rate
        print(
            f"| capacity, answered updates/s (closed loop, {args.clients} residents) | {be} | "
            f"{closed.rate:.1f} | {b_closed.rate:.1f} | {ratio(closed.rate, b_closed.rate)} | "
            f"≥ 0.9× | {verdict(cap_ratio >= 0.9)} |"
        )
        for k in args.loads:
            key = f"{k:g}x"
            if key not in r.open or key not in bare.open:
                continue
            o, ob = r.open[key], bare.open[key]
            keeps, b_keeps = o.rate / closed.rate, ob.rate / b_closed.rate
            line = (
                f"| answered/s at {key} its own capacity offered (ours {o.offered_rate:.0f}/s, "
                f"bare {ob.offered_rate:.0f}/s) / its capacity | {be} | {o.rate:.1f} ({keeps:.2f}) "
                f"| {ob.rate:.1f} ({b_keeps:.2f}) | {ratio(o.rate, ob.rate)} |"
            )
            if k >= 4:
                line += f" ours ≥ 0.9 × its capacity | {verdict(keeps >= 0.9)} |"
            else:
                line += " | |"
            print(line)
        for k in args.same_loads:
            o2, ob2 = r.open.get(f"{k:g}x bare"), bare.open.get(f"{k:g}x")
            if o2 is None or ob2 is None:
                continue
            print(
                f"| same offered rate, bare's {k:g}x (ours {o2.offered_rate:.0f}/s, bare "
                f"{ob2.offered_rate:.0f}/s): answered/s; answered by the end of the drain | {be} | "
                f"{o2.rate:.1f}; {o2.share:.0%} | {ob2.rate:.1f}; {ob2.share:.0%} | "
                f"{ratio(o2.rate, ob2.rate)} | | |"
            )
        print(
            f"| RSS MiB idle (after warm-up) / at the end | {be} | {r.rss_idle:.0f} / "
            f"{r.rss_end:.0f} | {bare.rss_idle:.0f} / {bare.rss_end:.0f} | "
            f"{ratio(r.rss_idle, bare.rss_idle)} | | |"
        )
        s, t = r.phases.get("storm"), bare.phases.get("storm")
        if s is None or t is None:
            continue
        acks, lapor = s.latencies.get("Sudah dibaca", []), s.all_latencies(LAPOR)
        b_acks, b_lapor = t.latencies.get("Sudah dibaca", []), t.all_latencies(LAPOR)
        answered = s.extra["presses answered"]
        print(
            f"| ack storm: presses answered / pressed | {be} | {answered} / {s.extra['presses']} | "
            f"{t.extra['presses answered']} / {t.extra['presses']} | | all | "
            f"{verdict(answered == s.extra['presses'])} |"
        )
        print(
            f"| ack storm: press → answerCallbackQuery p50 / p99 ms | {be} | "
            f"{ms(pct(acks, 0.5))} / {ms(pct(acks, 0.99))} | {ms(pct(b_acks, 0.5))} / "
            f"{ms(pct(b_acks, 0.99))} | {ratio(pct(acks, 0.99), pct(b_acks, 0.99))} | p99 ≤ 300 ms "
            f"| {verdict(pct(acks, 0.99) <= 0.3)} |"
        )
        worst = max((pct(v, 0.99) for k, v in s.latencies.items() if k in LAPOR), default=0.0)
        worst_step = max(
            (k for k in s.latencies if k in LAPOR),
            key=lambda k: pct(s.latencies[k], 0.99),
            default="-",
        )
        print(
            f"| ack storm: /lapor steps p50 / p99 ms (slowest step's p99: {worst_step}) | {be} | "
            f"{ms(pct(lapor, 0.5))} / {ms(pct(lapor, 0.99))} ({ms(worst)}) | "
            f"{ms(pct(b_lapor, 0.5))} / {ms(pct(b_lapor, 0.99))} | | every step p99 ≤ 1 s | "
            f"{verdict(worst <= 1.0)} |"
        )
        print(
            f"| ack storm: read count in the DB / presses | {be} | {r.acks_in_db} / "
            f"{s.extra['presses']} | - | | exact | "
            f"{verdict(r.acks_in_db == s.extra['presses'])} |"
        )
        print(
            f"| ack storm: CPU ms per answered update | {be} | {s.cpu_ms():.1f} | "
            f"{t.cpu_ms():.1f} | "
            f"{ratio(s.cpu_ms(), t.cpu_ms())} | | |"
        )


def open_table(results: list[Result]) -> None:
    print(
        "\n## Open loop (updates pushed on a timer, each from a new resident: "
        + ", ".join(MIX)
        + " in turn)\n"
    )
    print(
        "| bot | rate | offered/s | answered/s (steady) | / its capacity | CPU ms / answered | "
        "calls / answered | push → answer p50 / p99 ms | answered by the end of the drain | "
        "drain s | bench CPU s |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    for r in results:
        capacity = r.phases["closed"].rate
        for name, p in r.open.items():
            print(
                f"| {r.target.name} | {name} | {p.offered_rate:.1f} | {p.rate:.1f} | "
                f"{p.rate / capacity if capacity else math.nan:.2f} | {p.cpu_ms():.1f} | "
                f"{p.calls / p.answered if p.answered else 0:.2f} | "
                f"{ms(pct(p.latencies, 0.5))} / {ms(pct(p.latencies, 0.99))} | "
                f"{p.answered:,} / {p.pushed:,} ({p.share:.1%}) | "
                f"{p.drain:.1f}{' (cut)' if p.drain_cut else ''} | {p.bench_cpu:.1f} |"
            )


def timelines(results: list[Result]) -> None:
    print("\n## Answered per second, open loop (pushing stops at the bar)\n")
    for r in results:
        for name, p in r.open.items():
            cut = math.ceil(p.seconds)
            head = " ".join(str(n) for n in p.timeline[:cut])
            tail = " ".join(str(n) for n in p.timeline[cut:])
            print(f"- {r.target.name} {name} ({p.offered_rate:.0f}/s): {head} | {tail}")


def per_step(results: list[Result]) -> None:
    print("\n## Latency per step, closed loop (p50 / p99 ms)\n")
    names = [r.target.name for r in results]
    print("| step | " + " | ".join(names) + " |\n|---|" + "---|" * len(names))
    for step in SESSION:
        cells = []
        for r in results:
            values = r.phases["closed"].latencies.get(step, [])
            cells.append(f"{ms(pct(values, 0.5))} / {ms(pct(values, 0.99))}")
        print(f"| {step} | " + " | ".join(cells) + " |")


async def main_async(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-speed-"))
    # The bare bot first: its capacity sets the absolute rates both bots are offered.
    targets = [Target("bare", "bare")] + [
        Target(f"ours ({'SQLite' if b == 'sqlite' else 'PostgreSQL'})", "ours", b)
        for b in args.backends
    ]
    print(machine())
    print(f"ours: {git_label(args.source)} ({args.source})")
    print(
        "fake Bot API over HTTP in the bench process ("
        + (f"{1000 * args.latency:g} ms median latency" if args.latency else "no latency")
        + "; Telegram's limits off); "
        f"closed loop {args.clients} residents × {args.closed_seconds:g} s; ack storm "
        f"{args.presses:,} presses in {args.storm_seconds:g} s + 50 residents in /lapor; open loop "
        f"{', '.join(f'{k:g}x' for k in args.loads)} of each bot's capacity, and ours at "
        f"{', '.join(f'{k:g}x' for k in args.same_loads) or 'none'} of the bare bot's, × "
        f"{args.open_seconds:g} s (drain ≤ {args.drain:g} s)",
        flush=True,
    )
    results: list[Result] = []
    reference: float | None = None
    for target in targets:
        started = time.perf_counter()
        result = await run_target(target, args, tmp, reference)
        results.append(result)
        if target.kind == "bare":
            reference = result.phases["closed"].rate
        print(
            f"- {target.name}: {time.perf_counter() - started:.0f} s"
            + (f"; ran with {result.delivery}" if result.delivery else ""),
            flush=True,
        )
    report(results, args)
    if args.timeline:
        timelines(results)
    per_step(results)
    for r in results:
        if r.errors or r.unexpected:
            print(f"\n{r.target.name}: {len(r.errors)} error lines in its log", end="")
            for line in r.errors[:5]:
                print(f"\n    {line}", end="")
            for what, n in r.unexpected.most_common(5):
                print(f"\n    fake answered {what}: {n}", end="")
            print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="SQLite only, shorter phases")
    parser.add_argument("--storm-quick", action="store_true", help="2,000 presses in 30 s")
    parser.add_argument("--backends", help="sqlite,postgresql (default; --quick: sqlite)")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to run as ours")
    parser.add_argument("--clients", type=int, default=64, help="closed-loop residents")
    parser.add_argument(
        "--residents", type=int, default=2000, help="seeded residents for the closed loop"
    )
    parser.add_argument("--presses", type=int, help="ack storm presses (0: no storm)")
    parser.add_argument("--storm-seconds", type=float)
    parser.add_argument("--closed-seconds", type=float)
    parser.add_argument("--open-seconds", type=float)
    parser.add_argument(
        "--loads", default="1,2,4", help="open loop: multiples of each bot's own capacity"
    )
    parser.add_argument(
        "--same-loads",
        default="4",
        help="open loop: multiples of the bare bot's capacity ours is offered too",
    )
    parser.add_argument(
        "--drain", type=float, help="open loop: longest wait for the answers after pushing"
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, help="the fake's median Bot API latency, seconds"
    )
    parser.add_argument(
        "--pid-file", type=Path, help="write each bot's process id here (for py-spy)"
    )
    parser.add_argument(
        "--timeline", action="store_true", help="print the answers per second of each open loop"
    )
    parser.add_argument(
        "--delivery-rate",
        type=float,
        help="ours' DELIVERY_RATE (with PAID_BROADCAST=true): its replies share this budget "
        "(default: the bot's 30/s, Telegram's free limit)",
    )
    args = parser.parse_args()
    quick = args.quick
    backends = args.backends or ("sqlite" if quick else "sqlite,postgresql")
    args.backends = [b for b in backends.split(",") if b]
    storm_quick = args.storm_quick or quick
    if args.presses is None:
        args.presses = 2000 if storm_quick else 10_000
    if args.storm_seconds is None:
        args.storm_seconds = 30.0 if storm_quick else 120.0
    args.closed_seconds = args.closed_seconds or (10.0 if quick else 15.0)
    args.open_seconds = args.open_seconds or (6.0 if quick else 8.0)
    args.drain = args.drain if args.drain is not None else (25.0 if quick else 30.0)
    args.loads = [float(k) for k in args.loads.split(",") if k]
    args.same_loads = [float(k) for k in args.same_loads.split(",") if k]
    args.source = args.source.resolve()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
