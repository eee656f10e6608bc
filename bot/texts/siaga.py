"""Texts of siaga (/siaga): the muster call, its answers, the tally, reminders and the end.
Telegram HTML."""

ID: dict[str, str] = {
    "cmd.siaga": "Panggil siaga Karang Taruna / ronda",
    "conversation.siaga": "panggilan siaga (/siaga)",
    "conversation.siaga_jawab": "jawaban panggilan siaga",
    # /siaga, the caller's menu
    "siaga.menu": (
        "<b>📣 Siaga</b>\nPanggil Karang Taruna atau anggota ronda untuk siaga sekarang, lalu "
        "pantau siapa yang datang. Tekan tombol di bawah, atau langsung ketik nama desanya."
    ),
    "siaga.menu_recent": "\n<b>Panggilan Anda</b>",
    "siaga.menu_line": "{icon} #{number} · {area} · {reason} — {answered}/{called} menjawab",
    "siaga.btn_new": "📣 Panggil siaga",
    "siaga.btn_show": "📊 #{number} · {area}",
    "siaga.ask_area": (
        "Siapa yang dipanggil, di mana? Pilih di bawah, atau ketik nama desa atau kecamatan."
    ),
    "siaga.ask_area_typed": "Ketik nama desa atau kecamatan yang warganya dipanggil.",
    "siaga.area_whole": "Seluruh {area}",
    "siaga.area_not_found": "Tidak ada desa atau kecamatan bernama “{text}”. Coba ketik lagi.",
    "siaga.area_candidates": "Yang mana maksud Anda?",
    "siaga.ask_who": "<b>{area}</b>\nSiapa yang dipanggil?",
    "siaga.btn_pemuda": "👥 Karang Taruna",
    "siaga.btn_ronda": "🔦 Anggota ronda",
    "siaga.btn_both": "👥🔦 Keduanya",
    "siaga.nobody": (
        "Tidak ada orang yang bisa dipanggil di sana (selain Anda sendiri). Pilih kelompok "
        "atau wilayah lain, atau ketik /batal."
    ),
    "siaga.count": "Yang dipanggil: <b>{count} orang</b> ({who}, {area}).",
    "siaga.who_pemuda": "Karang Taruna",
    "siaga.who_ronda": "anggota ronda",
    "siaga.who_both": "Karang Taruna dan anggota ronda",
    "siaga.who_chosen": "orang pilihan",
    "siaga.ask_reason": (
        "Apa alasannya? Tulis singkat, misalnya <i>Ada ancaman pencurian di kantor desa</i>."
    ),
    "siaga.reason_short": "Alasannya terlalu pendek. Tulis paling sedikit {least} huruf.",
    "siaga.reason_long": "Alasannya terlalu panjang. Paling banyak {most} huruf, ya.",
    "siaga.ask_place": "Di mana berkumpul? Pilih tempat, atau kirim lokasi (📎 → Lokasi).",
    "siaga.btn_polsek": "🏢 {polsek}",
    "siaga.btn_location": "📍 Kirim lokasi",
    "siaga.ask_location": "Kirim lokasinya sekarang (📎 → Lokasi).",
    "siaga.location_place": "Lokasi yang dibagikan",
    "siaga.place_far": "Lokasi itu {km} km di luar wilayah kita. Kirim lokasi yang benar.",
    "siaga.ask_time": "Kapan? Tekan <b>Sekarang</b>, atau ketik jam hari ini (misalnya 21.30).",
    "siaga.btn_now": "⏱ Sekarang",
    "siaga.time_bad": "Jamnya tidak terbaca. Ketik seperti <b>21.30</b>, atau tekan Sekarang.",
    "siaga.time_past": "Jam {time} sudah lewat. Ketik jam yang akan datang, atau tekan Sekarang.",
    "siaga.ask_level": (
        "Seberapa genting?\n⚠️ <b>Waspada</b>: pesan masuk tanpa bunyi.\n🚨 <b>Darurat</b>: "
        "pesan berbunyi, untuk keadaan yang mendesak."
    ),
    "siaga.btn_waspada": "⚠️ Waspada",
    "siaga.btn_darurat": "🚨 Darurat",
    "siaga.summary": (
        "<b>Periksa dulu panggilan siaga ini</b>\n"
        "Tingkat: {level}\nWilayah: {area}\nYang dipanggil: {who}, <b>{count} orang</b>\n"
        "Alasan: {reason}\nTempat: {place}\nWaktu: {when}"
    ),
    "siaga.summary_overlap": (
        "\n\nℹ️ Sebagian dari mereka masih dalam panggilan siaga lain yang belum selesai "
        "({calls}). Tetap boleh dikirim."
    ),
    "siaga.level_waspada": "⚠️ Waspada",
    "siaga.level_darurat": "🚨 Darurat",
    "siaga.btn_send": "📣 Kirim",
    "siaga.btn_drop": "❌ Batal",
    "siaga.dropped": "Panggilan siaga dibatalkan, tidak ada yang dikirim.",
    "siaga.lost": "Percakapan ini sudah selesai atau kedaluwarsa. Mulai lagi dengan /siaga.",
    "siaga.sent": "📣 Panggilan siaga #{number} dikirim ke {count} orang.",
    "siaga.not_allowed_here": "Anda tidak bisa memanggil siaga untuk {area}.",
    "siaga.expect_choice": "Mohon pilih salah satu tombol di atas, atau ketik /batal.",
    # 👤 Pilih orang: people of a desa's watch chosen one by one (handlers/patrols/naming.py)
    "siaga.btn_chosen": "👤 Pilih orang",
    "siaga.who_hint_desa": "\n<i>Untuk memilih orang satu per satu, pilih satu desa.</i>",
    "siaga.chosen_desa_only": (
        "Orang hanya bisa dipilih satu per satu untuk satu desa. Pilih desanya dulu."
    ),
    "siaga.ask_people": (
        "<b>{area}</b>\nSiapa yang dipanggil? Tiga cara, boleh dicampur:\n"
        "• Tekan <b>👥 Pilih dari daftar</b> untuk memilih anggota ronda desa ini.\n"
        "• <b>Tulis</b> @username-nya atau sebut namanya (mention), misalnya "
        "<code>@andi @budi</code>.\n"
        "• <b>Teruskan</b> (forward) pesan dari orang itu.\n"
        "Yang bisa dipilih: anggota Karang Taruna dan polisi untuk desa ini, serta warga yang "
        "sudah diterima lewat /ikutronda."
    ),
    "siaga.pick_title": "Pilih yang dipanggil",
    "siaga.pick_so_far": (
        "<b>Yang dipilih sejauh ini</b>\n{teams}\n\nTambah dari daftar, teruskan pesan "
        "seseorang, atau tulis @username/sebut namanya; lalu tekan ✅ Selesai."
    ),
    "siaga.pick_line": "{names}",
    "siaga.pick_empty": "Belum ada yang dipilih. Pilih paling sedikit satu orang.",
    "siaga.pick_self": (
        "Anda sendiri tidak perlu dipilih: pemanggil tidak ikut dipanggil. Pilih orang lain."
    ),
    "siaga.pick_too_many": (
        "Paling banyak {limit} orang bisa dipilih satu per satu. Untuk lebih banyak, panggil "
        "Karang Taruna atau anggota ronda sekaligus."
    ),
    "siaga.pick_not_eligible": (
        "Tidak bisa dipanggil di Desa {desa}: {names}. Yang bisa dipilih hanya anggota Karang "
        "Taruna atau polisi untuk desa itu, dan warga yang sudah diterima lewat /ikutronda. "
        "Tidak ada yang disimpan."
    ),
    "siaga.pick_unknown": (
        "Belum pernah memakai bot: {names}. Minta mereka membuka bot ini dan mengetik /start "
        "dulu, lalu sebut mereka lagi."
    ),
    "siaga.count_chosen": "Yang dipanggil: <b>{count} orang</b> di {area}: {names}.",
    "siaga.who_chosen_names": "orang pilihan ({names})",
    # the call, as the people called read it
    "siaga.call_darurat": (
        "🚨 <b>PANGGILAN SIAGA — DARURAT</b> (#{number})\n"
        "Dari: {caller}\nWilayah: {area}\nAlasan: {reason}\nTempat: {place}\nWaktu: {when}\n\n"
        "Jika ada bahaya bagi jiwa, telepon polisi di <b>110</b>."
    ),
    "siaga.call_waspada": (
        "⚠️ <b>Panggilan siaga — Waspada</b> (#{number})\n"
        "Dari: {caller}\nWilayah: {area}\nAlasan: {reason}\nTempat: {place}\nWaktu: {when}"
    ),
    "siaga.call_ask": "Bisa datang? Jawab dengan tombol di bawah.",
    "siaga.reminder_head": "🔔 <b>Pengingat</b>: Anda belum menjawab panggilan ini.",
    "siaga.now_at": "sekarang ({time})",
    "siaga.btn_siap": "✅ Siap",
    "siaga.btn_lokasi": "📍 Sudah di lokasi",
    "siaga.btn_tidak": "❌ Tidak bisa",
    "siaga.mine": "Jawaban Anda: {answer} (bisa diubah selama siaga berjalan)",
    "siaga.mine_siap": "✅ Siap",
    "siaga.mine_lokasi": "📍 Sudah di lokasi",
    "siaga.mine_tidak": "❌ Tidak bisa",
    "siaga.mine_confirmed": "(lokasi terkonfirmasi)",
    "siaga.noted": "Terima kasih, dicatat: {answer}.",
    "siaga.thanks_same": "Jawaban Anda sudah tercatat.",
    "siaga.ask_note": "❌ Dicatat: tidak bisa. Boleh tahu alasannya? Pilih, ketik, atau Lewati.",
    "siaga.btn_note_kerja": "Sedang kerja",
    "siaga.btn_note_sakit": "Sakit",
    "siaga.btn_note_jauh": "Di luar desa",
    "siaga.btn_skip": "Lewati",
    "siaga.note_saved": "Terima kasih, alasannya dicatat.",
    "siaga.note_skipped": "Baik, tanpa alasan.",
    "siaga.note_not_tidak": "Jawaban Anda sekarang bukan “Tidak bisa”, jadi alasan tidak dicatat.",
    "siaga.ask_here": (
        "📍 Dicatat: sudah di lokasi. Kalau mau, kirim lokasi Anda (tombol di bawah) untuk "
        "konfirmasi. Boleh juga dilewati."
    ),
    "siaga.btn_send_location": "📍 Kirim lokasi saya",
    "siaga.here_confirmed": "✔️ Lokasi Anda terkonfirmasi di dekat {place}. Terima kasih!",
    "siaga.here_far": (
        "Lokasi Anda sekitar {km} km dari {place}. Jawaban tetap “Sudah di lokasi”, tapi belum "
        "terkonfirmasi. Kirim lagi kalau sudah sampai."
    ),
    "siaga.here_skipped": "Baik, tanpa lokasi.",
    "siaga.not_called": "Panggilan siaga ini bukan untuk Anda, jadi jawaban tidak dicatat.",
    "siaga.over": "Siaga ini sudah selesai. Terima kasih, jawaban tidak perlu lagi.",
    "siaga.gone": "Panggilan siaga ini sudah tidak ada.",
    "siaga.flag_answer": (
        "ℹ️ Anda tercatat sudah tidak termasuk kelompok yang dipanggil, tapi jawaban Anda tetap "
        "dihitung."
    ),
    # the tally
    "siaga.tally_head": "{icon} <b>Siaga #{number}</b> — {area}\nAlasan: {reason}",
    "siaga.tally_where": "Tempat: {place} · {when}",
    "siaga.tally_counts": (
        "✅ Siap: <b>{siap}</b> · 📍 Di lokasi: <b>{there}</b> ({confirmed} terkonfirmasi) · "
        "❌ Tidak bisa: <b>{cannot}</b>\n⏳ Belum menjawab: <b>{waiting}</b> dari {total} orang"
    ),
    "siaga.tally_siap": "\n<b>✅ Siap:</b> {names}",
    "siaga.tally_there": "<b>📍 Di lokasi:</b> {names}",
    "siaga.tally_more": " dan {n} lainnya",
    "siaga.tally_flag_note": "⚠️ = sudah tidak termasuk kelompok yang dipanggil saat menjawab",
    "siaga.tally_open": "\nDiperbarui otomatis setiap ada jawaban.",
    "siaga.tally_closed": "\n✅ <b>Siaga selesai</b> pukul {time}.",
    "siaga.tally_closed_auto": "\n⏹ Siaga ditutup otomatis pukul {time}.",
    "siaga.btn_remind": "🔔 Ingatkan yang belum jawab",
    "siaga.btn_close": "✅ Siaga selesai",
    "siaga.btn_close_sure": "✅ Ya, siaga selesai",
    "siaga.btn_list": "📄 Daftar",
    "siaga.close_confirm": (
        "Akhiri siaga #{number}? Semua yang dipanggil akan menerima kabar bahwa siaga selesai, "
        "dengan ucapan terima kasih."
    ),
    "siaga.closed_now": "✅ Siaga #{number} selesai. Kabar dan terima kasih dikirim ke {count} orang.",
    "siaga.already_closed": "Siaga ini sudah selesai.",
    "siaga.reminded": "🔔 Pengingat dikirim ke {count} orang yang belum menjawab.",
    "siaga.reminded_none": "Semua sudah menjawab, tidak ada yang perlu diingatkan.",
    "siaga.remind_wait": "Pengingat baru saja dikirim. Bisa lagi pukul {time}.",
    "siaga.list_head": "<b>📄 Daftar siaga #{number}</b> (halaman {page}/{pages})",
    "siaga.list_line": "{icon} {name}{extra}",
    "siaga.list_confirmed": "lokasi terkonfirmasi",
    "siaga.not_yours": "Hanya pemanggil atau petugas wilayah ini yang bisa memakai tombol ini.",
    "siaga.stand_down": (
        "✅ <b>Siaga #{number} selesai</b> ({area})\n{reason}\n\n"
        "Terima kasih atas kesiapan dan bantuan Anda. Silakan kembali beraktivitas seperti biasa."
    ),
    "siaga.closed_auto_people": (
        "⏹ <b>Siaga #{number} sudah ditutup</b> ({area})\n{reason}\n\n"
        "Terima kasih atas kesiapan Anda."
    ),
    "siaga.closed_auto_caller": (
        "⏹ Siaga #{number} ditutup otomatis, {hours} jam setelah waktunya. Rekap akhir ada di "
        "pesan rekap siaga."
    ),
    "siaga.stats_line": (
        "\n<b>📣 Siaga</b>: {calls} panggilan, {answered} dari {called} orang menjawab "
        "({rate}%), median sampai “Siap”: {median} menit"
    ),
}

