"""Serve a FakeTelegram over real HTTP on 127.0.0.1, for a bot running as a separate process.

Point the bot at it with TELEGRAM_API_BASE_URL=<server.base_url> and
TELEGRAM_API_FILE_URL=<server.file_url>. Only the loopback interface is ever used.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import urllib.error
import urllib.request
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl
from urllib.parse import unquote
from urllib.parse import urlsplit

import httpx

from tests.harness.fake_api import FakeTelegram
from tests.harness.fake_api import JSONDict
from tests.harness.fake_api import SimulatedTransportError
from tests.harness.fake_api import Upload
from tests.harness.fake_api import error_body
from tests.harness.fake_api import make_upload

DEFAULT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstu"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that knows its fake and can drop open connections on stop."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a bot opening more connections at once (PTB's
    # pool takes 256; the start-up's command menus go out together) had SYNs dropped and
    # retried a second later.
    request_queue_size = 1024

    def __init__(self, fake: FakeTelegram, token: str, timeout_delay: float) -> None:
        self.fake = fake
        self.token = token
        self.timeout_delay = timeout_delay
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track the connection so `close_connections` can end keep-alive reads."""
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget the connection, then close it."""
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Shut down every open connection so handler threads finish at once."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients hanging up (timeouts, stops) are expected here."""


class _Handler(BaseHTTPRequestHandler):
    """Route /bot<token>/<method> and /file/bot<token>/<path> to the fake."""

    protocol_version = "HTTP/1.1"  # keep-alive, as PTB's httpx client expects
    # The headers and the body of an answer are two writes: with Nagle's algorithm the body
    # waited for the client's delayed ACK (~40 ms per request on Linux), which capped a bot's
    # rate against this server (bench/speed.py), not Telegram's.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Do not log requests (their URLs contain the token)."""

    def do_GET(self) -> None:
        """Serve a GET (Bot API methods accept query strings; files are downloaded this way)."""
        self._dispatch()

    def do_POST(self) -> None:
        """Serve a POST."""
        self._dispatch()

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body()
        path = unquote(url.path)
        if path.startswith("/file/bot"):
            token, _, file_path = path.removeprefix("/file/bot").partition("/")
            if token != self.server.token:
                self._send_json(401, error_body(401, "Unauthorized"))
                return
            content = self.server.fake.file_bytes(file_path)
            if content is None:
                self._send_json(404, error_body(404, "Not Found"))
            else:
                self._send(200, content, "application/octet-stream")
            return
        if not path.startswith("/bot"):
            self._send_json(404, error_body(404, "Not Found"))
            return
        token, _, method = path.removeprefix("/bot").partition("/")
        if token != self.server.token:
            self._send_json(401, error_body(401, "Unauthorized"))
            return
        if not method or "/" in method:
            self._send_json(404, error_body(404, "Not Found"))
            return
        try:
            params, files = self._parse_params(url.query, body)
        except ValueError:
            self._send_json(400, error_body(400, "Bad Request: can't parse request body"))
            return
        self._answer(method, params, files)

    def _answer(self, method: str, params: JSONDict, files: dict[str, Upload]) -> None:
        fake = self.server.fake
        latency = fake.next_latency()
        before = latency * fake.latency_before_share
        if before > 0:
            fake.clock.sleep_blocking(before)
        if method.lower() == "getupdates":
            fake.wait_for_updates(
                _number(params.get("timeout")),
                int(_number(params.get("offset"))) or None,
                cancelled=self.server.stopping.is_set,
            )
        try:
            status, body = fake.handle(method, params, files)
        except SimulatedTransportError as exc:
            if exc.kind == "timeout":
                # Hold the answer past the client's read timeout (or until the server stops).
                self.server.stopping.wait(self.server.timeout_delay)
            # Hang up without answering: the client sees a dropped connection.
            self.close_connection = True
            return
        if latency - before > 0:
            fake.clock.sleep_blocking(latency - before)
        self._send_json(status, body)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()  # the blank line after the last chunk
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _parse_params(self, query: str, body: bytes) -> tuple[JSONDict, dict[str, Upload]]:
        params: JSONDict = dict(parse_qsl(query, keep_blank_values=True))
        files: dict[str, Upload] = {}
        content_type = self.headers.get("Content-Type", "")
        media_type = content_type.split(";", 1)[0].strip().lower()
        if not body:
            return params, files
        if media_type == "application/json":
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise ValueError("JSON body must be an object")
            params.update(decoded)
        elif media_type == "multipart/form-data":
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
            )
            if not message.is_multipart():
                raise ValueError("malformed multipart body")
            for part in message.iter_parts():  # type: ignore[attr-defined]
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                filename = part.get_filename()
                if filename is None:
                    params[str(name)] = payload.decode("utf-8")
                else:
                    files[str(name)] = make_upload(
                        str(name), filename, payload, part.get_content_type()
                    )
        else:
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        return params, files

    def _send_json(self, status: int, body: JSONDict) -> None:
        self._send(status, json.dumps(body).encode("utf-8"), "application/json")

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _number(value: Any) -> float:
    """Read a numeric form value leniently (missing or malformed means 0)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


class FakeTelegramServer:
    """A FakeTelegram reachable at http://127.0.0.1:<port>/bot<token>/<method>."""

    def __init__(
        self,
        fake: FakeTelegram,
        *,
        token: str = DEFAULT_TOKEN,
        timeout_delay: float = 6.0,
    ) -> None:
        self.fake = fake
        self.token = token
        self.timeout_delay = timeout_delay
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeTelegramServer:
        """Bind a free port and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("server already started")
        self._server = _Server(self.fake, self.token, self.timeout_delay)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-telegram-http",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake long polls and drop open connections."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.stopping.set()
        self.fake.wake_waiters()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=2)
        self._server = self._thread = None

    def __enter__(self) -> FakeTelegramServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """Return the bound port."""
        if self._server is None:
            raise RuntimeError("server not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Return the value for TELEGRAM_API_BASE_URL / `Bot(base_url=...)`."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        """Return the value for TELEGRAM_API_FILE_URL / `Bot(base_file_url=...)`."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def api_url(self, method: str) -> str:
        """Return the full URL of one Bot API method for the configured token."""
        return f"{self.base_url}{self.token}/{method}"


