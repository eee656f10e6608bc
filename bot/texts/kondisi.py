"""Texts of kondisi wilayah (/kondisi): a desa's last 7 days, its neighbours' colours, the
situation notes and the weekly digest. Telegram HTML."""

ID: dict[str, str] = {
    "cmd.kondisi": "Kondisi desa 7 hari terakhir",
    # the picture
    "kondisi.quiet": "🟢 <b>Desa {desa}</b>: tidak ada kejadian tercatat dalam 7 hari terakhir.",
    "kondisi.title": "<b>📍 Kondisi Desa {desa}</b> (7 hari terakhir)",
    "kondisi.light": "{icon} {state}: {why}",
    "kondisi.state_green": "Aman",
    "kondisi.state_yellow": "Perlu perhatian",
    "kondisi.state_red": "Siaga",
    "kondisi.why_alert": "{count} peringatan ke desa tetangga belum selesai (48 jam terakhir)",
    "kondisi.why_urgent": "{count} laporan mendesak belum selesai (48 jam terakhir)",
    "kondisi.why_darurat": "ada imbauan Darurat yang berlaku",
    "kondisi.why_open": "{count} laporan belum selesai",
    "kondisi.why_missed": "{count} jadwal ronda terlewat",
    "kondisi.why_waspada": "ada imbauan Waspada yang berlaku",
    "kondisi.why_quiet": "tidak ada yang perlu diwaspadai",
    "kondisi.reports": "📋 Laporan: {count} ({categories}) · {statuses}",
    "kondisi.st_baru": "baru",
    "kondisi.st_diterima": "diterima",
    "kondisi.st_diproses": "diproses",
    "kondisi.st_selesai": "selesai",
    "kondisi.st_ditolak": "tidak ditindaklanjuti",
    "kondisi.advisories": "📢 Imbauan berlaku: {count} ({levels})",
    "kondisi.level_darurat": "Darurat",
    "kondisi.level_waspada": "Waspada",
    "kondisi.level_info": "Info",
    "kondisi.ronda": "🔦 Ronda: {held} terlaksana, {missed} terlewat",
    "kondisi.alerts": "🤝 Peringatan ke desa tetangga: {count}, dijawab {answered}",
    "kondisi.note": "📝 Catatan: “{text}” (berlaku sampai {until})",
    "kondisi.neighbours": "<b>Desa tetangga</b>",
    "kondisi.neighbour": "{icon} {desa}: {why}",
    "kondisi.neighbour_green": "{icon} {desa}: aman",
    "kondisi.neighbour_note": "    📝 “{text}”",
    "kondisi.note_hint": (
        "\n\n<i>Tulis catatan kondisi desa untuk tetangga: /kondisi catat (teksnya)</i>"
    ),
    # which desa
    "kondisi.ask_desa": (
        "Desa mana? Ketik <b>/kondisi</b> lalu nama desanya, misalnya <b>/kondisi Kronto</b>."
    ),
    "kondisi.choose_desa": "Kondisi desa mana yang ingin dilihat?",
    "kondisi.not_found": "Tidak ada desa bernama “{text}”. Coba ketik lagi: /kondisi (nama desa).",
    "kondisi.candidates": "Yang mana maksud Anda?",
    # situation notes
    "kondisi.note_short": "Catatannya terlalu pendek. Tulis paling sedikit {least} huruf.",
    "kondisi.note_long": "Catatannya terlalu panjang. Paling banyak {most} huruf, ya.",
    "kondisi.note_not_allowed": (
        "Catatan kondisi hanya bisa ditulis koordinator Karang Taruna atau petugas desa itu."
    ),
    "kondisi.note_gone": "Catatan itu sudah ditarik atau sudah lewat masanya.",
    "kondisi.note_ask": (
        "Tulis catatannya sesudah perintahnya, misalnya:\n"
        "<b>/kondisi catat Aman terkendali, ada hajatan Sabtu malam</b>"
    ),
    "kondisi.note_choose": "Catatan ini untuk desa mana?",
    "kondisi.note_no_desa": (
        "Anda belum punya desa untuk catatan ini. Ikuti desanya dulu dengan /langganan, atau "
        "tulis dari grup desa."
    ),
    "kondisi.note_lost": "Catatannya tidak ditemukan lagi. Tulis ulang: /kondisi catat (teksnya)",
    "kondisi.note_saved": (
        "✅ Catatan untuk Desa {desa} tersimpan, berlaku sampai {until}. Desa tetangga "
        "melihatnya di /kondisi dan di ringkasan mingguan."
    ),
    "kondisi.btn_withdraw": "🗑 Tarik catatan",
    "kondisi.note_withdrawn": "Catatan untuk Desa {desa} sudah ditarik.",
    # the weekly digest
    "kondisi.digest_head": "<b>🗓 Ringkasan mingguan kondisi wilayah</b>",
    "kondisi.digest_polsek": "<b>🗓 Ringkasan mingguan kondisi wilayah — {polsek}</b>",
    "kondisi.digest_area": "<b>🗓 Ringkasan mingguan kondisi wilayah — {area}</b>",
    "kondisi.many_desa": "{count} desa",
}

