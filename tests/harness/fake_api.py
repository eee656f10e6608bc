"""In-memory model of the Telegram Bot API, with fault injection, flood limits and a PTB transport.

`FakeTelegram` answers Bot API calls exactly like Telegram would (status code and JSON body), so
python-telegram-bot's own error mapping (RetryAfter, Forbidden, BadRequest, ...) runs unchanged.
`FakeRequest` plugs it into a `telegram.Bot`/`Application` in-process; `http_server` serves it
over real HTTP for a bot running as a separate process.
"""

from __future__ import annotations

import asyncio
import copy
import json
import math
import random
import re
import threading
import time
from collections import Counter
from collections import deque
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import IO
from typing import Any
from typing import Protocol

from telegram.error import NetworkError
from telegram.error import TimedOut
from telegram.request import BaseRequest
from telegram.request import RequestData

JSONDict = dict[str, Any]

# Floating-point slack so that e.g. 30 sends refilled over exactly 1.0 s are not rejected.
_EPS = 1e-9
# Uploaded files larger than this are recorded by name and size only, to keep load tests lean.
_KEEP_UPLOAD_BYTES = 64 * 1024
# Synthetic downloads are capped so a huge declared file_size cannot eat memory.
_MAX_SYNTHETIC_BYTES = 1024 * 1024

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)


# --------------------------------------------------------------------------------------------
# Clocks
# --------------------------------------------------------------------------------------------


class Clock(Protocol):
    """What the fake needs to know about time."""

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes backwards."""
        ...

    def wall_time(self) -> float:
        """Return Unix time in seconds."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Let `seconds` of this clock's time pass without blocking the event loop."""
        ...

    def sleep_blocking(self, seconds: float) -> None:
        """Let `seconds` of this clock's time pass, blocking the calling thread."""
        ...


class RealClock:
    """The machine's clock."""

    def monotonic(self) -> float:
        """Return `time.monotonic()`."""
        return time.monotonic()

    def wall_time(self) -> float:
        """Return `time.time()`."""
        return time.time()

    async def sleep(self, seconds: float) -> None:
        """Sleep with asyncio."""
        await asyncio.sleep(max(0.0, seconds))

    def sleep_blocking(self, seconds: float) -> None:
        """Sleep with `time.sleep`."""
        time.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that only moves when told to, for fast deterministic rate-limit tests."""

    def __init__(self, start_wall: float = 1_790_000_000.0) -> None:
        self._lock = threading.Lock()
        self._start_wall = start_wall
        self._elapsed = 0.0

    def advance(self, seconds: float) -> None:
        """Move time forward by `seconds`."""
        if seconds < 0:
            raise ValueError("time cannot go backwards")
        with self._lock:
            self._elapsed += seconds

    def monotonic(self) -> float:
        """Return seconds elapsed since the clock was made."""
        with self._lock:
            return self._elapsed

    def wall_time(self) -> float:
        """Return the simulated Unix time."""
        with self._lock:
            return self._start_wall + self._elapsed

    async def sleep(self, seconds: float) -> None:
        """Advance the clock by `seconds`, then yield to the event loop once."""
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)

    def sleep_blocking(self, seconds: float) -> None:
        """Advance the clock by `seconds`."""
        self.advance(max(0.0, seconds))


class ScaledClock:
    """Fake time that runs `factor` times faster than real time (fake = real_elapsed * factor)."""

    def __init__(self, factor: float, start_wall: float | None = None) -> None:
        if factor <= 0:
            raise ValueError("factor must be positive")
        self.factor = factor
        self._real_start = time.monotonic()
        self._start_wall = time.time() if start_wall is None else start_wall

    def monotonic(self) -> float:
        """Return fake seconds elapsed since the clock was made."""
        return (time.monotonic() - self._real_start) * self.factor

    def wall_time(self) -> float:
        """Return the fake Unix time."""
        return self._start_wall + self.monotonic()

    async def sleep(self, seconds: float) -> None:
        """Sleep `seconds` of fake time (seconds / factor of real time)."""
        await asyncio.sleep(max(0.0, seconds) / self.factor)

    def sleep_blocking(self, seconds: float) -> None:
        """Block for `seconds` of fake time."""
        time.sleep(max(0.0, seconds) / self.factor)


def latency_profile(
    median: float = 0.06,
    stall_probability: float = 0.01,
    stall: float = 2.0,
    rng: random.Random | None = None,
) -> Callable[[], float]:
    """Return a latency function: log-normal around `median`, now and then a `stall`."""
    generator = rng or random.Random(0)

    def latency() -> float:
        if generator.random() < stall_probability:
            return stall
        # A log-normal keeps latencies positive with a long-ish right tail, like real networks.
        return generator.lognormvariate(math.log(median), 0.25)

    return latency


# --------------------------------------------------------------------------------------------
# Faults, records and statistics
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """An error the fake answers with instead of (or, for a delivered timeout, after) the call."""

    kind: str  # "http", "timeout" or "network"
    status: int = 200
    body: JSONDict | None = None
    delivered: bool = False

    @classmethod
    def http(cls, status: int, description: str, parameters: JSONDict | None = None) -> Fault:
        """Answer with an arbitrary Bot API error."""
        return cls("http", status, error_body(status, description, parameters))

    @classmethod
    def retry_after(cls, seconds: int) -> Fault:
        """Answer 429 Too Many Requests with `retry_after` = `seconds`."""
        return cls.http(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})

    @classmethod
    def blocked(cls, reason: str = "bot was blocked by the user") -> Fault:
        """Answer 403 Forbidden with `reason`."""
        return cls.http(403, f"Forbidden: {reason}")

    @classmethod
    def chat_not_found(cls) -> Fault:
        """Answer 400 chat not found."""
        return cls.http(400, "Bad Request: chat not found")

    @classmethod
    def migrated(cls, new_chat_id: int) -> Fault:
        """Answer 400: the group was upgraded to the supergroup `new_chat_id`."""
        return cls.http(400, _MIGRATED, {"migrate_to_chat_id": new_chat_id})

    @classmethod
    def bad_request(cls, description: str) -> Fault:
        """Answer 400 with `description` (the "Bad Request: " prefix is added when missing)."""
        if not description.startswith("Bad Request: "):
            description = f"Bad Request: {description}"
        return cls.http(400, description)

    @classmethod
    def server_error(cls, status: int = 502, description: str = "Bad Gateway") -> Fault:
        """Answer a 5xx error, which PTB maps to NetworkError."""
        return cls.http(status, description)

    @classmethod
    def timeout(cls, *, delivered: bool = False) -> Fault:
        """Make the transport time out; with `delivered` the call still takes effect first."""
        return cls("timeout", delivered=delivered)

    @classmethod
    def network_error(cls) -> Fault:
        """Make the transport fail with a connection error before the call takes effect."""
        return cls("network")


class SimulatedTransportError(Exception):
    """Raised by `FakeTelegram.handle` when the adapter must fail at the transport level."""

    def __init__(self, kind: str, status: int | None = None, body: JSONDict | None = None):
        super().__init__(kind)
        self.kind = kind
        self.status = status
        self.body = body


@dataclass(frozen=True)
class Upload:
    """A file uploaded with a request (multipart), recorded without its bulk."""

    field_name: str
    filename: str
    size: int
    mime_type: str
    content: bytes | None = None  # kept only for small files


@dataclass(frozen=True)
class Call:
    """One Bot API call as the fake saw and answered it."""

    method: str
    params: JSONDict
    status: int
    response: JSONDict | None
    at: float
    fault: str | None = None
    files: Mapping[str, Upload] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Return whether the call succeeded."""
        return self.status == 200

    @property
    def result(self) -> Any:
        """Return the `result` of a successful call (None otherwise)."""
        return self.response.get("result") if self.response else None