def _webhook_headers(secret_token: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if secret_token is not None:
        headers[SECRET_HEADER] = secret_token
    return headers


def post_webhook_update(
    url: str, update: JSONDict | bytes, secret_token: str | None = None, timeout: float = 5.0
) -> int:
    """POST `update` to a bot's webhook like Telegram does; return the HTTP status (blocking).
    Bytes are posted as they are (a malformed body)."""
    request = urllib.request.Request(
        url,
        data=update if isinstance(update, bytes) else json.dumps(update).encode("utf-8"),
        headers=_webhook_headers(secret_token),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        with exc:
            return int(exc.code)


def deliver_webhook_updates(fake: FakeTelegram, timeout: float = 5.0) -> list[int]:
    """POST every queued update to the webhook the bot set; re-queue those not answered 2xx."""
    webhook = fake.webhook
    if webhook is None:
        raise RuntimeError("no webhook is set")
    statuses = []
    for update in fake.take_pending_updates():
        status = post_webhook_update(webhook["url"], update, webhook["secret_token"], timeout)
        statuses.append(status)
        if not 200 <= status < 300:
            fake.push_update(update)  # Telegram retries until the bot accepts
    return statuses


async def post_webhook_update_async(
    url: str, update: JSONDict, secret_token: str | None = None, request_timeout: float = 5.0
) -> int:
    """Like `post_webhook_update`, for a webhook served on the test's own event loop."""
    async with httpx.AsyncClient(timeout=request_timeout) as client:
        response = await client.post(url, json=update, headers=_webhook_headers(secret_token))
        return response.status_code
