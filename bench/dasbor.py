"""Dashboard bench (issue 23): the Laporan page with 10,000 reports in scope, and the bot's
reply latency while one dashboard is open.

    PYTHONPATH=. .venv/bin/python bench/dasbor.py             # SQLite and PostgreSQL: ~10 min
    PYTHONPATH=. .venv/bin/python bench/dasbor.py --quick     # SQLite, shorter: ~3 min

Ours runs as its own process (`python -m bot run`, WEB_PORT set) polling the fake Bot API over
HTTP, as in bench/speed.py, whose machinery this reuses (the Driver, the residents, the closed
loop). Before the start, plain SQL puts 10,000 reports of Polsek Lumbang (the last 180 days, every
status and category, a third anonymous) and 2,000 residents into a fresh database; an officer of
Polsek Lumbang logs in the way a person does: /dasbor to the bot, the link from its answer.

(a) Page load: GET the Laporan page, its map's JSON (every report in scope with a place, as the
page fetches it once loaded) and its poll ("what changed since", with the cursor of the page, as
the open page asks every WEB_POLL_SECONDS) N times each, one at a time, with the bot otherwise
idle: p50 / p99 / max of the time from sending the request to its last byte over loopback (the
server's time: no network in between) and the bytes sent.

(b) Reply latency: bench/speed.py's closed loop (64 residents through /start, /status and a
whole /lapor, each step as soon as the last was answered; it keeps the bot saturated, the worst
case for a poller) in windows of three conditions: A without a dashboard, B with one open
Laporan page polling (loaded before the window), C with one opened at the window's start (its
page load and map JSON inside the window, then its polls). Windows go A B C C B A so that drift
on a shared machine falls on every condition; p50 / p99 of every answered step per condition,
and B's and C's against A (the issue's target: ≤ +10 %).
Prints Markdown tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import random
import re
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import DateTime
from sqlalchemy import bindparam
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bench.databases import PG_URL
from bench.databases import empty_database
from bench.machine import machine
from bench.speed import DUTY_CHAT
from bench.speed import FIRST_RESIDENT
from bench.speed import KABUPATEN
from bench.speed import KECAMATAN
from bench.speed import TOKEN
from bench.speed import Driver
from bench.speed import Phase
from bench.speed import Pool
from bench.speed import Process
from bench.speed import cli
from bench.speed import closed_loop
from bench.speed import environment
from bench.speed import git_label
from bench.speed import pct
from bench.speed import seed
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer

ROOT = Path(__file__).resolve().parents[1]
OFFICER_ID = 800_000_001
CATEGORIES = (
    "pencurian kebakaran kecelakaan keributan mencurigakan bencana lainnya".split(),
    (30, 5, 15, 15, 20, 5, 10),
)
STATUSES = ("baru diterima diproses selesai ditolak".split(), (8, 7, 10, 60, 15))
# Inside Kec. Lumbang, spread over a few kilometres.
LATITUDE, LONGITUDE, SPREAD = -7.83, 112.97, 0.05
LINK = re.compile(r"https?://[^\s\"'<>]+/masuk/[^\s\"'<>]+")
# (b)'s conditions: no dashboard; one open Laporan page polling (opened before the window);
# one opened at the window's start (its page load and map data inside the window, then polls).
WITHOUT, POLLING, OPENING = "without", "page open, polling", "page opened in the window"
CONDITIONS = {
    WITHOUT: "no dashboard",
    POLLING: "one Laporan page, loaded before the window, polls every WEB_POLL_SECONDS",
    OPENING: "one Laporan page loaded at the window's start (page + map JSON), then polls",
}
CODES = {WITHOUT: "A", POLLING: "B", OPENING: "C"}


# ---- the dashboard's routes ------------------------------------------------------------------


@dataclass(frozen=True)
class Routes:
    """What the open Laporan page fetches: the page, its data (the first fetch) and its poll."""

    page: str
    data: str
    poll: str  # with "{after}" and "{since}": the cursor the page holds (its last answer's)
    poll_seconds: float


def routes(args: argparse.Namespace) -> Routes:
    """The Laporan page's routes as its module defines them (overridable for another checkout)."""
    try:
        from bot.web.app import WEB_POLL_SECONDS

        seconds = float(WEB_POLL_SECONDS)
    except ImportError:
        seconds = 5.0
    return Routes(args.page, args.data, args.poll, args.poll_seconds or seconds)


# ---- the database ----------------------------------------------------------------------------


