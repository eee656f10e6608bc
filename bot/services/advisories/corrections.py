"""Corrections, as CAP has them: an Update replies to a sent advisory in exactly the chats that
got it; a Cancel withdraws an advisory (not sent yet: it never goes out; sent: every copy is
struck through and a notice replies to it)."""

from __future__ import annotations

from sqlmodel import Session

from bot.services.advisories.parts import Deps
from bot.services.advisories.parts import Part
from bot.services.advisories.sending import Sending
from bot.services.advisories.types import LIVE
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Submitted
from bot.services.advisories.types import updatable
from bot.services.free_text import long_enough
from storage import advisories as q
from storage import outbox
from storage import queries
from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import Organisation
from storage.models import Polsek
from storage.models import utcnow


class Corrections(Part):
    """Updates and cancellations of an author's advisories."""

    def __init__(self, deps: Deps, sending: Sending) -> None:
        super().__init__(deps)
        self._sending = sending

    async def _own(self, advisory_id: int, user_id: int) -> Advisory:
        advisory = await self._db.run(q.get, advisory_id=advisory_id)
        if advisory is None or advisory.parent_id is not None:
            raise AdvisoryError("adv.unknown")
        if advisory.author_id != user_id and not await self._roles.is_admin(user_id):
            raise AdvisoryError("adv.not_yours", id=advisory_id)
        return advisory

    async def check_updatable(self, advisory_id: int, user_id: int) -> Advisory:
        """The advisory `user_id` may update now, or AdvisoryError saying why not."""
        advisory = await self._own(advisory_id, user_id)
        if advisory.status is AdvisoryStatus.CANCELLED:
            raise AdvisoryError("adv.update_cancelled", id=advisory_id)
        if not updatable(advisory):
            raise AdvisoryError("adv.update_not_sent", id=advisory_id)
        await self._refuse_compacted(advisory)
        return advisory

    async def _refuse_compacted(self, advisory: Advisory) -> None:
        """Retention removed who got this advisory (RETENTION_DELIVERY_DAYS after it went out):
        an update or a withdrawal could no longer reach those chats, so it is refused."""
        if advisory.status is not AdvisoryStatus.SENT or advisory.delivery_id is None:
            return
        delivery = await self._db.run(outbox.get_delivery, advisory.delivery_id)
        if delivery is not None and delivery.compacted_at is not None:
            raise AdvisoryError("adv.too_old", id=advisory.id)

    async def check_cancellable(self, advisory_id: int) -> None:
        """Refuse at once to withdraw what was withdrawn already (before asking why)."""
        advisory = await self._db.run(q.get, advisory_id=advisory_id)
        if advisory is not None and advisory.status is AdvisoryStatus.CANCELLED:
            raise AdvisoryError("adv.already_cancelled", id=advisory_id)

    async def submit_update(
        self, advisory_id: int, user_id: int, text: str, *, author_name: str = ""
    ) -> Submitted:
        """An update to a sent advisory: a reply to the original in exactly the chats that got
        it; it needs approval when the original's organisation does."""
        original = await self.check_updatable(advisory_id, user_id)
        if not long_enough(text):
            raise AdvisoryError("adv.empty")

        def read(session: Session) -> tuple[Organisation | None, Polsek | None]:
            return (
                q.organisation(session, organisation_id=original.organisation_id),
                q.polsek(session, polsek_id=original.polsek_id),
            )

        organisation, polsek = await self._db.run(read)
        needs = bool(organisation and organisation.needs_approval)
        if needs and (polsek is None or polsek.duty_chat_id is None):
            raise AdvisoryError("adv.no_duty_chat", polsek=polsek.name if polsek else "Polsek")
        update = Advisory(
            parent_id=original.id,
            status=AdvisoryStatus.PENDING if needs else AdvisoryStatus.SCHEDULED,
            level=original.level,
            exercise=original.exercise,
            text=text,
            targets=original.targets,
            target_label=original.target_label,
            author_id=user_id,
            assignment_id=original.assignment_id,
            organisation_id=original.organisation_id,
            source_name=original.source_name,
            approver_name=original.approver_name,
            polsek_id=polsek.id if needs and polsek else None,
            recipients=original.recipients,
            language=original.language,
        )
        self._messages.check_length(update, parent=original)
        author_lang = await self._users.language_of(user_id)

        def store(session: Session) -> Advisory:
            parent = q.get(session, advisory_id=advisory_id)
            if parent is None or parent.status is not AdvisoryStatus.SENT:
                raise AdvisoryError("adv.update_cancelled", id=advisory_id)
            session.add(update)
            session.flush()
            queries.add_audit(
                session,
                "advisory.update",
                actor_id=user_id,
                target=f"adv:{update.id}",
                details=f"update of adv:{advisory_id}",
            )
            if needs and polsek is not None:
                self._sending.ask_approval_in(session, update, polsek, author_name)
            else:
                self._sending.send_in(session, update, None, author_lang)
            return update

        stored = await self._db.run(store)
        self._delivery.wake()
        return Submitted(stored, original.recipients, polsek.name if needs and polsek else None)

    async def cancel(self, advisory_id: int, user_id: int, reason: str) -> AdvisoryStatus:
        """Withdraw an advisory (CAP's Cancel; no approval needed to withdraw): not sent yet, it
        never goes out; sent, every delivered copy is marked and struck through and a notice
        replies to it, in exactly those chats. Returns the status it had."""
        advisory = await self._own(advisory_id, user_id)
        if advisory.status is AdvisoryStatus.CANCELLED:
            raise AdvisoryError("adv.already_cancelled", id=advisory_id)
        if advisory.status in (AdvisoryStatus.REJECTED, AdvisoryStatus.EXPIRED):
            raise AdvisoryError("adv.cancel_inactive", id=advisory_id)
        await self._refuse_compacted(advisory)
        now = utcnow()

        def store(session: Session) -> AdvisoryStatus:
            current = q.get(session, advisory_id=advisory_id)
            assert current is not None
            before = AdvisoryStatus(current.status)
            if not q.transition(
                session,
                advisory_id=advisory_id,
                from_statuses=LIVE,
                status=AdvisoryStatus.CANCELLED,
                cancelled_at=now,
                cancel_reason=reason[:1000],
            ):
                raise AdvisoryError("adv.already_cancelled", id=advisory_id)
            lang = current.language or self._messages.language
            if before is AdvisoryStatus.SENT and current.delivery_id is not None:
                self._delivery.cancel_in(session, current.delivery_id)
                self._delivery.edit_in(
                    session, current.delivery_id, self._messages.cancelled(current, now)
                )
                self._delivery.follow_up_in(
                    session,
                    current.delivery_id,
                    self._messages.cancel_notice(current, now, reason),
                    kind="advisory_cancel",
                )
            if before is AdvisoryStatus.PENDING and current.approval_delivery_id is not None:
                self._delivery.edit_in(
                    session,
                    current.approval_delivery_id,
                    self._messages.withdrawn_request(current, lang),
                )
            for pending in q.updates_of(session, advisory_id=advisory_id):
                if pending.status is not AdvisoryStatus.PENDING or pending.id is None:
                    continue
                q.transition(
                    session,
                    advisory_id=pending.id,
                    from_statuses=(AdvisoryStatus.PENDING,),
                    status=AdvisoryStatus.CANCELLED,
                    cancelled_at=now,
                )
                if pending.approval_delivery_id is not None:
                    self._delivery.edit_in(
                        session,
                        pending.approval_delivery_id,
                        self._messages.withdrawn_request(pending, lang),
                    )
            queries.add_audit(
                session,
                "advisory.cancel",
                actor_id=user_id,
                target=f"adv:{advisory_id}",
                details=reason[:500],
            )
            return before

        before = await self._db.run(store)
        self._delivery.wake()
        return before
