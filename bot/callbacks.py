"""Typed callback data: one definition builds a button's data and gives the handler its pattern.

A feature declares each kind of button once, in its `callbacks.py`::

    @dataclass(frozen=True)
    class CheckOut(CallbackData, prefix="pt:out"):
        shift_id: int
        outcome: Literal["aman", "kejadian"]

    CheckOut(7, "aman").data            # "pt:out:7:aman" (what the button carries)
    CheckOut.pattern()                  # ^pt:out:(?P<shift_id>\\d{1,9}):(?P<outcome>aman|kejadian)$
    CheckOut.parse("pt:out:7:aman")     # CheckOut(shift_id=7, outcome="aman")

Field types: `int` (up to 9 digits), `bool` ("1"/"0"), `Literal[...]` (one of the words) and
`str` (a word of up to 32 letters, digits, `_` or `-`; give another regex with
`field(metadata={"pattern": ...})`). Fields are joined with ":" after the prefix, so a stored
button keeps working as long as its class keeps prefix and fields. Telegram allows 64 bytes.
Telegram-free: handlers register `CallbackQueryHandler(fn, pattern=X.pattern())`.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any, ClassVar, Literal, Self, get_args, get_origin

# Telegram's limit for callback_data.
DATA_LIMIT = 64

_INT = r"\d{1,9}"
_WORD = r"[\w-]{1,32}"


class CallbackData:
    """Base of a feature's button kinds: subclass as a frozen dataclass with `prefix=`."""

    prefix: ClassVar[str]
    _compiled: ClassVar[re.Pattern[str] | None]
    _types: ClassVar[tuple[Any, ...]]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix = prefix
        cls._compiled = None  # built on first use: the dataclass decorator runs after this

    @classmethod
    def _fields(cls) -> list[tuple[str, Any, str]]:
        hints = typing.get_type_hints(cls)
        found = []
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            kind = hints[f.name]
            found.append((f.name, kind, f.metadata.get("pattern") or _regex(kind)))
        return found

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """The regex a CallbackQueryHandler matches (the whole data, every field a group)."""
        if cls._compiled is None:
            fields = cls._fields()
            parts = [re.escape(cls.prefix), *(f"(?P<{n}>{regex})" for n, _, regex in fields)]
            cls._compiled = re.compile("^" + ":".join(parts) + "$")
        return cls._compiled

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The button's values, or None when `data` is not one of this kind."""
        match = cls.pattern().match(data or "")
        if match is None:
            return None
        return cls(*(_convert(kind, match.group(name)) for name, kind, _ in cls._fields()))

    @property
    def data(self) -> str:
        """The callback_data a button of this kind carries."""
        parts = [self.prefix]
        for name, kind, _ in self._fields():
            value = getattr(self, name)
            parts.append(("1" if value else "0") if kind is bool else str(value))
        data = ":".join(parts)
        if len(data.encode()) > DATA_LIMIT or not self.pattern().match(data):
            raise ValueError(f"callback data {data!r} does not fit {type(self).__name__}")
        return data


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


def _convert(kind: Any, raw: str) -> Any:
    if kind is int:
        return int(raw)
    if kind is bool:
        return raw == "1"
    return raw
