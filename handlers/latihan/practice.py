"""/lapor in practice mode (/latihan): how a trainee enters it, the LATIHAN banner on every
message, and where a practice report goes.

handlers/reports/lapor.py keeps three explicit hooks and nothing else of practice:
`entry_points(start)` among its entry points (the invitation's 🎓 button, the link
`/start lat_<code>`), `mark(conversation)` once (every step of a practice draft runs under the
banner: `handlers.common.banner`, which `say()` and `edit_query_message()` put on top), and
`submitted()` at "Kirim" when the draft carries a session (stored by the latihan service, never
by ReportService.submit). A draft without the session key is an ordinary report.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable
from collections.abc import Callable
from typing import Any
from typing import Literal

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import CommandHandler
from telegram.ext import ConversationHandler
from telegram.ext import filters

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.latihan import Practice
from bot.services.latihan import messages
from bot.services.latihan.callbacks import Join
from bot.services.reports import Draft
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import banner
from handlers.common import bannered
from handlers.common import say

# In /lapor's draft: the practice session's id (absent: a real report).
SESSION_KEY = "latihan"
LINK = r"^/start lat_([A-Za-z0-9]{4,16})$"

Start = Callable[[Update, Ctx, Practice | None], Awaitable[str | int]]
Step = Callable[[Update, Ctx], Awaitable[Any]]
Ended = Literal["say", "quiet"]


def session_of(draft: object) -> int | None:
    """The practice session a /lapor draft belongs to (None: a real report)."""
    if not isinstance(draft, dict):
        return None
    value = draft.get(SESSION_KEY)
    return value if isinstance(value, int) else None


def entry_points(start: Start) -> list[BaseHandler]:
    """The ways into /lapor's practice mode: 🎓 Mulai latihan, and the link."""

    async def by_link(update: Update, context: Ctx) -> str | int:
        """`/start lat_<code>`: join the session the link names."""
        code = (update.effective_message.text or "").split("lat_", 1)[-1].strip()
        return await _join(update, context, start, code=code)

    async def by_button(update: Update, context: Ctx) -> str | int:
        """🎓 Mulai latihan under an invitation."""
        session_id = Join.parse(update.callback_query.data).session_id  # type: ignore[union-attr]
        return await _join(update, context, start, session_id=session_id)

    private = NEW_MESSAGE & filters.ChatType.PRIVATE
    return [
        CommandHandler("start", by_link, filters=private & filters.Regex(LINK)),
        CallbackQueryHandler(by_button, pattern=Join.pattern()),
    ]


async def _join(
    update: Update,
    context: Ctx,
    start: Start,
    *,
    code: str | None = None,
    session_id: int | None = None,
) -> str | int:
    lang = context.lang
    try:
        practice = await context.services.latihan.join(
            update.effective_user.id, code=code, session_id=session_id
        )
    except UserFacingError as error:
        await say(update, error.text(lang), toast=update.callback_query is not None)
        return ConversationHandler.END
    with banner(messages.banner(lang)):
        intro = t(lang, "latihan.joined")
        scenario = await context.services.latihan.scenario_text(practice.session_id, lang)
        if scenario:
            intro += "\n\n" + scenario
        # Not say(): lapor's start answers the button.
        await update.effective_message.reply_text(bannered(intro))
        return await start(update, context, practice)


def mark(conversation: ConversationHandler[Any]) -> None:
    """Every step (not the entry points: a new /lapor is real) of a practice draft runs under
    the LATIHAN banner; a step of a state (not /batal, not the time-out) first checks that the
    session is still open, and ends the draft politely when the trainer ended it."""
    draft_key = str(conversation.name)
    seen: set[int] = set()  # one handler may serve several states: wrapped once
    for state, handlers in conversation.states.items():
        for handler in handlers:
            if id(handler) not in seen:
                seen.add(id(handler))
                when_ended: Ended = "quiet" if state == ConversationHandler.TIMEOUT else "say"
                handler.callback = _marked(handler.callback, draft_key, when_ended)
    for handler in conversation.fallbacks:
        if id(handler) not in seen:
            seen.add(id(handler))
            handler.callback = _marked(handler.callback, draft_key, None)


def _marked(step: Step, draft_key: str, when_ended: Ended | None) -> Step:
    """`when_ended`: a step of an ended session says so and ends ("say"), ends silently (the
    time-out, "quiet": the trainee was told at the end), or runs (None: the fallbacks)."""

    @functools.wraps(step)
    async def run(update: Update, context: Ctx) -> Any:
        session_id = session_of(context.user_data.get(draft_key))
        if session_id is None:
            return await step(update, context)
        with banner(messages.banner(context.lang)):
            if when_ended is not None and not await context.services.latihan.is_open(session_id):
                context.user_data.pop(draft_key, None)
                if when_ended == "say":
                    await _ended_midway(update, context)
                return ConversationHandler.END
            return await step(update, context)

    return run


async def _ended_midway(update: Update, context: Ctx) -> None:
    """The trainer ended the session while this trainee was still writing: nothing is
    stored; a button's message is replaced (its buttons go), a typed step is answered."""
    text = t(context.lang, "latihan.ended_midway")
    query = update.callback_query
    if query is not None:
        await query.answer()
        await say(update, text, edit=True)
        return
    await say(update, text)


async def sent_before(update: Update, context: Ctx, token: str) -> bool:
    """ "Kirim" of a practice report pressed again: its training number as the button's
    answer; False when no practice report came from that button."""
    code = await context.services.latihan.sent_number(update.effective_user.id, token)
    if code is None:
        return False
    await say(update, t(context.lang, "latihan.sent_again", number=code), toast=True)
    return True


async def submitted(update: Update, context: Ctx, session_id: int, draft: Draft) -> None:
    """ "Kirim" of a practice report: stored by the latihan service (and sent to the trainer),
    then the trainee sees its training number and the checklist."""
    lang = context.lang
    query = update.callback_query
    if query is not None:
        await query.answer()
    try:
        graded = await context.services.latihan.submit(session_id, update.effective_user.id, draft)
    except UserFacingError as error:
        await say(update, error.text(lang), edit=True)
        return
    text = (
        t(lang, "latihan.sent", number=graded.number)
        + "\n"
        + messages.checklist(lang, graded.checks)
    )
    await say(update, text, edit=True)
