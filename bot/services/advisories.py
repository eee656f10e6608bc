"""Official advisories (himbauan): who may speak for whom and where, the recipient set, what a
delivered advisory looks like, approval by the Polsek, CAP-like updates and cancellations,
acknowledgements, residents' mutes, and scheduled sending.

Every state change and the messages it causes commit in one transaction (the delivery engine's
`*_in` methods), guarded by a conditional UPDATE on the advisory's status: an advisory is sent
once, decided once, cancelled once, whichever process or approver comes first.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bot.delivery import DeliveryService, Payload, Priority
from bot.services.area_search import AreaEntry
from bot.services.areas import AreaService, SubscriptionService
from bot.services.authz import Action, Holding, Scope, allowed
from bot.services.roles import RoleService, assignments
from bot.services.users import UserService
from bot.texts import t, visible_length
from storage import advisories as q
from storage import queries
from storage.db import Database
from storage.models import (
    Advisory,
    AdvisoryLevel,
    AdvisoryStatus,
    AreaLevel,
    Division,
    Organisation,
    Polsek,
    Role,
    utcnow,
)

TEXT_LIMIT = 4096  # Telegram's limit for a message, counted after entity parsing
CAPTION_LIMIT = 1024  # ... and for a photo caption
# Room kept for the "DICABUT" line a cancellation adds to every delivered copy.
CANCEL_RESERVE = 80
HISTORY_LIMIT = 10
MINE_LIMIT = 10

PRIORITY = {
    AdvisoryLevel.INFO: Priority.INFO,
    AdvisoryLevel.WASPADA: Priority.WASPADA,
    AdvisoryLevel.DARURAT: Priority.DARURAT,
}
# Role groups an advisory can target, inside an area: (role, division or None for all).
ROLE_GROUPS: dict[str, tuple[Role, Division | None]] = {
    "patroli": (Role.PEMUDA, Division.PATROLI),
    "pemuda": (Role.PEMUDA, None),
}
ACK_PREFIX = "adv:ack:"


class AdvisoryError(Exception):
    """Something the author (or approver) must be told instead: a text key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Target:
    """A desa, kecamatan or kabupaten, or a role group inside one."""

    area_id: int
    group: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored (and draft) form."""
        return (
            {"area": self.area_id}
            if self.group is None
            else {"area": self.area_id, "group": self.group}
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Target:
        """Back from the stored form."""
        group = data.get("group")
        return cls(int(data["area"]), str(group) if group in ROLE_GROUPS else None)


@dataclass(frozen=True)
class Draft:
    """What an author composed (the conversation keeps it as JSON, see `from_json`)."""

    targets: tuple[Target, ...]
    level: AdvisoryLevel
    text: str
    photo: str | None = None
    exercise: bool = False
    expires_at: dt.datetime | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        """From the conversation's user_data draft."""
        expires = data.get("expires")
        return cls(
            targets=tuple(Target.from_json(x) for x in data.get("targets", [])),
            level=AdvisoryLevel(data.get("level") or AdvisoryLevel.INFO),
            text=str(data.get("text") or ""),
            photo=data.get("photo") or None,
            exercise=bool(data.get("exercise")),
            expires_at=dt.datetime.fromisoformat(expires) if expires else None,
        )


@dataclass(frozen=True)
class Speaker:
    """A role someone may issue advisories as, with its organisation read fresh."""

    key: int  # the role assignment's id; 0 for an admin from ADMIN_IDS
    holding: Holding
    source: str  # the name on the badge
    organisation_id: int | None
    needs_approval: bool


@dataclass(frozen=True)
class Audience:
    """The chats an advisory will reach, each once."""

    people: frozenset[int]
    groups: frozenset[int]

    @property
    def chats(self) -> list[int]:
        """Every chat, people first."""
        return sorted(self.people) + sorted(self.groups - self.people)

    def __len__(self) -> int:
        return len(self.people | self.groups)


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted advisory."""

    advisory: Advisory
    recipients: int
    approver: str | None  # the Polsek asked for approval, if any


@dataclass(frozen=True)
class Decision:
    """The outcome of an approver's press."""

    advisory: Advisory
    done: bool  # False: somebody decided before (advisory.decided_by_name says who)


