"""Education series: one item every N days at a time of day to a desa or kecamatan, each sent
as an Info advisory through the advisory service (its approval rule, its mutes), exactly once.

Sending an item is one transaction: the advisory (sent, or waiting for the Polsek's approval),
the series moved one step on by a conditional update, and the send recorded with a unique
(series, position). Whoever is second (a restart, a second process) stores nothing. A moment
missed while the bot was down sends once; the next one is N days after that send."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.delivery import DeliveryService
from bot.delivery import Payload
from bot.services.advisories import AdvisoryError
from bot.services.advisories import AdvisoryService
from bot.services.advisories import Draft
from bot.services.advisories import Speaker
from bot.services.advisories import Target
from bot.services.areas import AreaService
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import allowed
from bot.services.edukasi.types import EVERY_DAYS_MAX
from bot.services.edukasi.types import EVERY_DAYS_MIN
from bot.services.edukasi.types import SERIES_MAX_ITEMS
from bot.services.edukasi.types import EdukasiError
from bot.services.edukasi.types import SeriesPlan
from bot.services.roles import RoleService
from bot.texts import t
from storage import edukasi as q
from storage import queries
from storage.db import Database
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.models import AreaLevel
from storage.models import AttachmentKind
from storage.models import EducationItem
from storage.models import EducationSeries
from storage.models import Role
from storage.models import SeriesStatus
from storage.models import utcnow

_TIME = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*$")


class _Raced(Exception):
    """Somebody else sent this item first: roll everything back."""


@dataclass(frozen=True)
class SendOutcome:
    """What a run of a series' job did, and when it is due again (None: not any more)."""

    sent: bool
    next_at: dt.datetime | None
    advisory_id: int | None = None


