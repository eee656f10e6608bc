"""Reports benchmark: whole /lapor conversations from 200 simulated residents at once, through
the real Application and the fake Bot API (60 ms per request), on SQLite and PostgreSQL, side by
side with a bare python-telegram-bot echo bot driven by exactly the same script (the ceiling).

    make bench            # everything (about 3 minutes)
    make bench-quick      # 100 residents, SQLite + echo only, no profile (about 30 s)
    PYTHONPATH=. .venv/bin/python bench/reports.py --help

One conversation is 8 updates: /lapor, the category button, the description, the place, "Lanjut"
(no photo), "not urgent", "named", "Kirim laporan". Updates go on `application.update_queue`
after `application.start()` -- what polling does -- so they pass through the bot's
PerSenderUpdateProcessor (concurrent across residents, in order per resident). The fake runs
WITHOUT Telegram's rate limits for the processing figures: the bot's direct replies alone would
exceed the global 30 messages/s at these rates. The delivery engine (duty-chat cards) is stopped
during the closed loop and runs in real time otherwise; the card-delivery figures come from
starting it on a ScaledClock (shared with the fake's latency) with all cards waiting, so that
Telegram's 20-per-minute group limit, which the engine keeps, is passed in fake time.

Figures:
- closed loop: every resident sends its next update as soon as the previous one was handled;
  sustained updates/s over the whole run.
- open loop: updates offered at a fixed rate (150/s) on a timer; per-update processing time
  (from the moment the update is taken from the queue until its handling finished), p50/p95/
  p99/max, and the same minus the time spent waiting for Bot API answers ("own" time).
- CPU: process CPU time per update (time.process_time, every thread), minus what the fake
  Bot API and the driver spent (measured with time.thread_time around them).
- duty-chat cards: every acknowledged report has its outbox row (same transaction); how long the
  engine takes to deliver all cards, with one duty chat (SQLite run) and with one per kecamatan
  (PostgreSQL run).
- database transactions and SQL statements of the open-loop run, and the errors the bot logged.
- a cProfile of one closed-loop run of each bot (event-loop thread only), grouped by package.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import cProfile
import io
import logging
import math
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlalchemy import event
from sqlalchemy import text
from telegram import Update
from telegram.ext import Application
from telegram.ext import CallbackQueryHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bench.databases import PG_URL
from bench.databases import database_url
from bench.machine import machine
from bot.app import build_application
from bot.config import Settings
from bot.delivery import SystemClock
from bot.ptb.sender import TelegramSender
from bot.ptb.updates import PerSenderUpdateProcessor
from storage.db import Database
from storage.models import AreaLevel
from tests.harness import FakeRequest
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness import UpdateFactory
from tests.harness import latency_profile

TOKEN = "123456789:BENCH-token-abcdefghijklmnopqrstuvwxyz"
KABUPATEN = "Kabupaten Pasuruan"
STEPS_PER_CONVERSATION = 8
LATENCY = 0.06
# Telegram: about 20 messages a minute in one group; the engine spaces them 3.05 s apart.
GROUP_INTERVAL = 3.05

# ---- measuring: Bot API time per update, the fake's and the driver's CPU --------------------

# The (start, end) of every Bot API request made on behalf of the update being handled (tasks
# it starts, e.g. asyncio.gather(answer(), edit()), inherit the context and add theirs).
API_TIME: contextvars.ContextVar[list[tuple[float, float]] | None] = contextvars.ContextVar(
    "api", default=None
)


class TimedRequest(FakeRequest):
    """FakeRequest that records each request's interval in the current update's account."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        account = API_TIME.get()
        started = time.perf_counter()
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            if account is not None:
                account.append((started, time.perf_counter()))


def covered(intervals: list[tuple[float, float]], end: float) -> float:
    """Seconds covered by the union of `intervals` (clipped at `end`): concurrent requests of
    one update (answer + edit under asyncio.gather) are waited for once."""
    total, reach = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        stop = min(stop, end)
        if stop <= reach:
            continue
        total += stop - max(start, reach)
        reach = stop
    return total


class ErrorCounter(logging.Handler):
    """Counts what the bot logs at ERROR (PTB's "Unhandled error" with the exception) instead
    of printing tracebacks; `by_bot[name]` collects them per bot run."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.counts: dict[str, int] = defaultdict(int)

    def emit(self, record: logging.LogRecord) -> None:
        kind = record.exc_info[1] if record.exc_info else None
        label = f"{type(kind).__name__}: {str(kind).splitlines()[0][:80]}" if kind else ""
        self.counts[f"{record.name}: {record.getMessage()[:60]} {label}".strip()] += 1


ERRORS = ErrorCounter()


class CpuMeter:
    """CPU seconds spent in some synchronous code on the event-loop thread."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.thread_time() - started

        return wrapped


