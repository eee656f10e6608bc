"""Texts of the Polsek dashboard (bot/web) and of /dasbor. Telegram-HTML-safe strings: the web
templates show them as HTML through t(). Each page adds its keys `dasbor.<page>_...` in its
own block."""

ID: dict[str, str] = {
    # /dasbor in chat
    "cmd.dasbor": "Tautan masuk ke dasbor web Polsek",
    "dasbor.link": (
        "🖥 <b>Dasbor Polsek</b>\n"
        "Buka tautan ini di komputer piket atau HP Anda:\n{url}\n\n"
        "Tautan hanya untuk Anda, berlaku {minutes} menit dan hanya sekali pakai. "
        "Jangan diteruskan ke orang lain."
    ),
    "dasbor.web_off": "Dasbor web belum dinyalakan di server ini (WEB_PORT). Hubungi admin bot.",
    # the layout
    "dasbor.title": "Dasbor Kamtibmas",
    "dasbor.logout": "Keluar",
    "dasbor.language": "Bahasa",
    "dasbor.skip": "Lewati ke isi",
    "dasbor.logged_in_as": "Masuk sebagai {name}",
    "dasbor.loading": "Memuat…",
    "dasbor.updated": "Diperbarui {time}",
    "dasbor.offline": "Koneksi terputus, mencoba lagi…",
    "dasbor.home_title": "Selamat datang",
    "dasbor.home_empty": "Belum ada halaman dasbor untuk peran Anda.",
    # log-in and refusals
    "dasbor.login_title": "Masuk ke dasbor",
    "dasbor.login_how": (
        "Untuk masuk, kirim <b>/dasbor</b> ke bot Kamtibmas di Telegram (chat pribadi), "
        "lalu buka tautan yang dikirim bot. Tautan berlaku 10 menit dan hanya sekali pakai."
    ),
    "dasbor.link_expired": (
        "Tautan ini sudah kedaluwarsa (berlaku 10 menit). Kirim <b>/dasbor</b> ke bot untuk "
        "tautan baru."
    ),
    "dasbor.link_used": (
        "Tautan ini sudah pernah dipakai. Setiap tautan hanya bisa dipakai sekali; kirim "
        "<b>/dasbor</b> ke bot untuk tautan baru."
    ),
    "dasbor.link_unknown": (
        "Tautan ini tidak dikenal. Salin tautan dari bot dengan lengkap, atau kirim "
        "<b>/dasbor</b> ke bot untuk tautan baru."
    ),
    "dasbor.revoked": (
        "Akses dicabut: Anda tidak lagi memegang peran yang boleh membuka dasbor. "
        "Hubungi admin bila ini keliru."
    ),
    "dasbor.denied_title": "Tidak diizinkan",
    "dasbor.denied": "Maaf, halaman atau tindakan ini bukan untuk peran Anda.",
    "dasbor.csrf": (
        "Permintaan ditolak karena tanda keamanannya tidak cocok. Muat ulang halaman lalu coba "
        "lagi."
    ),
    "dasbor.logout_title": "Sudah keluar",
    "dasbor.logged_out": "Anda sudah keluar dari dasbor. Kirim <b>/dasbor</b> ke bot untuk masuk lagi.",
    "dasbor.error_title": "Ada masalah",
    "dasbor.not_found": "Halaman tidak ditemukan.",
    "dasbor.error": "Permintaan tidak bisa diproses.",
    # ---- pages (each page's helper adds its block below) ----
    # ---- himbauan, ronda, siaga (H4) ----
    "dasbor.nav_himbauan": "Imbauan",
    "dasbor.nav_ronda": "Ronda",
    "dasbor.nav_siaga": "Siaga",
    "dasbor.himbauan_title": "Imbauan dan pengirimannya",
    "dasbor.himbauan_intro": (
        "Imbauan Anda (admin: semua imbauan) dengan kemajuan pengirimannya, diperbarui otomatis."
    ),
    "dasbor.himbauan_none": "Belum ada imbauan. Buat imbauan di Telegram dengan /imbauan.",
    "dasbor.himbauan_sent": "Terkirim",
    "dasbor.himbauan_blocked": "Tidak bisa dihubungi",
    "dasbor.himbauan_failed": "Gagal",
    "dasbor.himbauan_waiting": "Menunggu",
    "dasbor.himbauan_cancelled": "Dibatalkan",
    "dasbor.himbauan_reads": "Sudah dibaca",
    "dasbor.himbauan_not_sent_yet": "Belum dikirim (menunggu persetujuan atau jadwal).",
    "dasbor.himbauan_exercise": "LATIHAN",
    "dasbor.himbauan_to": "Untuk: {targets}",
    "dasbor.himbauan_from": "Dari: {source}",
    "dasbor.himbauan_created": "Dibuat {time}",
    "dasbor.himbauan_sent_at": "dikirim {time}",
    "dasbor.himbauan_send_at": "dijadwalkan {time}",
    "dasbor.himbauan_cancelled_at": "Dicabut {time}. Alasan: {reason}",
    "dasbor.himbauan_updates_count": "🔄 {count} pembaruan",
    "dasbor.himbauan_updates_title": "Pembaruan",
    "dasbor.himbauan_details": "Rincian",
    "dasbor.himbauan_older": "Imbauan lebih lama",
    "dasbor.himbauan_back": "Semua imbauan",
    "dasbor.himbauan_detail_title": "Imbauan #{id}",
    "dasbor.himbauan_not_found": "Imbauan ini tidak ada, atau bukan imbauan Anda.",
    "dasbor.himbauan_update_title": "Perbarui",
    "dasbor.himbauan_update_help": (
        "Pembaruan dikirim sebagai balasan ke semua penerima imbauan ini (dengan persetujuan "
        "Polsek bila organisasinya memerlukan)."
    ),
    "dasbor.himbauan_update_button": "🔄 Kirim pembaruan",
    "dasbor.himbauan_cancel_title": "Cabut",
    "dasbor.himbauan_cancel_help": (
        "Semua salinan dicoret dan alasan Anda dikirim ke semua penerimanya "
        "(mis. informasi keliru / hoaks)."
    ),
    "dasbor.himbauan_reason_label": "Alasan pencabutan",
    "dasbor.himbauan_reason_needed": "Tulis alasan pencabutan: alasan dikirim ke semua penerima.",
    "dasbor.himbauan_cancel_button": "❌ Cabut imbauan",
    "dasbor.himbauan_cancel_confirm": "Cabut imbauan #{id} di semua chat penerimanya?",
    "dasbor.himbauan_ledger_title": "Penerima",
    "dasbor.himbauan_ledger_none": "Belum ada penerima: imbauan ini belum dikirim.",
    "dasbor.himbauan_search_label": "Cari nama atau ID chat",
    "dasbor.himbauan_search_button": "Cari",
    "dasbor.himbauan_ledger_count": "{total} chat",
    "dasbor.himbauan_col_chat": "ID chat",
    "dasbor.himbauan_col_name": "Nama",
    "dasbor.himbauan_col_status": "Status",
    "dasbor.himbauan_col_time": "Terkirim",
    "dasbor.himbauan_col_error": "Keterangan",
    "dasbor.himbauan_st_sent": "terkirim",
    "dasbor.himbauan_st_blocked": "tidak bisa dihubungi",
    "dasbor.himbauan_st_failed": "gagal",
    "dasbor.himbauan_st_cancelled": "dibatalkan",
    "dasbor.himbauan_st_pending": "menunggu",
    "dasbor.himbauan_st_claimed": "sedang dikirim",
    "dasbor.himbauan_page": "Halaman {page} dari {pages}",
    "dasbor.himbauan_prev": "← Sebelumnya",
    "dasbor.himbauan_next": "Berikutnya →",
    "dasbor.ronda_title": "Ronda minggu ini",
    "dasbor.ronda_week": "Senin {first} sampai Minggu {last} (WIB)",
    "dasbor.ronda_none": "Tidak ada jadwal ronda minggu ini di desa yang Anda koordinasi.",
    "dasbor.ronda_desa": "Desa {desa}",
    "dasbor.ronda_held": "Terlaksana",
    "dasbor.ronda_missed": "Terlewat",
    "dasbor.ronda_planned": "Terjadwal",
    "dasbor.ronda_cancelled": "Dibatalkan",
    "dasbor.ronda_col_when": "Waktu",
    "dasbor.ronda_col_where": "Pos ronda",
    "dasbor.ronda_col_members": "Anggota (✅ hadir)",
    "dasbor.ronda_col_status": "Status",
    "dasbor.ronda_status_planned": "terjadwal",
    "dasbor.ronda_status_held": "terlaksana",
    "dasbor.ronda_status_missed": "terlewat",
    "dasbor.ronda_status_cancelled": "dibatalkan",
    "dasbor.ronda_map_title": "Peta kehadiran",
    "dasbor.ronda_map_none": "Belum ada kehadiran dengan lokasi minggu ini.",
    "dasbor.siaga_title": "Panggilan siaga yang terbuka",
    "dasbor.siaga_intro": "Jawaban anggota diperbarui otomatis, sama seperti rekap di Telegram.",
    "dasbor.siaga_none": "Tidak ada panggilan siaga yang terbuka.",
    "dasbor.siaga_call": "Siaga #{id} · {area}",
    "dasbor.siaga_where": "📍 {place} · ⏰ {time}",
    "dasbor.siaga_by": "Dipanggil oleh {caller}",
    "dasbor.siaga_siap": "✅ Siap",
    "dasbor.siaga_lokasi": "📍 Sudah di lokasi",
    "dasbor.siaga_tidak": "❌ Tidak bisa",
    "dasbor.siaga_waiting": "⏳ Belum menjawab",
}