class Series:
    """Planning, sending, pausing and stopping education series."""

    def __init__(
        self,
        db: Database,
        *,
        areas: AreaService,
        roles: RoleService,
        advisories: AdvisoryService,
        delivery: DeliveryService,
        timezone: dt.tzinfo,
        language: str,
    ) -> None:
        self._db = db
        self._areas = areas
        self._roles = roles
        self._advisories = advisories
        self._delivery = delivery
        self.timezone = timezone
        self.language = language

    # --- planning ------------------------------------------------------------------------------

    def areas_for(self, holdings: Sequence[Holding]) -> list[int]:
        """The desa and kecamatan the manager's roles name where they may plan (buttons)."""
        levels = (AreaLevel.DESA, AreaLevel.KECAMATAN)
        return self._roles.areas_named(holdings, Action.MANAGE_EDUCATION, levels)

    def area_name(self, area_id: int) -> str:
        entry = self._areas.get(area_id)
        if entry is None:
            return f"#{area_id}"
        return self._areas.label(entry, with_parent=entry.level == AreaLevel.DESA)

    async def may_plan(self, user_id: int, area_id: int) -> bool:
        place = self._roles.place(area_id=area_id)
        return await self._roles.allowed(user_id, Action.MANAGE_EDUCATION, place)

    async def speaker(self, user_id: int, area_id: int) -> Speaker | None:
        """The role the series speaks as: the first that may manage education there (an
        advisory's speaker, so it goes out under that role's approval rule)."""
        place = self._roles.place(area_id=area_id)
        for speaker in await self._advisories.speakers(user_id):
            if allowed([speaker.holding], Action.MANAGE_EDUCATION, place):
                return speaker
        return None

    @staticmethod
    def parse_every(text: str) -> int:
        digits = re.sub(r"\D", "", text)
        days = int(digits) if digits and len(digits) < 4 else 0
        if not EVERY_DAYS_MIN <= days <= EVERY_DAYS_MAX:
            raise EdukasiError("edukasi.every_range", least=EVERY_DAYS_MIN, most=EVERY_DAYS_MAX)
        return days

    @staticmethod
    def parse_time(text: str) -> str:
        match = _TIME.match(text)
        if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise EdukasiError("edukasi.time_unknown")
        return f"{int(match.group(1)):02d}:{match.group(2)}"

    def first_at(self, send_time: str, now: dt.datetime) -> dt.datetime:
        """The first moment at `send_time` (WIB) after `now`: today, or else tomorrow."""
        local = now.astimezone(self.timezone)
        moment = self._at(local.date(), send_time)
        return moment if moment > now else self._at(local.date() + dt.timedelta(days=1), send_time)

    def _at(self, day: dt.date, send_time: str) -> dt.datetime:
        hour, minute = (int(x) for x in send_time.split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), self.timezone).astimezone(dt.UTC)

    def next_after(self, series: EducationSeries, now: dt.datetime) -> dt.datetime:
        """The moment after the one just sent: N days on; after downtime that skipped moments,
        N days after today (a missed moment is sent once, not once per period)."""
        step = dt.timedelta(days=series.every_days)
        candidate = series.next_at + step
        if candidate > now:
            return candidate
        return self._at(now.astimezone(self.timezone).date() + step, series.send_time)

    async def plan(self, user_id: int, plan: SeriesPlan, lang: str) -> EducationSeries:
        """Store a series (checked again: the role, the area, the items)."""
        if not plan.item_ids:
            raise EdukasiError("edukasi.series_no_items")
        if len(plan.item_ids) > SERIES_MAX_ITEMS:
            raise EdukasiError("edukasi.series_too_many", limit=SERIES_MAX_ITEMS)
        if not EVERY_DAYS_MIN <= plan.every_days <= EVERY_DAYS_MAX:
            raise EdukasiError("edukasi.every_range", least=EVERY_DAYS_MIN, most=EVERY_DAYS_MAX)
        speaker = await self.speaker(user_id, plan.area_id)
        if speaker is None:
            raise EdukasiError("edukasi.out_of_scope", area=self.area_name(plan.area_id))
        now = utcnow()

        def store(session: Session) -> EducationSeries:
            series = q.add_series(
                session,
                series=EducationSeries(
                    area_id=plan.area_id,
                    every_days=plan.every_days,
                    send_time=plan.send_time,
                    next_at=self.first_at(plan.send_time, now),
                    created_by=user_id,
                    speaker_key=speaker.key,
                    language=lang,
                ),
                item_ids=plan.item_ids,
            )
            queries.add_audit(
                session,
                "education.series_plan",
                actor_id=user_id,
                target=f"edukasi_seri:{series.id}",
                details=f"{len(plan.item_ids)} items every {plan.every_days} days "
                f"at {plan.send_time} to {self.area_name(plan.area_id)}",
            )
            return series

        return await self._db.run(store)

    # --- the list and its buttons --------------------------------------------------------------

    async def listed(
        self, user_id: int, holdings: Sequence[Holding]
    ) -> list[tuple[EducationSeries, int]]:
        """The manager's series (admins: everyone's), newest first, with their item counts."""
        admin = any(h.role is Role.ADMIN for h in holdings)

        def read(session: Session) -> list[tuple[EducationSeries, int]]:
            rows = q.series_list(session, created_by=None if admin else user_id)
            return [(s, len(q.series_items(session, series_id=s.id or 0))) for s in rows]

        return await self._db.run(read)

    async def may_manage(self, user_id: int, series: EducationSeries) -> bool:
        """Its creator, or anyone who may manage education in its area."""
        return series.created_by == user_id or await self.may_plan(user_id, series.area_id)

    async def get(self, series_id: int) -> EducationSeries | None:
        return await self._db.run(q.series, series_id=series_id)

    async def change(self, series_id: int, user_id: int, action: str) -> EducationSeries:
        """⏸ pause ("p"), ▶️ resume ("r") or ⏹ stop ("s"); EdukasiError saying why not."""
        series = await self.get(series_id)
        if series is None or not await self.may_manage(user_id, series):
            raise EdukasiError("edukasi.series_not_yours")
        now = utcnow()
        froms: tuple[SeriesStatus, ...]
        if action == "p":
            froms, status, next_at = (SeriesStatus.ACTIVE,), SeriesStatus.PAUSED, None
        elif action == "r":
            froms, status = (SeriesStatus.PAUSED,), SeriesStatus.ACTIVE
            # A resumed series goes on at its next moment from now, never all at once.
            next_at = (
                series.next_at if series.next_at > now else self.first_at(series.send_time, now)
            )
        else:
            froms = (SeriesStatus.ACTIVE, SeriesStatus.PAUSED)
            status, next_at = SeriesStatus.FINISHED, None

        def run(session: Session) -> EducationSeries:
            if not q.set_status(
                session, series_id=series_id, from_statuses=froms, status=status, next_at=next_at
            ):
                raise EdukasiError("edukasi.series_unchanged")
            queries.add_audit(
                session,
                f"education.series_{status.value}",
                actor_id=user_id,
                target=f"edukasi_seri:{series_id}",
            )
            changed = q.series(session, series_id=series_id)
            assert changed is not None
            return changed

        return await self._db.run(run)

    async def active(self) -> Sequence[EducationSeries]:
        """Series still sending (the JobQueue is rebuilt from these)."""
        return await self._db.run(q.active_series)

    # --- sending -------------------------------------------------------------------------------

    def advisory_text(self, item: EducationItem, with_photo: bool) -> str:
        """What the advisory says (plain text: the advisory escapes it): the title, the text,
        where a PDF or a photo left out can be found."""
        lang = self.language
        parts = [t(lang, "edukasi.advisory_head").format(title=item.title), item.body]
        if item.attachment_kind is AttachmentKind.PDF:
            parts.append(t(lang, "edukasi.advisory_pdf"))
        elif item.attachment_kind is AttachmentKind.PHOTO and not with_photo:
            parts.append(t(lang, "edukasi.advisory_photo"))
        parts.append(t(lang, "edukasi.advisory_more"))
        return "\n\n".join(parts)

    async def send_due(self, series_id: int, now: dt.datetime | None = None) -> SendOutcome:
        """Send the series' next item if its moment came (once, whoever runs it); when it is
        due next. A refusal of the advisory service pauses the series and tells its creator."""
        now = now or utcnow()
        series = await self.get(series_id)
        if series is None or series.status is not SeriesStatus.ACTIVE:
            return SendOutcome(False, None)
        if series.next_at > now:
            return SendOutcome(False, series.next_at)
        links = await self._db.run(q.series_items, series_id=series_id)
        position = series.position
        if position >= len(links):
            await self._db.run(
                q.set_status,
                series_id=series_id,
                from_statuses=(SeriesStatus.ACTIVE,),
                status=SeriesStatus.FINISHED,
            )
            return SendOutcome(False, None)
        item = await self._db.run(q.item, item_id=links[position].item_id)
        last = position + 1 >= len(links)
        next_at = self.next_after(series, now)
        if item is None or item.archived:
            # An item archived since the series was planned is skipped, not sent.
            await self._db.run(
                q.advance_series,
                series_id=series_id,
                position=position,
                next_at=now,
                finished=last,
            )
            return SendOutcome(False, None if last else now)

        def record(session: Session, advisory: Advisory) -> None:
            if not q.advance_series(
                session, series_id=series_id, position=position, next_at=next_at, finished=last
            ):
                raise _Raced
            q.record_send(
                session,
                series_id=series_id,
                position=position,
                item_id=item.id or 0,
                advisory_id=advisory.id,
            )
            if advisory.status is AdvisoryStatus.PENDING and series.created_by is not None:
                note = t(
                    series.language,
                    "edukasi.series_pending",
                    series=series_id,
                    title=item.title,
                    polsek=advisory.approver_name or "Polsek",
                )
                self._delivery.send_direct_in(
                    session, series.created_by, Payload.message(note), kind="edukasi_note"
                )

        try:
            advisory = await self._submit(series, item, record)
        except _Raced:
            return SendOutcome(False, None)
        except AdvisoryError as error:
            await self._pause(series, error)
            return SendOutcome(False, None)
        return SendOutcome(True, None if last else next_at, advisory)

    async def _submit(
        self,
        series: EducationSeries,
        item: EducationItem,
        record: Callable[[Session, Advisory], None],
    ) -> int | None:
        """The item as an Info advisory to the series' area; a photo that would not fit a
        caption goes without it (the advisory says where to find it)."""
        photo = item.attachment_file_id if item.attachment_kind is AttachmentKind.PHOTO else None
        for with_photo in (True, False) if photo else (False,):
            draft = Draft(
                targets=(Target(series.area_id),),
                level=AdvisoryLevel.INFO,
                text=self.advisory_text(item, with_photo),
                photo=photo if with_photo else None,
            )
            try:
                submitted = await self._advisories.submit(
                    series.created_by or 0,
                    series.speaker_key,
                    draft,
                    author_name=t(series.language, "edukasi.series_author", series=series.id),
                    source_id=item.source_id,
                    also=record,
                )
            except AdvisoryError as error:
                if with_photo and error.key == "adv.too_long_caption":
                    continue
                raise
            return submitted.advisory.id
        return None

    async def _pause(self, series: EducationSeries, error: AdvisoryError) -> None:
        """The advisory service refused (the role is gone, nobody follows the area, no duty chat
        to approve): the series waits, and its creator is told why and how to go on."""
        reason = error.text(series.language)

        def run(session: Session) -> None:
            if not q.set_status(
                session,
                series_id=series.id or 0,
                from_statuses=(SeriesStatus.ACTIVE,),
                status=SeriesStatus.PAUSED,
                note=error.key[:64],
            ):
                return
            queries.add_audit(
                session,
                "education.series_paused",
                target=f"edukasi_seri:{series.id}",
                details=error.key,
            )
            if series.created_by is not None:
                note = t(series.language, "edukasi.series_paused_note", series=series.id)
                self._delivery.send_direct_in(
                    session,
                    series.created_by,
                    Payload.message(note + "\n" + reason),
                    kind="edukasi_note",
                )

        await self._db.run(run)
        self._delivery.wake()
