"""Texts of incident reports (/lapor, the duty card, /status, statistics). Telegram HTML."""

ID: dict[str, str] = {
    "cmd.lapor": "Laporkan kejadian (pencurian, kebakaran, kecelakaan…)",
    "cmd.status": "Status laporan Anda, misalnya /status LMB-0042",
    "cmd.laporanku": "Daftar laporan Anda",
    "cmd.statistik": "Polisi: statistik laporan",
    "cmd.eksporlaporan": "Polisi: unduh semua laporan (CSV)",
    "reports.cat.pencurian": "🥷 Pencurian",
    "reports.cat.kebakaran": "🔥 Kebakaran",
    "reports.cat.kecelakaan": "🚑 Kecelakaan",
    "reports.cat.keributan": "👊 Keributan/perkelahian",
    "reports.cat.mencurigakan": "👀 Hal mencurigakan",
    "reports.cat.bencana": "🌊 Bencana alam",
    "reports.cat.lainnya": "📝 Lainnya",
    "reports.reason.hoaks": "Hoaks / tidak benar",
    "reports.reason.duplikat": "Duplikat (sudah dilaporkan)",
    "reports.reason.bukan_wewenang": "Bukan wewenang polisi",
    "reports.reason.kurang_info": "Informasi kurang",
    "reports.reason.lainnya": "Alasan lain",
    "reports.status.baru": "🆕 Baru, menunggu petugas",
    "reports.status.diterima": "👮 Diterima petugas",
    "reports.status.diproses": "🔎 Sedang diproses",
    "reports.status.selesai": "✅ Selesai",
    "reports.status.ditolak": "⛔ Tidak ditindaklanjuti",
    "reports.police": "kepolisian",
    "reports.this_report": "laporan ini",
    "reports.polsek_officer": "{polsek} ({officer})",
    "reports.card_header": "📋 <b>Laporan {code}</b>",
    "reports.card_header_urgent": "🚨 <b>MENDESAK · Laporan {code}</b>",
    "reports.card_category": "Kategori: {category}",
    "reports.card_desa": "Desa: {desa}",
    "reports.card_place": "Tempat: {place}",
    "reports.card_location": '📍 <a href="{url}">Lokasi di peta</a>',
    "reports.card_time": "Waktu lapor: {time}",
    "reports.card_named": "Pelapor: 👤 bernama — tekan <i>👤 Pelapor</i> untuk melihat (dicatat)",
    "reports.card_anonymous": "Pelapor: 🙈 anonim",
    "reports.card_photos": "Foto: {count}",
    "reports.card_from_patrol": "🔦 Dilihat saat ronda",
    "reports.card_status.baru": "{icon} <b>Baru</b> — belum ada petugas yang menerima.",
    "reports.card_status.diterima": "{icon} <b>Diterima</b> oleh {by}.",
    "reports.card_status.diproses": "{icon} <b>Diproses</b> oleh {by}.",
    "reports.card_status.selesai": "{icon} <b>Selesai</b> oleh {by}: {note}",
    "reports.card_status.ditolak": "{icon} <b>Ditolak</b> oleh {by}: {reason}",
    "reports.btn_take": "✋ Terima",
    "reports.btn_process": "🔎 Proses",
    "reports.btn_done": "✅ Selesai",
    "reports.btn_reject": "⛔ Tolak",
    "reports.btn_ask": "❓ Tanya pelapor",
    "reports.btn_reporter": "👤 Pelapor",
    "reports.reporter_shown": (
        "👤 <b>Pelapor {code}</b>: {name}{handle}\n"
        '💬 <a href="tg://user?id={id}">Kirim pesan pribadi</a>, atau bertanya lewat bot '
        "dengan <i>❓ Tanya pelapor</i> di kartu laporan.\n\n"
        "Hanya untuk menangani laporan ini; jangan diteruskan. Permintaan ini dicatat "
        "(siapa dan kapan)."
    ),
    "reports.reporter_sent": "👤 Nama pelapor {code} dikirim ke chat pribadi Anda (dicatat).",
    "reports.reporter_alert": (
        "👤 Pelapor {code}: {name}{handle}\n"
        "Mulai chat pribadi dengan bot agar tautan kontaknya bisa dikirim. Dicatat."
    ),
    "reports.reporter_hidden": "🙈 Laporan {code} anonim: pelapornya tidak ditampilkan kepada siapa pun.",
    "reports.btn_answer": "✍️ Jawab pertanyaan",
    "reports.escalated_header": (
        "⏫ <b>Eskalasi laporan {code}</b>: belum diterima {polsek} dalam {minutes} menit."
    ),
    "reports.escalated_undelivered_header": (
        "⏫ <b>Eskalasi laporan {code}</b>: laporan tidak bisa dikirim ke grup piket {polsek}, "
        "jadi belum ada petugas yang melihatnya di sana. Mohon dibantu penanganannya."
    ),
    "reports.event.escalated_undelivered": "diteruskan ke Polres (belum sampai ke petugas piket)",
    "reports.undelivered_officer": (
        "⚠️ Laporan <b>{code}</b> tidak bisa dikirim ke grup piket {polsek}: bot mungkin sudah "
        "dikeluarkan dari grup, tidak boleh mengirim pesan di sana, atau grupnya sudah tidak ada."
        "{polres}\n\n"
        "Mohon pastikan bot ada di grup piket dan boleh mengirim pesan, lalu ketik /piket di "
        "grup itu. Sementara itu, laporannya ada di bawah ini dan bisa Anda tangani langsung "
        "dengan tombolnya."
    ),
    "reports.undelivered_admin": (
        "⚠️ Laporan <b>{code}</b> tidak bisa dikirim ke grup piket {polsek} (chat {chat}).\n"
        "Jawaban Telegram: {error}\n\n"
        "Petugas yang terdaftar sudah diberi tahu lewat chat pribadi ({officers} orang).{polres} "
        "Mohon pastikan bot masih menjadi anggota grup piket itu dan boleh mengirim pesan "
        "(/piket di grupnya)."
    ),
    "reports.undelivered_polres": " Laporan ini sudah diteruskan ke Polres.",
    "reports.reannounce": (
        "⏰ Laporan <b>{code}</b> belum diterima siapa pun selama {minutes} menit. "
        "Mohon segera ditangani — laporan sudah diteruskan ke Polres."
    ),
    "reports.answer_relayed": "💬 <b>Jawaban pelapor {code}:</b>\n{answer}",
    "reports.notify.diterima": (
        "👮 Laporan <b>{code}</b> sudah diterima petugas {polsek} dan akan ditindaklanjuti. "
        "Kami kabari lagi setiap ada perkembangan."
    ),
    "reports.notify.diproses": "🔎 Laporan <b>{code}</b> sedang diproses petugas {polsek}.",
    "reports.notify.selesai": (
        "✅ Laporan <b>{code}</b> selesai ditangani {polsek}.\nCatatan petugas: {note}\n\n"
        "Terima kasih sudah ikut menjaga kamtibmas."
    ),
    "reports.notify.ditolak": (
        "Laporan <b>{code}</b> tidak dapat ditindaklanjuti {polsek}.\nAlasan: {note}\n\n"
        "Jika keadaannya darurat, telepon 110."
    ),
    "reports.notify.bukan_wewenang": (
        "Laporan <b>{code}</b> tidak ditindaklanjuti {polsek} karena bukan wewenang polisi.\n"
        "{where}\n\nJika keadaannya darurat, telepon 110."
    ),
    "reports.elsewhere.kebakaran": "🚒 Silakan hubungi Pemadam Kebakaran (Damkar) di 113.",
    "reports.elsewhere.bencana": "Silakan hubungi BPBD {kabupaten}, atau lewat kantor desa.",
    "reports.elsewhere.kecelakaan": (
        "Untuk pertolongan kesehatan: puskesmas terdekat, atau ambulans di 119."
    ),
    "reports.elsewhere.lainnya": (
        "Urusan administrasi, tanah, atau perselisihan keluarga dapat disampaikan ke kantor "
        "desa atau kantor kecamatan."
    ),
    "reports.kabupaten_here": "kabupaten setempat",
    "reports.notify.question": "❓ Petugas {polsek} bertanya tentang laporan <b>{code}</b>:\n{note}",
    "reports.notify.escalated": (
        "⏫ Laporan <b>{code}</b> belum diterima petugas {polsek}, jadi kami teruskan ke Polres. "
        "🚨 Jika ada nyawa terancam, telepon 110 sekarang."
    ),
    "reports.event.created": "laporan dibuat",
    "reports.event.diterima": "diterima petugas",
    "reports.event.diproses": "sedang diproses",
    "reports.event.selesai": "selesai: {note}",
    "reports.event.ditolak": "tidak ditindaklanjuti: {note}",
    "reports.event.question": "petugas bertanya: {note}",
    "reports.event.answer": "Anda menjawab: {note}",
    "reports.event.escalated": "diteruskan ke Polres (belum diterima dalam {note} menit)",
    "reports.mine_header": "📋 <b>Laporan {code}</b>",
    "reports.mine_status": "Status: <b>{status}</b>",
    "reports.mine_history": "<b>Riwayat</b>:",
    "reports.group_redirect": (
        "Laporan dibuat lewat chat pribadi dengan bot, supaya aman. Tekan tombol di bawah.\n"
        "🚨 Darurat? Telepon 110."
    ),
    "reports.btn_open_private": "📝 Buat laporan",
    "reports.ask_category": (
        "📝 <b>Laporan kejadian</b> — langkah 1 dari 6\n"
        "Kejadian apa yang ingin Anda laporkan?\n\n"
        "🚨 Nyawa terancam? <b>Telepon 110 sekarang</b> — laporan lewat bot tidak "
        "menggantikan panggilan darurat.\nKetik /batal kapan saja untuk membatalkan."
    ),
    "reports.call_110": "🚨 <b>Jika ada nyawa terancam, telepon 110 sekarang</b>, lalu lanjutkan laporan ini.",
    "reports.ask_description": (
        "{category}\n\n<b>Langkah 2 dari 6:</b> ceritakan singkat apa yang terjadi "
        "(siapa, apa, kapan). Tulis sebagai teks, paling banyak {max} karakter."
    ),
    "reports.text_expected": "Mohon kirim teks: ketik ceritanya, atau /batal.",
    "reports.too_short": "Ceritanya terlalu singkat. Tulis paling sedikit {min} huruf, ya.",
    "reports.too_long": (
        "Ceritanya terlalu panjang ({length} karakter). Mohon ringkas menjadi paling banyak "
        "{max} karakter, lalu kirim lagi."
    ),
    "reports.photo_kept_tell": (
        "📷 Foto disimpan untuk laporan ini. Sekarang ceritakan apa yang terjadi (paling "
        "sedikit {min} huruf), sebagai teks atau sebagai keterangan foto."
    ),
    "reports.ask_place": (
        "<b>Langkah 3 dari 6:</b> di mana kejadiannya?\n"
        "Bagikan lokasi dengan tombol di bawah, atau ketik tempatnya "
        "(misalnya <i>Jl. Raya Kronto dekat masjid</i>)."
    ),
    "reports.ask_place_home": "Atau pilih desa asal Anda: {desa}.",
    "reports.btn_share_location": "📍 Kirim lokasi saya",
    "reports.btn_home": "🏠 Di {desa}",
    "reports.location_outside": (
        "Lokasi itu sekitar {km} km di luar wilayah layanan bot ini. Kirim lokasi kejadian "
        "yang benar, atau ketik nama tempatnya."
    ),
    "reports.place_too_long": "Nama tempatnya terlalu panjang; paling banyak {max} karakter.",
    "reports.place_noted": "📍 Dicatat: {place}",
    "reports.ask_desa": (
        "Kejadiannya di desa mana? Ketik nama desanya (misalnya <i>Karang Jati</i>)."
    ),
    "reports.desa_candidates": "Desa yang mana? Pilih tombolnya, atau ketik lagi.",
    "reports.desa_not_found": "Desa “{text}” tidak ditemukan. Periksa ejaannya dan ketik lagi.",
    "reports.ask_photo": (
        "<b>Langkah 4 dari 6:</b> kirim foto kejadian bila ada (paling banyak {max}). "
        "Tidak ada foto? Tekan <i>Lanjut</i>."
    ),
    "reports.photo_added": "📷 Foto {count} dari {max} diterima. Kirim lagi, atau tekan <i>Lanjut</i>.",
    "reports.photo_limit": "Sudah {max} foto, batasnya. Tekan <i>Lanjut</i>.",
    "reports.caption_noted": "✍️ Keterangan foto dicatat bersama cerita laporan.",
    "reports.photo_expected": "Kirim foto (bukan file atau stiker), atau tekan <i>Lanjut</i>.",
    "reports.btn_next": "➡️ Lanjut",
    "reports.ask_urgent": (
        "<b>Langkah 5 dari 6:</b> apakah perlu segera ditangani — ada bahaya atau pelaku "
        "masih di tempat?"
    ),
    "reports.btn_urgent_yes": "🚨 Ya, mendesak",
    "reports.btn_urgent_no": "Tidak mendesak",
    "reports.ask_anonymous": (
        "<b>Langkah 6 dari 6:</b> boleh nama Anda ditampilkan kepada polisi?\n"
        "Nama pelapor hanya dilihat petugas yang memintanya (setiap permintaan dicatat), "
        "tidak pernah oleh warga lain. Jika anonim, polisi pun tidak melihat nama Anda; bot "
        "tetap mengabari Anda tentang perkembangannya."
    ),
    "reports.btn_named": "👤 Tampilkan nama ke polisi",
    "reports.btn_anonymous": "🙈 Anonim",
    "reports.summary": (
        "<b>Periksa laporan Anda</b>\n"
        "Kategori: {category}\nDesa: {desa}\nTempat: {place}\nFoto: {photos}\n"
        "Mendesak: {urgent}\nPelapor: {anonymous}\n\n{description}\n\n"
        "Sudah benar? Tekan <b>Kirim laporan</b>, atau perbaiki bagian yang salah."
    ),
    "reports.summary_location": "lokasi dibagikan",
    "reports.summary_none": "-",
    "reports.yes": "ya",
    "reports.no": "tidak",
    "reports.named": "nama ditampilkan ke polisi",
    "reports.anonymous": "anonim",
    "reports.btn_send": "✅ Kirim laporan",
    "reports.btn_fix_category": "✏️ Kategori",
    "reports.btn_fix_description": "✏️ Cerita",
    "reports.btn_fix_place": "✏️ Tempat",
    "reports.btn_fix_photos": "✏️ Foto",
    "reports.btn_fix_urgent": "✏️ Mendesak",
    "reports.btn_fix_anonymous": "✏️ Nama/anonim",
    "reports.btn_cancel": "❌ Batal",
    "reports.sent": (
        "✅ <b>Laporan terkirim.</b> Nomor laporan: <b>{code}</b>\n\n"
        "Laporan ini sudah diteruskan ke petugas {polsek}, yang akan meninjaunya. Anda "
        "akan dikabari di sini setiap ada perubahan. Cek kapan saja: /status {code}\n\n"
        "🚨 Keadaan memburuk atau nyawa terancam? Telepon 110."
    ),
    "reports.sent_no_chat": (
        "✅ <b>Laporan tersimpan.</b> Nomor laporan: <b>{code}</b>\n\n"
        "Grup piket polisi untuk desa ini belum terhubung; admin dan Polres akan "
        "meneruskannya. Cek kapan saja: /status {code}\n\n🚨 Darurat? Telepon 110."
    ),
    "reports.sent_again": "Laporan ini sudah terkirim dengan nomor <b>{code}</b>. Cek: /status {code}",
    "reports.limit": (
        "Maaf, Anda sudah membuat {limit} laporan dalam 24 jam terakhir — batas per orang. "
        "Silakan coba lagi nanti.\n🚨 Darurat? Telepon 110."
    ),
    "reports.no_areas": (
        "Maaf, daftar desa belum tersedia, jadi laporan belum bisa diteruskan ke polisi. "
        "🚨 Darurat? Telepon 110."
    ),
    "reports.status_not_found": (
        "Laporan {code} tidak ditemukan di antara laporan Anda. Lihat daftarnya: /laporanku"
    ),
    "reports.status_usage": "Tulis nomor laporannya, misalnya /status LMB-0042. Daftar laporan Anda: /laporanku",
    "reports.none": "Anda belum pernah membuat laporan. Ketik /lapor untuk melapor.",
    "reports.mine_list_header": "<b>Laporan Anda</b> (terbaru dulu, {zone}):",
    "reports.mine_line": "• <b>{code}</b> · {category} · {status} · {time}",
    "reports.mine_list_footer": "\nRincian: /status NOMOR",
    "reports.answer_ask": "✍️ Tulis jawaban Anda untuk petugas tentang laporan <b>{code}</b>:",
    "reports.answer_too_short": "Jawabannya terlalu singkat. Tulis jawaban yang jelas, paling sedikit {min} huruf atau angka, atau /batal.",
    "reports.answer_sent": "✅ Jawaban Anda sudah diteruskan ke petugas (laporan {code}).",
    "reports.answer_closed": "Laporan itu sudah ditutup, jadi jawaban tidak diteruskan. Laporan baru: /lapor",
    "reports.duty_taken": "Laporan {code} sedang ditangani {by}.",
    "reports.duty_closed": "Laporan {code} sudah ditutup.",
    "reports.duty_unchanged": "Tidak ada yang berubah: laporan {code} sudah {status}.",
    "reports.duty_unreachable": (
        "Pelapor {code} tidak bisa dihubungi (memblokir bot atau sudah menghapus datanya), "
        "jadi pertanyaan tidak terkirim."
    ),
    "reports.duty_ok": "Laporan {code}: {status}.",
    "reports.duty_ask_note": "{name}, tulis catatan hasil singkat untuk pelapor {code} (balas pesan ini). /batal untuk batal.",
    "reports.duty_ask_question": "{name}, tulis pertanyaan untuk pelapor {code} (balas pesan ini). /batal untuk batal.",
    "reports.duty_ask_reason": "Laporan {code} ditolak karena apa?",
    "reports.duty_reason_other": "{name}, tulis alasan penolakan laporan {code} (balas pesan ini). /batal untuk batal.",
    "reports.duty_text_expected": "Tulis jawabannya sebagai teks (balas pesan bot tadi), atau /batal.",
    "reports.duty_note_too_short": "Tulis dengan kata-kata, paling sedikit {min} huruf atau angka (balas pesan bot tadi), atau /batal.",
    "reports.duty_question_sent": "❓ Pertanyaan untuk pelapor {code} sudah dikirim. Jawabannya akan muncul di sini.",
    "reports.stats_header": "📊 <b>Statistik laporan</b> — {scope}",
    "reports.stats_everything": "semua Polsek",
    "reports.stats_total": "Jumlah laporan: <b>{total}</b> · dieskalasi: {escalated} · median sampai diterima: {median} · sampai selesai: {done}",
    "reports.stats_section": "\n<b>{title}</b>",
    "reports.stats_line": "• {name}: {count}",
    "reports.stats_by_status": "Menurut status",
    "reports.stats_by_category": "Menurut kategori",
    "reports.stats_by_desa": "Desa terbanyak",
    "reports.stats_by_week": "Per minggu (8 minggu terakhir)",
    "reports.stats_minutes": "{minutes} menit",
    "reports.stats_footer": "\nSemua laporan sebagai file: /eksporlaporan",
    "reports.export_caption": "📄 {count} laporan ({scope}), waktu dalam {zone}.",
    "reports.export_none": "Belum ada laporan untuk {scope}.",
    "reports.no_scope": "Anda belum memegang peran polisi untuk Polsek mana pun.",
    "reports.timed_out": (
        "⏱ Laporan yang belum selesai tadi ditutup karena lama tidak dilanjutkan; tidak ada "
        "yang terkirim. Ketik /lapor untuk mulai lagi."
    ),
    "reports.lost": "Laporan yang sedang ditulis tidak ditemukan lagi. Ketik /lapor untuk mulai lagi.",
    "reports.pick_button": "Pilih salah satu tombol di atas, atau ketik /batal.",
}

