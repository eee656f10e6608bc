"""One open conversation per user, through the real bot: starting a conversation (by command
or button) ends the one the user left open, tells them once which one it was, drops its draft,
and their next typed text is answered by the conversation they started last — for every pair
of the bot's conversations, and across a restart."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from telegram.ext import ConversationHandler

from bot.config import Settings
from bot.services.advisories import Draft as AdvisoryDraft
from bot.services.advisories import Target
from bot.services.authz import Holding
from bot.services.authz import Scope
from bot.services.latihan import Audience as LatihanAudience
from bot.services.latihan import Plan as LatihanPlan
from bot.services.patrols import SchedulePlan
from bot.services.reports import Draft as ReportDraft
from bot.services.roles import RoleSpec
from bot.services.siaga import Audience
from bot.services.siaga import CallPlan
from bot.services.siaga import PlaceKind
from bot.services.siaga import SiagaLevel
from bot.texts import t
from handlers.conversation import check_registered
from handlers.conversation import conversations
from handlers.conversation import label
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AreaLevel
from storage.models import ReportCategory
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import FakeTelegram
from tests.helpers import ADMIN_ID

JSON = dict[str, Any]
WIB = dt.timezone(dt.timedelta(hours=7))
LEFT = t("id", "conversation.left", names="|").split("|")[0]  # the notice, up to the names


async def wait_for(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait (up to 10 s) until `check()` holds."""
    for _ in range(400):
        if await check():
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"timed out waiting for {what}")


def area_id(bot: BotHarness, name: str, level: AreaLevel, kecamatan: str = "Lumbang") -> int:
    """The id of the indexed area `name` (a desa: the one in `kecamatan`)."""
    areas = bot.services.areas
    (found,) = [
        e.id
        for e in areas.index.entries
        if e.level == level
        and e.name == name
        and (level != AreaLevel.DESA or areas.get(e.kecamatan_id).name == kecamatan)
    ]
    return found


class World:
    """An admin who may start every conversation; the things each conversation starts from:
    a report of their own (a question to answer), a resident's report (to ask about), an
    advisory of theirs (to update), an MUI advisory awaiting approval (to reject) and a shift
    (to move); Polsek Lumbang with its duty group."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.fake = bot.fake
        self.admin = bot.updates.user(id=ADMIN_ID, first_name="Admin")
        self.resident = bot.updates.user(first_name="Warga")
        self.mui = bot.updates.user(first_name="Kyai")
        self.duty = bot.updates.group(title="Piket Polsek Lumbang")

    async def set_up(self) -> World:
        bot, services = self.bot, self.bot.services
        kronto = area_id(bot, "Kronto", AreaLevel.DESA)
        lumbang = area_id(bot, "Lumbang", AreaLevel.KECAMATAN)
        await services.areas.set_polsek_coverage("Polsek Lumbang", [lumbang], actor_label="t")
        await services.areas.set_duty_chat("Polsek Lumbang", self.duty["id"], actor_label="t")
        await services.roles.grant(self.mui["id"], RoleSpec(Role.MUI, Scope(area_id=lumbang)))
        for person in (self.admin, self.resident, self.mui):
            await bot.command(person, "/bantuan")  # known to the bot (and reachable)
        await services.subscriptions.set_home(self.resident["id"], kronto)

        def report(token: str) -> ReportDraft:
            return ReportDraft(
                token, ReportCategory.PENCURIAN, "Motor hilang di depan rumah.", kronto
            )

        self.own_report = (await services.reports.submit(ADMIN_ID, report("a" * 16))).report_id
        resident = self.resident["id"]
        self.resident_report = (await services.reports.submit(resident, report("b" * 16))).report_id

        advisories = services.advisories
        text = AdvisoryDraft((Target(kronto),), AdvisoryLevel.INFO, "Waspada pencurian motor.")
        self.own_advisory = (await advisories.submit(ADMIN_ID, 0, text)).advisory.id
        (speaker,) = await advisories.speakers(self.mui["id"])
        pending = (await advisories.submit(self.mui["id"], speaker.key, text)).advisory
        assert pending.status is AdvisoryStatus.PENDING
        self.pending_advisory = pending.id

        async def sent() -> bool:
            advisory = await advisories.get(self.own_advisory)
            return advisory is not None and advisory.status is AdvisoryStatus.SENT

        await wait_for(sent, "the admin's advisory to be sent")

        start = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).astimezone(WIB)
        plan = SchedulePlan(
            desa_id=kronto,
            post_id=None,
            start_minute=22 * 60,
            duration_minutes=240,
            weekdays=None,
            first_day=start.date(),
            last_day=start.date(),
            teams=[[resident]],
        )
        (self.shift,) = (await services.patrols.create(plan, ADMIN_ID, "id")).shift_ids
        # A muster call (/siaga) that calls the admin, made by the MUI member as an admin would
        # (the recipients are explicit; people chosen one by one must be of Kronto's watch).
        call = CallPlan(
            area_id=kronto,
            audience=Audience.PEMUDA,
            reason="Ada ancaman pencurian",
            place_kind=PlaceKind.POLSEK,
            place_name="Polsek Lumbang",
            at=dt.datetime.now(dt.UTC),
            level=SiagaLevel.WASPADA,
        )
        created = await services.siaga.create(
            call, [ADMIN_ID], self.mui["id"], "id", [Holding(Role.ADMIN)]
        )
        self.siaga_call = created.call.id
        # A practice session (/latihan) of the admin's, with the resident's practice report.
        session = await services.latihan.create(
            LatihanPlan(kronto, LatihanAudience.LINK), ADMIN_ID, "id", []
        )
        await services.latihan.join(resident, code=session.code)
        await services.latihan.submit(session.session_id, resident, report("c" * 16))
        self.practice_report = 1
        return self

    # ---- what the tests look at ----------------------------------------------------------

    def open(self) -> dict[str, object]:
        """The admin's open conversations: name -> state."""
        return {
            str(c.name): c.state(key)
            for c in conversations(self.bot.app)
            for key in c.keys_of(ADMIN_ID)
        }

    def drafts(self) -> set[str]:
        """The keys of the admin's user_data (the drafts of their conversations)."""
        return set(self.bot.app.user_data.get(ADMIN_ID, {}))

    def texts(self, chat: JSON) -> list[str]:
        return [
            str(m.get("text", m.get("caption", ""))) for m in self.fake.sent_messages(chat["id"])
        ]

    def notices(self) -> list[str]:
        """Every "left unfinished" notice the admin got, in any chat."""
        return [x for chat in (self.admin, self.duty) for x in self.texts(chat) if LEFT in x]

    # ---- acting as the admin ---------------------------------------------------------------

    async def press(self, data: str, chat: JSON | None = None) -> None:
        """Press a button with `data` under the bot's latest message in `chat`."""
        chat = chat or self.admin
        await self.bot.press(self.admin, self.fake.last_message(chat["id"]), data)

    async def say(self, text: str, chat: JSON | None = None) -> None:
        await self.bot.say(self.admin, text, chat=chat)

    async def command(self, text: str, chat: JSON | None = None) -> None:
        await self.bot.command(self.admin, text, chat=chat)


