"""The dashboard's Himbauan page: advisories in the viewer's scope (their own; an administrator:
all) with live delivery progress and read counts, the per-chat ledger with search, and Perbarui /
Cabut through the same service calls as the chat's buttons, in a real browser too."""

from __future__ import annotations

from typing import Any

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
from tests.helpers import ADMIN_ID
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import wait_until

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
        self.residents = [updates.user(first_name=f"Warga{i}", last_name="Kronto") for i in range(5)]
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
        services = self.bot.services
        return HimbauanBoard(services.db, services.advisories, services.roles)

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
    await wait_until(
        lambda: _sent(desk.bot, advisory_id), "the advisory to be sent", seconds=30
    )
    await advisories.submit_update(advisory_id, desk.officer["id"], "Pelaku sudah tertangkap.")
    (row,) = await board.advisories(desk.officer["id"])
    (update,) = row.updates
    assert update.advisory.text == "Pelaku sudah tertangkap."
    assert not update.updatable and not update.cancellable  # corrections go to the original
    states = await board.states(desk.officer["id"], [update.id])
    assert states[update.id].progress is not None


async def _sent(bot: BotHarness, advisory_id: int) -> bool:
    return (await advisory(bot, advisory_id)).status is AdvisoryStatus.SENT
