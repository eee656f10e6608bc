"""The dashboard's Himbauan page: advisories in the viewer's scope (their own; an administrator:
all) with live delivery progress and read counts, the per-chat ledger with search, and Perbarui /
Cabut through the same service calls as the chat's buttons, in a real browser too."""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import Page
from sqlmodel import select

from bot.services.advisories import Draft
from bot.services.advisories import Target
from bot.services.authz import Scope
from bot.services.dasbor.himbauan import HimbauanBoard
from bot.services.roles import RoleSpec
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AuditEntry
from storage.models import Division
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import Fault
from tests.helpers import ADMIN_ID
from tests.helpers import csrf_of
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import login
from tests.helpers import screenshot
from tests.helpers import wait_until
from tests.helpers import web_client

JSON = dict[str, Any]


class Desk:
    """Polsek Lumbang with two officers; residents of Kronto (one blocked the bot), a linked
    group; a pemuda koordinator of Kronto."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        updates = bot.updates
        self.officer = updates.user(first_name="Bripka", last_name="Andi")
        self.other = updates.user(first_name="Aiptu", last_name="Bayu")
        self.koordinator = updates.user(first_name="Kurnia", username="kurnia")
        self.residents = [
            updates.user(first_name=f"Warga{i}", last_name="Kronto") for i in range(5)
        ]
        self.blocker = updates.user(first_name="Siti", last_name="Blokir")
        self.duty = updates.group(title="Piket Polsek Lumbang")
        self.group = updates.group(title="Grup Warga Kronto")

    async def set_up(self) -> Desk:
        bot = self.bot
        services = bot.services
        self.kronto = desa(bot, "Kronto").id
        polsek = await services.areas.set_polsek_coverage(
            "Polsek Lumbang", [kecamatan(bot, "Lumbang").id], actor_label="t"
        )
        await services.areas.set_duty_chat("Polsek Lumbang", self.duty["id"], actor_label="t")
        self.polsek_id = polsek.id
        for officer in (self.officer, self.other):
            await services.roles.grant(
                officer["id"], RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id))
            )
        await services.roles.grant(
            self.koordinator["id"],
            RoleSpec(
                Role.PEMUDA,
                Scope(area_id=self.kronto),
                division=Division.PATROLI,
                koordinator=True,
            ),
        )
        for person in (self.officer, self.other, self.koordinator, *self.residents, self.blocker):
            await bot.command(person, "/bantuan")
        for person in (*self.residents, self.blocker):
            await services.subscriptions.set_home(person["id"], self.kronto)
        await services.subscriptions.link_group(
            self.group["id"], self.kronto, title="Grup Warga Kronto", actor_id=ADMIN_ID
        )
        bot.fake.block(self.blocker["id"])
        return self

    @property
    def board(self) -> HimbauanBoard:
        return self.bot.services.dasbor.himbauan

    async def send(
        self,
        author: JSON | None = None,
        level: AdvisoryLevel = AdvisoryLevel.WASPADA,
        text: str = "Mohon waspada pencurian motor malam hari di Kronto.",
    ) -> int:
        """An advisory to Kronto through the service the chat's /imbauan calls."""
        author = author or self.officer
        advisories = self.bot.services.advisories
        (speaker, *_) = await advisories.speakers(author["id"])
        draft = Draft(targets=(Target(self.kronto),), level=level, text=text)
        submitted = await advisories.submit(
            author["id"], speaker.key, draft, author_name=author["first_name"]
        )
        return submitted.advisory.id or 0


async def audit(bot: BotHarness, action: str) -> list[AuditEntry]:
    return await bot.services.db.run(
        lambda s: list(s.exec(select(AuditEntry).where(AuditEntry.action == action)))
    )


async def advisory(bot: BotHarness, advisory_id: int) -> Advisory:
    found = await bot.services.advisories.get(advisory_id)
    assert found is not None
    return found


# --- the service ---------------------------------------------------------------------------------