EN: dict[str, str] = {
    "cmd.lapor": "Report an incident (theft, fire, accident…)",
    "cmd.status": "Status of your report, e.g. /status LMB-0042",
    "cmd.laporanku": "Your reports",
    "cmd.statistik": "Police: report statistics",
    "cmd.eksporlaporan": "Police: download every report (CSV)",
    "reports.cat.pencurian": "🥷 Theft",
    "reports.cat.kebakaran": "🔥 Fire",
    "reports.cat.kecelakaan": "🚑 Accident",
    "reports.cat.keributan": "👊 Brawl/fight",
    "reports.cat.mencurigakan": "👀 Something suspicious",
    "reports.cat.bencana": "🌊 Natural disaster",
    "reports.cat.lainnya": "📝 Other",
    "reports.reason.hoaks": "Hoax / not true",
    "reports.reason.duplikat": "Duplicate (already reported)",
    "reports.reason.bukan_wewenang": "Not a police matter",
    "reports.reason.kurang_info": "Not enough information",
    "reports.reason.lainnya": "Other reason",
    "reports.status.baru": "🆕 New, waiting for an officer",
    "reports.status.diterima": "👮 Taken by an officer",
    "reports.status.diproses": "🔎 Being handled",
    "reports.status.selesai": "✅ Done",
    "reports.status.ditolak": "⛔ Not followed up",
    "reports.police": "the police",
    "reports.this_report": "this report",
    "reports.polsek_officer": "{polsek} ({officer})",
    "reports.card_header": "📋 <b>Report {code}</b>",
    "reports.card_header_urgent": "🚨 <b>URGENT · Report {code}</b>",
    "reports.card_category": "Category: {category}",
    "reports.card_desa": "Village: {desa}",
    "reports.card_place": "Place: {place}",
    "reports.card_location": '📍 <a href="{url}">Location on the map</a>',
    "reports.card_time": "Reported: {time}",
    "reports.card_named": "Reporter: 👤 named — press <i>👤 Reporter</i> to see (recorded)",
    "reports.card_anonymous": "Reporter: 🙈 anonymous",
    "reports.card_photos": "Photos: {count}",
    "reports.card_from_patrol": "🔦 Seen on a patrol",
    "reports.card_status.baru": "{icon} <b>New</b> — no officer has taken it yet.",
    "reports.card_status.diterima": "{icon} <b>Taken</b> by {by}.",
    "reports.card_status.diproses": "{icon} <b>Being handled</b> by {by}.",
    "reports.card_status.selesai": "{icon} <b>Done</b> by {by}: {note}",
    "reports.card_status.ditolak": "{icon} <b>Rejected</b> by {by}: {reason}",
    "reports.btn_take": "✋ Take",
    "reports.btn_process": "🔎 Handle",
    "reports.btn_done": "✅ Done",
    "reports.btn_reject": "⛔ Reject",
    "reports.btn_ask": "❓ Ask the reporter",
    "reports.btn_reporter": "👤 Reporter",
    "reports.reporter_shown": (
        "👤 <b>Reporter of {code}</b>: {name}{handle}\n"
        '💬 <a href="tg://user?id={id}">Send a private message</a>, or ask through the bot '
        "with <i>❓ Ask the reporter</i> on the report's card.\n\n"
        "Only for handling this report; do not pass it on. This request is recorded "
        "(who and when)."
    ),
    "reports.reporter_sent": "👤 The reporter of {code}: sent to your private chat (recorded).",
    "reports.reporter_alert": (
        "👤 Reporter of {code}: {name}{handle}\n"
        "Start a private chat with the bot so that a contact link can be sent. Recorded."
    ),
    "reports.reporter_hidden": "🙈 Report {code} is anonymous: its reporter is shown to nobody.",
    "reports.btn_answer": "✍️ Answer the question",
    "reports.escalated_header": (
        "⏫ <b>Escalation of report {code}</b>: not taken at {polsek} within {minutes} minutes."
    ),
    "reports.escalated_undelivered_header": (
        "⏫ <b>Escalation of report {code}</b>: it could not be posted in the duty group of "
        "{polsek}, so no officer has seen it there. Please see that it is handled."
    ),
    "reports.event.escalated_undelivered": "passed on to the Polres (it did not reach the duty officers)",
    "reports.undelivered_officer": (
        "⚠️ Report <b>{code}</b> could not be posted in the duty group of {polsek}: the bot may "
        "have been removed from the group, may not be allowed to post there, or the group no "
        "longer exists.{polres}\n\n"
        "Please make sure the bot is in the duty group and may post there, then type /piket in "
        "that group. Meanwhile the report is below, and you can handle it right here with its "
        "buttons."
    ),
    "reports.undelivered_admin": (
        "⚠️ Report <b>{code}</b> could not be posted in the duty group of {polsek} "
        "(chat {chat}).\nTelegram answered: {error}\n\n"
        "The registered officers were told in private ({officers} of them).{polres} Please "
        "make sure the bot is still a member of that duty group and may post there (/piket in "
        "the group)."
    ),
    "reports.undelivered_polres": " The report has been passed on to the Polres.",
    "reports.reannounce": (
        "⏰ Nobody has taken report <b>{code}</b> for {minutes} minutes. Please handle it "
        "now — it has been passed on to the Polres."
    ),
    "reports.answer_relayed": "💬 <b>The reporter of {code} answers:</b>\n{answer}",
    "reports.notify.diterima": (
        "👮 Report <b>{code}</b> has been taken by an officer of {polsek} and will be "
        "followed up. We will tell you of every change."
    ),
    "reports.notify.diproses": "🔎 Report <b>{code}</b> is being handled by {polsek}.",
    "reports.notify.selesai": (
        "✅ Report <b>{code}</b> has been dealt with by {polsek}.\nThe officer's note: {note}\n\n"
        "Thank you for helping keep our villages safe."
    ),
    "reports.notify.ditolak": (
        "Report <b>{code}</b> cannot be followed up by {polsek}.\nReason: {note}\n\n"
        "If it is an emergency, call 110."
    ),
    "reports.notify.bukan_wewenang": (
        "Report <b>{code}</b> is not followed up by {polsek}: it is not a police matter.\n"
        "{where}\n\nIf it is an emergency, call 110."
    ),
    "reports.elsewhere.kebakaran": "🚒 Please call the fire brigade (Damkar) on 113.",
    "reports.elsewhere.bencana": "Please contact BPBD {kabupaten}, or go through the village office.",
    "reports.elsewhere.kecelakaan": (
        "For medical help: the nearest puskesmas, or an ambulance on 119."
    ),
    "reports.elsewhere.lainnya": (
        "Administrative, land or family matters can be taken to the village office or the "
        "kecamatan office."
    ),
    "reports.kabupaten_here": "the local kabupaten",
    "reports.notify.question": "❓ An officer of {polsek} asks about report <b>{code}</b>:\n{note}",
    "reports.notify.escalated": (
        "⏫ No officer of {polsek} has taken report <b>{code}</b> yet, so we passed it on to "
        "the Polres. 🚨 If lives are at risk, call 110 now."
    ),
    "reports.event.created": "report made",
    "reports.event.diterima": "taken by an officer",
    "reports.event.diproses": "being handled",
    "reports.event.selesai": "done: {note}",
    "reports.event.ditolak": "not followed up: {note}",
    "reports.event.question": "an officer asked: {note}",
    "reports.event.answer": "you answered: {note}",
    "reports.event.escalated": "passed on to the Polres (not taken within {note} minutes)",
    "reports.mine_header": "📋 <b>Report {code}</b>",
    "reports.mine_status": "Status: <b>{status}</b>",
    "reports.mine_history": "<b>History</b>:",
    "reports.group_redirect": (
        "Reports are made in a private chat with the bot, to keep them safe. Press the "
        "button below.\n🚨 Emergency? Call 110."
    ),
    "reports.btn_open_private": "📝 Make a report",
    "reports.ask_category": (
        "📝 <b>Incident report</b> — step 1 of 6\nWhat do you want to report?\n\n"
        "🚨 Lives at risk? <b>Call 110 now</b> — a report through the bot does not replace "
        "an emergency call.\nType /batal at any time to cancel."
    ),
    "reports.call_110": "🚨 <b>If lives are at risk, call 110 now</b>, then go on with this report.",
    "reports.ask_description": (
        "{category}\n\n<b>Step 2 of 6:</b> tell briefly what happened (who, what, when). "
        "Write it as text, at most {max} characters."
    ),
    "reports.text_expected": "I am waiting for text. Type what happened, or /batal.",
    "reports.too_short": "That is too short. Please write at least {min} letters.",
    "reports.too_long": (
        "That is too long ({length} characters). Please shorten it to at most {max} "
        "characters and send it again."
    ),
    "reports.photo_kept_tell": (
        "📷 The photo is kept for this report. Now tell what happened (at least {min} "
        "letters), as text or as the photo's caption."
    ),
    "reports.ask_place": (
        "<b>Step 3 of 6:</b> where did it happen?\nShare the location with the button "
        "below, or type the place (e.g. <i>Jl. Raya Kronto near the mosque</i>)."
    ),
    "reports.ask_place_home": "Or choose your home village: {desa}.",
    "reports.btn_share_location": "📍 Send my location",
    "reports.btn_home": "🏠 In {desa}",
    "reports.location_outside": (
        "That location is about {km} km outside the area this bot serves. Send the right "
        "location, or type the name of the place."
    ),
    "reports.place_too_long": "The place name is too long; at most {max} characters.",
    "reports.place_noted": "📍 Noted: {place}",
    "reports.ask_desa": "Which village did it happen in? Type its name (e.g. <i>Karang Jati</i>).",
    "reports.desa_candidates": "Which village? Choose a button, or type again.",
    "reports.desa_not_found": "I found no village called “{text}”. Check the spelling and type again.",
    "reports.ask_photo": (
        "<b>Step 4 of 6:</b> send photos of it if you have any (at most {max}). "
        "No photo? Press <i>Next</i>."
    ),
    "reports.photo_added": "📷 Photo {count} of {max} received. Send another, or press <i>Next</i>.",
    "reports.photo_limit": "That is {max} photos, the limit. Press <i>Next</i>.",
    "reports.caption_noted": "✍️ The caption is kept with the report's story.",
    "reports.photo_expected": "Send a photo (not a file or a sticker), or press <i>Next</i>.",
    "reports.btn_next": "➡️ Next",
    "reports.ask_urgent": (
        "<b>Step 5 of 6:</b> does it need handling right away — is there danger, or is "
        "the culprit still there?"
    ),
    "reports.btn_urgent_yes": "🚨 Yes, urgent",
    "reports.btn_urgent_no": "Not urgent",
    "reports.ask_anonymous": (
        "<b>Step 6 of 6:</b> may the police see your name?\nOnly an officer who asks sees a "
        "reporter's name (every request is recorded), never other residents. If you stay "
        "anonymous, not even the police see your name; the bot still tells you how it goes."
    ),
    "reports.btn_named": "👤 Show my name to the police",
    "reports.btn_anonymous": "🙈 Anonymous",
    "reports.summary": (
        "<b>Check your report</b>\n"
        "Category: {category}\nVillage: {desa}\nPlace: {place}\nPhotos: {photos}\n"
        "Urgent: {urgent}\nReporter: {anonymous}\n\n{description}\n\n"
        "All correct? Press <b>Send report</b>, or fix what is wrong."
    ),
    "reports.summary_location": "location shared",
    "reports.summary_none": "-",
    "reports.yes": "yes",
    "reports.no": "no",
    "reports.named": "name shown to the police",
    "reports.anonymous": "anonymous",
    "reports.btn_send": "✅ Send report",
    "reports.btn_fix_category": "✏️ Category",
    "reports.btn_fix_description": "✏️ Story",
    "reports.btn_fix_place": "✏️ Place",
    "reports.btn_fix_photos": "✏️ Photos",
    "reports.btn_fix_urgent": "✏️ Urgent",
    "reports.btn_fix_anonymous": "✏️ Name/anonymous",
    "reports.btn_cancel": "❌ Cancel",
    "reports.sent": (
        "✅ <b>Report sent.</b> Report number: <b>{code}</b>\n\n"
        "It has been passed on to the officers of {polsek}, who will look at it. You will be "
        "told here of every change. Check at any time: /status {code}\n\n"
        "🚨 Getting worse, or lives at risk? Call 110."
    ),
    "reports.sent_no_chat": (
        "✅ <b>Report stored.</b> Report number: <b>{code}</b>\n\n"
        "The police duty group for this village is not connected yet; the admins and the "
        "Polres will pass it on. Check at any time: /status {code}\n\n🚨 Emergency? Call 110."
    ),
    "reports.sent_again": "This report was sent already as <b>{code}</b>. Check: /status {code}",
    "reports.limit": (
        "Sorry, you have made {limit} reports in the last 24 hours — the limit per person. "
        "Please try again later.\n🚨 Emergency? Call 110."
    ),
    "reports.no_areas": (
        "Sorry, the list of villages is not available yet, so reports cannot reach the "
        "police. 🚨 Emergency? Call 110."
    ),
    "reports.status_not_found": "Report {code} is not among your reports. See them: /laporanku",
    "reports.status_usage": "Give the report number, e.g. /status LMB-0042. Your reports: /laporanku",
    "reports.none": "You have not made any report yet. Type /lapor to report something.",
    "reports.mine_list_header": "<b>Your reports</b> (newest first, {zone}):",
    "reports.mine_line": "• <b>{code}</b> · {category} · {status} · {time}",
    "reports.mine_list_footer": "\nDetails: /status NUMBER",
    "reports.answer_ask": "✍️ Write your answer for the officer about report <b>{code}</b>:",
    "reports.answer_too_short": "That answer is too short. Please write a clear answer, at least {min} letters or digits, or /batal.",
    "reports.answer_sent": "✅ Your answer has been passed on to the officer (report {code}).",
    "reports.answer_closed": "That report is closed, so the answer was not passed on. New report: /lapor",
    "reports.duty_taken": "Report {code} is being handled by {by}.",
    "reports.duty_closed": "Report {code} is closed already.",
    "reports.duty_unchanged": "Nothing changed: report {code} is {status} already.",
    "reports.duty_unreachable": (
        "The reporter of {code} cannot be reached (they blocked the bot or deleted their data), "
        "so the question was not sent."
    ),
    "reports.duty_ok": "Report {code}: {status}.",
    "reports.duty_ask_note": "{name}, write a short outcome note for the reporter of {code} (reply to this message). /batal to cancel.",
    "reports.duty_ask_question": "{name}, write your question for the reporter of {code} (reply to this message). /batal to cancel.",
    "reports.duty_ask_reason": "Why is report {code} rejected?",
    "reports.duty_reason_other": "{name}, write why report {code} is rejected (reply to this message). /batal to cancel.",
    "reports.duty_text_expected": "Write it as text (reply to my message), or /batal.",
    "reports.duty_note_too_short": "Please write it in words, at least {min} letters or digits (reply to my message), or /batal.",
    "reports.duty_question_sent": "❓ The question for the reporter of {code} has been sent. The answer will appear here.",
    "reports.stats_header": "📊 <b>Report statistics</b> — {scope}",
    "reports.stats_everything": "every Polsek",
    "reports.stats_total": "Reports: <b>{total}</b> · escalated: {escalated} · median time until taken: {median} · until done: {done}",
    "reports.stats_section": "\n<b>{title}</b>",
    "reports.stats_line": "• {name}: {count}",
    "reports.stats_by_status": "By status",
    "reports.stats_by_category": "By category",
    "reports.stats_by_desa": "Villages with most reports",
    "reports.stats_by_week": "By week (last 8 weeks)",
    "reports.stats_minutes": "{minutes} minutes",
    "reports.stats_footer": "\nEvery report as a file: /eksporlaporan",
    "reports.export_caption": "📄 {count} reports ({scope}), times in {zone}.",
    "reports.export_none": "No reports yet for {scope}.",
    "reports.no_scope": "You hold no police role for any Polsek yet.",
    "reports.timed_out": (
        "⏱ The unfinished report was closed because it was left too long; nothing was "
        "sent. Type /lapor to start again."
    ),
    "reports.lost": "The report being written is gone. Type /lapor to start again.",
    "reports.pick_button": "Choose one of the buttons above, or type /batal.",
}
