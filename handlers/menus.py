"""Command menus per role (setMyCommands with chat scopes): everyone sees only what they can use.

A feature declares each of its commands once, in its `handlers()`: `command("lapor", start,
rank=20)` is the command's handler and its entry in the menus and /bantuan (a guarded callback
brings its action and kind of chat). `all_commands` reads them back from the Application.

Shared menus: residents' private chats (the default scope, per language), every group (only
/bantuan), and group administrators (the group tools). A person with roles, or with their own
language, gets a menu for their private chat. What was published is stored per person, so it
is refreshed when their roles change (here, or on the command line while the bot was down:
start-up catches up) and never republished needlessly.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from telegram import BotCommand
from telegram import BotCommandScopeAllChatAdministrators
from telegram import BotCommandScopeAllGroupChats
from telegram import BotCommandScopeChat
from telegram import BotCommandScopeDefault
from telegram.error import TelegramError
from telegram.ext import Application
from telegram.ext import BaseHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext.filters import BaseFilter

from bot.commands import Command
from bot.commands import Where
from bot.commands import menu
from bot.config import SUPPORTED_LANGUAGES
from bot.ptb.context import App
from bot.ptb.context import Ctx
from bot.services import Services
from bot.services.authz import Action
from bot.services.authz import Holding
from handlers.common import NEW_MESSAGE
from handlers.guard import Callback
from handlers.guard import guard_of
from storage.models import Role

log = logging.getLogger(__name__)

SYNC_JOB = "menus:sync"


class MenuCommand(CommandHandler[Ctx, Any]):
    """The handler of a command that is also its entry in the menus and /bantuan."""

    __slots__ = ("command",)

    def __init__(self, command: Command, callback: Callback, filters: BaseFilter) -> None:
        super().__init__([command.name, *command.aliases], callback, filters=filters)
        self.command = command


def command(
    name: str,
    callback: Callback,
    *,
    rank: int,
    aliases: tuple[str, ...] = (),
    where: Where | None = None,
    filters: BaseFilter = NEW_MESSAGE,
    manages: Action | None = None,
) -> MenuCommand:
    """Declare /`name`: its handler and its menu entry at `rank`. A guarded callback says who
    may use it and where; `where` is only for the commands everyone may use, and `manages`
    for those some people also manage with (listed among an officer's commands in /bantuan)."""
    guard = guard_of(callback)
    if guard is None:
        entry = Command(name, rank, where=where or Where.PRIVATE, aliases=aliases, manages=manages)
    elif where is None and manages is None:
        entry = Command(name, rank, guard.action, guard.where, aliases)
    else:
        raise ValueError(f"/{name}: a guarded command is used where (and by whom) its guard says")
    return MenuCommand(entry, callback, filters)


def every_handler(handlers: Iterable[BaseHandler]) -> Iterator[BaseHandler]:
    """`handlers` and the handlers inside their conversations."""
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            yield from every_handler(handler.entry_points)
            for state in handler.states.values():
                yield from every_handler(state)
            yield from every_handler(handler.fallbacks)
        else:
            yield handler


def all_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> list[Command]:
    """Every command the application declares, in rank order (the order of the menus)."""
    registered = (h for group in application.handlers.values() for h in every_handler(group))
    declared = [h.command for h in registered if isinstance(h, MenuCommand)]
    return sorted(declared, key=lambda c: c.rank)


def bot_commands(
    commands: list[Command],
    language: str,
    holdings: list[Holding] | None = None,
    where: tuple[Where, ...] | None = None,
) -> list[BotCommand]:
    """The command menu in `language` for someone with `holdings` (none: a resident)."""
    kinds = where if where is not None else (Where.PRIVATE, Where.ANY)
    pairs = menu(commands, language, holdings or [], kinds)
    return [BotCommand(name, text) for name, text in pairs]


def menu_key(commands: list[Command], language: str, holdings: list[Holding]) -> str:
    """What a private menu depends on: its language and the commands in it, as a digest (an
    admin's list of command names outgrew the 256-character column)."""
    names = [c.name for c in commands if c.where != Where.GROUP and c.visible_to(holdings)]
    digest = hashlib.sha256(",".join(names).encode()).hexdigest()[:32]
    return f"{language}:{len(names)}:{digest}"


async def publish_shared_menus(application: App) -> None:
    """The menus everyone shares, in the default language and in each supported one."""
    bot = application.bot
    commands = all_commands(application)
    default = application.bot_data.services.settings.default_language
    scopes = (
        (BotCommandScopeDefault(), None),
        (BotCommandScopeAllGroupChats(), (Where.ANY,)),
        (BotCommandScopeAllChatAdministrators(), (Where.ANY, Where.GROUP)),
    )
    calls = []
    for scope, where in scopes:
        # Telegram has no shared scope for "verified group admins": every group admin sees the
        # group tools (as an admin would), and the policy still checks each use.
        holdings = [Holding(Role.ADMIN)] if Where.GROUP in (where or ()) else None
        calls.append(
            bot.set_my_commands(bot_commands(commands, default, holdings, where), scope=scope)
        )
        for language in SUPPORTED_LANGUAGES:
            calls.append(
                bot.set_my_commands(
                    bot_commands(commands, language, holdings, where),
                    scope=scope,
                    language_code=language,
                )
            )
    # Each menu is its own (scope, language): sent at once, start-up waits one round trip
    # instead of nine.
    await asyncio.gather(*calls)


async def refresh_menu(
    bot: object, services: Services, commands: list[Command], user_id: int
) -> bool:
    """Publish `user_id`'s private menu if their roles or language changed; True if sent."""
    holdings = await services.roles.holdings(user_id)
    language = await services.users.language_of(user_id)
    key = menu_key(commands, language, holdings)
    if key == await services.roles.menu_key(user_id):
        return False
    try:
        await bot.set_my_commands(  # type: ignore[attr-defined]
            bot_commands(commands, language, holdings), scope=BotCommandScopeChat(user_id)
        )
    except TelegramError as exc:
        # A chat the bot cannot reach (never started it, blocked it): retried at next start.
        log.warning("Could not publish the menu of %s: %s", user_id, exc)
        return False
    await services.roles.set_menu_key(user_id, key)
    return True


async def drop_personal_menu(bot: object, user_id: int) -> None:
    """Take away the menu published for one person's chat: they see the shared one again (their
    data and roles were deleted)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(user_id))  # type: ignore[attr-defined]
    except TelegramError as exc:
        log.warning("Could not take back the menu of %s: %s", user_id, exc)


async def refresh_for(context: Ctx, user_id: int) -> None:
    """Refresh one person's menu after their roles changed."""
    await refresh_menu(context.bot, context.services, all_commands(context.application), user_id)


async def sync_menus(context: Ctx) -> None:
    """At start-up: bring every personal menu up to date (a job, so start-up is not slowed)."""
    services = context.services
    commands = all_commands(context.application)
    changed = 0
    for user_id in sorted(await services.roles.menu_holders()):
        changed += await refresh_menu(context.bot, services, commands, user_id)
    if changed:
        log.info("Published %d personal command menus", changed)
