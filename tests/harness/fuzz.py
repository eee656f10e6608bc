"""Random but well-formed updates against the real Application, and the properties they must keep.

Used by tests/test_fuzz.py (a short run in `make test`) and bench/fuzz.py (100,000 updates in
`make bench`). A `Step` is plain data drawn by hypothesis (`steps()`): who acts (a resident, a
newcomer who never pressed /start, an officer of the Polsek, an admin), where (their private
chat, the duty chat, another group, a channel) and what (a command from the bot's own list with
random arguments, a text of any Unicode class, a forged or real button, a location, a photo, an
edit, a sticker, a contact, members joining). `Fuzzer.run` builds the update from it, hands it
to the bot and checks, for every update:

- no exception reached the error handler (what would send the admin chat a traceback);
- nobody was answered with the "gangguan" text (error.user);
- an unprivileged sender (resident, newcomer) changed no row beyond what anyone may change:
  their own user row, home desa, subscriptions, drafts and conversation states, command menu,
  advisory mutes and acknowledgements, their own reports (with their photos, events, the code
  counter, the neighbour alert of an urgent one), audit entries naming them, and the bot's
  sending queue (the duty chat's card of their report is a send). Every other table is compared
  row by row.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import event
from sqlalchemy import select
from sqlmodel import SQLModel
from telegram import Update

from bot.callbacks import CallbackData
from bot.texts import TEXTS
from handlers.menus import all_commands
from storage.db import Database
from tests.harness.bot import BotHarness
from tests.helpers import ADMIN_ID
from tests.helpers import World
from tests.helpers import report

JSON = dict[str, Any]
ACTORS = ("resident", "newcomer", "officer", "admin")
UNPRIVILEGED = frozenset({"resident", "newcomer"})
PLACES = ("private", "private", "private", "duty", "group", "channel")
KINDS = (
    "command",
    "command",
    "text",
    "text",
    "button",
    "button",
    "real_button",
    "real_button",
    "location",
    "photo",
    "edited",
    "sticker",
    "contact",
    "members",
)
HUGE = (0, 1, 2, 3, 999_999_999, 2_147_483_648, 10**18, 10**30)
# Words the bot understands at some step, so random walks get past the first question.
VOCAB = (
    "Kronto",
    "Lumbang",
    "karang jati",
    "lanjut",
    "tidak ada foto",
    "ya",
    "tidak",
    "Motor dicuri di depan rumah",
    "LMB-0001",
    "LMB-9999",
    "22:00-02:00",
    "besok 21:00",
    "@siti",
    "#1",
    "/batal",
    "<b>&amp;</b> <script>",
    "1",
    "",
)
# Commands that open a conversation: focused sessions start with one half the time.
CONVERSATIONS = ("lapor", "aturronda", "imbauan", "langganan", "start", "desa", "ronda", "jadwal")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\ufe0f\ufe0e\U000e0100"
USER_TEXT = TEXTS["id"]["error.user"], TEXTS["en"]["error.user"]


@dataclass(frozen=True)
class Step:
    """One update to make, as plain data."""

    actor: str
    place: str
    kind: str
    text: str = ""
    number: int = 0
    latitude: float = 0.0
    longitude: float = 0.0


def _texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),  # every Unicode class but surrogates
        st.text(alphabet=ZERO_WIDTH + "🔥👍🏽🇮🇩.!? ", max_size=12),
        st.sampled_from(VOCAB),
        st.text(alphabet=string.printable, min_size=3000, max_size=4096),
        st.integers().map(str),
    )


def _arguments() -> st.SearchStrategy[str]:
    word = st.one_of(
        st.sampled_from(VOCAB),
        st.sampled_from(HUGE).map(str),
        st.integers().map(str),
        st.text(max_size=12).filter(lambda s: " " not in s),
    )
    return st.lists(word, max_size=4).map(" ".join)


def button_kinds() -> list[type[CallbackData]]:
    """Every kind of button the bot makes (handlers must have been imported)."""
    found: list[type[CallbackData]] = []
    pending = list(CallbackData.__subclasses__())
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return sorted(found, key=lambda k: k.prefix)


def _field_values(kind: type[CallbackData]) -> st.SearchStrategy[list[str]]:
    """Values for each field of `kind`, valid or not, as text."""
    parts = []
    for f in kind._fields():
        regex_ok = st.from_regex(f"^(?:{f.regex})$", fullmatch=True).filter(lambda s: len(s) < 12)
        value = st.one_of(
            regex_ok,
            st.sampled_from(HUGE).map(str),
            st.sampled_from(["", "-1", "x", "1.5", "٣", "999999999999"]),
        )
        if f.optional:
            value = st.one_of(
                st.just(""), value.map(lambda v, tag=f.tag: f"{tag}:{v}" if tag else v)
            )
        parts.append(value)
    return st.tuples(*parts).map(list) if parts else st.just([])


def callback_data(kinds: list[type[CallbackData]]) -> st.SearchStrategy[str]:
    """Button data: each kind with random (other users', huge) values, cut short; and junk."""

    def of_kind(kind: type[CallbackData]) -> st.SearchStrategy[str]:
        return st.tuples(_field_values(kind), st.integers(0, 4)).map(
            lambda pair, kind=kind: ":".join(
                [kind.prefix, *[p for p in pair[0] if p]][: None if pair[1] else -1]
            )
        )

    return st.one_of(
        st.sampled_from(kinds).flatmap(of_kind),
        st.sampled_from(kinds).map(lambda k: k.prefix),
        st.sampled_from(kinds).map(lambda k: k.prefix + ":"),
        st.text(max_size=64),
        st.just(""),
    )


def _command_texts(commands: list[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(commands), _arguments(), st.booleans()).map(
        lambda c: f"/{c[0]}{'@kamtibmas_test_bot' if c[2] else ''} {c[1]}".strip()
    )


def steps(kinds: list[type[CallbackData]], commands: list[str]) -> st.SearchStrategy[Step]:
    """One random update."""
    base = {"actor": st.sampled_from(ACTORS), "place": st.sampled_from(PLACES)}
    command = _command_texts(commands)
    return st.one_of(
        st.builds(Step, kind=st.just("command"), text=command, **base),
        st.builds(Step, kind=st.just("text"), text=_texts(), **base),
        st.builds(Step, kind=st.just("button"), text=callback_data(kinds), **base),
        st.builds(Step, kind=st.just("real_button"), number=st.integers(0, 50), **base),
        st.builds(
            Step,
            kind=st.just("location"),
            latitude=st.one_of(st.floats(-90, 90), st.floats(-7.98, -7.5)),
            longitude=st.one_of(st.floats(-180, 180), st.floats(112.55, 113.1)),
            **base,
        ),
        st.builds(Step, kind=st.sampled_from(KINDS[9:]), text=_texts(), **base),
    )


@dataclass
class Outcome:
    """What went wrong with one step (empty: nothing)."""

    step: Step
    problems: list[str] = field(default_factory=list)


class Fuzzer:
    """A world of a Polsek, its duty chat, officers, residents and a report, and `run(step)`."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.world = World(bot)
        self.errors: list[BaseException] = []
        self.updates = 0
        self._rows: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
        self._dirty: set[str] = set()
        # Before the bot starts: adding a listener while the delivery engine's thread runs a
        # statement breaks that statement.
        assert not bot.app.running, "make the Fuzzer before starting the bot"
        event.listen(bot.app.persistence.db.engine, "before_cursor_execute", self._note_write)

    async def set_up(self) -> None:
        bot, world = self.bot, self.world
        await world.set_up()
        self.actors: dict[str, JSON] = {
            "resident": world.resident,
            "newcomer": bot.updates.user(first_name="Tamu", language_code="en"),
            "officer": world.officer,
            "admin": bot.updates.user(id=ADMIN_ID, first_name="Admin"),
        }
        await bot.command(self.actors["admin"], "/bantuan")
        await report(world)  # one report, so buttons can name a real one
        self.group = bot.updates.group(title="Warga RT 3")
        self.channel: JSON = {"id": -1_004_000_000_001, "type": "channel", "title": "Info Desa"}
        bot.fake.register_chat(self.channel)
        self.kinds = button_kinds()
        self.commands = sorted(
            {name for c in all_commands(bot.app) for name in (c.name, *c.aliases)} | {"start"}
        )
        bot.app.add_error_handler(self._record_error)
        # Jobs (escalations, menu syncs) would change rows between a step's two snapshots.
        assert bot.app.job_queue is not None
        bot.app.job_queue.scheduler.pause()
        self.tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in FREE_TABLES]

    async def _record_error(self, update: object, context: Any) -> None:
        from telegram.error import Forbidden

        from bot.errors import UserFacingError

        if not isinstance(context.error, Forbidden | UserFacingError):
            self.errors.append(context.error)

    def strategy(self) -> st.SearchStrategy[Step]:
        """One update."""
        return steps(self.kinds, self.commands)

    def sessions(self, size: int = 10) -> st.SearchStrategy[list[Step]]:
        """Updates to send one after the other: from anyone anywhere, or (half the time) up to
        twice as many from one person in one chat, so conversations get past their first step."""
        mixed = st.lists(self.strategy(), min_size=1, max_size=size)
        # A command, then plausible answers to the bot's last message (3 in 4) among others.
        reply = st.builds(
            Step,
            actor=st.just(""),
            place=st.just(""),
            kind=st.just("reply"),
            number=st.integers(0, 7),
        )
        starts = st.sampled_from(CONVERSATIONS).map(lambda name: f"/{name}")
        command = st.builds(
            Step,
            actor=st.just(""),
            place=st.just(""),
            kind=st.just("command"),
            text=st.one_of(_command_texts(self.commands), starts),
        )
        answers = st.lists(
            st.one_of(reply, reply, reply, self.strategy()), min_size=size, max_size=2 * size
        )
        focused = st.tuples(st.sampled_from(ACTORS), st.sampled_from(PLACES), command, answers).map(
            lambda t: [replace(step, actor=t[0], place=t[1]) for step in [t[2], *t[3]]]
        )
        return st.one_of(mixed, focused)

    # --- one step ------------------------------------------------------------------------------

    async def run(self, step: Step) -> Outcome:
        """Make the update, process it, check the properties."""
        outcome = Outcome(step)
        update = self._update(step)
        if update is None:
            return outcome
        bot = self.bot
        watched = step.actor in UNPRIVILEGED
        before = await self._snapshot() if watched else None
        calls = len(bot.fake.calls)
        errors = len(self.errors)
        self.updates += 1
        await bot.app.process_update(Update.de_json(update, bot.app.bot))
        for error in self.errors[errors:]:
            outcome.problems.append(f"error handler: {type(error).__name__}: {error}")
        for call in bot.fake.calls[calls:]:
            said = str(call.params.get("text", "")) + str(call.params.get("caption", ""))
            if any(text in said for text in USER_TEXT):
                outcome.problems.append(f"'gangguan' answer by {call.method}")
        if before is not None:
            after = await self._snapshot()
            sender = int(self.actors[step.actor]["id"])
            outcome.problems.extend(_forbidden_changes(before, after, sender))
        return outcome

    def _chat(self, step: Step, user: JSON) -> JSON | None:
        return {
            "private": None,
            "duty": self.world.duty,
            "group": self.group,
            "channel": self.channel,
        }[step.place]

    def _update(self, step: Step) -> JSON | None:
        factory = self.bot.updates
        user = self.actors[step.actor]
        chat = self._chat(step, user)
        if step.place == "channel":
            return self._channel_post(step)
        if step.kind == "command":
            text = step.text if step.text.startswith("/") else f"/{step.text}"
            return factory.command(user, text, chat=chat)
        if step.kind == "text":
            return factory.text(user, step.text or ".", chat=chat)
        if step.kind == "button":  # forged data, under the chat's last message from the bot
            anchor = self._bot_message(chat or factory.private_chat(user))
            return None if anchor is None else factory.callback(user, anchor, step.text)
        if step.kind == "real_button":  # one of the buttons of the chat's last messages
            pressed = self._real_button(chat or factory.private_chat(user), step.number)
            return None if pressed is None else factory.callback(user, *pressed)
        if step.kind == "reply":  # a button of the last message, its keyboard, or a known word
            pressed = self._real_button(chat or factory.private_chat(user), step.number, last=1)
            if pressed is not None:
                return factory.callback(user, *pressed)
            typed = self._keyboard_text(chat or factory.private_chat(user), step.number)
            return factory.text(user, typed or VOCAB[step.number % len(VOCAB)] or ".", chat=chat)
        if step.kind == "location":
            return factory.location(user, step.latitude, step.longitude, chat=chat)
        if step.kind == "photo":
            return factory.photo(user, caption=step.text or None, chat=chat)
        if step.kind == "sticker":
            return factory.sticker(user, chat=chat)
        if step.kind == "contact":
            return factory.contact(user, "+62812" + str(step.number).zfill(7)[:7], chat=chat)
        if step.kind == "members":
            if chat is None:
                return None
            joining = [self.actors[a] for a in ACTORS if a != step.actor][: 1 + step.number % 3]
            return factory.new_chat_members(chat, joining, by=user)
        if step.kind == "edited":
            message = factory.message(user, chat, text=step.text or ".", edit_date=1)
            return {"update_id": self.bot.fake.next_update_id(), "edited_message": message}
        raise ValueError(step.kind)

    def _channel_post(self, step: Step) -> JSON:
        channel = self.channel
        message = self.bot.fake.register_incoming_message(
            {
                "chat": channel,
                "sender_chat": channel,
                "date": int(self.bot.fake.clock.wall_time()),
                "text": step.text or "/start",
            }
        )
        kind = "edited_channel_post" if step.kind == "edited" else "channel_post"
        return {"update_id": self.bot.fake.next_update_id(), kind: message}

    def _bot_message(self, chat: JSON) -> JSON | None:
        """The chat's last message from the bot that still exists (no button of a deleted
        message can be pressed)."""
        fake = self.bot.fake
        for sent in reversed(fake.sent_messages(int(chat["id"]))):
            current = fake.get_message(int(chat["id"]), sent["message_id"])
            if current is not None:
                return current
        return None

    def _keyboard_text(self, chat: JSON, number: int) -> str | None:
        sent = self.bot.fake.sent_messages(int(chat["id"]))[-3:]
        for message in reversed(sent):
            rows = message.get("reply_markup", {}).get("keyboard", [])
            texts = [b if isinstance(b, str) else b.get("text", "") for row in rows for b in row]
            if texts:
                return texts[number % len(texts)]
        return None

    def _real_button(self, chat: JSON, number: int, last: int = 5) -> tuple[JSON, str] | None:
        fake = self.bot.fake
        offered = []
        for sent in fake.sent_messages(int(chat["id"]))[-last:]:
            message = fake.get_message(int(chat["id"]), sent["message_id"])
            if message is None:
                continue  # deleted
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                offered += [(message, b["callback_data"]) for b in row if "callback_data" in b]
        return offered[number % len(offered)] if offered else None

    # --- the database --------------------------------------------------------------------------

    async def _snapshot(self) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
        """Every watched table's rows by primary key; only tables written since the last
        snapshot are read again (a statement listener notes them), the rest are reused."""
        await self.bot.app.update_persistence()  # conversations and drafts, as of now
        db: Database = self.bot.services.db
        dirty, self._dirty = self._dirty, set()
        stale = [t for t in self.tables if t.name in dirty or t.name not in self._rows]

        def read(session: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
            found = {}
            for table in stale:
                keys = [c.name for c in table.primary_key.columns]
                rows = session.execute(select(table)).mappings().all()
                found[table.name] = {
                    tuple(row[k] for k in keys): tuple(sorted(row.items())) for row in rows
                }
            return found

        if stale:
            self._rows = self._rows | await db.run(read)
        return self._rows

    def _note_write(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        match = _WRITE.match(statement)
        if match:
            self._dirty.add(match.group(1))


_WRITE = re.compile(
    r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)


# The bot's sending queue and its engine's heartbeat: whatever anyone does may send something.
FREE_TABLES = frozenset(
    {"deliveries", "delivery_outbox", "delivery_chats", "delivery_pacer", "delivery_workers"}
)


def _owned_by(sender: int) -> dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]]:
    """Per table: whether a row (as it is after the step; before, for a deletion) is one the
    sender may change. `reports` is the after-snapshot's reports, to find a report's owner."""

    def own_report(row: dict[str, Any], reports: dict[str, Any]) -> bool:
        return reports.get(row.get("report_id")) == sender

    def own_key(row: dict[str, Any], _: dict[str, Any]) -> bool:
        return sender in json.loads(row["key"])

    return {
        "users": lambda row, _: row["id"] == sender,
        "home_areas": lambda row, _: row["user_id"] == sender,
        "subscriptions": lambda row, _: row["user_id"] == sender,
        "user_drafts": lambda row, _: row["user_id"] == sender,
        "command_menus": lambda row, _: row["user_id"] == sender,
        "advisory_acks": lambda row, _: row["user_id"] == sender,
        "advisory_mutes": lambda row, _: row["user_id"] == sender,
        "conversation_states": own_key,
        "reports": lambda row, _: row["reporter_id"] == sender,
        "report_photos": own_report,
        "report_events": own_report,
        "neighbour_alerts": own_report,  # an urgent report alerts the neighbouring desa at once
        "report_prefixes": lambda row, _: True,  # the counter of report codes
        "audit_log": lambda row, _: row["actor_id"] == sender,
    }


def _erased_by(sender: int) -> dict[str, Callable[[dict[str, Any]], bool]]:
    """Per table: rows of the sender's that only a deletion of their data (/privasi) removes,
    as they were before it."""
    return {
        "role_assignments": lambda row: row["user_id"] == sender,
        "patrol_shift_members": lambda row: row["user_id"] == sender,
        "patrol_swaps": lambda row: row["requested_by"] == sender,
        "neighbour_helps": lambda row: row["user_id"] == sender,
    }


def _left_by(table: str, old: dict[str, Any], sender: int) -> bool:
    """Whether a deletion of the sender's data may change this row: a recurring schedule that
    named them in a team, a swap they had taken."""
    if table == "patrol_schedules":
        return any(sender in team for team in json.loads(old["teams"]))
    return table == "patrol_swaps" and old["taken_by"] == sender


def _forbidden_changes(
    before: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]],
    after: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]],
    sender: int,
) -> list[str]:
    rules = _owned_by(sender)
    erased = _erased_by(sender)
    reports = {dict(row)["id"]: dict(row)["reporter_id"] for row in after["reports"].values()}
    for row in before["reports"].values():
        reports.setdefault(dict(row)["id"], dict(row)["reporter_id"])
        # A report its reporter unlinked by deleting their data (/privasi) is still theirs.
        if dict(row)["reporter_id"] == sender:
            reports[dict(row)["id"]] = sender
    problems = []
    for table, rows_after in after.items():
        rows_before = before[table]
        for key in rows_before.keys() | rows_after.keys():
            old, new = rows_before.get(key), rows_after.get(key)
            if old == new:
                continue
            if table == "audit_log" and old is not None:
                problems.append(f"audit_log row {key} changed")
                continue
            row = dict(new if new is not None else old or ())
            allowed = rules.get(table)
            if old is not None and table == "reports" and dict(old)["reporter_id"] == sender:
                continue  # unlinked by its reporter's deletion
            if new is None and table in erased and erased[table](dict(old or ())):
                continue
            if old is not None and new is not None and _left_by(table, dict(old), sender):
                continue  # the sender left a roster or a swap they had taken (/privasi)
            if allowed is None or not allowed(row, reports):
                change = "added" if old is None else "deleted" if new is None else "changed"
                problems.append(f"{table} row {key} {change}: {row}")
    return problems
