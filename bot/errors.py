"""The one base of every refusal a user sees.

A service raises `UserFacingError` (or a feature's subclass: `ReportError`, `PatrolError`, ...)
with the key of a text in `bot.texts` and its values; a handler catches the base and says
`error.text(lang)`. The CLI prints `str(error)`: an English message where the service gave one,
else the key.
"""

from __future__ import annotations

from typing import Any

from bot.texts import t


class UserFacingError(Exception):
    """Something that cannot be done, and the text (`key`, `values`) that tells the user why."""

    def __init__(self, key: str, *, message: str | None = None, **values: Any) -> None:
        super().__init__(message or key)
        self.key = key
        self.values: dict[str, Any] = values

    def text(self, lang: str | None) -> str:
        """What the user reads, in their language."""
        return t(lang, self.key, **self.values)
