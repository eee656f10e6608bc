"""Texts of a person's rights (/privasi): what is kept and why, their copy, their deletion, and
the one sentence a newcomer's /start says about it. Telegram HTML; values are escaped by
`bot.texts.t()`."""

ID: dict[str, str] = {
    "cmd.privasi": "Data Anda: lihat, minta salinan, hapus",
    "privacy.overview": (
        "🔒 <b>Data Anda di Kamtibmas Bot</b>\n\n"
        "<b>Yang disimpan:</b> nama dan @username Telegram Anda, bahasa, desa asal dan desa "
        "yang Anda ikuti, laporan Anda (dengan foto dan lokasi), peran, giliran dan keanggotaan "
        "ronda, jawaban panggilan siaga, dan imbauan yang Anda tandai sudah dibaca. Gunanya: "
        "laporan sampai ke Polsek, imbauan "
        "sampai ke desa Anda, dan ronda bisa diatur.\n"
        "<b>Berapa lama:</b> foto dan lokasi persis laporan yang sudah ditutup {photo_days} "
        "hari; catatan pengiriman pesan {delivery_days} hari; isian yang ditinggalkan "
        "{draft_days} hari; catatan audit (siapa melakukan apa) tetap disimpan.\n"
        "<b>Siapa yang melihat:</b> laporan Anda dilihat petugas Polsek; pada laporan anonim "
        "tidak ada yang melihat siapa pelapornya.\n"
        "<b>Hak Anda</b> (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi): meminta "
        "salinan data ini dan menghapusnya."
    ),
    "privacy.btn_copy": "📄 Minta salinan data",
    "privacy.btn_delete": "🗑 Hapus data saya",
    "privacy.btn_delete_yes": "🗑 Ya, hapus data saya",
    "privacy.btn_delete_no": "Batal",
    "privacy.private_only": "Data pribadi hanya dibahas di chat pribadi dengan bot: ketik /privasi di sana.",
    "privacy.copy_caption": "📄 Salinan data Anda di Kamtibmas Bot ({when}).",
    "privacy.confirm": (
        "⚠️ <b>Hapus data Anda?</b>\n\n"
        "Yang dihapus: profil, desa asal dan langganan, peran, giliran dan keanggotaan ronda, "
        "jawaban panggilan siaga, isian yang "
        "belum selesai, dan pesan yang belum terkirim kepada Anda.{reports}\n\n"
        "Penghapusan tidak bisa diurungkan. Ketik /batal atau tekan “Batal” untuk tidak jadi."
    ),
    "privacy.confirm_reports": (
        "\n{count} laporan Anda tetap disimpan untuk catatan polisi, tetapi tidak lagi "
        "terhubung dengan Anda (seperti laporan anonim). Anda tidak lagi menerima kabar "
        "tentang laporan itu."
    ),
    "privacy.deleted": (
        "✅ Data Anda sudah dihapus.{reports}\n"
        "Jika Anda mengetik /start lagi, Anda mulai dari awal sebagai pengguna baru."
    ),
    "privacy.deleted_reports": " {count} laporan tetap tersimpan tanpa terhubung dengan Anda.",
    "privacy.kept": "Baik, data Anda tidak dihapus.",
    "privacy.police": (
        "Anda memegang peran polisi atau admin: tindakan petugas harus tetap tercatat atas "
        "nama mereka, jadi data Anda tidak bisa dihapus di sini. Mintalah admin mencabut "
        "peran itu lebih dulu, lalu ketik /privasi lagi."
    ),
    # At a newcomer's first /start (handlers/areas.py): one sentence, no legal text.
    "privacy.start_note": (
        "🔒 Data Anda dijaga: lihat apa yang disimpan, minta salinan, atau hapus lewat /privasi."
    ),
    "conversation.privasi": "penghapusan data (/privasi)",
}

EN: dict[str, str] = {
    "cmd.privasi": "Your data: see it, get a copy, delete it",
    "privacy.overview": (
        "🔒 <b>Your data in Kamtibmas Bot</b>\n\n"
        "<b>What is kept:</b> your Telegram name and @username, language, home desa and the "
        "areas you follow, your reports (with photos and locations), roles, ronda shifts and "
        "membership, your answers to standby calls, and the advisories you marked as read. Why: "
        "so reports reach the Polsek, advisories reach "
        "your desa, and the ronda can be organised.\n"
        "<b>How long:</b> photos and exact locations of closed reports {photo_days} days; "
        "delivery records {delivery_days} days; abandoned drafts {draft_days} days; the audit "
        "log (who did what) is kept.\n"
        "<b>Who sees it:</b> your reports are seen by the Polsek's officers; for an anonymous "
        "report nobody sees who made it.\n"
        "<b>Your rights</b> (Law No. 27 of 2022 on Personal Data Protection): get a copy of "
        "this data and have it deleted."
    ),
    "privacy.btn_copy": "📄 Get a copy of my data",
    "privacy.btn_delete": "🗑 Delete my data",
    "privacy.btn_delete_yes": "🗑 Yes, delete my data",
    "privacy.btn_delete_no": "Cancel",
    "privacy.private_only": "Personal data is only discussed in a private chat with the bot: type /privasi there.",
    "privacy.copy_caption": "📄 A copy of your data in Kamtibmas Bot ({when}).",
    "privacy.confirm": (
        "⚠️ <b>Delete your data?</b>\n\n"
        "Deleted: your profile, home desa and subscriptions, roles, ronda shifts and membership, "
        "answers to standby calls, unfinished "
        "drafts, and messages to you not sent yet.{reports}\n\n"
        "This cannot be undone. Type /batal or press “Cancel” to keep your data."
    ),
    "privacy.confirm_reports": (
        "\nYour reports ({count}) stay for the police record, but are no longer linked to "
        "you (like an anonymous report). You will no longer hear about them."
    ),
    "privacy.deleted": (
        "✅ Your data has been deleted.{reports}\n"
        "If you type /start again, you start afresh as a new user."
    ),
    "privacy.deleted_reports": " Your reports ({count}) stay, no longer linked to you.",
    "privacy.kept": "All right, your data was not deleted.",
    "privacy.police": (
        "You hold a police or admin role: officers' actions must stay recorded under their "
        "name, so your data cannot be deleted here. Ask an admin to take that role away "
        "first, then type /privasi again."
    ),
    "privacy.start_note": (
        "🔒 Your data is protected: see what is kept, get a copy or delete it with /privasi."
    ),
    "conversation.privasi": "deleting your data (/privasi)",
}
