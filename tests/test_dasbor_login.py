"""The Polsek dashboard's log-in: /dasbor in chat -> a one-time link -> a session in a real
browser (Debian's chromium), refusals of residents, old links and revoked officers, CSRF."""

from __future__ import annotations

from playwright.async_api import Page

from tests.harness import BotHarness
from tests.helpers import World
from tests.helpers import login
from tests.helpers import screenshot


async def test_an_officer_logs_in_with_the_link_from_dasbor(
    web_bot: BotHarness, web_world: World, page: Page
) -> None:
    await login(web_bot, page, web_world.officer)
    assert "Andi" in await page.locator(".who").inner_text()
    await screenshot(page, "dasbor_home")
