"""The buttons of patrols: each kind defined once, for building and for parsing.

Formats are those of buttons already sent, and stay so:
    pt:in:<shift>                  "Saya sudah di pos" (check-in)
    pt:out:<shift>:aman|kejadian   how the watch went (check-out)
    pt:sw:<shift>                  a member asks to swap the shift
    pt:tk:<swap>                   another member takes it
    pt:ed|eh|em|ec|ecy:<shift>     a koordinator edits one shift (menu, hours, members, cancel,
                                   sure)
    pa:...                         the /aturronda conversation's own buttons
The report button of a shift is `NewReport(desa_id, shift_id)` (bot/services/reports).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class CheckInButton(CallbackData, prefix="pt:in"):
    """✅ Saya sudah di pos."""

    shift_id: int


@dataclass(frozen=True)
class CheckOutButton(CallbackData, prefix="pt:out"):
    """✅ Aman / ⚠️ Ada kejadian at the end of a shift."""

    shift_id: int
    outcome: Literal["aman", "kejadian"]


@dataclass(frozen=True)
class AskSwap(CallbackData, prefix="pt:sw"):
    """🔁 Minta tukar."""

    shift_id: int


@dataclass(frozen=True)
class TakeSwap(CallbackData, prefix="pt:tk"):
    """🙋 Saya gantikan."""

    swap_id: int


EditVerb = Literal["ed", "eh", "em", "ec", "ecy"]


@dataclass(frozen=True)
class EditShift(CallbackData, prefix="pt"):
    """A koordinator's edit of one shift: the menu (ed), hours (eh), members (em), cancel
    (ec) and its confirmation (ecy)."""

    verb: EditVerb
    shift_id: int


@dataclass(frozen=True)
class ChooseDesa(CallbackData, prefix="pa:desa"):
    desa_id: int


MenuChoice = Literal["new", "posts", "week", "stats"]


@dataclass(frozen=True)
class Menu(CallbackData, prefix="pa"):
    """What to do for the chosen desa."""

    choice: MenuChoice


@dataclass(frozen=True)
class ChoosePost(CallbackData, prefix="pa:post"):
    """A pos for the new schedule; 0: none."""

    post_id: int


@dataclass(frozen=True)
class ChooseDays(CallbackData, prefix="pa:days"):
    """Weekdays ("0123456", "01234", "56"), "today" or "tomorrow"."""

    value: str = field(metadata={"pattern": r"\w{1,8}"})


@dataclass(frozen=True)
class ChooseWeeks(CallbackData, prefix="pa:wk"):
    weeks: int = field(metadata={"pattern": r"\d{1,2}"})


@dataclass(frozen=True)
class SkipPlace(CallbackData, prefix="pa:skip"):
    """A new pos without its place."""


@dataclass(frozen=True)
class Save(CallbackData, prefix="pa:save"):
    """✅ Simpan the schedule."""


@dataclass(frozen=True)
class Cancel(CallbackData, prefix="pa:cancel"):
    """❌ Batal: drop the schedule."""