@dataclass
class Stats:
    """Counters over everything the fake answered."""

    requests: int = 0
    sends_accepted: int = 0
    edits_accepted: int = 0
    too_many_requests: int = 0
    rate_limited: int = 0
    penalty_rejections: int = 0
    forbidden: int = 0
    bad_requests: int = 0
    not_found: int = 0
    injected_faults: int = 0
    transport_faults: int = 0
    by_method: Counter[str] = field(default_factory=Counter)


class ApiError(Exception):
    """A Bot API error answer, raised inside method implementations."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    @classmethod
    def bad_request(cls, description: str) -> ApiError:
        """Build a 400 error."""
        return cls(400, f"Bad Request: {description}")

    def body(self) -> JSONDict:
        """Return the JSON body Telegram would send."""
        return error_body(self.status, self.description, self.parameters)


def error_body(status: int, description: str, parameters: JSONDict | None = None) -> JSONDict:
    """Return a Bot API error body."""
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"


def _migrated(new_chat_id: int) -> ApiError:
    return ApiError(400, _MIGRATED, {"migrate_to_chat_id": new_chat_id})


def _too_many(seconds: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})


# --------------------------------------------------------------------------------------------
# HTML parse mode, validated the way Telegram (tdlib) does it
# --------------------------------------------------------------------------------------------


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML."""


_HTML_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG_NAME_RE = re.compile(r"[A-Za-z0-9-]*")
_ATTR_NAME_RE = re.compile(r"[A-Za-z0-9_-]*")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(match: re.Match[str]) -> str:
    named, dec, hexa = match.groups()
    if named:
        return _NAMED_ENTITIES[named]
    code = int(dec) if dec else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlParseError(f"Invalid HTML entity {match.group(0)}")
    return chr(code)


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the visible text


def parse_html(raw: str, *, strict_ampersand: bool = True) -> tuple[str, list[JSONDict]]:
    """Return (visible text, entities) for Telegram HTML, or raise HtmlParseError."""
    out: list[str] = []
    pos16 = 0
    stack: list[_OpenTag] = []
    entities: list[JSONDict] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "&":
            match = _ENTITY_RE.match(raw, i)
            if match:
                decoded = _decode_entity(match)
                out.append(decoded)
                pos16 += _utf16_len(decoded)
                i = match.end()
                continue
            if strict_ampersand:
                # tdlib keeps a stray "&" literally; the house rule (and this fake) rejects it so
                # unescaped user text is caught in tests.
                raise HtmlParseError(
                    f'Character "&" is reserved and must be escaped as "&amp;" at byte offset '
                    f"{_byte_offset(raw, i)}"
                )
        if ch != "<":
            out.append(ch)
            pos16 += 2 if ord(ch) > 0xFFFF else 1
            i += 1
            continue
        begin = i
        if raw.startswith("</", i):
            end = raw.find(">", i)
            if end < 0:
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(raw, begin)}")
            name = raw[i + 2 : end].strip().lower()
            if not stack:
                raise HtmlParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(raw, begin)}"
                )
            if name != stack[-1].name:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(raw, begin)}, expected "
                    f'"</{stack[-1].name}>", found "</{name}>"'
                )
            _close_tag(stack, entities, pos16)
            i = end + 1
            continue
        name_match = _TAG_NAME_RE.match(raw, i + 1)
        assert name_match is not None  # the pattern matches the empty string
        name = name_match.group(0).lower()
        if name not in _HTML_ENTITY_TYPES:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(raw, begin)}'
            )
        attrs, i = _parse_attributes(raw, name_match.end(), name, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(raw, begin)}'
            )
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlParseError(f"Custom emoji identifier is missing at byte offset {begin}")
        stack.append(_OpenTag(name, attrs, pos16))
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _parse_attributes(raw: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse `name="value"` pairs up to '>'; return them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(raw)
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(raw, begin)}")
        if raw[i] == ">":
            return attrs, i + 1
        name_match = _ATTR_NAME_RE.match(raw, i)
        assert name_match is not None
        attr = name_match.group(0).lower()
        if not attr:
            raise HtmlParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(raw, i)}'
            )
        i = name_match.end()
        while i < n and raw[i].isspace():
            i += 1
        if i < n and raw[i] == "=":
            i += 1
            while i < n and raw[i].isspace():
                i += 1
            if i < n and raw[i] in "\"'":
                quote = raw[i]
                end = raw.find(quote, i + 1)
                if end < 0:
                    raise HtmlParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(raw, begin)}"
                    )
                value = raw[i + 1 : end]
                i = end + 1
            else:
                start = i
                while i < n and not raw[i].isspace() and raw[i] != ">":
                    i += 1
                value = raw[start:i]
            attrs[attr] = _ENTITY_RE.sub(_decode_entity, value)
        else:
            attrs[attr] = ""


def _close_tag(stack: list[_OpenTag], entities: list[JSONDict], pos16: int) -> None:
    tag = stack.pop()
    if tag.name == "code" and stack and stack[-1].name == "pre":
        # <pre><code class="language-x"> is one pre entity with a language, as in tdlib.
        language = tag.attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1].attrs["language"] = language.removeprefix("language-")
            return
    length = pos16 - tag.start
    if length <= 0:
        return
    entity: JSONDict = {"type": _HTML_ENTITY_TYPES[tag.name], "offset": tag.start, "length": length}
    if tag.name == "a":
        href = tag.attrs.get("href", "")
        if not href:
            return
        entity["url"] = href
    elif tag.name == "pre" and tag.attrs.get("language"):
        entity["language"] = tag.attrs["language"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    entities.append(entity)


# --------------------------------------------------------------------------------------------
# Parameter normalisation (Python objects in-process, strings over HTTP)
# --------------------------------------------------------------------------------------------

_INT_PARAMS = frozenset(
    {
        "chat_id",
        "message_id",
        "user_id",
        "from_chat_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "live_period",
        "cache_time",
        "max_connections",
        "until_date",
        "heading",
        "proximity_alert_radius",
        "duration",
        "width",
        "height",
        "sender_chat_id",
    }
)
_FLOAT_PARAMS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "only_if_banned",
        "revoke_messages",
        "is_personal",
        "supports_streaming",
    }
)
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "media",
        "message_ids",
        "results",
        "permissions",
        "options",
        "input_message_content",
    }
)
_INT_RE = re.compile(r"-?\d+")


