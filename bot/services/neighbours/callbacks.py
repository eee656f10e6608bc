"""The button of neighbour alerts, defined once for building and for parsing."""

from __future__ import annotations

from bot.callbacks import CallbackData


class OfferHelp(CallbackData, prefix="nb:help"):
    """ "🤝 Siap bantu" under an alert: "nb:help:<alert id>"."""

    alert_id: int
