"""The Laporan page: the map and table of reports in the viewer's scope, one report's detail,
and the duty card's actions on it.

Routes (every one checks Action.VIEW_REPORTS and the viewer's scope, at every request):
    GET  /laporan                         the page: filters, map, table (?hal=2 ...)
    GET  /laporan/peta.json               the map's markers for the same filters
    GET  /laporan/baru.json?after=&since= reports new or changed since the last poll
    GET  /laporan/{id}                    one report: story, photos, history, actions
    POST /laporan/{id}/aksi               Terima / Proses / Selesai / Tolak / Tanya pelapor
    POST /laporan/{id}/pelapor            a named reporter, shown to this officer (audited)
    GET  /laporan/{id}/foto/{n}           a photo, fetched from Telegram through the bot
    GET  /laporan/latihan/{id}            a practice report (read-only), and .../foto/{n}

Actions go through `ReportService.check` / `act`, the duty card's own calls, with the card's
rule (Action.HANDLE_REPORT at the report's place; an admin overrides another officer's hold): the
card in the duty chat is edited and the resident told, in the same transaction. Like the card,
the change is recorded in the report's history (report_events, with the officer).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.responses import RedirectResponse
from starlette.responses import Response
from starlette.routing import Route
from telegram.error import TelegramError

from bot.services import Services
from bot.services.authz import Action as Authz
from bot.services.authz import Place
from bot.services.dasbor.laporan import Filters
from bot.services.dasbor.laporan import LaporanService
from bot.services.dasbor.laporan import ReportRow
from bot.services.dasbor.laporan import Scope
from bot.services.dasbor.laporan import Source
from bot.services.free_text import long_enough
from bot.services.reports import MIN_NOTE
from bot.services.reports import Action
from bot.services.reports import Outcome
from bot.services.reports.types import REJECT_REASONS
from bot.texts import DEFAULT
from bot.texts import TEXTS
from bot.texts import plain_text
from bot.texts import t
from bot.texts.when import format_moment
from bot.web import Viewer
from bot.web import current_viewer
from bot.web import render
from bot.web import require
from bot.web import services_of
from bot.web.app import int_param
from bot.web.pages import Page
from handlers.reports.jobs import cancel_escalation
from storage.models import ReportCategory
from storage.models import ReportStatus

# The buttons each status offers, as on the duty card (messages.duty_keyboard).
ACTIONS: dict[ReportStatus, tuple[Action, ...]] = {
    ReportStatus.BARU: (Action.TAKE, Action.REJECT, Action.ASK),
    ReportStatus.DITERIMA: (Action.PROCESS, Action.DONE, Action.REJECT, Action.ASK),
    ReportStatus.DIPROSES: (Action.DONE, Action.REJECT, Action.ASK),
}
# Actions that need the officer's words first (as the card asks for them).
NEEDS_NOTE = frozenset({Action.DONE, Action.ASK})
PHOTO_CACHE = "private, max-age=3600"
CATEGORY_VALUES = frozenset(c.value for c in ReportCategory)
# History kinds the page names in words (others show their kind as stored).
EVENT_KEYS = frozenset(k for k in TEXTS[DEFAULT] if k.startswith("dasbor.laporan_event_"))


@dataclass(frozen=True)
class Seen:
    """Who asks, and the reports they may see (read at every request)."""

    viewer: Viewer
    services: Services
    service: LaporanService
    scope: Scope


async def _seen(request: Request) -> Seen:
    """The viewer, refused (403, audited) unless they may see reports at all."""
    viewer = await current_viewer(request)
    require(viewer, Authz.VIEW_REPORTS)
    services = services_of(request)
    service = services.dasbor.laporan
    return Seen(viewer, services, service, service.scope(viewer.holdings))


def _row_json(row: ReportRow, lang: str, services: Services) -> dict[str, Any]:
    """A row for the page's script: plain text only, and no reporter (only whether named)."""
    category = row.category
    if category in CATEGORY_VALUES:
        category = plain_text(t(lang, f"reports.cat.{row.category}"))
    status = (
        plain_text(t(lang, "dasbor.laporan_practice"))
        if row.practice
        else plain_text(t(lang, f"dasbor.laporan_status_{row.status}"))
    )
    return {
        "id": row.id,
        "code": row.code,
        "url": f"/laporan/latihan/{row.id}" if row.practice else f"/laporan/{row.id}",
        "time": format_moment(row.created_at, lang, services.settings.timezone),
        "category": category,
        "status": row.status,
        "status_label": status,
        "urgent": row.urgent,
        "open": row.open,
        "desa": row.desa,
        "place": row.place_text,
        "lat": row.latitude,
        "lon": row.longitude,
        "source": row.source,
        "named": row.named,
        "handler": row.handler or "",
    }


