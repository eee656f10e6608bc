"""The Siaga page: the open muster calls the viewer may follow (Action.CALL_SIAGA: their own,
or any they may call in its area, as the tally's buttons in chat decide) with the live tally
(✅ Siap, 📍 Sudah di lokasi, ❌ Tidak bisa, not answered yet), polled from /siaga/tally.json.
A page of its own beside Ronda: the navigation shows each by its own action."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.responses import Response
from starlette.routing import Route

from bot.services.authz import Action
from bot.web import render
from bot.web.pages import Page
from bot.web.pages.ronda import board
from bot.web.pages.ronda import viewer_of


async def siaga(request: Request) -> Response:
    """The open muster calls the viewer may follow, with their tallies."""
    viewer = await viewer_of(request, Action.CALL_SIAGA)
    calls = await board(request).open_calls(viewer.user_id, viewer.holdings)
    return render(request, viewer, "siaga.html", {"calls": calls})


async def tally(request: Request) -> Response:
    """The live tallies (the page's script polls this)."""
    viewer = await viewer_of(request, Action.CALL_SIAGA)
    calls = await board(request).open_calls(viewer.user_id, viewer.holdings)
    return JSONResponse({"calls": [c.as_json() for c in calls]})


PAGE = Page(
    name="siaga",
    path="/siaga",
    title_key="dasbor.nav_siaga",
    action=Action.CALL_SIAGA,
    routes=[Route("/siaga", siaga), Route("/siaga/tally.json", tally)],
)
