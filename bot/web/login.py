"""Log-in and log-out: /masuk/<token> (a one-time /dasbor link) opens a session, /masuk says
how to get a link, POST /keluar ends the session, POST /bahasa switches the language."""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.routing import Route

from bot.services.dasbor import LinkState
from bot.web import csrf
from bot.web.app import message_page
from bot.web.auth import SINCE_KEY
from bot.web.auth import USER_KEY
from bot.web.auth import current_viewer
from bot.web.auth import services_of

# Why a link did not open a session: the page's text.
_REFUSALS = {
    LinkState.EXPIRED: "dasbor.link_expired",
    LinkState.USED: "dasbor.link_used",
    LinkState.UNKNOWN: "dasbor.link_unknown",
    LinkState.NO_ROLE: "dasbor.revoked",
}


def routes() -> list[BaseRoute]:
    """The log-in routes."""
    return [
        Route("/masuk", how_to_log_in),
        Route("/masuk/{token}", log_in),
        Route("/keluar", log_out, methods=["POST"]),
        Route("/bahasa", switch_language, methods=["POST"]),
    ]


async def how_to_log_in(request: Request) -> Response:
    """Not logged in (or the session ended): send /dasbor to the bot."""
    return message_page(request, None, "dasbor.login_title", "dasbor.login_how", status=401)


async def log_in(request: Request) -> Response:
    """Open a session with a one-time link, then go to the first page the person may see."""
    services = services_of(request)
    address = request.client.host if request.client else ""
    redeemed = await services.dasbor.login.redeem(request.path_params["token"], address=address)
    if redeemed.state is not LinkState.OK or redeemed.user_id is None:
        lang = (
            await services.users.language_of(redeemed.user_id)
            if redeemed.user_id is not None
            else None
        )
        status = 403 if redeemed.state is LinkState.NO_ROLE else 410
        if redeemed.state is LinkState.UNKNOWN:
            status = 404
        return message_page(
            request,
            None,
            "dasbor.login_title",
            _REFUSALS[redeemed.state],
            status=status,
            lang=lang,
        )
    # A fresh session: nothing of an earlier one (someone else's, on a shared PC) survives.
    request.session.clear()
    request.session[USER_KEY] = redeemed.user_id
    request.session[SINCE_KEY] = int(time.time())
    request.session[csrf.SESSION_KEY] = csrf.new_token()
    return RedirectResponse("/", status_code=303)


async def log_out(request: Request) -> Response:
    """End the session (the CSRF middleware checked the token)."""
    user_id = request.session.get(USER_KEY)
    request.session.clear()
    if isinstance(user_id, int):
        await services_of(request).dasbor.login.logged_out(user_id)
    return message_page(request, None, "dasbor.logout_title", "dasbor.logged_out", status=200)


async def switch_language(request: Request) -> Response:
    """Set the person's language (the same /bahasa as in chat), back to the page they were on."""
    viewer = await current_viewer(request)
    form = await request.form()
    lang = str(form.get("lang", ""))
    if lang in ("id", "en"):
        await services_of(request).users.set_language(viewer.user_id, lang)
    back = str(form.get("next", "/"))
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    return RedirectResponse(back, status_code=303)
