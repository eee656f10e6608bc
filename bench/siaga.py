"""Siaga benchmark: a muster call (/siaga) to 2,000 people at Telegram's limits, and the live
tally while their 2,000 answers arrive in 2 minutes (issue 21's "Measure").

    PYTHONPATH=. .venv/bin/python bench/siaga.py            # 2,000 people, 120 s of answers: ~4 min
    PYTHONPATH=. .venv/bin/python bench/siaga.py --quick    # 300 people, 30 s of answers: ~1 min
    PYTHONPATH=. .venv/bin/python bench/siaga.py --pg-url postgresql+psycopg://...  # and PG
    PYTHONPATH=. .venv/bin/python bench/siaga.py --help

The real Application (tests.harness.BotHarness: `build_application`, started as `run_polling`
starts it) on a fresh database with Kabupaten Pasuruan's areas, against the in-process fake Bot
API enforcing Telegram's limits (30 messages/s overall with a burst of 30, 1/s per private chat,
20/min per group) with a 60 ms median latency and 1% of requests stalling 2 s (as
bench/delivery.py). Set up, not measured: Polsek Lumbang with its duty group and an officer, and
N people who are Karang Taruna (pemuda, Divisi Patroli) of Desa Kronto, each known to the bot (a
`users` row; the role rows are copies of one made by `RoleService.grant`, bulk-inserted).

Phase 1, the call: the officer goes through `/siaga` (📣 Panggil siaga, Kronto, 👥 Karang Taruna,
a reason, 🏢 Polsek Lumbang, ⏱ Sekarang, 🚨 Darurat) and presses 📣 Kirim. Measured from that press
to the last call message the fake accepted: seconds, the rate against the 30/s limit
(E = N / (30/s x seconds)), the 429s, people who got it twice or not at all. `--factor F` runs this
phase on a scaled clock shared by the fake and the delivery engine (F times faster; the engine's
real-time database work then weighs F times more); default 1, real time.

Phase 2, the answers (real time: the tally's pacing runs on the JobQueue and time.monotonic): the
N people press their answer under their call message evenly over S seconds (`--seconds`), in a
random order — 70% ✅ Siap, 20% 📍 Sudah di lokasi, 10% ❌ Tidak bisa as final answers, and 5% of
them first press another answer and change it 5-30 s later (within the S seconds). Presses go onto
`application.update_queue`, as polling puts them. Measured per tally chat (the officer's private
chat, the Polsek duty group), from the tally message's accepted `editMessageText` calls: the edits
while the answers arrive and per minute, the most in any 60-second window and the smallest gap
between two edits against Telegram's limits for one chat (private: about 1 a second; group: 20 a
minute) and against the bot's own pace (one edit per 3 s in private, 6 s in a group:
bot/services/siaga/types.py); then, after the last press, how long until the tally shows the final
state, and whether that final text is exact: equal to the tally rendered from the database, and its
counts equal to the answers the bench gave. Also: press -> answerCallbackQuery (the toast)
p50/p99/max, 429s, and warnings the bot logged. Prints Markdown tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import logging
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlalchemy import insert
from sqlmodel import select
from telegram import Update

from bench.databases import database_url
from bench.machine import machine
from bot.config import Settings
from bot.services.authz import Scope
from bot.services.roles import RoleSpec
from storage.models import Division
from storage.models import Role
from storage.models import RoleAssignment
from storage.models import SiagaAnswer
from storage.models import SiagaRecipient
from storage.models import SiagaTally
from storage.models import User
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import latency_profile
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import last
from tests.helpers import text_of

TOKEN = "123456789:BENCH-token-abcdefghijklmnopqrstuvwxyz"
RATE = 30.0  # messages a second a bot may send (Telegram's free limit)
PRIVATE_PER_MINUTE = 60  # about one message a second in a private chat
GROUP_PER_MINUTE = 20
BOT_PACE = {"private": 60 / 3.0, "group": 60 / 6.0}  # TALLY_EVERY_PRIVATE / _GROUP
BOUNDS = (-7.98, 112.55, -7.50, 113.10)
FIRST_ID = 6_000_000
MIX = {SiagaAnswer.SIAP: 0.70, SiagaAnswer.LOKASI: 0.20, SiagaAnswer.TIDAK: 0.10}
CHANGERS = 0.05
LABELS = {
    SiagaAnswer.SIAP: "✅ Siap",
    SiagaAnswer.LOKASI: "📍 Sudah di lokasi",
    SiagaAnswer.TIDAK: "❌ Tidak bisa",
}
COUNTS = re.compile(
    r"Siap: (\d+) · 📍 Di lokasi: (\d+) \((\d+) terkonfirmasi\) · ❌ Tidak bisa: (\d+)\n"
    r"⏳ Belum menjawab: (\d+) dari (\d+) orang"
)


class PhasedClock:
    """The fake's and the delivery engine's clock: `factor` times faster than real time, and the
    factor may change (phase 2 runs at 1) without time jumping."""

    def __init__(self, factor: float) -> None:
        self.factor = factor
        self._real0 = time.monotonic()
        self._fake0 = 0.0
        self._wall0 = time.time()

    def monotonic(self) -> float:
        return self._fake0 + (time.monotonic() - self._real0) * self.factor

    def wall_time(self) -> float:
        return self._wall0 + self.monotonic()

    def set_factor(self, factor: float) -> None:
        self._fake0, self._real0, self.factor = self.monotonic(), time.monotonic(), factor

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.factor)

    def sleep_blocking(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds) / self.factor)


class Warnings(logging.Handler):
    """Counts the bot's log records at WARNING and above (and keeps a few)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.count[f"{record.levelname} {record.name}: {record.getMessage()[:100]}"] += 1


