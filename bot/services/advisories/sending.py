"""Putting an advisory on its way: the broadcast (or, for an update, the reply to the original
in exactly its chats), the request for the Polsek's approval, and scheduled sending."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from bot.delivery import Payload
from bot.delivery import Progress
from bot.services.advisories.parts import Deps
from bot.services.advisories.parts import Part
from bot.services.advisories.targets import Targets
from bot.services.advisories.types import Audience
from bot.services.advisories.types import Target
from bot.services.advisories.types import style
from bot.texts import t
from storage import advisories as q
from storage import queries
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import Polsek
from storage.models import utcnow

# The delivery of an advisory to its audience (its ref: "adv:<id>"); its author follows it in
# one progress message the advisories write (`Sending.progress`).
PROGRESS_KIND = "advisory"
REF_PREFIX = "adv:"


class Sending(Part):
    """Sends, or asks approval for, an advisory inside the caller's transaction; sends
    scheduled ones when their time comes."""

    def __init__(self, deps: Deps, targets: Targets) -> None:
        super().__init__(deps)
        self._targets = targets

    def note_in(self, session: Session, user_id: int, payload: Payload) -> None:
        """A direct note to an author, in the caller's transaction."""
        self._delivery.send_direct_in(session, user_id, payload, kind="advisory_note")

    def ask_approval_in(
        self, session: Session, advisory: Advisory, polsek: Polsek, author_name: str
    ) -> None:
        """The advisory as it will look, then the request with Setujui / Tolak, in the duty
        chat of the approving Polsek."""
        assert polsek.duty_chat_id is not None and advisory.id is not None
        parent = q.get(session, advisory_id=advisory.parent_id) if advisory.parent_id else None
        ref = f"adv:{advisory.id}"
        self._delivery.send_direct_in(
            session,
            polsek.duty_chat_id,
            self._messages.approval_preview(advisory, parent),
            kind="advisory_preview",
            ref=ref,
        )
        request = self._messages.approval_request(advisory, parent, author_name)
        advisory.approval_chat_id = polsek.duty_chat_id
        advisory.approval_delivery_id = self._delivery.send_direct_in(
            session, polsek.duty_chat_id, request, kind="advisory_approval", ref=ref
        )
        session.add(advisory)

    def send_in(
        self,
        session: Session,
        advisory: Advisory,
        audience: Audience | None,
        author_lang: str,
        *,
        progress_message_id: int | None = None,
        **decided: Any,
    ) -> bool:
        """SCHEDULED or PENDING -> SENT and the messages, in the caller's transaction; False if
        another process or approver got there first (nothing is sent then).

        The author follows it in one progress message (`progress`), the bot's message
        `progress_message_id` when given (the preview's, whose button sent it), else a new
        one; an update is told by whoever put it on its way (the handler, or the approval)."""
        assert advisory.id is not None
        now = utcnow()
        parent = q.get(session, advisory_id=advisory.parent_id) if advisory.parent_id else None
        payload = self._messages.payload(advisory, at=now, parent=parent)
        from_statuses = (AdvisoryStatus.SCHEDULED, AdvisoryStatus.PENDING)
        values: dict[str, Any] = {"status": AdvisoryStatus.SENT, "sent_at": now, **decided}
        if not q.transition(
            session, advisory_id=advisory.id, from_statuses=from_statuses, **values
        ):
            return False
        if parent is not None and parent.delivery_id is not None:
            # CAP's Update: a reply to the original, in exactly the chats that received it.
            delivery_id = self._delivery.follow_up_in(
                session, parent.delivery_id, payload, kind="advisory_update"
            )
        else:
            assert audience is not None
            delivery_id = self._delivery.enqueue_in(
                session,
                audience.chats,
                payload,
                style(advisory.level).priority,
                kind=PROGRESS_KIND,
                ref=f"{REF_PREFIX}{advisory.id}",
                created_by=advisory.author_id,
                progress_chat_id=advisory.author_id,
                progress_message_id=progress_message_id,
                language=author_lang,
            )
        q.transition(
            session,
            advisory_id=advisory.id,
            from_statuses=(AdvisoryStatus.SENT,),
            delivery_id=delivery_id,
            recipients=len(audience) if audience is not None else advisory.recipients,
        )
        queries.add_audit(
            session,
            "advisory.send",
            actor_id=advisory.author_id,
            target=f"adv:{advisory.id}",
            details=f"delivery {delivery_id}",
        )
        return True

    def progress(self, session: Session, progress: Progress) -> str | None:
        """The author's progress text of an advisory's delivery (the delivery engine's
        `on_progress` hook for `PROGRESS_KIND`, run in its transaction); None for a delivery
        of that kind that is no advisory's (the engine's own text then)."""
        number = progress.ref.removeprefix(REF_PREFIX)
        advisory = q.get(session, advisory_id=int(number)) if number.isdigit() else None
        if advisory is None or advisory.delivery_id != progress.delivery_id:
            return None
        return self._messages.progress(
            advisory, progress.delivery_id, progress.counts, progress.language, progress.done
        )

    async def audience_of(self, advisory: Advisory) -> Audience:
        """The chats a stored advisory reaches now."""
        targets = [Target.from_json(x) for x in json.loads(advisory.targets)]
        return await self._targets.audience(
            targets, AdvisoryLevel(advisory.level), advisory.organisation_id
        )

    # --- scheduled ---------------------------------------------------------------------------

    async def scheduled(self) -> Sequence[Advisory]:
        """Advisories waiting for their time (the JobQueue is rebuilt from these)."""
        return await self._db.run(q.scheduled)

    async def send_due(self, advisory_id: int) -> bool:
        """Send a scheduled advisory whose time has come; True if this call sent it (never
        twice: the status changes in the same transaction as the enqueue)."""
        advisory = await self._db.run(q.get, advisory_id=advisory_id)
        if advisory is None or advisory.status is not AdvisoryStatus.SCHEDULED:
            return False
        author_lang = await self._users.language_of(advisory.author_id)
        now = utcnow()
        if advisory.expires_at is not None and advisory.expires_at <= now:

            def expire(session: Session) -> bool:
                if not q.transition(
                    session,
                    advisory_id=advisory_id,
                    from_statuses=(AdvisoryStatus.SCHEDULED,),
                    status=AdvisoryStatus.EXPIRED,
                ):
                    return False
                note = t(author_lang, "adv.expired_author", id=advisory_id)
                self.note_in(session, advisory.author_id, Payload.message(note))
                return True

            await self._db.run(expire)
            self._delivery.wake()
            return False
        audience = await self.audience_of(advisory)

        def send(session: Session) -> bool:
            current = q.get(session, advisory_id=advisory_id)
            return current is not None and self.send_in(session, current, audience, author_lang)

        sent = await self._db.run(send)
        self._delivery.wake()
        return sent
