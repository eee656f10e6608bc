"""Patrols (ronda) in the chat (the service: bot/services/patrols).

    members.py     /ronda, /jadwal, check-in (button or location), check-out, swaps,
                   /statistikronda
    roster.py      /aturronda: a koordinator's schedules and pos ronda (a conversation)
    shift_edit.py  a koordinator edits one shift from /jadwal (a conversation)
    volunteers.py  /ikutronda, a koordinator's Terima / Tolak / Keluarkan, the desa's list
    jobs.py        the JobQueue jobs `ronda:shift:<id>` and `ronda:window`; `rebuild_jobs`

Button data is defined once in bot/services/patrols/callbacks.py.
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.patrols import members
from handlers.patrols import roster
from handlers.patrols import shift_edit
from handlers.patrols import volunteers
from handlers.patrols.jobs import rebuild_jobs

__all__ = ["handlers", "rebuild_jobs"]


def handlers() -> list[BaseHandler]:
    """/aturronda and the shift edit (conversations first), then /ronda, /jadwal,
    /statistikronda, the shift buttons and shared locations, then /ikutronda and its buttons."""
    return [
        roster.conversation_handler(),
        shift_edit.conversation_handler(),
        *members.handlers(),
        *volunteers.handlers(),
    ]
