"""The library of education items: checks of what a manager types or sends, storing, browsing
and archiving."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from bot.services.edukasi.types import BODY_LIMIT
from bot.services.edukasi.types import PDF_LIMIT_BYTES
from bot.services.edukasi.types import PDF_MIME
from bot.services.edukasi.types import TELEGRAM_TEXT_LIMIT
from bot.services.edukasi.types import TITLE_LIMIT
from bot.services.edukasi.types import Attachment
from bot.services.edukasi.types import EdukasiError
from bot.services.edukasi.types import ItemDraft
from bot.services.free_text import long_enough
from storage import edukasi as q
from storage import queries
from storage.db import Database
from storage.models import AttachmentKind
from storage.models import EducationItem
from storage.models import EducationTopic
from storage.models import Organisation


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


class Library:
    """Education items: checked, stored, listed, archived."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- checks (each refusal names the limit) -------------------------------------------------

    @staticmethod
    def check_title(text: str) -> str:
        title = " ".join(text.split())
        if not long_enough(title, 3):
            raise EdukasiError("edukasi.title_empty")
        if len(title) > TITLE_LIMIT:
            raise EdukasiError("edukasi.title_long", length=len(title), limit=TITLE_LIMIT)
        return title

    @staticmethod
    def check_body(text: str) -> str:
        body = text.strip()
        if not long_enough(body, 10):
            raise EdukasiError("edukasi.body_empty")
        # Telegram counts UTF-16 code units of the text as shown (it is escaped, never markup).
        length = len(body.encode("utf-16-le")) // 2
        if length > BODY_LIMIT:
            raise EdukasiError(
                "edukasi.body_long",
                length=length,
                limit=BODY_LIMIT,
                telegram=TELEGRAM_TEXT_LIMIT,
                over=length - BODY_LIMIT,
            )
        return body

    @staticmethod
    def check_document(mime_type: str | None, name: str | None, size: int | None) -> None:
        """Only a PDF, and not larger than the limit."""
        is_pdf = mime_type == PDF_MIME or (name or "").lower().endswith(".pdf")
        if not is_pdf:
            raise EdukasiError("edukasi.not_pdf", name=name or "?")
        if size is not None and size > PDF_LIMIT_BYTES:
            raise EdukasiError(
                "edukasi.pdf_too_big", size=_megabytes(size), limit=_megabytes(PDF_LIMIT_BYTES)
            )

    # --- storing -------------------------------------------------------------------------------

    async def sources(self) -> Sequence[Organisation]:
        """The organisations an item may come from."""
        return await self._db.run(q.organisations)

    async def add(self, author_id: int, draft: ItemDraft) -> EducationItem:
        """Check the draft again and store it (audited)."""
        title = self.check_title(draft.title)
        body = self.check_body(draft.body)
        attachment: Attachment | None = draft.attachment
        if attachment is not None and attachment.kind is AttachmentKind.PDF:
            self.check_document(PDF_MIME, attachment.name, attachment.size)

        def store(session: Session) -> EducationItem:
            source = q.organisation(session, organisation_id=draft.source_id)
            if source is None:
                raise EdukasiError("edukasi.source_gone")
            item = q.add_item(
                session,
                item=EducationItem(
                    title=title,
                    topic=draft.topic,
                    body=body,
                    attachment_kind=attachment.kind if attachment else None,
                    attachment_file_id=attachment.file_id if attachment else None,
                    attachment_size=attachment.size if attachment else None,
                    attachment_name=attachment.name[:128]
                    if attachment and attachment.name
                    else None,
                    source_id=source.id,
                    source_name=source.name,
                    author_id=author_id,
                ),
            )
            queries.add_audit(
                session,
                "education.item_add",
                actor_id=author_id,
                target=f"edukasi:{item.id}",
                details=f"{draft.topic.value}: {title}"[:200],
            )
            return item

        return await self._db.run(store)

    async def archive(self, item_id: int, user_id: int) -> bool:
        """Archive an item (audited); False if it was already."""

        def run(session: Session) -> bool:
            done = q.archive_item(session, item_id=item_id)
            if done:
                queries.add_audit(
                    session, "education.item_archive", actor_id=user_id, target=f"edukasi:{item_id}"
                )
            return done

        return await self._db.run(run)

    # --- browsing ------------------------------------------------------------------------------

    async def topics(self) -> dict[EducationTopic, int]:
        """Topics that have items, with how many."""
        return await self._db.run(q.topic_counts)

    async def items(self, topic: EducationTopic) -> Sequence[EducationItem]:
        """A topic's items, newest first."""
        return await self._db.run(q.items_of, topic=topic)

    async def item(self, item_id: int) -> EducationItem | None:
        """One item that is not archived."""
        found = await self._db.run(q.item, item_id=item_id)
        return found if found is not None and not found.archived else None

    async def for_series(self, topic: EducationTopic | None) -> Sequence[EducationItem]:
        """The items a series of `topic` (None: every topic) sends, oldest first."""
        if topic is None:
            return await self._db.run(q.all_items)
        return await self._db.run(q.items_of, topic=topic, newest_first=False)
