"""Command menus per role (setMyCommands with chat scopes): everyone sees only what they can use.

Shared menus: residents' private chats (the default scope, per language), every group (only
/bantuan), and group administrators (the group tools). A person with roles, or with their own
language, gets a menu for their private chat. What was published is stored per person, so it
is refreshed when their roles change (here, or on the command line while the bot was down:
start-up catches up) and never republished needlessly.
"""

from __future__ import annotations

import hashlib
import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.error import TelegramError

from bot.commands import COMMANDS, Where, menu
from bot.config import SUPPORTED_LANGUAGES
from bot.ptb.context import App, Ctx
from bot.services import Services
from bot.services.authz import Holding
from storage.models import Role

log = logging.getLogger(__name__)

SYNC_JOB = "menus:sync"


def bot_commands(
    language: str, holdings: list[Holding] | None = None, where: tuple[Where, ...] | None = None
) -> list[BotCommand]:
    """The command menu in `language` for someone with `holdings` (none: a resident)."""
    kinds = where if where is not None else (Where.PRIVATE, Where.ANY)
    return [BotCommand(name, text) for name, text in menu(language, holdings or [], kinds)]


def menu_key(language: str, holdings: list[Holding]) -> str:
    """What a private menu depends on: its language and the commands in it, as a digest (an
    admin's list of command names outgrew the 256-character column)."""
    names = [c.name for c in COMMANDS if c.where != Where.GROUP and c.visible_to(holdings)]
    digest = hashlib.sha256(",".join(names).encode()).hexdigest()[:32]
    return f"{language}:{len(names)}:{digest}"


async def publish_shared_menus(application: App) -> None:
    """The menus everyone shares, in the default language and in each supported one."""
    bot = application.bot
    default = application.bot_data.services.settings.default_language
    scopes = (
        (BotCommandScopeDefault(), None),
        (BotCommandScopeAllGroupChats(), (Where.ANY,)),
        (BotCommandScopeAllChatAdministrators(), (Where.ANY, Where.GROUP)),
    )
    for scope, where in scopes:
        # Telegram has no shared scope for "verified group admins": every group admin sees the
        # group tools (as an admin would), and the policy still checks each use.
        holdings = [Holding(Role.ADMIN)] if Where.GROUP in (where or ()) else None
        await bot.set_my_commands(bot_commands(default, holdings, where), scope=scope)
        for language in SUPPORTED_LANGUAGES:
            await bot.set_my_commands(
                bot_commands(language, holdings, where), scope=scope, language_code=language
            )


async def refresh_menu(bot: object, services: Services, user_id: int) -> bool:
    """Publish `user_id`'s private menu if their roles or language changed; True if sent."""
    holdings = await services.roles.holdings(user_id)
    language = await services.users.language_of(user_id)
    key = menu_key(language, holdings)
    if key == await services.roles.menu_key(user_id):
        return False
    try:
        await bot.set_my_commands(  # type: ignore[attr-defined]
            bot_commands(language, holdings), scope=BotCommandScopeChat(user_id)
        )
    except TelegramError as exc:
        # A chat the bot cannot reach (never started it, blocked it): retried at next start.
        log.warning("Could not publish the menu of %s: %s", user_id, exc)
        return False
    await services.roles.set_menu_key(user_id, key)
    return True


async def refresh_for(context: Ctx, user_id: int) -> None:
    """Refresh one person's menu after their roles changed."""
    await refresh_menu(context.bot, context.services, user_id)


async def sync_menus(context: Ctx) -> None:
    """At start-up: bring every personal menu up to date (a job, so start-up is not slowed)."""
    services = context.services
    changed = 0
    for user_id in sorted(await services.roles.menu_holders()):
        changed += await refresh_menu(context.bot, services, user_id)
    if changed:
        log.info("Published %d personal command menus", changed)
