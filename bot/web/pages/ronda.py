"""The Ronda page (its read side is shared with the Siaga page, bot/web/pages/siaga.py):
this week's rosters of the desa whose ronda the viewer coordinates (Action.MANAGE_PATROLS, the
scope of /statistikronda), held and missed shifts, and the check-ins on a Leaflet map."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.services.authz import Action
from bot.services.dasbor.ronda import RondaBoard
from bot.web import Viewer
from bot.web import current_viewer
from bot.web import render
from bot.web import require
from bot.web import services_of
from bot.web.pages import Page


def board(request: Request) -> RondaBoard:
    """The pages' read side (made once, on the bot's own services)."""
    return services_of(request).dasbor.ronda


async def viewer_of(request: Request, action: Action) -> Viewer:
    viewer = await current_viewer(request)
    require(viewer, action)
    return viewer


async def ronda(request: Request) -> Response:
    """This week's rosters per desa, held and missed, and the check-ins' map."""
    viewer = await viewer_of(request, Action.MANAGE_PATROLS)
    week = await board(request).week(viewer.holdings)
    points = [
        {
            "lat": p.latitude,
            "lon": p.longitude,
            "desa": p.desa,
            "name": p.name,
            "shift": p.shift_id,
            "at": p.at.isoformat(),
            "post": p.at_post,
        }
        for p in week.points
    ]
    posts = [
        {"lat": p.latitude, "lon": p.longitude, "name": p.name}
        for p in week.posts
        if p.latitude is not None and p.longitude is not None
    ]
    return render(
        request,
        viewer,
        "ronda.html",
        {"week": week, "points": points, "posts": posts, "patrols": services_of(request).patrols},
    )


PAGE = Page(
    name="ronda",
    path="/ronda",
    title_key="dasbor.nav_ronda",
    action=Action.MANAGE_PATROLS,
    routes=[Route("/ronda", ronda)],
)
