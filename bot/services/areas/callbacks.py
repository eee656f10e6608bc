"""The buttons of areas and the language switch: each kind defined once, for building and parsing.

`purpose` says what a chosen area becomes: "h" the home desa, "s" a subscription. Buttons carry
only ids; the handler checks every press against the current data. Formats (kept as sent)::

    ar:<h|s>:ask              type a name
    ar:<h|s>:kab:<page>       the default kabupaten's kecamatan, paged
    ar:<h|s>:kec:<id>:<page>  a kecamatan's desa, paged
    ar:<h|s>:pick:<id>        choose this area
    ar:u:<id> / ar:ua / ar:uay / ar:un   unsubscribe one / ask for all / yes / no
    lang:<code>               use this language
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from bot.callbacks import CallbackData
from bot.config import SUPPORTED_LANGUAGES

Purpose = Literal["h", "s"]
HOME: Purpose = "h"
SUBSCRIBE: Purpose = "s"


class AskName(CallbackData, prefix="ar"):
    """Ask for a name to type (with the kecamatan to browse instead)."""

    purpose: Purpose
    ask: Literal["ask"] = "ask"  # a fixed word after the purpose


class KecamatanPage(CallbackData, prefix="ar"):
    """A page of the default kabupaten's kecamatan."""

    purpose: Purpose
    page: int = field(metadata={"tag": "kab"})


class DesaPage(CallbackData, prefix="ar"):
    """A page of one kecamatan's desa."""

    purpose: Purpose
    kecamatan_id: int = field(metadata={"tag": "kec"})
    page: int


class Pick(CallbackData, prefix="ar"):
    """This area becomes the home desa, or is followed."""

    purpose: Purpose
    area_id: int = field(metadata={"tag": "pick"})


class Unsubscribe(CallbackData, prefix="ar:u"):
    """Stop following this area."""

    area_id: int


class UnsubscribeAll(CallbackData, prefix="ar:ua"):
    """Ask whether to stop following every area."""


class UnsubscribeAllYes(CallbackData, prefix="ar:uay"):
    """Yes: stop following every area."""


class UnsubscribeAllNo(CallbackData, prefix="ar:un"):
    """No: keep following them."""


class Language(CallbackData, prefix="lang"):
    """Use this language from now on."""

    code: str = field(metadata={"pattern": "|".join(SUPPORTED_LANGUAGES)})
