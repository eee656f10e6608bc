"""The live tally of a call: its text, and the pacing of its edits.

Every answer raises the call's `revision`; a tally message whose `shown_revision` is older is
due for an edit. Edits are paced per chat, not per call (Telegram's limits are per chat): at
most one in flight per chat, at most one per TALLY_EVERY_PRIVATE / TALLY_EVERY_GROUP seconds,
never to the text already shown, and the last one always lands (the final tally is exact).
Which tallies are stale is in the database, so a restart resumes the edits still due."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from sqlmodel import Session

from bot.services.siaga import messages
from bot.services.siaga.core import Core
from bot.services.siaga.types import TALLY_EVERY_GROUP
from bot.services.siaga.types import TALLY_EVERY_PRIVATE
from bot.services.siaga.types import Tally
from bot.services.siaga.types import TallyEdit
from bot.services.users import display_names
from storage import siaga as store
from storage.models import SiagaCall


def render(core: Core, session: Session, call: SiagaCall, lang: str) -> Tally:
    """The tally of a call as it stands, in `lang`."""
    assert call.id is not None
    people = store.recipients_of(session, call_id=call.id)
    answered = [p.user_id for p in people if p.answer is not None]
    names = display_names(session, answered)
    shown = messages.tally(lang, core.tz, core.view(session, call), people, names)
    return replace(shown, revision=call.revision)


def next_edit(core: Core, session: Session, chat_id: int) -> TallyEdit | None:
    """The stale tally in `chat_id` to edit next (the oldest call first), rendered."""
    for row, revision in store.stale_tallies(session, chat_id=chat_id):
        call = store.call(session, call_id=row.call_id)
        if call is None or row.message_id is None or row.id is None:
            continue
        lang = chat_language(core, call, chat_id)
        shown = render(core, session, call, lang)
        return TallyEdit(
            tally_id=row.id,
            call_id=row.call_id,
            chat_id=chat_id,
            message_id=row.message_id,
            revision=revision,
            tally=shown,
            needed=shown.digest != row.shown_digest,
            lang=lang,
        )
    return None


def chat_language(core: Core, call: SiagaCall, chat_id: int) -> str:
    """The caller's language in their chat, the deployment's in a duty chat."""
    return call.language if chat_id == call.caller_id else core.settings.language


def every(chat_id: int) -> float:
    """Seconds between two tally edits in a chat (groups have negative ids)."""
    return TALLY_EVERY_GROUP if chat_id < 0 else TALLY_EVERY_PRIVATE


@dataclass
class Pacer:
    """Per chat, in this process: when its last tally edit went, whether one is running, and
    whether more became due while it ran. Telegram-free; `clock` is monotonic seconds."""

    clock: Callable[[], float] = time.monotonic
    # Seconds between two edits in a chat (tests may shorten it).
    gap: Callable[[int], float] = every
    last: dict[int, float] = field(default_factory=dict)
    running: set[int] = field(default_factory=set)
    again: set[int] = field(default_factory=set)
    # Edits sent, per chat (a bench counts them per minute).
    edits: dict[int, list[float]] = field(default_factory=dict)

    def due_in(self, chat_id: int) -> float:
        """Seconds until the chat may have its next edit."""
        last = self.last.get(chat_id)
        if last is None:
            return 0.0
        return max(0.0, last + self.gap(chat_id) - self.clock())

    def start(self, chat_id: int) -> bool:
        """Begin an edit round in the chat (False: one is running; it will go again)."""
        if chat_id in self.running:
            self.again.add(chat_id)
            return False
        self.running.add(chat_id)
        return True

    def edited(self, chat_id: int) -> None:
        now = self.clock()
        self.last[chat_id] = now
        self.edits.setdefault(chat_id, []).append(now)

    def finish(self, chat_id: int) -> bool:
        """End the round; True when more became due meanwhile (schedule another)."""
        self.running.discard(chat_id)
        if chat_id in self.again:
            self.again.discard(chat_id)
            return True
        return False
