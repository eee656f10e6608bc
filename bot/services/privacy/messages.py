"""What /privasi says and the buttons under it (used by the service and the handler alike)."""

from __future__ import annotations

from bot.callbacks import Rows
from bot.services.privacy.callbacks import Copy
from bot.services.privacy.callbacks import Delete
from bot.services.privacy.callbacks import DeleteNo
from bot.services.privacy.callbacks import DeleteYes
from bot.services.retention import RetentionSettings
from bot.texts import Html
from bot.texts import t


def overview(lang: str, retention: RetentionSettings) -> str:
    """What is kept about a person and why, how long, who sees it, and the law, in a few lines."""
    return t(
        lang,
        "privacy.overview",
        photo_days=retention.report_days,
        delivery_days=retention.delivery_days,
        draft_days=retention.draft_days,
    )


def overview_rows(lang: str) -> Rows:
    """Get a copy · Delete my data."""
    return [
        [(t(lang, "privacy.btn_copy"), Copy())],
        [(t(lang, "privacy.btn_delete"), Delete())],
    ]


def confirm(lang: str, reports: int) -> str:
    """The question before a deletion: what goes, what stays (the reports, if any)."""
    stay = t(lang, "privacy.confirm_reports", count=reports) if reports else ""
    return t(lang, "privacy.confirm", reports=Html(stay))


def confirm_rows(lang: str) -> Rows:
    """Yes, delete · Cancel."""
    return [
        [(t(lang, "privacy.btn_delete_yes"), DeleteYes())],
        [(t(lang, "privacy.btn_delete_no"), DeleteNo())],
    ]


def deleted(lang: str, reports: int) -> str:
    """What happened, and that a new /start begins afresh."""
    stay = t(lang, "privacy.deleted_reports", count=reports) if reports else ""
    return t(lang, "privacy.deleted", reports=Html(stay))