EN: dict[str, str] = {
    "cmd.siaga": "Call the Karang Taruna / watch to stand by",
    "conversation.siaga": "the standby call (/siaga)",
    "conversation.siaga_jawab": "your answer to a standby call",
    "siaga.menu": (
        "<b>📣 Siaga</b>\nCall the Karang Taruna or the watch members to stand by now, then see "
        "who is coming. Press the button below, or type the village's name right away."
    ),
    "siaga.menu_recent": "\n<b>Your calls</b>",
    "siaga.menu_line": "{icon} #{number} · {area} · {reason} — {answered}/{called} answered",
    "siaga.btn_new": "📣 Call to stand by",
    "siaga.btn_show": "📊 #{number} · {area}",
    "siaga.ask_area": "Whom to call, where? Choose below, or type a village or district name.",
    "siaga.ask_area_typed": "Type the name of the village or district whose people you call.",
    "siaga.area_whole": "All of {area}",
    "siaga.area_not_found": "No village or district is called “{text}”. Try typing it again.",
    "siaga.area_candidates": "Which one do you mean?",
    "siaga.ask_who": "<b>{area}</b>\nWhom do you call?",
    "siaga.btn_pemuda": "👥 Karang Taruna",
    "siaga.btn_ronda": "🔦 Watch members",
    "siaga.btn_both": "👥🔦 Both",
    "siaga.nobody": (
        "There is nobody to call there (besides you). Choose another group or area, or type /batal."
    ),
    "siaga.count": "People called: <b>{count}</b> ({who}, {area}).",
    "siaga.who_pemuda": "Karang Taruna",
    "siaga.who_ronda": "watch members",
    "siaga.who_both": "Karang Taruna and watch members",
    "siaga.who_chosen": "chosen people",
    "siaga.ask_reason": (
        "What is the reason? Keep it short, e.g. <i>Threat of theft at the village office</i>."
    ),
    "siaga.reason_short": "The reason is too short. Write at least {least} letters.",
    "siaga.reason_long": "The reason is too long. At most {most} letters, please.",
    "siaga.ask_place": "Where do people gather? Choose a place, or send a location (📎 → Location).",
    "siaga.btn_polsek": "🏢 {polsek}",
    "siaga.btn_location": "📍 Send a location",
    "siaga.ask_location": "Send the location now (📎 → Location).",
    "siaga.location_place": "The shared location",
    "siaga.place_far": "That location is {km} km outside our area. Send the right location.",
    "siaga.ask_time": "When? Press <b>Now</b>, or type a time today (e.g. 21:30).",
    "siaga.btn_now": "⏱ Now",
    "siaga.time_bad": "I could not read the time. Type it like <b>21:30</b>, or press Now.",
    "siaga.time_past": "{time} has passed already. Type a time to come, or press Now.",
    "siaga.ask_level": (
        "How urgent?\n⚠️ <b>Waspada</b>: the message arrives silently.\n🚨 <b>Darurat</b>: "
        "the message rings, for pressing situations."
    ),
    "siaga.btn_waspada": "⚠️ Waspada",
    "siaga.btn_darurat": "🚨 Darurat",
    "siaga.summary": (
        "<b>Check this standby call first</b>\n"
        "Level: {level}\nArea: {area}\nCalled: {who}, <b>{count} people</b>\n"
        "Reason: {reason}\nPlace: {place}\nTime: {when}"
    ),
    "siaga.summary_overlap": (
        "\n\nℹ️ Some of them are still in another standby call that has not ended ({calls}). "
        "You may send it anyway."
    ),
    "siaga.level_waspada": "⚠️ Waspada",
    "siaga.level_darurat": "🚨 Darurat",
    "siaga.btn_send": "📣 Send",
    "siaga.btn_drop": "❌ Cancel",
    "siaga.dropped": "The standby call was cancelled; nothing was sent.",
    "siaga.lost": "This conversation has ended or expired. Start again with /siaga.",
    "siaga.sent": "📣 Standby call #{number} sent to {count} people.",
    "siaga.not_allowed_here": "You cannot call a standby for {area}.",
    "siaga.expect_choice": "Please choose one of the buttons above, or type /batal.",
    "siaga.btn_chosen": "👤 Choose people",
    "siaga.who_hint_desa": "\n<i>To choose people one by one, choose a single village.</i>",
    "siaga.chosen_desa_only": "People are chosen one by one in a single village. Choose it first.",
    "siaga.ask_people": (
        "<b>{area}</b>\nWhom do you call? Three ways, mixed as you like:\n"
        "• Press <b>👥 Pilih dari daftar</b> to choose watch members of this village.\n"
        "• <b>Type</b> their @username or mention them by name, e.g. "
        "<code>@andi @budi</code>.\n"
        "• <b>Forward</b> a message of theirs.\n"
        "Who can be chosen: Karang Taruna members and police officers for this village, and "
        "residents accepted through /ikutronda."
    ),
    "siaga.pick_title": "Choose whom to call",
    "siaga.pick_so_far": (
        "<b>Chosen so far</b>\n{teams}\n\nAdd from the list, forward someone's message, or "
        "type @username/mention them; then press ✅ Done."
    ),
    "siaga.pick_line": "{names}",
    "siaga.pick_empty": "Nobody is chosen yet. Choose at least one person.",
    "siaga.pick_self": "You need not choose yourself: the caller is never called. Choose others.",
    "siaga.pick_too_many": (
        "At most {limit} people can be chosen one by one. For more, call the Karang Taruna or "
        "the watch members as a group."
    ),
    "siaga.pick_not_eligible": (
        "Cannot be called in {desa}: {names}. Only Karang Taruna members or police officers for "
        "that village, and residents accepted through /ikutronda, can be chosen. Nothing was "
        "stored."
    ),
    "siaga.pick_unknown": (
        "Never used the bot: {names}. Ask them to open this bot and type /start first, then "
        "name them again."
    ),
    "siaga.count_chosen": "People called: <b>{count}</b> in {area}: {names}.",
    "siaga.who_chosen_names": "chosen people ({names})",
    "siaga.call_darurat": (
        "🚨 <b>STANDBY CALL — EMERGENCY</b> (#{number})\n"
        "From: {caller}\nArea: {area}\nReason: {reason}\nPlace: {place}\nTime: {when}\n\n"
        "If lives are in danger, call the police at <b>110</b>."
    ),
    "siaga.call_waspada": (
        "⚠️ <b>Standby call — Be alert</b> (#{number})\n"
        "From: {caller}\nArea: {area}\nReason: {reason}\nPlace: {place}\nTime: {when}"
    ),
    "siaga.call_ask": "Can you come? Answer with the buttons below.",
    "siaga.reminder_head": "🔔 <b>Reminder</b>: you have not answered this call yet.",
    "siaga.now_at": "now ({time})",
    "siaga.btn_siap": "✅ Ready",
    "siaga.btn_lokasi": "📍 On site",
    "siaga.btn_tidak": "❌ Cannot come",
    "siaga.mine": "Your answer: {answer} (you may change it while the call runs)",
    "siaga.mine_siap": "✅ Ready",
    "siaga.mine_lokasi": "📍 On site",
    "siaga.mine_tidak": "❌ Cannot come",
    "siaga.mine_confirmed": "(location confirmed)",
    "siaga.noted": "Thank you, noted: {answer}.",
    "siaga.thanks_same": "Your answer is already noted.",
    "siaga.ask_note": "❌ Noted: cannot come. May we know why? Choose, type, or Skip.",
    "siaga.btn_note_kerja": "At work",
    "siaga.btn_note_sakit": "Sick",
    "siaga.btn_note_jauh": "Out of the village",
    "siaga.btn_skip": "Skip",
    "siaga.note_saved": "Thank you, the reason is noted.",
    "siaga.note_skipped": "Fine, no reason.",
    "siaga.note_not_tidak": "Your answer is no longer “Cannot come”, so no reason is noted.",
    "siaga.ask_here": (
        "📍 Noted: on site. If you like, send your location (button below) to confirm it. You "
        "may also skip it."
    ),
    "siaga.btn_send_location": "📍 Send my location",
    "siaga.here_confirmed": "✔️ Your location is confirmed near {place}. Thank you!",
    "siaga.here_far": (
        "Your location is about {km} km from {place}. Your answer stays “On site” but is not "
        "confirmed. Send it again once you are there."
    ),
    "siaga.here_skipped": "Fine, no location.",
    "siaga.not_called": "This standby call is not for you, so no answer was noted.",
    "siaga.over": "This standby has ended. Thank you, no answer is needed any more.",
    "siaga.gone": "This standby call no longer exists.",
    "siaga.flag_answer": (
        "ℹ️ You no longer belong to the group that was called, but your answer still counts."
    ),
    "siaga.tally_head": "{icon} <b>Siaga #{number}</b> — {area}\nReason: {reason}",
    "siaga.tally_where": "Place: {place} · {when}",
    "siaga.tally_counts": (
        "✅ Ready: <b>{siap}</b> · 📍 On site: <b>{there}</b> ({confirmed} confirmed) · "
        "❌ Cannot: <b>{cannot}</b>\n⏳ Not answered: <b>{waiting}</b> of {total} people"
    ),
    "siaga.tally_siap": "\n<b>✅ Ready:</b> {names}",
    "siaga.tally_there": "<b>📍 On site:</b> {names}",
    "siaga.tally_more": " and {n} more",
    "siaga.tally_flag_note": "⚠️ = no longer in the group called when they answered",
    "siaga.tally_open": "\nUpdated automatically as answers come in.",
    "siaga.tally_closed": "\n✅ <b>Standby ended</b> at {time}.",
    "siaga.tally_closed_auto": "\n⏹ Standby closed automatically at {time}.",
    "siaga.btn_remind": "🔔 Remind non-responders",
    "siaga.btn_close": "✅ Standby over",
    "siaga.btn_close_sure": "✅ Yes, standby over",
    "siaga.btn_list": "📄 List",
    "siaga.close_confirm": (
        "End standby #{number}? Everyone called will hear that it is over, with thanks."
    ),
    "siaga.closed_now": "✅ Standby #{number} ended. The news and thanks go to {count} people.",
    "siaga.already_closed": "This standby has ended.",
    "siaga.reminded": "🔔 Reminder sent to {count} people who have not answered.",
    "siaga.reminded_none": "Everyone has answered; nobody needs a reminder.",
    "siaga.remind_wait": "A reminder went out just now. The next is possible at {time}.",
    "siaga.list_head": "<b>📄 List of standby #{number}</b> (page {page}/{pages})",
    "siaga.list_line": "{icon} {name}{extra}",
    "siaga.list_confirmed": "location confirmed",
    "siaga.not_yours": "Only the caller or an officer of this area can use this button.",
    "siaga.stand_down": (
        "✅ <b>Standby #{number} is over</b> ({area})\n{reason}\n\n"
        "Thank you for being ready and for your help. You may go back to your day."
    ),
    "siaga.closed_auto_people": (
        "⏹ <b>Standby #{number} has been closed</b> ({area})\n{reason}\n\nThank you for being ready."
    ),
    "siaga.closed_auto_caller": (
        "⏹ Standby #{number} closed automatically, {hours} hours after its time. The final "
        "tally is in its tally message."
    ),
    "siaga.stats_line": (
        "\n<b>📣 Siaga</b>: {calls} calls, {answered} of {called} people answered ({rate}%), "
        "median time to “Ready”: {median} minutes"
    ),
}
