"""What the siaga handlers share: the filters of their conversations and their timeout."""

from __future__ import annotations

from telegram.ext import filters

from handlers.common import NEW_MESSAGE

TIMEOUT_SECONDS = 20 * 60
PRIVATE_TEXT = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
LOCATION = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.LOCATION
