"""The bot's commands as the menus (`setMyCommands`) and /bantuan show them.

Each feature declares its commands once, beside its handlers (`handlers.menus.command`); the
registry is read from the handlers the Application has (`handlers.menus.all_commands`), so a
menu offers exactly what the bot answers. A command's `rank` is its place in the menus. Who sees
a command follows from the same policy that authorises it (`bot.services.authz`), so a menu
never offers what would be refused.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.texts import t


class Where(enum.StrEnum):
    """The chats a command is used in."""

    PRIVATE = "private"
    GROUP = "group"  # and only by the group's administrators
    ANY = "any"


@dataclass(frozen=True)
class Command:
    """A slash command, its place in the menus, who may use it, and where."""

    name: str
    # The menus list commands by rank: spaced (10, 20, ...) so a new one slots in between.
    rank: int
    # None: everyone; otherwise whoever the policy allows this action anywhere.
    action: Action | None = None
    where: Where = Where.PRIVATE
    # Other names that work too (English ones, or a spelling people type, e.g. /himbauan for
    # /imbauan), never shown in a menu.
    aliases: tuple[str, ...] = ()

    def visible_to(self, holdings: Iterable[Holding]) -> bool:
        """Whether someone with `holdings` can use this command."""
        return self.action is None or allowed(holdings, self.action)


def menu(
    commands: Iterable[Command],
    language: str,
    holdings: Iterable[Holding] = (),
    where: Iterable[Where] | None = (Where.PRIVATE, Where.ANY),
) -> list[tuple[str, str]]:
    """(command, description) pairs of `commands` (in their order) for someone with
    `holdings` (none: a resident), for the given kinds of chat (None: all)."""
    held = list(holdings)
    kinds = set(where) if where is not None else set(Where)
    return [
        (c.name, t(language, f"cmd.{c.name}"))
        for c in commands
        if c.where in kinds and c.visible_to(held)
    ]
