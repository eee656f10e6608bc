"""Values of a person's rights: the refusal."""

from __future__ import annotations

from bot.errors import UserFacingError


class PrivacyError(UserFacingError):
    """A request about one's data that cannot be done (a police role asking for deletion)."""