async def test_progress_counts_sent_blocked_and_waiting_and_reads_for_darurat(
    area_bot: BotHarness,
) -> None:
    desk = await Desk(area_bot).set_up()
    bot, board = desk.bot, desk.board
    advisory_id = await desk.send(level=AdvisoryLevel.DARURAT)
    (row,) = await board.advisories(desk.officer["id"])
    assert row.id == advisory_id and row.acknowledge and row.cancellable
    # 6 residents and the group; the blocker counts as blocked once the engine tried.
    assert row.progress is not None and row.progress.total == 7

    async def finished() -> Any:
        rows = await board.states(desk.officer["id"], [advisory_id])
        progress = rows[advisory_id].progress
        return progress if progress is not None and progress.done else None

    progress = await wait_until(finished, "the advisory's delivery to finish")
    assert (progress.sent, progress.blocked, progress.waiting) == (6, 1, 0)
    assert progress.acks == 0 and progress.percent == 100
    # A resident presses "Sudah dibaca": the read count follows.
    await bot.services.advisories.acknowledge(advisory_id, desk.residents[0]["id"])
    rows = await board.states(desk.officer["id"], [advisory_id])
    assert rows[advisory_id].progress.acks == 1  # type: ignore[union-attr]
    # Waspada carries no read count.
    other = await desk.send(level=AdvisoryLevel.WASPADA)
    rows = await board.states(desk.officer["id"], [other])
    assert rows[other].progress is not None and rows[other].progress.acks is None


async def test_an_author_sees_their_own_and_an_admin_sees_everyones(area_bot: BotHarness) -> None:
    desk = await Desk(area_bot).set_up()
    board = desk.board
    mine = await desk.send(desk.officer)
    theirs = await desk.send(desk.other)
    assert [r.id for r in await board.advisories(desk.officer["id"])] == [mine]
    assert [r.id for r in await board.advisories(desk.other["id"])] == [theirs]
    assert [r.id for r in await board.advisories(ADMIN_ID)] == [theirs, mine]
    # Someone else's is not found, and its progress and ledger are not given either.
    assert await board.advisory(desk.officer["id"], theirs) is None
    assert await board.states(desk.officer["id"], [theirs]) == {}
    assert await board.ledger(desk.officer["id"], theirs) is None
    assert (await board.advisory(ADMIN_ID, mine)) is not None
    assert await board.advisories(desk.koordinator["id"]) == []


async def test_the_ledger_searches_by_name_group_title_and_chat_id_and_pages(
    area_bot: BotHarness,
) -> None:
    desk = await Desk(area_bot).set_up()
    board = desk.board
    advisory_id = await desk.send()

    async def done() -> bool:
        rows = await board.states(desk.officer["id"], [advisory_id])
        return bool(rows[advisory_id].progress and rows[advisory_id].progress.done)

    await wait_until(done, "the delivery to finish")
    page = await board.ledger(desk.officer["id"], advisory_id)
    assert page is not None and page.total == 7 and page.pages == 1
    # Not delivered first: the one who blocked the bot.
    assert page.lines[0].chat_id == desk.blocker["id"] and page.lines[0].status == "blocked"
    assert page.lines[0].name == "Siti Blokir"
    found = await board.ledger(desk.officer["id"], advisory_id, search="blokir")
    assert found is not None and [x.chat_id for x in found.lines] == [desk.blocker["id"]]
    found = await board.ledger(desk.officer["id"], advisory_id, search="grup warga")
    assert found is not None and [x.name for x in found.lines] == ["Grup Warga Kronto"]
    found = await board.ledger(desk.officer["id"], advisory_id, search=str(desk.group["id"]))
    assert found is not None and [x.chat_id for x in found.lines] == [desk.group["id"]]
    found = await board.ledger(desk.officer["id"], advisory_id, search="100%_")
    assert found is not None and found.total == 0
    # Pages of LEDGER_PAGE; a page past the end shows the last one.
    import bot.services.dasbor.himbauan as himbauan

    himbauan.LEDGER_PAGE, before = 3, himbauan.LEDGER_PAGE
    try:
        pages = [await board.ledger(desk.officer["id"], advisory_id, page=n) for n in (1, 2, 3, 9)]
    finally:
        himbauan.LEDGER_PAGE = before
    assert [p.pages for p in pages if p] == [3, 3, 3, 3]
    assert [len(p.lines) for p in pages if p] == [3, 3, 1, 1]
    seen = {x.chat_id for p in pages[:3] if p for x in p.lines}
    assert len(seen) == 7


