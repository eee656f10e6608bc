"""The Himbauan page: the advisories the viewer may follow (their own; an administrator's:
everyone's, as /imbauanku and /pengiriman decide) with their delivery progress, live; one
advisory's per-chat ledger with search; Perbarui and Cabut as forms, through the same
`AdvisoryService` calls (and so the same approval, audit and chat messages) as the chat's
buttons under /imbauanku.

Routes: GET /himbauan, GET /himbauan/status.json?ids=1,2 (the live poll), GET /himbauan/{id}
(?cari=&hal= for the ledger), POST /himbauan/{id}/perbarui (text), POST /himbauan/{id}/cabut
(alasan)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.responses import RedirectResponse
from starlette.responses import Response
from starlette.routing import Route

from bot.errors import UserFacingError
from bot.services.authz import Action
from bot.services.dasbor.himbauan import LIST_LIMIT
from bot.services.dasbor.himbauan import HimbauanBoard
from bot.services.dasbor.himbauan import LedgerPage
from bot.texts import t
from bot.web import Viewer
from bot.web import current_viewer
from bot.web import render
from bot.web import require
from bot.web import services_of
from bot.web.app import int_param
from bot.web.app import message_page
from bot.web.pages import Page
from handlers.advisories.jobs import unschedule
from storage.models import AdvisoryStatus

# One message shown once on the next page (after a form's redirect), in the session cookie.
FLASH = "himbauan_flash"
# The longest update or reason the form takes (the chat's own limits apply in the service).
TEXT_MAX = 4000


def board(request: Request) -> HimbauanBoard:
    """The page's read side (made once, on the bot's own services)."""
    return services_of(request).dasbor.himbauan


async def viewer_of(request: Request, action: Action = Action.VIEW_DELIVERIES) -> Viewer:
    viewer = await current_viewer(request)
    require(viewer, action)
    return viewer


async def listing(request: Request) -> Response:
    """The viewer's advisories, newest first, with their progress (polled while sending)."""
    viewer = await viewer_of(request)
    before = int_param(request.query_params.get("sebelum")) or None
    rows = await board(request).advisories(viewer.user_id, before_id=before)
    return render(
        request,
        viewer,
        "himbauan.html",
        {
            "rows": rows,
            "may_compose": viewer.may(Action.COMPOSE_ADVISORY),
            "older": rows[-1].id if len(rows) >= LIST_LIMIT else None,
            "flash": request.session.pop(FLASH, None),
        },
    )


async def status(request: Request) -> Response:
    """The live state of the advisories (and updates) on the viewer's page."""
    viewer = await viewer_of(request)
    ids = [int(x) for x in request.query_params.get("ids", "").split(",") if x.isdigit()]
    rows = await board(request).states(viewer.user_id, ids)
    lang = viewer.lang
    return JSONResponse(
        {
            str(i): {**row.state(), "status_text": t(lang, f"adv.status_{row.status.value}")}
            for i, row in rows.items()
        }
    )


async def detail(request: Request, *, error: str | None = None, status: int = 200) -> Response:
    """One advisory: its text, progress, updates, the ledger (searched, paged) and the forms."""
    viewer = await viewer_of(request)
    advisory_id = int(request.path_params["advisory_id"])
    row = await board(request).advisory(viewer.user_id, advisory_id)
    if row is None:
        # Someone else's is told as not found, as /pengiriman does.
        return message_page(
            request, viewer, "dasbor.nav_himbauan", "dasbor.himbauan_not_found", status=404
        )
    search = request.query_params.get("cari", "")
    page = int_param(request.query_params.get("hal"), 1)
    ledger: LedgerPage | None = await board(request).ledger(
        viewer.user_id, advisory_id, search=search, page=page
    )
    return render(
        request,
        viewer,
        "himbauan_detail.html",
        {
            "row": row,
            "ledger": ledger,
            "search": search,
            "may_compose": viewer.may(Action.COMPOSE_ADVISORY),
            "flash": request.session.pop(FLASH, None),
            "error": error,
        },
        status=status,
    )


async def update(request: Request) -> Response:
    """Perbarui: the update goes as a reply to the original in its chats (or to the Polsek for
    approval first), exactly as the chat's button does it."""
    viewer = await viewer_of(request, Action.COMPOSE_ADVISORY)
    advisory_id = int(request.path_params["advisory_id"])
    form = await request.form()
    text = str(form.get("text") or "").strip()[:TEXT_MAX]
    advisories = services_of(request).advisories
    try:
        submitted = await advisories.submit_update(
            advisory_id, viewer.user_id, text, author_name=viewer.name
        )
    except UserFacingError as error:
        return await detail(request, error=error.text(viewer.lang), status=409)
    key = "adv.update_pending" if submitted.approver else "adv.update_queued"
    polsek, count = submitted.approver or "", submitted.recipients
    request.session[FLASH] = t(viewer.lang, key, id=advisory_id, polsek=polsek, count=count)
    return RedirectResponse(f"/himbauan/{advisory_id}", status_code=303)


async def cancel(request: Request) -> Response:
    """Cabut: withdraw it everywhere with the reason, as the chat's button does."""
    viewer = await viewer_of(request, Action.COMPOSE_ADVISORY)
    advisory_id = int(request.path_params["advisory_id"])
    form = await request.form()
    reason = str(form.get("alasan") or "").strip()[:500]
    services = services_of(request)
    try:
        if not reason:
            await services.advisories.check_cancellable(advisory_id)
            return await detail(
                request, error=t(viewer.lang, "dasbor.himbauan_reason_needed"), status=400
            )
        before = await services.advisories.cancel(advisory_id, viewer.user_id, reason)
    except UserFacingError as error:
        return await detail(request, error=error.text(viewer.lang), status=409)
    # A scheduled one's job would find it withdrawn and send nothing; removed as in chat.
    unschedule(request.app.state.application, advisory_id)
    key = "adv.cancelled_sent" if before is AdvisoryStatus.SENT else "adv.cancelled_unsent"
    request.session[FLASH] = t(viewer.lang, key, id=advisory_id)
    return RedirectResponse(f"/himbauan/{advisory_id}", status_code=303)


PAGE = Page(
    name="himbauan",
    path="/himbauan",
    title_key="dasbor.nav_himbauan",
    action=Action.VIEW_DELIVERIES,
    routes=[
        Route("/himbauan", listing),
        Route("/himbauan/status.json", status),
        Route("/himbauan/{advisory_id:int}", detail),
        Route("/himbauan/{advisory_id:int}/perbarui", update, methods=["POST"]),
        Route("/himbauan/{advisory_id:int}/cabut", cancel, methods=["POST"]),
    ],
)
