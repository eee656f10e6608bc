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
}
