"""Who is looking at the dashboard: sessions, the Viewer, and the checks every page makes.

A session is a signed cookie (starlette's SessionMiddleware, key WEB_SECRET or the database's)
holding the person's Telegram id, when they logged in, and their CSRF token. It opens only
through a one-time link from /dasbor (bot/services/dasbor/login.py). Nothing else about the
person is trusted from the cookie: their roles are read from the database at every request, so
a revoked role ends access at the next one, as in chat.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from starlette.requests import Request

from bot.services import Services
from bot.services.authz import Action
from bot.services.authz import Holding
from bot.services.authz import Place
from bot.services.authz import allowed

# How long a session lasts after log-in, whatever the person does meanwhile.
SESSION_SECONDS = 12 * 60 * 60
# The session cookie's fields.
USER_KEY = "uid"
SINCE_KEY = "since"


@dataclass(frozen=True)
class Viewer:
    """The logged-in person, with their roles as of this request."""

    user_id: int
    name: str
    lang: str  # the person's /bahasa
    holdings: tuple[Holding, ...]  # re-read from RoleService at every request
    csrf: str

    def may(self, action: Action, place: Place | None = None) -> bool:
        """Whether the person may do `action` (at `place`): the bot's own policy."""
        return allowed(self.holdings, action, place)


class LoginNeeded(Exception):
    """No session, or an expired one: the page explains how to get a link (/dasbor)."""


class Refused(Exception):
    """The viewer may not do this: 403 with a polite page; audited like the bot's refusals."""

    def __init__(
        self,
        key: str,
        *,
        user_id: int | None = None,
        action: Action | None = None,
        reason: str = "",
        lang: str | None = None,
    ) -> None:
        super().__init__(key)
        self.key = key  # the text shown (bot/texts/dasbor.py)
        self.user_id = user_id
        self.action = action
        self.reason = reason
        self.lang = lang


def services_of(request: Request) -> Services:
    """The bot's services (the same objects the Telegram handlers use)."""
    services: Services = request.app.state.services
    return services


async def current_viewer(request: Request) -> Viewer:
    """The person behind this request, roles read fresh; raises LoginNeeded (no or expired
    session) or Refused (no dashboard role any more: the session is ended too)."""
    session = request.session
    user_id = session.get(USER_KEY)
    since = session.get(SINCE_KEY)
    if not isinstance(user_id, int) or not isinstance(since, (int, float)):
        session.clear()
        raise LoginNeeded
    if time.time() - since > SESSION_SECONDS:
        session.clear()
        raise LoginNeeded
    services = services_of(request)
    holdings = tuple(await services.roles.holdings(user_id))
    lang = await services.users.language_of(user_id)
    if not allowed(holdings, Action.USE_DASHBOARD):
        session.clear()
        raise Refused(
            "dasbor.revoked",
            user_id=user_id,
            action=Action.USE_DASHBOARD,
            reason="role",
            lang=lang,
        )
    names = await services.users.names([user_id])
    return Viewer(
        user_id=user_id,
        name=names.get(user_id, str(user_id)),
        lang=lang,
        holdings=holdings,
        csrf=str(session.get("csrf", "")),
    )


def require(viewer: Viewer, action: Action, place: Place | None = None) -> None:
    """Raise Refused (403, audited as "auth.denied" with the page's path) unless the viewer may
    do `action` (at `place`)."""
    if not viewer.may(action, place):
        raise Refused(
            "dasbor.denied",
            user_id=viewer.user_id,
            action=action,
            reason="role" if place is None or not viewer.may(action) else "scope",
            lang=viewer.lang,
        )
