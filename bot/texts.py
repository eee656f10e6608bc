"""Every text a user sees, per language, in one place.

Texts are Telegram HTML. Values passed to `t()` are escaped, so user-supplied names and free text
are always shown literally; pass `Html(...)` for a value that is already safe markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

DEFAULT = "id"


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "start.welcome": (
            "Halo, {name}! 👋\n\n"
            "Ini <b>Kamtibmas Bot</b> — saluran bersama Polsek, Karang Taruna dan warga "
            "untuk menjaga keamanan dan ketertiban desa.\n\n"
            "Di sini Anda bisa melaporkan kejadian (/lapor), menerima himbauan resmi untuk "
            "desa Anda, dan melihat giliran ronda Anda (/ronda).\n\n"
            "🚨 <b>Keadaan darurat? Telepon 110</b> (Polisi) — laporan lewat bot tidak "
            "menggantikan panggilan darurat.\n\n"
            "Ketik /bantuan untuk melihat perintah yang bisa Anda pakai."
        ),
        "start.welcome_group": (
            "Halo! Ini <b>Kamtibmas Bot</b>. Untuk memakai bot, buka chat pribadi dengan saya "
            "dan ketik /start. Ketik /bantuan untuk daftar perintah."
        ),
        "help.header": "<b>Perintah yang bisa Anda pakai</b>",
        "help.footer": (
            "\n🚨 Keadaan darurat: telepon <b>110</b>.\n"
            "Ketik /batal kapan saja untuk membatalkan percakapan yang sedang berjalan."
        ),
        "cmd.start": "Mulai dan lihat sambutan",
        "cmd.bantuan": "Daftar perintah dan bantuan",
        "cmd.bahasa": "Ganti bahasa (Indonesia / English)",
        "cmd.batal": "Batalkan percakapan yang sedang berjalan",
        "cancel.done": "Dibatalkan. Tidak ada yang disimpan. Ketik /bantuan untuk pilihan lain.",
        "cancel.nothing": "Tidak ada percakapan yang sedang berjalan. Ketik /bantuan untuk bantuan.",
        "language.choose": "Pilih bahasa / Choose a language:",
        "language.set": "Bahasa diganti ke Bahasa Indonesia. ✅",
        "language.unchanged": "Bahasa Anda sudah Bahasa Indonesia.",
        "language.private_only": "Ganti bahasa lewat chat pribadi dengan bot, ya.",
        "fallback.text": (
            "Maaf, saya belum mengerti pesan itu. Ketik /bantuan untuk melihat apa yang bisa "
            "saya bantu.\n🚨 Darurat? Telepon 110."
        ),
        "fallback.command": "Perintah /{command} tidak dikenal. Ketik /bantuan untuk daftar perintah.",
        "fallback.unsupported": (
            "Maaf, pesan jenis ini belum bisa saya proses. Ketik /bantuan untuk bantuan."
        ),
        "button.expired": "Tombol ini sudah tidak berlaku.",
        "error.user": (
            "Maaf, terjadi gangguan di sistem kami. Silakan coba lagi sebentar lagi. "
            "Petugas sudah diberi tahu.\n🚨 Darurat? Telepon 110."
        ),
        "error.admin": "⚠️ <b>Error</b> saat memproses {where}:\n<pre>{error}</pre>",
        "error.admin_update": "pembaruan dari pengguna {user} di chat {chat}",
        "error.admin_job": "tugas terjadwal",
        "error.admin_repeats": "\n(+{count} error serupa tidak dilaporkan dalam 5 menit terakhir)",
        "delivery.progress": (
            "📨 Pengiriman #{id} sedang berjalan…\n"
            "Terkirim {sent} / {total} · gagal {failed} · memblokir bot {blocked}"
        ),
        "delivery.progress_done": (
            "✅ Pengiriman #{id} selesai.\n"
            "Terkirim {sent} / {total} · gagal {failed} · memblokir bot {blocked}"
        ),
        "delivery.report": (
            "✅ <b>Laporan pengiriman #{id}</b>\n"
            "Terkirim: {sent} dari {total}\n"
            "Gagal: {failed}\n"
            "Memblokir bot: {blocked}\n"
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
        "delivery.ledger_more": "… dan {count} lagi. Daftar lengkap: kamtibmas delivery ledger {id}",
        "delivery.state.sending": "berjalan",
        "delivery.state.done": "selesai",
        "delivery.state.cancelled": "dibatalkan",
        "cmd.pengiriman": "Status dan rincian sebuah pengiriman (admin)",
    },
    "en": {
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
            "Hello! This is <b>Kamtibmas Bot</b>. To use it, open a private chat with me and "
            "type /start. Type /bantuan for the list of commands."
        ),
        "help.header": "<b>Commands you can use</b>",
        "help.footer": (
            "\n🚨 Emergency: call <b>110</b>.\n"
            "Type /batal at any time to cancel the conversation in progress."
        ),
        "cmd.start": "Start and see the welcome",
        "cmd.bantuan": "Commands and help",
        "cmd.bahasa": "Change language (Indonesia / English)",
        "cmd.batal": "Cancel the conversation in progress",
        "cancel.done": "Cancelled. Nothing was saved. Type /bantuan for other options.",
        "cancel.nothing": "There is no conversation in progress. Type /bantuan for help.",
        "language.choose": "Pilih bahasa / Choose a language:",
        "language.set": "Language changed to English. ✅",
        "language.unchanged": "Your language is already English.",
        "language.private_only": "Please change the language in a private chat with the bot.",
        "fallback.text": (
            "Sorry, I did not understand that message. Type /bantuan to see what I can help "
            "with.\n🚨 Emergency? Call 110."
        ),
        "fallback.command": "Unknown command /{command}. Type /bantuan for the list of commands.",
        "fallback.unsupported": (
            "Sorry, I cannot handle this kind of message yet. Type /bantuan for help."
        ),
        "button.expired": "This button is no longer valid.",
        "error.user": (
            "Sorry, something went wrong on our side. Please try again in a moment. "
            "The team has been notified.\n🚨 Emergency? Call 110."
        ),
        "error.admin": "⚠️ <b>Error</b> while handling {where}:\n<pre>{error}</pre>",
        "error.admin_update": "an update from user {user} in chat {chat}",
        "error.admin_job": "a scheduled job",
        "error.admin_repeats": "\n(+{count} similar errors not reported in the last 5 minutes)",
        "delivery.progress": (
            "📨 Delivery #{id} in progress…\n"
            "Sent {sent} / {total} · failed {failed} · blocked the bot {blocked}"
        ),
        "delivery.progress_done": (
            "✅ Delivery #{id} finished.\n"
            "Sent {sent} / {total} · failed {failed} · blocked the bot {blocked}"
        ),
        "delivery.report": (
            "✅ <b>Delivery report #{id}</b>\n"
            "Sent: {sent} of {total}\n"
            "Failed: {failed}\n"
            "Blocked the bot: {blocked}\n"
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
        "delivery.ledger_more": "… and {count} more. Full list: kamtibmas delivery ledger {id}",
        "delivery.state.sending": "in progress",
        "delivery.state.done": "finished",
        "delivery.state.cancelled": "cancelled",
        "cmd.pengiriman": "Status and ledger of a delivery (admin)",
    },
}


# --- incident reports (handlers/reports.py, handlers/report_duty.py, bot/report_cards.py) ---------
TEXTS["id"].update(
    {
        "cmd.lapor": "Laporkan kejadian (pencurian, kebakaran, kecelakaan…)",
        "cmd.status": "Status laporan Anda, misalnya /status LMB-0042",
        "cmd.laporanku": "Daftar laporan Anda",
        "cmd.statistik": "Polisi: statistik laporan",
        "cmd.eksporlaporan": "Polisi: unduh semua laporan (CSV)",
        "reports.cat.pencurian": "🥷 Pencurian",
        "reports.cat.kebakaran": "🔥 Kebakaran",
        "reports.cat.kecelakaan": "🚑 Kecelakaan",
        "reports.cat.keributan": "👊 Keributan/perkelahian",
        "reports.cat.mencurigakan": "👀 Orang/kendaraan mencurigakan",
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
        "reports.card_header": "📋 <b>Laporan {code}</b>",
        "reports.card_header_urgent": "🚨 <b>MENDESAK · Laporan {code}</b>",
        "reports.card_category": "Kategori: {category}",
        "reports.card_desa": "Desa: {desa}",
        "reports.card_place": "Tempat: {place}",
        "reports.card_location": '📍 <a href="{url}">Lokasi di peta</a>',
        "reports.card_time": "Waktu lapor: {time}",
        "reports.card_reporter": "Pelapor: {reporter}",
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
        "reports.btn_answer": "✍️ Jawab pertanyaan",
        "reports.escalated_header": (
            "⏫ <b>Eskalasi laporan {code}</b>: belum diterima {polsek} dalam {minutes} menit."
        ),
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
        "reports.mine_history": "<b>Riwayat</b> (WIB):",
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
        "reports.text_expected": "Saya menunggu teks. Ketik ceritanya, atau /batal.",
        "reports.too_short": "Ceritanya terlalu singkat. Tulis paling sedikit {min} huruf, ya.",
        "reports.too_long": (
            "Ceritanya terlalu panjang ({length} karakter). Mohon ringkas menjadi paling banyak "
            "{max} karakter, lalu kirim lagi."
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
        "reports.desa_not_found": "Saya tidak menemukan desa „{text}”. Periksa ejaannya dan ketik lagi.",
        "reports.ask_photo": (
            "<b>Langkah 4 dari 6:</b> kirim foto kejadian bila ada (paling banyak {max}). "
            "Tidak ada foto? Tekan <i>Lanjut</i>."
        ),
        "reports.photo_added": "📷 Foto {count} dari {max} diterima. Kirim lagi, atau tekan <i>Lanjut</i>.",
        "reports.photo_limit": "Sudah {max} foto, batasnya. Tekan <i>Lanjut</i>.",
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
            "Nama pelapor tidak pernah ditampilkan kepada warga lain. Jika anonim, polisi pun "
            "tidak melihat nama Anda; bot tetap mengabari Anda tentang perkembangannya."
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
        "reports.mine_list_header": "<b>Laporan Anda</b> (terbaru dulu):",
        "reports.mine_line": "• <b>{code}</b> · {category} · {status} · {time}",
        "reports.mine_list_footer": "\nRincian: /status NOMOR",
        "reports.answer_ask": "✍️ Tulis jawaban Anda untuk petugas tentang laporan <b>{code}</b>:",
        "reports.answer_sent": "✅ Jawaban Anda sudah diteruskan ke petugas (laporan {code}).",
        "reports.answer_closed": "Laporan itu sudah ditutup, jadi jawaban tidak diteruskan. Laporan baru: /lapor",
        "reports.duty_taken": "Laporan {code} sedang ditangani {by}.",
        "reports.duty_closed": "Laporan {code} sudah ditutup.",
        "reports.duty_unchanged": "Tidak ada yang berubah: laporan {code} sudah {status}.",
        "reports.duty_unreachable": (
            "Pelapor {code} tidak bisa dihubungi (memblokir bot), jadi pertanyaan tidak terkirim."
        ),
        "reports.duty_ok": "Laporan {code}: {status}.",
        "reports.duty_ask_note": "{name}, tulis catatan hasil singkat untuk pelapor {code} (balas pesan ini). /batal untuk batal.",
        "reports.duty_ask_question": "{name}, tulis pertanyaan untuk pelapor {code} (balas pesan ini). /batal untuk batal.",
        "reports.duty_ask_reason": "Laporan {code} ditolak karena apa?",
        "reports.duty_reason_other": "{name}, tulis alasan penolakan laporan {code} (balas pesan ini). /batal untuk batal.",
        "reports.duty_text_expected": "Tulis jawabannya sebagai teks (balas pesan saya), atau /batal.",
        "reports.duty_question_sent": "❓ Pertanyaan untuk pelapor {code} sudah dikirim. Jawabannya akan muncul di sini.",
        "reports.stats_header": "📊 <b>Statistik laporan</b> — {scope}",
        "reports.stats_everything": "semua Polsek",
        "reports.stats_total": "Jumlah laporan: <b>{total}</b> · dieskalasi: {escalated} · median sampai diterima: {median}",
        "reports.stats_section": "\n<b>{title}</b>",
        "reports.stats_line": "• {name}: {count}",
        "reports.stats_by_status": "Menurut status",
        "reports.stats_by_category": "Menurut kategori",
        "reports.stats_by_desa": "Desa terbanyak",
        "reports.stats_by_week": "Per minggu (8 minggu terakhir)",
        "reports.stats_minutes": "{minutes} menit",
        "reports.stats_footer": "\nSemua laporan sebagai file: /eksporlaporan",
        "reports.export_caption": "📄 {count} laporan ({scope}), waktu dalam WIB.",
        "reports.export_none": "Belum ada laporan untuk {scope}.",
        "reports.no_scope": "Anda belum memegang peran polisi untuk Polsek mana pun.",
        "reports.timed_out": (
            "⏱ Laporan yang belum selesai tadi ditutup karena lama tidak dilanjutkan; tidak ada "
            "yang terkirim. Ketik /lapor untuk mulai lagi."
        ),
        "reports.lost": "Laporan yang sedang ditulis tidak ditemukan lagi. Ketik /lapor untuk mulai lagi.",
        "reports.pick_button": "Pilih salah satu tombol di atas, atau ketik /batal.",
    }
)
TEXTS["en"].update(
    {
        "cmd.lapor": "Report an incident (theft, fire, accident…)",
        "cmd.status": "Status of your report, e.g. /status LMB-0042",
        "cmd.laporanku": "Your reports",
        "cmd.statistik": "Police: report statistics",
        "cmd.eksporlaporan": "Police: download every report (CSV)",
        "reports.cat.pencurian": "🥷 Theft",
        "reports.cat.kebakaran": "🔥 Fire",
        "reports.cat.kecelakaan": "🚑 Accident",
        "reports.cat.keributan": "👊 Brawl/fight",
        "reports.cat.mencurigakan": "👀 Suspicious person/vehicle",
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
        "reports.card_header": "📋 <b>Report {code}</b>",
        "reports.card_header_urgent": "🚨 <b>URGENT · Report {code}</b>",
        "reports.card_category": "Category: {category}",
        "reports.card_desa": "Village: {desa}",
        "reports.card_place": "Place: {place}",
        "reports.card_location": '📍 <a href="{url}">Location on the map</a>',
        "reports.card_time": "Reported: {time}",
        "reports.card_reporter": "Reporter: {reporter}",
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
        "reports.btn_answer": "✍️ Answer the question",
        "reports.escalated_header": (
            "⏫ <b>Escalation of report {code}</b>: not taken at {polsek} within {minutes} minutes."
        ),
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
        "reports.mine_history": "<b>History</b> (WIB):",
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
        "reports.photo_expected": "Send a photo (not a file or a sticker), or press <i>Next</i>.",
        "reports.btn_next": "➡️ Next",
        "reports.ask_urgent": (
            "<b>Step 5 of 6:</b> does it need handling right away — is there danger, or is "
            "the culprit still there?"
        ),
        "reports.btn_urgent_yes": "🚨 Yes, urgent",
        "reports.btn_urgent_no": "Not urgent",
        "reports.ask_anonymous": (
            "<b>Step 6 of 6:</b> may the police see your name?\nReporters are never shown to "
            "other residents. If you stay anonymous, not even the police see your name; the bot "
            "still tells you how it goes."
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
        "reports.mine_list_header": "<b>Your reports</b> (newest first):",
        "reports.mine_line": "• <b>{code}</b> · {category} · {status} · {time}",
        "reports.mine_list_footer": "\nDetails: /status NUMBER",
        "reports.answer_ask": "✍️ Write your answer for the officer about report <b>{code}</b>:",
        "reports.answer_sent": "✅ Your answer has been passed on to the officer (report {code}).",
        "reports.answer_closed": "That report is closed, so the answer was not passed on. New report: /lapor",
        "reports.duty_taken": "Report {code} is being handled by {by}.",
        "reports.duty_closed": "Report {code} is closed already.",
        "reports.duty_unchanged": "Nothing changed: report {code} is {status} already.",
        "reports.duty_unreachable": (
            "The reporter of {code} cannot be reached (they blocked the bot), so the question "
            "was not sent."
        ),
        "reports.duty_ok": "Report {code}: {status}.",
        "reports.duty_ask_note": "{name}, write a short outcome note for the reporter of {code} (reply to this message). /batal to cancel.",
        "reports.duty_ask_question": "{name}, write your question for the reporter of {code} (reply to this message). /batal to cancel.",
        "reports.duty_ask_reason": "Why is report {code} rejected?",
        "reports.duty_reason_other": "{name}, write why report {code} is rejected (reply to this message). /batal to cancel.",
        "reports.duty_text_expected": "Write it as text (reply to my message), or /batal.",
        "reports.duty_question_sent": "❓ The question for the reporter of {code} has been sent. The answer will appear here.",
        "reports.stats_header": "📊 <b>Report statistics</b> — {scope}",
        "reports.stats_everything": "every Polsek",
        "reports.stats_total": "Reports: <b>{total}</b> · escalated: {escalated} · median time until taken: {median}",
        "reports.stats_section": "\n<b>{title}</b>",
        "reports.stats_line": "• {name}: {count}",
        "reports.stats_by_status": "By status",
        "reports.stats_by_category": "By category",
        "reports.stats_by_desa": "Villages with most reports",
        "reports.stats_by_week": "By week (last 8 weeks)",
        "reports.stats_minutes": "{minutes} minutes",
        "reports.stats_footer": "\nEvery report as a file: /eksporlaporan",
        "reports.export_caption": "📄 {count} reports ({scope}), times in WIB.",
        "reports.export_none": "No reports yet for {scope}.",
        "reports.no_scope": "You hold no police role for any Polsek yet.",
        "reports.timed_out": (
            "⏱ The unfinished report was closed because it was left too long; nothing was "
            "sent. Type /lapor to start again."
        ),
        "reports.lost": "The report being written is gone. Type /lapor to start again.",
        "reports.pick_button": "Choose one of the buttons above, or type /batal.",
    }
)


# --- areas and subscriptions (handlers/areas.py, handlers/area_admin.py) ---------------------------
TEXTS["id"].update(
    {
        "cmd.desa": "Desa asal dan langganan Anda",
        "cmd.langganan": "Berlangganan kabar desa atau kecamatan lain",
        "cmd.berhenti": "Berhenti berlangganan",
        "cmd.wilayah": "Admin: daftar dan rincian wilayah",
        "cmd.tambahdesa": "Admin: tambah desa yang belum ada",
        "cmd.ubahnama": "Admin: ganti nama wilayah",
        "cmd.tetangga": "Admin: jadikan dua desa bertetangga",
        "cmd.bukantetangga": "Admin: hapus hubungan tetangga",
        "cmd.polsek": "Admin: Polsek dan kecamatan yang dicakupnya",
        "cmd.hubungkan": "Admin grup: hubungkan grup ini dengan desanya",
        "cmd.putuskan": "Admin grup: putuskan grup ini dari desanya",
        "cmd.piket": "Admin: jadikan grup ini grup piket Polsek",
        "no": "Tidak",
        "areas.ask_home": (
            "📍 <b>Di desa/kelurahan mana Anda tinggal?</b>\n"
            "Ketik namanya (misalnya <i>Karang Jati</i>), atau pilih kecamatan di bawah. "
            "Anda akan menerima himbauan dan kabar kamtibmas untuk desa itu."
        ),
        "areas.ask_subscribe": (
            "🔔 Ketik nama desa atau kecamatan yang ingin Anda ikuti, atau pilih kecamatan di bawah."
        ),
        "areas.pick_kecamatan": "Pilih kecamatan (halaman {page}/{pages}):",
        "areas.pick_desa": "Pilih desa di Kec. {kecamatan} (halaman {page}/{pages}):",
        "areas.type_only": "Ketik nama desa Anda.",
        "areas.no_data": (
            "Maaf, daftar desa belum tersedia. Admin perlu mengimpor data wilayah dulu "
            "(<code>kamtibmas areas import</code>)."
        ),
        "areas.candidates": "Maksud Anda salah satu ini? Pilih tombolnya, atau ketik lagi nama desanya.",
        "areas.not_found": (
            "Saya tidak menemukan desa bernama „{text}”. Periksa ejaannya dan ketik lagi, atau "
            "cari di daftar kecamatan."
        ),
        "areas.text_expected": (
            "Saya menunggu nama desa dalam bentuk teks. Ketik namanya, pilih tombol, atau /batal."
        ),
        "areas.timed_out": (
            "⏱ Pertanyaan tentang desa tadi sudah ditutup. Ketik /desa kapan saja untuk "
            "memilih desa atau mengatur langganan."
        ),
        "areas.home_set": (
            "✅ Desa asal Anda: <b>{area}</b>. Anda otomatis berlangganan kabar dari desa ini.\n\n"
            "Ketik /desa untuk melihat langganan, /langganan untuk mengikuti desa lain."
        ),
        "areas.home_changed": (
            "✅ Desa asal diganti ke <b>{area}</b>. Langganan lama tetap berjalan; "
            "ketik /berhenti untuk menghentikannya."
        ),
        "areas.home_same": "Desa asal Anda memang <b>{area}</b>. Tidak ada yang berubah.",
        "areas.sub_added": "🔔 Anda sekarang berlangganan kabar dari <b>{area}</b>.",
        "areas.sub_already": "Anda sudah berlangganan {area}.",
        "areas.sub_covered": "{area} sudah termasuk langganan Anda untuk seluruh {kecamatan}.",
        "areas.sub_limit": (
            "Anda sudah berlangganan {max} wilayah, batas maksimal. Hentikan salah satu dengan "
            "/berhenti dulu."
        ),
        "areas.sub_invalid": "Wilayah itu tidak bisa diikuti. Pilih desa atau kecamatan.",
        "areas.overview": (
            "📍 <b>Desa asal:</b> {home}\n\n🔔 <b>Langganan</b> ({count} dari maks. {max}):\n{areas}"
        ),
        "areas.no_home": "belum dipilih",
        "areas.none": "(belum ada)",
        "areas.btn_change_home": "✏️ Ubah desa asal",
        "areas.btn_subscribe": "➕ Tambah langganan",
        "areas.btn_unsubscribe": "➖ Berhenti berlangganan",
        "areas.btn_not_listed": "🔎 Tidak ada di daftar",
        "areas.btn_browse_kecamatan": "📂 Desa di {area}",
        "areas.btn_whole_kecamatan": "🔔 Seluruh {area}",
        "areas.btn_back": "⬅️ Daftar kecamatan",
        "areas.btn_previous": "« Sebelumnya",
        "areas.btn_next": "Berikutnya »",
        "areas.btn_stop_all": "🔕 Hentikan semua",
        "areas.btn_yes_all": "Ya, hentikan semua",
        "areas.unsub_pick": "Pilih langganan yang ingin dihentikan:",
        "areas.unsub_none": "Anda belum berlangganan wilayah mana pun. Ketik /langganan untuk mulai.",
        "areas.unsub_done": "🔕 Langganan {area} dihentikan.",
        "areas.unsub_confirm_all": (
            "Hentikan <b>semua</b> ({count}) langganan? Anda tidak akan menerima himbauan desa "
            "lagi sampai berlangganan kembali."
        ),
        "areas.unsub_all_done": (
            "🔕 Semua langganan ({count}) dihentikan. Ketik /langganan untuk berlangganan lagi."
        ),
        "areas.unsub_kept": "Baik, langganan Anda tetap.",
        "areas.private_only": "Perintah ini dipakai di chat pribadi dengan bot.",
        "admin.only": "Maaf, perintah ini hanya untuk admin Kamtibmas Bot.",
        "areas.unknown": "Wilayah „{text}” tidak ditemukan. Periksa ejaannya.",
        "areas.ambiguous": (
            "„{text}” cocok dengan beberapa wilayah. Ulangi dengan nomornya, misalnya "
            "<code>#{example}</code>:"
        ),
        "areas.admin_overview": "🗺 <b>{kabupaten}</b> — kecamatan, jumlah desa, Polsek:",
        "areas.admin_kecamatan_line": "<code>#{id}</code> {name} · {count} desa · {polsek}",
        "areas.admin_details": (
            "<code>#{id}</code> <b>{area}</b> ({level})\nPolsek: {polsek} · grup piket: {duty}"
        ),
        "areas.admin_neighbours": "Tetangga: {names}",
        "areas.admin_desa": "Desa: {names}",
        "areas.no_polsek": "belum ada Polsek",
        "areas.usage_add": (
            "Cara pakai: <code>/tambahdesa kecamatan; nama desa; kode pos</code> "
            "(kode pos boleh dikosongkan)."
        ),
        "areas.bad_postal": "Kode pos harus 5 angka, misalnya 67183.",
        "areas.added": "✅ Desa <b>{area}</b> ditambahkan (<code>#{id}</code>).",
        "areas.usage_rename": "Cara pakai: <code>/ubahnama wilayah; nama baru</code>.",
        "areas.renamed": "✅ {old} sekarang bernama <b>{new}</b>.",
        "areas.usage_neighbours": "Cara pakai: <code>/tetangga desa pertama; desa kedua</code>.",
        "areas.usage_not_neighbours": (
            "Cara pakai: <code>/bukantetangga desa pertama; desa kedua</code>."
        ),
        "areas.neighbours_added": "✅ {first} dan {second} sekarang bertetangga.",
        "areas.neighbours_removed": "✅ {first} dan {second} tidak lagi bertetangga.",
        "areas.neighbours_already": "{first} dan {second} memang sudah bertetangga.",
        "areas.neighbours_not": "{first} dan {second} memang tidak bertetangga.",
        "areas.usage_polsek": (
            "Cara pakai: <code>/polsek Polsek Lumbang; Lumbang, Pasrepan</code> "
            "(nama Polsek; kecamatan yang dicakup), atau <code>/polsek</code> saja untuk daftar."
        ),
        "areas.polsek_set": "✅ <b>{polsek}</b> mencakup: {kecamatan}.",
        "areas.polsek_header": "👮 <b>Polsek</b>",
        "areas.polsek_line": "• {name} — grup piket: {duty}",
        "areas.polsek_none": "Belum ada Polsek. Daftarkan dengan /polsek nama; kecamatan.",
        "areas.no_duty_chat": "belum ada (jalankan /piket di grupnya)",
        "areas.polsek_unknown": (
            "Polsek „{name}” belum terdaftar. Daftarkan dulu dengan "
            "<code>/polsek {name}; kecamatan</code> di chat pribadi dengan bot."
        ),
        "areas.admin_duplicate": "Sudah ada wilayah bernama {name} (<code>#{id}</code>) di tempat itu.",
        "areas.admin_self_neighbour": "Sebuah desa tidak bisa bertetangga dengan dirinya sendiri.",
        "areas.admin_bad_name": "Nama harus berisi huruf atau angka, paling panjang 128 karakter.",
        "areas.admin_wrong_level": "Wilayah <code>#{id}</code> bukan jenis yang diminta.",
        "areas.admin_invalid": "Perubahan itu tidak bisa dilakukan.",
        "group.group_only": "Perintah ini dipakai di dalam grup yang ingin diatur.",
        "group.not_allowed": (
            "Maaf, hanya admin grup ini yang juga pengurus terverifikasi Kamtibmas Bot yang "
            "bisa mengatur grup ini."
        ),
        "group.usage": "Cara pakai: <code>/hubungkan nama desa</code>, misalnya <code>/hubungkan Karang Jati</code>.",
        "group.linked": (
            "✅ Grup ini terhubung dengan <b>{area}</b>. Himbauan untuk wilayah ini juga akan "
            "dikirim ke sini."
        ),
        "group.already": "Grup ini sudah terhubung dengan {area}.",
        "group.unlinked": "Grup ini tidak lagi terhubung dengan: {areas}.",
        "group.not_linked": "Grup ini belum terhubung dengan wilayah mana pun.",
        "duty.usage": "Cara pakai: <code>/piket nama Polsek</code>, di dalam grup piket Polsek itu.",
        "duty.set": (
            "✅ Grup ini sekarang grup piket <b>{polsek}</b>. Laporan warga dari wilayahnya akan "
            "masuk ke sini."
        ),
    }
)
TEXTS["en"].update(
    {
        "cmd.desa": "Your home village and subscriptions",
        "cmd.langganan": "Follow another village or kecamatan",
        "cmd.berhenti": "Stop following",
        "cmd.wilayah": "Admin: list and details of areas",
        "cmd.tambahdesa": "Admin: add a missing village",
        "cmd.ubahnama": "Admin: rename an area",
        "cmd.tetangga": "Admin: make two villages neighbours",
        "cmd.bukantetangga": "Admin: remove a neighbour pair",
        "cmd.polsek": "Admin: police sectors and the kecamatan they cover",
        "cmd.hubungkan": "Group admin: link this group to its village",
        "cmd.putuskan": "Group admin: unlink this group",
        "cmd.piket": "Admin: make this group a police duty chat",
        "no": "No",
        "areas.ask_home": (
            "📍 <b>Which village (desa/kelurahan) do you live in?</b>\n"
            "Type its name (for example <i>Karang Jati</i>), or choose a kecamatan below. "
            "You will receive advisories and security news for that village."
        ),
        "areas.ask_subscribe": (
            "🔔 Type the name of a village or kecamatan to follow, or choose a kecamatan below."
        ),
        "areas.pick_kecamatan": "Choose a kecamatan (page {page}/{pages}):",
        "areas.pick_desa": "Choose a village in Kec. {kecamatan} (page {page}/{pages}):",
        "areas.type_only": "Type the name of your village.",
        "areas.no_data": (
            "Sorry, the list of villages is not available yet. An admin needs to import the "
            "area data first (<code>kamtibmas areas import</code>)."
        ),
        "areas.candidates": "Did you mean one of these? Press its button, or type the name again.",
        "areas.not_found": (
            "I could not find a village called “{text}”. Check the spelling and type it again, "
            "or look in the list of kecamatan."
        ),
        "areas.text_expected": (
            "I am waiting for a village name as text. Type it, press a button, or /batal."
        ),
        "areas.timed_out": (
            "⏱ The question about your village has closed. Type /desa at any time to choose "
            "your village or manage subscriptions."
        ),
        "areas.home_set": (
            "✅ Your home village: <b>{area}</b>. You now follow news from this village.\n\n"
            "Type /desa to see your subscriptions, /langganan to follow another village."
        ),
        "areas.home_changed": (
            "✅ Home village changed to <b>{area}</b>. Your earlier subscriptions continue; "
            "type /berhenti to stop them."
        ),
        "areas.home_same": "Your home village already is <b>{area}</b>. Nothing changed.",
        "areas.sub_added": "🔔 You now follow news from <b>{area}</b>.",
        "areas.sub_already": "You already follow {area}.",
        "areas.sub_covered": "{area} is already covered by your subscription to all of {kecamatan}.",
        "areas.sub_limit": (
            "You already follow {max} areas, the maximum. Stop one with /berhenti first."
        ),
        "areas.sub_invalid": "That area cannot be followed. Choose a village or a kecamatan.",
        "areas.overview": (
            "📍 <b>Home village:</b> {home}\n\n🔔 <b>Following</b> ({count} of max. {max}):\n{areas}"
        ),
        "areas.no_home": "not chosen yet",
        "areas.none": "(none yet)",
        "areas.btn_change_home": "✏️ Change home village",
        "areas.btn_subscribe": "➕ Follow more",
        "areas.btn_unsubscribe": "➖ Stop following",
        "areas.btn_not_listed": "🔎 Not in the list",
        "areas.btn_browse_kecamatan": "📂 Villages in {area}",
        "areas.btn_whole_kecamatan": "🔔 All of {area}",
        "areas.btn_back": "⬅️ List of kecamatan",
        "areas.btn_previous": "« Previous",
        "areas.btn_next": "Next »",
        "areas.btn_stop_all": "🔕 Stop all",
        "areas.btn_yes_all": "Yes, stop all",
        "areas.unsub_pick": "Choose what to stop following:",
        "areas.unsub_none": "You do not follow any area yet. Type /langganan to start.",
        "areas.unsub_done": "🔕 Stopped following {area}.",
        "areas.unsub_confirm_all": (
            "Stop <b>all</b> ({count}) subscriptions? You will receive no village advisories "
            "until you subscribe again."
        ),
        "areas.unsub_all_done": (
            "🔕 All subscriptions ({count}) stopped. Type /langganan to subscribe again."
        ),
        "areas.unsub_kept": "All right, your subscriptions stay.",
        "areas.private_only": "Please use this command in a private chat with the bot.",
        "admin.only": "Sorry, this command is for Kamtibmas Bot admins only.",
        "areas.unknown": "No area called “{text}” was found. Check the spelling.",
        "areas.ambiguous": (
            "“{text}” matches several areas. Repeat with its number, for example "
            "<code>#{example}</code>:"
        ),
        "areas.admin_overview": "🗺 <b>{kabupaten}</b> — kecamatan, villages, police sector:",
        "areas.admin_kecamatan_line": "<code>#{id}</code> {name} · {count} villages · {polsek}",
        "areas.admin_details": (
            "<code>#{id}</code> <b>{area}</b> ({level})\nPolsek: {polsek} · duty chat: {duty}"
        ),
        "areas.admin_neighbours": "Neighbours: {names}",
        "areas.admin_desa": "Villages: {names}",
        "areas.no_polsek": "no Polsek yet",
        "areas.usage_add": (
            "Usage: <code>/tambahdesa kecamatan; village name; postal code</code> "
            "(the postal code may be left out)."
        ),
        "areas.bad_postal": "A postal code is 5 digits, for example 67183.",
        "areas.added": "✅ Village <b>{area}</b> added (<code>#{id}</code>).",
        "areas.usage_rename": "Usage: <code>/ubahnama area; new name</code>.",
        "areas.renamed": "✅ {old} is now called <b>{new}</b>.",
        "areas.usage_neighbours": "Usage: <code>/tetangga first village; second village</code>.",
        "areas.usage_not_neighbours": (
            "Usage: <code>/bukantetangga first village; second village</code>."
        ),
        "areas.neighbours_added": "✅ {first} and {second} are now neighbours.",
        "areas.neighbours_removed": "✅ {first} and {second} are no longer neighbours.",
        "areas.neighbours_already": "{first} and {second} already are neighbours.",
        "areas.neighbours_not": "{first} and {second} are not neighbours.",
        "areas.usage_polsek": (
            "Usage: <code>/polsek Polsek Lumbang; Lumbang, Pasrepan</code> "
            "(police sector name; kecamatan it covers), or just <code>/polsek</code> for the list."
        ),
        "areas.polsek_set": "✅ <b>{polsek}</b> covers: {kecamatan}.",
        "areas.polsek_header": "👮 <b>Police sectors</b>",
        "areas.polsek_line": "• {name} — duty chat: {duty}",
        "areas.polsek_none": "No police sector yet. Add one with /polsek name; kecamatan.",
        "areas.no_duty_chat": "none yet (run /piket in its group)",
        "areas.polsek_unknown": (
            "No police sector called “{name}” yet. Add it first with "
            "<code>/polsek {name}; kecamatan</code> in a private chat with the bot."
        ),
        "areas.admin_duplicate": "There already is an area called {name} (<code>#{id}</code>) there.",
        "areas.admin_self_neighbour": "A village cannot be its own neighbour.",
        "areas.admin_bad_name": "A name needs letters or digits, at most 128 characters.",
        "areas.admin_wrong_level": "Area <code>#{id}</code> is not of the kind asked for.",
        "areas.admin_invalid": "That change cannot be made.",
        "group.group_only": "Use this command inside the group you want to set up.",
        "group.not_allowed": (
            "Sorry, only an admin of this group who is also a verified Kamtibmas Bot officer "
            "can set up this group."
        ),
        "group.usage": "Usage: <code>/hubungkan village name</code>, for example <code>/hubungkan Karang Jati</code>.",
        "group.linked": (
            "✅ This group is linked to <b>{area}</b>. Advisories for this area will also be "
            "sent here."
        ),
        "group.already": "This group is already linked to {area}.",
        "group.unlinked": "This group is no longer linked to: {areas}.",
        "group.not_linked": "This group is not linked to any area.",
        "duty.usage": "Usage: <code>/piket police sector name</code>, inside its duty group.",
        "duty.set": (
            "✅ This group is now the duty chat of <b>{polsek}</b>. Residents' reports from its "
            "area will arrive here."
        ),
    }
)

# --- roles, invitations, authorisation and the audit log (handlers/roles.py, guard.py, audit.py)
TEXTS["id"].update(
    {
        "cmd.kode": "Pakai kode undangan pengurus",
        "cmd.undang": "Buat undangan peran (polisi, pemuda, tokoh, ...)",
        "cmd.undangan": "Undangan yang masih berlaku",
        "cmd.peran": "Admin: siapa memegang peran apa",
        "cmd.beriperan": "Admin: beri peran kepada seseorang",
        "cmd.cabutperan": "Admin: cabut peran seseorang",
        "cmd.organisasi": "Admin: nama organisasi dan persetujuan himbauan",
        "cmd.audit": "Admin: catatan audit (juga CSV)",
        "help.group_tools": "\n<b>Di dalam grup</b> (admin grup yang terverifikasi):",
        "auth.denied": (
            "Maaf, perintah ini hanya untuk pengurus terverifikasi (misalnya polisi atau "
            "koordinator). Jika Anda seharusnya punya akses, minta undangan ke Polsek Anda."
        ),
        "auth.denied_button": "Maaf, Anda tidak (lagi) berwenang memakai tombol ini.",
        "auth.private_only": "Perintah ini dipakai di chat pribadi dengan bot, bukan di grup.",
        "auth.out_of_scope": "Maaf, {what} di luar wilayah tugas Anda. Tidak ada yang diubah.",
        "role.warga": "Warga",
        "role.admin": "Admin",
        "role.polisi": "Polisi",
        "role.pemuda": "Pemuda",
        "role.tokoh": "Tokoh masyarakat",
        "role.mui": "MUI",
        "role.rois_syuriah": "Rois Syuriah",
        "role.forkopimcam": "Forkopimcam",
        "role.koordinator": "koordinator",
        "division.patroli": "Patroli",
        "division.sosialisasi": "Sosialisasi",
        "roles.invite_pick_role": "Undangan untuk peran apa?",
        "roles.invite_usage": (
            "Cara pakai: <code>/undang peran; wilayah</code>, misalnya\n"
            "<code>/undang polisi; Polsek Lumbang</code>\n"
            "<code>/undang pemuda patroli koordinator; Kronto</code>\n"
            "<code>/undang mui; Lumbang; 7 hari</code>\n"
            "Atau ketik /undang saja lalu pilih dengan tombol. Berlaku 3 hari jika tidak disebut."
        ),
        "roles.invite_ask_place_polisi": (
            "Undangan sebagai <b>{role}</b>. Pilih Polsek-nya, atau ketik nama desa untuk "
            "Bhabinkamtibmas desa itu. (/batal untuk membatalkan)"
        ),
        "roles.invite_ask_place_area": (
            "Undangan sebagai <b>{role}</b>. Ketik nama desa atau kecamatannya. "
            "(/batal untuk membatalkan)"
        ),
        "roles.invite_type_place": "Ketik nama desa atau kecamatan, atau /batal.",
        "roles.timeout": "Pembuatan undangan dihentikan karena tidak ada jawaban. Ketik /undang untuk mulai lagi.",
        "roles.invite_not_yours": (
            "Maaf, Anda hanya bisa mengundang untuk wilayah Polsek Anda sendiri, dan hanya admin "
            "yang bisa mengundang admin. Tidak ada undangan yang dibuat."
        ),
        "roles.invite_created": (
            "✅ Undangan dibuat: <b>{role}</b>\n"
            "Organisasi: {organisation}\n"
            "Sekali pakai, berlaku sampai {until} WIB.\n\n"
            "Kirim tautan ini hanya kepada orang yang dimaksud:\n{link}\n\n"
            "Atau bacakan kodenya: <code>{code}</code> (ketik <code>/kode {code}</code> di bot).\n"
            "Anda akan diberi tahu saat undangan dipakai."
        ),
        "roles.btn_cancel_invite": "🗑 Batalkan undangan",
        "roles.invites_none": "Tidak ada undangan yang masih berlaku.",
        "roles.invites_header": "<b>Undangan yang masih berlaku ({count})</b>",
        "roles.invite_line": "• …{hint}: {role} — oleh {by}, sampai {until} WIB",
        "roles.btn_cancel_code": "🗑 Batalkan …{hint}",
        "roles.list_more": "… dan {count} lagi (daftar lengkap: perintah CLI).",
        "roles.invite_cancel_failed": "Undangan ini sudah dipakai, dibatalkan, atau bukan milik Anda.",
        "roles.invite_cancelled_ok": "🗑 Undangan dibatalkan. Kodenya tidak bisa dipakai lagi.",
        "roles.code_private": "Kode undangan dipakai di chat pribadi dengan bot, bukan di grup.",
        "roles.code_usage": "Cara pakai: <code>/kode ABCD-EFGH</code> (kode dari undangan Anda).",
        "roles.code_throttled": (
            "Terlalu banyak kode yang salah. Coba lagi 15 menit lagi, atau minta tautan "
            "undangan yang baru."
        ),
        "roles.btn_accept": "✅ Terima",
        "roles.btn_decline": "Tolak",
        "roles.invite_offer": (
            "Anda diundang menjadi <b>{role}</b>\n"
            "Organisasi: {organisation}\n"
            "Diundang oleh: {by}\n"
            "Berlaku sampai {until} WIB.\n\n"
            "Dengan menerima, perintah untuk peran ini akan muncul di menu Anda. "
            "Bot tidak pernah meminta NIK atau nomor KTP."
        ),
        "roles.by_admin": "admin Kamtibmas Bot",
        "roles.invite_accepted": (
            "✅ Selamat, Anda sekarang <b>{role}</b> ({organisation}). "
            "Ketik /bantuan untuk melihat perintah Anda."
        ),
        "roles.inviter_told": "✅ {name} menerima undangan Anda: {role}.",
        "roles.choose_home": "Anda belum memilih desa asal: ketik /start untuk memilihnya.",
        "roles.invite_declined": "Undangan tidak diterima. Tidak ada yang berubah.",
        "roles.invite_invalid": "Kode undangan ini tidak dikenal. Periksa lagi kodenya, atau minta tautan yang baru.",
        "roles.invite_cancelled": "Undangan ini sudah dibatalkan oleh pembuatnya.",
        "roles.invite_used": "Undangan ini sudah dipakai. Setiap undangan hanya berlaku sekali.",
        "roles.invite_expired": "Undangan ini sudah kedaluwarsa. Minta undangan yang baru.",
        "roles.invite_void": "Undangan ini tidak berlaku lagi: pembuatnya tidak lagi berwenang. Minta undangan yang baru.",
        "roles.invite_already": "Anda sudah memegang peran ini. Undangan tidak dipakai.",
        "roles.unknown_user": (
            "Pengguna „{text}” tidak dikenal. Pakai ID Telegram-nya (angka) atau @username "
            "orang yang sudah pernah memulai bot."
        ),
        "roles.grant_usage": (
            "Cara pakai: <code>/beriperan pengguna; peran; wilayah</code>, misalnya\n"
            "<code>/beriperan @budi; polisi; Polsek Lumbang</code>\n"
            "<code>/beriperan 123456789; tokoh; Pancur</code>\n"
            "<code>/beriperan @sari; admin</code>\n"
            "Lebih aman dengan /undang: orangnya sendiri yang menerima."
        ),
        "roles.grant_added": "✅ {who} sekarang {role}.",
        "roles.grant_updated": "✅ Peran {who} diperbarui: {role}.",
        "roles.grant_unchanged": "{who} sudah memegang peran {role}. Tidak ada yang berubah.",
        "roles.granted_you": "✅ Anda sekarang <b>{role}</b>. Ketik /bantuan untuk melihat perintah Anda.",
        "roles.revoke_usage": (
            "Cara pakai: <code>/cabutperan pengguna</code> (lalu pilih perannya), atau\n"
            "<code>/cabutperan pengguna; peran; wilayah</code>"
        ),
        "roles.user_has_none": "{who} tidak memegang peran apa pun.",
        "roles.btn_revoke": "Cabut: {role}",
        "roles.revoke_pick": "Peran mana yang dicabut dari {who}?",
        "roles.revoke_not_held": "{who} tidak memegang peran itu di sana. Tidak ada yang berubah.",
        "roles.revoke_gone": "Peran ini sudah dicabut sebelumnya. Tidak ada yang berubah.",
        "roles.revoked": "Peran {role} dicabut dari {who}.",
        "roles.revoked_you": "Peran Anda sebagai {role} telah dicabut. Hubungi Polsek jika ini keliru.",
        "roles.list_none": "Belum ada yang memegang peran di sini.",
        "roles.list_header": "<b>Pemegang peran ({count})</b>",
        "roles.list_line": "• {who} [<code>{id}</code>] — {role}",
        "roles.orgs_none": "Belum ada organisasi. Organisasi dibuat saat peran pertama diberikan.",
        "roles.orgs_header": "<b>Organisasi</b> (nama ini tampil sebagai sumber himbauan)",
        "roles.org_line": "<code>#{id}</code> {name} — {approval}",
        "roles.org_approval_yes": "himbauan perlu persetujuan Polsek",
        "roles.org_approval_no": "himbauan langsung terkirim",
        "roles.orgs_usage": (
            "Cara pakai: <code>/organisasi</code> (daftar), "
            "<code>/organisasi #id; Nama Baru</code>, atau "
            "<code>/organisasi #id; persetujuan ya|tidak</code>"
        ),
        "roles.org_approval_set_yes": "Himbauan {name} sekarang perlu persetujuan Polsek.",
        "roles.org_approval_set_no": "Himbauan {name} sekarang langsung terkirim tanpa persetujuan.",
        "roles.org_renamed": "Nama organisasi sekarang: {name}.",
        "roles.err_not_grantable": "Peran ini tidak bisa diberikan.",
        "roles.err_admin": "Peran admin berlaku untuk seluruh bot, tanpa wilayah.",
        "roles.err_scope_needed": "Sebutkan wilayah atau Polsek untuk peran ini.",
        "roles.err_scope_level": (
            "Wilayah itu tidak cocok untuk peran ini. Polisi: Polsek atau desa; pemuda dan "
            "tokoh: desa atau kecamatan; MUI dan Rois Syuriah: kecamatan atau kabupaten; "
            "Forkopimcam: kecamatan."
        ),
        "roles.err_no_scope": "Wilayah atau Polsek itu tidak ada.",
        "roles.err_division": "Untuk pemuda, sebutkan divisinya: patroli atau sosialisasi.",
        "roles.err_not_pemuda": "Divisi dan koordinator hanya untuk peran pemuda.",
        "roles.err_no_polsek": "Desa ini belum masuk wilayah Polsek mana pun. Atur dulu dengan /polsek.",
        "roles.err_ttl": "Masa berlaku undangan antara 5 menit dan 30 hari, misalnya „24 jam” atau „7 hari”.",
        "roles.err_org_name": "Nama organisasi 2 sampai 128 karakter.",
        "roles.err_org_missing": "Organisasi itu tidak ada. Lihat daftarnya dengan /organisasi.",
        "audit.usage": (
            "Cara pakai: <code>/audit</code> (20 terakhir), <code>/audit 50</code>, "
            "<code>/audit role</code> (jenis tindakan), <code>/audit @budi</code>, "
            "atau <code>/audit csv</code> (berkas)."
        ),
        "audit.none": "Tidak ada catatan audit yang cocok.",
        "audit.header": "<b>Catatan audit</b> ({count} terbaru, WIB)",
        "audit.line": "{at} · {actor} · <b>{action}</b> · {target} · {details}",
        "audit.footer": "\nSemua catatan: <code>/audit csv</code>.",
        "audit.csv_caption": "Catatan audit: {count} entri terbaru (waktu WIB).",
    }
)
TEXTS["en"].update(
    {
        "cmd.kode": "Use a role invitation code",
        "cmd.undang": "Invite someone to a role (police, youth, leader, ...)",
        "cmd.undangan": "Open invitations",
        "cmd.peran": "Admin: who holds which role",
        "cmd.beriperan": "Admin: give someone a role",
        "cmd.cabutperan": "Admin: take a role away",
        "cmd.organisasi": "Admin: organisation names and advisory approval",
        "cmd.audit": "Admin: audit log (also as CSV)",
        "help.group_tools": "\n<b>Inside a group</b> (verified group admins):",
        "auth.denied": (
            "Sorry, this command is for verified officers and coordinators only. If you should "
            "have access, ask your Polsek for an invitation."
        ),
        "auth.denied_button": "Sorry, you are not (or no longer) allowed to use this button.",
        "auth.private_only": "Please use this command in a private chat with the bot, not in a group.",
        "auth.out_of_scope": "Sorry, {what} is outside the area you serve. Nothing was changed.",
        "role.warga": "Resident",
        "role.admin": "Admin",
        "role.polisi": "Police officer",
        "role.pemuda": "Youth member",
        "role.tokoh": "Community leader",
        "role.mui": "MUI",
        "role.rois_syuriah": "Rois Syuriah",
        "role.forkopimcam": "Forkopimcam",
        "role.koordinator": "coordinator",
        "division.patroli": "Patrol",
        "division.sosialisasi": "Outreach",
        "roles.invite_pick_role": "An invitation for which role?",
        "roles.invite_usage": (
            "Usage: <code>/undang role; area</code>, for example\n"
            "<code>/undang polisi; Polsek Lumbang</code>\n"
            "<code>/undang pemuda patroli koordinator; Kronto</code>\n"
            "<code>/undang mui; Lumbang; 7 hari</code>\n"
            "Or type just /undang and choose with the buttons. Valid for 3 days unless stated."
        ),
        "roles.invite_ask_place_polisi": (
            "Invitation as <b>{role}</b>. Choose the Polsek, or type a village name for that "
            "village's Bhabinkamtibmas. (/batal to cancel)"
        ),
        "roles.invite_ask_place_area": (
            "Invitation as <b>{role}</b>. Type the village or kecamatan. (/batal to cancel)"
        ),
        "roles.invite_type_place": "Type a village or kecamatan name, or /batal.",
        "roles.timeout": "The invitation was not finished in time. Type /undang to start again.",
        "roles.invite_not_yours": (
            "Sorry, you can only invite for your own Polsek's area, and only admins can invite "
            "admins. No invitation was made."
        ),
        "roles.invite_created": (
            "✅ Invitation created: <b>{role}</b>\n"
            "Organisation: {organisation}\n"
            "One use only, valid until {until} WIB.\n\n"
            "Send this link only to the person it is for:\n{link}\n\n"
            "Or read out the code: <code>{code}</code> (they type <code>/kode {code}</code>).\n"
            "You will be told when it is used."
        ),
        "roles.btn_cancel_invite": "🗑 Cancel invitation",
        "roles.invites_none": "There are no open invitations.",
        "roles.invites_header": "<b>Open invitations ({count})</b>",
        "roles.invite_line": "• …{hint}: {role} — by {by}, until {until} WIB",
        "roles.btn_cancel_code": "🗑 Cancel …{hint}",
        "roles.list_more": "… and {count} more (full list: the CLI).",
        "roles.invite_cancel_failed": "This invitation was used, cancelled, or is not yours.",
        "roles.invite_cancelled_ok": "🗑 Invitation cancelled. Its code no longer works.",
        "roles.code_private": "Use invitation codes in a private chat with the bot, not in a group.",
        "roles.code_usage": "Usage: <code>/kode ABCD-EFGH</code> (the code from your invitation).",
        "roles.code_throttled": (
            "Too many wrong codes. Try again in 15 minutes, or ask for a new invitation link."
        ),
        "roles.btn_accept": "✅ Accept",
        "roles.btn_decline": "Decline",
        "roles.invite_offer": (
            "You are invited to be <b>{role}</b>\n"
            "Organisation: {organisation}\n"
            "Invited by: {by}\n"
            "Valid until {until} WIB.\n\n"
            "If you accept, the commands of this role appear in your menu. "
            "The bot never asks for your NIK or ID card number."
        ),
        "roles.by_admin": "a Kamtibmas Bot admin",
        "roles.invite_accepted": (
            "✅ Congratulations, you are now <b>{role}</b> ({organisation}). "
            "Type /bantuan to see your commands."
        ),
        "roles.inviter_told": "✅ {name} accepted your invitation: {role}.",
        "roles.choose_home": "You have not chosen your home village yet: type /start to choose it.",
        "roles.invite_declined": "Invitation declined. Nothing changed.",
        "roles.invite_invalid": "This invitation code is unknown. Check it, or ask for a new link.",
        "roles.invite_cancelled": "This invitation was cancelled by the person who made it.",
        "roles.invite_used": "This invitation was already used. Each invitation works once.",
        "roles.invite_expired": "This invitation has expired. Ask for a new one.",
        "roles.invite_void": "This invitation no longer counts: the person who made it is no longer allowed to. Ask for a new one.",
        "roles.invite_already": "You already hold this role. The invitation was not used.",
        "roles.unknown_user": (
            "Unknown user “{text}”. Use their Telegram id (a number) or the @username of someone "
            "who has started the bot."
        ),
        "roles.grant_usage": (
            "Usage: <code>/beriperan user; role; area</code>, for example\n"
            "<code>/beriperan @budi; polisi; Polsek Lumbang</code>\n"
            "<code>/beriperan 123456789; tokoh; Pancur</code>\n"
            "<code>/beriperan @sari; admin</code>\n"
            "/undang is safer: the person accepts it themselves."
        ),
        "roles.grant_added": "✅ {who} is now {role}.",
        "roles.grant_updated": "✅ {who}'s role was updated: {role}.",
        "roles.grant_unchanged": "{who} already holds {role}. Nothing changed.",
        "roles.granted_you": "✅ You are now <b>{role}</b>. Type /bantuan to see your commands.",
        "roles.revoke_usage": (
            "Usage: <code>/cabutperan user</code> (then pick the role), or\n"
            "<code>/cabutperan user; role; area</code>"
        ),
        "roles.user_has_none": "{who} holds no role.",
        "roles.btn_revoke": "Revoke: {role}",
        "roles.revoke_pick": "Which role should {who} lose?",
        "roles.revoke_not_held": "{who} does not hold that role there. Nothing changed.",
        "roles.revoke_gone": "This role was already revoked. Nothing changed.",
        "roles.revoked": "{role} revoked from {who}.",
        "roles.revoked_you": "Your role as {role} has been revoked. Contact the Polsek if this is a mistake.",
        "roles.list_none": "Nobody holds a role here yet.",
        "roles.list_header": "<b>Role holders ({count})</b>",
        "roles.list_line": "• {who} [<code>{id}</code>] — {role}",
        "roles.orgs_none": "No organisations yet. They are created when the first role is given.",
        "roles.orgs_header": "<b>Organisations</b> (shown as the source of advisories)",
        "roles.org_line": "<code>#{id}</code> {name} — {approval}",
        "roles.org_approval_yes": "advisories need the Polsek's approval",
        "roles.org_approval_no": "advisories are sent directly",
        "roles.orgs_usage": (
            "Usage: <code>/organisasi</code> (list), <code>/organisasi #id; New Name</code>, or "
            "<code>/organisasi #id; persetujuan ya|tidak</code>"
        ),
        "roles.org_approval_set_yes": "Advisories of {name} now need the Polsek's approval.",
        "roles.org_approval_set_no": "Advisories of {name} are now sent without approval.",
        "roles.org_renamed": "The organisation is now called: {name}.",
        "roles.err_not_grantable": "This role cannot be given.",
        "roles.err_admin": "The admin role is for the whole bot, without an area.",
        "roles.err_scope_needed": "Name the area or Polsek for this role.",
        "roles.err_scope_level": (
            "That area does not fit this role. Police: a Polsek or a village; youth and leaders: "
            "a village or kecamatan; MUI and Rois Syuriah: a kecamatan or kabupaten; "
            "Forkopimcam: a kecamatan."
        ),
        "roles.err_no_scope": "That area or Polsek does not exist.",
        "roles.err_division": "For youth members, name the division: patroli or sosialisasi.",
        "roles.err_not_pemuda": "Only youth members have a division and a coordinator.",
        "roles.err_no_polsek": "No Polsek covers this village yet. Set one with /polsek first.",
        "roles.err_ttl": "An invitation is valid for 5 minutes to 30 days, e.g. “24 jam” or “7 hari”.",
        "roles.err_org_name": "An organisation name has 2 to 128 characters.",
        "roles.err_org_missing": "That organisation does not exist. See the list with /organisasi.",
        "audit.usage": (
            "Usage: <code>/audit</code> (last 20), <code>/audit 50</code>, "
            "<code>/audit role</code> (kind of action), <code>/audit @budi</code>, "
            "or <code>/audit csv</code> (a file)."
        ),
        "audit.none": "No matching audit entries.",
        "audit.header": "<b>Audit log</b> ({count} newest, WIB)",
        "audit.line": "{at} · {actor} · <b>{action}</b> · {target} · {details}",
        "audit.footer": "\nEverything: <code>/audit csv</code>.",
        "audit.csv_caption": "Audit log: the {count} newest entries (times in WIB).",
    }
)


# --- advisories (handlers/advisories.py) ---
TEXTS["id"].update(
    {
        "cmd.himbauan": "Buat himbauan resmi untuk warga",
        "cmd.himbauanku": "Himbauan saya: status, dibaca, perbarui atau cabut",
        "cmd.riwayat": "Himbauan terbaru untuk desa Anda",
        "cmd.senyap": "Bisukan pesan Info dari suatu lembaga",
        # The badge every delivered advisory carries (in the deployment's language).
        "adv.badge": "📢 <b>Himbauan · {source}</b>",
        "adv.badge_update": "🔄 <b>Pembaruan himbauan · {source}</b>",
        "adv.level_info": "ℹ️ Info",
        "adv.level_waspada": "⚠️ <b>WASPADA</b>",
        "adv.level_darurat": "🚨 <b>DARURAT</b>",
        "adv.exercise": "🧪 <b>LATIHAN — bukan kejadian sebenarnya</b>",
        "adv.chain": "✅ Dari {source}, disetujui oleh {approver}",
        "adv.meta": "🕒 {time} WIB · 📍 {targets}",
        "adv.expires": "⏳ Berlaku sampai {time} WIB",
        "adv.refers": "↩️ Merujuk himbauan #{id} ({time} WIB)",
        "adv.cancelled_head": "❌ <b>DICABUT</b> pada {time} WIB — abaikan himbauan ini.",
        "adv.cancel_notice": (
            "❌ <b>Himbauan dicabut · {source}</b>\n"
            "Himbauan tanggal {time} WIB dicabut dan tidak berlaku lagi.\nAlasan: {reason}"
        ),
        "adv.ack_button": "✅ Sudah dibaca",
        "adv.admin_source": "Admin Kamtibmas",
        "adv.group_patroli": "Pemuda patroli · {area}",
        "adv.group_pemuda": "Semua pemuda · {area}",
        "adv.level_name_info": "Info (tanpa bunyi)",
        "adv.level_name_waspada": "Waspada",
        "adv.level_name_darurat": "Darurat (dengan bunyi)",
        # Composing.
        "adv.no_speaker": "Maaf, peran Anda belum terhubung ke lembaga mana pun untuk himbauan.",
        "adv.ask_speaker": "Anda menyampaikan himbauan atas nama lembaga mana?",
        "adv.ask_target": (
            "📢 Himbauan atas nama <b>{source}</b>.\n\n"
            "Untuk siapa? Pilih tombol, atau ketik nama desa (beberapa dipisah koma, "
            "mis. <i>Kronto, Pancur</i>) atau kecamatan (<i>Kec. Lumbang</i>)."
        ),
        "adv.targets_so_far": "Sasaran sejauh ini: <b>{targets}</b>\nTambah lagi, atau tekan Lanjut.",
        "adv.target_all": "🏘 Seluruh {area}",
        "adv.target_next": "➡️ Lanjut",
        "adv.target_reset": "🗑 Ulangi",
        "adv.target_unknown": 'Wilayah "{text}" tidak ditemukan. Periksa ejaannya, lalu ketik lagi.',
        "adv.target_which": '"{text}" ada di beberapa tempat. Yang mana?',
        "adv.out_of_scope": (
            "Maaf, {what} di luar wilayah peran yang Anda pakai untuk himbauan ini. "
            "Tidak ada yang ditambahkan."
        ),
        "adv.no_target": "Pilih dulu sedikitnya satu sasaran.",
        "adv.ask_level": "Seberapa penting himbauan ini?",
        "adv.ask_text": (
            "Tulis teks himbauan. Boleh juga kirim satu foto dengan keterangannya. "
            "Ketik /batal untuk membatalkan."
        ),
        "adv.photo_needs_text": "Foto diterima. Sekarang ketik teks himbauannya.",
        "adv.empty": "Teks himbauan tidak boleh kosong. Silakan tulis isinya.",
        "adv.too_long": (
            "Maaf, himbauan ini terlalu panjang: {length} karakter bersama label sumbernya, "
            "batasnya {limit}. Persingkat sekitar {over} karakter, lalu kirim lagi."
        ),
        "adv.too_long_caption": (
            "Maaf, keterangan foto terlalu panjang: {length} karakter bersama label sumbernya, "
            "batas keterangan foto {limit}. Persingkat sekitar {over} karakter, atau kirim "
            "tanpa foto."
        ),
        "adv.ask_expiry": (
            "Sampai kapan himbauan ini berlaku? Ketik tanggal dan jam WIB (mis. "
            "<i>2026-12-02 19:30</i> atau <i>besok 07:00</i>), atau tekan tombol."
        ),
        "adv.expiry_none": "Tanpa batas waktu",
        "adv.expiry_past": "Maaf, waktu {time} WIB sudah lewat. Ketik waktu yang akan datang.",
        "adv.expiry_before_send": "Maaf, masa berlaku berakhir sebelum jadwal kirim. Periksa waktunya.",
        "adv.time_unknown": (
            "Maaf, waktu itu tidak saya pahami. Contoh: <i>2026-12-02 19:30</i>, "
            "<i>02-12-2026 19:30</i>, <i>besok 07:00</i> atau <i>21:00</i> (hari ini), WIB."
        ),
        "adv.preview_head": "👀 <b>Pratinjau</b> — persis seperti yang akan diterima warga:",
        "adv.preview_count": (
            "📬 Akan diterima oleh <b>{count}</b> chat ({people} orang, {groups} grup)."
        ),
        "adv.preview_approval": "🛂 Perlu persetujuan {polsek} sebelum dikirim.",
        "adv.nobody": "Belum ada yang akan menerima himbauan ini (0 chat). Pilih sasaran lain.",
        "adv.send_now": "✅ Kirim sekarang",
        "adv.schedule": "🕒 Jadwalkan",
        "adv.drill_on": "🧪 Tandai latihan",
        "adv.drill_off": "🧪 Bukan latihan",
        "adv.discard": "❌ Batal",
        "adv.discarded": "Himbauan dibatalkan. Tidak ada yang dikirim.",
        "adv.ask_schedule": (
            "Kapan dikirim? Ketik tanggal dan jam WIB, mis. <i>2026-12-02 19:30</i> atau "
            "<i>besok 07:00</i>."
        ),
        "adv.schedule_past": (
            "Maaf, {time} WIB sudah lewat, jadi tidak bisa dijadwalkan. Ketik waktu yang "
            "akan datang."
        ),
        "adv.role_gone": "Maaf, Anda tidak lagi memegang peran itu. Himbauan tidak dikirim.",
        "adv.no_polsek": (
            "Maaf, himbauan ini perlu persetujuan Polsek, tetapi belum ada Polsek yang mencakup "
            "sasarannya. Hubungi admin."
        ),
        "adv.no_duty_chat": (
            "Maaf, himbauan ini perlu persetujuan {polsek}, tetapi Polsek itu belum punya grup "
            "piket (/piket). Tidak ada yang dikirim; hubungi petugas Polsek."
        ),
        "adv.submitted_sent": "✅ Himbauan #{id} sedang dikirim ke {count} chat.",
        "adv.submitted_scheduled": "🕒 Himbauan #{id} dijadwalkan {time} WIB untuk {count} chat.",
        "adv.submitted_pending": (
            "🛂 Himbauan #{id} dikirim ke {polsek} untuk disetujui. Anda akan diberi tahu hasilnya."
        ),
        "adv.when_now": "segera setelah disetujui",
        # Approval in the duty chat.
        "adv.approval_request": (
            "🛂 <b>Permintaan persetujuan himbauan #{id}</b>\n"
            "Dari: {author} ({source})\nSasaran: {targets}\nPenerima: {count} chat\n"
            "Waktu kirim: {when}\n\nIsi himbauan ada di pesan sebelum ini."
        ),
        "adv.approval_request_update": (
            "🛂 <b>Permintaan persetujuan pembaruan #{id}</b> untuk himbauan #{parent}\n"
            "Dari: {author} ({source})\nSasaran: {targets}\nPenerima: {count} chat\n"
            "Waktu kirim: {when}\n\nIsi pembaruan ada di pesan sebelum ini."
        ),
        "adv.approve_button": "✅ Setujui",
        "adv.reject_button": "❌ Tolak",
        "adv.approved_toast": "Disetujui. ✅",
        "adv.rejected_toast": "Ditolak. Pengirim sudah diberi tahu.",
        "adv.already_decided": "Himbauan #{id} sudah diputuskan oleh {by}: {outcome}.",
        "adv.already_withdrawn": "Himbauan #{id} sudah dicabut oleh pengirimnya.",
        "adv.outcome_approved": "disetujui",
        "adv.outcome_rejected": "ditolak",
        "adv.ask_reason": (
            "{name}, apa alasan menolak himbauan #{id}? Pilih alasan, atau balas pesan "
            "berikut dengan alasan Anda."
        ),
        "adv.ask_reason_reply": "✍️ Balas pesan ini dengan alasan penolakan.",
        "adv.reason_hoaks": "Hoaks / tidak akurat",
        "adv.reason_wewenang": "Di luar wewenang lembaga",
        "adv.reason_perbaiki": "Perlu diperbaiki dulu",
        "adv.approved_duty": "✅ Himbauan #{id} ({source}) disetujui oleh {by}.",
        "adv.approved_author": "✅ Himbauan #{id} disetujui oleh {by} dan sedang dikirim.",
        "adv.approved_author_scheduled": (
            "✅ Himbauan #{id} disetujui oleh {by}; akan dikirim {when} WIB."
        ),
        "adv.rejected_duty": "❌ Himbauan #{id} ({source}) ditolak oleh {by}. Alasan: {reason}",
        "adv.rejected_author": (
            "❌ Himbauan #{id} ditolak oleh {by}. Alasan: {reason}\n"
            "Tidak ada yang dikirim. Anda bisa memperbaikinya dan mengirim ulang dengan /himbauan."
        ),
        "adv.approval_parent_cancelled_duty": (
            "Pembaruan #{id} tidak dikirim: himbauan aslinya sudah dicabut."
        ),
        "adv.approval_parent_cancelled_author": (
            "Pembaruan #{id} tidak dikirim: himbauan aslinya sudah dicabut."
        ),
        "adv.approval_withdrawn_duty": "↩️ Himbauan #{id} ditarik kembali oleh pengirimnya.",
        "adv.expired_author": (
            "⏳ Himbauan terjadwal #{id} tidak dikirim: masa berlakunya habis sebelum waktunya."
        ),
        # The author's list, updates and cancellations.
        "adv.mine_none": "Anda belum pernah membuat himbauan. Mulai dengan /himbauan.",
        "adv.mine_head": "<b>Himbauan terbaru</b>",
        "adv.mine_line": (
            "{icon} <b>#{id}</b> · {status} · {count} chat\n📍 {targets}\n<i>{excerpt}</i>"
        ),
        "adv.mine_acks": "✅ Sudah dibaca: {acks} orang",
        "adv.mine_updates": "🔄 Pembaruan: {updates}",
        "adv.status_pending": "menunggu persetujuan",
        "adv.status_scheduled": "terjadwal",
        "adv.status_sent": "terkirim",
        "adv.status_rejected": "ditolak",
        "adv.status_cancelled": "dicabut",
        "adv.status_expired": "kedaluwarsa",
        "adv.update_button": "✏️ Perbarui #{id}",
        "adv.cancel_button": "❌ Cabut #{id}",
        "adv.ask_update": (
            "Tulis pembaruan untuk himbauan #{id}. Pembaruan dikirim sebagai balasan ke "
            "semua chat yang menerima himbauan aslinya. /batal untuk batal."
        ),
        "adv.update_queued": "🔄 Pembaruan himbauan #{id} sedang dikirim ke {count} chat.",
        "adv.update_pending": "🛂 Pembaruan himbauan #{id} menunggu persetujuan {polsek}.",
        "adv.update_sent": "🔄 Pembaruan himbauan #{id} sedang dikirim.",
        "adv.update_cancelled": (
            "Maaf, himbauan #{id} sudah dicabut, jadi tidak bisa diperbarui. Buat himbauan baru "
            "dengan /himbauan."
        ),
        "adv.update_not_sent": (
            "Maaf, himbauan #{id} belum terkirim, jadi belum bisa diperbarui. Cabut lalu buat "
            "ulang bila isinya perlu diubah."
        ),
        "adv.ask_cancel_reason": (
            "Mengapa himbauan #{id} dicabut? Alasan Anda dikirim ke semua chat yang "
            "menerimanya (mis. <i>informasi keliru / hoaks</i>). /batal untuk batal."
        ),
        "adv.cancelled_sent": (
            "❌ Himbauan #{id} dicabut. Semua salinannya ditandai dan pemberitahuan sedang dikirim."
        ),
        "adv.cancelled_unsent": "❌ Himbauan #{id} dibatalkan sebelum terkirim.",
        "adv.already_cancelled": "Himbauan #{id} sudah dicabut sebelumnya.",
        "adv.cancel_inactive": "Himbauan #{id} tidak dikirim (ditolak atau kedaluwarsa).",
        "adv.not_yours": "Maaf, himbauan #{id} bukan buatan Anda.",
        "adv.unknown": "Himbauan itu tidak ditemukan.",
        # Residents.
        "adv.ack_thanks": "Terima kasih, sudah dicatat. ✅",
        "adv.ack_again": "Sudah tercatat sebelumnya. Terima kasih.",
        "adv.ack_preview": "Ini pratinjau: warga akan menekan tombol ini.",
        "adv.history_none": (
            "Belum ada himbauan untuk desa yang Anda ikuti. Atur desa Anda dengan /desa."
        ),
        "adv.history_head": "<b>Himbauan terbaru untuk desa Anda</b>",
        "adv.history_line": "{icon} {time} WIB · <b>{source}</b> {flags}\n{excerpt}",
        "adv.flag_exercise": "🧪 latihan",
        "adv.flag_cancelled": "❌ dicabut",
        "adv.flag_expired": "⏳ sudah tidak berlaku",
        "adv.mute_none": "Belum ada lembaga yang mengirim himbauan ke desa Anda.",
        "adv.mute_head": (
            "Tekan nama lembaga untuk membisukan atau menyalakan lagi pesan <b>Info</b>-nya. "
            "Pesan Waspada dan Darurat selalu sampai."
        ),
        "adv.muted_button": "🔕 {name} (Info dibisukan)",
        "adv.unmuted_button": "🔔 {name}",
        "adv.muted_toast": "Pesan Info lembaga ini dibisukan.",
        "adv.unmuted_toast": "Pesan Info lembaga ini akan sampai lagi.",
    }
)
TEXTS["en"].update(
    {
        "cmd.himbauan": "Issue an official advisory to residents",
        "cmd.himbauanku": "My advisories: status, reads, update or withdraw",
        "cmd.riwayat": "Recent advisories for your village",
        "cmd.senyap": "Mute an organisation's Info messages",
        "adv.badge": "📢 <b>Advisory · {source}</b>",
        "adv.badge_update": "🔄 <b>Advisory update · {source}</b>",
        "adv.level_info": "ℹ️ Info",
        "adv.level_waspada": "⚠️ <b>BE ALERT</b>",
        "adv.level_darurat": "🚨 <b>EMERGENCY</b>",
        "adv.exercise": "🧪 <b>EXERCISE — not a real event</b>",
        "adv.chain": "✅ From {source}, approved by {approver}",
        "adv.meta": "🕒 {time} WIB · 📍 {targets}",
        "adv.expires": "⏳ Valid until {time} WIB",
        "adv.refers": "↩️ Refers to advisory #{id} ({time} WIB)",
        "adv.cancelled_head": "❌ <b>WITHDRAWN</b> at {time} WIB — disregard this advisory.",
        "adv.cancel_notice": (
            "❌ <b>Advisory withdrawn · {source}</b>\n"
            "The advisory of {time} WIB is withdrawn and no longer applies.\nReason: {reason}"
        ),
        "adv.ack_button": "✅ Read",
        "adv.admin_source": "Kamtibmas Admin",
        "adv.group_patroli": "Youth patrol · {area}",
        "adv.group_pemuda": "All youth · {area}",
        "adv.level_name_info": "Info (silent)",
        "adv.level_name_waspada": "Be alert",
        "adv.level_name_darurat": "Emergency (with sound)",
        "adv.no_speaker": "Sorry, your role is not linked to any organisation for advisories.",
        "adv.ask_speaker": "Which organisation are you speaking for?",
        "adv.ask_target": (
            "📢 Advisory on behalf of <b>{source}</b>.\n\n"
            "For whom? Press a button, or type village names (several separated by commas, "
            "e.g. <i>Kronto, Pancur</i>) or a kecamatan (<i>Kec. Lumbang</i>)."
        ),
        "adv.targets_so_far": "Targets so far: <b>{targets}</b>\nAdd more, or press Next.",
        "adv.target_all": "🏘 All of {area}",
        "adv.target_next": "➡️ Next",
        "adv.target_reset": "🗑 Start again",
        "adv.target_unknown": 'No area "{text}" found. Check the spelling and type it again.',
        "adv.target_which": '"{text}" exists in several places. Which one?',
        "adv.out_of_scope": (
            "Sorry, {what} is outside the area of the role you use for this advisory. "
            "Nothing was added."
        ),
        "adv.no_target": "Choose at least one target first.",
        "adv.ask_level": "How serious is this advisory?",
        "adv.ask_text": (
            "Write the advisory's text. You may also send one photo with a caption. "
            "Type /batal to cancel."
        ),
        "adv.photo_needs_text": "Photo received. Now type the advisory's text.",
        "adv.empty": "The advisory's text must not be empty. Please write it.",
        "adv.too_long": (
            "Sorry, this advisory is too long: {length} characters with its source label, "
            "the limit is {limit}. Shorten it by about {over} characters and send it again."
        ),
        "adv.too_long_caption": (
            "Sorry, the photo caption is too long: {length} characters with its source label, "
            "a caption allows {limit}. Shorten it by about {over} characters, or send it "
            "without the photo."
        ),
        "adv.ask_expiry": (
            "Until when does it apply? Type a date and time in WIB (e.g. "
            "<i>2026-12-02 19:30</i> or <i>besok 07:00</i>), or press the button."
        ),
        "adv.expiry_none": "No expiry",
        "adv.expiry_past": "Sorry, {time} WIB has passed. Type a time in the future.",
        "adv.expiry_before_send": "Sorry, it would expire before it is sent. Check the times.",
        "adv.time_unknown": (
            "Sorry, I did not understand that time. Examples: <i>2026-12-02 19:30</i>, "
            "<i>02-12-2026 19:30</i>, <i>besok 07:00</i> or <i>21:00</i> (today), WIB."
        ),
        "adv.preview_head": "👀 <b>Preview</b> — exactly as residents will receive it:",
        "adv.preview_count": "📬 It will reach <b>{count}</b> chats ({people} people, {groups} groups).",
        "adv.preview_approval": "🛂 Needs the approval of {polsek} before it is sent.",
        "adv.nobody": "Nobody would receive this advisory yet (0 chats). Choose other targets.",
        "adv.send_now": "✅ Send now",
        "adv.schedule": "🕒 Schedule",
        "adv.drill_on": "🧪 Mark as exercise",
        "adv.drill_off": "🧪 Not an exercise",
        "adv.discard": "❌ Cancel",
        "adv.discarded": "Advisory discarded. Nothing was sent.",
        "adv.ask_schedule": (
            "When should it go out? Type a date and time in WIB, e.g. <i>2026-12-02 19:30</i> "
            "or <i>besok 07:00</i>."
        ),
        "adv.schedule_past": "Sorry, {time} WIB has passed, so it cannot be scheduled. Type a future time.",
        "adv.role_gone": "Sorry, you no longer hold that role. The advisory was not sent.",
        "adv.no_polsek": (
            "Sorry, this advisory needs a Polsek's approval, but no Polsek covers its targets "
            "yet. Contact an admin."
        ),
        "adv.no_duty_chat": (
            "Sorry, this advisory needs the approval of {polsek}, which has no duty chat yet "
            "(/piket). Nothing was sent; contact the Polsek's officers."
        ),
        "adv.submitted_sent": "✅ Advisory #{id} is being sent to {count} chats.",
        "adv.submitted_scheduled": "🕒 Advisory #{id} is scheduled for {time} WIB, to {count} chats.",
        "adv.submitted_pending": (
            "🛂 Advisory #{id} went to {polsek} for approval. You will be told the outcome."
        ),
        "adv.when_now": "as soon as approved",
        "adv.approval_request": (
            "🛂 <b>Approval requested for advisory #{id}</b>\n"
            "From: {author} ({source})\nTargets: {targets}\nRecipients: {count} chats\n"
            "Sending: {when}\n\nThe advisory itself is in the message above."
        ),
        "adv.approval_request_update": (
            "🛂 <b>Approval requested for update #{id}</b> of advisory #{parent}\n"
            "From: {author} ({source})\nTargets: {targets}\nRecipients: {count} chats\n"
            "Sending: {when}\n\nThe update itself is in the message above."
        ),
        "adv.approve_button": "✅ Approve",
        "adv.reject_button": "❌ Reject",
        "adv.approved_toast": "Approved. ✅",
        "adv.rejected_toast": "Rejected. The author has been told.",
        "adv.already_decided": "Advisory #{id} was already decided by {by}: {outcome}.",
        "adv.already_withdrawn": "Advisory #{id} was withdrawn by its author.",
        "adv.outcome_approved": "approved",
        "adv.outcome_rejected": "rejected",
        "adv.ask_reason": (
            "{name}, why reject advisory #{id}? Pick a reason, or reply to the next message "
            "with your own."
        ),
        "adv.ask_reason_reply": "✍️ Reply to this message with the reason.",
        "adv.reason_hoaks": "Hoax / inaccurate",
        "adv.reason_wewenang": "Outside the organisation's remit",
        "adv.reason_perbaiki": "Needs corrections first",
        "adv.approved_duty": "✅ Advisory #{id} ({source}) approved by {by}.",
        "adv.approved_author": "✅ Advisory #{id} was approved by {by} and is being sent.",
        "adv.approved_author_scheduled": (
            "✅ Advisory #{id} was approved by {by}; it will be sent {when} WIB."
        ),
        "adv.rejected_duty": "❌ Advisory #{id} ({source}) rejected by {by}. Reason: {reason}",
        "adv.rejected_author": (
            "❌ Advisory #{id} was rejected by {by}. Reason: {reason}\n"
            "Nothing was sent. You may correct it and send it again with /himbauan."
        ),
        "adv.approval_parent_cancelled_duty": "Update #{id} not sent: its advisory was withdrawn.",
        "adv.approval_parent_cancelled_author": "Update #{id} not sent: its advisory was withdrawn.",
        "adv.approval_withdrawn_duty": "↩️ Advisory #{id} was withdrawn by its author.",
        "adv.expired_author": (
            "⏳ Scheduled advisory #{id} was not sent: it expired before its time."
        ),
        "adv.mine_none": "You have not issued any advisory yet. Start with /himbauan.",
        "adv.mine_head": "<b>Recent advisories</b>",
        "adv.mine_line": "{icon} <b>#{id}</b> · {status} · {count} chats\n📍 {targets}\n<i>{excerpt}</i>",
        "adv.mine_acks": "✅ Read by: {acks} people",
        "adv.mine_updates": "🔄 Updates: {updates}",
        "adv.status_pending": "awaiting approval",
        "adv.status_scheduled": "scheduled",
        "adv.status_sent": "sent",
        "adv.status_rejected": "rejected",
        "adv.status_cancelled": "withdrawn",
        "adv.status_expired": "expired",
        "adv.update_button": "✏️ Update #{id}",
        "adv.cancel_button": "❌ Withdraw #{id}",
        "adv.ask_update": (
            "Write the update to advisory #{id}. It goes as a reply to every chat that "
            "received the original. /batal to cancel."
        ),
        "adv.update_queued": "🔄 The update to advisory #{id} is being sent to {count} chats.",
        "adv.update_pending": "🛂 The update to advisory #{id} awaits the approval of {polsek}.",
        "adv.update_sent": "🔄 The update to advisory #{id} is being sent.",
        "adv.update_cancelled": (
            "Sorry, advisory #{id} was withdrawn, so it cannot be updated. Issue a new one "
            "with /himbauan."
        ),
        "adv.update_not_sent": (
            "Sorry, advisory #{id} has not been sent yet, so it cannot be updated. Withdraw "
            "it and issue it again if it must change."
        ),
        "adv.ask_cancel_reason": (
            "Why is advisory #{id} withdrawn? Your reason goes to every chat that received "
            "it (e.g. <i>wrong information / hoax</i>). /batal to cancel."
        ),
        "adv.cancelled_sent": (
            "❌ Advisory #{id} withdrawn. Every copy is marked and a notice is being sent."
        ),
        "adv.cancelled_unsent": "❌ Advisory #{id} cancelled before it was sent.",
        "adv.already_cancelled": "Advisory #{id} was already withdrawn.",
        "adv.cancel_inactive": "Advisory #{id} was never sent (rejected or expired).",
        "adv.not_yours": "Sorry, advisory #{id} is not yours.",
        "adv.unknown": "That advisory does not exist.",
        "adv.ack_thanks": "Thank you, noted. ✅",
        "adv.ack_again": "Already noted. Thank you.",
        "adv.ack_preview": "This is a preview: residents will press this button.",
        "adv.history_none": "No advisories for the villages you follow yet. Set yours with /desa.",
        "adv.history_head": "<b>Recent advisories for your village</b>",
        "adv.history_line": "{icon} {time} WIB · <b>{source}</b> {flags}\n{excerpt}",
        "adv.flag_exercise": "🧪 exercise",
        "adv.flag_cancelled": "❌ withdrawn",
        "adv.flag_expired": "⏳ no longer valid",
        "adv.mute_none": "No organisation has sent advisories to your village yet.",
        "adv.mute_head": (
            "Press an organisation to mute or unmute its <b>Info</b> messages. Be-alert and "
            "emergency messages always arrive."
        ),
        "adv.muted_button": "🔕 {name} (Info muted)",
        "adv.unmuted_button": "🔔 {name}",
        "adv.muted_toast": "This organisation's Info messages are muted.",
        "adv.unmuted_toast": "This organisation's Info messages will arrive again.",
    }
)


# Later features keep their texts in their own module (same shape: ID and EN dicts).
from bot import texts_neighbours, texts_ronda  # noqa: E402

for _module in (texts_ronda, texts_neighbours):
    TEXTS["id"].update(_module.ID)
    TEXTS["en"].update(_module.EN)


LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}


_TAG = re.compile(r"<[^>]+>")
# Telegram's limits, counted after entity parsing (UTF-16 code units).
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def visible_length(markup: str) -> int:
    """The length Telegram counts for an HTML text: tags removed, entities decoded, in UTF-16
    code units (an emoji outside the BMP counts twice, as in Telegram's entity offsets)."""
    return len(html.unescape(_TAG.sub("", markup)).encode("utf-16-le")) // 2


def plain_text(markup: str) -> str:
    """What an HTML text reads as, for places that show no formatting (a button's alert)."""
    return html.unescape(_TAG.sub("", markup))


def t(lang: str | None, key: str, **values: Any) -> str:
    """The text `key` in `lang` (falling back to Indonesian), with escaped values filled in."""
    table = TEXTS.get(lang or DEFAULT, TEXTS[DEFAULT])
    template = table.get(key) or TEXTS[DEFAULT][key]
    if not values:
        return template
    return template.format(
        **{
            k: v if isinstance(v, Html) else html.escape(str(v), quote=False)
            for k, v in values.items()
        }
    )
