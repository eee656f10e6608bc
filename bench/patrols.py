"""Patrols benchmark: how long the bot takes to start with N future shifts in the database (one
JobQueue job per shift, `ronda:shift:<id>`, rebuilt at every start) and how much memory the
process holds afterwards (issue 8).

    make bench            # 1,000 and 10,000 shifts, SQLite and PostgreSQL (about a minute)
    make bench-quick      # 2,000 shifts, SQLite only
    PYTHONPATH=. .venv/bin/python bench/patrols.py --help

For each database and N the parent process makes a fresh database (SQLite file, or a throw-away
PostgreSQL schema), migrates it, imports Kabupaten Pasuruan's areas and bulk-inserts N planned
shifts spread over the next 8 weeks (120 desa, one pos each, 2-3 members a shift) with plain
multi-row INSERTs -- setup, not measured. Then a fresh child process (so its memory is the bot's
alone) builds the real Application (`build_application`, the fake Bot API in-process, no latency)
and starts it as `run_polling` does, minus the updater: `initialize()`, `post_init` (where
`handlers.patrols.rebuild_jobs` runs with the JobQueue not yet started: jobs are only queued),
`start()` (the JobQueue starts and files the queued jobs). Measured there:

- cold: `PatrolService.pending()` (the read, on a database thread), the scheduling loop (the rest
  of `rebuild_jobs`), the JobQueue's start, the whole start-up; jobs in the scheduler after;
- memory: VmRSS before the start-up and after, VmHWM (peak), and the growth from just before the
  patrols' rebuild to after the JobQueue's start, per job (a second child run measures the same
  span with tracemalloc: Python memory still held after, and its peak);
- warm: `rebuild_jobs` again on the running Application (jobs replaced by id), --runs times,
  median: `pending()`, the scheduling loop, and the scheduler's wake-ups it queues.

With --profile (default for the largest N on SQLite) a third child run profiles the patrols'
rebuild and the JobQueue's start with cProfile, database reads done on the event-loop thread so
that they are seen.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlalchemy import create_engine
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bench.databases import PG_URL
from bench.databases import database_url
from bench.machine import machine
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import PatrolPost
from storage.models import PatrolShift
from storage.models import PatrolShiftMember
from storage.models import ShiftStatus

TOKEN = "123456789:BENCH-token-abcdefghijklmnopqrstuvwxyz"
KABUPATEN = "Kabupaten Pasuruan"
DESA = 120
WEEKS = 8
MEMBERS = 600  # residents taking turns on the shifts
# Two watches a night in WIB (UTC+7): 22:00-01:00 and 01:00-04:00, i.e. 15:00 and 18:00 UTC.
SLOTS_UTC = (dt.timedelta(hours=15), dt.timedelta(hours=18))
SHIFT_LENGTH = dt.timedelta(hours=3)
RESULT = "RESULT "


# ---- setup: a fresh database with N shifts (parent process) ---------------------------------


def insert_shifts(url: str, n: int, days: int = 7 * WEEKS) -> float:
    """N planned shifts from tomorrow on, over `days` days (WEEKS weeks by default), DESA desa,
    2-3 members each, with explicit ids (fresh tables) and multi-row INSERTs. Returns the
    seconds it took."""
    started = time.perf_counter()
    rng = random.Random(8)
    db = Database(url, pool_size=1)
    try:
        with db.engine.begin() as connection:
            desa = connection.execute(
                select(Area.id).where(Area.level == AreaLevel.DESA).order_by(Area.id).limit(DESA)
            )
            desa_ids = [row[0] for row in desa]
            now = dt.datetime.now(dt.UTC).replace(microsecond=0)
            connection.execute(
                insert(PatrolPost.__table__),
                [
                    {"id": i + 1, "desa_id": d, "name": "Pos Ronda 1", "created_at": now}
                    for i, d in enumerate(desa_ids)
                ],
            )
            midnight = now.replace(hour=0, minute=0, second=0)
            shifts, members = [], []
            for i in range(n):
                # Day 1..days, evenly; desa and slot take turns within a day.
                day = 1 + i * days // n
                starts = midnight + dt.timedelta(days=day) + SLOTS_UTC[(i // DESA) % 2]
                shifts.append(
                    {
                        "id": i + 1,
                        "desa_id": desa_ids[i % DESA],
                        "post_id": i % DESA + 1,
                        "starts_at": starts,
                        "ends_at": starts + SHIFT_LENGTH,
                        "status": ShiftStatus.PLANNED,
                        "version": 1,
                        "updated_at": now,
                    }
                )
                for user in rng.sample(range(MEMBERS), rng.choice((2, 3))):
                    members.append(
                        {
                            "shift_id": i + 1,
                            "user_id": 5_000_000 + user,
                            "note": "",
                            "added_at": now,
                        }
                    )
            for table, rows in (
                (PatrolShift.__table__, shifts),
                (PatrolShiftMember.__table__, members),
            ):
                for start in range(0, len(rows), 5000):
                    connection.execute(insert(table), rows[start : start + 5000])
    finally:
        db.close()
    return time.perf_counter() - started


# ---- measuring (child process) --------------------------------------------------------------


def memory() -> dict[str, float]:
    """VmRSS and VmHWM (MB) from /proc/self/status; getrusage's maxrss (MB) as well."""
    found = {"rss": 0.0, "hwm": 0.0}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found["rss" if key == "VmRSS" else "hwm"] = int(value.split()[0]) / 1024
    found["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return found


def ms(seconds: float) -> float:
    return round(1000 * seconds, 1)


async def child(url: str, runs: int, mode: str) -> dict[str, Any]:
    """Start the bot on `url` as `run_polling` would and measure; `mode` is "plain",
    "tracemalloc" (Python memory over the patrols' rebuild) or "profile"."""
    from bot import app as bot_app
    from bot.config import Settings
    from bot.services.patrols import PatrolService
    from handlers.patrols import jobs as patrol_jobs
    from tests.harness import FakeRequest
    from tests.harness import FakeTelegram

    out: dict[str, Any] = {}
    profiler = cProfile.Profile() if mode == "profile" else None
    if profiler is not None:
        # cProfile sees one thread: run the transactions on the event-loop thread.
        async def inline(self: Database, fn: Callable[..., Any], /, *a: Any, **k: Any) -> Any:
            return self.call(fn, *a, **k)

        Database.run = inline  # type: ignore[method-assign]
        Database.write = inline  # type: ignore[method-assign]

    # Time pending() inside the real start-up: the service is created in post_init.
    inner_pending = PatrolService.pending
    pending_seconds: list[float] = []

    async def timed_pending(
        self: PatrolService, until: dt.datetime | None = None
    ) -> list[tuple[int, dt.datetime]]:
        started = time.perf_counter()
        try:
            return await inner_pending(self, until)
        finally:
            pending_seconds.append(time.perf_counter() - started)

    PatrolService.pending = timed_pending  # type: ignore[method-assign]

    def timed_rebuild(
        rebuild: Callable[[Any], Awaitable[None]],
    ) -> Callable[[Any], Awaitable[None]]:
        async def wrapped(application: Any) -> None:
            out["rss_before_rebuild"] = memory()["rss"]
            if mode == "tracemalloc":
                tracemalloc.start()
            if profiler is not None:
                profiler.enable()
            started = time.perf_counter()
            await rebuild(application)
            out["cold_rebuild_ms"] = ms(time.perf_counter() - started)
            if profiler is not None:
                profiler.disable()

        return wrapped

    bot_app.STARTUP_JOBS[:] = [
        timed_rebuild(r) if r is patrol_jobs.rebuild_jobs else r for r in bot_app.STARTUP_JOBS
    ]
    settings = Settings(
        token=TOKEN, database_url=url, admin_ids=frozenset(), base_dir=Path(tempfile.gettempdir())
    )
    application = bot_app.build_application(
        settings, request=FakeRequest(FakeTelegram(enforce_limits=False))
    )
    before = memory()
    out["rss_before"] = before["rss"]
    t0 = time.perf_counter()
    await application.initialize()
    t1 = time.perf_counter()
    await application.post_init(application)
    t2 = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    await application.start()
    t3 = time.perf_counter()
    if profiler is not None:
        profiler.disable()
    after = memory()
    if mode == "tracemalloc":
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["traced_held_mb"], out["traced_peak_mb"] = held / 2**20, peak / 2**20
    jobs = application.job_queue.scheduler.get_jobs()
    out.update(
        initialize_ms=ms(t1 - t0),
        post_init_ms=ms(t2 - t1),
        start_ms=ms(t3 - t2),
        startup_ms=ms(t3 - t0),
        cold_pending_ms=ms(pending_seconds[0]) if pending_seconds else None,
        jobs=len(jobs),
        patrol_jobs=sum(1 for j in jobs if j.id.startswith("ronda:shift:")),
        rss_after=after["rss"],
        hwm=after["hwm"],
        maxrss=after["maxrss"],
    )
    if profiler is not None:
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs()
        stats.sort_stats("tottime").print_stats(18)
        stats.sort_stats("cumulative").print_stats(18)
        out["profile"] = buffer.getvalue()
    if mode == "plain":
        # Warm: the same rebuild on the running Application; every job is replaced by id.
        patrols = application.bot_data.services.patrols
        warm: list[tuple[float, float, float]] = []
        for _ in range(runs):
            started = time.perf_counter()
            window_end = dt.datetime.now(dt.UTC) + patrol_jobs.WINDOW
            found = await patrols.pending(until=window_end)
            read = time.perf_counter()
            for shift_id, when in found:
                patrol_jobs.schedule(application, shift_id, when)
            scheduled = time.perf_counter()
            # Each add on a running scheduler queues a wake-up (call_soon_threadsafe).
            for _ in range(3):
                await asyncio.sleep(0)
            woken = time.perf_counter()
            warm.append((read - started, scheduled - read, woken - scheduled))
        out["warm_pending_ms"] = ms(statistics.median(w[0] for w in warm))
        out["warm_schedule_ms"] = ms(statistics.median(w[1] for w in warm))
        out["warm_wakeups_ms"] = ms(statistics.median(w[2] for w in warm))
        out["warm_total_ms"] = ms(statistics.median(sum(w) for w in warm))
        out["jobs_after_warm"] = len(application.job_queue.scheduler.get_jobs())
        out["rss_after_warm"] = memory()["rss"]
    await application.stop()
    await application.post_stop(application)
    await application.shutdown()
    await application.post_shutdown(application)
    return out


def run_child(url: str, runs: int, mode: str) -> dict[str, Any]:
    """Measure in a fresh interpreter: the parent's setup must not count in its memory."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", url, "--runs", str(runs), "--mode", mode],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT) :])
    raise RuntimeError(f"the measuring process failed:\n{done.stdout}\n{done.stderr}")


# ---- the report -----------------------------------------------------------------------------


def pg_reachable(url: str) -> bool:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception as error:  # any failure: skip PostgreSQL
        print(
            f"PostgreSQL at {make_url(url).render_as_string()} not reachable ({error!s:.80}):"
            " skipped",
            flush=True,
        )
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 shifts, SQLite only")
    parser.add_argument(
        "--shifts", default="1000,10000", help="comma-separated shift counts (default 1000,10000)"
    )
    parser.add_argument(
        "--days",
        type=int,
        default=7 * WEEKS,
        help="spread the shifts over this many days from tomorrow (1: all within the job window)",
    )
    parser.add_argument("--runs", type=int, default=3, help="warm rebuilds (median)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument(
        "--pg-url",
        default=PG_URL,
        help="PostgreSQL (empty: skip)",
    )
    parser.add_argument(
        "--profile",
        choices=["largest", "all", "none"],
        default="largest",
        help="cProfile of the rebuild: for the largest N on SQLite (default), every run, none",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="plain", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(RESULT + json.dumps(asyncio.run(child(args.child, args.runs, args.mode))))
        return
    if args.quick:
        args.shifts, args.sqlite_only, args.profile = "2000", True, "none"
    counts = [int(x.replace("_", "")) for x in args.shifts.split(",") if x.strip()]
    backends = ["sqlite"]
    if not args.sqlite_only and args.pg_url and pg_reachable(args.pg_url):
        backends.append("postgresql")
    print(machine())
    print(
        f"shifts over the next {args.days} days in {DESA} desa of {KABUPATEN}, 2-3 members each;"
        f" start-up = initialize() + post_init + start() (no updater); fake Bot API in-process,"
        f" no latency; warm = median of {args.runs} rebuilds on the running Application\n",
        flush=True,
    )
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-bench-patrols-"))
    rows: list[tuple[str, int, dict[str, Any]]] = []
    profiles: list[tuple[str, int, str]] = []
    for backend in backends:
        for n in counts:
            with database_url(backend, tmp, args.pg_url, "patrols") as url:
                setup = insert_shifts(url, n, args.days)
                print(f"  {backend}, {n} shifts: inserted in {setup:.1f} s; measuring", flush=True)
                result = run_child(url, args.runs, "plain")
                traced = run_child(url, 1, "tracemalloc")
                result["traced_held_mb"] = traced["traced_held_mb"]
                result["traced_peak_mb"] = traced["traced_peak_mb"]
                wanted = args.profile == "all" or (
                    args.profile == "largest" and backend == "sqlite" and n == max(counts)
                )
                if wanted:
                    profiles.append((backend, n, run_child(url, 1, "profile")["profile"]))
                rows.append((backend, n, result))
    print("\n## Start-up with N future shifts (cold: a fresh process)\n")
    print(
        "| database | shifts | pending() ms | scheduling ms | rebuild ms | JobQueue start ms "
        "| start-up ms | jobs (ronda) | RSS before / after MB | VmHWM MB | per-job KB "
        "| tracemalloc held / peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for backend, n, r in rows:
        pending = r["cold_pending_ms"] or 0.0
        grown = r["rss_after"] - r["rss_before_rebuild"]
        per_job = 1024 * grown / max(1, r["patrol_jobs"])
        print(
            f"| {backend} | {n:,} | {pending:.0f} | {r['cold_rebuild_ms'] - pending:.0f} "
            f"| {r['cold_rebuild_ms']:.0f} | {r['start_ms']:.0f} | {r['startup_ms']:.0f} "
            f"| {r['jobs']:,} ({r['patrol_jobs']:,}) | {r['rss_before']:.0f} / {r['rss_after']:.0f}"
            f" | {r['hwm']:.0f} | {per_job:.1f} | {r['traced_held_mb']:.1f} / "
            f"{r['traced_peak_mb']:.1f} |"
        )
    print(
        "\nrebuild = handlers.patrols.rebuild_jobs in post_init (pending() + scheduling, the"
        " JobQueue not started: jobs are queued); JobQueue start = application.start(), where"
        " APScheduler files the queued jobs; start-up = initialize() + post_init + start()."
        " per-job KB = RSS growth from just before the rebuild to after start(), per ronda job;"
        " tracemalloc = Python memory allocated over the same span and still held, and its peak"
        " (a separate run: tracing slows it down)."
    )
    print(f"\n## Rebuild again on the running Application (median of {args.runs})\n")
    print(
        "| database | shifts | pending() ms | scheduling ms | scheduler wake-ups ms | total ms "
        "| jobs after | RSS after MB |\n|---|---|---|---|---|---|---|---|"
    )
    for backend, n, r in rows:
        print(
            f"| {backend} | {n:,} | {r['warm_pending_ms']:.0f} | {r['warm_schedule_ms']:.0f} "
            f"| {r['warm_wakeups_ms']:.0f} | {r['warm_total_ms']:.0f} | {r['jobs_after_warm']:,} "
            f"| {r['rss_after_warm']:.0f} |"
        )
    print("\nstart-up split (ms): initialize / post_init / start\n")
    for backend, n, r in rows:
        print(
            f"- {backend}, {n:,}: {r['initialize_ms']:.0f} / {r['post_init_ms']:.0f} / "
            f"{r['start_ms']:.0f}"
        )
    for backend, n, text_ in profiles:
        print(
            f"\n## cProfile: the patrols' rebuild and application.start(), {backend}, {n:,}"
            " shifts (database reads on the event-loop thread)\n"
        )
        print("```\n" + text_.strip() + "\n```")
    print(f"\n{machine()} (at the end)")


if __name__ == "__main__":
    main()
