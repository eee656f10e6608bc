"""The read side of the dashboard's Himbauan page: the advisories a person may follow (their own;
an administrator's: everyone's, as /imbauanku and /pengiriman decide), each with its delivery
progress (sent, blocked, failed, waiting; "Sudah dibaca" for Darurat), and one advisory's
per-chat ledger with search. Perbarui and Cabut are not here: the page calls the same
`AdvisoryService.submit_update` / `cancel` as the chat's buttons. Telegram- and web-free."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.services.advisories import AdvisoryService
from bot.services.advisories.types import LIVE
from bot.services.advisories.types import style
from bot.services.advisories.types import updatable
from bot.services.roles import RoleService
from storage import dasbor as q
from storage.db import Database
from storage.models import Advisory
from storage.models import AdvisoryLevel
from storage.models import AdvisoryStatus
from storage.outbox import Counts

# Advisories listed on the page, and chats per page of a ledger.
LIST_LIMIT = 50
LEDGER_PAGE = 50
# Ids a progress poll may ask about at once (the page lists at most LIST_LIMIT).
POLL_MAX = 100


@dataclass(frozen=True)
class Progress:
    """How far the delivery of one advisory (or update) got; `acks` only where readers may
    press "Sudah dibaca" (Darurat)."""

    total: int
    sent: int
    blocked: int
    failed: int
    cancelled: int
    waiting: int
    acks: int | None
    done: bool

    @classmethod
    def of(cls, counts: Counts | None, acks: int | None) -> Progress:
        c = counts or Counts(total=0)
        return cls(
            total=c.total,
            sent=c.sent,
            blocked=c.blocked,
            failed=c.failed,
            cancelled=c.cancelled,
            waiting=c.pending,
            acks=acks,
            done=c.finished,
        )

    @property
    def percent(self) -> int:
        """Rows in a final state, in percent of all (100 for a delivery to nobody)."""
        finished = self.total - self.waiting
        return 100 if self.total == 0 else round(100 * finished / self.total)

    def as_json(self) -> dict[str, int | bool | None]:
        return {
            "total": self.total,
            "sent": self.sent,
            "blocked": self.blocked,
            "failed": self.failed,
            "cancelled": self.cancelled,
            "waiting": self.waiting,
            "acks": self.acks,
            "done": self.done,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class AdvisoryRow:
    """One advisory as the page lists it, and which corrections it still allows."""

    advisory: Advisory
    progress: Progress | None  # None: not handed to the delivery engine (yet)
    updates: tuple[AdvisoryRow, ...] = ()

    @property
    def id(self) -> int:
        return self.advisory.id or 0

    @property
    def status(self) -> AdvisoryStatus:
        return AdvisoryStatus(self.advisory.status)

    @property
    def level(self) -> AdvisoryLevel:
        return AdvisoryLevel(self.advisory.level)

    @property
    def acknowledge(self) -> bool:
        """Whether readers confirm it ("Sudah dibaca": Darurat)."""
        return style(self.advisory.level).acknowledge

    @property
    def icon(self) -> str:
        return style(self.advisory.level).icon

    @property
    def updatable(self) -> bool:
        return self.advisory.parent_id is None and updatable(self.advisory)

    @property
    def cancellable(self) -> bool:
        return self.advisory.parent_id is None and self.status in LIVE

    def state(self) -> dict[str, object]:
        """What the live poll sends for it."""
        return {
            "status": self.status.value,
            "progress": self.progress.as_json() if self.progress else None,
            "updatable": self.updatable,
            "cancellable": self.cancellable,
        }


@dataclass(frozen=True)
class LedgerPage:
    """One page of an advisory's per-chat ledger."""

    lines: list[q.LedgerLine]
    total: int  # rows matching the search
    page: int
    pages: int
    search: str


