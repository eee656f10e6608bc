"""Every text a user sees, per language: one module per feature, merged here.

Each feature module (`bot/texts/<feature>.py`) holds an `ID` and an `EN` table of the same keys;
a new text goes into the feature's module, a new feature adds its module to `FEATURES`.
Texts are Telegram HTML. Values passed to `t()` are escaped, so user-supplied names and free text
are always shown literally; pass `Html(...)` for a value that is already safe markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.texts import advisories
from bot.texts import areas
from bot.texts import backups
from bot.texts import base
from bot.texts import dasbor
from bot.texts import edukasi
from bot.texts import kondisi
from bot.texts import latihan
from bot.texts import neighbours
from bot.texts import patrols
from bot.texts import privacy
from bot.texts import reports
from bot.texts import roles
from bot.texts import siaga
from bot.texts import watch

DEFAULT = "id"


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


# In this order; a key belongs to exactly one module (tests/test_texts.py checks).
FEATURES = (
    base,
    reports,
    areas,
    roles,
    advisories,
    patrols,
    watch,
    neighbours,
    backups,
    privacy,
    siaga,
    kondisi,
    edukasi,
    latihan,
    dasbor,
)

TEXTS: dict[str, dict[str, str]] = {"id": {}, "en": {}}
for _module in FEATURES:
    TEXTS["id"].update(_module.ID)
    TEXTS["en"].update(_module.EN)


LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}


_TAG = re.compile(r"<[^>]+>")
# Telegram's limits, counted after entity parsing (UTF-16 code units).
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def visible_length(markup: str) -> int:
    """The length Telegram counts for an HTML text: tags removed, entities decoded, in UTF-16
    code units (an emoji outside the BMP counts twice, as in Telegram's entity offsets)."""
    return len(html.unescape(_TAG.sub("", markup)).encode("utf-16-le")) // 2


def plain_text(markup: str) -> str:
    """What an HTML text reads as, for places that show no formatting (a button's alert)."""
    return html.unescape(_TAG.sub("", markup))


def t(lang: str | None, key: str, **values: Any) -> str:
    """The text `key` in `lang` (falling back to Indonesian), with escaped values filled in."""
    table = TEXTS.get(lang or DEFAULT, TEXTS[DEFAULT])
    template = table.get(key) or TEXTS[DEFAULT][key]
    if not values:
        return template
    return template.format(
        **{
            k: v if isinstance(v, Html) else html.escape(str(v), quote=False)
            for k, v in values.items()
        }
    )
