"""The fuzz test's long run: random but well-formed updates (tests/harness/fuzz.py) against the
real Application on the fake Bot API, until --updates have been processed (100,000 by default).

Prints how many updates ran, how many broke a property (an exception in the error handler, a
"gangguan" answer, a row changed by someone who may not change it), each distinct problem once
with the first step that showed it, and updates per second. Unlike tests/test_fuzz.py it does
not stop at the first problem: hypothesis only generates here, it does not shrink.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import Verbosity
from hypothesis import given
from hypothesis import seed
from hypothesis import settings
from sqlalchemy import text

from bench.databases import database_url
from bot.config import Settings
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.harness.fuzz import Fuzzer
from tests.harness.fuzz import Step
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import POLRES_CHAT
from tests.helpers import TEST_TOKEN

STEPS_PER_EXAMPLE = 10
PROGRESS_EVERY = 5_000


async def _start(url: str, tmp: Path) -> tuple[BotHarness, Fuzzer]:
    configured = Settings(
        token=TEST_TOKEN,
        database_url=url,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
        base_dir=tmp,
    )
    configured = replace(
        configured, polres_chat_id=POLRES_CHAT, report_bounds=(-7.98, 112.55, -7.50, 113.10)
    )
    harness = BotHarness(
        configured, FakeTelegram(enforce_limits=False), delivery_clock=ScaledClock(20)
    )
    fuzzer = Fuzzer(harness)
    await harness.__aenter__()
    await fuzzer.set_up()
    return harness, fuzzer


class _Enough(Exception):
    """--updates reached."""


def _row_counts(session: Any) -> list[tuple[str, int]]:
    tables = ("reports", "report_events", "subscriptions", "advisories", "patrol_shifts")
    tables += ("patrol_posts", "invites", "role_assignments", "audit_log")
    return [(t, session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    with (
        tempfile.TemporaryDirectory() as tmp,
        database_url(args.backend, Path(tmp), args.pg_url, "fuzz") as url,
    ):
        harness, fuzzer = loop.run_until_complete(_start(url, Path(tmp)))
        failures = 0
        problems: dict[str, tuple[int, Step, str]] = {}
        counts: collections.Counter[str] = collections.Counter()
        started = time.monotonic()

        @settings(
            max_examples=args.updates,  # more than enough: most examples are several updates
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,  # _Enough is not a failure to report
        )
        @seed(args.seed)  # the same updates on every run with the same seed
        @given(fuzzer.sessions(STEPS_PER_EXAMPLE))
        def example(steps: list[Step]) -> None:
            nonlocal failures
            for step in steps:
                if fuzzer.updates >= args.updates:
                    raise _Enough  # hypothesis would go on drawing examples to max_examples
                outcome = loop.run_until_complete(fuzzer.run(step))
                if outcome.problems:
                    failures += 1
                for problem in outcome.problems:
                    kind = re.sub(r"\d+", "N", problem)[:160]
                    counts[kind] += 1
                    problems.setdefault(kind, (fuzzer.updates, step, problem))
                if fuzzer.updates % PROGRESS_EVERY == 0:
                    harness.fake.reset_calls()  # keeps memory flat; messages stay for edits
                    rate = fuzzer.updates / (time.monotonic() - started)
                    print(
                        f"  {fuzzer.updates:>7,} updates, {failures} failed, {rate:.0f}/s",
                        file=sys.stderr,
                        flush=True,
                    )

        with contextlib.suppress(_Enough):
            example()
        seconds = time.monotonic() - started
        reached = loop.run_until_complete(harness.services.db.run(_row_counts))
        loop.run_until_complete(harness.__aexit__(None, None, None))
    loop.close()
    print(f"fuzz ({args.backend}, seed {args.seed})")
    print(f"  updates:          {fuzzer.updates:,}")
    print(f"  failed updates:   {failures:,}")
    print(f"  distinct problems: {len(problems)}")
    for kind, (number, step, problem) in problems.items():
        print(f"    x{counts[kind]} first at update {number}: {problem[:300]}\n      {step}")
    print("  rows made (how deep the walks went): " + ", ".join(f"{k} {v}" for k, v in reached))
    print(f"  seconds:          {seconds:.0f}")
    print(f"  updates/second:   {fuzzer.updates / seconds:.0f}")


if __name__ == "__main__":
    main()
