"""Texts: both languages say the same things, values are escaped, command menus are valid."""

from __future__ import annotations

import re
import string

import pytest
from telegram.ext import CommandHandler

from bot.commands import Command
from bot.commands import Where
from bot.commands import menu
from bot.services.authz import Holding
from bot.texts import FEATURES
from bot.texts import TEXTS
from bot.texts import Html
from bot.texts import t
from handlers.menus import all_commands
from handlers.menus import every_handler
from storage.models import Role
from tests.harness import BotHarness
from tests.harness import parse_html


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_text_with_the_same_placeholders() -> None:
    indonesian = TEXTS["id"]
    for language, table in TEXTS.items():
        assert set(table) == set(indonesian), f"{language} differs from id"
        for key, template in table.items():
            assert placeholders(template) == placeholders(indonesian[key]), (language, key)


@pytest.mark.parametrize("module", FEATURES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_feature_module_has_both_languages(module: object) -> None:
    assert set(module.ID) == set(module.EN)  # type: ignore[attr-defined]
    others = set().union(*(set(m.ID) for m in FEATURES if m is not module))
    assert not set(module.ID) & others  # type: ignore[attr-defined]  # each key in one module


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_every_text_is_valid_telegram_html(language: str) -> None:
    for key, template in TEXTS[language].items():
        filled = t(language, key, **dict.fromkeys(placeholders(template), "<x> & y"))
        visible, _ = parse_html(filled)  # raises on what Telegram would refuse
        assert 0 < len(visible) <= 4096, key


def test_values_are_escaped_unless_marked_as_html() -> None:
    assert t("id", "fallback.command", command="<b>x</b>") == (
        "Perintah /&lt;b&gt;x&lt;/b&gt; tidak dikenal. Ketik /bantuan untuk daftar perintah."
    )
    assert "<b>x</b>" in t("id", "fallback.command", command=Html("<b>x</b>"))


def test_unknown_language_falls_back_to_indonesian() -> None:
    assert t("fr", "cancel.nothing") == TEXTS["id"]["cancel.nothing"]


async def test_command_menus_follow_telegram_rules(bot: BotHarness) -> None:
    commands = all_commands(bot.app)
    for language in TEXTS:
        # Everyone's menu, and the fullest one: an administrator's.
        assert len(menu(commands, language)) == len(
            [c for c in commands if c.action is None and c.where != Where.GROUP]
        )
        entries = menu(commands, language, [Holding(Role.ADMIN)], where=None)
        assert len(entries) == len(commands)
        # Residents do not see the admin commands.
        assert len(menu(commands, language)) < len(entries)
        for name, description in entries:
            assert re.fullmatch(r"[a-z0-9_]{1,32}", name)
            assert 1 <= len(description) <= 256


async def test_every_command_handler_is_one_declared_command(bot: BotHarness) -> None:
    commands = all_commands(bot.app)
    assert len({c.rank for c in commands}) == len(commands), "two commands share a rank"
    declared: dict[str, Command] = {}
    for command in commands:
        for name in (command.name, *command.aliases):
            assert name not in declared, f"/{name} is declared twice"
            declared[name] = command
    handlers = [h for group in bot.app.handlers.values() for h in every_handler(group)]
    handled: set[str] = set()
    for handler in handlers:
        if isinstance(handler, CommandHandler):
            # A handler for an undeclared command would be missing from the menus and /bantuan.
            owners = {declared.get(name) for name in handler.commands}
            assert len(owners) == 1 and None not in owners, sorted(handler.commands)
            handled |= handler.commands
    assert handled == set(declared)
