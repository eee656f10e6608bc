"""The buttons of siaga: each kind defined once, for building and for parsing.

sg:a:<call>:siap|lokasi|tidak   a person's answer, under the call
sg:n:<call>:<why>               why they cannot come (❌), or skip
sg:r:<call>                     🔔 Ingatkan yang belum menjawab (tally)
sg:c:<call>, sg:cy:<call>       ✅ Siaga selesai and its confirmation (tally)
sg:l:<call>, sg:ln:<call>:<p>   📄 Daftar, and another page of the full list
sg:s:<call>                     show a call's tally again (/siaga)
sg:new, sg:area, sg:who, ...    the /siaga conversation's own buttons
"""

from __future__ import annotations

from typing import Literal

from bot.callbacks import CallbackData

AnswerWord = Literal["siap", "lokasi", "tidak"]
NoteWord = Literal["kerja", "sakit", "jauh", "skip"]
# The reasons offered after ❌ (each has its text siaga.note_<word>), and "Lewati".
NOTE_WORDS: tuple[NoteWord, ...] = ("kerja", "sakit", "jauh")


class Answer(CallbackData, prefix="sg:a"):
    """✅ Siap · 📍 Sudah di lokasi · ❌ Tidak bisa."""

    call_id: int
    answer: AnswerWord


class Note(CallbackData, prefix="sg:n"):
    """A reason for ❌ (or skip)."""

    call_id: int
    why: NoteWord


class Remind(CallbackData, prefix="sg:r"):
    call_id: int


class Close(CallbackData, prefix="sg:c"):
    call_id: int


class CloseSure(CallbackData, prefix="sg:cy"):
    call_id: int


class ListPage(CallbackData, prefix="sg:l"):
    """📄 Daftar on the tally: the list's first page, as a new message."""

    call_id: int


class ListNav(CallbackData, prefix="sg:ln"):
    """◀ ▶ on the list: another page, in place."""

    call_id: int
    page: int


class Show(CallbackData, prefix="sg:s"):
    call_id: int


# --- the /siaga conversation ---------------------------------------------------------------------


class NewCall(CallbackData, prefix="sg:new"):
    """📣 Panggil siaga."""


class ChooseArea(CallbackData, prefix="sg:area"):
    """A desa, or a whole kecamatan."""

    area_id: int


class ChooseWho(CallbackData, prefix="sg:who"):
    who: Literal["pemuda", "ronda", "both", "chosen"]


class ChoosePost(CallbackData, prefix="sg:pp"):
    post_id: int


class ChoosePolsek(CallbackData, prefix="sg:pk"):
    """At the Polsek."""


class ChooseLocation(CallbackData, prefix="sg:pl"):
    """At a location the caller shares."""


class Now(CallbackData, prefix="sg:now"):
    """Sekarang."""


class ChooseLevel(CallbackData, prefix="sg:lv"):
    level: Literal["waspada", "darurat"]


class Send(CallbackData, prefix="sg:send"):
    """📣 Kirim."""


class Drop(CallbackData, prefix="sg:drop"):
    """❌ Batal."""