def normalise_params(params: Mapping[str, Any]) -> JSONDict:
    """Convert form-encoded strings to the types the Bot API means; raise ApiError if malformed."""
    out: JSONDict = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        if isinstance(value, str):
            if key in _INT_PARAMS and _INT_RE.fullmatch(value.strip()):
                value = int(value)
            elif key in _FLOAT_PARAMS:
                try:
                    value = float(value)
                except ValueError as exc:
                    raise ApiError.bad_request(f"wrong {key} specified") from exc
            elif key in _BOOL_PARAMS:
                value = value.strip().lower() in ("true", "1")
            elif key in _JSON_PARAMS and value.strip()[:1] in ("{", "["):
                try:
                    value = json.loads(value)
                except ValueError as exc:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise ApiError.bad_request(f"can't parse {what} JSON object") from exc
        out[key] = value
    return out


def uploads_from_multipart(
    multipart: Mapping[str, tuple[str, bytes | IO[bytes], str]],
) -> dict[str, Upload]:
    """Record PTB's multipart file tuples as `Upload`s."""
    uploads: dict[str, Upload] = {}
    for name, (filename, content, mime_type) in multipart.items():
        data = content if isinstance(content, bytes) else content.read()
        uploads[name] = make_upload(name, filename, data, mime_type)
    return uploads


def make_upload(field_name: str, filename: str, data: bytes, mime_type: str) -> Upload:
    """Build an `Upload`, keeping the bytes only when small."""
    kept = data if len(data) <= _KEEP_UPLOAD_BYTES else None
    return Upload(field_name, filename, len(data), mime_type or "application/octet-stream", kept)


# --------------------------------------------------------------------------------------------
# Chat members
# --------------------------------------------------------------------------------------------

_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)
_RESTRICTED_FLAGS = (
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_edit_tag",
    "can_react_to_messages",
)


def chat_member(user: JSONDict, status: str) -> JSONDict:
    """Return a ChatMember dict with every field PTB requires for `status`."""
    member: JSONDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        member.update(dict.fromkeys(_ADMIN_RIGHTS, True))
    elif status == "restricted":
        member.update(is_member=True, until_date=0)
        member.update(dict.fromkeys(_RESTRICTED_FLAGS, False))
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    return member


# --------------------------------------------------------------------------------------------
# The fake Bot API
# --------------------------------------------------------------------------------------------


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class _Injection:
    fault: Fault
    method: str | None
    chat_id: int | str | None
    remaining: int


@dataclass
class StoredFile:
    """A file the fake can serve through getFile and the file URL."""

    file_id: str
    file_unique_id: str
    file_size: int
    file_path: str
    content: bytes | None


_UPDATE_TYPES_EXCLUDED_BY_DEFAULT = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_MEDIA_FIELDS = (
    "photo",
    "document",
    "voice",
    "audio",
    "video",
    "animation",
    "sticker",
    "video_note",
)