def seed_reports(engine: Engine, count: int, residents: list[dict[str, Any]]) -> int:
    """`count` reports of Polsek Lumbang over the last 180 days, with their "created" events
    (and a status event for those taken); returns the Polsek's id. Plain SQL, not measured."""
    rng = random.Random(23)
    now = dt.datetime.now(dt.UTC)
    stamp = [bindparam(n, type_=DateTime(timezone=True)) for n in ("c", "u", "k", "d", "e")]
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
        polsek = int(c.execute(text("SELECT id FROM polsek ORDER BY id LIMIT 1")).scalar_one())
        # Numbers go on from the last seeded one: the bot's own reports during (b) get new codes.
        c.execute(
            text(
                "INSERT INTO report_prefixes (kecamatan_id, prefix, last_number) "
                "VALUES (:k, 'LMB', :n)"
            ),
            {"k": kecamatan, "n": count},
        )
        rows = []
        for i in range(count):
            created = now - dt.timedelta(minutes=rng.uniform(30, 180 * 24 * 60))
            status = rng.choices(*STATUSES)[0]
            taken = status != "baru"
            claimed = (
                created + dt.timedelta(minutes=rng.lognormvariate(2.5, 1.0)) if taken else None
            )
            closed = (
                created + dt.timedelta(hours=rng.lognormvariate(1.5, 1.0))
                if status in ("selesai", "ditolak")
                else None
            )
            if closed is not None and claimed is not None and closed < claimed:
                closed = claimed
            resident = residents[rng.randrange(len(residents))]
            rows.append(
                {
                    "code": f"LMB-{i + 1:04d}",
                    "reporter": resident["id"],
                    "anonymous": rng.random() < 0.33,
                    "category": rng.choices(*CATEGORIES)[0],
                    "description": f"Laporan uji nomor {i + 1}: kejadian di sekitar rumah warga, "
                    "mohon ditindaklanjuti oleh petugas.",
                    "desa": rng.choice(desa),
                    "place": f"Dusun {rng.randint(1, 9)}, RT {rng.randint(1, 12):02d}",
                    "lat": LATITUDE + rng.uniform(-SPREAD, SPREAD),
                    "lon": LONGITUDE + rng.uniform(-SPREAD, SPREAD),
                    "urgent": rng.random() < 0.1,
                    "status": status,
                    "polsek": polsek,
                    "officer": OFFICER_ID if taken else None,
                    "k": claimed,
                    "reason": "bukan_kamtibmas" if status == "ditolak" else None,
                    "outcome": "Sudah ditangani." if status == "selesai" else "",
                    "c": created,
                    "u": closed or claimed or created,
                    "d": closed,
                    # Old unclaimed reports were escalated long ago (no escalation job at start).
                    "e": created + dt.timedelta(minutes=30) if not taken else None,
                    "token": f"seed{i}",
                }
            )
        c.execute(
            text(
                "INSERT INTO reports (code, reporter_id, anonymous, category, description, "
                "desa_id, place_text, latitude, longitude, urgent, status, polsek_id, "
                "duty_chat_id, claimed_by, claimed_at, reject_reason, outcome, created_at, "
                "updated_at, closed_at, escalated_at, client_token, source, source_ref) VALUES "
                "(:code, :reporter, :anonymous, :category, :description, :desa, :place, :lat, "
                ":lon, :urgent, :status, :polsek, :duty, :officer, :k, :reason, :outcome, :c, "
                ":u, :d, :e, :token, 'lapor', '')"
            ).bindparams(*stamp),
            [r | {"duty": DUTY_CHAT} for r in rows],
        )
        ids = dict(c.execute(text("SELECT code, id FROM reports")).all())
        events = [
            {
                "r": ids[r["code"]],
                "kind": "created",
                "status": "baru",
                "actor": r["reporter"],
                "at": r["c"],
            }
            for r in rows
        ] + [
            {
                "r": ids[r["code"]],
                "kind": r["status"],
                "status": r["status"],
                "actor": OFFICER_ID,
                "at": r["d"] or r["k"],
            }
            for r in rows
            if r["status"] != "baru"
        ]
        c.execute(
            text(
                "INSERT INTO report_events (report_id, at, actor_id, kind, status, note) "
                "VALUES (:r, :at, :actor, :kind, :status, '')"
            ).bindparams(bindparam("at", type_=DateTime(timezone=True))),
            events,
        )
    return polsek


