"""The one place that wires the bot: the Application, its services and its handlers."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Awaitable
from collections.abc import Callable
from dataclasses import replace

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application
from telegram.ext import ContextTypes
from telegram.ext import Defaults
from telegram.ext import JobQueue
from telegram.request import BaseRequest
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.delivery import Clock
from bot.ptb.context import App
from bot.ptb.context import BotData
from bot.ptb.context import Ctx
from bot.ptb.jobqueue import PatientJobQueue
from bot.ptb.persistence import DatabasePersistence
from bot.ptb.ratelimiter import FastLaneLimiter
from bot.ptb.sender import TelegramSender
from bot.ptb.updates import FetchWhenRoom
from bot.ptb.updates import PerSenderUpdateProcessor
from bot.services import Services
from handlers import advisories
from handlers import area_admin
from handlers import areas
from handlers import audit
from handlers import backups
from handlers import basic
from handlers import conversation
from handlers import dasbor
from handlers import delivery
from handlers import edukasi
from handlers import errors
from handlers import fallback
from handlers import kondisi
from handlers import latihan
from handlers import menus
from handlers import neighbours
from handlers import patrols
from handlers import privacy
from handlers import reports
from handlers import retention
from handlers import roles
from handlers import siaga
from handlers import tracking
from storage import queries
from storage.db import Database

log = logging.getLogger(__name__)

# Opt in to python-telegram-bot's future behaviour: durations (RetryAfter.retry_after, ...) are
# timedeltas. Without it every 429 also raises a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    delivery_clock: Clock | None = None,
) -> App:
    """Build the Application; `request` replaces the HTTP transport (tests use a fake one),
    `delivery_clock` the delivery engine's clock (tests and benchmarks scale time)."""
    # The database is opened here, not in post_init: PTB loads the persisted conversations
    # in `initialize()`, before post_init runs.
    db = Database(settings.database_url)
    # Different people's updates run concurrently, each person's in order, a bounded number at
    # once; more are fetched only when there is room (bot/ptb/updates.py).
    processor = PerSenderUpdateProcessor()
    # Jobs run however late the event loop gets to them (bot/ptb/jobqueue.py).
    jobs: JobQueue[Ctx] = PatientJobQueue()
    builder = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_file_url)
        .context_types(ContextTypes(context=Ctx, bot_data=BotData))
        .job_queue(jobs)
        # Every text is HTML with user values escaped (bot.texts); times in the configured zone.
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.timezone))
        .persistence(DatabasePersistence(db))
        .concurrent_updates(processor)
        # Handlers' own Bot API calls: the delivery engine's budget and flood pause, retries.
        .rate_limiter(FastLaneLimiter())
        .post_init(lambda application: _post_init(application, settings, db, delivery_clock))
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    # PTB's own default for getUpdates (one connection), behind the processor's gate.
    polling = get_updates_request or request or HTTPXRequest(connection_pool_size=1)
    builder = builder.get_updates_request(FetchWhenRoom(polling, processor))
    application: App = builder.build()
    register_handlers(application)
    return application


# Each feature's `rebuild_jobs(application)`: schedule its JobQueue jobs from the database.
STARTUP_JOBS: list[Callable[[App], Awaitable[None]]] = [
    reports.rebuild_jobs,  # escalations of untaken reports (report:escalate:{id})
    advisories.rebuild_jobs,  # scheduled advisories (adv:send:{id})
    patrols.rebuild_jobs,  # the moments of coming shifts (ronda:shift:{id})
    siaga.rebuild_jobs,  # open calls' closing and tallies behind (siaga:close:{id}, siaga:tally:*)
    backups.rebuild_jobs,  # the daily backup at BACKUP_HOUR (backup:daily)
    retention.rebuild_jobs,  # the daily clean-up of old data at RETENTION_HOUR (retention:daily)
    kondisi.rebuild_jobs,  # the weekly digest of the desa's situation (kondisi:digest)
    edukasi.rebuild_jobs,  # education series' next items (edukasi:series:{id})
]


def register_handlers(application: App) -> None:
    """Add the handlers in their deliberate order."""
    # Group -2: a button press without data is answered as stale and goes no further (PTB
    # would hand it to the first button handler of any pattern).
    application.add_handlers(fallback.first_handlers(), group=-2)
    # Group -1 runs for every update before anything else: it records the sender.
    application.add_handlers(tracking.handlers(), group=-1)
    # Group 0: feature handlers first; the first one that matches answers the update.
    # Which conversation takes a typed text is not decided by this order: a user has one open
    # conversation at a time, the one started last (handlers/conversation.py). The order
    # decides only which entry point a command matches first.
    # Reports first: `/start lapor`, the link from a group, must not start the onboarding.
    application.add_handlers(reports.handlers())
    # Invites next: `/start inv_...` (an invite link) must not start the onboarding either.
    application.add_handlers(roles.handlers())
    # The onboarding before the plain commands: /start of a newcomer asks for their desa.
    application.add_handlers(areas.handlers())
    application.add_handlers(area_admin.handlers())
    application.add_handlers(basic.handlers())
    application.add_handlers(delivery.handlers())
    application.add_handlers(audit.handlers())
    # Advisories: /imbauan and its approval, correction, acknowledgement and mute buttons.
    application.add_handlers(advisories.handlers())
    application.add_handlers(neighbours.handlers())  # Siap bantu under a neighbour alert
    # Siaga before patrols: a location shared after 📍 Sudah di lokasi answers the call (the
    # conversation takes it only from someone in that step), not a ronda check-in.
    application.add_handlers(siaga.handlers())
    # Patrols: /ronda, /jadwal, /aturronda, check-in and check-out, swaps.
    application.add_handlers(patrols.handlers())
    # A person's rights: /privasi, the copy of their data, its deletion after a confirmation.
    application.add_handlers(privacy.handlers())
    # Kondisi wilayah: /kondisi, a desa's situation notes.
    application.add_handlers(kondisi.handlers())
    # Sosialisasi: /edukasi, adding items, education series.
    application.add_handlers(edukasi.handlers())
    # Latihan: /latihan, a session's buttons, feedback (the practice mode is /lapor's).
    application.add_handlers(latihan.handlers())
    # The Polsek dashboard: /dasbor, a one-time link to the web (bot/web).
    application.add_handlers(dasbor.handlers())
    # ...and the catch-alls last (unknown commands, free text, stale buttons, idle /batal).
    application.add_handlers(fallback.handlers())
    conversation.check_registered(application)
    application.add_error_handler(errors.on_error)


