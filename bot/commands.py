"""The bot's commands: one registry for the menus (`setMyCommands`), for /bantuan, and for the
authorisation test that checks every privileged command is guarded.

Feature issues add their commands here; the order is the order users see. Who sees a command
follows from the same policy that authorises it (`bot.services.authz`), so a menu never offers
what would be refused.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services.authz import Action, Holding, allowed
from bot.texts import t


class Where(enum.StrEnum):
    """The chats a command is used in."""

    PRIVATE = "private"
    GROUP = "group"  # and only by the group's administrators
    ANY = "any"


@dataclass(frozen=True)
class Command:
    """A slash command, who may use it, and where."""

    name: str
    # None: everyone; otherwise whoever the policy allows this action anywhere.
    action: Action | None = None
    where: Where = Where.PRIVATE

    def visible_to(self, holdings: Iterable[Holding]) -> bool:
        """Whether someone with `holdings` can use this command."""
        return self.action is None or allowed(holdings, self.action)


COMMANDS: tuple[Command, ...] = (
    Command("start"),
    Command("lapor"),
    Command("status"),
    Command("laporanku"),
    Command("desa"),
    Command("langganan"),
    Command("berhenti"),
    # Advisories: every resident reads and mutes them.
    Command("riwayat"),
    Command("senyap"),
    Command("kode"),
    # Patrols (ronda): a member's shifts and the desa's roster.
    Command("ronda"),
    Command("jadwal"),
    Command("bantuan", where=Where.ANY),
    Command("bahasa"),
    Command("batal", where=Where.ANY),
    # Roles, invitations and the audit log.
    Command("undang", Action.INVITE),
    Command("undangan", Action.INVITE),
    Command("peran", Action.MANAGE_ROLES),
    Command("beriperan", Action.MANAGE_ROLES),
    Command("cabutperan", Action.MANAGE_ROLES),
    Command("organisasi", Action.MANAGE_ROLES),
    Command("audit", Action.VIEW_AUDIT),
    # Administration of areas and Polsek.
    Command("wilayah", Action.MANAGE_AREAS),
    Command("tambahdesa", Action.MANAGE_AREAS),
    Command("ubahnama", Action.MANAGE_AREAS),
    Command("tetangga", Action.MANAGE_AREAS),
    Command("bukantetangga", Action.MANAGE_AREAS),
    Command("polsek", Action.MANAGE_AREAS),
    Command("pengiriman", Action.VIEW_DELIVERIES),
    # Set up inside a group, by its administrators.
    Command("hubungkan", Action.LINK_GROUP, Where.GROUP),
    Command("putuskan", Action.LINK_GROUP, Where.GROUP),
    Command("piket", Action.SET_DUTY_CHAT, Where.GROUP),
    # Reports, for the police: in private or in the duty chat.
    Command("statistik", Action.VIEW_REPORTS, Where.ANY),
    Command("eksporlaporan", Action.VIEW_REPORTS, Where.ANY),
    # Advisories.
    Command("himbauan", Action.COMPOSE_ADVISORY),
    Command("himbauanku", Action.COMPOSE_ADVISORY),
    # Patrols, for their koordinators (pemuda koordinator, polisi).
    Command("aturronda", Action.MANAGE_PATROLS),
    Command("statistikronda", Action.MANAGE_PATROLS, Where.ANY),
)

BY_NAME = {command.name: command for command in COMMANDS}


def menu(
    language: str,
    holdings: Iterable[Holding] = (),
    where: Iterable[Where] | None = (Where.PRIVATE, Where.ANY),
) -> list[tuple[str, str]]:
    """(command, description) pairs for someone with `holdings` (none: a resident), for the
    given kinds of chat (None: all)."""
    held = list(holdings)
    kinds = set(where) if where is not None else set(Where)
    return [
        (c.name, t(language, f"cmd.{c.name}"))
        for c in COMMANDS
        if c.where in kinds and c.visible_to(held)
    ]