async def test_updates_are_listed_under_their_advisory_with_their_own_progress(
    area_bot: BotHarness,
) -> None:
    desk = await Desk(area_bot).set_up()
    board, advisories = desk.board, desk.bot.services.advisories
    advisory_id = await desk.send()
    await wait_until(lambda: _sent(desk.bot, advisory_id), "the advisory to be sent", seconds=30)
    await advisories.submit_update(advisory_id, desk.officer["id"], "Pelaku sudah tertangkap.")
    (row,) = await board.advisories(desk.officer["id"])
    (update,) = row.updates
    assert update.advisory.text == "Pelaku sudah tertangkap."
    assert not update.updatable and not update.cancellable  # corrections go to the original
    states = await board.states(desk.officer["id"], [update.id])
    assert states[update.id].progress is not None


async def _sent(bot: BotHarness, advisory_id: int) -> bool:
    return (await advisory(bot, advisory_id)).status is AdvisoryStatus.SENT


# --- the page over HTTP --------------------------------------------------------------------------


async def test_the_page_lists_the_viewers_advisories_and_polls_their_progress(
    web_bot: BotHarness,
) -> None:
    desk = await Desk(web_bot).set_up()
    advisory_id = await desk.send(level=AdvisoryLevel.DARURAT)
    theirs = await desk.send(desk.other)
    async with web_client(web_bot, desk.officer) as client:
        listing = await client.get("/himbauan")
        assert listing.status_code == 200
        assert f'data-advisory="{advisory_id}"' in listing.text
        assert f'data-advisory="{theirs}"' not in listing.text
        assert "Sudah dibaca" in listing.text  # Darurat: the read count is shown
        polled = await client.get(
            f"/himbauan/status.json?ids={advisory_id},{theirs}",
            headers={"Accept": "application/json"},
        )
        state = polled.json()
        assert list(state) == [str(advisory_id)]
        assert state[str(advisory_id)]["progress"]["total"] == 7
        assert state[str(advisory_id)]["status_text"] == "terkirim"
        # Someone else's advisory is "not found", its ledger too.
        assert (await client.get(f"/himbauan/{theirs}")).status_code == 404
        detail = await client.get(f"/himbauan/{advisory_id}?cari=blokir")
        assert detail.status_code == 200 and "Siti Blokir" in detail.text
        assert "Warga0" not in detail.text  # the search left the others out
    async with web_client(web_bot, desk.other) as client:
        assert (await client.get(f"/himbauan/{theirs}")).status_code == 200


async def test_cabut_on_the_page_withdraws_it_in_every_chat_and_is_audited(
    web_bot: BotHarness,
) -> None:
    desk = await Desk(web_bot).set_up()
    bot = desk.bot
    advisory_id = await desk.send()
    await wait_until(lambda: _sent(bot, advisory_id), "the advisory to be sent")
    resident = desk.residents[0]["id"]
    await wait_until(lambda: bot.fake.texts(resident), "the resident to get it")
    async with web_client(bot, desk.officer) as client:
        page = await client.get(f"/himbauan/{advisory_id}")
        token = csrf_of(page.text)
        # Without the session's CSRF token, nothing happens.
        refused = await client.post(f"/himbauan/{advisory_id}/cabut", data={"alasan": "keliru"})
        assert refused.status_code == 403
        assert (await advisory(bot, advisory_id)).status is AdvisoryStatus.SENT
        # Without a reason, the page asks for one.
        empty = await client.post(
            f"/himbauan/{advisory_id}/cabut", data={"alasan": " ", "csrf": token}
        )
        assert empty.status_code == 400 and "Tulis alasan" in empty.text
        done = await client.post(
            f"/himbauan/{advisory_id}/cabut",
            data={"alasan": "Informasi keliru, pelaku sudah tertangkap", "csrf": token},
        )
        assert done.status_code == 200 and f"Imbauan #{advisory_id} dicabut" in done.text
        assert "Cabut imbauan" not in done.text  # no second withdrawal offered
        again = await client.post(
            f"/himbauan/{advisory_id}/cabut", data={"alasan": "lagi", "csrf": token}
        )
        assert again.status_code == 409 and "sudah dicabut" in again.text
        # Perbarui after Cabut: the service's refusal, shown.
        late = await client.post(
            f"/himbauan/{advisory_id}/perbarui", data={"text": "Tambahan info", "csrf": token}
        )
        assert late.status_code == 409 and "sudah dicabut" in late.text
    assert (await advisory(bot, advisory_id)).status is AdvisoryStatus.CANCELLED
    (entry,) = await audit(bot, "advisory.cancel")
    assert entry.actor_id == desk.officer["id"] and entry.target == f"adv:{advisory_id}"
    # The resident's chat follows: the notice with the reason replies to their copy.
    await wait_until(
        lambda: any("pelaku sudah tertangkap" in x for x in bot.fake.texts(resident)),
        "the resident to hear the withdrawal",
    )


