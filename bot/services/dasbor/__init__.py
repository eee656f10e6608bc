"""The Polsek dashboard's read side (issue 23): what the web pages show, without telegram or
starlette. `DasborService` is the facade the web handlers call (`services.dasbor`):

- `login`: one-time /dasbor links (`create(user_id) -> token`, `redeem(token) -> Redeemed`)
- `link(token) -> str`: the URL of a link, under WEB_BASE_URL
- `cookie_key() -> str`: WEB_SECRET, or the key kept in the database

Each page adds its module here (laporan.py, himbauan.py, ronda.py, statistik.py) and its
methods in its own block below.
"""

from __future__ import annotations

import secrets

from bot.config import Settings
from bot.services.dasbor.login import LINK_MINUTES
from bot.services.dasbor.login import LinkState
from bot.services.dasbor.login import LoginLinks
from bot.services.dasbor.login import Redeemed
from bot.services.roles import RoleService
from storage import dasbor as q
from storage.db import Database

__all__ = ["LINK_MINUTES", "DasborService", "LinkState", "LoginLinks", "Redeemed"]


class DasborService:
    """Everything the dashboard's pages read or do, on the bot's own services."""

    def __init__(self, db: Database, settings: Settings, roles: RoleService) -> None:
        self._db = db
        self._settings = settings
        self.login = LoginLinks(db, roles)
        # Where the links point: WEB_BASE_URL, or the server's real address once it listens
        # (WEB_PORT=0 picks a port at start: bot/app.py sets it).
        self.base_url = settings.web_public_url

    # ---- login ----

    def link(self, token: str) -> str:
        """The address of a one-time link."""
        return f"{self.base_url}/masuk/{token}"

    async def cookie_key(self) -> str:
        """The key signing session cookies: WEB_SECRET, else one made once and kept in the
        database (sessions survive restarts, and every process of the bot shares it)."""
        if self._settings.web_secret:
            return self._settings.web_secret
        return await self._db.run(q.web_key, new=secrets.token_urlsafe(48))

    # ---- pages (each page's helper adds its block below) ----