@dataclass
class Run:
    """The figures of one run."""

    backend: str
    people: int
    seconds: float
    factor: float
    setup_s: float = 0.0
    # phase 1
    create_s: float = 0.0  # the 📣 Kirim press handled (call stored, messages enqueued)
    first_s: float = 0.0
    last_s: float = 0.0
    delivered: int = 0
    twice: int = 0
    missing: int = 0
    p1_429: int = 0
    # phase 2
    presses: int = 0
    changes: int = 0
    offered_s: float = 0.0
    toast: list[float] = field(default_factory=list)
    unanswered_presses: int = 0
    p2_429: int = 0
    p2_429_of: Counter[str] = field(default_factory=Counter)
    chats: list[dict[str, Any]] = field(default_factory=list)
    expected: dict[str, int] = field(default_factory=dict)
    database: dict[str, int] = field(default_factory=dict)
    warnings: Counter[str] = field(default_factory=Counter)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def wait_for(condition: Any, seconds: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(step)
    return bool(condition())


async def push(bot: BotHarness, user: dict[str, Any], message: dict[str, Any], label: str) -> None:
    await bot.process(bot.updates.press(user, message, label))


def add_users(bot: BotHarness, n: int) -> None:
    """N people known to the bot (a `users` row each) and to the fake (their private chat)."""
    now = dt.datetime.now(dt.UTC)
    users = []
    for i in range(n):
        uid, name = FIRST_ID + i, f"Pemuda {i + 1:04d}"
        bot.updates.user(id=uid, first_name=name)
        users.append({"id": uid, "first_name": name, "created_at": now, "last_seen_at": now})
    insert_rows(bot, User, users)


def insert_rows(bot: BotHarness, model: Any, rows: list[dict[str, Any]]) -> None:
    with bot.services.db.engine.begin() as connection:
        for start in range(0, len(rows), 1000):
            connection.execute(insert(model.__table__), rows[start : start + 1000])


def add_roles(bot: BotHarness, n: int, template: RoleAssignment) -> None:
    """The pemuda role of the first person (granted by the service) for the other n - 1."""
    now = dt.datetime.now(dt.UTC)
    roles = []
    for i in range(1, n):
        uid = FIRST_ID + i
        roles.append(
            {
                "user_id": uid,
                "role": template.role,
                "scope": template.scope,
                "area_id": template.area_id,
                "polsek_id": template.polsek_id,
                "organisation_id": template.organisation_id,
                "division": template.division,
                "koordinator": False,
                "granted_by": None,
                "granted_at": now,
            }
        )
    insert_rows(bot, RoleAssignment, roles)


async def set_up(bot: BotHarness, n: int) -> tuple[dict[str, Any], dict[str, Any], int]:
    """Polsek Lumbang (duty group, an officer) and n pemuda of Kronto. Returns the officer, the
    duty chat and Kronto's id."""
    services = bot.services
    duty = bot.updates.group(title="Piket Polsek Lumbang")
    officer = bot.updates.user(first_name="Bambang", username="bambang")
    lumbang = kecamatan(bot, "Lumbang").id
    kronto = desa(bot, "Kronto").id
    polsek = await services.areas.set_polsek_coverage(
        "Polsek Lumbang", [lumbang], actor_label="bench"
    )
    await services.areas.set_duty_chat(polsek.name, duty["id"], actor_label="bench")
    await services.roles.grant(officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id)))
    await bot.command(officer, "/bantuan")  # known to the bot, with a name
    add_users(bot, n)
    pemuda = RoleSpec(Role.PEMUDA, Scope(area_id=kronto), division=Division.PATROLI)
    await services.roles.grant(FIRST_ID, pemuda)
    template = await services.db.run(
        lambda s: s.exec(select(RoleAssignment).where(RoleAssignment.user_id == FIRST_ID)).one()
    )
    add_roles(bot, n, template)
    return officer, duty, kronto


