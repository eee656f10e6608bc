"""What the benchmarks ran on, printed in each one's header: the figures depend on it."""

from __future__ import annotations

import contextlib
import os
import platform
from pathlib import Path


def machine() -> str:
    """CPUs and their model, the load average, Python's and python-telegram-bot's versions."""
    import telegram  # (the benches that start the bot in a child process load it here only)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {os.cpu_count()} CPUs ({model or platform.machine()}), load average {load}; "
        f"Python {platform.python_version()}, python-telegram-bot {telegram.__version__}"
    )
