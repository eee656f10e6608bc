"""The Polsek's decision on a pending advisory (or update): approved, it is sent or scheduled;
rejected, the author is told why. Decided once, whoever presses first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from bot.services.advisories.parts import Deps
from bot.services.advisories.parts import Part
from bot.services.advisories.sending import Sending
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Audience
from bot.services.advisories.types import Decision
from storage import advisories as q
from storage import queries
from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import utcnow

PENDING = (AdvisoryStatus.PENDING,)


class Approval(Part):
    """Approves or rejects pending advisories."""

    def __init__(self, deps: Deps, sending: Sending) -> None:
        super().__init__(deps)
        self._sending = sending

    async def decide(
        self,
        advisory_id: int,
        approver_id: int,
        approver_name: str,
        *,
        approve: bool,
        reason: str = "",
    ) -> Decision:
        """Approve (send or schedule) or reject a pending advisory, once: a second press, by
        anyone, changes nothing and says who decided."""
        advisory = await self._db.run(q.get, advisory_id=advisory_id)
        if advisory is None:
            raise AdvisoryError("adv.unknown")
        if advisory.status is not AdvisoryStatus.PENDING:
            return Decision(advisory, False)
        audience = None
        if approve and advisory.parent_id is None:
            audience = await self._sending.audience_of(advisory)
        author_lang = await self._users.language_of(advisory.author_id)

        def store(session: Session) -> Decision:
            current = q.get(session, advisory_id=advisory_id)
            assert current is not None
            if approve:
                done = self._approve_in(
                    session, current, audience, author_lang, approver_id, approver_name
                )
            else:
                done = self._reject_in(session, current, approver_id, approver_name, reason)
            after = q.get(session, advisory_id=advisory_id)
            assert after is not None
            if done is not None:
                # Sent now, an advisory's progress message tells its author it was approved.
                sent = after.status is AdvisoryStatus.SENT and after.parent_id is None
                self._decided_in(session, after, *done, author_lang, tell_author=not sent)
            return Decision(after, done is not None)

        decision = await self._db.run(store)
        self._delivery.wake()
        return decision

    def _approve_in(
        self,
        session: Session,
        advisory: Advisory,
        audience: Audience | None,
        author_lang: str,
        approver_id: int,
        approver_name: str,
    ) -> tuple[str, str, str] | None:
        """Send or schedule it; None if somebody decided first, else (text key, approver,
        reason) of what the duty chat and the author are told."""
        assert advisory.id is not None
        now = utcnow()
        decided = _decided(approver_id, approver_name, now)
        parent = q.get(session, advisory_id=advisory.parent_id) if advisory.parent_id else None
        if parent is not None and parent.status is AdvisoryStatus.CANCELLED:
            # The original was withdrawn meanwhile: its update must not go out.
            if not q.transition(
                session,
                advisory_id=advisory.id,
                from_statuses=PENDING,
                status=AdvisoryStatus.CANCELLED,
                cancelled_at=now,
                cancel_reason="original cancelled",
                **decided,
            ):
                return None
            return "adv.approval_parent_cancelled", approver_name, ""
        if advisory.send_at is not None and advisory.send_at > now:
            changed = q.transition(
                session,
                advisory_id=advisory.id,
                from_statuses=PENDING,
                status=AdvisoryStatus.SCHEDULED,
                **decided,
            )
        else:
            changed = self._sending.send_in(session, advisory, audience, author_lang, **decided)
        if not changed:
            return None
        queries.add_audit(
            session,
            "advisory.approve",
            actor_id=approver_id,
            target=f"adv:{advisory.id}",
            details=advisory.source_name,
        )
        return "adv.approved", approver_name, ""

    def _reject_in(
        self,
        session: Session,
        advisory: Advisory,
        approver_id: int,
        approver_name: str,
        reason: str,
    ) -> tuple[str, str, str] | None:
        """Reject it; None if somebody decided first."""
        assert advisory.id is not None
        if not q.transition(
            session,
            advisory_id=advisory.id,
            from_statuses=PENDING,
            status=AdvisoryStatus.REJECTED,
            reject_reason=reason[:1000],
            **_decided(approver_id, approver_name, utcnow()),
        ):
            return None
        queries.add_audit(
            session,
            "advisory.reject",
            actor_id=approver_id,
            target=f"adv:{advisory.id}",
            details=reason[:500],
        )
        return "adv.rejected", approver_name, reason

    def _decided_in(
        self,
        session: Session,
        advisory: Advisory,
        key: str,
        approver: str,
        reason: str,
        author_lang: str,
        *,
        tell_author: bool = True,
    ) -> None:
        """Mark the request in the duty chat as decided (buttons gone) and tell the author."""
        if advisory.approval_delivery_id is not None:
            self._delivery.edit_in(
                session,
                advisory.approval_delivery_id,
                self._messages.decided_request(advisory, key, approver, reason),
            )
        if tell_author:
            note = self._messages.decided_note(advisory, key, approver, reason, author_lang)
            self._sending.note_in(session, advisory.author_id, note)


def _decided(approver_id: int, approver_name: str, now: dt.datetime) -> dict[str, Any]:
    """Who decided, and when (the columns every decision sets)."""
    return {"decided_by": approver_id, "decided_by_name": approver_name[:256], "decided_at": now}
