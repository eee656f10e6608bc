"""What the rest of the bot learns from the engine: a delivery of a given kind is done, or a
group's chat id changed. Hooks run synchronously inside the engine's own transaction (the one
that marks the delivery done, or that moves the row to the new chat), so what a hook writes —
outbox rows included — is durable exactly when that is, and happens once.

A progress hook (`on_progress`) writes the author's progress text for its kind instead of the
engine's generic one; its last text (done) is then the final report, edited into the same
message rather than sent as another one. A hook that returns None leaves that delivery to
the engine's own progress message and report.

A hook that raises is logged and its writes are rolled back (a savepoint); the engine goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from storage import outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finished:
    """A delivery with no open row left: how many of its rows came to what."""

    delivery_id: int
    kind: str
    ref: str
    counts: outbox.Counts


@dataclass(frozen=True)
class Progress:
    """How a delivery stands, for its author's progress message (`done`: the final text)."""

    delivery_id: int
    kind: str
    ref: str
    counts: outbox.Counts
    language: str
    done: bool


FinishedHook = Callable[[Session, Finished], None]
# The author's progress text of one delivery (Telegram HTML); None: the engine's own text.
ProgressHook = Callable[[Session, Progress], str | None]
# (session, old chat id, new chat id)
MigratedHook = Callable[[Session, int, int], None]


class DeliveryHooks:
    """The hooks registered on one `DeliveryService`."""

    def __init__(self) -> None:
        self._finished: dict[str, list[FinishedHook]] = {}
        self._migrated: list[MigratedHook] = []
        self._progress: dict[str, ProgressHook] = {}

    def on_finished(self, kind: str, hook: FinishedHook) -> None:
        """Call `hook` once for every delivery of `kind` that is done."""
        self._finished.setdefault(kind, []).append(hook)

    def on_migrated(self, hook: MigratedHook) -> None:
        """Call `hook` when a chat turned out to have moved to a new id."""
        self._migrated.append(hook)

    def on_progress(self, kind: str, hook: ProgressHook) -> None:
        """Let `hook` write the progress text of deliveries of `kind` (one hook per kind)."""
        self._progress[kind] = hook

    def progress_text(self, session: Session, progress: Progress) -> str | None:
        """The hook's text for `progress`; None without a hook, if it declined (not one of
        its deliveries), or if it failed (logged)."""
        hook = self._progress.get(progress.kind)
        if hook is None:
            return None
        try:
            return hook(session, progress)
        except Exception:
            log.exception("delivery progress hook for %s failed", progress.kind)
            return None

    def wants(self, kind: str) -> bool:
        """Whether a hook waits for deliveries of `kind`."""
        return kind in self._finished

    def finished(self, session: Session, delivery_id: int, kind: str, ref: str) -> None:
        """Run the hooks of `kind` for a delivery just marked done."""
        hooks = self._finished.get(kind)
        if not hooks:
            return
        done = Finished(delivery_id, kind, ref, outbox.counts(session, delivery_id))
        for hook in hooks:
            _guarded(session, hook, done)

    def migrated(self, session: Session, old: int, new: int) -> None:
        """Run the migration hooks."""
        for hook in self._migrated:
            _guarded(session, hook, old, new)


def _guarded(session: Session, hook: Callable[..., None], *args: object) -> None:
    """One hook in a savepoint: its failure costs its own writes, not the engine's."""
    try:
        with session.begin_nested():
            hook(session, *args)
    except Exception:
        log.exception("delivery hook %s failed", getattr(hook, "__qualname__", hook))
