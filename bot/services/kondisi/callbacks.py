"""The buttons of kondisi wilayah: each kind defined once, for building and for parsing.

kd:s:<desa>    show a desa's picture (one of the person's desa, or a name's candidates)
kd:n:<desa>    post the note just typed (`/kondisi catat <teks>`) for this desa
kd:w:<note>    🗑 withdraw a situation note (under the picture, for those allowed)
"""

from __future__ import annotations

from bot.callbacks import CallbackData


class Show(CallbackData, prefix="kd:s"):
    desa_id: int


class NoteFor(CallbackData, prefix="kd:n"):
    desa_id: int


class Withdraw(CallbackData, prefix="kd:w"):
    note_id: int
