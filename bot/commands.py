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

from bot.services.authz import POLICY
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.texts import t
from storage.models import Role


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
    # For a command everyone may use that some also manage with (/kondisi catat, /edukasi's
    # library): an officer's /bantuan lists it among theirs, as `help.manage_<name>` says.
    manages: Action | None = None

    def visible_to(self, holdings: Iterable[Holding]) -> bool:
        """Whether someone with `holdings` can use this command."""
        return self.action is None or allowed(holdings, self.action)

    @property
    def admin_only(self) -> bool:
        """Whether only admins may use it (/bantuan lists it under /bantuan admin)."""
        return self.action is not None and all(r.role is Role.ADMIN for r in POLICY[self.action])


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


# Residents' commands an officer's /bantuan leaves out (their command menu still has them):
# /ikutronda is for residents, an officer's or koordinator's role makes them a member already;
# /bantuan and /start (the welcome) they have used.
OFFICERS_KNOW = frozenset({"bantuan", "start", "ikutronda"})
# An officer's /bantuan lists the residents' commands by name only, this many a line: they know
# what a resident can do, and their own commands need the lines of the one screen.
NAMES_PER_LINE = 6

# /bantuan asks for the admin part with this word ("/bantuan admin").
ADMIN_PART = "admin"


def help_text(
    commands: Iterable[Command], language: str, holdings: Iterable[Holding], part: str = ""
) -> str:
    """/bantuan for someone with `holdings`: a resident's commands as one list; an officer's or
    admin's under headings (Untuk warga / Untuk petugas), short enough for one phone screen,
    with the admin-only commands behind `/bantuan admin` (`part` = ADMIN_PART)."""
    held = list(holdings)
    visible = [c for c in commands if c.visible_to(held)]
    private = [c for c in visible if c.where != Where.GROUP]
    group = [c for c in visible if c.where == Where.GROUP]
    is_admin = any(c.admin_only for c in visible)
    if part == ADMIN_PART and is_admin:
        admin_only = [c for c in private if c.admin_only]
        text = [t(language, "help.admin_heading"), *_lines(language, admin_only)]
        if group:
            text += [t(language, "help.group_tools"), *_lines(language, group)]
        return "\n".join([*text, t(language, "help.admin_footer")])
    if all(c.action is None for c in visible):
        text = [t(language, "help.header"), *_lines(language, private)]
        return "\n".join([*text, t(language, "help.footer")])
    residents = [c for c in private if c.action is None and c.name not in OFFICERS_KNOW]
    officers = [c for c in private if c.action is not None and not c.admin_only]
    text = [t(language, "help.residents_heading"), *_names(residents), ""]
    managing = [c for c in private if c.manages is not None and allowed(held, c.manages)]
    text += [t(language, "help.officers_heading"), *_lines(language, officers)]
    text += [t(language, f"help.manage_{c.name}") for c in managing]
    if tools := [c for c in group if not c.admin_only]:
        names = " · ".join(f"/{c.name}" for c in tools)
        text.append(t(language, "help.group_line", commands=names))
    text.append("")
    footer = t(language, "help.footer_short")
    if is_admin:
        # One line for both: an admin's list is the longest, and must fit one phone screen.
        footer = t(language, "help.admin_pointer") + " · " + footer
    return "\n".join([*text, footer])


def _names(commands: Iterable[Command]) -> list[str]:
    """ "/lapor · /status · …", NAMES_PER_LINE a line."""
    names = [f"/{c.name}" for c in commands]
    return [" · ".join(names[i : i + NAMES_PER_LINE]) for i in range(0, len(names), NAMES_PER_LINE)]


def _lines(language: str, commands: Iterable[Command]) -> list[str]:
    """ "/name — description", one line per command."""
    return [f"/{c.name} — {t(language, f'cmd.{c.name}')}" for c in commands]
