"""The README's first-day checklist, step by step, as an operator follows it: the `kamtibmas`
commands on the configuration file, then the real Application (started from that same file) on
the fake Bot API, until a resident's test report reaches the Polsek's duty group."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.harness import ScaledClock
from tests.helpers import TEST_TOKEN
from tests.helpers import World
from tests.helpers import buttons
from tests.helpers import card
from tests.helpers import last
from tests.helpers import report
from tests.helpers import text_of
from tests.helpers import told

ADMIN = 8_100_001  # the operator's own Telegram id


@pytest.fixture
def config_file(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh clone's config.env (copied from config.example.env by `make run`), on the test
    database; nothing in the environment overrides it."""
    for key in list(os.environ):
        if key.startswith(("TELEGRAM_", "ADMIN_", "DEFAULT_", "KAMTIBMAS_", "DATABASE_")):
            monkeypatch.delenv(key)
    example = (Path(__file__).parents[1] / "config.example.env").read_text()
    path = tmp_path / "config.env"
    path.write_text(example + f"\nDATABASE_URL={database_url}\n")
    return path


def fill_in_token(config_file: Path) -> None:
    """The operator pastes @BotFather's token over the example's placeholder."""
    text = config_file.read_text().replace(
        "TELEGRAM_BOT_TOKEN=123456789:ISI-TOKEN-DARI-BOTFATHER", f"TELEGRAM_BOT_TOKEN={TEST_TOKEN}"
    )
    config_file.write_text(text)


async def kamtibmas(
    config_file: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """`.venv/bin/kamtibmas ARGS` (on its own thread: its commands run their own event loop)."""
    capsys.readouterr()
    code = await asyncio.to_thread(main, ["--config", str(config_file), *args])
    out, err = capsys.readouterr()
    return code, out, err


async def test_the_first_day_checklist(
    config_file: Path, fake: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    # 1. The token: until it is in config.env, check-config says so (and checks the rest).
    code, out, err = await kamtibmas(config_file, capsys, "check-config")
    assert code == 2 and "@BotFather" in err and "DEFAULT_KABUPATEN" in out
    await asyncio.to_thread(fill_in_token, config_file)
    code, out, err = await kamtibmas(config_file, capsys, "check-config")
    assert code == 0, err
    assert "Kabupaten Pasuruan" in out and "Asia/Jakarta" in out

    # 2. The first admin: the operator's own id.
    code, out, err = await kamtibmas(config_file, capsys, "admin", "grant", str(ADMIN), "admin")
    assert code == 0 and "admin in all areas" in out, err

    # 3. The Polsek and the kecamatan it covers (areas first: the first start would import them).
    code, out, err = await kamtibmas(
        config_file, capsys, "areas", "import", "--kabupaten", "Kabupaten Pasuruan"
    )
    assert code == 0, err
    code, out, err = await kamtibmas(
        config_file, capsys, "polsek", "set", "Polsek Lumbang", "--kecamatan", "Lumbang"
    )
    assert code == 0, err

    # `make run`: the bot starts from the same config.env.
    settings = load_settings(config_file)
    async with BotHarness(settings, fake, delivery_clock=ScaledClock(20)) as bot:
        world = World(bot)
        operator = bot.updates.user(id=ADMIN, first_name="Operator")

        # 4. The duty group: the operator makes a group, adds the bot and types /piket there.
        bot.fake.set_chat_admins(world.duty["id"], [], creator_id=ADMIN)
        await bot.command(operator, "/piket Polsek Lumbang", chat=world.duty)
        assert "sekarang grup piket Polsek Lumbang" in bot.fake.texts(world.duty["id"])[-1]
        code, out, err = await kamtibmas(config_file, capsys, "polsek", "list")
        assert str(world.duty["id"]) in out  # the group's chat id, for the record

        # 5. An officer: the invitation's link names the bot, which recorded its username.
        code, out, err = await kamtibmas(
            config_file, capsys, "invite", "create", "polisi", "--scope", "Polsek Lumbang"
        )
        assert code == 0, err
        link = re.search(r"https://t\.me/(\w+)\?start=(inv_\w+)", out)
        assert link is not None, out
        assert link.group(1) == bot.app.bot.username
        shown = re.search(r"code +(\w{4}-\w{4})", out)
        assert shown is not None and shown.group(1).replace("-", "") in link.group(2)
        officer = world.officer
        await bot.command(officer, f"/start {link.group(2)}")
        offer = last(bot, officer["id"])
        await bot.press(officer, offer, buttons(offer)["✅ Terima"])
        assert "Polisi · Polsek Lumbang" in text_of(last(bot, officer["id"]))
        code, out, err = await kamtibmas(config_file, capsys, "admin", "list")
        assert re.search(rf"{officer['id']} .*polisi in Polsek Lumbang", out), out

        # 6. A test report: a resident from Kronto (Kec. Lumbang) reports; the card reaches the
        # duty group and the officer takes it.
        resident = world.resident
        await bot.command(resident, "/start")
        await bot.say(resident, "kronto")
        assert "Kronto (Kec. Lumbang)" in bot.fake.texts(resident["id"])[-1]
        await report(world, description="Uji coba: laporan percobaan hari pertama")
        first = await card(world, "Uji coba: laporan percobaan hari pertama")
        await bot.press(officer, first, buttons(first)["✋ Terima"])
        await card(world, "Diterima oleh Andi (@andi)")
        await told(bot, resident["id"], "sudah diterima petugas Polsek Lumbang")
        roles = await bot.services.roles.roles(officer["id"])
        assert Role.POLISI in roles
