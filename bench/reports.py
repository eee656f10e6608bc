"""Reports benchmark: whole /lapor conversations from 200 simulated residents at once, through
the real Application and the fake Bot API (60 ms per request), on SQLite and PostgreSQL, side by
side with a bare python-telegram-bot echo bot driven by exactly the same script (the ceiling).

    make bench            # everything (about 3 minutes)
    make bench-quick      # SQLite + echo only, no profile (about 40 s)
    PYTHONPATH=. .venv/bin/python bench/reports.py --help

One conversation is 8 updates: /lapor, the category button, the description, the place, "Lanjut"
(no photo), "not urgent", "named", "Kirim laporan". Updates go on `application.update_queue`
after `application.start()` -- what polling does -- so they pass through the bot's
PerSenderUpdateProcessor (concurrent across residents, in order per resident). The fake runs
WITHOUT Telegram's rate limits for the processing figures: the bot's direct replies alone would
exceed the global 30 messages/s at these rates. The delivery engine (duty-chat cards) runs on a
ScaledClock, so Telegram's 20-per-minute group limit is observed by the engine in fake time.

Figures:
- closed loop: every resident sends its next update as soon as the previous one was handled;
  sustained updates/s over the whole run.
- open loop: updates offered at a fixed rate (150/s) on a timer; per-update processing time
  (from the moment the update is taken from the queue until its handling finished), p50/p95/
  p99/max, and the same minus the time spent waiting for Bot API answers ("own" time).
- CPU: process CPU time per update (time.process_time, every thread), minus what the fake
  Bot API and the driver spent (measured with time.thread_time around them).
- duty-chat cards: every acknowledged report has its outbox row (same transaction); how long the
  engine takes to deliver all cards, with one duty chat and with one per kecamatan.
- a cProfile of one closed-loop run of each bot (event-loop thread only), grouped by package.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

import telegram
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters
from telegram.request import BaseRequest

from bot.app import build_application
from bot.config import Settings
from bot.services import areas as area_changes
from bot.services.area_import import import_areaid
from bot.updates import PerSenderUpdateProcessor
from storage import migrate
from storage.db import Database
from storage.models import AreaLevel
from tests.harness import FakeRequest, FakeTelegram, ScaledClock, UpdateFactory, latency_profile

TOKEN = "123456789:BENCH-token-abcdefghijklmnopqrstuvwxyz"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
KABUPATEN = "Kabupaten Pasuruan"
STEPS_PER_CONVERSATION = 8
LATENCY = 0.06

# ---- measuring: Bot API time per update, the fake's and the driver's CPU --------------------

# Seconds spent in Bot API requests (and their number) by the update being handled.
API_TIME: contextvars.ContextVar[list[float] | None] = contextvars.ContextVar("api", default=None)


class TimedRequest(FakeRequest):
    """FakeRequest that adds each request's duration to the current update's account."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        account = API_TIME.get()
        started = time.perf_counter()
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            if account is not None:
                account[0] += time.perf_counter() - started
                account[1] += 1


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


@dataclass
class Sample:
    total: float  # from taken off the queue to handled
    api: float  # of which waiting for Bot API answers
    calls: int