@dataclass(frozen=True)
class Case:
    """One conversation: how the admin starts it, a typed text it answers (with the steps
    before that text, if any), and a piece of its answer."""

    name: str
    start: Callable[[World], Awaitable[None]]
    type: Callable[[World], Awaitable[None]]
    answer: str
    chat: str = "admin"  # where it runs: the admin's private chat, or the "duty" group


async def _invite_place(world: World) -> None:
    await world.press("rl:n:polisi")
    await world.say("Zzyzx")


async def _reject_reason(world: World) -> None:
    question = world.fake.last_message(world.duty["id"])
    await world.bot.process(
        world.bot.updates.text(world.admin, "Belum dikonfirmasi.", world.duty, reply_to=question)
    )


CASES = [
    # The onboarding's desa question: a text that names no desa is answered as such.
    Case(
        "areas",
        lambda w: w.command("/start"),
        lambda w: w.say("Zzyzx"),
        "Desa bernama “Zzyzx” tidak ditemukan",
    ),
    Case(
        "lapor",
        lambda w: w.command("/lapor"),
        lambda w: w.say("Ada maling"),
        t("id", "reports.pick_button"),
    ),
    Case(
        "jawab",
        lambda w: w.press(f"lp:ans:{w.own_report}"),
        lambda w: w.say("Motornya merah."),
        "diteruskan ke petugas",
    ),
    # In the duty group, as are the rejections of advisories.
    Case(
        "laporan_petugas",
        lambda w: w.press(f"rp:ask:{w.resident_report}", w.duty),
        lambda w: w.say("Jam berapa kejadiannya?", w.duty),
        "Pertanyaan untuk pelapor LMB-0002 sudah dikirim",
        chat="duty",
    ),
    Case(
        "invite", lambda w: w.command("/undang"), _invite_place, "Wilayah “Zzyzx” tidak ditemukan"
    ),
    # An officer typing "Kronto" at the target step gets a target, not a home desa.
    Case(
        "himbauan",
        lambda w: w.command("/imbauan"),
        lambda w: w.say("Kronto"),
        "Sasaran sejauh ini: Kronto",
    ),
    Case(
        "himbauan_koreksi",
        lambda w: w.press(f"adv:u:{w.own_advisory}"),
        lambda w: w.say("Jalan sudah dibuka."),
        "sedang dikirim",
    ),
    Case(
        "himbauan_tolak",
        lambda w: w.press(f"adv:no:{w.pending_advisory}", w.duty),
        _reject_reason,
        t("id", "adv.rejected_toast"),
        chat="duty",
    ),
    # A koordinator in /aturronda: the desa is his ronda's, not his home.
    Case(
        "aturronda",
        lambda w: w.command("/aturronda"),
        lambda w: w.say("Kronto"),
        "Ronda Desa Kronto",
    ),
    Case(
        "ubahronda",
        lambda w: w.press(f"pt:eh:{w.shift}"),
        lambda w: w.say("23:00-22:00"),
        "sebelum jam mulai",
    ),
    # The admin calling a standby: the typed desa is the call's, not a home.
    Case(
        "siaga", lambda w: w.command("/siaga"), lambda w: w.say("Kronto"), "Siapa yang dipanggil?"
    ),
    # The admin's new practice session: the desa typed at once is the session's.
    Case(
        "latihan",
        lambda w: w.command("/latihan"),
        lambda w: w.say("Kronto"),
        "Siapa yang diajak berlatih?",
    ),
    # The trainer's feedback on a practice report: the typed text goes to the trainee.
    Case(
        "latihan_masukan",
        lambda w: w.press(f"lt:fb:{w.practice_report}"),
        lambda w: w.say("Sebutkan tempatnya dengan jelas."),
        "dikirim ke peserta",
    ),
    # The admin's new education item: the typed text is its title.
    Case(
        "edukasi_materi",
        lambda w: w.press("ed:add"),
        lambda w: w.say("Kronto aman bersama"),
        "Termasuk topik apa?",
    ),
    # The admin planning an education series: the typed desa is the series', not a home.
    Case(
        "edukasi_seri",
        lambda w: w.press("ed:plan"),
        lambda w: w.say("Kronto"),
        "Materi mana yang dikirim",
    ),
    # The admin answering a standby call with ❌: the typed text is the reason.
    Case(
        "siaga_jawab",
        lambda w: w.press(f"sg:a:{w.siaga_call}:tidak"),
        lambda w: w.say("Sedang di luar kota"),
        "alasannya dicatat",
    ),
]
NAMES = [case.name for case in CASES]
# Conversations that take no typed text (a question answered by its buttons or /batal), with
# the rule tested where they live: the confirmation of a deletion (tests/test_privacy.py).
BUTTONS_ONLY = ["privasi"]


