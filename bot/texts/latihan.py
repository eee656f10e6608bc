"""Texts of latihan (/latihan): practice reporting sessions, the practice mode of /lapor, the
checklist, feedback, the summary and the history. Telegram HTML."""

ID: dict[str, str] = {
    "cmd.latihan": "Latihan melapor (Karang Taruna)",
    "conversation.latihan": "latihan baru (/latihan)",
    "conversation.latihan_masukan": "masukan untuk laporan latihan",
    "latihan.banner": "🎓 <b>LATIHAN</b> — bukan laporan sungguhan",
    # the trainer's menu
    "latihan.menu": (
        "<b>🎓 Latihan melapor</b>\nAjak Karang Taruna (atau siapa saja lewat tautan) berlatih "
        "membuat laporan dengan /lapor. Laporan latihan hanya sampai ke Anda sebagai pelatih: tidak "
        "masuk ke grup piket dan tidak dihitung sebagai laporan sungguhan."
    ),
    "latihan.menu_open": "\n<b>Latihan yang sedang berjalan</b>",
    "latihan.btn_new": "➕ Latihan baru",
    "latihan.btn_history": "📜 Riwayat latihan",
    "latihan.ask_desa": "Latihan untuk desa mana? Pilih di bawah, atau ketik nama desanya.",
    "latihan.ask_desa_typed": "Latihan untuk desa mana? Ketik nama desanya.",
    "latihan.desa_not_found": "Tidak ada desa bernama “{text}”. Coba ketik lagi.",
    "latihan.desa_candidates": "Yang mana maksud Anda?",
    "latihan.ask_who": (
        "<b>{desa}</b>\nSiapa yang diajak berlatih? Anggota Karang Taruna desa ini di bot: "
        "{count} orang."
    ),
    "latihan.btn_pemuda": "👥 Karang Taruna",
    "latihan.btn_link": "🔗 Siapa saja lewat tautan",
    "latihan.nobody_pemuda": (
        "Belum ada anggota Karang Taruna desa ini di bot. Pilih “lewat tautan”, lalu bagikan "
        "tautannya."
    ),
    "latihan.ask_scenario": (
        "Tulis skenarionya (boleh dikosongkan), misalnya <i>Anda melihat orang mencurigakan di "
        "dekat sekolah jam 23.00</i>."
    ),
    "latihan.btn_no_scenario": "Tanpa skenario",
    "latihan.scenario_short": "Skenarionya terlalu pendek. Tulis paling sedikit {least} huruf.",
    "latihan.scenario_long": "Skenarionya terlalu panjang. Paling banyak {most} huruf.",
    "latihan.ask_asks": "Apakah peserta harus mengirim foto atau lokasi?",
    "latihan.btn_ask_photo": "📷 Foto",
    "latihan.btn_ask_loc": "📍 Lokasi",
    "latihan.btn_ask_both": "📷 Foto dan 📍 lokasi",
    "latihan.btn_ask_none": "Tidak perlu",
    "latihan.plan": (
        "<b>Periksa dulu latihan ini</b>\nDesa: {desa}\nPeserta: {who}\nSkenario: {scenario}\n"
        "Harus dikirim: {asks}"
    ),
    "latihan.plan_no_scenario": "tanpa skenario",
    "latihan.plan_no_asks": "tidak ada",
    "latihan.btn_start": "✅ Mulai latihan",
    "latihan.btn_drop": "❌ Batal",
    "latihan.dropped": "Latihan tidak jadi dibuat.",
    "latihan.created": (
        "✅ Latihan #{number} dimulai.\nTautan untuk peserta (bisa dipakai selama latihan "
        "berjalan):\n{link}\n{invited}\nLaporan latihan akan dikirim ke sini. Agar grup latihan "
        "juga menerimanya, tambahkan bot ke grup itu lalu ketik /latihan di sana."
    ),
    "latihan.created_invited": "Undangan dikirim ke {count} anggota Karang Taruna.",
    "latihan.lost": "Pembuatan latihan ini terputus. Ketik /latihan untuk mulai lagi.",
    "latihan.expect_choice": "Silakan pilih salah satu tombol di atas, atau ketik /batal.",
    "latihan.who_pemuda": "Karang Taruna",
    "latihan.who_link": "siapa saja lewat tautan",
    "latihan.ask_photo": "foto",
    "latihan.ask_loc": "lokasi",
    "latihan.and": " dan ",
    # trainees
    "latihan.invitation": (
        "🎓 <b>Ajakan latihan melapor</b>\n{trainer} mengajak Karang Taruna {desa} berlatih "
        "membuat laporan. Laporan latihan tidak dikirim ke polisi.\nTekan tombol di bawah untuk "
        "mulai."
    ),
    "latihan.btn_join": "🎓 Mulai latihan",
    "latihan.scenario": "📋 Skenario: <i>{scenario}</i>",
    "latihan.scenario_asks": "Jangan lupa kirim {asks}.",
    "latihan.joined": (
        "Selamat berlatih! Buat laporan seperti sungguhan. Laporan ini hanya sampai ke "
        "pelatih, tidak ke polisi. Pelatih melihat nama Anda, juga bila Anda memilih anonim. "
        "Ketik /batal kalau ingin berhenti."
    ),
    "latihan.link_unknown": (
        "Tautan latihan ini salah atau sudah tidak berlaku. Mintalah tautan yang baru kepada "
        "pelatih Anda."
    ),
    "latihan.closed": (
        "Latihan ini sudah selesai, jadi tidak bisa diikuti lagi. Kalau ingin berlatih, "
        "mintalah tautan latihan yang baru kepada pelatih Anda."
    ),
    "latihan.not_invited": (
        "Undangan ini untuk orang lain. Kalau ingin ikut, mintalah tautan latihan kepada "
        "pelatihnya."
    ),
    "latihan.sent": (
        "✅ Laporan latihan <b>{number}</b> sudah sampai ke pelatih (tidak ke polisi)."
        "\n\n<b>Hasil latihan Anda</b>"
    ),
    "latihan.check_category": "Jenis kejadian dipilih",
    "latihan.check_category_no": "Jenis kejadian belum dipilih",
    "latihan.check_place": "Tempat kejadian disebut",
    "latihan.check_place_no": (
        "Tempat kejadian belum disebut (tulis tempatnya atau kirim lokasi, bukan hanya desa)"
    ),
    "latihan.check_time": "Waktu kejadian disebut",
    "latihan.check_time_no": (
        "Waktu kejadian belum disebut (tulis kapan terjadinya, misalnya “tadi jam 23.00”)"
    ),
    "latihan.check_story": "Cerita kejadian cukup jelas",
    "latihan.check_story_no": "Ceritanya terlalu singkat (tulis apa, siapa, bagaimana)",
    "latihan.check_photo": "Foto dikirim",
    "latihan.check_photo_no": "Foto belum dikirim (skenario meminta foto)",
    "latihan.check_location": "Lokasi dibagikan",
    "latihan.check_location_no": "Lokasi belum dibagikan (skenario meminta lokasi)",
    "latihan.short_category": "jenis",
    "latihan.short_place": "tempat",
    "latihan.short_time": "waktu",
    "latihan.short_story": "cerita",
    "latihan.short_photo": "foto",
    "latihan.short_location": "lokasi",
    # the trainer's copy of a practice report
    "latihan.card": (
        "<b>Laporan latihan {number}</b> (latihan #{session})\nPeserta: {trainee}\nJenis: "
        "{category}\nDesa: {desa}\nTempat: {place}\nCerita: {story}\nFoto: {photos}\n"
        "<b>Nilai: {passed} dari {total} poin</b>"
    ),
    "latihan.card_location": "📍 lokasi dibagikan ({lat}, {lon})",
    "latihan.card_no_place": "— (hanya desa)",
    "latihan.card_anonymous": " · 🙈 memilih anonim",
    "latihan.btn_feedback": "✍️ Beri masukan",
    "latihan.ask_feedback": "Tulis masukan untuk laporan latihan <b>{number}</b>.",
    "latihan.feedback_short": "Masukannya terlalu pendek. Tulis lagi.",
    "latihan.feedback_long": "Masukannya terlalu panjang. Paling banyak {most} huruf.",
    "latihan.feedback_sent": "✅ Masukan untuk {number} dikirim ke peserta.",
    "latihan.feedback_to_trainee": "💬 Masukan dari {trainer} untuk laporan latihan {number}:",
    "latihan.quote": "<i>{text}</i>",
    "latihan.not_yours": "Maaf, latihan ini bukan milik Anda. Hanya pelatihnya yang bisa membukanya.",
    # a session's view
    "latihan.session_title": "{icon} <b>Latihan #{number}</b> · {desa}",
    "latihan.view_audience": "Peserta: {who} (diundang: {invited})",
    "latihan.view_code": "Tautan untuk peserta: {link}",
    "latihan.view_counts": "Ikut: {joined} · Selesai melapor: {finished}",
    "latihan.name": "{name}",
    "latihan.view_reports": "<b>Laporan latihan</b>",
    "latihan.view_report_line": (
        "{number} · {name} · {passed}/{total} · kurang: {missing} {feedback}"
    ),
    "latihan.btn_refresh": "🔄 Perbarui",
    "latihan.btn_end": "⛔ Akhiri latihan",
    "latihan.end_sure": (
        "Akhiri latihan #{number}? Tautannya tidak bisa dipakai lagi, laporan latihan yang "
        "belum dikirim tidak diterima, dan peserta yang ikut diberi tahu hasilnya."
    ),
    "latihan.btn_end_yes": "⛔ Ya, akhiri",
    # the end
    "latihan.summary_title": "<b>🏁 Latihan #{number} selesai</b> · {desa}",
    "latihan.summary_person": "• {name}: {reports} laporan, {passed} dari {total} poin terpenuhi",
    "latihan.summary_session": (
        "\n<b>Seluruh latihan</b>: {joined} ikut, {finished} melapor, {reports} laporan, "
        "{passed} dari {total} poin terpenuhi"
    ),
    "latihan.summary_missed": "❌ Paling sering kurang: {item} ({n}×)",
    "latihan.history_title": "<b>📜 Riwayat latihan Anda</b>",
    "latihan.history_line": (
        "{title} · {date}\n   {joined} ikut, {reports} laporan, {passed}/{total} poin"
    ),
    "latihan.history_empty": "Anda belum pernah membuat latihan.",
    # a training group
    "latihan.group_set": (
        "✅ Laporan dari latihan #{number} akan dikirim juga ke grup ini (tanpa tombol masukan)."
    ),
    "latihan.group_none": (
        "Anda belum punya latihan yang berjalan. Mulai latihan dengan /latihan di chat pribadi "
        "dengan bot, lalu ketik /latihan di grup ini lagi."
    ),
    # the end, as each trainee reads it; "Kirim" again; the end in the middle of a report
    "latihan.ended": "🏁 Latihan #{number} di {desa} sudah selesai. Terima kasih sudah ikut berlatih!",
    "latihan.ended_one": "Hasil Anda: laporan latihan {number}, {passed} dari {total} poin terpenuhi.",
    "latihan.ended_many": "Hasil Anda: {reports} laporan latihan, {passed} dari {total} poin terpenuhi.",
    "latihan.ended_none": "Anda belum mengirim laporan latihan kali ini. Tidak apa-apa, lain kali bisa dicoba lagi.",
    "latihan.ended_midway": (
        "Latihan ini sudah diakhiri oleh pelatih, jadi laporan latihan Anda tidak dikirim. "
        "Terima kasih sudah ikut berlatih!"
    ),
    "latihan.sent_again": "Laporan latihan {number} sudah terkirim ke pelatih.",
    "latihan.summary_told": "📨 Peserta yang ikut sudah diberi tahu bahwa latihan selesai.",
}