class Recorder:
    """Wraps an update processor: times every update, wakes whoever waits for it."""

    def __init__(self) -> None:
        self.samples: list[Sample] = []
        self.waiters: dict[int, asyncio.Future[None]] = {}
        self.errors = 0

    def install(self, processor: Any) -> None:
        inner = processor.process_update

        async def process_update(update: object, coroutine: Awaitable[Any]) -> None:
            account = [0.0, 0]
            token = API_TIME.set(account)
            started = time.perf_counter()
            try:
                await inner(update, coroutine)
            finally:
                elapsed = time.perf_counter() - started
                API_TIME.reset(token)
                self.samples.append(Sample(elapsed, account[0], int(account[1])))
                if isinstance(update, Update):
                    waiter = self.waiters.pop(update.update_id, None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(None)

        processor.process_update = process_update


# ---- the worlds: our bot on a database, or the echo bot ----------------------------------------


@contextlib.contextmanager
def database_url(backend: str, tmp: Path, pg_url: str) -> Iterator[str]:
    """A fresh migrated database with Kabupaten Pasuruan's areas: SQLite file or PG schema."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / f'reports-{uuid.uuid4().hex[:8]}.db'}"
        _prepare(url)
        yield url
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        rendered = url.render_as_string(hide_password=False)
        _prepare(rendered)
        yield rendered
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _prepare(url: str) -> None:
    db = Database(url, pool_size=1)
    try:
        migrate.upgrade(db.engine)
        db.call(import_areaid, KABUPATEN)
    finally:
        db.close()


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

    async def send(self, data: dict[str, Any]) -> None:
        """Put one update on the queue (as polling would) and wait until it was handled."""
        update = self.de_json_cpu.wrap(Update.de_json)(data, self.app.bot)
        waiter = asyncio.get_running_loop().create_future()
        self.recorder.waiters[update.update_id] = waiter
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
            sends = [b["callback_data"] for r in rows for b in r if "lp:send:" in b.get("callback_data", "")]
            data = sends[0] if sends else "lp:send:" + "0" * 16
        return u.callback(user, last, data)


async def build_ours(backend: str, url: str, tmp: Path, residents: int, duty_chats: int, factor: float) -> World:
    fake = make_fake()
    settings = Settings(
        token=TOKEN,
        database_url=url,
        admin_ids=frozenset(),
        base_dir=tmp,
        report_limit_per_day=1000,
    )
    app = build_application(settings, request=TimedRequest(fake), delivery_clock=ScaledClock(factor))
    recorder = Recorder()
    recorder.install(app.update_processor)
    world = World(backend, app, fake, recorder)
    await world.start()
    services = app.bot_data.services
    areas = services.areas
    all_kecamatan = areas.kecamatan_list()
    if duty_chats == 1:
        chosen = [k for k in all_kecamatan if k.name == "Lumbang"]
    else:
        chosen = all_kecamatan[:duty_chats]
    desa: list[Any] = []
    for number, kec in enumerate(chosen):
        name = f"Polsek {kec.name}"
        polsek = await areas.change(area_changes.set_polsek_coverage, name, [kec.id], actor_label="bench")
        group = world.updates.group(title=f"Piket {name}")
        await areas.change(area_changes.set_duty_chat, polsek.name, group["id"], actor_label="bench")
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
        await query.answer()
        await query.edit_message_text(f"Pilihan: {query.data}")

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
    cpu0, wall0 = time.process_time(), time.perf_counter()
    late = await body()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
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
                await world.send(world.step(user, index))

    async def body() -> int:
        await asyncio.gather(*(resident(u) for u in world.residents))
        return 0

    return await measured(world, "closed loop", body)


async def open_loop(world: World, rate: float) -> Run:
    """Update k of resident i is due at (k * residents + i) / rate: a steady offered rate.
    A resident whose previous update is not answered yet sends as soon as it is (counted late)."""
    residents = world.residents
    late = 0

    async def resident(i: int, user: dict[str, Any], started: float) -> None:
        nonlocal late
        for index in range(STEPS_PER_CONVERSATION):
            due = started + (index * len(residents) + i) / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -0.005:
                late += 1
            await world.send(world.step(user, index))

    async def body() -> int:
        started = time.perf_counter() + 0.05
        await asyncio.gather(*(resident(i, u, started) for i, u in enumerate(residents)))
        return late

    return await measured(world, f"open loop {rate:g}/s", body)


async def check_reports(world: World, expected: int) -> tuple[int, int, int]:
    """Acknowledged reports, stored reports, and outbox rows to the duty chats."""
    acked = sum(
        1 for u in world.residents if "Laporan terkirim" in str((world.fake.last_message(u["id"]) or {}).get("text", ""))
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


async def drain(world: World, expected: int, factor: float, started: float, limit: float) -> tuple[float, int]:
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
    return lines + ["", "```", *[ln[:150] for ln in body[start:]], "```"]


def package_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    for marker, name in (
        ("/telegram/ext/", "telegram.ext (PTB dispatch, handlers, conversation)"),
        ("/telegram/request/", "telegram.request (PTB request building/JSON)"),
        ("/telegram/", "telegram (PTB objects, de_json/to_dict, Bot methods)"),
        ("/tests/harness/", "tests.harness (the fake Bot API, the driver)"),
        ("/sqlalchemy/", "sqlalchemy"),
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


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {os.cpu_count()} CPUs ({model or platform.machine()}), load average {load}; "
        f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}"
    )


async def main_async(args: argparse.Namespace) -> None:
    sys.setswitchinterval(0.0005)  # as in bench/delivery.py: DB threads must not stall the loop
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-bench-reports-"))
    backends = ["sqlite"] + ([] if args.quick or not args.pg_url else ["postgresql"])
    n = args.residents
    print(machine())
    print(
        f"{n} residents, {STEPS_PER_CONVERSATION} updates per /lapor conversation; fake Bot API "
        f"in-process, {LATENCY * 1000:.0f} ms median latency per request (log-normal, no stalls),"
        f"\nTelegram's rate limits NOT enforced by the fake (the bot's direct replies exceed "
        f"30 msg/s at these rates); updates via application.update_queue (PerSenderUpdateProcessor"
        f", max 256 at once, for both bots); delivery engine on a ScaledClock x{args.factor:g}.\n",
        flush=True,
    )
    runs: list[Run] = []
    checks: list[str] = []
    drains: list[str] = []
    profiles: dict[str, cProfile.Profile] = {}
    calls: dict[str, float] = {}

    async def exercise(world: World, profile: bool) -> None:
        await warm_up(world)
        first = time.perf_counter()
        run = await closed_loop(world)
        runs.append(run)
        calls[world.name] = sum(s.calls for s in run.samples) / max(1, run.updates)
        print(f"  {world.name}: closed loop {run.rate:.0f} updates/s", flush=True)
        if world.ours:
            acked, reports, rows = await check_reports(world, n)
            checks.append(
                f"| {world.name} | {len(world.duty_chats)} | {n} | {acked} | {reports} | {rows} |"
            )
            fake_s, delivered = await drain(world, n, args.factor, first, args.drain_limit)
            minutes = fake_s / 60
            per_chat = n / len(world.duty_chats)
            floor = max(0.0, (per_chat - 20) / 20) if per_chat > 20 else 0.0
            drains.append(
                f"| {world.name} | {len(world.duty_chats)} | {n} | {delivered} | "
                f"{minutes:.1f} min | ~{per_chat:.0f} cards/chat: >= {floor:.1f} min at 20/min "
                f"(after a burst of 20) |"
            )
            print(f"  {world.name}: {delivered} cards delivered in {minutes:.1f} fake min", flush=True)
        run = await open_loop(world, args.rate)
        runs.append(run)
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
        with database_url(backend, tmp, args.pg_url) as url:
            world = await build_ours(backend, url, tmp, n, chats, args.factor)
            try:
                await exercise(world, profile=args.profile and backend == "sqlite")
            finally:
                await world.stop()
    echo = await build_echo(n)
    try:
        await exercise(echo, profile=args.profile)
    finally:
        await echo.stop()

    print("\n## Closed loop: every resident sends its next update once the last one was handled\n")
    print("| bot | updates | wall s | updates/s | vs echo | Bot API calls/update | bot CPU ms/update | of which de_json |")
    print("|---|---|---|---|---|---|---|---|")
    echo_rate = next((r.rate for r in runs if r.bot == "echo" and r.mode == "closed loop"), 0.0)
    for r in runs:
        if r.mode != "closed loop":
            continue
        ratio = f"{r.rate / echo_rate:.2f}" if echo_rate else "-"
        print(
            f"| {r.bot} | {r.updates} | {r.wall:.2f} | {r.rate:.0f} | {ratio} | {calls[r.bot]:.2f} "
            f"| {r.bot_cpu_ms():.2f} | {1000 * r.de_json_cpu / max(1, r.updates):.2f} |"
        )
    print(f"\n## Open loop at {args.rate:g} updates/s offered: processing time per update (ms)\n")
    print(
        "| bot | updates | achieved/s | late sends | p50 | p95 | p99 | max | own p50 | own p95 "
        "| own p99 | own max | bot CPU ms/update | CPU busy |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        if r.mode == "closed loop":
            continue
        busy = (r.cpu - r.fake_cpu - r.driver_cpu) / r.wall if r.wall else 0
        print(
            f"| {r.bot} | {r.updates} | {r.rate:.0f} | {r.late} | {latency_cells(r.samples, False)} "
            f"| {latency_cells(r.samples, True)} | {r.bot_cpu_ms():.2f} | {100 * busy:.0f}% |"
        )
    print(
        "\nown = processing time minus the time the update's own Bot API requests took (60 ms"
        " each, awaited); CPU busy = bot CPU seconds per wall second (100% = one core)."
    )
    if checks:
        print("\n## Duty chat notified: outbox rows written with the report (same transaction)\n")
        print("| database | duty chats | conversations | acknowledged | reports stored | outbox rows to duty chats |")
        print("|---|---|---|---|---|---|")
        print("\n".join(checks))
        print(
            f"\n## Duty-chat cards actually delivered (engine on ScaledClock x{args.factor:g}, "
            "Telegram's 20 msg/min per group)\n"
        )
        print("| database | duty chats | reports | cards delivered | all delivered after (fake time) | expected |")
        print("|---|---|---|---|---|---|")
        print("\n".join(drains))
    for name, profiler in profiles.items():
        print(f"\n## cProfile of one closed-loop run, bot '{name}' (event-loop thread, tottime)\n")
        print("\n".join(profile_groups(profiler, args.profile_top)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="SQLite and echo only, no profile")
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--rate", type=float, default=150.0, help="open-loop offered updates/s")
    parser.add_argument("--factor", type=float, default=30.0, help="delivery engine time scale")
    parser.add_argument("--duty-chats", type=int, default=1, help="duty chats in the SQLite run")
    parser.add_argument("--duty-chats-pg", type=int, default=24, help="... in the PostgreSQL run")
    parser.add_argument("--drain-limit", type=float, default=60.0, help="real s to wait for cards")
    parser.add_argument("--no-profile", dest="profile", action="store_false")
    parser.add_argument("--profile-top", type=int, default=25)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL") or PG_URL,
        help="PostgreSQL (empty: skip)",
    )
    args = parser.parse_args()
    if args.quick:
        args.profile = False
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