def plan_answers(
    people: list[int], seconds: float, seed: int
) -> tuple[list[tuple[float, int, SiagaAnswer]], dict[int, SiagaAnswer]]:
    """(offset s, user id, answer) presses in time order, and each person's final answer."""
    rng = random.Random(seed)
    n = len(people)
    finals: list[SiagaAnswer] = []
    for word, share in MIX.items():
        finals += [word] * round(share * n)
    finals = (finals + [SiagaAnswer.SIAP] * n)[:n]
    rng.shuffle(finals)
    order = people[:]
    rng.shuffle(order)
    final = dict(zip(order, finals, strict=True))
    presses: list[tuple[float, int, SiagaAnswer]] = []
    changers = set(rng.sample(order, round(CHANGERS * n)))
    for i, uid in enumerate(order):
        at = i * seconds / n
        if uid in changers:
            # The first answer, then the final one 5-30 s later, both within the window.
            first = rng.choice([w for w in MIX if w is not final[uid]])
            delta = rng.uniform(5, 30)
            if at + delta <= seconds:
                presses += [(at, uid, first), (at + delta, uid, final[uid])]
            else:
                presses += [(max(0.0, at - delta), uid, first), (at, uid, final[uid])]
        else:
            presses.append((at, uid, final[uid]))
    presses.sort(key=lambda p: p[0])
    return presses, final


def windows(times: list[float], span: float = 60.0) -> int:
    """The most events in any `span`-second window."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - span:
            start += 1
        best = max(best, end - start + 1)
    return best


async def stop(bot: BotHarness) -> None:
    """Stop the Application as `run_polling` does; if it hangs, show what it waits for."""
    try:
        await asyncio.wait_for(bot.__aexit__(None, None, None), 60)
    except TimeoutError:
        print("  the Application did not stop within 60 s; what its tasks wait for:")
        for chain, n in awaited_by_tasks().most_common(6):
            print(f"  {n} task(s):\n    " + "\n    ".join(chain))
        sys.stdout.flush()
        raise


def awaited_by_tasks() -> Counter[tuple[str, ...]]:
    """Each pending task's chain of awaits, innermost last (counted alike)."""
    chains: Counter[tuple[str, ...]] = Counter()
    for task in asyncio.all_tasks():
        frames, coro = [], task.get_coro()
        while coro is not None and len(frames) < 40:
            frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None)
            if frame is not None:
                frames.append(
                    f"{frame.f_code.co_filename.split('/')[-1]}:{frame.f_lineno}"
                    f" {frame.f_code.co_name}"
                )
            coro = getattr(coro, "cr_await", None) or getattr(coro, "ag_await", None)
        chains[tuple(frames[-8:])] += 1
    return chains


