"""Every privileged command and button: registered behind the guard, and refused to people
without the role, with the database unchanged and the attempt audited.

The lists below are checked against the commands the features declare (handlers.menus) and
against the handlers the Application really has, so a new privileged command or button without
a test here fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel
from sqlmodel import select
from telegram.ext import Application
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import DictPersistence

from bot.app import register_handlers
from bot.commands import Command
from bot.commands import Where
from bot.services.authz import Action
from bot.services.authz import Scope
from bot.services.reports import Draft
from bot.services.roles import RoleSpec
from handlers.guard import guard_of
from handlers.menus import all_commands
from handlers.menus import every_handler
from storage.models import AuditEntry
from storage.models import DeliveryState
from storage.models import Division
from storage.models import ReportCategory
from storage.models import Role
from tests.harness import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import desa
from tests.helpers import kecamatan
from tests.helpers import wait_until

JSON = dict[str, Any]


def declared_commands() -> dict[str, Command]:
    """The bot's commands by name, read from a freshly wired Application as the menus are."""
    application = Application.builder().token("0:test").persistence(DictPersistence()).build()
    register_handlers(application)
    return {command.name: command for command in all_commands(application)}


BY_NAME = declared_commands()

# One use of each privileged command, as someone entitled would type it.
COMMAND_SAMPLES: dict[str, str] = {
    "undang": "/undang tokoh; Kronto",
    "undangan": "/undangan",
    "peran": "/peran",
    "beriperan": "/beriperan {victim}; admin",
    "cabutperan": "/cabutperan {victim}; tokoh; Kronto",
    "organisasi": "/organisasi #{org}; Nama Palsu",
    "audit": "/audit csv",
    "wilayah": "/wilayah Kronto",
    "tambahdesa": "/tambahdesa Lumbang; Desa Baru",
    "ubahnama": "/ubahnama Kronto; Krontoh",
    "tetangga": "/tetangga Kronto; Ngembal",
    "bukantetangga": "/bukantetangga Kronto; Pancur",
    "polsek": "/polsek Polsek Baru; Pandaan",
    "pengiriman": "/pengiriman 1",
    "hubungkan": "/hubungkan Kronto",
    "putuskan": "/putuskan",
    "piket": "/piket Polsek Lumbang",
    "statistik": "/statistik",
    "eksporlaporan": "/eksporlaporan",
    "imbauan": "/imbauan",
    "imbauanku": "/imbauanku",
    "aturronda": "/aturronda Kronto",
    "statistikronda": "/statistikronda",
    "siaga": "/siaga",
    "latihan": "/latihan",
    "dasbor": "/dasbor",
}

# One press of each privileged button (callback data as the bot would have sent it).
BUTTON_SAMPLES: dict[str, str] = {
    "rl:n:": "rl:n:pemuda:patroli:k",
    "rl:p:": "rl:p:{polsek}",
    "rl:a:": "rl:a:{area}",
    "rl:t": "rl:t",
    "rl:x:": "rl:x:{invite}",
    "rl:v:": "rl:v:{assignment}",
    "rp:": "rp:take:{report}",
    "rp:rr:": "rp:rr:{report}:hoaks",
    "rp:who:": "rp:who:{report}",
    "adv:o:": "adv:o:1",
    "adv:t:": "adv:t:next",
    "adv:l:": "adv:l:darurat",
    "adv:e:": "adv:e:none",
    "adv:p:": "adv:p:send",
    "adv:ok:": "adv:ok:1",
    "adv:no:": "adv:no:1",
    "adv:nr:": "adv:nr:hoaks",
    "adv:u:": "adv:u:1",
    "adv:x:": "adv:x:1",
    "pt:ecy:": "pt:ecy:1",
    "rv:": "rv:a:1",
    "sg:r:": "sg:r:1",
    "sg:c:": "sg:c:1",
    "sg:cy:": "sg:cy:1",
    "sg:l:": "sg:l:1",
    "sg:ln:": "sg:ln:1:1",
    "kd:n:": "kd:n:{area}",
    "kd:w:": "kd:w:1",
    # sosialisasi (/edukasi): the managers' buttons
    "ed:add": "ed:add",
    "ed:plan": "ed:plan",
    "ed:ls": "ed:ls",
    "ed:s:": "ed:s:p:1",
    "ed:x:": "ed:x:1",
}

