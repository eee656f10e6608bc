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
    # ---- statistik (H5) ----
    "dasbor.statistik_nav": "Statistik",
    "dasbor.statistik_title": "Statistik",
    "dasbor.statistik_reports": "📊 Laporan — {scope}",
    "dasbor.statistik_total": "Jumlah laporan",
    "dasbor.statistik_escalated": "Dieskalasi",
    "dasbor.statistik_to_terima": "Median sampai diterima",
    "dasbor.statistik_to_selesai": "Median sampai selesai",
    "dasbor.statistik_minutes": "menit",
    "dasbor.statistik_weekly": "Laporan per minggu ({weeks} minggu terakhir)",
    "dasbor.statistik_by_desa": "Menurut desa",
    "dasbor.statistik_other_desa": "Desa lain",
    "dasbor.statistik_no_weeks": "Belum ada laporan dalam {weeks} minggu terakhir.",
    "dasbor.statistik_csv_reports": "Unduh semua laporan (CSV)",
    "dasbor.statistik_patrols": "🔦 Ronda — {scope}, {days} hari terakhir",
    "dasbor.statistik_held": "Giliran terlaksana",
    "dasbor.statistik_missed": "Tidak ada yang datang",
    "dasbor.statistik_cancelled": "Dibatalkan",
    "dasbor.statistik_checkins": "Kehadiran anggota",
    "dasbor.statistik_on_time": "Tepat waktu (≤ 10 menit)",
    "dasbor.statistik_median_late": "Keterlambatan median",
    "dasbor.statistik_seen": "Kejadian dilihat saat ronda",
    "dasbor.statistik_from_patrols": "Laporan dari ronda",
    "dasbor.statistik_watch": "Anggota ronda",
    "dasbor.statistik_volunteers": "relawan",
    "dasbor.statistik_pending": "permintaan menunggu",
    "dasbor.statistik_siaga": "📣 Siaga: panggilan · menjawab",
    "dasbor.statistik_siaga_median": "median sampai “Siap”",
    "dasbor.statistik_per_desa": "Per desa",
    "dasbor.statistik_desa": "Desa",
    "dasbor.statistik_csv_patrols": "Unduh angka ronda (CSV)",
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
    # ---- statistik (H5) ----
    "dasbor.statistik_nav": "Statistics",
    "dasbor.statistik_title": "Statistics",
    "dasbor.statistik_reports": "📊 Reports — {scope}",
    "dasbor.statistik_total": "Reports",
    "dasbor.statistik_escalated": "Escalated",
    "dasbor.statistik_to_terima": "Median time until taken",
    "dasbor.statistik_to_selesai": "Median time until done",
    "dasbor.statistik_minutes": "minutes",
    "dasbor.statistik_weekly": "Reports per week (last {weeks} weeks)",
    "dasbor.statistik_by_desa": "By village",
    "dasbor.statistik_other_desa": "Other villages",
    "dasbor.statistik_no_weeks": "No reports in the last {weeks} weeks.",
    "dasbor.statistik_csv_reports": "Download every report (CSV)",
    "dasbor.statistik_patrols": "🔦 Patrols — {scope}, last {days} days",
    "dasbor.statistik_held": "Shifts held",
    "dasbor.statistik_missed": "Nobody came",
    "dasbor.statistik_cancelled": "Called off",
    "dasbor.statistik_checkins": "Members' check-ins",
    "dasbor.statistik_on_time": "On time (≤ 10 minutes)",
    "dasbor.statistik_median_late": "Median lateness",
    "dasbor.statistik_seen": "Incidents seen on patrol",
    "dasbor.statistik_from_patrols": "Reports from patrols",
    "dasbor.statistik_watch": "Patrol members",
    "dasbor.statistik_volunteers": "volunteers",
    "dasbor.statistik_pending": "requests waiting",
    "dasbor.statistik_siaga": "📣 Siaga: calls · answered",
    "dasbor.statistik_siaga_median": "median time to “Ready”",
    "dasbor.statistik_per_desa": "By village",
    "dasbor.statistik_desa": "Village",
    "dasbor.statistik_csv_patrols": "Download the patrol figures (CSV)",
}
