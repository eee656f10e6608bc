"""The buttons of latihan: each kind defined once, for building and for parsing.

lt:go:<session>          🎓 Mulai latihan, under a Karang Taruna member's invitation
lt:v:<session>           a session's view (who joined, who finished, each report)
lt:h                     the trainer's past sessions
lt:end:<s>, lt:endy:<s>  ⛔ Akhiri latihan and its confirmation
lt:fb:<report>           ✍️ Beri masukan under a practice report (the trainer's copy)
lt:new, lt:d, lt:w, ...  the new-session conversation's own buttons
"""

from __future__ import annotations

from typing import Literal

from bot.callbacks import CallbackData


class Join(CallbackData, prefix="lt:go"):
    session_id: int


class View(CallbackData, prefix="lt:v"):
    session_id: int


class History(CallbackData, prefix="lt:h"):
    pass


class End(CallbackData, prefix="lt:end"):
    session_id: int


class EndSure(CallbackData, prefix="lt:endy"):
    session_id: int


class Feedback(CallbackData, prefix="lt:fb"):
    report_id: int


class NewSession(CallbackData, prefix="lt:new"):
    pass


class ChooseDesa(CallbackData, prefix="lt:d"):
    desa_id: int


class ChooseAudience(CallbackData, prefix="lt:w"):
    who: Literal["pemuda", "link"]


class NoScenario(CallbackData, prefix="lt:ns"):
    pass


class ChooseAsks(CallbackData, prefix="lt:ask"):
    asks: Literal["photo", "loc", "both", "none"]


class Confirm(CallbackData, prefix="lt:ok"):
    pass


class Drop(CallbackData, prefix="lt:no"):
    pass