class DbMeter:
    """Per transaction function: count, time in the transaction (on a DB thread) and time from
    Database.run called to answered (the difference waited for a free DB thread)."""

    def __init__(self, db: Database) -> None:
        self.lock = threading.Lock()
        self.rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
        self.on = False
        inner_call, inner_run = db.call, db.run

        def call(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return inner_call(fn, *args, **kwargs)
            finally:
                if self.on:
                    elapsed = time.perf_counter() - started
                    with self.lock:
                        row = self.rows[name_of(fn)]
                        row[1] += elapsed
                        row[3] = max(row[3], elapsed)

        async def run(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await inner_run(fn, *args, **kwargs)
            finally:
                if self.on:
                    with self.lock:
                        row = self.rows[name_of(fn)]
                        row[0] += 1
                        row[2] += time.perf_counter() - started

        db.call = call  # type: ignore[method-assign]
        db.run = run  # type: ignore[method-assign]

    def table(self, top: int = 10) -> list[str]:
        lines = [
            "| transaction | count | in transaction ms (mean / max) | waiting for a DB thread ms "
            "(mean) | DB thread s |",
            "|---|---|---|---|---|",
        ]
        for name, (n, inside, total, worst) in sorted(self.rows.items(), key=lambda kv: -kv[1][1])[
            :top
        ]:
            n = max(1, int(n))
            lines.append(
                f"| {name} | {n} | {1000 * inside / n:.1f} / {1000 * worst:.0f} "
                f"| {1000 * max(0.0, total - inside) / n:.1f} | {inside:.2f} |"
            )
        return lines


class SqlMeter:
    """Time per SQL statement (cursor execute, on the DB threads), grouped by its text."""

    def __init__(self, engine: Any) -> None:
        self.lock = threading.Lock()
        self.rows: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        self.on = False
        local = threading.local()

        @event.listens_for(engine, "before_cursor_execute")
        def before(*_: Any) -> None:
            local.started = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def after(_conn: Any, _cursor: Any, statement: str, *__: Any) -> None:
            if not self.on:
                return
            elapsed = time.perf_counter() - local.started
            key = " ".join(statement.split())[:90]
            with self.lock:
                row = self.rows[key]
                row[0] += 1
                row[1] += elapsed
                row[2] = max(row[2], elapsed)

    def table(self, top: int = 8) -> list[str]:
        lines = ["| statement | count | ms mean / max | total s |", "|---|---|---|---|"]
        for key, (n, total, worst) in sorted(self.rows.items(), key=lambda kv: -kv[1][1])[:top]:
            lines.append(
                f"| `{key}` | {int(n)} | {1000 * total / n:.1f} / {1000 * worst:.0f} "
                f"| {total:.2f} |"
            )
        return lines


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat (0, 0 elsewhere)."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0.0)
    return sum(fields) - idle, sum(fields)


def name_of(fn: Callable[..., Any]) -> str:
    inner = getattr(fn, "__func__", fn)
    module = getattr(inner, "__module__", "") or ""
    return f"{module.rsplit('.', 1)[-1]}.{getattr(inner, '__qualname__', repr(fn))}"


@dataclass
class Sample:
    total: float  # from taken off the queue to handled
    api: float  # of which waiting for Bot API answers
    calls: int
    step: int  # 0-7 within the conversation, -1 for others


class Recorder:
    """Wraps an update processor: times every update, wakes whoever waits for it."""

    def __init__(self) -> None:
        self.samples: list[Sample] = []
        self.waiters: dict[int, asyncio.Future[None]] = {}
        self.steps: dict[int, int] = {}
        self.errors = 0

    def install(self, processor: Any) -> None:
        inner = processor.process_update

        async def process_update(update: object, coroutine: Awaitable[Any]) -> None:
            account: list[tuple[float, float]] = []
            token = API_TIME.set(account)
            started = time.perf_counter()
            try:
                await inner(update, coroutine)
            finally:
                ended = time.perf_counter()
                API_TIME.reset(token)
                api = covered(account, ended)
                step = self.steps.pop(getattr(update, "update_id", -1), -1)
                self.samples.append(Sample(ended - started, api, len(account), step))
                if isinstance(update, Update):
                    waiter = self.waiters.pop(update.update_id, None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(None)

        processor.process_update = process_update


# ---- the worlds: our bot on a database, or the echo bot ----------------------------------------


def make_fake() -> FakeTelegram:
    fake = FakeTelegram(enforce_limits=False)
    fake.latency = latency_profile(median=LATENCY, stall_probability=0.0)
    return fake


class World:
    """One bot (ours or the echo), the fake it talks to, and the residents."""

    def __init__(self, name: str, app: Application, fake: FakeTelegram, recorder: Recorder):
        self.name = name
        self.app = app
        self.fake = fake
        self.recorder = recorder
        self.updates = UpdateFactory(fake)
        self.residents: list[dict[str, Any]] = []
        self.duty_chats: list[int] = []
        self.fake_cpu = CpuMeter()
        self.driver_cpu = CpuMeter()
        self.de_json_cpu = CpuMeter()
        fake.handle = self.fake_cpu.wrap(fake.handle)  # type: ignore[method-assign]
        self.ours = name != "echo"
        self.db_meter: DbMeter | None = None
        self.sql_meter: SqlMeter | None = None

    async def start(self) -> None:
        await self.app.initialize()
        if self.app.post_init is not None:
            await self.app.post_init(self.app)
        await self.app.start()

    async def stop(self) -> None:
        if self.app.running:
            await self.app.stop()
            if self.app.post_stop is not None:
                await self.app.post_stop(self.app)
        await self.app.shutdown()
        if self.app.post_shutdown is not None:
            await self.app.post_shutdown(self.app)

    async def send(self, data: dict[str, Any], step: int = -1) -> None:
        """Put one update on the queue (as polling would) and wait until it was handled."""
        update = self.de_json_cpu.wrap(Update.de_json)(data, self.app.bot)
        waiter = asyncio.get_running_loop().create_future()
        self.recorder.waiters[update.update_id] = waiter
        self.recorder.steps[update.update_id] = step
        await self.app.update_queue.put(update)
        await waiter

    def step(self, user: dict[str, Any], index: int) -> dict[str, Any]:
        return self.driver_cpu.wrap(self._step)(user, index)

    def _step(self, user: dict[str, Any], index: int) -> dict[str, Any]:
        """The update of step `index` (0-7) of a /lapor conversation."""
        u, chat = self.updates, user["id"]
        if index == 0:
            return u.command(user, "/lapor")
        if index == 2:
            return u.text(user, "Motor Honda Beat dicuri dari depan rumah tadi malam")
        if index == 3:
            return u.text(user, "Jl. Raya dekat masjid, RT 02 RW 05")
        last = self.fake.last_message(chat) or {}
        data = {1: "lp:cat:pencurian", 4: "lp:next", 5: "lp:urg:0", 6: "lp:anon:0"}.get(index)
        if data is None:  # the "Kirim laporan" button carries the draft's token
            rows = last.get("reply_markup", {}).get("inline_keyboard", [])
            sends = [
                b["callback_data"]
                for r in rows
                for b in r
                if "lp:send:" in b.get("callback_data", "")
            ]
            data = sends[0] if sends else "lp:send:" + "0" * 16
        return u.callback(user, last, data)


async def build_ours(backend: str, url: str, tmp: Path, residents: int, duty_chats: int) -> World:
    fake = make_fake()
    settings = Settings(
        token=TOKEN,
        database_url=url,
        admin_ids=frozenset(),
        base_dir=tmp,
        report_limit_per_day=1000,
    )
    app = build_application(settings, request=TimedRequest(fake))
    recorder = Recorder()
    recorder.install(app.update_processor)
    world = World(backend, app, fake, recorder)
    await world.start()
    services = app.bot_data.services
    world.db_meter = DbMeter(services.db)
    world.sql_meter = SqlMeter(services.db.engine)
    areas = services.areas
    all_kecamatan = areas.kecamatan_list()
    if duty_chats == 1:
        chosen = [k for k in all_kecamatan if k.name == "Lumbang"]
    else:
        chosen = all_kecamatan[:duty_chats]
    desa: list[Any] = []
    for _number, kec in enumerate(chosen):
        name = f"Polsek {kec.name}"
        polsek = await areas.set_polsek_coverage(name, [kec.id], actor_label="bench")
        group = world.updates.group(title=f"Piket {name}")
        await areas.set_duty_chat(polsek.name, group["id"], actor_label="bench")
        world.duty_chats.append(group["id"])
        desa.append(areas.desa_list(kec.id))
    # Spread the residents over the desa: kecamatan by kecamatan, desa by desa.
    for i in range(residents):
        user = world.updates.user(first_name=f"Warga{i}", username=f"warga{i}")
        places = desa[i % len(desa)]
        home = places[(i // len(desa)) % len(places)]
        assert home.level == AreaLevel.DESA
        await services.subscriptions.set_home(user["id"], home.id)
        world.residents.append(user)
    return world


async def build_echo(residents: int) -> World:
    """A bare PTB bot: replies with the text; answers a button and edits its message."""
    fake = make_fake()

    async def echo(update: Update, context: Any) -> None:
        await update.effective_message.reply_text(update.effective_message.text or "?")

    async def button(update: Update, context: Any) -> None:
        query = update.callback_query
        # Like the bot's _answer_and_edit: both requests at once.
        await asyncio.gather(query.answer(), query.edit_message_text(f"Pilihan: {query.data}"))

    app = (
        Application.builder()
        .token(TOKEN)
        .request(TimedRequest(fake))
        .get_updates_request(TimedRequest(fake))
        .concurrent_updates(PerSenderUpdateProcessor())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(button))
    recorder = Recorder()
    recorder.install(app.update_processor)
    world = World("echo", app, fake, recorder)
    await world.start()
    for i in range(residents):
        world.residents.append(world.updates.user(first_name=f"Warga{i}", username=f"warga{i}"))
    return world


# ---- the runs -------------------------------------------------------------------------------


@dataclass
class Run:
    bot: str
    mode: str
    updates: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    fake_cpu: float = 0.0
    driver_cpu: float = 0.0
    de_json_cpu: float = 0.0
    loop_cpu: float = 0.0  # CPU of the event-loop thread (everything but the DB threads)
    machine: float = 0.0  # share of the machine's CPUs busy (every process), 1.0 = all
    late: int = 0
    samples: list[Sample] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.updates / self.wall if self.wall else 0.0

    def bot_cpu_ms(self) -> float:
        """Process CPU per update minus the fake's and the driver's (de_json stays: PTB's)."""
        own = self.cpu - self.fake_cpu - self.driver_cpu
        return 1000 * own / self.updates if self.updates else 0.0


async def measured(world: World, mode: str, body: Callable[[], Awaitable[int]]) -> Run:
    world.recorder.samples = []
    meters = (world.fake_cpu, world.driver_cpu, world.de_json_cpu)
    before = [m.seconds for m in meters]
    busy0, all0 = machine_busy()
    cpu0, loop0, wall0 = time.process_time(), time.thread_time(), time.perf_counter()
    late = await body()
    busy1, all1 = machine_busy()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    loop_cpu = time.thread_time() - loop0
    after = [m.seconds for m in meters]
    samples = list(world.recorder.samples)
    return Run(
        world.name,
        mode,
        updates=len(samples),
        wall=wall,
        cpu=cpu,
        fake_cpu=after[0] - before[0],
        driver_cpu=after[1] - before[1],
        de_json_cpu=after[2] - before[2],
        loop_cpu=loop_cpu,
        machine=(busy1 - busy0) / (all1 - all0) if all1 > all0 else 0.0,
        late=late,
        samples=samples,
    )


async def warm_up(world: World) -> None:
    """Every resident has used the bot before (as one who set a home desa has)."""
    await asyncio.gather(*(world.send(world.updates.text(u, "halo")) for u in world.residents))
    if not world.ours:
        return
    await asyncio.gather(
        *(world.send(world.updates.command(u, "/bantuan")) for u in world.residents)
    )


async def closed_loop(world: World, conversations: int = 1) -> Run:
    async def resident(user: dict[str, Any]) -> None:
        for _ in range(conversations):
            for index in range(STEPS_PER_CONVERSATION):
                await world.send(world.step(user, index), index)

    async def body() -> int:
        await asyncio.gather(*(resident(u) for u in world.residents))
        return 0

    return await measured(world, "closed loop", body)


async def open_loop(world: World, rate: float, *, mixed: bool = False) -> Run:
    """Update k of resident i is due at (k * residents + i) / rate: a steady offered rate.
    A resident whose previous update is not answered yet sends as soon as it is (counted late).

    Plain, everyone is at the same step in the same window of residents / rate seconds (all 200
    "Kirim laporan" within 1.33 s: a burst of reports). `mixed` first moves resident i (i mod 8)
    steps into a conversation (not measured), so every window holds every step; the measured 8
    updates of a resident then run into its next conversation, which is finished afterwards."""
    residents = world.residents
    late = 0

    def shift(i: int) -> int:
        return i % STEPS_PER_CONVERSATION if mixed else 0

    async def steps(user: dict[str, Any], first: int, last: int) -> None:
        for index in range(first, last):
            await world.send(world.step(user, index % STEPS_PER_CONVERSATION), -1)

    await asyncio.gather(*(steps(u, 0, shift(i)) for i, u in enumerate(residents)))

    async def resident(i: int, user: dict[str, Any], started: float) -> None:
        nonlocal late
        for k in range(STEPS_PER_CONVERSATION):
            index = (shift(i) + k) % STEPS_PER_CONVERSATION
            due = started + (k * len(residents) + i) / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -0.005:
                late += 1
            await world.send(world.step(user, index), index)

    async def body() -> int:
        started = time.perf_counter() + 0.05
        await asyncio.gather(*(resident(i, u, started) for i, u in enumerate(residents)))
        return late

    run = await measured(world, f"open loop {rate:g}/s{', mixed' if mixed else ''}", body)
    await asyncio.gather(
        *(steps(u, shift(i), STEPS_PER_CONVERSATION) for i, u in enumerate(residents) if shift(i))
    )
    return run


async def check_reports(world: World) -> tuple[int, int, int]:
    """Acknowledged reports, stored reports, and outbox rows to the duty chats."""
    acked = sum(
        1
        for u in world.residents
        if "Laporan terkirim" in str((world.fake.last_message(u["id"]) or {}).get("text", ""))
    )
    chats = ",".join(str(c) for c in world.duty_chats)

    def count(session: Any) -> tuple[int, int]:
        reports = session.execute(text("SELECT count(*) FROM reports")).scalar_one()
        rows = session.execute(
            text(f"SELECT count(*) FROM delivery_outbox WHERE chat_id IN ({chats})")
        ).scalar_one()
        return int(reports), int(rows)

    reports, rows = await world.app.bot_data.services.db.run(count)
    return acked, reports, rows


async def drain(
    world: World, expected: int, factor: float, started: float, limit: float
) -> tuple[float, int]:
    """Wait until the duty chats received `expected` cards; fake seconds since `started`."""
    deadline = time.perf_counter() + limit
    while True:
        delivered = sum(len(world.fake.sent_messages(c)) for c in world.duty_chats)
        if delivered >= expected or time.perf_counter() > deadline:
            return (time.perf_counter() - started) * factor, delivered
        await asyncio.sleep(0.05)


# ---- report ---------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


def latency_cells(samples: list[Sample], own: bool) -> str:
    values = [1000 * (s.total - s.api) if own else 1000 * s.total for s in samples]
    if not values:
        return "- | - | - | -"
    return " | ".join(
        f"{v:.1f}"
        for v in (statistics.median(values), pct(values, 0.95), pct(values, 0.99), max(values))
    )


def profile_groups(profile: cProfile.Profile, top: int) -> list[str]:
    """tottime by package, then the top functions."""
    stats = pstats.Stats(profile, stream=io.StringIO())
    groups: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        total += tottime
        groups[package_of(filename)] += tottime
    lines = ["| package | CPU s | share |", "|---|---|---|"]
    for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"| {name} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(top)
    body = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(body) if ln.lstrip().startswith("ncalls")), 0)
    return [*lines, "", "```", *[ln[:150] for ln in body[start:]], "```"]


def package_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    for marker, name in (
        ("/telegram/ext/", "telegram.ext (PTB dispatch, handlers, conversation)"),
        ("/telegram/request/", "telegram.request (PTB request building/JSON)"),
        ("/telegram/", "telegram (PTB objects, de_json/to_dict, Bot methods)"),
        ("/tests/harness/", "tests.harness (the fake Bot API, the driver)"),
        ("/sqlalchemy/", "sqlalchemy"),
        ("/apscheduler/", "apscheduler (PTB's JobQueue: conversation timeouts, jobs)"),
        ("/copy.py", "copy (deepcopy: the fake's and PTB persistence's)"),
        ("/sqlmodel/", "sqlmodel"),
        ("/psycopg", "psycopg"),
        ("/bot/", "bot (ours)"),
        ("/handlers/", "handlers (ours)"),
        ("/storage/", "storage (ours)"),
        ("/bench/", "bench (the driver)"),
        ("/json/", "json"),
        ("/asyncio/", "asyncio"),
        ("/logging/", "logging"),
    ):
        if marker in path:
            return name
    if path.startswith("~") or path.startswith("<"):
        return "builtins (C: json, sqlite3, re, ...)"
    return "other stdlib/site-packages"


async def main_async(args: argparse.Namespace) -> None:
    sys.setswitchinterval(0.0005)  # as in bench/delivery.py: DB threads must not stall the loop
    logging.getLogger().addHandler(ERRORS)
    errors: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-bench-reports-"))
    backends = ["sqlite"] + ([] if args.quick or not args.pg_url else ["postgresql"])
    n = args.residents
    print(machine())
    print(
        f"{n} residents, {STEPS_PER_CONVERSATION} updates per /lapor conversation; fake Bot API "
        f"in-process, {LATENCY * 1000:.0f} ms median latency per request (log-normal, no stalls),"
        f"\nTelegram's rate limits NOT enforced by the fake (the bot's direct replies exceed "
        f"30 msg/s at these rates); updates via application.update_queue (PerSenderUpdateProcessor"
        f", max 256 at once, for both bots);\ndelivery engine in real time while processing (its"
        f" cards wait in the outbox during the closed loop), on a ScaledClock "
        f"x{args.drain_factor:g} (shared with the fake) for the card-delivery figures.\n",
        flush=True,
    )
    runs: list[Run] = []
    checks: list[str] = []
    drains: list[str] = []
    profiles: dict[str, cProfile.Profile] = {}
    calls: dict[str, float] = {}
    db_tables: dict[str, list[str]] = {}

    async def exercise(world: World, profile: bool) -> None:
        await warm_up(world)
        delivery = world.app.bot_data.services.delivery if world.ours else None
        if delivery is not None:
            # Cards wait in the outbox during the closed loop; the drain below starts from
            # 200 acknowledged reports (they all come within seconds, far below a minute).
            await delivery.stop()
        run = await closed_loop(world)
        runs.append(run)
        calls[world.name] = sum(s.calls for s in run.samples) / max(1, run.updates)
        print(f"  {world.name}: closed loop {run.rate:.0f} updates/s", flush=True)
        if delivery is not None:
            acked, reports, rows = await check_reports(world)
            checks.append(
                f"| {world.name} | {len(world.duty_chats)} | {n} | {acked} | {reports} | {rows} |"
            )
            # The fake shares the engine's time here: 60 ms of fake time per request. The
            # engine's own database work is real time, i.e. x factor in fake time: keep the
            # factor low (see the notes). One duty chat: only the first cards are waited for.
            factor = args.drain_factor
            single = len(world.duty_chats) == 1
            wanted = min(reports, args.drain_cards) if single else reports
            world.fake.latency = latency_profile(median=LATENCY / factor, stall_probability=0)
            sender = TelegramSender(world.app.bot)
            started = time.perf_counter()
            await delivery.start(sender, clock=ScaledClock(factor))
            fake_s, delivered = await drain(world, wanted, factor, started, args.drain_limit)
            await delivery.stop()
            world.fake.latency = latency_profile(median=LATENCY, stall_probability=0.0)
            # Back to real time for the rest (what production runs): a few cards a second.
            await delivery.start(sender, clock=SystemClock())
            per_chat = reports / len(world.duty_chats)
            expected = max((math.ceil(per_chat) - 1) * GROUP_INTERVAL, reports / 30)
            if single and delivered > 1:
                interval = fake_s / (delivered - 1)
                all_cards = interval * (reports - 1)
                measured_text = (
                    f"first {delivered} in {fake_s:.0f} s: one per {interval:.2f} s "
                    f"-> all {reports} after ~{all_cards / 60:.1f} min"
                )
            else:
                measured_text = f"{delivered} in {fake_s:.0f} s ({fake_s / 60:.1f} min)"
            drains.append(
                f"| {world.name} | {len(world.duty_chats)} | {reports} | {measured_text} "
                f"| {per_chat:.1f} cards/chat at one per {GROUP_INTERVAL:g} s, 30/s overall: "
                f"{expected:.0f} s ({expected / 60:.1f} min) | x{factor:g} |"
            )
            print(f"  {world.name}: cards: {measured_text}", flush=True)
        for meter in (world.db_meter, world.sql_meter):
            if meter is not None:
                meter.on = True
        modes = {"both": [False, True], "waves": [False], "mixed": [True]}[args.open]
        for mixed in modes:
            run = await open_loop(world, args.rate, mixed=mixed)
            runs.append(run)
        if world.db_meter is not None and world.sql_meter is not None:
            world.db_meter.on = world.sql_meter.on = False
            db_tables[world.name] = [*world.db_meter.table(), "", *world.sql_meter.table()]
        print(f"  {world.name}: open loop done ({run.late} late)", flush=True)
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run = await closed_loop(world)
            profiler.disable()
            profiles[world.name] = profiler
            print(f"  {world.name}: profiled closed loop {run.rate:.0f} updates/s", flush=True)

    for backend in backends:
        chats = args.duty_chats if backend == "sqlite" else args.duty_chats_pg
        with database_url(backend, tmp, args.pg_url, "reports") as url:
            world = await build_ours(backend, url, tmp, n, chats)
            try:
                await exercise(world, profile=args.profile and backend == "sqlite")
            finally:
                await world.stop()
            errors.extend(f"| {backend} | {k} | {v} |" for k, v in ERRORS.counts.items())
            ERRORS.counts.clear()
    echo = await build_echo(n)
    try:
        await exercise(echo, profile=args.profile)
    finally:
        await echo.stop()
    errors.extend(f"| echo | {k} | {v} |" for k, v in ERRORS.counts.items())

    ncpu = os.cpu_count() or 1

    def per(r: Run, seconds: float) -> str:
        return f"{1000 * seconds / max(1, r.updates):.2f}"

    print("\n## Closed loop: every resident sends its next update once the last one was handled\n")
    print(
        "| bot | updates | wall s | updates/s | ours/echo | Bot API calls/update "
        "| bot CPU ms/update | of which Update.de_json | fake API + driver CPU ms/update "
        "| event-loop thread busy | DB threads CPU | machine busy (all processes) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    echo_rate = next((r.rate for r in runs if r.bot == "echo" and r.mode == "closed loop"), 0.0)
    for r in runs:
        if r.mode != "closed loop":
            continue
        ratio = f"{r.rate / echo_rate:.2f}" if echo_rate else "-"
        print(
            f"| {r.bot} | {r.updates} | {r.wall:.2f} | {r.rate:.0f} | {ratio} | {calls[r.bot]:.2f} "
            f"| {r.bot_cpu_ms():.2f} | {per(r, r.de_json_cpu)} "
            f"| {per(r, r.fake_cpu + r.driver_cpu)} | {100 * r.loop_cpu / r.wall:.0f}% "
            f"| {max(0.0, 100 * (r.cpu - r.loop_cpu) / r.wall):.0f}% "
            f"| {100 * r.machine:.0f}% of {ncpu} |"
        )
    print(
        "\nbot CPU = process CPU (all threads) minus the fake Bot API's and the driver's (both"
        " run in the same process, on the event-loop thread); Update.de_json is counted as the"
        " bot's (polling does it). Thread busy = CPU s per wall s (100% = one core)."
    )
    print(f"\n## Open loop at {args.rate:g} updates/s offered: processing time per update (ms)\n")
    print(
        f"(waves: everyone at the same step in the same {n / args.rate:.2f} s window -- all"
        f" reports sent within {n / args.rate:.2f} s; mixed: residents start 0-7 steps apart,"
        " every window holds every step)\n"
    )
    print(
        "| bot | schedule | updates | achieved/s | late sends | p50 | p95 | p99 | max | own p50 "
        "| own p95 | own p99 | own max | bot CPU ms/update | event-loop thread busy "
        "| machine busy |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        if r.mode == "closed loop":
            continue
        print(
            f"| {r.bot} | {'mixed' if 'mixed' in r.mode else 'waves'} | {r.updates} "
            f"| {r.rate:.0f} | {r.late} "
            f"| {latency_cells(r.samples, False)} "
            f"| {latency_cells(r.samples, True)} | {r.bot_cpu_ms():.2f} "
            f"| {100 * r.loop_cpu / r.wall:.0f}% | {100 * r.machine:.0f}% |"
        )
    print(
        "\nprocessing = from the update taken off the queue to its handling finished; own = the"
        " same minus the time covered by the update's own Bot API requests (~60 ms each;"
        " concurrent ones counted once). late sends = updates sent after their slot because the"
        " resident's previous update was still being handled."
    )
    names = {
        0: "/lapor",
        1: "category",
        2: "description",
        3: "place",
        4: "lp:next",
        5: "urgency",
        6: "anonymity",
        7: "send",
    }
    for r in runs:
        if r.mode == "closed loop" or r.bot == "echo":
            continue
        print(f"\n### {r.bot}, {r.mode}: per step (ms; own = minus Bot API time)\n")
        print("| step | p50 | p99 | own p50 | own p99 | Bot API calls |\n|---|---|---|---|---|---|")
        for step, label in names.items():
            chosen = [x for x in r.samples if x.step == step]
            if not chosen:
                continue
            tot = [1000 * x.total for x in chosen]
            own = [1000 * (x.total - x.api) for x in chosen]
            print(
                f"| {step + 1} {label} | {statistics.median(tot):.1f} | {pct(tot, 0.99):.1f} "
                f"| {statistics.median(own):.1f} | {pct(own, 0.99):.1f} "
                f"| {sum(x.calls for x in chosen) / len(chosen):.2f} |"
            )
    if checks:
        print("\n## Duty chat notified: outbox rows written with the report (same transaction)\n")
        print(
            "| database | duty chats | conversations | acknowledged | reports stored "
            "| outbox rows to duty chats |\n|---|---|---|---|---|---|"
        )
        print("\n".join(checks))
        print(
            "\n## Duty-chat cards actually delivered (engine and fake on a ScaledClock, from the"
            " engine's start with all reports of the closed loop in the outbox)\n"
        )
        print(
            "| database | duty chats | reports | cards delivered (fake time) "
            "| expected from Telegram's limits | time scale |\n|---|---|---|---|---|---|"
        )
        print("\n".join(drains))
    print("\n## Errors the bots logged (every run above, profiled runs included)\n")
    print("| bot | error | count |\n|---|---|---|")
    print("\n".join(errors) or "| - | none | 0 |")
    print("\n## Against the targets (issue 5)\n")
    opens = list(dict.fromkeys(r.mode for r in runs if r.mode != "closed loop"))
    print(
        "| bot | closed loop updates/s (target >= 200) | "
        + " | ".join(f"p99 ms, {m} (target <= 150) | own p99 ms" for m in opens)
        + " |\n|---|---|"
        + "---|---|" * len(opens)
    )
    for bot in dict.fromkeys(r.bot for r in runs):
        closed = next((r for r in runs if r.bot == bot and r.mode == "closed loop"), None)
        if closed is None:
            continue
        cells = [f"{closed.rate:.0f} {'ok' if closed.rate >= 200 else 'MISSED'}"]
        for mode in opens:
            opened = next((r for r in runs if r.bot == bot and r.mode == mode), None)
            if opened is None:
                cells += ["-", "-"]
                continue
            p99 = 1000 * pct([x.total for x in opened.samples], 0.99)
            own = 1000 * pct([x.total - x.api for x in opened.samples], 0.99)
            cells += [f"{p99:.0f} {'ok' if p99 <= 150 else 'MISSED'}", f"{own:.0f}"]
        print(f"| {bot} | " + " | ".join(cells) + " |")
    for name, lines in db_tables.items():
        print(
            f"\n## {name}, open-loop runs: database transactions (Database.run) and SQL"
            " statements, by time\n"
        )
        print("\n".join(lines))
    for name, profiler in profiles.items():
        print(f"\n## cProfile of one closed-loop run, bot '{name}' (event-loop thread, tottime)\n")
        print("\n".join(profile_groups(profiler, args.profile_top)))
    print(f"\n{machine()} (at the end)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="100 residents, SQLite and echo only, no profile"
    )
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--rate", type=float, default=150.0, help="open-loop offered updates/s")
    parser.add_argument("--drain-factor", type=float, default=10.0, help="engine time scale")
    parser.add_argument(
        "--drain-cards", type=int, default=25, help="cards waited for with one duty chat"
    )
    parser.add_argument(
        "--open",
        choices=["both", "waves", "mixed"],
        default="both",
        help="open-loop schedules: everyone at the same step per window, or steps mixed",
    )
    parser.add_argument("--duty-chats", type=int, default=1, help="duty chats in the SQLite run")
    parser.add_argument("--duty-chats-pg", type=int, default=24, help="... in the PostgreSQL run")
    parser.add_argument("--drain-limit", type=float, default=60.0, help="real s to wait for cards")
    parser.add_argument("--no-profile", dest="profile", action="store_false")
    parser.add_argument("--profile-top", type=int, default=25)
    parser.add_argument(
        "--pg-url",
        default=PG_URL,
        help="PostgreSQL (empty: skip)",
    )
    args = parser.parse_args()
    if args.quick:
        args.profile = False
        args.drain_factor, args.drain_cards = 20.0, 15
        args.residents = min(args.residents, 100)
        args.open = "mixed"
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
