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
    # ---- laporan ----
    "dasbor.nav_laporan": "Laporan",
    "dasbor.laporan_title": "Laporan warga",
    "dasbor.laporan_f_status": "Status",
    "dasbor.laporan_f_category": "Kategori",
    "dasbor.laporan_f_desa": "Desa",
    "dasbor.laporan_f_since": "Dari tanggal",
    "dasbor.laporan_f_until": "Sampai tanggal",
    "dasbor.laporan_f_source": "Sumber",
    "dasbor.laporan_f_any": "Semua",
    "dasbor.laporan_f_apply": "Terapkan",
    "dasbor.laporan_f_reset": "Hapus filter",
    "dasbor.laporan_source": "Sumber",
    "dasbor.laporan_source_all": "Semua laporan sungguhan",
    "dasbor.laporan_source_warga": "Warga (/lapor)",
    "dasbor.laporan_source_ronda": "Ronda",
    "dasbor.laporan_source_latihan": "Latihan (bukan laporan sungguhan)",
    "dasbor.laporan_status_baru": "Baru",
    "dasbor.laporan_status_diterima": "Diterima",
    "dasbor.laporan_status_diproses": "Diproses",
    "dasbor.laporan_status_selesai": "Selesai",
    "dasbor.laporan_status_ditolak": "Ditolak",
    "dasbor.laporan_urgent": "Mendesak",
    "dasbor.laporan_practice": "LATIHAN",
    "dasbor.laporan_practice_banner": (
        "🎓 LATIHAN — laporan latihan dari /latihan, bukan laporan sungguhan. Tidak dihitung, "
        "tidak di peta, tidak bisa ditindaklanjuti."
    ),
    "dasbor.laporan_map": "Peta laporan",
    "dasbor.laporan_map_attribution": "© kontributor OpenStreetMap",
    "dasbor.laporan_map_note": (
        "Hanya laporan dengan lokasi yang dibagikan pelapor yang tampil di peta; laporan "
        "mendesak yang belum selesai di paling atas."
    ),
    "dasbor.laporan_table": "Daftar laporan",
    "dasbor.laporan_col_code": "Nomor",
    "dasbor.laporan_col_time": "Waktu",
    "dasbor.laporan_col_category": "Kategori",
    "dasbor.laporan_col_desa": "Desa",
    "dasbor.laporan_col_status": "Status",
    "dasbor.laporan_col_reporter": "Pelapor",
    "dasbor.laporan_col_handler": "Petugas",
    "dasbor.laporan_named": "Bernama",
    "dasbor.laporan_anonymous": "Anonim",
    "dasbor.laporan_none": "Tidak ada laporan yang cocok.",
    "dasbor.laporan_new": "Laporan baru",
    "dasbor.laporan_pages": "Halaman tabel",
    "dasbor.laporan_prev": "Sebelumnya",
    "dasbor.laporan_next": "Berikutnya",
    "dasbor.laporan_page_of": "Halaman {page} dari {pages}",
    "dasbor.laporan_back": "Kembali ke daftar laporan",
    "dasbor.laporan_place": "Tempat",
    "dasbor.laporan_location": "Lokasi",
    "dasbor.laporan_outcome": "Hasil/catatan",
    "dasbor.laporan_description": "Kejadian",
    "dasbor.laporan_photos": "Foto ({count})",
    "dasbor.laporan_photo_alt": "Foto {n} dari pelapor",
    "dasbor.laporan_redacted": "Foto dan lokasi persis sudah dihapus (masa simpan habis).",
    "dasbor.laporan_reveal": "👤 Lihat pelapor",
    "dasbor.laporan_reporter_audited": "(tercatat di log audit)",
    "dasbor.laporan_actions": "Tindakan",
    "dasbor.laporan_act_take": "✅ Terima",
    "dasbor.laporan_act_proc": "🔎 Proses",
    "dasbor.laporan_act_done": "🏁 Selesai",
    "dasbor.laporan_act_rej": "⛔ Tolak",
    "dasbor.laporan_act_ask": "❓ Tanya pelapor",
    "dasbor.laporan_note_done": "Catatan hasil penanganan",
    "dasbor.laporan_note_ask": "Pertanyaan untuk pelapor",
    "dasbor.laporan_note_rej": "Keterangan (wajib untuk “Alasan lain”)",
    "dasbor.laporan_reason": "Alasan",
    "dasbor.laporan_closed": "Laporan ini sudah ditutup.",
    "dasbor.laporan_view_only": "Anda dapat melihat laporan ini, tetapi tidak menanganinya.",
    "dasbor.laporan_result_done": "Tersimpan. Pelapor diberi tahu dan kartu di grup piket diperbarui.",
    "dasbor.laporan_result_taken": "Laporan ini sudah ditangani petugas lain.",
    "dasbor.laporan_result_closed": "Laporan ini sudah ditutup.",
    "dasbor.laporan_result_unchanged": "Tidak ada yang berubah: status laporan sudah begitu.",
    "dasbor.laporan_result_unreachable": "Pelapor tidak bisa dihubungi lewat bot.",
    "dasbor.laporan_result_not_found": "Laporan tidak ditemukan.",
    "dasbor.laporan_result_note": "Tulis catatan atau pertanyaannya dulu (minimal 2 huruf).",
    "dasbor.laporan_result_reason": "Pilih alasan penolakan.",
    "dasbor.laporan_history": "Riwayat",
    "dasbor.laporan_by_reporter": "pelapor",
    "dasbor.laporan_event_created": "laporan dibuat",
    "dasbor.laporan_event_diterima": "diterima petugas",
    "dasbor.laporan_event_diproses": "diproses",
    "dasbor.laporan_event_selesai": "selesai",
    "dasbor.laporan_event_ditolak": "ditolak",
    "dasbor.laporan_event_question": "petugas bertanya",
    "dasbor.laporan_event_answer": "pelapor menjawab",
    "dasbor.laporan_event_escalated": "diteruskan ke Polres (menit tanpa petugas)",
    "dasbor.laporan_event_escalated_undelivered": "diteruskan ke Polres (kartu tidak sampai)",
    "dasbor.laporan_checklist": "Daftar periksa: {passed} dari {total} terpenuhi",
    "dasbor.laporan_feedback": "Masukan pelatih",
    # ---- end laporan ----
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
    # ---- laporan ----
    "dasbor.nav_laporan": "Reports",
    "dasbor.laporan_title": "Residents' reports",
    "dasbor.laporan_f_status": "Status",
    "dasbor.laporan_f_category": "Category",
    "dasbor.laporan_f_desa": "Village",
    "dasbor.laporan_f_since": "From",
    "dasbor.laporan_f_until": "Until",
    "dasbor.laporan_f_source": "Source",
    "dasbor.laporan_f_any": "All",
    "dasbor.laporan_f_apply": "Apply",
    "dasbor.laporan_f_reset": "Clear filters",
    "dasbor.laporan_source": "Source",
    "dasbor.laporan_source_all": "All real reports",
    "dasbor.laporan_source_warga": "Residents (/lapor)",
    "dasbor.laporan_source_ronda": "Patrol",
    "dasbor.laporan_source_latihan": "Practice (not real reports)",
    "dasbor.laporan_status_baru": "New",
    "dasbor.laporan_status_diterima": "Taken",
    "dasbor.laporan_status_diproses": "In progress",
    "dasbor.laporan_status_selesai": "Done",
    "dasbor.laporan_status_ditolak": "Rejected",
    "dasbor.laporan_urgent": "Urgent",
    "dasbor.laporan_practice": "PRACTICE",
    "dasbor.laporan_practice_banner": (
        "🎓 PRACTICE — practice reports from /latihan, not real reports. Not counted, not on "
        "the map, no action possible."
    ),
    "dasbor.laporan_map": "Map of reports",
    "dasbor.laporan_map_attribution": "© OpenStreetMap contributors",
    "dasbor.laporan_map_note": (
        "Only reports whose reporter shared a location are on the map; urgent open reports on top."
    ),
    "dasbor.laporan_table": "Reports",
    "dasbor.laporan_col_code": "Number",
    "dasbor.laporan_col_time": "Time",
    "dasbor.laporan_col_category": "Category",
    "dasbor.laporan_col_desa": "Village",
    "dasbor.laporan_col_status": "Status",
    "dasbor.laporan_col_reporter": "Reporter",
    "dasbor.laporan_col_handler": "Officer",
    "dasbor.laporan_named": "Named",
    "dasbor.laporan_anonymous": "Anonymous",
    "dasbor.laporan_none": "No reports match.",
    "dasbor.laporan_new": "New report",
    "dasbor.laporan_pages": "Table pages",
    "dasbor.laporan_prev": "Previous",
    "dasbor.laporan_next": "Next",
    "dasbor.laporan_page_of": "Page {page} of {pages}",
    "dasbor.laporan_back": "Back to the reports",
    "dasbor.laporan_place": "Place",
    "dasbor.laporan_location": "Location",
    "dasbor.laporan_outcome": "Outcome/note",
    "dasbor.laporan_description": "What happened",
    "dasbor.laporan_photos": "Photos ({count})",
    "dasbor.laporan_photo_alt": "Photo {n} from the reporter",
    "dasbor.laporan_redacted": "Photos and the exact location were removed (retention period over).",
    "dasbor.laporan_reveal": "👤 Show reporter",
    "dasbor.laporan_reporter_audited": "(written to the audit log)",
    "dasbor.laporan_actions": "Actions",
    "dasbor.laporan_act_take": "✅ Take",
    "dasbor.laporan_act_proc": "🔎 Process",
    "dasbor.laporan_act_done": "🏁 Done",
    "dasbor.laporan_act_rej": "⛔ Reject",
    "dasbor.laporan_act_ask": "❓ Ask the reporter",
    "dasbor.laporan_note_done": "Note on how it was handled",
    "dasbor.laporan_note_ask": "Question for the reporter",
    "dasbor.laporan_note_rej": "Details (required for “Other reason”)",
    "dasbor.laporan_reason": "Reason",
    "dasbor.laporan_closed": "This report is closed.",
    "dasbor.laporan_view_only": "You may see this report, but not handle it.",
    "dasbor.laporan_result_done": "Saved. The reporter was told and the duty chat's card updated.",
    "dasbor.laporan_result_taken": "Another officer is handling this report.",
    "dasbor.laporan_result_closed": "This report is closed already.",
    "dasbor.laporan_result_unchanged": "Nothing changed: the report is at that status already.",
    "dasbor.laporan_result_unreachable": "The reporter cannot be reached through the bot.",
    "dasbor.laporan_result_not_found": "Report not found.",
    "dasbor.laporan_result_note": "Write the note or question first (at least 2 letters).",
    "dasbor.laporan_result_reason": "Choose a reason for rejecting.",
    "dasbor.laporan_history": "History",
    "dasbor.laporan_by_reporter": "reporter",
    "dasbor.laporan_event_created": "report made",
    "dasbor.laporan_event_diterima": "taken by an officer",
    "dasbor.laporan_event_diproses": "in progress",
    "dasbor.laporan_event_selesai": "done",
    "dasbor.laporan_event_ditolak": "rejected",
    "dasbor.laporan_event_question": "the officer asked",
    "dasbor.laporan_event_answer": "the reporter answered",
    "dasbor.laporan_event_escalated": "escalated to the Polres (minutes without an officer)",
    "dasbor.laporan_event_escalated_undelivered": "escalated to the Polres (the card did not arrive)",
    "dasbor.laporan_checklist": "Checklist: {passed} of {total} met",
    "dasbor.laporan_feedback": "Trainer's feedback",
    # ---- end laporan ----
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