@pytest.fixture
async def world(area_bot: BotHarness) -> World:
    return await World(area_bot).set_up()


def test_every_registered_conversation_is_covered_and_follows_the_rule(bot: BotHarness) -> None:
    assert sorted(str(c.name) for c in conversations(bot.app)) == sorted(NAMES + BUTTONS_ONLY)
    # A ConversationHandler not made by conversation() would escape the rule: refused.
    bot.app.add_handler(ConversationHandler([], {}, [], name="rogue"))
    with pytest.raises(TypeError, match="rogue"):
        check_registered(bot.app)


@pytest.mark.parametrize("left", CASES, ids=NAMES)
async def test_starting_a_conversation_ends_the_one_left_open(world: World, left: Case) -> None:
    by_name = {str(c.name): c for c in conversations(world.bot.app)}
    drafts = {name: c.draft for name, c in by_name.items()}
    for started in CASES:
        if started is left:
            continue
        pair = f"{left.name} -> {started.name}"
        await left.start(world)
        state = world.open().get(left.name)
        assert list(world.open()) == [left.name], pair
        assert world.drafts() <= {drafts[left.name]}, pair  # its draft, under its key
        assert by_name[left.name].timeout_jobs, pair
        notices = len(world.notices())

        await started.start(world)
        assert list(world.open()) == [started.name], pair
        # The left one's draft is gone, and so is its timeout (it would say "time is up").
        assert world.drafts() <= {drafts[started.name]}, pair
        assert not by_name[left.name].timeout_jobs, pair
        # Told once, naming the one left: in private unless both were in the duty group.
        assert len(world.notices()) == notices + 1, pair
        told = world.duty if left.chat == started.chat == "duty" else world.admin
        assert world.texts(told)[-1] == t(
            "id", "conversation.left", names=label("id", left.name, state)
        ), pair
        group = world.duty if started.chat == "duty" else None
        chat = group or world.admin

        # The next typed text is the new conversation's.
        await started.type(world)
        assert started.answer in world.texts(chat)[-1], (pair, world.texts(chat)[-1])
        assert len(world.notices()) == notices + 1, pair
        await world.command("/batal", group)
        assert world.open() == {}, pair
    # No typed text ever became the admin's home desa.
    assert await world.bot.services.subscriptions.home(ADMIN_ID) is None


async def test_the_conversation_started_last_keeps_the_text_after_a_restart(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(settings, fake) as bot:
        world = World(bot)
        await world.command("/start")
        await world.command("/lapor")
        assert (list(world.open()), world.drafts()) == (["lapor"], {"lapor"})
        await world.command("/aturronda")
        assert (list(world.open()), world.drafts()) == (["aturronda"], {"aturronda"})
    # The states and drafts were stored as they are now: the left ones are gone for good.
    async with BotHarness(settings, fake) as bot:
        world = World(bot)
        assert (list(world.open()), world.drafts()) == (["aturronda"], {"aturronda"})
        await world.say("Kronto")
        assert "Ronda Desa Kronto" in world.texts(world.admin)[-1]
        assert await bot.services.subscriptions.home(ADMIN_ID) is None