# ---- the dashboard as a client sees it -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def log_in(
    driver: Driver, fake: FakeTelegram, client: httpx.AsyncClient, officer: dict[str, Any]
) -> None:
    """/dasbor to the bot, then the one-time link of its answer: the client holds the session."""
    before = len(fake.sent_messages(officer["id"]))
    fake.push_update(driver.updates.command(officer, "/dasbor"))
    link = None
    deadline = time.perf_counter() + 30
    while link is None and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
        for message in fake.sent_messages(officer["id"])[before:]:
            rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
            urls = [str(b.get("url", "")) for row in rows for b in row]
            found = LINK.search(" ".join([str(message.get("text", "")), *urls]))
            if found:
                link = found.group(0)
    if link is None:
        raise RuntimeError("no /dasbor link in the bot's answer")
    path = httpx.URL(link).raw_path.decode()
    response = await client.get(path, follow_redirects=True)
    if response.status_code != 200 or not client.cookies:
        raise RuntimeError(f"log-in refused: {response.status_code} {response.text[:200]}")


@dataclass
class Timed:
    """Requests to one route: seconds to the last byte, bytes of the body (and on the wire)."""

    name: str
    seconds: list[float] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    wire: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)
    bot_cpu: float = 0.0  # the bot process's CPU seconds over these requests ((a) only)

    def cpu_ms(self) -> float:
        return 1000 * self.bot_cpu / len(self.seconds) if self.seconds else float("nan")


async def timed_get(client: httpx.AsyncClient, path: str, into: Timed) -> httpx.Response:
    started = time.perf_counter()
    response = await client.get(path)
    into.seconds.append(time.perf_counter() - started)
    into.body.append(len(response.content))
    into.wire.append(response.num_bytes_downloaded)
    into.statuses.add(response.status_code)
    return response


CURSOR = re.compile(r'data-after="([^"]*)"\s+data-since="([^"]*)"')


def cursor_of(response: httpx.Response) -> tuple[str, str]:
    """(after, since) as the page holds them: the table's data attributes in the HTML, then
    each poll's answer."""
    if response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        return str(body.get("after", "")), str(body.get("since", ""))
    found = CURSOR.search(response.text)
    return (found[1], found[2]) if found else ("0", dt.datetime.now(dt.UTC).isoformat())


def poll_path(r: Routes, cursor: tuple[str, str]) -> str:
    after, since = cursor
    return r.poll.format(after=quote(after), since=quote(since))


async def page_loads(client: httpx.AsyncClient, r: Routes, n: int, bot: Process) -> list[Timed]:
    """The page, its map data and its poll, `n` times each, one request at a time; with the
    bot's CPU for each (from /proc, whose 10 ms ticks average out over the `n`)."""
    page, data, poll = Timed(f"GET {r.page}"), Timed(f"GET {r.data}"), Timed(f"GET {r.poll}")

    async def get(path: str, into: Timed) -> httpx.Response:
        before = bot.cpu()
        answer = await timed_get(client, path, into)
        into.bot_cpu += bot.cpu() - before
        return answer

    for _ in range(n):
        cursor = cursor_of(await get(r.page, page))
        await get(r.data, data)
        await get(poll_path(r, cursor), poll)
    return [page, data, poll]


async def dashboard(
    client: httpx.AsyncClient, r: Routes, stop: asyncio.Event, log: Timed, loaded: asyncio.Event
) -> None:
    """What one open Laporan page does: load (the page, then its map data), then poll every
    `poll_seconds` with the cursor of the last answer, until stopped."""
    cursor = cursor_of(await timed_get(client, r.page, log))
    await timed_get(client, r.data, log)
    loaded.set()
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), r.poll_seconds)
            return
        cursor = cursor_of(await timed_get(client, poll_path(r, cursor), log))


# ---- one backend -----------------------------------------------------------------------------


@dataclass
class Result:
    backend: str
    loads: list[Timed] = field(default_factory=list)
    # (b): the closed loop's windows by condition (CONDITIONS), and the dashboard's requests.
    windows: dict[str, list[Phase]] = field(default_factory=dict)
    poller: Timed = field(default_factory=lambda: Timed("poller"))
    errors: list[str] = field(default_factory=list)
    rss: float = 0.0


