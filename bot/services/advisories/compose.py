"""Composing an advisory: typed times, the checks a draft must pass, the unsaved advisory a
draft becomes (what the preview renders), and submitting it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from collections.abc import Sequence
from typing import Literal

from sqlmodel import Session

from bot.services.advisories.parts import Deps
from bot.services.advisories.parts import Part
from bot.services.advisories.sending import Sending
from bot.services.advisories.targets import Targets
from bot.services.advisories.types import AdvisoryError
from bot.services.advisories.types import Draft
from bot.services.advisories.types import Speaker
from bot.services.advisories.types import Submitted
from bot.services.advisories.types import Target
from bot.services.free_text import long_enough
from bot.texts.when import zone_name
from storage import queries
from storage.models import Advisory
from storage.models import AdvisoryStatus
from storage.models import Polsek
from storage.models import utcnow


def parse_when(text: str, now: dt.datetime) -> dt.datetime | None:
    """A time typed in the local zone of `now`: "2026-12-02 19:30", "02-12-2026 19:30",
    "besok 07:00", "lusa 7.30", "hari ini 21:00", "21:00" (today). None if not understood."""
    words = " ".join(text.lower().replace(",", " ").split())
    match = re.fullmatch(r"(?:(.+?)\s+)?(?:jam\s+|pukul\s+)?(\d{1,2})[:.](\d{2})", words)
    if not match:
        return None
    day_text, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        return None
    day = _parse_day(day_text or "", now.date())
    if day is None:
        return None
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=now.tzinfo)


def _parse_day(text: str, today: dt.date) -> dt.date | None:
    relative = {"": 0, "hari ini": 0, "today": 0, "nanti": 0, "besok": 1, "tomorrow": 1, "lusa": 2}
    if text in relative:
        return today + dt.timedelta(days=relative[text])
    for pattern, order in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", "dmy"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


# What a typed time is for, and the text that says it lies in the past.
PAST_KEYS = {"expiry": "adv.expiry_past", "schedule": "adv.schedule_past"}


class Composer(Part):
    """Checks drafts and turns them into advisories."""

    def __init__(self, deps: Deps, targets: Targets, sending: Sending) -> None:
        super().__init__(deps)
        self._targets = targets
        self._sending = sending

    def typed_time(self, text: str, purpose: Literal["expiry", "schedule"]) -> dt.datetime:
        """A time typed in the configured zone that lies ahead; AdvisoryError saying why not
        otherwise."""
        now = dt.datetime.now(self._messages.timezone)
        moment = parse_when(text, now)
        if moment is None:
            raise AdvisoryError("adv.time_unknown", zone=zone_name(self._messages.timezone))
        if moment <= now:
            raise AdvisoryError(PAST_KEYS[purpose], time=self._messages.when(moment))
        return moment

    def build(
        self,
        author_id: int,
        speaker: Speaker,
        draft: Draft,
        *,
        send_at: dt.datetime | None = None,
        approver: str | None = None,
    ) -> Advisory:
        """An unsaved advisory from a draft (also what the preview renders)."""
        return Advisory(
            status=AdvisoryStatus.SCHEDULED,
            level=draft.level,
            exercise=draft.exercise,
            text=draft.text,
            photo_file_id=draft.photo,
            targets=json.dumps([x.to_json() for x in draft.targets]),
            target_label=self._targets.label(draft.targets)[:512],
            author_id=author_id,
            assignment_id=speaker.key or None,
            organisation_id=speaker.organisation_id,
            source_name=speaker.source[:128],
            approver_name=approver,
            send_at=send_at,
            expires_at=draft.expires_at,
            language=self._messages.language,
        )

    async def approving_polsek(self, speaker: Speaker, targets: Sequence[Target]) -> Polsek | None:
        """The Polsek that must approve (None when the speaker needs no approval): the one
        covering the first target that has one."""
        if not speaker.needs_approval:
            return None
        for target in targets:
            if self._areas.polsek_id_of(target.area_id) is not None:
                return await self._areas.polsek_for(target.area_id)
        raise AdvisoryError("adv.no_polsek")

    def validate(self, speaker: Speaker, draft: Draft, now: dt.datetime) -> None:
        """Refuse what must not be sent: no text, no target, too many targets, a target
        outside the speaker's scope, an expiry already past."""
        if not long_enough(draft.text):
            raise AdvisoryError("adv.empty")
        self._targets.check(speaker, draft.targets)
        if draft.expires_at is not None and draft.expires_at <= now:
            raise AdvisoryError("adv.expiry_past")

    async def preview(self, author_id: int, speaker: Speaker, draft: Draft) -> Advisory:
        """The draft as an unsaved advisory, exactly as it will be delivered, after every
        check a submission makes of the draft itself."""
        self.validate(speaker, draft, utcnow())
        polsek = await self.approving_polsek(speaker, draft.targets)
        advisory = self.build(author_id, speaker, draft, approver=polsek.name if polsek else None)
        self._messages.check_length(advisory)
        return advisory

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
        """Check everything again (roles are read fresh), then in one transaction store the
        advisory and either send it, schedule it, or ask the Polsek's approval. Sent now, the
        author's message `progress_message_id` (if given) becomes its progress message.
        `source_id`: another organisation shown as the source (an education item's), approved
        as strictly as the speaker or the source needs; `also` runs in the same transaction
        (an exception there stores and sends nothing)."""
        now = utcnow()
        speaker = await self._targets.speaker(author_id, speaker_key)
        if speaker is None:
            raise AdvisoryError("adv.role_gone")
        if source_id is not None:
            speaker = await self._targets.with_source(speaker, source_id)
        self.validate(speaker, draft, now)
        if send_at is not None and send_at <= now:
            raise AdvisoryError("adv.schedule_past")
        if send_at is not None and draft.expires_at is not None and draft.expires_at <= send_at:
            raise AdvisoryError("adv.expiry_before_send")
        polsek = await self.approving_polsek(speaker, draft.targets)
        if polsek is not None and polsek.duty_chat_id is None:
            raise AdvisoryError("adv.no_duty_chat", polsek=polsek.name)
        advisory = self.build(
            author_id, speaker, draft, send_at=send_at, approver=polsek.name if polsek else None
        )
        self._messages.check_length(advisory)
        audience = await self._targets.audience(draft.targets, draft.level, speaker.organisation_id)
        if not len(audience):
            raise AdvisoryError("adv.nobody")
        author_lang = await self._users.language_of(author_id)

        def store(session: Session) -> Advisory:
            advisory.status = AdvisoryStatus.PENDING if polsek else AdvisoryStatus.SCHEDULED
            advisory.polsek_id = polsek.id if polsek else None
            advisory.recipients = len(audience)
            session.add(advisory)
            session.flush()
            assert advisory.id is not None
            queries.add_audit(
                session,
                "advisory.submit",
                actor_id=author_id,
                target=f"adv:{advisory.id}",
                details=f"{advisory.level} as {advisory.source_name} to {advisory.target_label}",
            )
            if polsek is not None:
                self._sending.ask_approval_in(session, advisory, polsek, author_name)
            elif send_at is None:
                self._sending.send_in(
                    session,
                    advisory,
                    audience,
                    author_lang,
                    progress_message_id=progress_message_id,
                )
            if also is not None:
                also(session, advisory)
            return advisory

        stored = await self._db.run(store)
        self._delivery.wake()
        return Submitted(stored, len(audience), polsek.name if polsek else None)