async def one_run(args: argparse.Namespace, backend: str, url: str, tmp: Path) -> Run:
    run = Run(backend, args.people, args.seconds, args.factor)
    started = time.perf_counter()
    clock = PhasedClock(args.factor)
    fake = FakeTelegram(
        clock=clock,
        enforce_limits=True,
        global_rate=RATE,
        global_burst=30,
        private_rate=1.0,
        private_burst=1,
        group_per_minute=GROUP_PER_MINUTE,
    )
    if args.latency:
        fake.latency = latency_profile(median=0.06, stall_probability=0.01, stall=2.0)
    settings = Settings(
        token=TOKEN,
        database_url=url,
        admin_ids=frozenset(),
        base_dir=tmp,
        report_bounds=BOUNDS,
    )
    caught = Warnings()
    logging.getLogger().addHandler(caught)
    try:
        bot = BotHarness(settings, fake, delivery_clock=clock)
        await bot.__aenter__()
        try:
            officer, _duty, _kronto = await set_up(bot, args.people)
            people = [FIRST_ID + i for i in range(args.people)]
            user_of = {uid: bot.fake.users[uid] for uid in people}
            run.setup_s = time.perf_counter() - started
            print(f"  {backend}: {args.people} people set up in {run.setup_s:.1f} s", flush=True)

            # ---- phase 1: the call -------------------------------------------------------
            chat = officer["id"]
            await bot.command(officer, "/siaga")
            await push(bot, officer, last(bot, chat), "📣 Panggil siaga")
            await bot.say(officer, "Kronto")
            await push(bot, officer, last(bot, chat), "👥 Karang Taruna")
            await bot.say(officer, "Ada ancaman pencurian di kantor Polsek, mohon berjaga")
            await push(bot, officer, last(bot, chat), "🏢 Polsek Lumbang")
            await push(bot, officer, last(bot, chat), "⏱ Sekarang")
            await push(bot, officer, last(bot, chat), "🚨 Darurat")
            summary = last(bot, chat)
            shown = text_of(summary)
            if f"{args.people:,} orang".replace(",", ".") not in shown and (
                f"{args.people} orang" not in shown
            ):
                print(f"  (the summary does not say {args.people} orang:\n{shown})", flush=True)
            too_many_before = fake.stats.too_many_requests
            mark = len(fake.calls)
            t_send = clock.monotonic()
            await push(bot, officer, summary, "📣 Kirim")
            run.create_s = clock.monotonic() - t_send
            wanted = set(people)
            got: Counter[int] = Counter()
            at: list[float] = []
            seen = mark

            def scan() -> bool:
                nonlocal seen
                calls = fake.calls
                while seen < len(calls):
                    c = calls[seen]
                    seen += 1
                    if c.method == "sendMessage" and c.ok and c.params.get("chat_id") in wanted:
                        if "PANGGILAN SIAGA" in str(c.params.get("text", "")):
                            got[int(c.params["chat_id"])] += 1
                            at.append(c.at)
                return len(got) >= len(wanted)

            budget = 60 + 3 * args.people / RATE / args.factor
            await wait_for(scan, budget, step=0.1)
            run.delivered = len(got)
            run.missing = len(wanted) - len(got)
            run.first_s = (min(at) - t_send) if at else float("nan")
            run.last_s = (max(at) - t_send) if at else float("nan")
            await asyncio.sleep(1.0 / args.factor)
            scan()
            run.twice = sum(1 for v in got.values() if v > 1)
            run.p1_429 = fake.stats.too_many_requests - too_many_before
            print(
                f"  phase 1: {run.delivered} call messages, the last {run.last_s:.1f} s after"
                f" the press",
                flush=True,
            )

            # ---- phase 2: the answers, in real time ------------------------------------
            clock.set_factor(1.0)
            call_message: dict[int, dict[str, Any]] = {}
            for c in fake.calls[mark:]:
                uid = c.params.get("chat_id")
                if c.method == "sendMessage" and c.ok and uid in wanted and uid not in call_message:
                    if "PANGGILAN SIAGA" in str(c.params.get("text", "")):
                        call_message[int(uid)] = {
                            "chat": {"id": uid},
                            "message_id": c.result["message_id"],
                        }
            call_id = int(
                await bot.services.db.run(lambda s: s.exec(select(SiagaTally.call_id)).first()) or 1
            )
            tallies = await bot.services.db.run(
                lambda s: [(t.chat_id, t.message_id) for t in s.exec(select(SiagaTally))]
            )
            presses, final = plan_answers(sorted(call_message), args.seconds, args.seed)
            run.presses = len(presses)
            run.changes = len(presses) - len(final)
            too_many_before = fake.stats.too_many_requests
            answers_before = len(fake.calls_to("answerCallbackQuery"))
            pressed_at: dict[str, float] = {}
            queue = bot.app.update_queue
            t0 = clock.monotonic()
            print(
                f"  phase 2: {run.presses} presses ({run.changes} changes) over"
                f" {args.seconds:.0f} s",
                flush=True,
            )
            for offset, uid, word in presses:
                delay = t0 + offset - clock.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                message = fake.get_message(uid, call_message[uid]["message_id"]) or {}
                raw = bot.updates.press(user_of[uid], message, LABELS[word])
                pressed_at[str(raw["callback_query"]["id"])] = clock.monotonic()
                await queue.put(Update.de_json(raw, bot.app.bot))
            t_last = clock.monotonic()
            run.offered_s = t_last - t0
            await wait_for(
                lambda: len(fake.calls_to("answerCallbackQuery")) - answers_before >= run.presses,
                60,
                step=0.1,
            )
            for c in fake.calls_to("answerCallbackQuery"):
                sent = pressed_at.get(str(c.params.get("callback_query_id")))
                if sent is not None:
                    run.toast.append(c.at - sent)
            run.unanswered_presses = run.presses - len(run.toast)
            print(
                f"  {len(run.toast)} presses answered, {run.offered_s:.1f} s; the tallies settle",
                flush=True,
            )

            # The tallies settle: each shows the tally rendered from the database.
            siaga = bot.services.siaga

            async def expected_text(chat_id: int) -> str:
                lang = None if chat_id == officer["id"] else siaga.settings.language
                found = await siaga.tally(call_id, lang)
                return found[0].text if found else ""

            settled: dict[int, float | None] = {}
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and len(settled) < len(tallies):
                for chat_id, message_id in tallies:
                    if chat_id in settled:
                        continue
                    if fake.raw_text(chat_id, message_id) == await expected_text(chat_id):
                        edits = [
                            c.at
                            for c in fake.calls_to("editMessageText", chat_id=chat_id)
                            if c.ok and c.params.get("message_id") == message_id
                        ]
                        settled[chat_id] = (max(edits) - t_last) if edits else None
                await asyncio.sleep(0.1)
            print(f"  settled: {settled}", flush=True)
            # A few seconds more: nothing else may arrive once settled.
            await asyncio.sleep(8)
            run.p2_429 = fake.stats.too_many_requests - too_many_before
            previous: dict[Any, float] = {}
            for c in fake.calls:
                target = c.params.get("chat_id")
                if c.status == 429 and c.at >= t0:
                    kind = fake.chats.get(target, {}).get("type", "-")
                    gap = c.at - previous.get(target, float("-inf"))
                    run.p2_429_of[f"{c.method} to a {kind} chat {gap:.2f} s after the last"] += 1
                elif c.ok and c.method.startswith("send"):
                    previous[target] = c.at

            rows = await bot.services.db.run(
                lambda s: list(s.exec(select(SiagaRecipient.answer, SiagaRecipient.confirmed)))
            )
            by = Counter(a for a, _c in rows)
            run.database = {
                "siap": by[SiagaAnswer.SIAP],
                "there": by[SiagaAnswer.LOKASI],
                "cannot": by[SiagaAnswer.TIDAK],
                "waiting": by[None],
            }
            mine = Counter(final.values())
            run.expected = {
                "siap": mine[SiagaAnswer.SIAP],
                "there": mine[SiagaAnswer.LOKASI],
                "cannot": mine[SiagaAnswer.TIDAK],
                "waiting": args.people - len(final),
            }
            for chat_id, message_id in tallies:
                edits = [
                    c.at
                    for c in fake.calls_to("editMessageText", chat_id=chat_id)
                    if c.ok and c.params.get("message_id") == message_id and c.at >= t0
                ]
                during = [e for e in edits if e <= t_last]
                gaps = [b - a for a, b in itertools.pairwise(edits)]
                text = fake.raw_text(chat_id, message_id) or ""
                plain = text_of(fake.get_message(chat_id, message_id) or {})
                found = COUNTS.search(plain)
                shown = dict(
                    zip(
                        ("siap", "there", "confirmed", "cannot", "waiting", "total"),
                        (int(x) for x in found.groups()) if found else (),
                        strict=False,
                    )
                )
                run.chats.append(
                    {
                        "kind": "group" if chat_id < 0 else "private",
                        "edits": len(edits),
                        "during": len(during),
                        "per_minute": 60 * len(during) / max(run.offered_s, 1e-9),
                        "max60": windows(edits),
                        "min_gap": min(gaps) if gaps else float("nan"),
                        "settle": settled.get(chat_id),
                        "exact_text": text == await expected_text(chat_id),
                        "shown": shown,
                        "failed_edits": sum(
                            1
                            for c in fake.calls_to("editMessageText", chat_id=chat_id)
                            if not c.ok and c.at >= t0
                        ),
                    }
                )
        finally:
            await stop(bot)
    finally:
        logging.getLogger().removeHandler(caught)
    run.warnings = caught.count
    return run