async def run_backend(backend: str, args: argparse.Namespace, tmp: Path) -> Result:
    loop = asyncio.get_running_loop()
    fake = FakeTelegram(enforce_limits=False)
    driver = Driver(fake, loop)
    users = [
        driver.updates.user(id=FIRST_RESIDENT + i, first_name=f"Warga{i}", username=f"warga{i}")
        for i in range(args.residents)
    ]
    officer = driver.updates.user(id=OFFICER_ID, first_name="Bripka Andi", username="andi")
    fake.register_chat({"id": DUTY_CHAT, "type": "supergroup", "title": "Piket Polsek Lumbang"})
    fake.register_chat({"id": 1, "type": "private", "first_name": "Kapolsek"})
    result = Result(backend)
    work = tmp / backend
    work.mkdir()
    r = routes(args)
    with contextlib.ExitStack() as stack:
        http = stack.enter_context(FakeTelegramServer(fake, token=TOKEN))
        url = stack.enter_context(empty_database(backend, tmp, args.pg_url, "dasbor"))
        port = free_port()
        settings = {
            "DATABASE_URL": url,
            "REPORT_LIMIT_PER_DAY": "1000",
            "WEB_LISTEN": "127.0.0.1",
            "WEB_PORT": str(port),
            "WEB_BASE_URL": f"http://127.0.0.1:{port}",
        }
        if args.delivery_rate:
            settings |= {"DELIVERY_RATE": f"{args.delivery_rate:g}", "PAID_BROADCAST": "true"}
        env = environment(args.source, http, settings)
        cli(args.source, env, work, "db", "upgrade")
        cli(args.source, env, work, "areas", "import", "--kabupaten", KABUPATEN)
        polsek_name = f"Polsek {KECAMATAN}"
        cli(args.source, env, work, "polsek", "set", polsek_name, "--kecamatan", KECAMATAN)
        cli(args.source, env, work, "polsek", "duty-chat", polsek_name, str(DUTY_CHAT))
        cli(
            args.source,
            env,
            work,
            "admin",
            "grant",
            str(OFFICER_ID),
            "polisi",
            "--scope",
            polsek_name,
        )
        engine = create_engine(url)
        stack.callback(engine.dispose)
        seed(engine, users)
        seed_reports(engine, args.reports, users)
        bot = Process([sys.executable, "-m", "bot", "run"], env, work, work / "bot.log")
        stack.callback(bot.stop, True)
        try:
            await asyncio.wait_for(driver.polled.wait(), 120)
        except TimeoutError:
            raise RuntimeError(f"ours never polled:\n{bot.log.read_text()[-3000:]}") from None
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            await log_in(driver, fake, client, officer)
            # (a) warm once (templates, caches), then measured.
            await page_loads(client, r, 2, bot)
            result.loads = await page_loads(client, r, args.loads, bot)
            # (b) the closed loop without and with one open dashboard.
            pool = Pool(users[: args.residents])
            await asyncio.gather(*(driver.session(u) for u in users[:16]))
            await driver.quiet()
            for condition in args.order:
                stop, loaded = asyncio.Event(), asyncio.Event()
                task = None
                if condition != WITHOUT:
                    task = asyncio.create_task(dashboard(client, r, stop, result.poller, loaded))
                    if condition == POLLING:  # the page is open before the window starts
                        await loaded.wait()
                phase = await closed_loop(driver, bot, pool, args.clients, args.window)
                stop.set()
                if task is not None:
                    await task
                result.windows.setdefault(condition, []).append(phase)
                await driver.quiet()
        result.rss = bot.rss_mib()
        result.errors = bot.errors()
    return result


# ---- report ----------------------------------------------------------------------------------


def ms(value: float) -> str:
    return "-" if value != value else f"{1000 * value:.1f}"


def kib(values: list[int]) -> str:
    return f"{sum(values) / len(values) / 1024:,.1f}" if values else "-"


def latencies(phases: list[Phase]) -> list[float]:
    return [v for p in phases for v in p.all_latencies()]


