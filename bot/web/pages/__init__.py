"""The dashboard's pages: each module `bot/web/pages/<name>.py` defines `PAGE = Page(...)`.

A page lists its routes (starlette `Route`s, HTML and the JSON its JavaScript polls); `build_web`
mounts them all. `action` decides whether the page shows in a viewer's navigation; the page's
handlers still check their own action and scope on every request (`require`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from starlette.routing import BaseRoute

from bot.services.authz import Action


@dataclass(frozen=True)
class Page:
    """One page of the dashboard, as the navigation and the router see it."""

    name: str  # "laporan"
    path: str  # "/laporan"
    title_key: str  # "dasbor.nav_laporan"
    action: Action  # who sees it in the navigation (Viewer.may(action))
    routes: list[BaseRoute]


# The page modules, in navigation order: Laporan, Himbauan, Ronda, Statistik. One line each
# ("bot.web.pages.laporan",), added by the page's author.
_MODULES: tuple[str, ...] = (
    # ---- page modules (one line per page) ----
    "bot.web.pages.laporan",
    "bot.web.pages.himbauan",
    "bot.web.pages.ronda",
    "bot.web.pages.siaga",
    "bot.web.pages.statistik",
)

PAGES: tuple[Page, ...] = tuple(importlib.import_module(name).PAGE for name in _MODULES)
