"""Logging set-up: one format, quiet third-party loggers, and no secret in any line."""

from __future__ import annotations

import logging
import re

# Telegram bot tokens as they appear in Bot API URLs (".../bot123456:AAH.../sendMessage").
_TOKEN_IN_TEXT = re.compile(r"\d{3,15}:[A-Za-z0-9_-]{20,}")


class RedactingFormatter(logging.Formatter):
    """A formatter that blanks out the bot token and other secrets in the final line,
    tracebacks included."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: list[str]) -> str:
    """Replace every secret, and anything shaped like a bot token, with ***."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return _TOKEN_IN_TEXT.sub("***", text)


def setup_logging(level: str = "INFO", secrets: list[str] | None = None) -> None:
    """Log to stderr with redaction; httpx request lines (which carry the token) are silenced."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets or [])
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # APScheduler logs every job run at INFO.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