@dataclass(frozen=True)
class Summary:
    """One advisory in an author's list."""

    advisory: Advisory
    acks: int
    updates: int


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
        self._areas = areas
        self._subscriptions = subscriptions
        self._roles = roles
        self._users = users
        self._delivery = delivery
        self.timezone = timezone
        # Badges are in the deployment's language: one message goes to every recipient.
        self.language = language

    # --- who speaks, where ---------------------------------------------------------------------

    async def speakers(self, user_id: int) -> list[Speaker]:
        """The roles `user_id` may issue advisories as, one per organisation."""
        holdings = [
            h for h in await self._roles.holdings(user_id) if allowed([h], Action.COMPOSE_ADVISORY)
        ]

        def read(session: Session) -> list[Speaker]:
            found: dict[object, Speaker] = {}
            for holding in holdings:
                organisation = (
                    session.get(Organisation, holding.organisation_id)
                    if holding.organisation_id
                    else None
                )
                if holding.role is not Role.ADMIN and organisation is None:
                    continue
                key = organisation.id if organisation else "admin"
                if key in found:
                    continue
                found[key] = Speaker(
                    key=holding.assignment_id or 0,
                    holding=holding,
                    source=organisation.name
                    if organisation
                    else t(self.language, "adv.admin_source"),
                    organisation_id=organisation.id if organisation else None,
                    needs_approval=bool(organisation.needs_approval) if organisation else False,
                )
            return list(found.values())

        return await self._db.run(read)

    async def speaker(self, user_id: int, key: int) -> Speaker | None:
        """The speaker `key` of `user_id`, if they still hold that role."""
        return next((s for s in await self.speakers(user_id) if s.key == key), None)

    def covers(self, speaker: Speaker, area_id: int) -> bool:
        """Whether the speaker's role includes the area."""
        return allowed(
            [speaker.holding], Action.COMPOSE_ADVISORY, self._roles.place(area_id=area_id)
        )

    def scope_areas(self, speaker: Speaker) -> list[AreaEntry]:
        """The areas offered as buttons: the role's own area, or each kecamatan of its Polsek,
        or (admins) the default kabupaten."""
        scope: Scope = speaker.holding.scope
        if scope.everywhere:
            kabupaten = self._areas.default_kabupaten
            return [kabupaten] if kabupaten else []
        if scope.polsek_id is not None:
            return [
                entry
                for kecamatan_id, polsek_id in sorted(self._areas.kecamatan_polsek.items())
                if polsek_id == scope.polsek_id and (entry := self._areas.get(kecamatan_id))
            ]
        entry = self._areas.get(scope.area_id or 0)
        return [entry] if entry else []

    def area_name(self, entry: AreaEntry) -> str:
        """ "Kronto (Kec. Lumbang)", "Kec. Lumbang", "Kabupaten Pasuruan"."""
        return self._areas.label(entry, with_parent=entry.level == AreaLevel.DESA)

    def target_label(self, targets: Iterable[Target], lang: str | None = None) -> str:
        """How the targets read: "Kronto (Kec. Lumbang), Pemuda patroli · Kec. Lumbang"."""
        lang = lang or self.language
        names = []
        for target in targets:
            entry = self._areas.get(target.area_id)
            label = self.area_name(entry) if entry else f"#{target.area_id}"
            names.append(
                t(lang, f"adv.group_{target.group}", area=label) if target.group else label
            )
        return ", ".join(names)

    # --- recipients ----------------------------------------------------------------------------

    async def audience(
        self, targets: Iterable[Target], level: AdvisoryLevel, organisation_id: int | None
    ) -> Audience:
        """Subscribers and linked groups of the target areas, plus the members of targeted role
        groups, each chat once; people who muted the organisation's Info advisories are left
        out of an Info advisory (never of Waspada or Darurat)."""
        targets = list(targets)
        area_ids = [x.area_id for x in targets if x.group is None]
        people: set[int] = set()
        groups: set[int] = set()
        if area_ids:
            people, groups = await self._subscriptions.audience(area_ids)
        role_targets = [x for x in targets if x.group is not None]

        def read(session: Session) -> tuple[set[int], set[int]]:
            members: set[int] = set()
            for target in role_targets:
                role, division = ROLE_GROUPS[target.group or ""]
                for assignment in assignments(
                    session, role=role, scope=Scope(area_id=target.area_id)
                ):
                    if division is None or assignment.holding.division is division:
                        members.add(assignment.user_id)
            muted: set[int] = set()
            if level is AdvisoryLevel.INFO and organisation_id is not None:
                muted = q.muted_users(session, organisation_id, people | members)
            return members, muted

        members, muted = await self._db.run(read)
        return Audience(frozenset((people | members) - muted), frozenset(groups))

    # --- rendering -----------------------------------------------------------------------------

    def _time(self, moment: dt.datetime) -> str:
        return moment.astimezone(self.timezone).strftime("%d-%m-%Y %H:%M")

    def render(self, advisory: Advisory, *, at: dt.datetime, parent: Advisory | None = None) -> str:
        """The advisory as every recipient sees it: the badge (source, approval chain, level,
        exercise label, time and targets), then the author's text, escaped."""
        lang = advisory.language or self.language
        lines = []
        if advisory.exercise:
            lines.append(t(lang, "adv.exercise"))
        badge = "adv.badge_update" if parent is not None else "adv.badge"
        lines.append(t(lang, badge, source=advisory.source_name))
        lines.append(t(lang, f"adv.level_{AdvisoryLevel(advisory.level).value}"))
        if advisory.approver_name:
            lines.append(
                t(lang, "adv.chain", source=advisory.source_name, approver=advisory.approver_name)
            )
        lines.append(t(lang, "adv.meta", time=self._time(at), targets=advisory.target_label))
        if advisory.expires_at is not None:
            lines.append(t(lang, "adv.expires", time=self._time(advisory.expires_at)))
        if parent is not None:
            lines.append(t(lang, "adv.refers", id=parent.id, time=self._time(parent.sent_at or at)))
        body = html.escape(advisory.text, quote=False)
        text = "\n".join(lines) + "\n\n" + body
        if advisory.exercise:
            text += "\n\n" + t(lang, "adv.exercise")
        return text

    def payload(
        self, advisory: Advisory, *, at: dt.datetime, parent: Advisory | None = None
    ) -> Payload:
        """The message the delivery engine sends: silent for Info, with sound otherwise, and
        a "Sudah dibaca" button under Darurat."""
        text = self.render(advisory, at=at, parent=parent)
        level = AdvisoryLevel(advisory.level)
        markup = None
        if level is AdvisoryLevel.DARURAT:
            data = f"{ACK_PREFIX}{advisory.id or 0}"
            button = {
                "text": t(advisory.language or self.language, "adv.ack_button"),
                "callback_data": data,
            }
            markup = {"inline_keyboard": [[button]]}
        silent = level is AdvisoryLevel.INFO
        if advisory.photo_file_id:
            return Payload.photo(
                advisory.photo_file_id, text, reply_markup=markup, disable_notification=silent
            )
        return Payload.message(text, reply_markup=markup, disable_notification=silent)

    def check_length(self, advisory: Advisory, *, parent: Advisory | None = None) -> None:
        """Refuse a text that would be too long once the badge is added (Telegram counts the
        rendered message; a photo caption has a quarter of the room)."""
        limit = (CAPTION_LIMIT if advisory.photo_file_id else TEXT_LIMIT) - CANCEL_RESERVE
        length = visible_length(self.render(advisory, at=utcnow(), parent=parent))
        if length > limit:
            key = "adv.too_long_caption" if advisory.photo_file_id else "adv.too_long"
            raise AdvisoryError(key, length=length, limit=limit, over=length - limit)

    def _cancelled_payload(self, advisory: Advisory, at: dt.datetime) -> Payload:
        """The edit every delivered copy gets on cancellation: marked, struck through."""
        lang = advisory.language or self.language
        original = self.render(advisory, at=advisory.sent_at or at)
        head = t(lang, "adv.cancelled_head", time=self._time(at))
        struck = f"{head}\n\n<s>{original}</s>"
        if advisory.photo_file_id:
            return Payload.photo(advisory.photo_file_id, struck)
        return Payload.message(struck)

    # --- building ------------------------------------------------------------------------------

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
            target_label=self.target_label(draft.targets)[:512],
            author_id=author_id,
            assignment_id=speaker.key or None,
            organisation_id=speaker.organisation_id,
            source_name=speaker.source[:128],
            approver_name=approver,
            send_at=send_at,
            expires_at=draft.expires_at,
            language=self.language,
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
        """Refuse what must not be sent: no text, no target, a target outside the speaker's
        scope, an expiry already past."""
        if not draft.text.strip():
            raise AdvisoryError("adv.empty")
        if not draft.targets:
            raise AdvisoryError("adv.no_target")
        for target in draft.targets:
            if not self.covers(speaker, target.area_id):
                raise AdvisoryError("adv.out_of_scope", what=self.target_label([target]))
        if draft.expires_at is not None and draft.expires_at <= now:
            raise AdvisoryError("adv.expiry_past")

    # --- submitting ----------------------------------------------------------------------------

    async def submit(
        self,
        author_id: int,
        speaker_key: int,
        draft: Draft,
        *,
        send_at: dt.datetime | None = None,
        author_name: str = "",
    ) -> Submitted:
        """Check everything again (roles are read fresh), then in one transaction store the
        advisory and either send it, schedule it, or ask the Polsek's approval."""
        now = utcnow()
        speaker = await self.speaker(author_id, speaker_key)
        if speaker is None:
            raise AdvisoryError("adv.role_gone")
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
        self.check_length(advisory)
        audience = await self.audience(draft.targets, draft.level, speaker.organisation_id)
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
                self._ask_approval_in(session, advisory, polsek, author_name)
            elif send_at is None:
                self._send_in(session, advisory, audience, author_lang)
            return advisory

        stored = await self._db.run(store)
        self._delivery.wake()
        return Submitted(stored, len(audience), polsek.name if polsek else None)

    def _ask_approval_in(
        self, session: Session, advisory: Advisory, polsek: Polsek, author_name: str
    ) -> None:
        """The advisory as it will look, then the request with Setujui / Tolak, in the duty
        chat of the approving Polsek."""
        assert polsek.duty_chat_id is not None and advisory.id is not None
        lang = self.language
        parent = q.get(session, advisory.parent_id) if advisory.parent_id else None
        preview = self.payload(advisory, at=utcnow(), parent=parent)
        if preview.params.get("reply_markup"):
            preview.params.pop("reply_markup")
        self._delivery.send_direct_in(
            session, polsek.duty_chat_id, preview, kind="advisory_preview", ref=f"adv:{advisory.id}"
        )
        when = self._time(advisory.send_at) if advisory.send_at else t(lang, "adv.when_now")
        key = "adv.approval_request_update" if parent else "adv.approval_request"
        text = t(
            lang,
            key,
            id=advisory.id,
            parent=advisory.parent_id or "",
            author=author_name or str(advisory.author_id),
            source=advisory.source_name,
            targets=advisory.target_label,
            count=advisory.recipients,
            when=when,
        )
        buttons = [
            [
                {"text": t(lang, "adv.approve_button"), "callback_data": f"adv:ok:{advisory.id}"},
                {"text": t(lang, "adv.reject_button"), "callback_data": f"adv:no:{advisory.id}"},
            ]
        ]
        request = Payload.message(text, reply_markup={"inline_keyboard": buttons})
        advisory.approval_chat_id = polsek.duty_chat_id
        advisory.approval_delivery_id = self._delivery.send_direct_in(
            session,
            polsek.duty_chat_id,
            request,
            kind="advisory_approval",
            ref=f"adv:{advisory.id}",
        )
        session.add(advisory)

    def _send_in(
        self,
        session: Session,
        advisory: Advisory,
        audience: Audience | None,
        author_lang: str,
        **decided: Any,
    ) -> bool:
        """SCHEDULED or PENDING -> SENT and the messages, in the caller's transaction; False if
        another process or approver got there first (nothing is sent then)."""
        assert advisory.id is not None
        now = utcnow()
        parent = q.get(session, advisory.parent_id) if advisory.parent_id else None
        payload = self.payload(advisory, at=now, parent=parent)
        from_statuses = (AdvisoryStatus.SCHEDULED, AdvisoryStatus.PENDING)
        values: dict[str, Any] = {"status": AdvisoryStatus.SENT, "sent_at": now, **decided}
        if not q.transition(session, advisory.id, from_statuses, **values):
            return False
        if parent is not None and parent.delivery_id is not None:
            # CAP's Update: a reply to the original, in exactly the chats that received it.
            delivery_id = self._delivery.follow_up_in(
                session, parent.delivery_id, payload, kind="advisory_update"
            )
            note = t(author_lang, "adv.update_sent", id=parent.id)
            self._delivery.send_direct_in(
                session, advisory.author_id, Payload.message(note), kind="advisory_note"
            )
        else:
            assert audience is not None
            delivery_id = self._delivery.enqueue_in(
                session,
                audience.chats,
                payload,
                PRIORITY[AdvisoryLevel(advisory.level)],
                kind="advisory",
                ref=f"adv:{advisory.id}",
                created_by=advisory.author_id,
                progress_chat_id=advisory.author_id,
                language=author_lang,
            )
        q.transition(
            session,
            advisory.id,
            (AdvisoryStatus.SENT,),
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

    # --- approval ------------------------------------------------------------------------------

    async def get(self, advisory_id: int) -> Advisory | None:
        """One advisory."""
        return await self._db.run(q.get, advisory_id)

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
        advisory = await self.get(advisory_id)
        if advisory is None:
            raise AdvisoryError("adv.unknown")
        if advisory.status is not AdvisoryStatus.PENDING:
            return Decision(advisory, False)
        audience = None
        if approve and advisory.parent_id is None:
            targets = [Target.from_json(x) for x in json.loads(advisory.targets)]
            audience = await self.audience(
                targets, AdvisoryLevel(advisory.level), advisory.organisation_id
            )
        author_lang = await self._users.language_of(advisory.author_id)
        now = utcnow()

        def store(session: Session) -> Decision:
            current = q.get(session, advisory_id)
            assert current is not None
            decided = {
                "decided_by": approver_id,
                "decided_by_name": approver_name[:256],
                "decided_at": now,
            }
            parent = q.get(session, current.parent_id) if current.parent_id else None
            if approve and parent is not None and parent.status is AdvisoryStatus.CANCELLED:
                # The original was withdrawn meanwhile: its update must not go out.
                if not q.transition(
                    session,
                    advisory_id,
                    (AdvisoryStatus.PENDING,),
                    status=AdvisoryStatus.CANCELLED,
                    cancelled_at=now,
                    cancel_reason="original cancelled",
                    **decided,
                ):
                    return Decision(q.get(session, advisory_id), False)  # type: ignore[arg-type]
                self._decided_in(
                    session,
                    current,
                    "adv.approval_parent_cancelled",
                    approver_name,
                    "",
                    author_lang,
                )
                return Decision(q.get(session, advisory_id), True)  # type: ignore[arg-type]
            if not approve:
                changed = q.transition(
                    session,
                    advisory_id,
                    (AdvisoryStatus.PENDING,),
                    status=AdvisoryStatus.REJECTED,
                    reject_reason=reason[:1000],
                    **decided,
                )
                if not changed:
                    return Decision(q.get(session, advisory_id), False)  # type: ignore[arg-type]
                self._decided_in(
                    session, current, "adv.rejected", approver_name, reason, author_lang
                )
                queries.add_audit(
                    session,
                    "advisory.reject",
                    actor_id=approver_id,
                    target=f"adv:{advisory_id}",
                    details=reason[:500],
                )
                return Decision(q.get(session, advisory_id), True)  # type: ignore[arg-type]
            if current.send_at is not None and current.send_at > now:
                changed = q.transition(
                    session,
                    advisory_id,
                    (AdvisoryStatus.PENDING,),
                    status=AdvisoryStatus.SCHEDULED,
                    **decided,
                )
            else:
                changed = self._send_in(session, current, audience, author_lang, **decided)
            if not changed:
                return Decision(q.get(session, advisory_id), False)  # type: ignore[arg-type]
            self._decided_in(session, current, "adv.approved", approver_name, "", author_lang)
            queries.add_audit(
                session,
                "advisory.approve",
                actor_id=approver_id,
                target=f"adv:{advisory_id}",
                details=current.source_name,
            )
            return Decision(q.get(session, advisory_id), True)  # type: ignore[arg-type]

        decision = await self._db.run(store)
        self._delivery.wake()
        return decision

    def _decided_in(
        self,
        session: Session,
        advisory: Advisory,
        key: str,
        approver: str,
        reason: str,
        author_lang: str,
    ) -> None:
        """Mark the request in the duty chat as decided (buttons gone) and tell the author."""
        assert advisory.id is not None
        if advisory.approval_delivery_id is not None:
            text = t(
                self.language,
                f"{key}_duty",
                id=advisory.id,
                by=approver,
                reason=reason,
                source=advisory.source_name,
            )
            self._delivery.edit_in(session, advisory.approval_delivery_id, Payload.message(text))
        when = (
            self._time(advisory.send_at) if advisory.send_at and advisory.send_at > utcnow() else ""
        )
        note_key = f"{key}_author_scheduled" if when and key == "adv.approved" else f"{key}_author"
        note = t(author_lang, note_key, id=advisory.id, by=approver, reason=reason, when=when)
        self._delivery.send_direct_in(
            session, advisory.author_id, Payload.message(note), kind="advisory_note"
        )

    # --- scheduled sending ---------------------------------------------------------------------

    async def scheduled(self) -> Sequence[Advisory]:
        """Advisories waiting for their time (the JobQueue is rebuilt from these)."""
        return await self._db.run(q.scheduled)

    async def send_due(self, advisory_id: int) -> bool:
        """Send a scheduled advisory whose time has come; True if this call sent it (never
        twice: the status changes in the same transaction as the enqueue)."""
        advisory = await self.get(advisory_id)
        if advisory is None or advisory.status is not AdvisoryStatus.SCHEDULED:
            return False
        author_lang = await self._users.language_of(advisory.author_id)
        now = utcnow()
        if advisory.expires_at is not None and advisory.expires_at <= now:

            def expire(session: Session) -> bool:
                if not q.transition(
                    session, advisory_id, (AdvisoryStatus.SCHEDULED,), status=AdvisoryStatus.EXPIRED
                ):
                    return False
                note = t(author_lang, "adv.expired_author", id=advisory_id)
                self._delivery.send_direct_in(
                    session, advisory.author_id, Payload.message(note), kind="advisory_note"
                )
                return True

            await self._db.run(expire)
            self._delivery.wake()
            return False
        targets = [Target.from_json(x) for x in json.loads(advisory.targets)]
        audience = await self.audience(
            targets, AdvisoryLevel(advisory.level), advisory.organisation_id
        )

        def send(session: Session) -> bool:
            current = q.get(session, advisory_id)
            return current is not None and self._send_in(session, current, audience, author_lang)

        sent = await self._db.run(send)
        self._delivery.wake()
        return sent

    # --- corrections (CAP Update and Cancel) ---------------------------------------------------

    async def _own(self, advisory_id: int, user_id: int) -> Advisory:
        advisory = await self.get(advisory_id)
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
        if advisory.status is not AdvisoryStatus.SENT:
            raise AdvisoryError("adv.update_not_sent", id=advisory_id)
        return advisory

    async def submit_update(
        self, advisory_id: int, user_id: int, text: str, *, author_name: str = ""
    ) -> Submitted:
        """An update to a sent advisory: a reply to the original in exactly the chats that got
        it; it needs approval when the original's organisation does."""
        original = await self.check_updatable(advisory_id, user_id)
        if not text.strip():
            raise AdvisoryError("adv.empty")

        def read(session: Session) -> tuple[Organisation | None, Polsek | None]:
            org = (
                session.get(Organisation, original.organisation_id)
                if original.organisation_id
                else None
            )
            polsek = session.get(Polsek, original.polsek_id) if original.polsek_id else None
            return org, polsek

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
        self.check_length(update, parent=original)
        author_lang = await self._users.language_of(user_id)

        def store(session: Session) -> Advisory:
            parent = q.get(session, advisory_id)
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
                self._ask_approval_in(session, update, polsek, author_name)
            else:
                self._send_in(session, update, None, author_lang)
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
        now = utcnow()
        live = (AdvisoryStatus.PENDING, AdvisoryStatus.SCHEDULED, AdvisoryStatus.SENT)

        def store(session: Session) -> AdvisoryStatus:
            current = q.get(session, advisory_id)
            assert current is not None
            before = AdvisoryStatus(current.status)
            if not q.transition(
                session,
                advisory_id,
                live,
                status=AdvisoryStatus.CANCELLED,
                cancelled_at=now,
                cancel_reason=reason[:1000],
            ):
                raise AdvisoryError("adv.already_cancelled", id=advisory_id)
            lang = current.language or self.language
            if before is AdvisoryStatus.SENT and current.delivery_id is not None:
                self._delivery.cancel_in(session, current.delivery_id)
                self._delivery.edit_in(
                    session, current.delivery_id, self._cancelled_payload(current, now)
                )
                notice = t(
                    lang,
                    "adv.cancel_notice",
                    source=current.source_name,
                    time=self._time(current.sent_at or now),
                    reason=reason,
                )
                self._delivery.follow_up_in(
                    session, current.delivery_id, Payload.message(notice), kind="advisory_cancel"
                )
            withdrawn = t(lang, "adv.approval_withdrawn_duty", id=advisory_id)
            if before is AdvisoryStatus.PENDING and current.approval_delivery_id is not None:
                self._delivery.edit_in(
                    session, current.approval_delivery_id, Payload.message(withdrawn)
                )
            for pending in q.updates_of(session, advisory_id):
                if pending.status is not AdvisoryStatus.PENDING or pending.id is None:
                    continue
                q.transition(
                    session,
                    pending.id,
                    (AdvisoryStatus.PENDING,),
                    status=AdvisoryStatus.CANCELLED,
                    cancelled_at=now,
                )
                if pending.approval_delivery_id is not None:
                    text = t(lang, "adv.approval_withdrawn_duty", id=pending.id)
                    self._delivery.edit_in(
                        session, pending.approval_delivery_id, Payload.message(text)
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

    # --- acknowledgements, mutes, history ------------------------------------------------------

    async def acknowledge(self, advisory_id: int, user_id: int) -> bool | None:
        """Record "Sudah dibaca": True if new, False if said before, None if there is no such
        Darurat advisory."""
        advisory = await self.get(advisory_id)
        if advisory is None or advisory.level is not AdvisoryLevel.DARURAT:
            return None
        return await self._db.run(q.add_ack, advisory_id, user_id, utcnow())

    async def mine(self, user_id: int) -> list[Summary]:
        """The author's newest advisories, with their acknowledgement and update counts (an
        admin sees everyone's)."""
        everyone = await self._roles.is_admin(user_id)

        def read(session: Session) -> list[Summary]:
            return [
                Summary(a, q.ack_count(session, a.id or 0), len(q.updates_of(session, a.id or 0)))
                for a in q.by_author(session, None if everyone else user_id, MINE_LIMIT)
            ]

        return await self._db.run(read)

    async def history(self, user_id: int) -> list[Advisory]:
        """The newest advisories sent to the areas the person follows (their desa, its
        kecamatan and kabupaten; a kecamatan's desa), exercises and cancelled ones included."""
        following = await self._subscriptions.following(user_id)
        mine: set[int] = set()
        for entry in following.areas:
            mine.update(x for x in (entry.id, entry.kecamatan_id, entry.kabupaten_id) if x)
        followed = {entry.id for entry in following.areas}
        if not mine:
            return []
        found = []
        for advisory in await self._db.run(q.recent_sent, 200):
            for target in (Target.from_json(x) for x in json.loads(advisory.targets)):
                entry = self._areas.get(target.area_id)
                if target.group is not None or entry is None:
                    continue
                if (
                    entry.id in mine
                    or entry.kecamatan_id in followed
                    or entry.kabupaten_id in followed
                ):
                    found.append(advisory)
                    break
            if len(found) >= HISTORY_LIMIT:
                break
        return found

    async def organisations_for(self, user_id: int) -> tuple[list[Organisation], set[int]]:
        """The organisations a resident can mute (those of their recent advisories and those
        already muted), and which are muted."""
        recent = await self.history(user_id)

        def read(session: Session) -> tuple[list[Organisation], set[int]]:
            muted = q.mutes_of(session, user_id)
            ids = {a.organisation_id for a in recent if a.organisation_id} | muted
            orgs = [o for i in ids if (o := session.get(Organisation, i)) is not None]
            return sorted(orgs, key=lambda o: o.name), muted

        return await self._db.run(read)

    async def toggle_mute(self, user_id: int, organisation_id: int) -> bool | None:
        """Mute or unmute an organisation's Info advisories; the new state (None: unknown)."""

        def store(session: Session) -> bool | None:
            if session.get(Organisation, organisation_id) is None:
                return None
            muted = organisation_id not in q.mutes_of(session, user_id)
            q.set_mute(session, user_id, organisation_id, muted)
            return muted

        return await self._db.run(store)

    def when(self, moment: dt.datetime) -> str:
        """A time as people read it, in WIB."""
        return self._time(moment)

    def local_now(self) -> dt.datetime:
        """Now, in the bot's time zone (for parsing typed times)."""
        return dt.datetime.now(self.timezone)


__all__ = [
    "ACK_PREFIX",
    "ROLE_GROUPS",
    "AdvisoryError",
    "AdvisoryService",
    "Audience",
    "Decision",
    "Draft",
    "Speaker",
    "Submitted",
    "Summary",
    "Target",
    "parse_when",
    "visible_length",
]
