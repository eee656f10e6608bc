"""The buttons of incident reports: each kind defined once, for building and for parsing.

Buttons already sent keep working: these formats are stored in chats and must not change.

    lp:new[:d:<desa id>[:r:<shift id>]]   start /lapor (for a desa; as seen on a ronda shift)
    lp:cat:<category>  lp:desa:<id>  lp:next  lp:urg:<0|1>  lp:anon:<0|1>
    lp:fix:<step>  lp:send:<token>  lp:cancel                the steps of /lapor
    lp:ans:<report id>                                       the reporter answers a question
    rp:<take|proc|done|rej|ask>:<report id>                  the duty chat's card
    rp:rr:<report id>:<reason>                               a reason to reject
    rp:who:<report id>                                       show a named reporter to the presser
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Literal

from bot.callbacks import CallbackData
from bot.services.reports.types import REJECT_REASONS
from bot.services.reports.types import Action
from storage.models import ReportCategory


def _one_of(words: Iterable[str]) -> dict[str, str]:
    """A field's metadata: exactly one of these words."""
    return {"pattern": "|".join(words)}


class NewReport(CallbackData, prefix="lp:new"):
    """Start /lapor, maybe for a desa, maybe for what was seen on a ronda shift."""

    desa_id: int | None = field(default=None, metadata={"tag": "d"})
    shift_id: int | None = field(default=None, metadata={"tag": "r"})


class PickCategory(CallbackData, prefix="lp:cat"):
    """A category of the report being written."""

    category: str = field(metadata=_one_of(c.value for c in ReportCategory))  # a ReportCategory


class PickDesa(CallbackData, prefix="lp:desa"):
    """One of the desa offered for a typed name."""

    desa_id: int


class PhotosDone(CallbackData, prefix="lp:next"):
    """ "Lanjut": no (more) photos."""


class SetUrgent(CallbackData, prefix="lp:urg"):
    """Urgent or not."""

    urgent: bool


class SetAnonymous(CallbackData, prefix="lp:anon"):
    """Anonymous, or named to the police."""

    anonymous: bool


FixStep = Literal["cat", "desc", "place", "photo", "urg", "anon"]


class Fix(CallbackData, prefix="lp:fix"):
    """Ask one step of the summary again."""

    step: FixStep


class Send(CallbackData, prefix="lp:send"):
    """Send the draft with this token (a double tap sends it once)."""

    token: str = field(metadata={"pattern": "[0-9a-f]{16}"})


class CancelDraft(CallbackData, prefix="lp:cancel"):
    """Drop the draft under the summary."""


class AnswerQuestion(CallbackData, prefix="lp:ans"):
    """The reporter answers the police's question about their report."""

    report_id: int


class DutyAction(CallbackData, prefix="rp"):
    """An officer's button under a report's card in the duty chat."""

    action: str = field(metadata=_one_of(a.value for a in Action))  # an `Action`
    report_id: int


class RejectReason(CallbackData, prefix="rp:rr"):
    """Why the officer rejects a report."""

    report_id: int
    reason: str = field(metadata=_one_of(REJECT_REASONS))


class ShowReporter(CallbackData, prefix="rp:who"):
    """ "👤 Pelapor": a named reporter's identity, for the officer who presses (audited)."""

    report_id: int
