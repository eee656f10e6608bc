"""For whoever runs the server: GET /healthz (is the bot well?) and GET /metrics (Prometheus).

/healthz is open to anyone who can reach the port (a load balancer, a monitor): it says no
secret and nothing about any person. 200 with {"status": "ok", ...} or 503 with
{"status": "fail", "reasons": [...], ...}; it fails when

- the database does not take a write within `DATABASE_TIMEOUT` (a read alone succeeds on a
  full disk or a read-only file, where the bot can store nothing),
- long polling: no getUpdates call came back for `INTAKE_STALE` seconds. A quiet night brings
  no updates, and that is no fault; a polling loop that stopped going round is (in webhook
  mode Telegram pushes, and the bot cannot tell quiet from cut off: `"webhook": true`),
- a one-person message (a reply, a report's status, a duty card) has waited longer than
  `DIRECT_STALE`: those go before every broadcast, so only a stuck engine, a database away
  or a long flood pause keeps them waiting that long. A broadcast's backlog is normal.

/metrics: the counters of bot/metrics.py, plus figures read from the database at scrape time
(off the event loop, one look at a time: bot/services/health.py). Only from the addresses of
WEB_METRICS_ALLOW (IPs or CIDR networks; default loopback) or with
`Authorization: Bearer <WEB_METRICS_TOKEN>`; anyone else gets 403.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import logging
import time
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from prometheus_client import REGISTRY
from prometheus_client import CollectorRegistry
from prometheus_client import generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.responses import PlainTextResponse
from starlette.responses import Response
from starlette.routing import Route

from bot.delivery import Priority
from bot.ptb.updates import Intake
from bot.services.health import DatabaseLook
from bot.services.health import HealthService
from storage.models import ReportStatus

log = logging.getLogger(__name__)

# Long polling: a getUpdates call comes back at least every PTB poll timeout (10 s) plus the
# network's time; five minutes without one is a loop that stopped, not a quiet night.
INTAKE_STALE = 300.0
# The longest a one-person message may wait in the outbox before the bot counts as unwell.
DIRECT_STALE = 600.0


def routes() -> list[Route]:
    """The operator's endpoints, for build_web."""
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]


# ---- /healthz ------------------------------------------------------------------------------


async def healthz(request: Request) -> Response:
    """200 and the figures if the bot is well, else 503 and why."""
    look = await _health(request).check()
    reasons: list[str] = []
    if look.state != "ok":
        reasons.append(f"database {look.state}")
    updates = _updates(request, reasons)
    body: dict[str, Any] = {"status": "ok", "database": look.state, "updates": updates}
    if look.figures is not None:
        direct = round(look.figures.oldest_direct_waiting, 1)
        if direct > DIRECT_STALE:
            reasons.append(f"a one-person message has waited {direct:.0f} s")
        body["delivery"] = {
            "backlog": sum(look.figures.backlog.values()),
            "oldest_waiting_seconds": round(look.figures.oldest_waiting, 1),
            "oldest_direct_waiting_seconds": direct,
        }
    if reasons:
        body["status"] = "fail"
        body["reasons"] = reasons
        return JSONResponse(body, status_code=503, headers=_NO_STORE)
    return JSONResponse(body, headers=_NO_STORE)


_NO_STORE = {"Cache-Control": "no-store"}


def _updates(request: Request, reasons: list[str]) -> dict[str, Any]:
    """How updates come in; a polling loop that stopped adds a reason."""
    if request.app.state.services.settings.use_webhook:
        return {"webhook": True}
    intake = _intake(request)
    if intake is None:
        return {"webhook": False}
    now = time.monotonic()
    fetch = None if intake.last_fetch is None else round(now - intake.last_fetch, 1)
    update = None if intake.last_update is None else round(now - intake.last_update, 1)
    # Since start-up when none came back yet (polling starts a moment after the web server).
    silent = now - (intake.last_fetch if intake.last_fetch is not None else intake.started)
    if silent > INTAKE_STALE:
        reasons.append(f"no getUpdates answer for {silent:.0f} s")
    return {
        "webhook": False,
        "last_fetch_seconds_ago": fetch,
        "last_update_seconds_ago": update,
    }


def _intake(request: Request) -> Intake | None:
    """The update processor's record of the intake (bot/ptb/updates.py)."""
    application = getattr(request.app.state, "application", None)
    intake = getattr(getattr(application, "update_processor", None), "intake", None)
    return intake if isinstance(intake, Intake) else None


