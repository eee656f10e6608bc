"""Siaga (/siaga) in the chat (the service: bot/services/siaga).

    call.py      /siaga: the caller's menu and the call (a conversation); 📊 a tally again
    answers.py   ✅ Siap · 📍 Sudah di lokasi · ❌ Tidak bisa, and a reason or a location after
    tally.py     the tally's buttons: 🔔 remind, ✅ stand down, 📄 the full list
    jobs.py      the JobQueue jobs `siaga:tally:<chat>` and `siaga:close:<call>`; `rebuild_jobs`

Button data is defined once in bot/services/siaga/callbacks.py.
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.ptb.context import Ctx
from bot.texts import t
from handlers.siaga import answers
from handlers.siaga import call
from handlers.siaga import tally
from handlers.siaga.jobs import rebuild_jobs

__all__ = ["handlers", "rebuild_jobs", "stats_line"]


def handlers() -> list[BaseHandler]:
    """/siaga (its conversation first), the answers' conversation, the tally's buttons. Before
    patrols: a location shared after 📍 belongs to the answer, not to a ronda check-in."""
    return [*call.handlers(), *answers.handlers(), *tally.handlers()]


async def stats_line(context: Ctx, desa_ids: list[int] | None) -> str:
    """The siaga line of /statistikronda: calls, response rate, median minutes to ✅ Siap."""
    stats = await context.services.siaga.stats(desa_ids)
    lang = context.lang
    rate = f"{100 * stats.answered_share:.0f}" if stats.answered_share is not None else "—"
    median = (
        f"{stats.median_minutes_to_siap:.0f}" if stats.median_minutes_to_siap is not None else "—"
    )
    return t(
        lang,
        "siaga.stats_line",
        calls=stats.calls,
        answered=stats.answered,
        called=stats.called,
        rate=rate,
        median=median,
    )