class FakeTelegram:
    """A thread-safe in-memory Telegram Bot API for one bot."""

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "kamtibmas_test_bot",
        bot_first_name: str = "Kamtibmas Bot",
        clock: Clock | None = None,
        enforce_limits: bool = True,
        global_rate: float = 30.0,
        global_burst: int = 30,
        private_rate: float = 1.0,
        private_burst: int = 3,
        group_per_minute: int = 20,
        penalty_seconds: float | None = None,
        strict_chats: bool = True,
    ) -> None:
        self.clock: Clock = clock or RealClock()
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.enforce_limits = enforce_limits
        self.global_rate = global_rate
        self.global_burst = global_burst
        self.private_rate = private_rate
        self.private_burst = private_burst
        self.group_per_minute = group_per_minute
        self.penalty_seconds = penalty_seconds
        self.strict_chats = strict_chats
        # Real tdlib keeps a stray "&" literally; rejecting it catches unescaped user text.
        self.html_strict_ampersand = True
        self.latency: Callable[[], float] | None = None
        # Share of each request's latency that passes before the fake handles it (and checks
        # the flood limits); the rest passes before the answer reaches the client. 1.0: all
        # of it on the way in. 0.0: Telegram sees the request at once and the time is spent
        # processing and answering (arrival order is then the order the bot sent in).
        self.latency_before_share = 1.0

        self._lock = threading.RLock()
        self._updates_cond = threading.Condition(self._lock)
        self.stats = Stats()
        # Per chat, the clock's monotonic time of every accepted edit (edits per minute).
        self.edit_times: dict[int, list[float]] = {}
        self.calls: list[Call] = []
        self.chats: dict[int, JSONDict] = {}
        self.users: dict[int, JSONDict] = {}
        self.messages: dict[tuple[int, int], JSONDict] = {}
        self.raw_texts: dict[tuple[int, int], str] = {}
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.callback_answers: list[JSONDict] = []
        self.internal_errors: list[Exception] = []
        self.webhook: JSONDict | None = None
        self.pending_updates: list[JSONDict] = []
        self._sent: list[JSONDict] = []
        self._next_message_id: dict[int, int] = {}
        self._next_update_id = 1
        self._admins: dict[int, list[int]] = {}
        self._creators: dict[int, int] = {}
        self._member_status: dict[tuple[int, int], str] = {}
        self._blocked: dict[int, str] = {}
        self._migrated: dict[int, int] = {}
        self._injections: list[_Injection] = []
        self._global_bucket: _Bucket | None = None
        self._private_buckets: dict[int, _Bucket] = {}
        self._group_windows: dict[int, deque[float]] = {}
        self._penalty_until: float | None = None
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._photo_sets: dict[str, list[JSONDict]] = {}
        self._file_counter = 0
        self._callback_ids: dict[str, bool] = {}
        self._allowed_updates: list[str] | None = None
        self._methods: dict[str, tuple[str, Callable[[JSONDict, dict[str, Upload]], Any]]] = {
            name.lower(): (name, fn)
            for name, fn in {
                "getMe": self._get_me,
                "sendMessage": self._send_message,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "sendLocation": self._send_location,
                "sendVoice": self._send_simple_media("voice"),
                "sendAudio": self._send_simple_media("audio"),
                "sendVideo": self._send_simple_media("video"),
                "sendAnimation": self._send_simple_media("animation"),
                "sendSticker": self._send_simple_media("sticker"),
                "sendContact": self._send_contact,
                "forwardMessage": self._forward_message,
                "copyMessage": self._copy_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "editMessageCaption": self._edit_message_caption,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getUpdates": self._get_updates,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "getChat": self._get_chat,
                "getChatMember": self._get_chat_member,
                "getChatAdministrators": self._get_chat_administrators,
                "sendChatAction": self._send_chat_action,
                "getFile": self._get_file,
                "close": lambda p, f: True,
                "logOut": lambda p, f: True,
            }.items()
        }

    # ---- set-up ---------------------------------------------------------------------------

    @property
    def bot_id(self) -> int:
        """Return the bot's user id."""
        return int(self.bot_user["id"])

    def register_chat(self, chat: JSONDict) -> JSONDict:
        """Make a chat known (a Telegram Chat dict with at least id and type)."""
        if "id" not in chat or chat.get("type") not in (
            "private",
            "group",
            "supergroup",
            "channel",
        ):
            raise ValueError(f"not a Telegram chat: {chat!r}")
        with self._lock:
            self.chats[int(chat["id"])] = dict(chat)
        return chat

    def register_user(self, user: JSONDict) -> JSONDict:
        """Make a user known (for getChatMember)."""
        with self._lock:
            self.users[int(user["id"])] = dict(user)
        return user

    def set_chat_admins(
        self, chat_id: int, user_ids: list[int], *, creator_id: int | None = None
    ) -> None:
        """Declare a chat's administrators (and optionally its creator)."""
        with self._lock:
            self._admins[chat_id] = [uid for uid in user_ids if uid != creator_id]
            if creator_id is not None:
                self._creators[chat_id] = creator_id

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """Override one user's membership status in a chat (e.g. "left", "kicked")."""
        chat_member({}, status)  # validates the status
        with self._lock:
            self._member_status[(chat_id, user_id)] = status

    def block(self, chat_id: int, reason: str = "bot was blocked by the user") -> None:
        """Answer 403 Forbidden to every send and edit to `chat_id` until `unblock`."""
        with self._lock:
            self._blocked[chat_id] = reason

    def unblock(self, chat_id: int) -> None:
        """Undo `block`."""
        with self._lock:
            self._blocked.pop(chat_id, None)

    def migrate(self, chat_id: int, new_chat_id: int) -> JSONDict:
        """Upgrade the group `chat_id` to the supergroup `new_chat_id` (registered, with the
        same title): from now on every send and edit to the old id answers 400 with
        `migrate_to_chat_id`, as Telegram does. Returns the new chat."""
        with self._lock:
            old = self.chats.get(chat_id) or self._implicit_chat(chat_id)
            self._migrated[chat_id] = new_chat_id
            new = {"id": new_chat_id, "type": "supergroup", "title": old.get("title", "")}
            self.chats[new_chat_id] = new
            return new

    def is_blocked(self, chat_id: int) -> bool:
        """Return whether sends to `chat_id` are currently refused with 403."""
        with self._lock:
            return chat_id in self._blocked

    def inject(
        self,
        error: Fault,
        *,
        method: str | None = None,
        chat_id: int | str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls matching `method` and/or `chat_id` with `error`."""
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._injections.append(
                _Injection(error, method.lower() if method else None, chat_id, times)
            )

    def clear_faults(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._injections.clear()

    def next_latency(self) -> float:
        """Return the simulated processing time for one request, in seconds."""
        return max(0.0, self.latency()) if self.latency else 0.0

    # ---- the API --------------------------------------------------------------------------

    def handle(
        self, method: str, params: Mapping[str, Any], files: Mapping[str, Upload] | None = None
    ) -> tuple[int, JSONDict]:
        """Answer one Bot API call with (HTTP status, JSON body); raise for transport faults."""
        with self._lock:
            return self._handle_locked(method, params, dict(files or {}))

    def _handle_locked(
        self, method: str, raw_params: Mapping[str, Any], files: dict[str, Upload]
    ) -> tuple[int, JSONDict]:
        self.stats.requests += 1
        entry = self._methods.get(method.lower())
        if entry is None:
            body = error_body(404, "Not Found")
            self._record(method, dict(raw_params), 404, body, None, files)
            return 404, body
        name, implementation = entry
        self.stats.by_method[name] += 1
        try:
            params = normalise_params(raw_params)
        except ApiError as exc:
            self._record(name, dict(raw_params), exc.status, exc.body(), None, files)
            return exc.status, exc.body()

        fault = self._take_fault(name, params)
        if fault is not None and not fault.delivered:
            self.stats.injected_faults += 1
            if fault.kind == "http":
                assert fault.body is not None
                self._count_status(fault.status)
                self._record(name, params, fault.status, fault.body, "injected", files)
                return fault.status, copy.deepcopy(fault.body)
            self.stats.transport_faults += 1
            self._record(name, params, 0, None, fault.kind, files)
            raise SimulatedTransportError(fault.kind)

        try:
            result = implementation(params, files)
            status, body = 200, {"ok": True, "result": copy.deepcopy(result)}
        except ApiError as exc:
            status, body = exc.status, exc.body()
        except Exception as exc:
            # A bug in the fake: PTB would turn a raised exception into a vague NetworkError, so
            # answer 500 and keep the exception where tests can see it.
            self.internal_errors.append(exc)
            status, body = 500, error_body(500, f"Internal Server Error: {exc!r}")
        self._count_status(status)
        self._record(name, params, status, body, fault.kind if fault else None, files)
        if fault is not None:
            # A delivered timeout: the call took effect but the client never hears back.
            self.stats.injected_faults += 1
            self.stats.transport_faults += 1
            raise SimulatedTransportError(fault.kind, status, body)
        return status, body

    def _count_status(self, status: int) -> None:
        if status == 429:
            self.stats.too_many_requests += 1
        elif status == 403:
            self.stats.forbidden += 1
        elif status == 400:
            self.stats.bad_requests += 1
        elif status == 404:
            self.stats.not_found += 1

    def _record(
        self,
        method: str,
        params: JSONDict,
        status: int,
        body: JSONDict | None,
        fault: str | None,
        files: dict[str, Upload],
    ) -> None:
        self.calls.append(
            Call(method, params, status, body, self.clock.monotonic(), fault, dict(files))
        )

    def _take_fault(self, method: str, params: JSONDict) -> Fault | None:
        chat_id = params.get("chat_id")
        for injection in self._injections:
            if injection.method is not None and injection.method != method.lower():
                continue
            if injection.chat_id is not None and injection.chat_id != chat_id:
                continue
            injection.remaining -= 1
            if injection.remaining <= 0:
                self._injections.remove(injection)
            return injection.fault
        return None

    # ---- chats, blocks, limits ------------------------------------------------------------

    def _chat(self, params: JSONDict, key: str = "chat_id") -> JSONDict:
        """Resolve `params[key]` to a known chat (normalising @username to the id)."""
        if key not in params:
            raise ApiError.bad_request("chat not found")
        chat_id = params[key]
        if isinstance(chat_id, str):
            for chat in self.chats.values():
                if chat.get("username") and f"@{chat['username']}".lower() == chat_id.lower():
                    params[key] = chat["id"]
                    return chat
            raise ApiError.bad_request("chat not found")
        chat = self.chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise ApiError.bad_request("chat not found")
            chat = self._implicit_chat(chat_id)
        return chat

    def _implicit_chat(self, chat_id: int) -> JSONDict:
        if chat_id > 0:
            chat: JSONDict = {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        elif str(chat_id).startswith("-100"):
            chat = {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}
        else:
            chat = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
        self.chats[chat_id] = chat
        return chat

    def _check_blocked(self, chat_id: int) -> None:
        moved_to = self._migrated.get(chat_id)
        if moved_to is not None:
            raise _migrated(moved_to)
        reason = self._blocked.get(chat_id)
        if reason is not None:
            raise ApiError(403, f"Forbidden: {reason}")

    def _check_rate(self, chat: JSONDict) -> None:
        """Raise 429 if a send to `chat` now would exceed a limit; otherwise count it."""
        if not self.enforce_limits:
            return
        now = self.clock.monotonic()
        if self._penalty_until is not None:
            if now < self._penalty_until - _EPS:
                self.stats.penalty_rejections += 1
                raise _too_many(max(1, math.ceil(self._penalty_until - now - _EPS)))
            self._penalty_until = None

        waits: list[float] = []
        glob = self._global_bucket or _Bucket(self.global_burst, now)
        self._refill(glob, self.global_rate, self.global_burst, now)
        if glob.tokens < 1 - _EPS:
            waits.append((1 - glob.tokens) / self.global_rate)
        private: _Bucket | None = None
        window: deque[float] | None = None
        if chat["type"] == "private":
            private = self._private_buckets.get(chat["id"]) or _Bucket(self.private_burst, now)
            self._refill(private, self.private_rate, self.private_burst, now)
            if private.tokens < 1 - _EPS:
                waits.append((1 - private.tokens) / self.private_rate)
        elif chat["type"] in ("group", "supergroup"):
            window = self._group_windows.setdefault(chat["id"], deque())
            while window and window[0] <= now - 60.0 + _EPS:
                window.popleft()
            if len(window) >= self.group_per_minute:
                waits.append(window[len(window) - self.group_per_minute] + 60.0 - now)

        if waits:
            self.stats.rate_limited += 1
            if self.penalty_seconds is not None:
                self._penalty_until = now + self.penalty_seconds
                raise _too_many(max(1, math.ceil(self.penalty_seconds - _EPS)))
            raise _too_many(max(1, math.ceil(max(waits) - _EPS)))

        # Only an accepted send takes tokens: a rejected one must not push the limit further out.
        glob.tokens -= 1
        self._global_bucket = glob
        if private is not None:
            private.tokens -= 1
            self._private_buckets[chat["id"]] = private
        if window is not None:
            window.append(now)

    @staticmethod
    def _refill(bucket: _Bucket, rate: float, capacity: float, now: float) -> None:
        bucket.tokens = min(capacity, bucket.tokens + max(0.0, now - bucket.updated) * rate)
        bucket.updated = now

    # ---- message building -----------------------------------------------------------------

    def _allocate_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _formatted(
        self, raw: str, parse_mode: Any, entities: Any, *, caption: bool
    ) -> tuple[str, list[JSONDict]]:
        """Apply the parse mode and length limits; return visible text and entities."""
        if isinstance(parse_mode, str) and parse_mode.lower() == "html":
            try:
                text, parsed = parse_html(raw, strict_ampersand=self.html_strict_ampersand)
            except HtmlParseError as exc:
                raise ApiError.bad_request(f"can't parse entities: {exc}") from exc
        else:
            # MarkdownV2/Markdown are accepted as sent; only HTML is validated strictly.
            text, parsed = raw, list(entities) if isinstance(entities, list) else []
        if caption:
            if len(text) > CAPTION_LIMIT:
                raise ApiError.bad_request("message caption is too long")
        else:
            if not text.strip():
                raise ApiError.bad_request("message text is empty")
            if len(text) > TEXT_LIMIT:
                raise ApiError.bad_request("message is too long")
        return text, parsed

    def _text_fields(self, params: JSONDict) -> JSONDict:
        raw = params.get("text", "")
        text, entities = self._formatted(
            str(raw), params.get("parse_mode"), params.get("entities"), caption=False
        )
        fields: JSONDict = {"text": text}
        if entities:
            fields["entities"] = entities
        return fields

    def _caption_fields(self, params: JSONDict) -> JSONDict:
        raw = params.get("caption")
        if raw is None or raw == "":
            return {}
        caption, entities = self._formatted(
            str(raw), params.get("parse_mode"), params.get("caption_entities"), caption=True
        )
        fields: JSONDict = {"caption": caption}
        if entities:
            fields["caption_entities"] = entities
        return fields

    def _markup(self, params: JSONDict, chat: JSONDict) -> JSONDict | None:
        """Validate reply_markup; return it if it shows on the message (inline keyboards)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            for row in markup["inline_keyboard"]:
                for button in row:
                    data = button.get("callback_data")
                    if data is not None and not (
                        1 <= len(str(data).encode("utf-8")) <= CALLBACK_DATA_LIMIT
                    ):
                        raise ApiError.bad_request("BUTTON_DATA_INVALID")
                    if not button.get("text"):
                        raise ApiError.bad_request(
                            "text buttons are unallowed in the inline keyboard"
                        )
            return markup
        for row in markup.get("keyboard", []):
            for button in row:
                if not isinstance(button, dict) or chat["type"] == "private":
                    continue
                for request in ("request_location", "request_contact"):
                    if button.get(request):
                        raise ApiError.bad_request(
                            f"{request} keyboard buttons are allowed only in private chats"
                        )
        return None

    def _reply_to(self, params: JSONDict, chat_id: int) -> JSONDict | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            target_chat = reply.get("chat_id", chat_id)
            allow = bool(reply.get("allow_sending_without_reply"))
        elif params.get("reply_to_message_id") is not None:
            message_id = params["reply_to_message_id"]
            target_chat = chat_id
            allow = bool(params.get("allow_sending_without_reply"))
        else:
            return None
        target = self.messages.get((target_chat, message_id))
        if target is None:
            if allow:
                return None
            raise ApiError.bad_request("message to be replied not found")
        quoted = copy.deepcopy(target)
        quoted.pop("reply_to_message", None)  # Telegram does not nest replies
        return quoted

    def _post(
        self,
        params: JSONDict,
        build: Callable[[JSONDict], JSONDict],
        *,
        raw_text_key: str | None = None,
    ) -> JSONDict:
        """Common path of every send: chat, block, validation, flood limits, store."""
        chat = self._chat(params)
        chat_id = int(chat["id"])
        self._check_blocked(chat_id)
        content = build(params)
        markup = self._markup(params, chat)
        reply = self._reply_to(params, chat_id)
        self._check_rate(chat)
        message = self._new_message(chat, content, markup, reply)
        if raw_text_key and params.get(raw_text_key) is not None:
            self.raw_texts[(chat_id, message["message_id"])] = str(params[raw_text_key])
        self.stats.sends_accepted += 1
        self._sent.append(copy.deepcopy(message))
        return message

    def _new_message(
        self,
        chat: JSONDict,
        content: JSONDict,
        markup: JSONDict | None,
        reply: JSONDict | None,
    ) -> JSONDict:
        chat_id = int(chat["id"])
        message: JSONDict = {
            "message_id": self._allocate_message_id(chat_id),
            "from": dict(self.bot_user),
            "chat": dict(chat),
            "date": int(self.clock.wall_time()),
        }
        if reply is not None:
            message["reply_to_message"] = reply
        message.update(content)
        if markup is not None:
            message["reply_markup"] = markup
        self.messages[(chat_id, message["message_id"])] = message
        return message

    # ---- files ----------------------------------------------------------------------------

    def register_file(
        self,
        *,
        kind: str = "documents",
        size: int = 1024,
        content: bytes | None = None,
        extension: str = "bin",
        file_id: str | None = None,
    ) -> StoredFile:
        """Create a downloadable file and return its record (file_id, file_unique_id, ...)."""
        with self._lock:
            self._file_counter += 1
            n = self._file_counter
            stored = StoredFile(
                file_id=file_id or f"BQACAgUAAxkB{kind[:3].upper()}{n:08d}",
                file_unique_id=f"AgAD{n:08d}",
                file_size=len(content) if content is not None else size,
                file_path=f"{kind}/file_{n}.{extension}",
                content=content if content is None or len(content) <= _KEEP_UPLOAD_BYTES else None,
            )
            self._files[stored.file_id] = stored
            self._files_by_path[stored.file_path] = stored
            return stored

    def file_bytes(self, file_path: str) -> bytes | None:
        """Return the bytes served at `file_path` (see getFile), or None if unknown."""
        with self._lock:
            stored = self._files_by_path.get(file_path)
        if stored is None:
            return None
        if stored.content is not None:
            return stored.content
        pattern = f"fake-telegram-file:{stored.file_id}\n".encode()
        size = min(stored.file_size, _MAX_SYNTHETIC_BYTES)
        return (pattern * (size // len(pattern) + 1))[:size]

    def photo_sizes(self, size: int = 48_000, content: bytes | None = None) -> list[JSONDict]:
        """Register a photo in three sizes and return its PhotoSize list (smallest first)."""
        sizes: list[JSONDict] = []
        for width, height, share in ((90, 67, 0.05), (320, 240, 0.25), (800, 600, 1.0)):
            stored = self.register_file(
                kind="photos",
                size=max(1, int(size * share)),
                content=content if share == 1.0 else None,
                extension="jpg",
            )
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": stored.file_size,
                }
            )
        with self._lock:
            for photo in sizes:
                self._photo_sets[photo["file_id"]] = sizes
        return sizes

    def _upload_for(
        self, params: JSONDict, files: dict[str, Upload], field_name: str
    ) -> Upload | None:
        value = params.get(field_name)
        if isinstance(value, str) and value.startswith("attach://"):
            return files.get(value.removeprefix("attach://"))
        if value is None:
            return files.get(field_name)
        return None

    def _file_reference(self, value: Any, what: str) -> StoredFile | None:
        """Accept a known file_id or an HTTP URL; return the known file if any."""
        if not isinstance(value, str) or not value:
            raise ApiError.bad_request(f"there is no {what} in the request")
        if value in self._files:
            return self._files[value]
        if value.startswith(("http://", "https://")):
            return None
        raise ApiError.bad_request("wrong file identifier/HTTP URL specified")

    # ---- method implementations -----------------------------------------------------------

    def _get_me(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _send_message(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        return self._post(params, self._text_fields, raw_text_key="text")

    def _send_photo(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        def build(p: JSONDict) -> JSONDict:
            upload = self._upload_for(p, files, "photo")
            if upload is not None:
                sizes = self.photo_sizes(upload.size, upload.content)
            else:
                known = self._file_reference(p.get("photo"), "photo")
                if known is not None and known.file_id in self._photo_sets:
                    sizes = self._photo_sets[known.file_id]
                else:
                    sizes = self.photo_sizes()
            return {"photo": sizes, **self._caption_fields(p)}

        return self._post(params, build, raw_text_key="caption")

    def _send_document(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        def build(p: JSONDict) -> JSONDict:
            upload = self._upload_for(p, files, "document")
            if upload is not None:
                stored = self.register_file(
                    kind="documents", content=upload.content, size=upload.size
                )
                name, mime = upload.filename, upload.mime_type
            else:
                known = self._file_reference(p.get("document"), "document")
                stored = known or self.register_file(kind="documents")
                name, mime = stored.file_path.rsplit("/", 1)[-1], "application/octet-stream"
            document = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": name,
                "mime_type": mime,
                "file_size": stored.file_size,
            }
            return {"document": document, **self._caption_fields(p)}

        return self._post(params, build, raw_text_key="caption")

    def _send_location(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        def build(p: JSONDict) -> JSONDict:
            lat, lon = p.get("latitude"), p.get("longitude")
            if not isinstance(lat, int | float) or not -90 <= lat <= 90:
                raise ApiError.bad_request("wrong latitude specified")
            if not isinstance(lon, int | float) or not -180 <= lon <= 180:
                raise ApiError.bad_request("wrong longitude specified")
            location: JSONDict = {"latitude": float(lat), "longitude": float(lon)}
            live = p.get("live_period")
            if live is not None:
                if not (60 <= live <= 86_400 or live == 0x7FFFFFFF):
                    raise ApiError.bad_request("wrong live period specified")
                location["live_period"] = live
            if p.get("horizontal_accuracy") is not None:
                location["horizontal_accuracy"] = p["horizontal_accuracy"]
            return {"location": location}

        return self._post(params, build)

    def _send_contact(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        def build(p: JSONDict) -> JSONDict:
            if not p.get("phone_number") or not p.get("first_name"):
                raise ApiError.bad_request("phone number and first name must be non-empty")
            contact = {
                key: p[key] for key in ("phone_number", "first_name", "last_name") if key in p
            }
            return {"contact": contact}

        return self._post(params, build)

    def _send_simple_media(self, what: str) -> Callable[[JSONDict, dict[str, Upload]], JSONDict]:
        """Implement sendVoice/sendAudio/... with just enough fields for PTB to parse."""

        def send(params: JSONDict, files: dict[str, Upload]) -> JSONDict:
            def build(p: JSONDict) -> JSONDict:
                upload = self._upload_for(p, files, what)
                if upload is not None:
                    stored = self.register_file(kind=what, content=upload.content, size=upload.size)
                else:
                    stored = self._file_reference(p.get(what), what) or self.register_file(
                        kind=what
                    )
                media: JSONDict = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": stored.file_size,
                }
                if what in ("voice", "audio", "video", "animation"):
                    media["duration"] = p.get("duration", 1)
                if what in ("video", "animation", "sticker"):
                    media.update(width=p.get("width", 512), height=p.get("height", 512))
                if what == "sticker":
                    media.update(type="regular", is_animated=False, is_video=False)
                return {what: media, **self._caption_fields(p)}

            return self._post(params, build, raw_text_key="caption")

        return send

    def _source_message(self, params: JSONDict, what: str) -> JSONDict:
        source_chat = self._chat(params, "from_chat_id")
        source = self.messages.get((int(source_chat["id"]), params.get("message_id", 0)))
        if source is None:
            raise ApiError.bad_request(f"message to {what} not found")
        return source

    def _forward_message(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        source = self._source_message(params, "forward")

        def build(p: JSONDict) -> JSONDict:
            content = {k: copy.deepcopy(v) for k, v in source.items() if k in _CONTENT_KEYS}
            origin_user = source.get("from", self.bot_user)
            content["forward_origin"] = {
                "type": "user",
                "date": source["date"],
                "sender_user": origin_user,
            }
            return content

        return self._post(params, build)

    def _copy_message(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        source = self._source_message(params, "copy")

        def build(p: JSONDict) -> JSONDict:
            content = {k: copy.deepcopy(v) for k, v in source.items() if k in _CONTENT_KEYS}
            if "caption" in p:
                content.pop("caption", None)
                content.pop("caption_entities", None)
                content.update(self._caption_fields(p))
            return content

        message = self._post(params, build)
        return {"message_id": message["message_id"]}

    def _editable(self, params: JSONDict) -> tuple[int, JSONDict]:
        """Find the bot's message an edit targets (chat and block checks first)."""
        if "inline_message_id" in params:
            raise ApiError.bad_request("message to edit not found")
        chat = self._chat(params)
        chat_id = int(chat["id"])
        self._check_blocked(chat_id)
        message = self.messages.get((chat_id, params.get("message_id", 0)))
        if message is None:
            raise ApiError.bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError.bad_request("message can't be edited")
        return chat_id, message

    def _apply_edit(
        self, message: JSONDict, changes: JSONDict, markup: JSONDict | None
    ) -> JSONDict:
        current = {key: message.get(key) for key in changes}
        proposed = {key: value or None for key, value in changes.items()}
        if current == proposed and message.get("reply_markup") == markup:
            raise ApiError.bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        for key, value in proposed.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        if markup is None:
            message.pop("reply_markup", None)  # an edit without markup removes the keyboard
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(self.clock.wall_time())
        self.stats.edits_accepted += 1
        self.edit_times.setdefault(int(message["chat"]["id"]), []).append(self.clock.monotonic())
        return message

    def _edit_message_text(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        chat_id, message = self._editable(params)
        if "text" not in message:
            raise ApiError.bad_request("there is no text in the message to edit")
        fields = self._text_fields(params)
        markup = self._markup(params, message["chat"])
        edited = self._apply_edit(
            message, {"text": fields["text"], "entities": fields.get("entities")}, markup
        )
        self.raw_texts[(chat_id, message["message_id"])] = str(params.get("text", ""))
        return edited

    def _edit_message_caption(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        chat_id, message = self._editable(params)
        if not any(key in message for key in _MEDIA_FIELDS):
            raise ApiError.bad_request("there is no caption in the message to edit")
        fields = self._caption_fields(params)
        markup = self._markup(params, message["chat"])
        edited = self._apply_edit(
            message,
            {"caption": fields.get("caption"), "caption_entities": fields.get("caption_entities")},
            markup,
        )
        self.raw_texts[(chat_id, message["message_id"])] = str(params.get("caption", ""))
        return edited

    def _edit_message_reply_markup(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        _, message = self._editable(params)
        markup = self._markup(params, message["chat"])
        return self._apply_edit(message, {}, markup)

    def _delete_message(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        chat = self._chat(params)
        if self.messages.pop((int(chat["id"]), params.get("message_id", 0)), None) is None:
            raise ApiError.bad_request("message to delete not found")
        return True

    def _answer_callback_query(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if self._callback_ids.get(query_id):
            raise ApiError.bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text", ""))) > 200:
            raise ApiError.bad_request("MESSAGE_TOO_LONG")
        self._callback_ids[query_id] = True
        self.callback_answers.append(dict(params))
        return True

    @staticmethod
    def _commands_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError.bad_request("can't parse commands JSON object")
        for command in commands:
            name = str(command.get("command", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise ApiError.bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        if commands:
            self.commands[key] = [dict(c) for c in commands]
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: JSONDict, files: dict[str, Upload]) -> list[JSONDict]:
        return list(self.commands.get(self._commands_key(params), []))

    def _delete_my_commands(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def commands_for(
        self, language_code: str = "", scope: JSONDict | None = None
    ) -> list[JSONDict]:
        """Return the command menu set for a scope (default scope) and language."""
        key = self._commands_key({"scope": scope, "language_code": language_code})
        with self._lock:
            return list(self.commands.get(key, []))

    def _get_updates(self, params: JSONDict, files: dict[str, Upload]) -> list[JSONDict]:
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = list(params["allowed_updates"])
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            if offset < 0:
                self.pending_updates = self.pending_updates[offset:]
            else:
                self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        self.pending_updates = [u for u in self.pending_updates if self._allowed(u)]
        limit = params.get("limit", 100)
        limit = min(100, max(1, limit if isinstance(limit, int) else 100))
        return copy.deepcopy(self.pending_updates[:limit])

    def _allowed(self, update: JSONDict) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates:
            return kind in self._allowed_updates
        return kind not in _UPDATE_TYPES_EXCLUDED_BY_DEFAULT

    def _set_webhook(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        url = str(params.get("url", ""))
        if not url:
            self.webhook = None
            return True
        if not url.startswith(("http://", "https://")):
            raise ApiError.bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        max_connections = params.get("max_connections", 40)
        if not isinstance(max_connections, int) or not 1 <= max_connections <= 100:
            raise ApiError.bad_request("bad webhook: max_connections must be between 1 and 100")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError.bad_request("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.pending_updates.clear()
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = list(params["allowed_updates"])
        self.webhook = {"url": url, "secret_token": secret, "max_connections": max_connections}
        self._updates_cond.notify_all()  # long polls must now answer 409
        return True

    def _delete_webhook(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self.pending_updates.clear()
        return True

    def _get_webhook_info(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
        if self._allowed_updates:
            info["allowed_updates"] = list(self._allowed_updates)
        return info

    def _get_chat(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        chat = self._chat(params)
        gifts = dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        )
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    def _member_of(self, chat_id: int, user_id: int) -> str | None:
        if (chat_id, user_id) in self._member_status:
            return self._member_status[(chat_id, user_id)]
        if self._creators.get(chat_id) == user_id:
            return "creator"
        if user_id in self._admins.get(chat_id, []):
            return "administrator"
        if user_id in self.users or user_id == self.bot_id or user_id == chat_id:
            return "member"
        return None

    def _user(self, user_id: int) -> JSONDict:
        if user_id == self.bot_id:
            return dict(self.bot_user)
        return dict(
            self.users.get(user_id)
            or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        )

    def _get_chat_member(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        chat = self._chat(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise ApiError.bad_request("invalid user_id specified")
        status = self._member_of(int(chat["id"]), user_id)
        if status is None:
            raise ApiError.bad_request("user not found")
        return chat_member(self._user(user_id), status)

    def _get_chat_administrators(
        self, params: JSONDict, files: dict[str, Upload]
    ) -> list[JSONDict]:
        chat = self._chat(params)
        chat_id = int(chat["id"])
        if chat["type"] == "private":
            raise ApiError.bad_request("there are no administrators in the private chat")
        members = []
        if chat_id in self._creators:
            members.append(chat_member(self._user(self._creators[chat_id]), "creator"))
        for user_id in self._admins.get(chat_id, []):
            members.append(chat_member(self._user(user_id), "administrator"))
        return members

    def _send_chat_action(self, params: JSONDict, files: dict[str, Upload]) -> bool:
        chat = self._chat(params)
        self._check_blocked(int(chat["id"]))
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError.bad_request("wrong parameter action in request")
        return True

    def _get_file(self, params: JSONDict, files: dict[str, Upload]) -> JSONDict:
        stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            raise ApiError.bad_request("wrong file_id or the file is temporarily unavailable")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    # ---- updates --------------------------------------------------------------------------

    def next_update_id(self) -> int:
        """Reserve the next update_id."""
        with self._lock:
            update_id = self._next_update_id
            self._next_update_id += 1
            return update_id

    def push_update(self, update: JSONDict) -> JSONDict:
        """Queue an update for getUpdates (an update_id is assigned when missing)."""
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": self.next_update_id(), **update}
            else:
                self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
            self.pending_updates.append(copy.deepcopy(update))
            self.pending_updates.sort(key=lambda u: u["update_id"])
            self._updates_cond.notify_all()
            return update

    def take_pending_updates(self) -> list[JSONDict]:
        """Remove and return all queued updates (e.g. to deliver them to a webhook)."""
        with self._lock:
            updates, self.pending_updates = self.pending_updates, []
            return updates

    def _poll_ready(self, offset: int | None) -> bool:
        """Return whether a getUpdates with `offset` would answer now rather than wait."""
        if self.webhook is not None:
            return True
        if any(i.method in (None, "getupdates") and i.chat_id is None for i in self._injections):
            return True
        threshold = offset if offset and offset > 0 else 0
        return any(u["update_id"] >= threshold and self._allowed(u) for u in self.pending_updates)

    def wait_for_updates(
        self,
        timeout: float,
        offset: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> bool:
        """Block up to `timeout` real seconds until getUpdates would return something."""
        deadline = time.monotonic() + max(0.0, timeout)
        with self._updates_cond:
            while not self._poll_ready(offset):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (cancelled is not None and cancelled()):
                    return False
                # Wake at least every 100 ms so a stopping server is noticed promptly.
                self._updates_cond.wait(min(remaining, 0.1))
            return True

    async def wait_for_updates_async(
        self, seconds: float, offset: int | None = None, poll_interval: float = 0.01
    ) -> bool:
        """Like `wait_for_updates` without blocking the event loop (polls every 10 ms)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, seconds)
        while True:
            with self._lock:
                if self._poll_ready(offset):
                    return True
            if loop.time() >= deadline:
                return False
            await asyncio.sleep(poll_interval)

    def wake_waiters(self) -> None:
        """Wake every thread blocked in `wait_for_updates` (they re-check their conditions)."""
        with self._updates_cond:
            self._updates_cond.notify_all()

    def register_incoming_message(self, message: JSONDict) -> JSONDict:
        """Store a message a user sent (its id comes from the chat's counter when missing)."""
        with self._lock:
            chat = message["chat"]
            chat_id = int(chat["id"])
            if chat_id not in self.chats:
                self.chats[chat_id] = dict(chat)
            if "message_id" not in message:
                message["message_id"] = self._allocate_message_id(chat_id)
            else:
                self._next_message_id[chat_id] = max(
                    self._next_message_id.get(chat_id, 1), int(message["message_id"]) + 1
                )
            self.messages[(chat_id, int(message["message_id"]))] = copy.deepcopy(message)
            return message

    def register_callback_query(self, query_id: str) -> None:
        """Remember a callback query id so a second answer is refused like Telegram does."""
        with self._lock:
            self._callback_ids.setdefault(query_id, False)

    # ---- assertions helpers ---------------------------------------------------------------

    def calls_to(self, method: str | None = None, chat_id: int | None = None) -> list[Call]:
        """Return recorded calls, optionally only of `method` and/or to `chat_id`."""
        with self._lock:
            return [
                call
                for call in self.calls
                if (method is None or call.method.lower() == method.lower())
                and (chat_id is None or call.params.get("chat_id") == chat_id)
            ]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Return the messages the bot sent successfully, as sent, in order."""
        with self._lock:
            return [
                copy.deepcopy(m)
                for m in self._sent
                if chat_id is None or m["chat"]["id"] == chat_id
            ]

    def last_message(self, chat_id: int) -> JSONDict | None:
        """Return the bot's latest message to `chat_id` in its current (possibly edited) state."""
        with self._lock:
            for sent in reversed(self._sent):
                if sent["chat"]["id"] == chat_id:
                    current = self.messages.get((chat_id, sent["message_id"]), sent)
                    return copy.deepcopy(current)
        return None

    def get_message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """Return the stored message (current state), or None if unknown or deleted."""
        with self._lock:
            message = self.messages.get((chat_id, message_id))
            return copy.deepcopy(message) if message else None

    def texts(self, chat_id: int) -> list[str]:
        """Return the visible texts and captions the bot sent to `chat_id`, in order."""
        return [
            str(m.get("text", m.get("caption", "")))
            for m in self.sent_messages(chat_id)
            if "text" in m or "caption" in m
        ]

    def raw_text(self, chat_id: int, message_id: int) -> str | None:
        """Return the text or caption exactly as the bot sent it (before HTML parsing)."""
        with self._lock:
            return self.raw_texts.get((chat_id, message_id))

    def reset_calls(self) -> None:
        """Forget recorded calls and sent messages (the message store stays for edits)."""
        with self._lock:
            self.calls.clear()
            self._sent.clear()
            self.callback_answers.clear()
            self.edit_times.clear()


_CONTENT_KEYS = frozenset(
    {
        "text",
        "entities",
        "caption",
        "caption_entities",
        "location",
        "contact",
        *_MEDIA_FIELDS,
    }
)


# --------------------------------------------------------------------------------------------
# PTB transport
# --------------------------------------------------------------------------------------------


class FakeRequest(BaseRequest):
    """A `telegram.request.BaseRequest` that answers from a FakeTelegram, in-process."""

    __slots__ = ("_fake", "_initialized", "_poll_interval", "_read_timeout")

    def __init__(
        self, fake: FakeTelegram, *, read_timeout: float | None = 5.0, poll_interval: float = 0.01
    ) -> None:
        self._fake = fake
        self._read_timeout = read_timeout
        self._poll_interval = poll_interval
        self._initialized = False

    @property
    def fake(self) -> FakeTelegram:
        """Return the FakeTelegram this transport talks to."""
        return self._fake

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout in seconds."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Mark the transport usable."""
        self._initialized = True

    async def shutdown(self) -> None:
        """Mark the transport closed."""
        self._initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one request from the fake, as HTTPXRequest would from Telegram."""
        if not self._initialized:
            # Same as HTTPXRequest: a Bot must be initialised before use.
            raise RuntimeError("This FakeRequest is not initialized!")
        if method == "GET" and "/file/bot" in url:
            return self._download(url)

        api_method = url.rsplit("/", 1)[-1].split("?", 1)[0]
        params: JSONDict = dict(request_data.parameters) if request_data else {}
        files = (
            uploads_from_multipart(request_data.multipart_data)
            if request_data and request_data.contains_files
            else {}
        )
        timeout = self._read_timeout if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout
        latency = self._fake.next_latency()
        if isinstance(timeout, int | float) and latency > timeout:
            await self._fake.clock.sleep(timeout)
            # The server still processes a slow request; only the client stops waiting.
            try:
                self._fake.handle(api_method, params, files)
            except SimulatedTransportError:
                pass
            raise TimedOut()
        before = latency * self._fake.latency_before_share
        if before > 0:
            await self._fake.clock.sleep(before)

        if api_method.lower() == "getupdates":
            poll = params.get("timeout") or 0
            offset = params.get("offset")
            await self._fake.wait_for_updates_async(
                float(poll), int(offset) if offset is not None else None, self._poll_interval
            )
        try:
            status, body = self._fake.handle(api_method, params, files)
        except SimulatedTransportError as exc:
            if exc.kind == "timeout":
                raise TimedOut() from exc
            raise NetworkError("httpx.ConnectError: simulated network failure") from exc
        if latency - before > 0:
            await self._fake.clock.sleep(latency - before)
        return status, json.dumps(body).encode("utf-8")

    def _download(self, url: str) -> tuple[int, bytes]:
        # url is <base_file_url><token>/<file_path>
        after = url.split("/file/bot", 1)[1]
        file_path = after.split("/", 1)[1] if "/" in after else ""
        content = self._fake.file_bytes(file_path)
        if content is None:
            return 404, json.dumps(error_body(404, "Not Found")).encode("utf-8")
        return 200, content
