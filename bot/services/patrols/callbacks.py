"""The buttons of patrols: each kind defined once, for building and for parsing.

Formats are those of buttons already sent, and stay so:
    pt:in:<shift>                  "Saya sudah di pos" (check-in)
    pt:out:<shift>:aman|kejadian   how the watch went (check-out)
    pt:sw:<shift>                  a member asks to swap the shift
    pt:tk:<swap>                   another member takes it
    pt:ed|eh|em|ec|ecy:<shift>     a koordinator edits one shift (menu, hours, members, cancel,
                                   sure)
    pa:...                         the /aturronda conversation's own buttons
    pk:<owner>:ls|t|pg|nx|ok:<n>   the people picker of one conversation (owner: ar, ue, ...)
    rv:me:ask|leave|sure|no:<desa> a volunteer's own buttons (/ikutronda)
    rv:a|r|rm|rmy:<volunteer>      a koordinator accepts, rejects, removes (and is sure)
The report button of a shift is `NewReport(desa_id, shift_id)` (bot/services/reports).
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Literal

from bot.callbacks import CallbackData


class CheckInButton(CallbackData, prefix="pt:in"):
    """✅ Saya sudah di pos."""

    shift_id: int


class CheckOutButton(CallbackData, prefix="pt:out"):
    """✅ Aman / ⚠️ Ada kejadian at the end of a shift."""

    shift_id: int
    outcome: Literal["aman", "kejadian"]


class AskSwap(CallbackData, prefix="pt:sw"):
    """🔁 Minta tukar."""

    shift_id: int


class TakeSwap(CallbackData, prefix="pt:tk"):
    """🙋 Saya gantikan."""

    swap_id: int


EditVerb = Literal["ed", "eh", "em", "ec", "ecy"]


class EditShift(CallbackData, prefix="pt"):
    """A koordinator's edit of one shift: the menu (ed), hours (eh), members (em), cancel
    (ec) and its confirmation (ecy)."""

    verb: EditVerb
    shift_id: int


class ChooseDesa(CallbackData, prefix="pa:desa"):
    desa_id: int


MenuChoice = Literal["new", "posts", "week", "stats", "vol"]


class Menu(CallbackData, prefix="pa"):
    """What to do for the chosen desa."""

    choice: MenuChoice


class ChoosePost(CallbackData, prefix="pa:post"):
    """A pos for the new schedule; 0: none."""

    post_id: int


class ChooseDays(CallbackData, prefix="pa:days"):
    """Weekdays ("0123456", "01234", "56"), "today" or "tomorrow"."""

    value: str = field(metadata={"pattern": r"\w{1,8}"})


class ChooseWeeks(CallbackData, prefix="pa:wk"):
    weeks: int = field(metadata={"pattern": r"\d{1,2}"})


class SkipPlace(CallbackData, prefix="pa:skip"):
    """A new pos without its place."""


class Save(CallbackData, prefix="pa:save"):
    """✅ Simpan the schedule."""


class Cancel(CallbackData, prefix="pa:cancel"):
    """❌ Batal: drop the schedule."""


PickVerb = Literal["ls", "t", "pg", "nx", "ok"]


class Pick(CallbackData, prefix="pk"):
    """A press in the people picker (handlers/patrols/people.py) of one conversation, its
    `owner` (a short word naming the draft, e.g. "ar" for /aturronda): open the list (ls), choose
    or unchoose a person (t, `value` their Telegram id), a page (pg), the next team (nx), done
    (ok). `value` is 0 where it means nothing."""

    owner: str = field(metadata={"pattern": r"[a-z]{1,8}"})
    verb: PickVerb
    # Telegram ids have up to 52 bits (16 digits): more than an `int` field's 9.
    value: int = field(metadata={"pattern": r"\d{1,16}"})

    @classmethod
    def pattern_for(cls, owner: str) -> re.Pattern[str]:
        """The handler's pattern for the presses of one owner's picker only."""
        return re.compile(cls.pattern().pattern.replace(r"(?P<owner>[a-z]{1,8})", owner, 1))


# --- volunteers (/ikutronda) ---------------------------------------------------------------------


class VolunteerAction(CallbackData, prefix="rv:me"):
    """The volunteer's own: send the request (ask), leave the watch (leave, then sure: also
    withdraws a waiting request), or not now (no)."""

    verb: Literal["ask", "leave", "sure", "no"]
    desa_id: int


class VolunteerDecision(CallbackData, prefix="rv"):
    """A koordinator's: accept (a) or reject (r) a request, remove a volunteer (rm) and be
    sure of it (rmy)."""

    verb: Literal["a", "r", "rm", "rmy"]
    volunteer_id: int
