"""Latihan (/latihan) in the chat (the service: bot/services/latihan).

    trainer.py   /latihan: the trainer's menu, a new session (a conversation), a session's view,
                 its end and summary, the history, feedback on a practice report; /latihan in
                 a group makes it the training group
    practice.py  /lapor's practice mode: the ways in (🎓 button, `/start lat_<code>`), the
                 LATIHAN banner, a practice report handed to the service

Button data is defined once in bot/services/latihan/callbacks.py. The practice mode's entry
points live in /lapor's conversation (handlers/reports/lapor.py).
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.latihan import trainer

__all__ = ["handlers"]


def handlers() -> list[BaseHandler]:
    return trainer.handlers()
