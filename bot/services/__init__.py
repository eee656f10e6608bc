"""Domain services. They take and return plain values and models and never import `telegram`,
so another front end (WhatsApp, web) can call them too.

`Services` (every service, wired once per Application) lives in `wiring` and is loaded on first
use: importing one service (the command line's `bot.services.roles`) does not load them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from bot.services.wiring import Services

__all__ = ["Services"]


def __getattr__(name: str) -> Any:
    if name == "Services":
        from bot.services.wiring import Services

        return Services
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