async def index(request: Request) -> Response:
    """The page: filters, the map and one page of the table."""
    seen = await _seen(request)
    viewer, service, scope = seen.viewer, seen.service, seen.scope
    filters = Filters.parse(request.query_params)
    page = int_param(request.query_params.get("hal"), 1)
    table = await service.table(scope, filters, page)
    query = filters.query()
    return render(
        request,
        viewer,
        "laporan.html",
        {
            "table": table,
            "filters": filters,
            "query": query,
            "statuses": list(ReportStatus),
            "categories": list(ReportCategory),
            "sources": list(Source),
            "desa_choices": service.desa_choices(scope),
            "cursor_after": table.after_id,
            "cursor_since": table.read_at.isoformat(),
            "page_query": lambda n: urlencode(query | {"hal": str(n)}),
            "labels": _labels(seen.viewer.lang),
            "category_values": CATEGORY_VALUES,
        },
    )


async def points(request: Request) -> Response:
    """The map's markers for the page's filters, compact (2,000 markers are ~100 kB): one
    array per report, [id, code, status, category, urgent (0/1), latitude, longitude]; the
    labels of statuses and categories are the page's (data attributes of #peta)."""
    seen = await _seen(request)
    service, scope = seen.service, seen.scope
    found = await service.points(scope, Filters.parse(request.query_params))
    return JSONResponse(
        {
            "points": [
                [
                    p.id,
                    p.code,
                    p.status,
                    p.category,
                    int(p.urgent),
                    round(p.latitude, 5),
                    round(p.longitude, 5),
                ]
                for p in found
            ]
        }
    )


async def changes(request: Request) -> Response:
    """What is new or changed since the page's last poll (`after`: the newest id it has,
    `since`: the previous answer's time)."""
    seen = await _seen(request)
    viewer, services, service, scope = seen.viewer, seen.services, seen.service, seen.scope
    filters = Filters.parse(request.query_params)
    after = int_param(request.query_params.get("after"), 0)
    since = _moment(request.query_params.get("since"))
    found = await service.changes(scope, filters, after, since)
    return JSONResponse(
        {
            "rows": [_row_json(row, viewer.lang, services) for row in found.rows],
            "after": found.after_id,
            "since": found.read_at.isoformat(),
        }
    )


async def detail(request: Request) -> Response:
    """One report: its story, photos, history and the actions the viewer may take."""
    seen = await _seen(request)
    viewer, services, service, scope = seen.viewer, seen.services, seen.service, seen.scope
    report_id = int(request.path_params["report_id"])
    return await _detail_page(request, viewer, services, service, scope, report_id)


async def _detail_page(
    request: Request,
    viewer: Viewer,
    services: Services,
    service: LaporanService,
    scope: Scope,
    report_id: int,
    *,
    identity: Any = None,
) -> Response:
    found = await service.detail(scope, report_id)
    if found is None:
        raise HTTPException(404)
    place = await _place(services, report_id)
    may_act = place is not None and viewer.may(Authz.HANDLE_REPORT, place)
    status = ReportStatus(found.row.status)
    return render(
        request,
        viewer,
        "laporan_detail.html",
        {
            "report": found,
            "row": found.row,
            "actions": ACTIONS.get(status, ()) if may_act else (),
            "may_act": may_act,
            "reasons": REJECT_REASONS,
            "identity": identity,
            "result": _result(request.query_params.get("hasil", "")),
            "category_values": CATEGORY_VALUES,
            "event_keys": EVENT_KEYS,
        },
    )


async def act(request: Request) -> Response:
    """A duty-card action pressed on the page: the same service call as the card's button."""
    seen = await _seen(request)
    viewer, services = seen.viewer, seen.services
    report_id = int(request.path_params["report_id"])
    form = await request.form()
    try:
        action = Action(str(form.get("action", "")))
    except ValueError:
        raise HTTPException(400) from None
    note = str(form.get("note", "")).strip()
    reason = str(form.get("reason", "")) or None
    override = await _may_act(viewer, services, report_id)
    back = f"/laporan/{report_id}"
    if action is Action.REJECT and reason not in REJECT_REASONS:
        return RedirectResponse(f"{back}?hasil=reason", status_code=303)
    wants_note = action in NEEDS_NOTE or (action is Action.REJECT and reason == "lainnya")
    if wants_note and not long_enough(note, MIN_NOTE):
        return RedirectResponse(f"{back}?hasil=note", status_code=303)
    reports = services.reports
    result = await reports.act(
        report_id, viewer.user_id, action, note=note, reason=reason, override=override
    )
    if result.outcome is Outcome.DONE and result.status is not ReportStatus.BARU:
        # Taken: no escalation any more (as after the card's button).
        cancel_escalation(request.app.state.application, report_id)
    return RedirectResponse(f"{back}?hasil={result.outcome.value}", status_code=303)


