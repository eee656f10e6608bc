"""Stop `make run` by its process group, as a terminal or a service manager does, N times: GNU
make forwards its own SIGTERM, so the bot gets two. Prints how many stops were not clean.

    PYTHONPATH=. .venv/bin/python bench/group_stop.py          # 7 stops, about 80 s
    PYTHONPATH=. .venv/bin/python bench/group_stop.py --runs 20

Each run: `make run` (a one-line Makefile calling `python -m bot run` of this checkout) against
the fake Bot API over HTTP with a 0.3 s median latency, a 300-recipient broadcast under way,
then SIGTERM to the process group. A clean stop logs "stopped", warns of no coroutine "never
awaited" and leaves no outbox row claimed (those would wait for their 60 s lease).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlmodel import select

from bot.delivery import DeliveryService
from bot.delivery import Payload
from storage.db import Database
from storage.models import OutboxRow
from storage.models import OutboxStatus
from tests.harness import FakeTelegram
from tests.harness import FakeTelegramServer
from tests.harness import latency_profile
from tests.helpers import PROJECT_ROOT
from tests.helpers import TOKEN
from tests.helpers import base_env
from tests.helpers import wait_for


def one_stop(directory: Path, makefile: Path) -> tuple[bool, str]:
    url = f"sqlite:///{directory / 'bot.db'}"
    fake = FakeTelegram(enforce_limits=False, strict_chats=False)
    fake.latency = latency_profile(median=0.3)  # sends are in flight when the signal comes
    with FakeTelegramServer(fake, token=TOKEN) as http:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
        env |= base_env(http, url) | {"LOG_LEVEL": "INFO", "PYTHONPATH": str(PROJECT_ROOT)}
        log = directory / "bot.log"
        with log.open("w") as out:
            make = subprocess.Popen(
                ["make", "-s", "-f", str(makefile), "run"],
                cwd=directory,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: fake.calls_to("deleteWebhook"), 30, "the bot to poll")
        db = Database(url, pool_size=1)
        try:
            chats = list(range(5_000_001, 5_000_301))
            asyncio.run(DeliveryService(db).enqueue(chats, Payload.message("x")))
            wait_for(lambda: len(fake.sent_messages()) >= 20, 30, "the broadcast to start")
            os.killpg(make.pid, signal.SIGTERM)
            try:
                make.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait()
            time.sleep(0.5)
            claimed = db.call(
                lambda s: s.exec(
                    select(OutboxRow).where(OutboxRow.status == OutboxStatus.CLAIMED)
                ).all()
            )
        finally:
            db.close()
    output = log.read_text()
    problems = [
        what
        for what, bad in (
            ("no 'stopped'", "stopped" not in output),
            ("'never awaited'", "never awaited" in output),
            (f"{len(claimed)} rows left claimed", bool(claimed)),
        )
        if bad
    ]
    return not problems, ", ".join(problems) or "clean"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kamtibmas-stop-") as name:
        root = Path(name)
        makefile = root / "Makefile"
        makefile.write_text(f"run:\n\t{sys.executable} -m bot run\n")
        broken = 0
        for run in range(args.runs):
            directory = root / f"run{run}"
            directory.mkdir()
            clean, what = one_stop(directory, makefile)
            broken += not clean
            print(f"  stop {run + 1}: {what}", flush=True)
    print(f"{broken} of {args.runs} process-group stops of `make run` not clean")


if __name__ == "__main__":
    main()
