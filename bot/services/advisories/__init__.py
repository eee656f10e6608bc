"""Official advisories (imbauan): who may speak for whom and where, the recipient set, what a
delivered advisory looks like, approval by the Polsek, CAP-like updates and cancellations,
acknowledgements, residents' mutes, and scheduled sending. Telegram-free.

The API (`services.advisories`, an `AdvisoryService`)::

    speakers = await advisories.speakers(user_id)           # roles to speak as (Speaker.key)
    chosen = advisories.add_target(speaker, chosen, Target(area_id))   # scope and cap checked
    advisory = await advisories.preview(user_id, speaker, draft)       # unsaved, fully checked
    advisories.payload(advisory, at=now)                    # exactly what residents will get
    submitted = await advisories.submit(user_id, speaker.key, draft, send_at=None)
    # ... the author follows it in one message: delivery.on_progress(PROGRESS_KIND, progress)
    decision = await advisories.decide(advisory_id, approver_id, name, approve=True)
    await advisories.submit_update(advisory_id, user_id, text)  # CAP Update: reply in its chats
    await advisories.cancel(advisory_id, user_id, reason)       # CAP Cancel: struck through
    await advisories.send_due(advisory_id)                  # a scheduled one, when its time came
    await advisories.acknowledge(advisory_id, user_id)      # "Sudah dibaca" under Darurat
    advisories.targets / advisories.messages                # labels, audiences; rendering

Refusals raise `AdvisoryError` (a `UserFacingError`: `.text(lang)` says why); `OutOfScope` is
the one a front end also audits. Buttons are `callbacks.*` (formats of buttons already sent).

Modules: types (values, errors), targets (speakers, scope, cap, audience), compose (drafts,
typed times, submission), sending (broadcast, approval request, scheduled), approval,
corrections (CAP Update/Cancel), residents (acks, mutes, lists), messages (rendering),
callbacks (buttons), parts (shared dependencies). SQL: storage/advisories.py.

Rules:
- Every state change and the messages it causes commit in one transaction (the delivery
  engine's `*_in` methods), guarded by a conditional UPDATE on the advisory's status: an
  advisory is sent once, decided once, cancelled once, whichever process or approver is first.
- A target lies within the speaker's role; at most `MAX_TARGETS` (20) targets.
- Roles are read fresh at submission: an author who lost the role sends nothing.
- Info advisories skip people who muted the organisation; Waspada and Darurat never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Literal

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.delivery import Progress
from bot.services.advisories.approval import Approval
from bot.services.advisories.compose import Composer
from bot.services.advisories.compose import parse_when
from bot.services.advisories.corrections import Corrections
from bot.services.advisories.messages import Messages
from bot.services.advisories.parts import Deps
from bot.services.advisories.residents import Readers
from bot.services.advisories.sending import PROGRESS_KIND
from bot.services.advisories.sending import Sending
from bot.services.advisories.targets import Targets
from bot.services.advisories.types import LEVELS
from bot.services.advisories.types import MAX_TARGETS
from bot.services.advisories.types import ROLE_GROUPS
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Audience
from bot.services.advisories.types import Decision
from bot.services.advisories.types import Draft
from bot.services.advisories.types import OutOfScope
from bot.services.advisories.types import Speaker
from bot.services.advisories.types import Submitted
from bot.services.advisories.types import Summary
from bot.services.advisories.types import Target
from bot.services.areas import AreaService
from bot.services.areas import SubscriptionService
from bot.services.roles import RoleService
from bot.services.users import UserService
from storage import advisories as q
from storage.db import Database
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import Organisation


class AdvisoryService:
    """Compose, approve, send, correct and read advisories (the bot's handlers call this)."""

    def __init__(
        self,
        db: Database,
        *,
        areas: AreaService,
        subscriptions: SubscriptionService,
        roles: RoleService,
        users: UserService,
        delivery: DeliveryService,
        timezone: dt.tzinfo,
        language: str,
    ) -> None:
        self._db = db
        # Badges are in the deployment's language: one message goes to every recipient.
        self.messages = Messages(timezone=timezone, language=language)
        deps = Deps(db, areas, subscriptions, roles, users, delivery, self.messages)
        self.targets = Targets(deps)
        self._sending = Sending(deps, self.targets)
        self._composer = Composer(deps, self.targets, self._sending)
        self._approval = Approval(deps, self._sending)
        self._corrections = Corrections(deps, self._sending)
        self._readers = Readers(deps)

    # --- composing ---------------------------------------------------------------------------

    async def speakers(self, user_id: int) -> list[Speaker]:
        """The roles `user_id` may issue advisories as, one per organisation."""
        return await self.targets.speakers(user_id)

    async def speaker(self, user_id: int, key: int) -> Speaker | None:
        """The speaker `key` of `user_id`, if they still hold that role."""
        return await self.targets.speaker(user_id, key)

    def add_target(
        self, speaker: Speaker, chosen: Sequence[Target], target: Target
    ) -> list[Target]:
        """`chosen` with `target` added; AdvisoryError (OutOfScope) if it may not be."""
        return self.targets.add(speaker, chosen, target)

    async def audience(
        self, targets: Iterable[Target], level: AdvisoryLevel, organisation_id: int | None
    ) -> Audience:
        """The chats an advisory to `targets` reaches, each once."""
        return await self.targets.audience(targets, level, organisation_id)

    def build(
        self,
        author_id: int,
        speaker: Speaker,
        draft: Draft,
        *,
        send_at: dt.datetime | None = None,
        approver: str | None = None,
    ) -> Advisory:
        """An unsaved advisory from a draft."""
        return self._composer.build(author_id, speaker, draft, send_at=send_at, approver=approver)

    async def preview(self, author_id: int, speaker: Speaker, draft: Draft) -> Advisory:
        """The draft as an unsaved advisory, checked as a submission checks it."""
        return await self._composer.preview(author_id, speaker, draft)

    def render(self, advisory: Advisory, *, at: dt.datetime, parent: Advisory | None = None) -> str:
        """The advisory's text as every recipient sees it."""
        return self.messages.render(advisory, at=at, parent=parent)

    def payload(self, advisory: Advisory, *, at: dt.datetime) -> Payload:
        """The message the delivery engine sends (the author's preview shows the same)."""
        return self.messages.payload(advisory, at=at)

    async def submit(
        self,
        author_id: int,
        speaker_key: int,
        draft: Draft,
        *,
        send_at: dt.datetime | None = None,
        author_name: str = "",
        progress_message_id: int | None = None,
        source_id: int | None = None,
        also: Callable[[Session, Advisory], None] | None = None,
    ) -> Submitted:
        """Check everything again, then send, schedule, or ask the Polsek's approval; sent
        now, the author's message `progress_message_id` turns into its progress message.
        `source_id` shows another organisation as the source (approved as strictly as either
        needs); `also(session, advisory)` runs in the same transaction (education series)."""
        return await self._composer.submit(
            author_id,
            speaker_key,
            draft,
            send_at=send_at,
            author_name=author_name,
            progress_message_id=progress_message_id,
            source_id=source_id,
            also=also,
        )

    def typed_time(self, text: str, purpose: Literal["expiry", "schedule"]) -> dt.datetime:
        """A time typed in the configured zone ("besok 07:00", ...) that lies ahead, or
        AdvisoryError."""
        return self._composer.typed_time(text, purpose)

    # --- approval and sending ----------------------------------------------------------------

    async def get(self, advisory_id: int) -> Advisory | None:
        """One advisory."""
        return await self._db.run(q.get, advisory_id=advisory_id)

    async def decide(
        self,
        advisory_id: int,
        approver_id: int,
        approver_name: str,
        *,
        approve: bool,
        reason: str = "",
    ) -> Decision:
        """Approve (send or schedule) or reject a pending advisory, once."""
        return await self._approval.decide(
            advisory_id, approver_id, approver_name, approve=approve, reason=reason
        )

    def progress(self, session: Session, progress: Progress) -> str | None:
        """The author's progress text of an advisory being sent (the delivery engine's
        `on_progress` hook for `PROGRESS_KIND`)."""
        return self._sending.progress(session, progress)

    async def scheduled(self) -> Sequence[Advisory]:
        """Advisories waiting for their time (the JobQueue is rebuilt from these)."""
        return await self._sending.scheduled()

    async def send_due(self, advisory_id: int) -> bool:
        """Send a scheduled advisory whose time has come; True if this call sent it."""
        return await self._sending.send_due(advisory_id)

    # --- corrections -------------------------------------------------------------------------

    async def check_updatable(self, advisory_id: int, user_id: int) -> Advisory:
        """The advisory `user_id` may update now, or AdvisoryError saying why not."""
        return await self._corrections.check_updatable(advisory_id, user_id)

    async def check_cancellable(self, advisory_id: int) -> None:
        """AdvisoryError if the advisory was withdrawn already."""
        await self._corrections.check_cancellable(advisory_id)

    async def submit_update(
        self, advisory_id: int, user_id: int, text: str, *, author_name: str = ""
    ) -> Submitted:
        """An update to a sent advisory, a reply to it in exactly its chats."""
        return await self._corrections.submit_update(
            advisory_id, user_id, text, author_name=author_name
        )

    async def cancel(self, advisory_id: int, user_id: int, reason: str) -> AdvisoryStatus:
        """Withdraw an advisory; returns the status it had."""
        return await self._corrections.cancel(advisory_id, user_id, reason)

    # --- readers -----------------------------------------------------------------------------

    async def acknowledge(self, advisory_id: int, user_id: int) -> bool | None:
        """Record "Sudah dibaca": True if new, False if said before, None if no such Darurat."""
        return await self._readers.acknowledge(advisory_id, user_id)

    async def mine(self, user_id: int) -> list[Summary]:
        """The author's newest advisories with read and update counts (admins: everyone's)."""
        return await self._readers.mine(user_id)

    async def history(self, user_id: int) -> list[Advisory]:
        """The newest advisories sent to the areas the person follows."""
        return await self._readers.history(user_id)

    async def organisations_for(self, user_id: int) -> tuple[list[Organisation], set[int]]:
        """The organisations a resident can mute, and which are muted."""
        return await self._readers.organisations_for(user_id)

    async def toggle_mute(self, user_id: int, organisation_id: int) -> bool | None:
        """Mute or unmute an organisation's Info advisories; the new state (None: unknown)."""
        return await self._readers.toggle_mute(user_id, organisation_id)


__all__ = [
    "LEVELS",
    "MAX_TARGETS",
    "PROGRESS_KIND",
    "ROLE_GROUPS",
    "AdvisoryError",
    "AdvisoryService",
    "Audience",
    "Decision",
    "Draft",
    "OutOfScope",
    "Speaker",
    "Submitted",
    "Summary",
    "Target",
    "parse_when",
]
