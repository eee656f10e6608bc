"""The HTTP transport under load (httpx and httpcore, which python-telegram-bot sends with).

httpcore 1.0 asks `import sniffio` each time it makes a lock or an event (several times per
Bot API request) and falls back to asyncio when the import fails. anyio 4.16 no longer
installs sniffio, so every one of those imports searched the whole `sys.path` on disk and
failed: 13% of the event loop's time in a storm of button presses (py-spy, bench/overload.py).
Recording the module as absent makes the failed import immediate; nothing changes when
sniffio is installed.
"""

from __future__ import annotations

import importlib.util
import sys


def remember_missing_sniffio() -> None:
    """Make `import sniffio` fail at once when sniffio is not installed."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # Python's "known absent"