EN: dict[str, str] = {
    "cmd.kondisi": "The desa's last 7 days",
    "kondisi.quiet": "🟢 <b>Desa {desa}</b>: no incidents recorded in the last 7 days.",
    "kondisi.title": "<b>📍 Desa {desa}</b> (last 7 days)",
    "kondisi.light": "{icon} {state}: {why}",
    "kondisi.state_green": "Calm",
    "kondisi.state_yellow": "Needs attention",
    "kondisi.state_red": "Alert",
    "kondisi.why_alert": "{count} neighbour alert(s) not finished (last 48 hours)",
    "kondisi.why_urgent": "{count} urgent report(s) not finished (last 48 hours)",
    "kondisi.why_darurat": "a Darurat advisory is in force",
    "kondisi.why_open": "{count} report(s) not finished",
    "kondisi.why_missed": "{count} ronda shift(s) missed",
    "kondisi.why_waspada": "a Waspada advisory is in force",
    "kondisi.why_quiet": "nothing to watch out for",
    "kondisi.reports": "📋 Reports: {count} ({categories}) · {statuses}",
    "kondisi.st_baru": "new",
    "kondisi.st_diterima": "taken",
    "kondisi.st_diproses": "in progress",
    "kondisi.st_selesai": "done",
    "kondisi.st_ditolak": "not followed up",
    "kondisi.advisories": "📢 Advisories in force: {count} ({levels})",
    "kondisi.level_darurat": "Darurat",
    "kondisi.level_waspada": "Waspada",
    "kondisi.level_info": "Info",
    "kondisi.ronda": "🔦 Ronda: {held} held, {missed} missed",
    "kondisi.alerts": "🤝 Alerts to neighbouring desa: {count}, answered {answered}",
    "kondisi.note": "📝 Note: “{text}” (until {until})",
    "kondisi.neighbours": "<b>Neighbouring desa</b>",
    "kondisi.neighbour": "{icon} {desa}: {why}",
    "kondisi.neighbour_green": "{icon} {desa}: calm",
    "kondisi.neighbour_note": "    📝 “{text}”",
    "kondisi.note_hint": "\n\n<i>Write a note on the desa for its neighbours: /kondisi catat (text)</i>",
    "kondisi.ask_desa": "Which desa? Type <b>/kondisi</b> and its name, e.g. <b>/kondisi Kronto</b>.",
    "kondisi.choose_desa": "Which desa would you like to see?",
    "kondisi.not_found": "There is no desa called “{text}”. Try again: /kondisi (desa name).",
    "kondisi.candidates": "Which one do you mean?",
    "kondisi.note_short": "The note is too short. Write at least {least} letters.",
    "kondisi.note_long": "The note is too long. At most {most} characters, please.",
    "kondisi.note_not_allowed": (
        "Only the desa's Karang Taruna koordinator or its officers can write its note."
    ),
    "kondisi.note_gone": "That note was withdrawn or has expired.",
    "kondisi.note_ask": (
        "Write the note after the command, e.g.:\n<b>/kondisi catat Calm, a wedding on Saturday</b>"
    ),
    "kondisi.note_choose": "Which desa is this note for?",
    "kondisi.note_no_desa": (
        "You have no desa for this note yet. Follow it first with /langganan, or write from the "
        "desa's group."
    ),
    "kondisi.note_lost": "The note was not found any more. Write it again: /kondisi catat (text)",
    "kondisi.note_saved": (
        "✅ The note for Desa {desa} is saved, until {until}. Neighbouring desa see it in "
        "/kondisi and in the weekly digest."
    ),
    "kondisi.btn_withdraw": "🗑 Withdraw note",
    "kondisi.note_withdrawn": "The note for Desa {desa} is withdrawn.",
    "kondisi.digest_head": "<b>🗓 Weekly digest of the area's situation</b>",
    "kondisi.digest_polsek": "<b>🗓 Weekly digest of the area's situation — {polsek}</b>",
    "kondisi.digest_area": "<b>🗓 Weekly digest of the area's situation — {area}</b>",
    "kondisi.many_desa": "{count} desa",
}
