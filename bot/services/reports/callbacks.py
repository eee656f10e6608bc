"""The buttons of incident reports: each kind defined once, for building and for parsing."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class NewReport(CallbackData, prefix="lp:new"):
    """Start /lapor, maybe for a desa, maybe for what was seen on a ronda shift."""

    desa_id: int | None = field(default=None, metadata={"tag": "d"})
    shift_id: int | None = field(default=None, metadata={"tag": "r"})