# Buttons that belong to a step of a conversation (the /undang and /imbauan questions, the
# reason of a rejection).
CONVERSATION_BUTTONS = {
    "rl:n:",
    "rl:p:",
    "rl:a:",
    "rl:t",
    "adv:o:",
    "adv:t:",
    "adv:l:",
    "adv:e:",
    "adv:p:",
    "adv:nr:",
}


def registered(bot: BotHarness) -> list[BaseHandler]:
    return [h for group in bot.app.handlers.values() for h in every_handler(group)]


def pattern_of(handler: CallbackQueryHandler) -> str:
    pattern = handler.pattern
    return pattern.pattern if isinstance(pattern, re.Pattern) else str(pattern)


def test_every_privileged_command_has_a_sample() -> None:
    assert set(COMMAND_SAMPLES) == {c.name for c in BY_NAME.values() if c.action is not None}


async def test_every_privileged_handler_is_guarded_as_the_registry_says(
    area_bot: BotHarness,
) -> None:
    handlers = registered(area_bot)
    seen: set[str] = set()
    for handler in handlers:
        if not isinstance(handler, CommandHandler):
            continue
        for name in handler.commands:
            command = BY_NAME.get(name)
            if command is None or command.action is None:
                continue
            guard = guard_of(handler.callback)
            assert guard is not None, f"/{name} is not guarded"
            assert guard.action == command.action, name
            assert guard.where == command.where, name
            seen.add(name)
    assert seen == set(COMMAND_SAMPLES)
    # Every guarded button handler has a sample press below, and unguarded ones are public.
    guarded_patterns = {
        pattern_of(h)
        for h in handlers
        if isinstance(h, CallbackQueryHandler) and guard_of(h.callback) is not None
    }
    for pattern in guarded_patterns:
        assert any(
            re.match(pattern, data.format(polsek=1, area=1, invite=1, assignment=1, report=1))
            for data in BUTTON_SAMPLES.values()
        ), f"no refusal test for {pattern}"
    assert len(guarded_patterns) == len(BUTTON_SAMPLES)


