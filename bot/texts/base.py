"""Texts of the bot as a whole: welcome, help, menus, language, fallback, errors, delivery. Telegram HTML."""

ID: dict[str, str] = {
    "start.welcome": (
        "Halo, {name}! 👋\n\n"
        "Ini <b>Kamtibmas Bot</b> — saluran bersama Polsek, Karang Taruna dan warga "
        "untuk menjaga keamanan dan ketertiban desa.\n\n"
        "Di sini Anda bisa melaporkan kejadian (/lapor), menerima imbauan resmi untuk "
        "desa Anda, dan melihat giliran ronda Anda (/ronda).\n\n"
        "🚨 <b>Keadaan darurat? Telepon 110</b> (Polisi) — laporan lewat bot tidak "
        "menggantikan panggilan darurat.\n\n"
        "Ketik /bantuan untuk melihat perintah yang bisa Anda pakai."
    ),
    "start.welcome_group": (
        "Halo! Ini <b>Kamtibmas Bot</b>. Untuk memakai bot, buka chat pribadi dengan bot ini "
        "dan ketik /start. Ketik /bantuan untuk daftar perintah."
    ),
    "help.header": "<b>Perintah yang bisa Anda pakai</b>",
    "help.footer": (
        "\n🚨 Keadaan darurat: telepon <b>110</b>.\n"
        "Ketik /batal kapan saja untuk membatalkan percakapan yang sedang berjalan."
    ),
    # /bantuan of officers and admins (bot/commands.py `help_text`): one phone screen.
    "help.residents_heading": "<b>Untuk warga</b>",
    "help.officers_heading": "<b>Untuk petugas</b>",
    "help.group_line": "Di grup (admin grup): {commands}",
    "help.admin_pointer": "Perintah admin: /bantuan admin",
    "help.admin_heading": "<b>Untuk admin</b>",
    "help.admin_footer": "\nPerintah lain: /bantuan\n🚨 Keadaan darurat: telepon <b>110</b>.",
    "help.footer_short": "🚨 Keadaan darurat: telepon <b>110</b>.",
    "help.manage_kondisi": "/kondisi catat (teks) — Catatan kondisi desa untuk tetangga",
    "help.manage_edukasi": "/edukasi — Materi edukasi: tambah, rencanakan seri",
    "cmd.start": "Mulai dan lihat sambutan",
    "cmd.bantuan": "Daftar perintah dan bantuan",
    "cmd.bahasa": "Ganti bahasa (Indonesia / English)",
    "cmd.batal": "Batalkan percakapan yang sedang berjalan",
    "cancel.done": "Dibatalkan. Tidak ada yang disimpan. Ketik /bantuan untuk pilihan lain.",
    "cancel.nothing": "Tidak ada percakapan yang sedang berjalan. Ketik /bantuan untuk bantuan.",
    "conversation.left": "ℹ️ Yang tadi belum selesai sudah ditutup tanpa disimpan: {names}.",
    # The conversations by the names people know them (handlers/conversation.py).
    "conversation.areas": "pilihan desa (/start, /langganan)",
    "conversation.areas.ask_home": "pertanyaan desa asal (/start)",
    "conversation.areas.ask_sub": "pilihan desa langganan (/langganan)",
    "conversation.lapor": "laporan (/lapor)",
    "conversation.jawab": "jawaban untuk petugas",
    "conversation.laporan_petugas": "catatan petugas untuk laporan warga",
    "conversation.invite": "undangan (/undang)",
    "conversation.himbauan": "imbauan (/imbauan)",
    "conversation.himbauan_koreksi": "perubahan imbauan",
    "conversation.himbauan_koreksi.update_text": "pembaruan imbauan",
    "conversation.himbauan_koreksi.cancel_reason": "pencabutan imbauan",
    "conversation.himbauan_tolak": "alasan penolakan imbauan",
    "conversation.aturronda": "pengaturan ronda (/aturronda)",
    "conversation.ubahronda": "perubahan giliran ronda",
    "language.choose": "Pilih bahasa / Choose a language:",
    "language.set": "Bahasa diganti ke Bahasa Indonesia. ✅",
    "language.unchanged": "Bahasa Anda sudah Bahasa Indonesia.",
    "language.private_only": "Ganti bahasa lewat chat pribadi dengan bot, ya.",
    "fallback.text": (
        "Maaf, kami belum mengerti pesan itu. Ketik /bantuan untuk melihat apa saja yang "
        "bisa dilakukan di sini.\n🚨 Darurat? Telepon 110."
    ),
    # Free text that reads like an incident (bot/services/report_words.py).
    "fallback.report": (
        "Ingin melaporkan kejadian? Tekan tombol di bawah atau ketik /lapor; kami tanyakan "
        "apa yang terjadi dan di mana, lalu laporan Anda diteruskan ke Polsek.\n"
        "🚨 Jika ada bahaya bagi jiwa, telepon <b>110</b> sekarang."
    ),
    "fallback.btn_report": "📝 Buat laporan (/lapor)",
    "fallback.command": "Perintah /{command} tidak dikenal. Ketik /bantuan untuk daftar perintah.",
    "fallback.unsupported": (
        "Maaf, pesan jenis ini belum bisa kami proses. Ketik /bantuan untuk bantuan."
    ),
    "button.expired": "Tombol ini sudah tidak berlaku.",
    "error.user": (
        "Maaf, terjadi gangguan di sistem kami. Silakan coba lagi sebentar lagi. "
        "Petugas sudah diberi tahu.\n🚨 Darurat? Telepon 110."
    ),
    "error.telegram_busy": (
        "Maaf, Telegram sedang sibuk sehingga jawaban tadi tidak terkirim. Silakan coba lagi "
        "sebentar lagi.\n🚨 Darurat? Telepon 110."
    ),
    "error.admin": "⚠️ <b>Error</b> saat memproses {where}:\n<pre>{error}</pre>",
    "error.admin_update": "pembaruan dari pengguna {user} di chat {chat}",
    "error.admin_job": "tugas terjadwal",
    "error.admin_repeats": "\n(+{count} error serupa tidak dilaporkan dalam 5 menit terakhir)",
    # The database cannot be reached or written for a moment (handlers/errors.py).
    "error.storage_down": (
        "⏳ Maaf, bot sedang tidak bisa membuka datanya. Coba lagi sebentar lagi: kirim "
        "ulang pesan Anda atau tekan tombolnya lagi. Isian Anda sejauh ini tidak hilang.\n"
        "🚨 Darurat? Telepon 110."
    ),
    "error.storage_full": (
        "⚠️ Maaf, data baru tidak bisa disimpan sekarang: penyimpanan server penuh. Yang "
        "baru Anda kirim (misalnya laporan) <b>belum tersimpan</b>; isian Anda tetap ada, "
        "coba kirim lagi nanti. Petugas sudah diberi tahu.\n"
        "🚨 Mendesak? Telepon 110 sekarang."
    ),
    "error.admin_storage_down": (
        "⚠️ <b>Database tidak bisa dipakai</b>: {error}\n"
        "Pengguna diminta mencoba lagi sebentar lagi; bot pulih sendiri begitu database "
        "kembali. Pesan ini paling banyak sekali per 5 menit."
    ),
    "error.admin_storage_full": (
        "⚠️ <b>Disk database penuh</b>: {error}\n"
        "Laporan dan data baru tidak bisa disimpan; bot tetap menjawab yang bisa dijawab. "
        "Kosongkan ruang disk server. Pesan ini paling banyak sekali per 5 menit."
    ),
    "delivery.progress": (
        "📨 Pengiriman #{id} sedang berjalan…\n"
        "Terkirim {sent} / {total} · gagal {failed} · tidak bisa dihubungi {blocked}"
    ),
    "delivery.progress_done": (
        "✅ Pengiriman #{id} selesai.\n"
        "Terkirim {sent} / {total} · gagal {failed} · tidak bisa dihubungi {blocked}"
    ),
    "delivery.report": (
        "✅ <b>Rekap pengiriman #{id}</b>\n"
        "Terkirim: {sent} dari {total}\n"
        "Gagal: {failed}\n"
        "Tidak bisa dihubungi: {blocked}\n"
        "Dibatalkan: {cancelled}\n"
        "Rincian per penerima: /pengiriman {id}"
    ),
    "delivery.usage": "Pakai: /pengiriman &lt;nomor&gt;, misalnya /pengiriman 12",
    "delivery.not_found": "Pengiriman #{id} tidak ditemukan.",
    "delivery.status": (
        "<b>Pengiriman #{id}</b> ({kind}{ref})\n"
        "Status: {state}\n"
        "Terkirim {sent} / {total} · gagal {failed} · memblokir bot {blocked} · "
        "dibatalkan {cancelled} · menunggu {pending}"
    ),
    "delivery.ledger_header": "\n<b>Belum terkirim</b> (paling banyak {limit}):",
    "delivery.ledger_line": "• {chat}{name}: {status} — {error}",
    "delivery.reporter_hidden": "(pelapor, tidak ditampilkan)",
    "delivery.ledger_more": "… dan {count} lagi. Daftar lengkap: kamtibmas delivery ledger {id}",
    "delivery.compacted": (
        "Daftar penerimanya tidak disimpan lagi sejak {date} (masa simpan habis); "
        "jumlah di atas tetap dicatat."
    ),
    "delivery.state.sending": "berjalan",
    "delivery.state.done": "selesai",
    "delivery.state.cancelled": "dibatalkan",
    "cmd.pengiriman": "Status dan rincian pengiriman Anda",
}

