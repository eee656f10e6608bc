"""The bot's commands: one registry for the menus (`setMyCommands`) and for /bantuan.

Feature issues add their commands here; the order is the order users see.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.texts import t
from storage.models import Role


@dataclass(frozen=True)
class Command:
    """A slash command, and who may see it."""

    name: str
    # None: everyone; otherwise only holders of one of these roles see the command.
    roles: frozenset[Role] | None = None

    def visible_to(self, roles: set[Role]) -> bool:
        """Whether someone holding `roles` can use this command."""
        return self.roles is None or bool(self.roles & roles)


ADMINS = frozenset({Role.ADMIN})

COMMANDS: tuple[Command, ...] = (
    Command("start"),
    Command("desa"),
    Command("langganan"),
    Command("berhenti"),
    Command("bantuan"),
    Command("bahasa"),
    Command("batal"),
    # Administration of areas, Polsek and group links.
    Command("wilayah", ADMINS),
    Command("tambahdesa", ADMINS),
    Command("ubahnama", ADMINS),
    Command("tetangga", ADMINS),
    Command("bukantetangga", ADMINS),
    Command("polsek", ADMINS),
    Command("hubungkan", ADMINS),
    Command("putuskan", ADMINS),
    Command("piket", ADMINS),
    Command("pengiriman", roles=frozenset({Role.ADMIN})),
)


def menu(language: str, roles: set[Role] | None = None) -> list[tuple[str, str]]:
    """(command, description) pairs for the menu of someone holding `roles` (None: everyone)."""
    held = roles if roles is not None else {Role.WARGA}
    return [(c.name, t(language, f"cmd.{c.name}")) for c in COMMANDS if c.visible_to(held)]
