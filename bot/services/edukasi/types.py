"""The values of sosialisasi: topics, the limits an item is checked against, a new item's
draft, and the error a refusal raises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.errors import UserFacingError
from storage.models import AttachmentKind
from storage.models import EducationTopic

# The topics in the order residents see them.
TOPICS: tuple[EducationTopic, ...] = tuple(EducationTopic)
TITLE_LIMIT = 100
# An item's text must fit one Telegram message (4,096 characters) once it goes out as an Info
# advisory, whose badge (source, approval chain, time, area), title and closing line take the
# rest; a photo or PDF goes as its own message before the text, never as a cut caption.
BODY_LIMIT = 3500
TELEGRAM_TEXT_LIMIT = 4096
# TELEGRAM.md names no file limit: a bot may fetch files up to 20 MB (getFile).
PDF_LIMIT_BYTES = 20 * 1024 * 1024
PDF_MIME = "application/pdf"
EVERY_DAYS_MIN, EVERY_DAYS_MAX = 1, 30
# Items a series may hold.
SERIES_MAX_ITEMS = 50
# Items per page in /edukasi.
PAGE_SIZE = 8


class EdukasiError(UserFacingError):
    """Something the manager or resident must be told instead: a text key and its values."""


@dataclass(frozen=True)
class Attachment:
    """A photo or PDF kept as Telegram's file_id."""

    kind: AttachmentKind
    file_id: str
    size: int | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "file_id": self.file_id,
            "size": self.size,
            "name": self.name,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Attachment | None:
        if not data:
            return None
        return cls(
            AttachmentKind(data["kind"]), str(data["file_id"]), data.get("size"), data.get("name")
        )


@dataclass(frozen=True)
class ItemDraft:
    """A new item as the manager composed it (the conversation keeps it as JSON)."""

    title: str
    topic: EducationTopic
    source_id: int
    body: str
    attachment: Attachment | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItemDraft:
        return cls(
            title=str(data.get("title") or ""),
            topic=EducationTopic(data.get("topic") or EducationTopic.LAINNYA),
            source_id=int(data.get("source") or 0),
            body=str(data.get("body") or ""),
            attachment=Attachment.from_json(data.get("attachment")),
        )


@dataclass(frozen=True)
class SeriesPlan:
    """A series as the manager planned it."""

    area_id: int
    item_ids: tuple[int, ...]
    every_days: int
    send_time: str  # "HH:MM", WIB
