"""The buttons of sosialisasi (/edukasi): each kind defined once, for building and parsing.

ed:t:<topic>:<page>      a topic's items, newest first (a page of them)
ed:i:<item>              open an item
ed:g:<item>              🔁 send it to me again
ed:x:<item>              🗄 archive it (managers)
ed:home                  back to the topics
ed:add, ed:plan, ed:ls   managers: add an item, plan a series, the series
ed:sp|sr|ss:<series>     pause, resume, stop a series
ed:at, ed:ao, ed:an, ...  the conversations' own buttons
"""

from __future__ import annotations

from typing import Literal

from bot.callbacks import CallbackData

TopicWord = Literal["hukum", "aspirasi", "narkoba", "remaja", "bencana", "lalulintas", "lainnya"]


class Topic(CallbackData, prefix="ed:t"):
    topic: TopicWord
    page: int


class OpenItem(CallbackData, prefix="ed:i"):
    item_id: int


class Again(CallbackData, prefix="ed:g"):
    item_id: int


class Archive(CallbackData, prefix="ed:x"):
    item_id: int


class Home(CallbackData, prefix="ed:home"):
    """Back to the topics."""


class AddItem(CallbackData, prefix="ed:add"):
    """➕ Tambah materi."""


class PlanSeries(CallbackData, prefix="ed:plan"):
    """🗓 Rencanakan seri."""


class ListSeries(CallbackData, prefix="ed:ls"):
    """📋 Seri edukasi."""


class SeriesAction(CallbackData, prefix="ed:s"):
    """⏸ pause, ▶️ resume, ⏹ stop a series."""

    action: Literal["p", "r", "s"]
    series_id: int


# --- the conversations ---------------------------------------------------------------------------


class ChooseTopic(CallbackData, prefix="ed:at"):
    topic: TopicWord


class ChooseSource(CallbackData, prefix="ed:ao"):
    organisation_id: int


class NoAttachment(CallbackData, prefix="ed:an"):
    """Tanpa lampiran."""


class SaveItem(CallbackData, prefix="ed:as"):
    """✅ Simpan."""


class DropDraft(CallbackData, prefix="ed:ad"):
    """❌ Batal."""


class ChooseArea(CallbackData, prefix="ed:pa"):
    area_id: int


class ChooseItems(CallbackData, prefix="ed:pt"):
    """A topic's items (or every item: "semua")."""

    topic: Literal[
        "hukum", "aspirasi", "narkoba", "remaja", "bencana", "lalulintas", "lainnya", "semua"
    ]


class PickItems(CallbackData, prefix="ed:pp"):
    """✋ Pilih materi satu per satu."""


class PickItem(CallbackData, prefix="ed:pi"):
    """An item chosen (or unchosen) for the series, in the order pressed."""

    item_id: int


class PickDone(CallbackData, prefix="ed:pn"):
    """➡️ Lanjut with the items chosen."""


class SaveSeries(CallbackData, prefix="ed:ps"):
    """✅ Mulai seri."""
