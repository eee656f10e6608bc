"""`build_web(application)`: the dashboard's Starlette app, and `render()` for its pages.

Middleware, outermost first: security headers, the signed-cookie session, CSRF on every POST.
Routes: /static (own files, Leaflet and its marker clusters from their xstatic packages), the
log-in and log-out (bot/web/login.py), `/`, every page of bot/web/pages.PAGES, and the
operator's routes (ROUTE_MODULES: /healthz, /metrics).
"""

from __future__ import annotations

import datetime as dt
import importlib
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from urllib.parse import urlsplit

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from jinja2 import Environment
from jinja2 import FileSystemLoader
from jinja2 import select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.responses import JSONResponse
from starlette.responses import RedirectResponse
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.routing import Mount
from starlette.routing import Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp
from starlette.types import Message
from starlette.types import Receive
from starlette.types import Scope
from starlette.types import Send

from bot import texts
from bot.services import Services
from bot.texts.when import format_moment
from bot.web import csrf
from bot.web.auth import SESSION_SECONDS
from bot.web.auth import LoginNeeded
from bot.web.auth import Refused
from bot.web.auth import Viewer
from bot.web.auth import current_viewer

if TYPE_CHECKING:
    from bot.ptb.context import App
    from bot.web.pages import Page

HERE = Path(__file__).parent
# Live updates: each page's JavaScript polls its JSON this often ("what changed since X").
WEB_POLL_SECONDS = 5
SESSION_COOKIE = "kamtibmas_dasbor"

# Routes outside the pages, without a session (the operator's /healthz and /metrics): modules
# with `def routes() -> list[BaseRoute]`; handlers reach the bot through request.app.state
# (.services, .application). One line per module.
ROUTE_MODULES: tuple[str, ...] = (
    # ---- operator routes ----
    "bot.web.operator",  # GET /healthz, GET /metrics (H2)
)


def build_web(application: App, *, secret: str | None = None) -> Starlette:
    """The dashboard for the running bot; `secret` signs the session cookies (None: WEB_SECRET,
    else a random one for this process only; the bot passes the database's)."""
    services: Services = application.bot_data.services
    settings = services.settings
    key = secret or settings.web_secret or secrets.token_urlsafe(32)
    https = urlsplit(settings.web_public_url).scheme == "https"
    from bot.web import login  # the log-in routes use render(), defined below

    routes: list[BaseRoute] = [
        Mount("/static/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR)),
        Mount(
            "/static/markercluster",
            StaticFiles(directory=xstatic.pkg.leaflet_markercluster.BASE_DIR),
        ),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/", home),
        *login.routes(),
    ]
    for page in pages():
        routes.extend(page.routes)
    for name in ROUTE_MODULES:
        routes.extend(importlib.import_module(name).routes())
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=key,
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_SECONDS,
                same_site="lax",
                https_only=https,
            ),
            Middleware(CsrfRefusal),
        ],
        exception_handlers={
            LoginNeeded: _login_needed,
            Refused: _refused,
            HTTPException: _http_error,
        },
    )
    app.state.services = services
    app.state.application = application
    app.state.templates = _templates(settings.timezone)
    return app


def pages() -> tuple[Page, ...]:
    """Every page (imported late: the page modules import this package)."""
    from bot.web.pages import PAGES

    return PAGES


def _templates(timezone: dt.tzinfo) -> Environment:
    """Jinja2 with the dashboard's templates (bot/web/templates), HTML autoescaped."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static_url"] = static_url
    env.globals["poll_seconds"] = WEB_POLL_SECONDS
    env.globals["timezone"] = timezone
    return env


def static_url(path: str) -> str:
    """The URL of a static file: "dasbor.css", "leaflet/leaflet.js", "markercluster/..."."""
    if path.startswith(("leaflet/", "markercluster/")):
        return "/static/" + path
    return "/static/" + path.lstrip("/")


def _translator(lang: str) -> Callable[..., Markup]:
    def translate(key: str, **values: Any) -> Markup:
        return Markup(texts.t(lang, key, **values))  # texts escape the values they fill in

    return translate


def render(
    request: Request,
    viewer: Viewer | None,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HTMLResponse:
    """A page for `viewer` (None: a page before log-in, e.g. an expired link)."""
    env: Environment = request.app.state.templates
    services: Services = request.app.state.services
    lang = viewer.lang if viewer else str(context.get("lang") or services.settings.default_language)
    timezone = services.settings.timezone
    path = request.url.path
    nav = [
        {
            "name": page.name,
            "path": page.path,
            "title": texts.t(lang, page.title_key),
            "current": path == page.path or path.startswith(page.path + "/"),
        }
        for page in pages()
        if viewer is not None and viewer.may(page.action)
    ]
    values = {
        "t": _translator(lang),
        "lang": lang,
        "viewer": viewer,
        "csrf_token": viewer.csrf if viewer else "",
        "nav": nav,
        "fmt_time": lambda moment: format_moment(moment, lang, timezone),
        "tile_url": services.settings.web_tile_url,
        "request_path": path,
        **context,
    }
    html = env.get_template(template).render(values)
    return HTMLResponse(html, status_code=status)


def message_page(
    request: Request,
    viewer: Viewer | None,
    title_key: str,
    text_key: str,
    *,
    status: int,
    lang: str | None = None,
) -> HTMLResponse:
    """A page that only says something (an expired link, no access, not found)."""
    return render(
        request,
        viewer,
        "message.html",
        {"title_key": title_key, "text_key": text_key, "lang": lang},
        status=status,
    )


def int_param(value: str | None, default: int = 0) -> int:
    """A whole number from a query parameter (a page, a cursor); `default` for anything else."""
    return int(value) if value and value.isdecimal() and len(value) < 10 else default


def wants_json(request: Request) -> bool:
    """Whether the caller is a page's script (poll(), postForm()) rather than the browser."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


async def home(request: Request) -> Response:
    """The first page the viewer may open; a welcome page while there is none."""
    viewer = await current_viewer(request)
    for page in pages():
        if viewer.may(page.action):
            return RedirectResponse(page.path, status_code=303)
    return render(request, viewer, "home.html", {})


async def _login_needed(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        return JSONResponse({"error": "login"}, status_code=401)
    return RedirectResponse("/masuk", status_code=303)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    if exc.user_id is not None and exc.action is not None:
        await request.app.state.services.roles.record_denied(
            exc.user_id,
            action=exc.action,
            reason=exc.reason,
            what=f"web {request.method} {request.url.path}"[:128],
            chat_id=None,
        )
    if wants_json(request):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    return message_page(request, None, "dasbor.denied_title", exc.key, status=403, lang=exc.lang)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    key = "dasbor.not_found" if exc.status_code == 404 else "dasbor.error"
    return message_page(request, None, "dasbor.error_title", key, status=exc.status_code)


class CsrfRefusal:
    """CSRF middleware whose refusal is the dashboard's 403 page."""

    def __init__(self, app: ASGIApp) -> None:
        self.inner = csrf.CsrfMiddleware(app, refused=self._refused)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.inner(scope, receive, send)

    async def _refused(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if wants_json(request):
            response: Response = JSONResponse({"error": "csrf"}, status_code=403)
        else:
            response = message_page(request, None, "dasbor.denied_title", "dasbor.csrf", status=403)
        await response(scope, receive, send)


class SecurityHeaders:
    """Headers every answer carries: no framing, no sniffing, no Referer (a /masuk link's
    token must not travel to the tile server), pages not cached by shared caches."""

    HEADERS = (
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
