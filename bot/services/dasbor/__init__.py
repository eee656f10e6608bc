"""The Polsek dashboard's read side (issue 23): what the web pages show, without telegram or
starlette. `DasborService` is the facade the web handlers call (`services.dasbor`):

- `login`: one-time /dasbor links (`create(user_id) -> token`, `redeem(token) -> Redeemed`)
- `link(token) -> str`: the URL of a link, under WEB_BASE_URL
- `cookie_key() -> str`: WEB_SECRET, or the key kept in the database

- `laporan`: the Laporan page's reads (`LaporanService`, laporan.py)
- `himbauan`: advisories, their progress and ledgers (`HimbauanBoard`, himbauan.py)
- `ronda`: the week's rosters, check-ins and open siaga calls (`RondaBoard`, ronda.py)
- `statistik`: the figures of /statistik and /statistikronda (`StatistikReader`, statistik.py)

Each reader is made once here, on the bot's own services: a page asks them, never re-decides.
"""

from __future__ import annotations

import secrets

from bot.config import Settings
from bot.services.advisories import AdvisoryService
from bot.services.areas import AreaService
from bot.services.dasbor.himbauan import HimbauanBoard
from bot.services.dasbor.laporan import LaporanService
from bot.services.dasbor.login import LINK_MINUTES
from bot.services.dasbor.login import LinkState
from bot.services.dasbor.login import LoginLinks
from bot.services.dasbor.login import Redeemed
from bot.services.dasbor.ronda import RondaBoard
from bot.services.dasbor.statistik import StatistikReader
from bot.services.patrols import PatrolService
from bot.services.reports import ReportService
from bot.services.roles import RoleService
from bot.services.siaga import SiagaService
from storage import dasbor as q
from storage.db import Database

__all__ = ["LINK_MINUTES", "DasborService", "LinkState", "LoginLinks", "Redeemed"]


class DasborService:
    """Everything the dashboard's pages read or do, on the bot's own services."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        roles: RoleService,
        areas: AreaService,
        reports: ReportService,
        advisories: AdvisoryService,
        patrols: PatrolService,
        siaga: SiagaService,
    ) -> None:
        self._db = db
        self._settings = settings
        self.login = LoginLinks(db, roles)
        self.laporan = LaporanService(reports, areas, settings.timezone)
        self.himbauan = HimbauanBoard(db, advisories, roles)
        self.ronda = RondaBoard(areas, patrols, siaga)
        self.statistik = StatistikReader(reports, patrols, siaga, areas)
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