def _health(request: Request) -> HealthService:
    """The web app's one HealthService (made at first use: one look at a time per app)."""
    state = request.app.state
    health = getattr(state, "operator_health", None)
    if health is None:
        health = HealthService(state.services.db)
        state.operator_health = health
    return health


# ---- /metrics ------------------------------------------------------------------------------


async def metrics(request: Request) -> Response:
    """Prometheus' text format, to allowed addresses or the bearer token's holder."""
    if not _may_scrape(request):
        return PlainTextResponse("Forbidden\n", status_code=403)
    look = await _health(request).figures()
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(StoreCollector(look, _engine_pause(request), _intake(request)))
    body = generate_latest(REGISTRY) + generate_latest(scrape)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers=_NO_STORE)


def _engine_pause(request: Request) -> float:
    engine = getattr(request.app.state.services.delivery, "engine", None)
    return float(engine.paused_for()) if engine is not None else 0.0


_PRIORITIES = {p.value: p.name.lower() for p in Priority}


class StoreCollector(Collector):
    """The figures of one scrape, read before the text is generated (never on the loop)."""

    def __init__(self, look: DatabaseLook, paused: float, intake: Intake | None) -> None:
        self._look = look
        self._paused = paused
        self._intake = intake

    def collect(self) -> Iterable[Metric]:
        """The gauges; those read from the database only when it answered."""
        yield _gauge(
            "kamtibmas_database_up",
            "1 if the database answered this scrape's queries, else 0.",
            1.0 if self._look.figures is not None else 0.0,
        )
        yield _gauge(
            "kamtibmas_delivery_paused_seconds",
            "Seconds until a flood pause (429) this process knows of is over.",
            round(self._paused, 3),
        )
        if self._intake is not None and self._intake.last_fetch is not None:
            yield _gauge(
                "kamtibmas_updates_last_fetch_age_seconds",
                "Seconds since a getUpdates call last came back (long polling only).",
                round(time.monotonic() - self._intake.last_fetch, 3),
            )
        figures = self._look.figures
        if figures is None:
            return
        backlog = GaugeMetricFamily(
            "kamtibmas_delivery_backlog",
            "Outbox rows not sent yet (pending or being sent), by priority.",
            labels=["priority"],
        )
        for value, name in sorted(_PRIORITIES.items()):
            backlog.add_metric([name], figures.backlog.get(value, 0))
        yield backlog
        yield _gauge(
            "kamtibmas_delivery_oldest_waiting_seconds",
            "Age of the oldest delivery with a row not sent yet (0 when none).",
            round(figures.oldest_waiting, 3),
        )
        yield _gauge(
            "kamtibmas_delivery_oldest_direct_waiting_seconds",
            "The same for one-person messages (priority direct).",
            round(figures.oldest_direct_waiting, 3),
        )
        reports = GaugeMetricFamily(
            "kamtibmas_reports", "Reports by status (all time).", labels=["status"]
        )
        for status in ReportStatus:
            reports.add_metric([status.value], figures.reports.get(status.value, 0))
        yield reports
        yield _gauge(
            "kamtibmas_siaga_open_calls", "Siaga calls open now.", figures.open_siaga_calls
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


# ---- who may scrape ------------------------------------------------------------------------


def _may_scrape(request: Request) -> bool:
    """From an allowed address, or with the bearer token (compared in constant time)."""
    settings = request.app.state.services.settings
    token = settings.web_metrics_token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
        return True
    client = request.client.host if request.client is not None else None
    if client is None:
        return False
    try:
        address = ipaddress.ip_address(client)
    except ValueError:  # a test client's name, a unix socket: not an address at all
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    networks = allowed_networks(tuple(settings.web_metrics_allow))
    return any(address in network for network in networks)


@functools.lru_cache(maxsize=8)
def allowed_networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The networks of WEB_METRICS_ALLOW (an address is a network of one); bot/config.py
    refuses an entry that is neither at start-up, so the warning is for hand-made Settings."""
    return tuple(_networks(entries))


def _networks(
    entries: tuple[str, ...],
) -> Iterator[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    for entry in entries:
        try:
            yield ipaddress.ip_network(entry, strict=False)
        except ValueError:
            log.warning("WEB_METRICS_ALLOW: %r is not an address or network; ignored", entry)