EN: dict[str, str] = {
    "cmd.latihan": "Reporting practice (Karang Taruna)",
    "conversation.latihan": "a new practice (/latihan)",
    "conversation.latihan_masukan": "feedback on a practice report",
    "latihan.banner": "🎓 <b>PRACTICE</b> — not a real report",
    "latihan.menu": (
        "<b>🎓 Reporting practice</b>\nInvite the Karang Taruna (or anyone, by link) to practise "
        "making a report with /lapor. Practice reports reach only you as the trainer: never the "
        "duty group, and they never count as real reports."
    ),
    "latihan.menu_open": "\n<b>Practice running now</b>",
    "latihan.btn_new": "➕ New practice",
    "latihan.btn_history": "📜 Past practices",
    "latihan.ask_desa": "Which desa is the practice for? Choose below, or type its name.",
    "latihan.ask_desa_typed": "Which desa is the practice for? Type its name.",
    "latihan.desa_not_found": "No desa is called “{text}”. Try typing it again.",
    "latihan.desa_candidates": "Which one do you mean?",
    "latihan.ask_who": (
        "<b>{desa}</b>\nWho is invited to practise? Karang Taruna members of this desa using "
        "the bot: {count}."
    ),
    "latihan.btn_pemuda": "👥 Karang Taruna",
    "latihan.btn_link": "🔗 Anyone with the link",
    "latihan.nobody_pemuda": (
        "No Karang Taruna member of this desa uses the bot yet. Choose “with the link” and "
        "share it."
    ),
    "latihan.ask_scenario": (
        "Write the scenario (optional), e.g. <i>You see a suspicious person near the school at "
        "23.00</i>."
    ),
    "latihan.btn_no_scenario": "No scenario",
    "latihan.scenario_short": "The scenario is too short. Write at least {least} letters.",
    "latihan.scenario_long": "The scenario is too long. At most {most} letters.",
    "latihan.ask_asks": "Must trainees send a photo or a location?",
    "latihan.btn_ask_photo": "📷 Photo",
    "latihan.btn_ask_loc": "📍 Location",
    "latihan.btn_ask_both": "📷 Photo and 📍 location",
    "latihan.btn_ask_none": "Neither",
    "latihan.plan": (
        "<b>Check this practice session</b>\nDesa: {desa}\nTrainees: {who}\nScenario: "
        "{scenario}\nMust send: {asks}"
    ),
    "latihan.plan_no_scenario": "no scenario",
    "latihan.plan_no_asks": "nothing",
    "latihan.btn_start": "✅ Start the practice",
    "latihan.btn_drop": "❌ Cancel",
    "latihan.dropped": "No practice was started.",
    "latihan.created": (
        "✅ Practice #{number} has started.\nThe link for trainees (works while the practice "
        "runs):\n{link}\n{invited}\nPractice reports will come here. For a training group to get "
        "them too, add the bot to that group and type /latihan there."
    ),
    "latihan.created_invited": "Invitations were sent to {count} Karang Taruna members.",
    "latihan.lost": "Setting up this practice was cut off. Type /latihan to start again.",
    "latihan.expect_choice": "Please choose one of the buttons above, or type /batal.",
    "latihan.who_pemuda": "Karang Taruna",
    "latihan.who_link": "anyone with the link",
    "latihan.ask_photo": "a photo",
    "latihan.ask_loc": "a location",
    "latihan.and": " and ",
    "latihan.invitation": (
        "🎓 <b>Reporting practice</b>\n{trainer} invites the Karang Taruna of {desa} to practise "
        "making a report. Practice reports do not go to the police.\nPress the button below to "
        "start."
    ),
    "latihan.btn_join": "🎓 Start practising",
    "latihan.scenario": "📋 Scenario: <i>{scenario}</i>",
    "latihan.scenario_asks": "Remember to send {asks}.",
    "latihan.joined": (
        "Enjoy the practice! Make the report as if it were real. It only reaches the trainer, "
        "never the police. The trainer sees your name, even if you choose anonymous. Type "
        "/batal to stop."
    ),
    "latihan.link_unknown": (
        "This practice link is wrong or no longer works. Ask your trainer for a new one."
    ),
    "latihan.closed": (
        "This practice has ended, so it cannot be joined any more. To practise, ask your "
        "trainer for a new practice link."
    ),
    "latihan.not_invited": (
        "This invitation is for someone else. To join, ask the trainer for the practice link."
    ),
    "latihan.sent": (
        "✅ Practice report <b>{number}</b> has reached the trainer (not the police)."
        "\n\n<b>Your result</b>"
    ),
    "latihan.check_category": "Kind of incident chosen",
    "latihan.check_category_no": "No kind of incident chosen",
    "latihan.check_place": "Place of the incident given",
    "latihan.check_place_no": (
        "Place of the incident missing (type the place or share a location, not only the desa)"
    ),
    "latihan.check_time": "Time of the incident given",
    "latihan.check_time_no": "Time of the incident missing (say when, e.g. “at 23.00 tonight”)",
    "latihan.check_story": "The story is clear enough",
    "latihan.check_story_no": "The story is too short (say what, who, how)",
    "latihan.check_photo": "Photo sent",
    "latihan.check_photo_no": "No photo (the scenario asks for one)",
    "latihan.check_location": "Location shared",
    "latihan.check_location_no": "No location shared (the scenario asks for one)",
    "latihan.short_category": "kind",
    "latihan.short_place": "place",
    "latihan.short_time": "time",
    "latihan.short_story": "story",
    "latihan.short_photo": "photo",
    "latihan.short_location": "location",
    "latihan.card": (
        "<b>Practice report {number}</b> (practice #{session})\nTrainee: {trainee}\nKind: "
        "{category}\nDesa: {desa}\nPlace: {place}\nStory: {story}\nPhotos: {photos}\n"
        "<b>Score: {passed} of {total} points</b>"
    ),
    "latihan.card_location": "📍 location shared ({lat}, {lon})",
    "latihan.card_no_place": "— (desa only)",
    "latihan.card_anonymous": " · 🙈 chose anonymous",
    "latihan.btn_feedback": "✍️ Give feedback",
    "latihan.ask_feedback": "Write your feedback on practice report <b>{number}</b>.",
    "latihan.feedback_short": "The feedback is too short. Write it again.",
    "latihan.feedback_long": "The feedback is too long. At most {most} letters.",
    "latihan.feedback_sent": "✅ Feedback on {number} sent to the trainee.",
    "latihan.feedback_to_trainee": "💬 Feedback from {trainer} on practice report {number}:",
    "latihan.quote": "<i>{text}</i>",
    "latihan.not_yours": "Sorry, this practice is not yours. Only its trainer can open it.",
    "latihan.session_title": "{icon} <b>Practice #{number}</b> · {desa}",
    "latihan.view_audience": "Trainees: {who} (invited: {invited})",
    "latihan.view_code": "Link for trainees: {link}",
    "latihan.view_counts": "Joined: {joined} · Reported: {finished}",
    "latihan.name": "{name}",
    "latihan.view_reports": "<b>Practice reports</b>",
    "latihan.view_report_line": "{number} · {name} · {passed}/{total} · missing: {missing} {feedback}",
    "latihan.btn_refresh": "🔄 Refresh",
    "latihan.btn_end": "⛔ End the practice",
    "latihan.end_sure": (
        "End practice #{number}? Its link stops working, practice reports not yet sent are not "
        "accepted, and those who joined are told their result."
    ),
    "latihan.btn_end_yes": "⛔ Yes, end it",
    "latihan.summary_title": "<b>🏁 Practice #{number} has ended</b> · {desa}",
    "latihan.summary_person": "• {name}: {reports} reports, {passed} of {total} points met",
    "latihan.summary_session": (
        "\n<b>The whole practice</b>: {joined} joined, {finished} reported, {reports} reports, "
        "{passed} of {total} points met"
    ),
    "latihan.summary_missed": "❌ Most often missing: {item} ({n}×)",
    "latihan.history_title": "<b>📜 Your past practices</b>",
    "latihan.history_line": "{title} · {date}\n   {joined} joined, {reports} reports, {passed}/{total} points",
    "latihan.history_empty": "You have not run a practice yet.",
    "latihan.group_set": (
        "✅ Reports of practice #{number} will come to this group too (no feedback button)."
    ),
    "latihan.group_none": (
        "You have no practice running. Start one with /latihan in a private chat with the bot, "
        "then type /latihan in this group again."
    ),
    "latihan.ended": "🏁 Practice #{number} in {desa} has ended. Thank you for taking part!",
    "latihan.ended_one": "Your result: practice report {number}, {passed} of {total} points met.",
    "latihan.ended_many": "Your result: {reports} practice reports, {passed} of {total} points met.",
    "latihan.ended_none": "You did not send a practice report this time. That is fine: try again next time.",
    "latihan.ended_midway": (
        "The trainer has ended this practice, so your practice report was not sent. Thank you "
        "for taking part!"
    ),
    "latihan.sent_again": "Practice report {number} has already reached the trainer.",
    "latihan.summary_told": "📨 Those who joined have been told the practice has ended.",
}
