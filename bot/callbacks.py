"""Typed callback data: one definition builds a button's data and gives the handler its pattern.

A feature declares each kind of button once, in its `callbacks.py` (every subclass is made a
frozen dataclass)::

    class CheckOut(CallbackData, prefix="pt:out"):
        shift_id: int
        outcome: Literal["aman", "kejadian"]

    CheckOut(7, "aman").data            # "pt:out:7:aman" (what the button carries)
    CheckOut.pattern()                  # ^pt:out:(?P<shift_id>\\d{1,9}):(?P<outcome>aman|kejadian)$
    CheckOut.parse("pt:out:7:aman")     # CheckOut(shift_id=7, outcome="aman")

Field types: `int` (up to 9 digits), `bool` ("1"/"0"), `Literal[...]` (one of the words) and
`str` (a word of up to 32 letters, digits, `_` or `-`; give another regex with
`field(metadata={"pattern": ...})`). A field typed `X | None` (default None) is an optional
segment, written only when set, after a tag when given (`field(default=None, metadata={"tag":
"d"})` writes `:d:<value>`), as in `lp:new`, `lp:new:d:12` and `lp:new:d:12:r:7`. Fields are
joined with ":" after the prefix, so a stored button keeps working as long as its class keeps
prefix and fields. Telegram allows 64 bytes.
Telegram-free: handlers register `CallbackQueryHandler(fn, pattern=X.pattern())`; services put
buttons under what they send with `inline_keyboard(rows)`, the Bot API's JSON form.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Sequence
from typing import Any
from typing import ClassVar
from typing import Literal
from typing import NamedTuple
from typing import Self
from typing import Union
from typing import dataclass_transform
from typing import get_args
from typing import get_origin

# Telegram's limit for callback_data.
DATA_LIMIT = 64

_INT = r"\d{1,9}"
_WORD = r"[\w-]{1,32}"


class _Field(NamedTuple):
    name: str
    kind: Any  # int, bool, str or a Literal (without None)
    regex: str
    optional: bool
    tag: str | None


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
class CallbackData:
    """Base of a feature's button kinds: subclass with `prefix=` and typed fields."""

    prefix: ClassVar[str]
    _compiled: ClassVar[re.Pattern[str] | None]
    _described: ClassVar[list[_Field] | None]
    if typing.TYPE_CHECKING:
        __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix = prefix
        cls._compiled = cls._described = None  # built on first use, once per class
        dataclasses.dataclass(frozen=True)(cls)  # in place: the class itself becomes one

    @classmethod
    def _fields(cls) -> list[_Field]:
        if cls._described is not None:
            return cls._described
        hints = typing.get_type_hints(cls)  # evaluates annotations: too slow for every button
        found = []
        for f in dataclasses.fields(cls):
            kind = hints[f.name]
            optional = get_origin(kind) in (Union, types.UnionType) and type(None) in get_args(kind)
            if optional:
                (kind,) = [k for k in get_args(kind) if k is not type(None)]
            regex = f.metadata.get("pattern") or _regex(kind)
            found.append(_Field(f.name, kind, regex, optional, f.metadata.get("tag")))
        cls._described = found
        return found

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """The regex a CallbackQueryHandler matches (the whole data, every field a group)."""
        if cls._compiled is None:
            regex = "^" + re.escape(cls.prefix)
            for f in cls._fields():
                segment = f":(?P<{f.name}>{f.regex})"
                if f.tag:
                    segment = f":{re.escape(f.tag)}{segment}"
                regex += f"(?:{segment})?" if f.optional else segment
            cls._compiled = re.compile(regex + "$")
        return cls._compiled

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The button's values, or None when `data` is not one of this kind."""
        match = cls.pattern().match(data or "")
        if match is None:
            return None
        return cls(*(_convert(f.kind, match.group(f.name)) for f in cls._fields()))

    @property
    def data(self) -> str:
        """The callback_data a button of this kind carries."""
        parts = [self.prefix]
        for f in self._fields():
            value = getattr(self, f.name)
            if value is None and f.optional:
                continue
            if f.tag:
                parts.append(f.tag)
            parts.append(("1" if value else "0") if f.kind is bool else str(value))
        data = ":".join(parts)
        if len(data.encode()) > DATA_LIMIT or not self.pattern().match(data):
            raise ValueError(f"callback data {data!r} does not fit {type(self).__name__}")
        return data


Rows = Sequence[Sequence[tuple[str, "CallbackData"]]]


def inline_keyboard(rows: Rows) -> dict[str, Any]:
    """Rows of (label, button) as the Bot API takes a keyboard (the delivery engine sends it as
    it is; handlers use `handlers.common.keyboard` for PTB's objects)."""
    return {
        "inline_keyboard": [
            [{"text": label, "callback_data": button.data} for label, button in row] for row in rows
        ]
    }


def _regex(kind: Any) -> str:
    if kind is int:
        return _INT
    if kind is bool:
        return "[01]"
    if kind is str:
        return _WORD
    if get_origin(kind) is Literal:
        return "|".join(re.escape(str(word)) for word in get_args(kind))
    raise TypeError(f"callback field of type {kind!r} is not supported")


def _convert(kind: Any, raw: str | None) -> Any:
    if raw is None:
        return None
    if kind is int:
        return int(raw)
    if kind is bool:
        return raw == "1"
    return raw
