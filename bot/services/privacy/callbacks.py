"""The buttons of /privasi: each kind defined once, for building and parsing. They carry no
id: a press acts on the presser's own data only. Formats (kept as sent)::

    pv:copy      send me a copy of my data
    pv:del       delete my data (asks first)
    pv:del:yes   yes, delete it
    pv:del:no    no, keep it
"""

from __future__ import annotations

from bot.callbacks import CallbackData


class Copy(CallbackData, prefix="pv:copy"):
    """Send the presser a copy of their data."""


class Delete(CallbackData, prefix="pv:del"):
    """Ask the presser to confirm the deletion of their data."""


class DeleteYes(CallbackData, prefix="pv:del:yes"):
    """The presser confirmed: delete their data."""


class DeleteNo(CallbackData, prefix="pv:del:no"):
    """The presser changed their mind."""