class HimbauanBoard:
    """Advisories with their delivery progress, for the dashboard (read-only)."""

    def __init__(self, db: Database, advisories: AdvisoryService, roles: RoleService) -> None:
        self._db = db
        self._advisories = advisories
        self._roles = roles

    async def _author_filter(self, user_id: int) -> int | None:
        """Whose advisories `user_id` follows: None (everyone's) for an administrator, as
        /imbauanku and /pengiriman decide; their own otherwise."""
        return None if await self._roles.is_admin(user_id) else user_id

    def _rows(self, session: Session, advisories: Sequence[Advisory]) -> list[AdvisoryRow]:
        updates = q.updates_of_many(session, advisory_ids=[a.id or 0 for a in advisories])
        every = [*advisories, *updates]
        counts = q.delivery_counts(
            session, delivery_ids=[a.delivery_id for a in every if a.delivery_id is not None]
        )
        acks = q.ack_counts(
            session, advisory_ids=[a.id or 0 for a in every if style(a.level).acknowledge]
        )

        def row(advisory: Advisory, children: tuple[AdvisoryRow, ...] = ()) -> AdvisoryRow:
            delivery = advisory.delivery_id
            readable = style(advisory.level).acknowledge
            return AdvisoryRow(
                advisory,
                None
                if delivery is None
                else Progress.of(
                    counts.get(delivery), acks.get(advisory.id or 0, 0) if readable else None
                ),
                children,
            )

        by_parent: dict[int, list[AdvisoryRow]] = {}
        for update in updates:
            by_parent.setdefault(update.parent_id or 0, []).append(row(update))
        return [row(a, tuple(by_parent.get(a.id or 0, ()))) for a in advisories]

    async def advisories(
        self, user_id: int, *, before_id: int | None = None, limit: int = LIST_LIMIT
    ) -> list[AdvisoryRow]:
        """The newest advisories `user_id` may follow, with their progress and updates."""
        author = await self._author_filter(user_id)

        def read(session: Session) -> list[AdvisoryRow]:
            found = q.advisories_for(session, author_id=author, limit=limit, before_id=before_id)
            return self._rows(session, found)

        return await self._db.run(read)

    async def advisory(self, user_id: int, advisory_id: int) -> AdvisoryRow | None:
        """One advisory (not an update) `user_id` may follow; None if none (or not theirs:
        someone else's is told as not found, as /pengiriman does)."""
        author = await self._author_filter(user_id)

        def read(session: Session) -> AdvisoryRow | None:
            found = q.advisories_by_id(session, advisory_ids=[advisory_id])
            if not found or found[0].parent_id is not None:
                return None
            if author is not None and found[0].author_id != author:
                return None
            return self._rows(session, found)[0]

        return await self._db.run(read)

    async def states(self, user_id: int, advisory_ids: Collection[int]) -> dict[int, AdvisoryRow]:
        """The current state of these advisories (the live poll), those `user_id` may follow;
        an update's id gives the update."""
        author = await self._author_filter(user_id)
        ids = list(dict.fromkeys(advisory_ids))[:POLL_MAX]

        def read(session: Session) -> dict[int, AdvisoryRow]:
            found = q.advisories_by_id(session, advisory_ids=ids)
            mine = [a for a in found if author is None or a.author_id == author]
            rows = self._rows(session, [a for a in mine if a.parent_id is None])
            shown = {r.id: r for r in rows}
            for parent in rows:
                shown.update({u.id: u for u in parent.updates})
            # Updates asked for without their parent.
            orphans = [a for a in mine if a.parent_id is not None and (a.id or 0) not in shown]
            if orphans:
                shown.update({r.id: r for r in self._rows(session, orphans)})
            return {i: shown[i] for i in ids if i in shown}

        return await self._db.run(read)

    async def ledger(
        self, user_id: int, advisory_id: int, *, search: str = "", page: int = 1
    ) -> LedgerPage | None:
        """One page of the chats an advisory (or one of its updates) went to, not-sent first;
        None when it is not `user_id`'s to follow or never went out."""
        row = (await self.states(user_id, [advisory_id])).get(advisory_id)
        if row is None or row.advisory.delivery_id is None:
            return None
        delivery_id = row.advisory.delivery_id
        search = search.strip()[:64]

        def read(session: Session) -> LedgerPage:
            total = q.ledger_count(session, delivery_id=delivery_id, search=search)
            pages = max(1, -(-total // LEDGER_PAGE))
            number = min(max(1, page), pages)
            lines = q.ledger_page(
                session,
                delivery_id=delivery_id,
                search=search,
                offset=(number - 1) * LEDGER_PAGE,
                limit=LEDGER_PAGE,
            )
            return LedgerPage(lines=lines, total=total, page=number, pages=pages, search=search)

        return await self._db.run(read)
