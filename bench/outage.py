"""The database away for 30 seconds in the middle of /lapor: what users and the admin chat are
told, how much is logged, and how long the bot takes to be whole again once it is back.

    PYTHONPATH=. .venv/bin/python bench/outage.py                 # PostgreSQL, 30 s
    PYTHONPATH=. .venv/bin/python bench/outage.py --sqlite        # SQLite files made immutable
    PYTHONPATH=. .venv/bin/python bench/outage.py --seconds 5

PostgreSQL is a private cluster (initdb + pg_ctl in a temporary directory, on a free port),
stopped and started: never the shared server. SQLite's database and WAL are made immutable
(`chattr +i`, which stops root too) and writable again. Needs root (or the postgres user) for
the cluster, and chattr for --sqlite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "true")

from sqlmodel import select

from bot.config import Settings
from bot.services.area_import import import_areaid
from storage import migrate
from storage.db import Database
from storage.models import UserDraft
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import ADMIN_CHAT_ID
from tests.helpers import ADMIN_ID
from tests.helpers import TEST_TOKEN
from tests.helpers import PrivatePostgres
from tests.helpers import UnwritableSqlite
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import last
from tests.helpers import stored
from tests.helpers import wait_until

DESCRIPTION = "Motor Honda Beat dicuri dari depan rumah"
PRESS_EVERY = 5.0  # the resident tries to send the report every 5 s while the database is away


class Counting(logging.Handler):
    """Counts log records at WARNING and above, and the ones with a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records = 0
        self.tracebacks = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        self.tracebacks += record.exc_info is not None


async def scenario(url: str, begin: object, end: object, seconds: float) -> dict[str, object]:
    settings = Settings(
        token=TEST_TOKEN,
        database_url=url,
        admin_ids=frozenset({ADMIN_ID}),
        admin_chat_id=ADMIN_CHAT_ID,
        base_dir=Path(tempfile.gettempdir()),
    )
    fake = FakeTelegram(enforce_limits=False)
    async with BotHarness(settings, fake) as bot:
        world = World(bot)
        await world.set_up()
        resident, chat = world.resident, world.resident["id"]
        await bot.command(resident, "/lapor")
        await bot.press(resident, last(bot, chat), buttons(last(bot, chat))["🥷 Pencurian"])
        await bot.say(resident, DESCRIPTION)
        before = len(fake.texts(chat))
        counting = Counting()
        logging.getLogger().addHandler(counting)
        begin()  # type: ignore[operator]
        started = time.monotonic()
        await bot.say(resident, "Jl. Raya Kronto dekat masjid")
        for data in ("lp:next", "lp:urg:0", "lp:anon:0"):
            await bot.press(resident, last(bot, chat), data)
        summary = last(bot, chat)
        presses = 0
        while time.monotonic() - started < seconds:
            await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
            presses += 1
            await asyncio.sleep(min(PRESS_EVERY, max(0.0, seconds - (time.monotonic() - started))))
        end()  # type: ignore[operator]
        back = time.monotonic()
        during = (counting.records, counting.tracebacks)
        await bot.command(resident, "/bantuan")  # the first thing asked once it is back
        help_after = time.monotonic() - back
        help_answered = "/lapor" in fake.texts(chat)[-1]

        async def draft_written() -> bool:
            try:
                drafts = await bot.services.db.run(
                    lambda s: {r.user_id: r.data for r in s.exec(select(UserDraft))}
                )
            except Exception:
                return False
            return "Kronto" in json.dumps(drafts.get(chat))

        await wait_until(draft_written, "the draft in the database", seconds=120)
        draft_after = time.monotonic() - back
        while True:
            await bot.press(resident, summary, buttons(summary)["✅ Kirim laporan"])
            if await stored(bot):
                break
            await asyncio.sleep(0.1)
        sent_after = time.monotonic() - back
        logging.getLogger().removeHandler(counting)
        said = fake.texts(chat)[before:]
        reports = await stored(bot)
        return {
            "outage_s": round(back - started, 1),
            "send_presses_during_outage": presses,
            "answers_try_again": sum("coba lagi sebentar lagi" in x.lower() for x in said),
            "answers_gangguan": sum("gangguan" in x for x in said),
            "admin_alerts": sum("Database" in x for x in fake.texts(ADMIN_CHAT_ID)),
            "log_lines_warning_up_during_outage": during[0],
            "log_tracebacks_during_outage": during[1],
            "help_answered_after_back": help_answered,
            "help_answer_s_after_back": round(help_after, 2),
            "draft_in_database_s_after_back": round(draft_after, 2),
            "report_sent_s_after_back (after the draft)": round(sent_after, 2),
            "report_description_kept": [r.description for r in reports] == [DESCRIPTION],
        }


def prepare(url: str) -> None:
    database = Database(url, pool_size=1)
    try:
        migrate.upgrade(database.engine)
        database.call(import_areaid, "Kabupaten Pasuruan")
    finally:
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="outage length (30)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.sqlite:
        directory = Path(tempfile.mkdtemp(prefix="kamtibmas-outage-"))
        why_not = UnwritableSqlite.available(directory)
        if why_not:
            sys.exit(f"cannot run: {why_not}")
        url = f"sqlite:///{directory / 'bot.db'}"
        prepare(url)
        fault = UnwritableSqlite(directory / "bot.db")
        try:
            result = asyncio.run(scenario(url, fault.begin, fault.end, args.seconds))
        finally:
            fault.end()
            shutil.rmtree(directory, ignore_errors=True)
    else:
        server = PrivatePostgres()
        if server.bin is None:
            sys.exit("cannot run: PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
        try:
            server.init()
            server.start()
            prepare(server.url)
            result = asyncio.run(scenario(server.url, server.stop, server.start, args.seconds))
        finally:
            server.remove()
    print(f"database away for {args.seconds:.0f} s ({'SQLite' if args.sqlite else 'PostgreSQL'})")
    for key, value in result.items():
        print(f"  {key:44} {value}")


if __name__ == "__main__":
    main()
