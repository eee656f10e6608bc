"""The JobQueue jobs of siaga (bot/services/siaga):

    siaga:tally:<chat id>   the next tally edit in one chat, paced per chat (tally.Pacer): one
                            edit at a time, at most one per 3 s (private) or 6 s (group), never
                            the text already shown; it schedules itself again while edits are due
    siaga:close:<call id>   an open call closes by itself SIAGA_CLOSE_HOURS after its time

The database is the source of truth (which tallies are stale, which calls are open):
`rebuild_jobs` makes the jobs again at start-up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest
from telegram.error import Forbidden
from telegram.error import RetryAfter
from telegram.error import TelegramError

from bot.ptb.context import App
from bot.ptb.context import Ctx
from bot.services.siaga import TallyEdit
from handlers import jobs

log = logging.getLogger(__name__)

RETRY_SECONDS = 30
# Edits whose text turned out unchanged cost nothing: a round looks at this many at most.
ROUND_LOOKS = 20


def tally_job(chat_id: int) -> str:
    return f"siaga:tally:{chat_id}"


def close_job(call_id: int) -> str:
    return f"siaga:close:{call_id}"


def refresh(context: Ctx | App, chat_ids: Iterable[int], *, delay: float = 0.0) -> None:
    """The tallies in these chats changed: edit them as soon as each chat's pace allows (a
    round already waiting or running takes the change along)."""
    services = context.bot_data.services
    pacer = services.siaga.pacer
    queue = context.job_queue
    assert queue is not None
    for chat_id in dict.fromkeys(chat_ids):
        if chat_id in pacer.running:
            pacer.again.add(chat_id)
            continue
        if queue.scheduler.get_job(tally_job(chat_id)) is not None:  # a round is waiting
            continue
        wait = max(delay, pacer.due_in(chat_id))
        name = tally_job(chat_id)
        # A round schedules the next one while it still runs: APScheduler would skip a second
        # instance of the same id (max_instances=1); the pacer keeps rounds one at a time.
        queue.run_once(
            _edit_round,
            when=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait),
            data=chat_id,
            name=name,
            job_kwargs={
                "id": name,
                "replace_existing": True,
                "misfire_grace_time": None,
                "max_instances": 3,
            },
        )


async def _edit_round(context: Ctx) -> None:
    """One edit round in a chat: the next stale tally is edited (or found unchanged), then the
    round comes again after the chat's interval while any is still stale."""
    chat_id = int(context.job.data)  # type: ignore[union-attr, arg-type]
    siaga = context.services.siaga
    pacer = siaga.pacer
    if not pacer.start(chat_id):
        return
    delay = 0.0
    more = False
    try:
        for _ in range(ROUND_LOOKS):
            edit = await siaga.next_tally_edit(chat_id)
            if edit is None:
                break
            if not edit.needed:
                await siaga.tally_edited(edit, sent=False)
                continue
            sent, delay = await _send(context, edit)
            more = True  # one edit per round; look again after the interval
            if sent:
                pacer.edited(chat_id)
            break
    except Exception:
        log.exception("Tally edit in chat %s failed; retrying in %s s", chat_id, RETRY_SECONDS)
        more, delay = True, RETRY_SECONDS
    finally:
        again = pacer.finish(chat_id)
    if more or again:
        refresh(context, [chat_id], delay=delay)


async def _send(context: Ctx, edit: TallyEdit) -> tuple[bool, float]:
    """Edit the message; (whether an edit went, seconds to wait before the next round)."""
    siaga = context.services.siaga
    markup = siaga.tally_buttons(edit.lang, edit.call_id, open_=edit.tally.open)
    try:
        await context.bot.edit_message_text(
            edit.tally.text,
            chat_id=edit.chat_id,
            message_id=edit.message_id,
            reply_markup=InlineKeyboardMarkup.de_json(markup, context.bot),
        )
    except RetryAfter as exc:
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
        return False, seconds + 0.5
    except BadRequest as exc:
        text = exc.message.lower()
        if "not modified" in text:
            await siaga.tally_edited(edit, sent=False)
            return False, 0.0
        # The message was deleted (or is too old to edit): this tally is not edited any more.
        log.warning("Tally of siaga %s in %s: %s", edit.call_id, edit.chat_id, exc.message)
        await siaga.tally_gone(edit)
        return False, 0.0
    except Forbidden as exc:
        log.warning("Tally of siaga %s in %s: %s", edit.call_id, edit.chat_id, exc.message)
        await siaga.tally_gone(edit)
        return False, 0.0
    except TelegramError as exc:
        log.warning("Tally of siaga %s in %s failed: %s", edit.call_id, edit.chat_id, exc)
        return False, float(RETRY_SECONDS)
    await siaga.tally_edited(edit, sent=True)
    return True, 0.0


def schedule_close(context: Ctx | App, call_id: int, when: dt.datetime) -> None:
    """Close the call by itself at `when`."""
    jobs.schedule_at(context.job_queue, close_job(call_id), _close, when, call_id)


def cancel_close(context: Ctx | App, call_id: int) -> None:
    """The call ended otherwise: no closing job."""
    jobs.cancel(context.job_queue, close_job(call_id))


async def _close(context: Ctx) -> None:
    """The job: the call closes by itself (once: the database decides)."""
    call_id = int(context.job.data)  # type: ignore[union-attr, arg-type]
    try:
        _view, chats = await context.services.siaga.close(call_id, None)
    except Exception:
        log.exception("Siaga %s: closing failed; retrying in %s s", call_id, RETRY_SECONDS)
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=RETRY_SECONDS)
        schedule_close(context, call_id, when)
        return
    refresh(context, chats)


async def rebuild_jobs(application: App) -> None:
    """At start-up: the close job of every open call, and an edit round in every chat whose
    tally is behind."""
    siaga = application.bot_data.services.siaga
    for call_id, when in await siaga.closes_due():
        schedule_close(application, call_id, when)
    refresh(application, await siaga.stale_chats())