async def test_perbarui_on_the_page_honours_the_polseks_approval(web_bot: BotHarness) -> None:
    desk = await Desk(web_bot).set_up()
    bot = desk.bot
    services = bot.services
    # An MUI advisory needs the Polsek's approval; an officer approves it in the duty chat.
    kyai = bot.updates.user(first_name="Kyai")
    lumbang = kecamatan(bot, "Lumbang").id
    await services.roles.grant(kyai["id"], RoleSpec(Role.MUI, Scope(area_id=lumbang)))
    await bot.command(kyai, "/bantuan")
    advisory_id = await desk.send(kyai)
    assert (await advisory(bot, advisory_id)).status is AdvisoryStatus.PENDING
    await services.advisories.decide(advisory_id, desk.officer["id"], "Bripka", approve=True)
    await wait_until(lambda: _sent(bot, advisory_id), "the advisory to be sent")
    # The admin corrects it from the dashboard: the update waits for the Polsek too.
    admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
    await bot.command(admin, "/bantuan")
    async with web_client(bot, admin) as client:
        page = await client.get(f"/himbauan/{advisory_id}")
        assert "Kirim pembaruan" in page.text
        done = await client.post(
            f"/himbauan/{advisory_id}/perbarui",
            data={"text": "Jadwal pengajian diundur ke pukul 20.00.", "csrf": csrf_of(page.text)},
        )
        assert done.status_code == 200
        assert "menunggu persetujuan Polsek Lumbang" in done.text
    found = await bot.services.db.run(
        lambda s: list(s.exec(select(Advisory).where(Advisory.parent_id == advisory_id)))
    )
    (update,) = found
    assert update.status is AdvisoryStatus.PENDING and update.author_id == ADMIN_ID
    (entry,) = await audit(bot, "advisory.update")
    assert entry.actor_id == ADMIN_ID
    await wait_until(
        lambda: any("diundur" in x for x in bot.fake.texts(desk.duty["id"])),
        "the duty chat to be asked to approve the update",
    )


async def test_someone_without_the_action_gets_no_himbauan_page(web_bot: BotHarness) -> None:
    desk = await Desk(web_bot).set_up()
    # A desa's Bhabinkamtibmas may send advisories: the page is theirs; a Polsek-less pemuda
    # of the Patroli division (not koordinator) cannot log in at all.
    bhabin = bot_user = web_bot.updates.user(first_name="Bhabin")
    await web_bot.services.roles.grant(
        bot_user["id"], RoleSpec(Role.POLISI, Scope(area_id=desk.kronto))
    )
    await web_bot.command(bhabin, "/bantuan")
    async with web_client(web_bot, bhabin) as client:
        assert (await client.get("/himbauan")).status_code == 200
        # Not a Polsek's officer: no siaga calls page for them.
        assert (await client.get("/siaga")).status_code == 403


