"""Texts of neighbour alerts: a report in one desa told to the watch of the desa around it.

Telegram HTML; values are escaped by `bot.texts.t()`.
The reporter is never named in any of them.
"""

ID: dict[str, str] = {
    "nb.alert": (
        "⚠️ <b>Waspada: {category} di Desa {desa}, {time}</b>\n"
        "{reason}\n\n"
        "Anda menerima ini sebagai petugas ronda atau koordinator Desa {own}, tetangga "
        "Desa {desa}. Bisa membantu? Tekan “Siap bantu”: polisi dan koordinator Desa {desa} "
        "akan tahu."
    ),
    "nb.reason.urgent": "Laporan mendesak dari warga.",
    "nb.reason.confirmed": "Laporan warga sudah diterima polisi.",
    "nb.btn_help": "🤝 Siap bantu",
    "nb.help_duty": "🤝 Siap bantu: {name} dari Desa {desa} untuk laporan {code}",
    "nb.help_koordinator": (
        "🤝 {name} dari Desa {desa} siap membantu untuk laporan {code} ({category} di Desa "
        "{report_desa})."
    ),
    "nb.help_thanks": (
        "Terima kasih! Polisi dan koordinator Desa {desa} sudah diberi tahu bahwa Anda siap "
        "membantu."
    ),
    "nb.help_again": "Kesediaan Anda sudah tercatat. Terima kasih!",
    "nb.help_closed": "Laporan ini sudah ditutup; bantuan tidak diperlukan lagi. Terima kasih!",
    "nb.help_not_alerted": "Tombol ini hanya untuk yang menerima peringatan ini.",
}

EN: dict[str, str] = {
    "nb.alert": (
        "⚠️ <b>Be alert: {category} in {desa} village, {time}</b>\n"
        "{reason}\n\n"
        "You receive this as a patrol member or koordinator of {own}, a neighbour of "
        "{desa}. Can you help? Press “Ready to help”: the police and the koordinator of "
        "{desa} will know."
    ),
    "nb.reason.urgent": "An urgent report from a resident.",
    "nb.reason.confirmed": "A resident's report, taken up by the police.",
    "nb.btn_help": "🤝 Ready to help",
    "nb.help_duty": "🤝 Ready to help: {name} from {desa} village for report {code}",
    "nb.help_koordinator": (
        "🤝 {name} from {desa} village is ready to help with report {code} ({category} in "
        "{report_desa} village)."
    ),
    "nb.help_thanks": (
        "Thank you! The police and the koordinator of {desa} have been told you are ready to help."
    ),
    "nb.help_again": "Your offer is already recorded. Thank you!",
    "nb.help_closed": "This report is closed; no help is needed any more. Thank you!",
    "nb.help_not_alerted": "This button is only for those who received this alert.",
}