EN: dict[str, str] = {
    "cmd.dasbor": "Log-in link to the Polsek web dashboard",
    "dasbor.link": (
        "🖥 <b>Polsek dashboard</b>\n"
        "Open this link on the duty PC or your phone:\n{url}\n\n"
        "The link is yours alone, valid for {minutes} minutes and for one use. "
        "Do not pass it on."
    ),
    "dasbor.web_off": "The web dashboard is not switched on on this server (WEB_PORT). Ask the bot's admin.",
    "dasbor.title": "Kamtibmas dashboard",
    "dasbor.logout": "Log out",
    "dasbor.language": "Language",
    "dasbor.skip": "Skip to content",
    "dasbor.logged_in_as": "Logged in as {name}",
    "dasbor.loading": "Loading…",
    "dasbor.updated": "Updated {time}",
    "dasbor.offline": "Connection lost, retrying…",
    "dasbor.home_title": "Welcome",
    "dasbor.home_empty": "There is no dashboard page for your roles yet.",
    "dasbor.login_title": "Log in to the dashboard",
    "dasbor.login_how": (
        "To log in, send <b>/dasbor</b> to the Kamtibmas bot in Telegram (private chat), then "
        "open the link the bot sends. The link is valid for 10 minutes and for one use."
    ),
    "dasbor.link_expired": (
        "This link has expired (it is valid for 10 minutes). Send <b>/dasbor</b> to the bot for "
        "a new one."
    ),
    "dasbor.link_used": (
        "This link has been used already. Each link works once; send <b>/dasbor</b> to the bot "
        "for a new one."
    ),
    "dasbor.link_unknown": (
        "This link is not known. Copy the whole link from the bot, or send <b>/dasbor</b> to the "
        "bot for a new one."
    ),
    "dasbor.revoked": (
        "Access revoked: you no longer hold a role that may open the dashboard. Ask an admin "
        "if this is a mistake."
    ),
    "dasbor.denied_title": "Not allowed",
    "dasbor.denied": "Sorry, this page or action is not for your roles.",
    "dasbor.csrf": "The request was refused: its security token did not match. Reload the page and try again.",
    "dasbor.logout_title": "Logged out",
    "dasbor.logged_out": "You have logged out of the dashboard. Send <b>/dasbor</b> to the bot to log in again.",
    "dasbor.error_title": "Something went wrong",
    "dasbor.not_found": "Page not found.",
    "dasbor.error": "The request could not be handled.",
    # ---- pages (each page's helper adds its block below) ----
    # ---- himbauan, ronda, siaga (H4) ----
    "dasbor.nav_himbauan": "Advisories",
    "dasbor.nav_ronda": "Patrols",
    "dasbor.nav_siaga": "Siaga",
    "dasbor.himbauan_title": "Advisories and their delivery",
    "dasbor.himbauan_intro": (
        "Your advisories (admins: every advisory) with their delivery progress, updated live."
    ),
    "dasbor.himbauan_none": "No advisories yet. Issue one in Telegram with /imbauan.",
    "dasbor.himbauan_sent": "Sent",
    "dasbor.himbauan_blocked": "Blocked",
    "dasbor.himbauan_failed": "Failed",
    "dasbor.himbauan_waiting": "Waiting",
    "dasbor.himbauan_cancelled": "Cancelled",
    "dasbor.himbauan_reads": "Read",
    "dasbor.himbauan_not_sent_yet": "Not sent yet (awaiting approval or its time).",
    "dasbor.himbauan_exercise": "EXERCISE",
    "dasbor.himbauan_to": "To: {targets}",
    "dasbor.himbauan_from": "From: {source}",
    "dasbor.himbauan_created": "Created {time}",
    "dasbor.himbauan_sent_at": "sent {time}",
    "dasbor.himbauan_send_at": "scheduled for {time}",
    "dasbor.himbauan_cancelled_at": "Withdrawn {time}. Reason: {reason}",
    "dasbor.himbauan_updates_count": "🔄 {count} update(s)",
    "dasbor.himbauan_updates_title": "Updates",
    "dasbor.himbauan_details": "Details",
    "dasbor.himbauan_older": "Older advisories",
    "dasbor.himbauan_back": "All advisories",
    "dasbor.himbauan_detail_title": "Advisory #{id}",
    "dasbor.himbauan_not_found": "This advisory does not exist, or it is not yours.",
    "dasbor.himbauan_update_title": "Update",
    "dasbor.himbauan_update_help": (
        "The update goes as a reply to every recipient of this advisory (after the Polsek's "
        "approval when its organisation needs one)."
    ),
    "dasbor.himbauan_update_button": "🔄 Send update",
    "dasbor.himbauan_cancel_title": "Withdraw",
    "dasbor.himbauan_cancel_help": (
        "Every copy is struck through and your reason goes to every recipient "
        "(e.g. wrong information / hoax)."
    ),
    "dasbor.himbauan_reason_label": "Reason for withdrawing",
    "dasbor.himbauan_reason_needed": "Write the reason: it goes to every recipient.",
    "dasbor.himbauan_cancel_button": "❌ Withdraw advisory",
    "dasbor.himbauan_cancel_confirm": "Withdraw advisory #{id} in every chat that received it?",
    "dasbor.himbauan_ledger_title": "Recipients",
    "dasbor.himbauan_ledger_none": "No recipients yet: this advisory has not been sent.",
    "dasbor.himbauan_search_label": "Search name or chat id",
    "dasbor.himbauan_search_button": "Search",
    "dasbor.himbauan_ledger_count": "{total} chats",
    "dasbor.himbauan_col_chat": "Chat id",
    "dasbor.himbauan_col_name": "Name",
    "dasbor.himbauan_col_status": "Status",
    "dasbor.himbauan_col_time": "Sent",
    "dasbor.himbauan_col_error": "Note",
    "dasbor.himbauan_st_sent": "sent",
    "dasbor.himbauan_st_blocked": "blocked the bot",
    "dasbor.himbauan_st_failed": "failed",
    "dasbor.himbauan_st_cancelled": "cancelled",
    "dasbor.himbauan_st_pending": "waiting",
    "dasbor.himbauan_st_claimed": "being sent",
    "dasbor.himbauan_page": "Page {page} of {pages}",
    "dasbor.himbauan_prev": "← Previous",
    "dasbor.himbauan_next": "Next →",
    "dasbor.ronda_title": "Patrols this week",
    "dasbor.ronda_week": "Monday {first} to Sunday {last} (WIB)",
    "dasbor.ronda_none": "No patrol shifts this week in the desa you coordinate.",
    "dasbor.ronda_desa": "Desa {desa}",
    "dasbor.ronda_held": "Held",
    "dasbor.ronda_missed": "Missed",
    "dasbor.ronda_planned": "Planned",
    "dasbor.ronda_cancelled": "Called off",
    "dasbor.ronda_col_when": "When",
    "dasbor.ronda_col_where": "Watch post",
    "dasbor.ronda_col_members": "Members (✅ present)",
    "dasbor.ronda_col_status": "Status",
    "dasbor.ronda_status_planned": "planned",
    "dasbor.ronda_status_held": "held",
    "dasbor.ronda_status_missed": "missed",
    "dasbor.ronda_status_cancelled": "called off",
    "dasbor.ronda_map_title": "Check-ins on the map",
    "dasbor.ronda_map_none": "No check-ins with a location this week yet.",
    "dasbor.siaga_title": "Open siaga calls",
    "dasbor.siaga_intro": "Members' answers update live, as the tally in Telegram does.",
    "dasbor.siaga_none": "No siaga call is open.",
    "dasbor.siaga_call": "Siaga #{id} · {area}",
    "dasbor.siaga_where": "📍 {place} · ⏰ {time}",
    "dasbor.siaga_by": "Called by {caller}",
    "dasbor.siaga_siap": "✅ Ready",
    "dasbor.siaga_lokasi": "📍 On site",
    "dasbor.siaga_tidak": "❌ Cannot come",
    "dasbor.siaga_waiting": "⏳ No answer yet",
}