async def snapshot(bot: BotHarness) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but the ones a refused attempt may touch: users (last seen), the audit
    log (the refusal itself) and the sending machinery's clocks: the send slots the refusal's
    reply took (delivery_pacer) and the engine's heartbeat (delivery_workers). Conversation
    progress is written first: PTB hands it to the database every second, so without this the
    periodic round could land between two snapshots and look like a change."""

    await bot.app.update_persistence()

    def read(session: Any) -> dict[str, list[tuple[Any, ...]]]:
        tables = {}
        for table in SQLModel.metadata.sorted_tables:
            if table.name in ("users", "audit_log", "delivery_pacer", "delivery_workers"):
                continue
            rows = session.execute(sa_select(table)).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
        return tables

    return await bot.services.db.run(read)


async def denials(bot: BotHarness, user: JSON) -> list[AuditEntry]:
    def read(session: Any) -> list[AuditEntry]:
        query = select(AuditEntry).where(
            AuditEntry.action == "auth.denied", AuditEntry.actor_id == user["id"]
        )
        return list(session.exec(query))

    return await bot.services.db.run(read)


@pytest.fixture
async def authz_world(area_bot: BotHarness) -> AsyncIterator[tuple[BotHarness, dict[str, Any]]]:
    """A deployment with something to change: a Polsek, a linked group, an officer with an
    open invite, a role holder, an organisation and a delivery."""
    bot = area_bot
    lumbang = kecamatan(bot, "Lumbang")
    polsek = await bot.services.areas.set_polsek_coverage(
        "Polsek Lumbang", [lumbang.id], actor_label="test"
    )
    cop = bot.updates.user(first_name="Officer")
    await bot.services.roles.grant(cop["id"], RoleSpec(Role.POLISI, Scope(polsek_id=polsek.id)))
    victim = bot.updates.user(first_name="Holder", username="holder")
    await bot.command(victim, "/bantuan")
    await bot.services.roles.grant(
        victim["id"],
        RoleSpec(Role.TOKOH, Scope(area_id=desa(bot, "Kronto").id)),
    )
    info, _ = await bot.services.roles.create_invite(
        RoleSpec(Role.PEMUDA, Scope(area_id=desa(bot, "Kronto").id), Division.PATROLI),
        created_by=cop["id"],
    )
    group = bot.updates.group(title="Warga Kronto")
    await bot.services.subscriptions.link_group(
        group["id"], desa(bot, "Kronto").id, title="Warga Kronto", actor_id=ADMIN_ID
    )
    delivery_id = await bot.services.delivery.enqueue([victim["id"]], _payload(), kind="test")
    submitted = await bot.services.reports.submit(
        victim["id"],
        Draft("0123456789abcdef", ReportCategory.PENCURIAN, "Motor hilang", desa(bot, "Kronto").id),
    )
    report = await bot.services.reports.get(submitted.report_id)

    async def delivered() -> bool:
        for each in (delivery_id, report.duty_delivery_id):
            status = await bot.services.delivery.status(each)
            if status is None or status.state != DeliveryState.DONE:
                return False
        return True

    # Settled before the snapshots: the engine's bookkeeping must not look like a change.
    await wait_until(delivered, "the setup delivery")
    assignments = await bot.services.roles.assignments_of(victim["id"])
    organisations = await bot.services.roles.organisations()
    values = {
        "victim": f"@{victim['username']}",
        "org": organisations[0].id,
        "polsek": polsek.id,
        "area": desa(bot, "Kronto").id,
        "invite": info.id,
        "assignment": assignments[0].id,
        "group": group,
        "cop": cop,
        "report": submitted.report_id,
    }
    yield bot, values


def _payload() -> Any:
    from bot.delivery import Payload

    return Payload.message("halo")


async def refused_everywhere(
    bot: BotHarness, values: dict[str, Any], who: JSON, command: str
) -> None:
    """`who` types `command` (in the group for group tools): refused, nothing changed, audited."""
    text = COMMAND_SAMPLES[command].format(**values)
    group = values["group"]
    before = await snapshot(bot)
    audited = len(await denials(bot, who))
    where = BY_NAME[command].where
    chat = group if where is Where.GROUP else None
    await bot.command(who, text, chat=chat)
    answer = bot.fake.texts(group["id"] if chat else who["id"])[-1]
    assert answer.startswith("Maaf"), (command, answer)
    assert await snapshot(bot) == before, command
    assert len(await denials(bot, who)) == audited + 1, command


@pytest.mark.parametrize("command", sorted(COMMAND_SAMPLES))
async def test_a_resident_is_refused_every_privileged_command(
    authz_world: tuple[BotHarness, dict[str, Any]], command: str
) -> None:
    bot, values = authz_world
    resident = bot.updates.user()
    # For group tools the resident is even an admin of the group: not enough without a role.
    bot.fake.set_chat_admins(values["group"]["id"], [resident["id"]])
    await refused_everywhere(bot, values, resident, command)


@pytest.mark.parametrize(
    "command",
    sorted(
        c
        for c in COMMAND_SAMPLES
        if BY_NAME[c].action
        not in (
            Action.INVITE,
            Action.LINK_GROUP,
            Action.SET_DUTY_CHAT,
            Action.VIEW_REPORTS,
            Action.COMPOSE_ADVISORY,
            Action.MANAGE_PATROLS,
            Action.CALL_SIAGA,
            Action.RUN_TRAINING,
            Action.USE_DASHBOARD,
            # An officer sees the deliveries they started (test_advisories); others' are
            # "not found".
            Action.VIEW_DELIVERIES,
        )
    ),
)
async def test_an_officer_is_refused_the_admin_commands(
    authz_world: tuple[BotHarness, dict[str, Any]], command: str
) -> None:
    bot, values = authz_world
    await refused_everywhere(bot, values, values["cop"], command)


@pytest.mark.parametrize("command", ["hubungkan", "putuskan", "piket"])
async def test_an_officer_who_is_no_group_admin_is_refused_group_tools(
    authz_world: tuple[BotHarness, dict[str, Any]], command: str
) -> None:
    bot, values = authz_world
    bot.fake.set_chat_admins(values["group"]["id"], [], creator_id=None)
    await refused_everywhere(bot, values, values["cop"], command)


@pytest.mark.parametrize("prefix", sorted(BUTTON_SAMPLES))
async def test_forged_and_stale_privileged_buttons_are_refused(
    authz_world: tuple[BotHarness, dict[str, Any]], prefix: str
) -> None:
    bot, values = authz_world
    data = BUTTON_SAMPLES[prefix].format(**values)
    resident = bot.updates.user()
    # A message of the bot in the resident's chat, as if the button had been sent to them.
    await bot.command(resident, "/bantuan")
    message = bot.fake.last_message(resident["id"])
    before = await snapshot(bot)
    await bot.press(resident, message, data)
    answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert answer.get("show_alert") is True
    assert answer["text"].startswith(("Maaf", "Tombol ini sudah tidak berlaku")), answer
    assert await snapshot(bot) == before

    # The officer had the right to some of these and lost it: their press is refused too.
    cop = values["cop"]
    await bot.command(cop, "/bantuan")
    own = bot.fake.last_message(cop["id"])
    await bot.services.roles.revoke(cop["id"], Role.POLISI, Scope(polsek_id=values["polsek"]))
    before = await snapshot(bot)
    await bot.press(cop, own, data)
    answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert answer.get("show_alert") is True
    assert await snapshot(bot) == before
    if prefix in CONVERSATION_BUTTONS:
        # Outside its conversation the button is simply stale (see the next test for inside).
        assert answer["text"] == "Tombol ini sudah tidak berlaku."
    else:
        assert answer["text"] == "Maaf, Anda tidak (lagi) berwenang memakai tombol ini."
        assert len(await denials(bot, cop)) == 1


async def test_an_officer_revoked_in_the_middle_of_an_invite_is_stopped(
    authz_world: tuple[BotHarness, dict[str, Any]],
) -> None:
    bot, values = authz_world
    cop = values["cop"]
    await bot.command(cop, "/undang")
    choice = bot.fake.last_message(cop["id"])
    await bot.services.roles.revoke(cop["id"], Role.POLISI, Scope(polsek_id=values["polsek"]))
    before = await snapshot(bot)
    assert [row[:3] for row in before["conversation_states"]] == [
        ("invite", json.dumps([cop["id"], cop["id"]]), '"role"')
    ]
    await bot.press(cop, choice, "rl:n:tokoh")
    answer = bot.fake.calls_to("answerCallbackQuery")[-1].params
    assert answer["text"] == "Maaf, Anda tidak (lagi) berwenang memakai tombol ini."
    # Nothing changed but the end of the conversation.
    before["conversation_states"] = []
    assert await snapshot(bot) == before
    assert len(await denials(bot, cop)) == 1
    # The conversation ended: a typed place is not taken for an invite.
    await bot.say(cop, "Kronto")
    assert bot.fake.texts(cop["id"])[-1].startswith("Maaf, kami belum mengerti")
    assert await snapshot(bot) == before