async def _post_init(
    application: App, settings: Settings, db: Database, clock: Clock | None = None
) -> None:
    """Create the services, load the area index, publish the command menus, rebuild the
    scheduled jobs from the database, start sending."""
    services = Services.create(settings, db)
    application.bot_data.services = services
    # The shared menus are Bot API round trips only: they go out while the database work runs.
    await asyncio.gather(
        menus.publish_shared_menus(application), _load_from_database(application, services)
    )
    # Unfinished deliveries resume here: a dead process's rows at once on SQLite (the sender
    # lock), about 10 s after its last heartbeat on PostgreSQL (bot/delivery/workers.py).
    await services.delivery.start(TelegramSender(application.bot), clock=clock)
    if isinstance(application.bot.rate_limiter, FastLaneLimiter):
        application.bot.rate_limiter.attach(services.delivery.engine)
    if settings.web_enabled:
        await _start_web(application, services)
    log.info("Kamtibmas Bot @%s is ready", application.bot.username)


async def _load_from_database(application: App, services: Services) -> None:
    """Record who the bot is, load the area index, rebuild the scheduled jobs from the rows."""
    # Who the bot is (getMe in initialize): `kamtibmas invite create` prints t.me links with it.
    await services.db.run(
        queries.record_bot_profile, bot_id=application.bot.id, username=application.bot.username
    )
    await services.areas.load()
    # Personal menus (roles changed on the command line while the bot was down) catch up in
    # the background, once the JobQueue runs.
    assert application.job_queue is not None  # the job-queue extra is a dependency
    application.job_queue.run_once(menus.sync_menus, when=0, name=menus.SYNC_JOB)
    # Jobs are derived from rows (escalations, scheduled advisories): rebuilt at every start.
    for rebuild in STARTUP_JOBS:
        await rebuild(application)


async def _start_web(application: App, services: Services) -> None:
    """Serve the Polsek dashboard on this loop (bot/web), beside polling or PTB's webhook."""
    from bot.web.app import build_web  # starlette and jinja only when the dashboard runs
    from bot.web.server import WebServer

    settings = services.settings
    assert settings.web_port is not None
    web = build_web(application, secret=await services.dasbor.cookie_key())
    server = WebServer(web, host=settings.web_listen, port=settings.web_port)
    await server.start()
    application.bot_data.web = server
    if not settings.web_base_url:
        services.dasbor.base_url = replace(settings, web_port=server.port).web_public_url


async def _stop_web(application: App) -> None:
    """Stop the dashboard's server (open requests get a moment to finish)."""
    server, application.bot_data.web = application.bot_data.web, None
    if server is not None:
        await server.stop()


async def _post_stop(application: App) -> None:
    """Stop sending while the bot can still finish its open requests (SIGTERM stays fast)."""
    await _stop_web(application)
    if hasattr(application.bot_data, "services"):
        await application.bot_data.services.delivery.stop()


async def _post_shutdown(application: App) -> None:
    """Stop sending (if post_stop did not), let transactions finish, close the database."""
    await _stop_web(application)
    if hasattr(application.bot_data, "services"):
        await application.bot_data.services.delivery.stop()
        application.bot_data.services.db.close()
    log.info("Kamtibmas Bot stopped")


# The signals that stop the bot (PTB's own default set).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


def run(application: App, settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: long polling, or PTB's webhook server when configured."""
    # PTB uses the current event loop; made here so the stop signals can be handled on it.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    _handle_stop_signals(application, loop)
    if settings.use_webhook:
        from bot.ptb import webhook  # tornado's request handlers: webhooks only

        webhook.install()  # a body that is not an update gets 400, not 500 (bot/ptb/webhook.py)
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
            stop_signals=None,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
    # Stopped: a late repeat of the signal must not turn a clean exit into "killed by SIGTERM".
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def _handle_stop_signals(application: App, loop: asyncio.AbstractEventLoop) -> None:
    """The first stop signal stops the bot; repeats are ignored while it stops.

    PTB's own handler raises SystemExit at every signal, and a process-group stop of `make run`
    delivers two SIGTERMs (make forwards its own): the second one broke off the shutdown half
    way (sends left claimed, "coroutine ... was never awaited", no "stopped" in the log).
    """
    stopping = False

    def stop(sig: signal.Signals) -> None:
        nonlocal stopping
        if stopping:
            log.info("%s again: ignored, the bot is already stopping", sig.name)
            return
        stopping = True
        log.info("%s: stopping", sig.name)
        if application.running:
            application.stop_running()  # run_forever returns, then the orderly shutdown
        else:
            raise SystemExit  # still starting: PTB's handling, the shutdown follows

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop, sig)