# --- in a real browser ---------------------------------------------------------------------------


async def count_on(page: Page, advisory_id: int, key: str) -> int:
    shown = page.locator(f'[data-progress="{advisory_id}"] [data-count="{key}"]').first
    return int(await shown.inner_text())


async def test_the_progress_of_an_advisory_sent_in_chat_moves_on_the_page_as_it_is_sent(
    web_bot: BotHarness, page: Page
) -> None:
    desk = await Desk(web_bot).set_up()
    bot = desk.bot
    await login(bot, page, desk.officer)
    # Telegram makes the bot wait (429) at one resident: that copy waits a while.
    slow = desk.residents[0]["id"]
    bot.fake.inject(Fault.retry_after(100), method="sendMessage", chat_id=slow)
    advisory_id = await desk.send(level=AdvisoryLevel.DARURAT)
    await page.goto(f"{bot.web_url}/himbauan")
    await page.evaluate("window.stayed = true")  # a reload would forget it
    assert await page.locator(f'article[data-advisory="{advisory_id}"]').count() == 1
    assert await count_on(page, advisory_id, "total") == 7
    assert await count_on(page, advisory_id, "waiting") >= 1
    # The delivery finishes: the page follows by itself (6 sent, 1 blocked, read count 0).
    await page.wait_for_function(
        f"""() => {{
            const box = document.querySelector('[data-progress="{advisory_id}"]');
            const n = k => box.querySelector('[data-count="' + k + '"]').textContent;
            return n("waiting") === "0" && n("sent") === "6" && n("blocked") === "1";
        }}""",
        timeout=30_000,
    )
    await screenshot(page, "himbauan")
    await bot.services.advisories.acknowledge(advisory_id, slow)
    await page.wait_for_function(
        f"""() => document.querySelector(
            '[data-progress="{advisory_id}"] [data-count="acks"]').textContent === "1" """,
        timeout=15_000,
    )
    assert await page.evaluate("window.stayed") is True


async def test_cabut_in_the_browser_withdraws_it_and_the_chat_follows(
    web_bot: BotHarness, page: Page
) -> None:
    desk = await Desk(web_bot).set_up()
    bot = desk.bot
    advisory_id = await desk.send()
    await wait_until(lambda: _sent(bot, advisory_id), "the advisory to be sent")
    resident = desk.residents[1]["id"]
    await wait_until(lambda: bot.fake.texts(resident), "the resident to get it")
    await login(bot, page, desk.officer)
    await page.goto(f"{bot.web_url}/himbauan/{advisory_id}")
    await page.fill("#cari", "blokir")
    await page.click("#ledger button[type=submit]")
    rows = page.locator("#ledger tbody tr")
    assert await rows.count() == 1 and "tidak bisa dihubungi" in await rows.inner_text()
    await page.fill("#cancel-reason", "Informasi keliru, mohon abaikan")
    page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
    await page.click("#cancel-button")
    await page.wait_for_selector("#flash")
    assert f"Imbauan #{advisory_id} dicabut" in await page.locator("#flash").inner_text()
    assert await page.locator("#cancel-button").count() == 0
    assert (await advisory(bot, advisory_id)).status is AdvisoryStatus.CANCELLED
    await wait_until(
        lambda: any("mohon abaikan" in x for x in bot.fake.texts(resident)),
        "the resident's chat to hear the withdrawal",
    )


async def test_an_officer_who_did_not_send_it_does_not_see_it(
    web_bot: BotHarness, page: Page
) -> None:
    desk = await Desk(web_bot).set_up()
    bot = desk.bot
    advisory_id = await desk.send(desk.officer)
    await login(bot, page, desk.other)
    await page.goto(f"{bot.web_url}/himbauan")
    assert await page.locator(f'[data-advisory="{advisory_id}"]').count() == 0
    assert "Belum ada imbauan" in await page.locator("main").inner_text()
    response = await page.goto(f"{bot.web_url}/himbauan/{advisory_id}")
    assert response is not None and response.status == 404
    assert "bukan imbauan Anda" in await page.locator("main").inner_text()
