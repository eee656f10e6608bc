"""Values of a person's rights: the retention periods /privasi states, the refusal."""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import UserFacingError


@dataclass(frozen=True)
class Retention:
    """How long things are kept, as /privasi tells people (the retention job applies them)."""

    # Photos and exact locations of closed reports.
    photo_days: int = 365
    # Delivery records of finished broadcasts.
    delivery_days: int = 90
    # Drafts of conversations left unfinished.
    draft_days: int = 7


class PrivacyError(UserFacingError):
    """A request about one's data that cannot be done (a police role asking for deletion)."""