def report(runs: list[Run]) -> None:
    for r in runs:
        ideal = r.people / RATE
        e = r.people / (RATE * r.last_s) if r.last_s == r.last_s and r.last_s > 0 else 0.0
        print(
            f"\n## {r.backend}: a call to {r.people:,} people"
            + (f" (phase 1 on a clock x{r.factor:g})" if r.factor != 1 else " (real time)")
            + "\n"
        )
        print("| figure | measured | peer | ratio |\n|---|---|---|---|")
        print(
            f"| 📣 Kirim → last call message accepted | {r.last_s:.1f} s | {ideal:.1f} s"
            f" ({r.people:,} at {RATE:g}/s) | {r.last_s / ideal:.3f}× |"
        )
        print(f"| E = people / (30/s × seconds) | {e:.3f} | 1.000 | {e:.3f} |")
        print(f"| 📣 Kirim handled (call stored, messages enqueued) | {r.create_s:.2f} s | | |")
        print(f"| Kirim → first call message | {r.first_s:.2f} s | | |")
        print(
            f"| call messages accepted / missing / twice | {r.delivered:,} / {r.missing}"
            f" / {r.twice} | {r.people:,} / 0 / 0 | |"
        )
        print(f"| 429s while the call went out | {r.p1_429} | 0 | |")
        print(
            f"\n### {r.presses:,} presses ({r.people:,} answers, {r.changes} changed) over"
            f" {r.offered_s:.0f} s, real time\n"
        )
        print(
            "| tally chat | edits while answers arrive | edits/min | max in any 60 s"
            " | Telegram's limit / 60 s | bot's pace / 60 s | min gap s | within limit"
            " | last press → final tally s | edits after t0 (failed) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for c in r.chats:
            limit = GROUP_PER_MINUTE if c["kind"] == "group" else PRIVATE_PER_MINUTE
            min_gap = 60 / limit
            ok = c["max60"] <= limit and not (c["min_gap"] < min_gap - 0.05)
            settle = "never" if c["settle"] is None else f"{c['settle']:.1f}"
            print(
                f"| {'duty group' if c['kind'] == 'group' else 'caller (private)'}"
                f" | {c['during']} | {c['per_minute']:.1f} | {c['max60']} | {limit}"
                f" | {BOT_PACE[c['kind']]:.0f} | {c['min_gap']:.2f} | {'yes' if ok else 'NO'}"
                f" | {settle} | {c['edits']} ({c['failed_edits']}) |"
            )
        print("\nThe final tally against the answers given and the database:\n")
        print(
            "| tally chat | ✅ Siap | 📍 Di lokasi | ❌ Tidak bisa | ⏳ Belum"
            " | text = rendered from the database | counts = answers given |"
            "\n|---|---|---|---|---|---|---|"
        )
        keys = ("siap", "there", "cannot", "waiting")
        print(
            "| answers given (bench) | " + " | ".join(str(r.expected[k]) for k in keys) + " | | |"
        )
        print("| database | " + " | ".join(str(r.database[k]) for k in keys) + " | | |")
        for c in r.chats:
            shown = c["shown"]
            exact = all(shown.get(k) == r.expected[k] for k in keys)
            print(
                f"| {'duty group' if c['kind'] == 'group' else 'caller (private)'} | "
                + " | ".join(str(shown.get(k, "?")) for k in keys)
                + f" | {'yes' if c['exact_text'] else 'NO'} | {'yes' if exact else 'NO'} |"
            )
        print(
            f"\npress → toast (answerCallbackQuery): p50 {percentile(r.toast, 0.5) * 1000:.0f} ms,"
            f" p99 {percentile(r.toast, 0.99) * 1000:.0f} ms,"
            f" max {max(r.toast, default=float('nan')) * 1000:.0f} ms;"
            f" presses not answered: {r.unanswered_presses}; 429s during the answers: {r.p2_429}"
            + (f" ({', '.join(f'{n} {k}' for k, n in r.p2_429_of.items())})" if r.p2_429 else "")
        )
        if r.warnings:
            print(f"\nwarnings logged ({sum(r.warnings.values())}):")
            for line, n in r.warnings.most_common(8):
                print(f"- {n} × {line}")
        else:
            print("\nwarnings logged: none")


async def main_async(args: argparse.Namespace) -> None:
    sys.setswitchinterval(0.0005)  # as bench/delivery.py: database threads must not stall the loop
    logging.basicConfig(level=logging.ERROR)
    print(machine())
    print(
        f"{args.people:,} pemuda of Desa Kronto called by a Polsek Lumbang officer; answers over"
        f" {args.seconds:.0f} s; fake Bot API with Telegram's limits on (30/s, 1/s per private"
        f" chat, 20/min per group)"
        + (", 60 ms latency, 1% stalls of 2 s" if args.latency else "")
        + "\n",
        flush=True,
    )
    backends = ["sqlite"] + (["postgresql"] if args.pg_url else [])
    tmp = Path(tempfile.mkdtemp(prefix="kamtibmas-bench-siaga-"))
    runs = []
    for backend in backends:
        with database_url(backend, tmp, args.pg_url, "siaga") as url:
            runs.append(await one_run(args, backend, url, tmp))
    report(runs)
    sys.stdout.flush()
    print(f"\n{machine()} (at the end)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=2000, help="people called (default 2000)")
    parser.add_argument(
        "--seconds", type=float, default=120.0, help="the answers arrive over this long (120)"
    )
    parser.add_argument("--quick", action="store_true", help="300 people, 30 s")
    parser.add_argument(
        "--factor",
        type=float,
        default=1.0,
        help="phase 1 (the call going out) on a clock this many times faster (default 1)",
    )
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument(
        "--no-latency", dest="latency", action="store_false", help="the fake answers at once"
    )
    parser.add_argument("--pg-url", default="", help="also run on this PostgreSQL (a schema)")
    args = parser.parse_args()
    if args.quick:
        args.people, args.seconds = 300, 30.0
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