EN: dict[str, str] = {
    "start.welcome": (
        "Hello, {name}! 👋\n\n"
        "This is <b>Kamtibmas Bot</b> — one channel for the police sector, the village "
        "youth organisation and residents to keep our villages safe and orderly.\n\n"
        "Here you can report incidents (/lapor), receive official advisories for your "
        "village, and see your night-watch shifts (/ronda).\n\n"
        "🚨 <b>Emergency? Call 110</b> (Police) — a report through this bot does not "
        "replace an emergency call.\n\n"
        "Type /bantuan to see the commands you can use."
    ),
    "start.welcome_group": (
        "Hello! This is <b>Kamtibmas Bot</b>. To use it, open a private chat with the bot and "
        "type /start. Type /bantuan for the list of commands."
    ),
    "help.header": "<b>Commands you can use</b>",
    "help.footer": (
        "\n🚨 Emergency: call <b>110</b>.\n"
        "Type /batal at any time to cancel the conversation in progress."
    ),
    "help.residents_heading": "<b>For residents</b>",
    "help.officers_heading": "<b>For officers</b>",
    "help.group_line": "In a group (group admins): {commands}",
    "help.admin_pointer": "Admin commands: /bantuan admin",
    "help.admin_heading": "<b>For admins</b>",
    "help.admin_footer": "\nOther commands: /bantuan\n🚨 Emergency: call <b>110</b>.",
    "help.footer_short": "🚨 Emergency: call <b>110</b>.",
    "help.manage_kondisi": "/kondisi catat (text) — A note on the desa for its neighbours",
    "help.manage_edukasi": "/edukasi — Education items: add, plan a series",
    "cmd.start": "Start and see the welcome",
    "cmd.bantuan": "Commands and help",
    "cmd.bahasa": "Change language (Indonesia / English)",
    "cmd.batal": "Cancel the conversation in progress",
    "cancel.done": "Cancelled. Nothing was saved. Type /bantuan for other options.",
    "cancel.nothing": "There is no conversation in progress. Type /bantuan for help.",
    "conversation.left": "ℹ️ Closed without saving what you left unfinished: {names}.",
    "conversation.areas": "choosing a desa (/start, /langganan)",
    "conversation.areas.ask_home": "the home desa question (/start)",
    "conversation.areas.ask_sub": "choosing a desa to follow (/langganan)",
    "conversation.lapor": "the report (/lapor)",
    "conversation.jawab": "the answer to the officer",
    "conversation.laporan_petugas": "the officer's note on a report",
    "conversation.invite": "the invite (/undang)",
    "conversation.himbauan": "the advisory (/imbauan)",
    "conversation.himbauan_koreksi": "the advisory change",
    "conversation.himbauan_koreksi.update_text": "the advisory update",
    "conversation.himbauan_koreksi.cancel_reason": "the advisory withdrawal",
    "conversation.himbauan_tolak": "the reason for rejecting an advisory",
    "conversation.aturronda": "the ronda setup (/aturronda)",
    "conversation.ubahronda": "the ronda shift change",
    "language.choose": "Pilih bahasa / Choose a language:",
    "language.set": "Language changed to English. ✅",
    "language.unchanged": "Your language is already English.",
    "language.private_only": "Please change the language in a private chat with the bot.",
    "fallback.text": (
        "Sorry, we did not understand that message. Type /bantuan to see what can be done "
        "here.\n🚨 Emergency? Call 110."
    ),
    "fallback.report": (
        "Do you want to report an incident? Press the button below or type /lapor; we ask "
        "what happened and where, then your report goes to the Polsek.\n"
        "🚨 If a life may be in danger, call <b>110</b> now."
    ),
    "fallback.btn_report": "📝 Make a report (/lapor)",
    "fallback.command": "Unknown command /{command}. Type /bantuan for the list of commands.",
    "fallback.unsupported": (
        "Sorry, we cannot handle this kind of message yet. Type /bantuan for help."
    ),
    "button.expired": "This button is no longer valid.",
    "error.user": (
        "Sorry, something went wrong on our side. Please try again in a moment. "
        "The team has been notified.\n🚨 Emergency? Call 110."
    ),
    "error.telegram_busy": (
        "Sorry, Telegram is busy and the answer could not be sent. Please try again in a "
        "moment.\n🚨 Emergency? Call 110."
    ),
    "error.admin": "⚠️ <b>Error</b> while handling {where}:\n<pre>{error}</pre>",
    "error.admin_update": "an update from user {user} in chat {chat}",
    "error.admin_job": "a scheduled job",
    "error.admin_repeats": "\n(+{count} similar errors not reported in the last 5 minutes)",
    "error.storage_down": (
        "⏳ Sorry, the bot cannot open its records right now. Try again in a moment: send "
        "your message again or press the button again. What you have filled in so far is "
        "kept.\n🚨 Emergency? Call 110."
    ),
    "error.storage_full": (
        "⚠️ Sorry, nothing new can be saved right now: the server's storage is full. What "
        "you just sent (a report, for example) <b>has not been saved</b>; what you filled in "
        "is kept, try sending it again later. The officers have been told.\n"
        "🚨 Urgent? Call 110 now."
    ),
    "error.admin_storage_down": (
        "⚠️ <b>The database cannot be used</b>: {error}\n"
        "Users are asked to try again in a moment; the bot recovers by itself once the "
        "database is back. At most one such message every 5 minutes."
    ),
    "error.admin_storage_full": (
        "⚠️ <b>The database's disk is full</b>: {error}\n"
        "Reports and other new data cannot be saved; the bot still answers what it can. Free "
        "disk space on the server. At most one such message every 5 minutes."
    ),
    "delivery.progress": (
        "📨 Delivery #{id} in progress…\n"
        "Sent {sent} / {total} · failed {failed} · unreachable {blocked}"
    ),
    "delivery.progress_done": (
        "✅ Delivery #{id} finished.\n"
        "Sent {sent} / {total} · failed {failed} · unreachable {blocked}"
    ),
    "delivery.report": (
        "✅ <b>Delivery summary #{id}</b>\n"
        "Sent: {sent} of {total}\n"
        "Failed: {failed}\n"
        "Unreachable: {blocked}\n"
        "Cancelled: {cancelled}\n"
        "Per recipient: /pengiriman {id}"
    ),
    "delivery.usage": "Usage: /pengiriman &lt;number&gt;, for example /pengiriman 12",
    "delivery.not_found": "Delivery #{id} not found.",
    "delivery.status": (
        "<b>Delivery #{id}</b> ({kind}{ref})\n"
        "State: {state}\n"
        "Sent {sent} / {total} · failed {failed} · blocked the bot {blocked} · "
        "cancelled {cancelled} · waiting {pending}"
    ),
    "delivery.ledger_header": "\n<b>Not delivered</b> (at most {limit}):",
    "delivery.ledger_line": "• {chat}{name}: {status} — {error}",
    "delivery.reporter_hidden": "(the reporter, not shown)",
    "delivery.ledger_more": "… and {count} more. Full list: kamtibmas delivery ledger {id}",
    "delivery.compacted": (
        "Its list of recipients is no longer kept since {date} (its keeping time ended); "
        "the counts above are."
    ),
    "delivery.state.sending": "in progress",
    "delivery.state.done": "finished",
    "delivery.state.cancelled": "cancelled",
    "cmd.pengiriman": "Status and ledger of your deliveries",
}