async def reveal(request: Request) -> Response:
    """A named reporter, shown to this officer on this page only, and audited (the card's
    "👤 Pelapor"); an anonymous report shows nobody."""
    seen = await _seen(request)
    viewer, services, service, scope = seen.viewer, seen.services, seen.service, seen.scope
    report_id = int(request.path_params["report_id"])
    await _may_act(viewer, services, report_id)
    identity = await services.reports.reporter(report_id, viewer.user_id, actor_label=viewer.name)
    if identity is None:
        raise HTTPException(404)
    page = await _detail_page(
        request, viewer, services, service, scope, report_id, identity=identity
    )
    page.headers["cache-control"] = "no-store"
    return page


async def photo(request: Request) -> Response:
    """A report's photo, fetched from Telegram through the bot for a viewer who may see it."""
    seen = await _seen(request)
    service, scope = seen.service, seen.scope
    report_id = int(request.path_params["report_id"])
    file_id = await service.photo(scope, report_id, int(request.path_params["n"]))
    return await _telegram_file(request, file_id)


async def practice(request: Request) -> Response:
    """A practice report (LATIHAN): read-only, no trainee named."""
    seen = await _seen(request)
    viewer, service, scope = seen.viewer, seen.service, seen.scope
    found = await service.practice_detail(scope, int(request.path_params["report_id"]))
    if found is None:
        raise HTTPException(404)
    context = {"practice": found, "row": found.row, "category_values": CATEGORY_VALUES}
    return render(request, viewer, "laporan_detail.html", context)


async def practice_photo(request: Request) -> Response:
    seen = await _seen(request)
    service, scope = seen.service, seen.scope
    report_id = int(request.path_params["report_id"])
    file_id = await service.practice_photo(scope, report_id, int(request.path_params["n"]))
    return await _telegram_file(request, file_id)


async def _telegram_file(request: Request, file_id: str | None) -> Response:
    if file_id is None:
        raise HTTPException(404)
    bot = request.app.state.application.bot
    try:
        telegram_file = await bot.get_file(file_id)
        content = bytes(await telegram_file.download_as_bytearray())
    except TelegramError:
        # Gone from Telegram's servers, or Telegram unreachable: the page shows no photo.
        raise HTTPException(404) from None
    return Response(content, media_type="image/jpeg", headers={"cache-control": PHOTO_CACHE})


async def _place(services: Services, report_id: int) -> Place | None:
    """Where the report lies, as the authorization point sees places (as the card's check)."""
    place = await services.reports.place(report_id)
    if place is None:
        return None
    if place.desa_id is not None:
        return services.roles.place(area_id=place.desa_id)
    if place.polsek_id is not None:
        return services.roles.place(polsek_id=place.polsek_id)
    return Place()  # no place known: only admins


async def _may_act(viewer: Viewer, services: Services, report_id: int) -> bool:
    """Refuse (403, audited) unless the viewer may handle this report; whether they act as an
    admin (who may move a report another officer holds), as the card's `_may_override`."""
    place = await _place(services, report_id)
    if place is None:
        raise HTTPException(404)
    require(viewer, Authz.HANDLE_REPORT, place)
    return await services.roles.is_admin(viewer.user_id)


def _labels(lang: str) -> str:
    """Status and category names for the map's pop-ups (JSON, plain text)."""
    statuses = {
        s.value: plain_text(t(lang, f"dasbor.laporan_status_{s.value}")) for s in ReportStatus
    }
    categories = {c.value: plain_text(t(lang, f"reports.cat.{c.value}")) for c in ReportCategory}
    return json.dumps({"status": statuses, "category": categories}, ensure_ascii=False)


def _result(value: str) -> str:
    """The outcome a redirect after an action names, if it is one the page knows."""
    known = {o.value for o in Outcome} | {"note", "reason"}
    return value if value in known else ""


def _moment(value: str | None) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


PAGE = Page(
    name="laporan",
    path="/laporan",
    title_key="dasbor.nav_laporan",
    action=Authz.VIEW_REPORTS,
    routes=[
        Route("/laporan", index),
        Route("/laporan/peta.json", points),
        Route("/laporan/baru.json", changes),
        Route("/laporan/latihan/{report_id:int}", practice),
        Route("/laporan/latihan/{report_id:int}/foto/{n:int}", practice_photo),
        Route("/laporan/{report_id:int}", detail),
        Route("/laporan/{report_id:int}/aksi", act, methods=["POST"]),
        Route("/laporan/{report_id:int}/pelapor", reveal, methods=["POST"]),
        Route("/laporan/{report_id:int}/foto/{n:int}", photo),
    ],
)