def report(results: list[Result], args: argparse.Namespace) -> None:
    print(f"\n## (a) Laporan page with {args.reports:,} reports in scope ({args.loads} each)\n")
    print(
        "| backend | request | p50 ms | p99 ms | max ms | bot CPU ms / request | body KiB | "
        "on the wire KiB | status |\n" + "|---" * 9 + "|"
    )
    for res in results:
        for t in res.loads:
            print(
                f"| {res.backend} | {t.name} | {ms(pct(t.seconds, 0.5))} | "
                f"{ms(pct(t.seconds, 0.99))} | {ms(max(t.seconds, default=float('nan')))} | "
                f"{t.cpu_ms():.1f} | {kib(t.body)} | {kib(t.wire)} | "
                f"{','.join(map(str, sorted(t.statuses)))} |"
            )
    r = routes(args)
    for res in results:
        if len(res.loads) == 3:
            page, data, poll = (t.cpu_ms() for t in res.loads)
            print(
                f"\n{res.backend}: an open page costs the bot {page + data:.0f} ms of CPU to load, "
                f"then {poll:.1f} ms every {r.poll_seconds:g} s: "
                f"{poll / (10 * r.poll_seconds):.2f} % of one core while it polls"
            )
    print(
        f"\n## (b) Reply latency, closed loop of {args.clients} residents, windows of "
        f"{args.window:g} s in the order " + " ".join(CODES[c] for c in args.order) + "\n"
    )
    for condition, meaning in CONDITIONS.items():
        print(f"- {CODES[condition]} {condition}: {meaning}")
    print(
        "\n| backend | condition | windows | answered | answered/s | CPU ms / answered | "
        "p50 ms | p99 ms | p50 / A | p99 / A | target |\n" + "|---" * 11 + "|"
    )
    for res in results:
        base = latencies(res.windows.get(WITHOUT, []))
        for condition in CONDITIONS:
            phases = res.windows.get(condition, [])
            lat = latencies(phases)
            answered = sum(p.answered for p in phases)
            seconds = sum(p.seconds for p in phases) or float("nan")
            cpu = sum(p.bot_cpu for p in phases)
            p50 = pct(lat, 0.5) / pct(base, 0.5) if lat and base else float("nan")
            p99 = pct(lat, 0.99) / pct(base, 0.99) if lat and base else float("nan")
            print(
                f"| {res.backend} | {CODES[condition]} {condition} | {len(phases)} | "
                f"{answered:,} | {answered / seconds:.1f} | "
                f"{1000 * cpu / answered if answered else float('nan'):.2f} | "
                f"{ms(pct(lat, 0.5))} | {ms(pct(lat, 0.99))} | {p50:.3f} | {p99:.3f} | "
                + ("" if condition == WITHOUT else "≤ 1.10")
                + " |"
            )
    for res in results:
        poll = res.poller
        print(
            f"\n{res.backend}: the poller made {len(poll.seconds)} requests (p50 "
            f"{ms(pct(poll.seconds, 0.5))} ms, max {ms(max(poll.seconds, default=float('nan')))} "
            f"ms, status {','.join(map(str, sorted(poll.statuses)))}); RSS at the end "
            f"{res.rss:.0f} MiB; {len(res.errors)} error lines in the bot's log"
        )
        for line in res.errors[:5]:
            print(f"    {line}")


async def main_async(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-dasbor-"))
    print(machine())
    print(f"ours: {git_label(args.source)} ({args.source})")
    r = routes(args)
    print(
        f"{args.reports:,} reports of Polsek Lumbang; page {r.page}, data {r.data}, poll {r.poll} "
        f"every {r.poll_seconds:g} s; "
        + (
            f"DELIVERY_RATE {args.delivery_rate:g} (PAID_BROADCAST)"
            if args.delivery_rate
            else "DELIVERY_RATE default (30/s)"
        ),
        flush=True,
    )
    results = []
    for backend in args.backends:
        started = time.perf_counter()
        results.append(await run_backend(backend, args, tmp))
        print(f"- {backend}: {time.perf_counter() - started:.0f} s", flush=True)
    report(results, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="SQLite only, shorter windows")
    parser.add_argument("--backends", help="sqlite,postgresql (default; --quick: sqlite)")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL ('' : SQLite only)")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to run as ours")
    parser.add_argument("--reports", type=int, default=10_000, help="seeded reports in scope")
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--loads", type=int, help="(a): requests per route (default 50; quick 20)")
    parser.add_argument("--clients", type=int, default=64, help="(b): closed-loop residents")
    parser.add_argument("--window", type=float, help="(b): seconds per window (10; quick 8)")
    parser.add_argument("--rounds", type=int, help="(b): A B C C B A rounds (3; quick 1)")
    parser.add_argument("--page", default="/laporan", help="the Laporan page")
    parser.add_argument("--data", default="/laporan/peta.json", help="its map's JSON (all)")
    parser.add_argument(
        "--poll",
        default="/laporan/baru.json?after={after}&since={since}",
        help="its JSON poll ({after}, {since}: the cursor)",
    )
    parser.add_argument("--poll-seconds", type=float, help="default: WEB_POLL_SECONDS")
    parser.add_argument(
        "--delivery-rate",
        type=float,
        default=1000.0,
        help="ours' DELIVERY_RATE with PAID_BROADCAST (default 1000, so that the CPU, not "
        "Telegram's free 30/s, limits the replies; 0: the bot's default)",
    )
    args = parser.parse_args()
    backends = args.backends or ("sqlite" if args.quick or not args.pg_url else "sqlite,postgresql")
    args.backends = [b for b in backends.split(",") if b]
    args.loads = args.loads or (20 if args.quick else 50)
    args.window = args.window or (8.0 if args.quick else 10.0)
    rounds = args.rounds or (1 if args.quick else 3)
    # A B C C B A: drift on a shared machine falls on every condition alike.
    args.order = [WITHOUT, POLLING, OPENING, OPENING, POLLING, WITHOUT] * rounds
    args.source = args.source.resolve()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
