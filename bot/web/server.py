"""The dashboard's HTTP server: uvicorn on the bot's own event loop, one process, one `make run`.

The bot owns the process's signals (bot/app.py); uvicorn's own handlers would replace them and
re-raise SIGTERM after its shutdown, so this server installs none and is stopped by the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

import uvicorn
from starlette.types import ASGIApp

log = logging.getLogger(__name__)

# How long open requests (a poll, a page) may take to finish when the bot stops.
STOP_SECONDS = 3


class _QuietServer(uvicorn.Server):
    """uvicorn.Server without signal handlers: the bot's handlers stop it."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebServer:
    """Serve `app` on host:port (port 0: any free one, see `.port`) until `stop()`."""

    def __init__(
        self, app: ASGIApp, *, host: str, port: int, forwarded_allow_ips: str = "127.0.0.1"
    ) -> None:
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            # The bot's logging is configured already (bot/logs.py); uvicorn must not redo it.
            log_config=None,
            access_log=False,
            lifespan="off",
            # Behind nginx: the client's address and https come from X-Forwarded-* headers,
            # trusted only from these addresses (the proxy on the same machine).
            proxy_headers=True,
            forwarded_allow_ips=forwarded_allow_ips,
            server_header=False,
            timeout_graceful_shutdown=STOP_SECONDS,
        )
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The port it listens on (the real one when started with port 0)."""
        for server in self._server.servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        return self._server.config.port

    async def start(self) -> None:
        """Listen; raise RuntimeError if the address cannot be used (a port in use)."""
        self._task = asyncio.create_task(self._serve(), name="web-server")
        while not self._server.started:
            if self._task.done():
                self._task.result()  # the startup's error
                raise RuntimeError("the web server stopped while starting")
            await asyncio.sleep(0.01)
        log.info("Dashboard listening on %s:%d", self._server.config.host, self.port)

    async def _serve(self) -> None:
        try:
            await self._server.serve()
        except SystemExit as exc:  # uvicorn exits when it cannot bind
            raise RuntimeError(
                f"the dashboard cannot listen on {self._server.config.host}:"
                f"{self._server.config.port} (in use? see WEB_LISTEN / WEB_PORT)"
            ) from exc

    async def stop(self) -> None:
        """Stop listening, let open requests finish (briefly), return when done."""
        if self._task is None:
            return
        task, self._task = self._task, None
        self._server.should_exit = True
        try:
            await asyncio.wait_for(task, STOP_SECONDS + 2)
        except TimeoutError:
            self._server.force_exit = True
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        except RuntimeError:
            log.exception("The dashboard's server failed")
