"""What the command-line tests share besides fixtures: the outcome of one `kamtibmas` run."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Outcome(NamedTuple):
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


# `kamtibmas("areas", "list")`: run one command in this process (the `kamtibmas` fixture).
Kamtibmas = Callable[..., Outcome]
