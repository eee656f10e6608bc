"""CSRF protection: every POST carries the session's token, as form field `csrf` or header
`X-CSRF-Token` (dasbor.js postForm()); anything else is refused with 403 before a handler runs.

A pure ASGI middleware (not BaseHTTPMiddleware): it reads a form body to find the field and
hands the same bytes on, so the handler still reads its form.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.types import ASGIApp
from starlette.types import Message
from starlette.types import Receive
from starlette.types import Scope
from starlette.types import Send

FIELD = "csrf"
HEADER = "x-csrf-token"
SESSION_KEY = "csrf"
# A form body larger than this is not searched for the token (uploads send the header).
_MAX_FORM_BYTES = 1_000_000


def new_token() -> str:
    """A fresh per-session token."""
    return secrets.token_urlsafe(32)


class CsrfMiddleware:
    """Refuse a POST (PUT, PATCH, DELETE) whose token does not match the session's."""

    def __init__(self, app: ASGIApp, *, refused: ASGIApp) -> None:
        self.app = app
        # The 403 page, rendered by bot/web/app.py.
        self.refused = refused

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        expected = str(scope.get("session", {}).get(SESSION_KEY, ""))
        headers = dict(scope["headers"])
        given = headers.get(HEADER.encode(), b"").decode("latin-1")
        body: list[Message] = []
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if not given and content_type.startswith("application/x-www-form-urlencoded"):
            raw = b""
            while True:
                message = await receive()
                body.append(message)
                raw += message.get("body", b"")
                if not message.get("more_body") or len(raw) > _MAX_FORM_BYTES:
                    break
            given = (parse_qs(raw.decode("latin-1")).get(FIELD) or [""])[0]
        elif not given and content_type.startswith("multipart/form-data"):
            body, given = await _multipart_token(scope, receive)
        if not expected or not given or not hmac.compare_digest(expected, given):
            await self.refused(scope, receive, send)
            return
        if body:
            receive = _replay(body, receive)
        await self.app(scope, receive, send)


async def _multipart_token(scope: Scope, receive: Receive) -> tuple[list[Message], str]:
    """Read a multipart body (kept for the handler) and find the `csrf` field in it."""
    body: list[Message] = []
    while True:
        message = await receive()
        body.append(message)
        if not message.get("more_body"):
            break
    form = await Request(scope, _replay(body, receive)).form()
    try:
        value = form.get(FIELD)
        return body, value if isinstance(value, str) else ""
    finally:
        await form.close()


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive() that gives `messages` first, then the real one (a disconnect)."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
