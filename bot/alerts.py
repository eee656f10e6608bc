"""Keeps error reports to the admin chat readable: one report per kind of error per window.

An error that repeats for every update (a database outage, say) would otherwise flood the
admin group and run into Telegram's 20-messages-a-minute group limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

WINDOW_SECONDS = 300.0


class AlertThrottle:
    """Decides which alerts go out; counts the ones held back."""

    def __init__(
        self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._window = window
        self._clock = clock
        # signature -> (time of the last report, alerts held back since)
        self._seen: dict[str, tuple[float, int]] = {}

    def admit(self, signature: str) -> int | None:
        """None to hold this alert back; otherwise how many like it were held back before."""
        now = self._clock()
        last = self._seen.get(signature)
        if last is not None and now - last[0] < self._window:
            self._seen[signature] = (last[0], last[1] + 1)
            return None
        self._seen[signature] = (now, 0)
        return last[1] if last is not None else 0
