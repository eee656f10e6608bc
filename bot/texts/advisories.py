"""Texts of advisories (imbauan): composing, approval, corrections, acknowledgements. Telegram HTML."""

ID: dict[str, str] = {
    "cmd.imbauan": "Buat imbauan resmi untuk warga",
    "cmd.imbauanku": "Imbauan Anda: status, dibaca, perbarui atau cabut",
    "cmd.riwayat": "Imbauan terbaru untuk desa Anda",
    "cmd.senyap": "Bisukan pesan Info dari suatu lembaga",
    # The badge every delivered advisory carries (in the deployment's language).
    "adv.badge": "📢 <b>Imbauan · {source}</b>",
    "adv.badge_update": "🔄 <b>Pembaruan imbauan · {source}</b>",
    "adv.level_info": "ℹ️ Info",
    "adv.level_waspada": "⚠️ <b>WASPADA</b>",
    "adv.level_darurat": "🚨 <b>DARURAT</b>",
    "adv.exercise": "🧪 <b>LATIHAN — bukan kejadian sebenarnya</b>",
    "adv.chain": "✅ Dari {source}, disetujui oleh {approver}",
    "adv.chain_pending": "🛂 Dari {source}, menunggu persetujuan {approver}",
    "adv.meta": "🕒 {time} · 📍 {targets}",
    "adv.expires": "⏳ Berlaku sampai {time}",
    "adv.refers": "↩️ Merujuk imbauan #{id} ({time})",
    "adv.cancelled_head": "❌ <b>DICABUT</b> pada {time} — abaikan imbauan ini.",
    "adv.cancel_notice": (
        "❌ <b>Imbauan dicabut · {source}</b>\n"
        "Imbauan tanggal {time} dicabut dan tidak berlaku lagi.\nAlasan: {reason}"
    ),
    "adv.ack_button": "✅ Sudah dibaca",
    "adv.admin_source": "Admin Kamtibmas",
    "adv.group_patroli": "Pemuda patroli {area}",
    "adv.group_pemuda": "Semua pemuda {area}",
    "adv.level_name_info": "Info (tanpa bunyi)",
    "adv.level_name_waspada": "Waspada",
    "adv.level_name_darurat": "Darurat (dengan bunyi)",
    # Composing.
    "adv.no_speaker": "Maaf, peran Anda belum terhubung ke lembaga mana pun untuk imbauan.",
    "adv.ask_speaker": "Anda menyampaikan imbauan atas nama lembaga mana?",
    "adv.ask_target": (
        "📢 Imbauan atas nama <b>{source}</b>.\n\n"
        "Untuk siapa? Pilih tombol, atau ketik nama desa (beberapa dipisah koma, "
        "mis. <i>Kronto, Pancur</i>) atau kecamatan (<i>Kec. Lumbang</i>)."
    ),
    "adv.targets_so_far": "Sasaran sejauh ini: <b>{targets}</b>\nTambah lagi, atau tekan Lanjut.",
    "adv.target_all": "🏘 Seluruh {area}",
    "adv.target_next": "➡️ Lanjut",
    "adv.target_reset": "🗑 Ulangi",
    "adv.target_unknown": "Wilayah “{text}” tidak ditemukan. Periksa ejaannya, lalu ketik lagi.",
    "adv.target_which": "“{text}” ada di beberapa tempat. Yang mana?",
    "adv.out_of_scope": (
        "Maaf, {what} di luar wilayah peran yang Anda pakai untuk imbauan ini. "
        "Tidak ada yang ditambahkan."
    ),
    "adv.no_target": "Pilih dulu sedikitnya satu sasaran.",
    "adv.too_many_targets": (
        "Mohon maaf, satu imbauan paling banyak untuk {limit} sasaran. Sasaran lebih dari itu "
        "tidak ditambahkan; silakan kirim imbauan berikutnya untuk sasaran lainnya."
    ),
    "adv.ask_level": "Seberapa penting imbauan ini?",
    "adv.ask_text": (
        "Tulis teks imbauan. Boleh juga kirim satu foto dengan keterangannya. "
        "Ketik /batal untuk membatalkan."
    ),
    "adv.photo_needs_text": "Foto diterima. Sekarang ketik teks imbauannya.",
    "adv.empty": "Teks imbauan tidak boleh kosong. Silakan tulis isinya.",
    "adv.too_long": (
        "Maaf, imbauan ini terlalu panjang: {length} karakter bersama label sumbernya, "
        "batasnya {limit}. Persingkat sekitar {over} karakter, lalu kirim lagi."
    ),
    "adv.too_long_caption": (
        "Maaf, keterangan foto terlalu panjang: {length} karakter bersama label sumbernya, "
        "batas keterangan foto {limit}. Persingkat sekitar {over} karakter, atau kirim "
        "tanpa foto."
    ),
    "adv.ask_expiry": (
        "Sampai kapan imbauan ini berlaku? Ketik tanggal dan jam {zone} (mis. "
        "<i>2026-12-02 19:30</i> atau <i>besok 07:00</i>), atau tekan tombol."
    ),
    "adv.expiry_none": "Tanpa batas waktu",
    "adv.expiry_past": "Maaf, waktu {time} sudah lewat. Ketik waktu yang akan datang.",
    "adv.expiry_before_send": "Maaf, masa berlaku berakhir sebelum jadwal kirim. Periksa waktunya.",
    "adv.time_unknown": (
        "Maaf, waktu itu tidak terbaca. Contoh: <i>2026-12-02 19:30</i>, "
        "<i>02-12-2026 19:30</i>, <i>besok 07:00</i> atau <i>21:00</i> (hari ini), {zone}."
    ),
    "adv.preview_head": "👀 <b>Pratinjau</b> — persis seperti yang akan diterima warga:",
    "adv.preview_count": (
        "📬 Akan diterima oleh <b>{count}</b> penerima ({people} orang, {groups} grup)."
    ),
    "adv.preview_approval": "🛂 Perlu persetujuan {polsek} sebelum dikirim.",
    "adv.nobody": "Belum ada yang akan menerima imbauan ini (0 penerima). Pilih sasaran lain.",
    "adv.send_now": "✅ Kirim sekarang",
    "adv.submit_to": "Ajukan ke {polsek}",
    "adv.submit_to_polsek": "Ajukan ke Polsek",
    "adv.schedule": "🕒 Jadwalkan",
    "adv.drill_on": "🧪 Tandai latihan",
    "adv.drill_off": "🧪 Bukan latihan",
    "adv.discard": "❌ Batal",
    "adv.discarded": "Imbauan dibatalkan. Tidak ada yang dikirim.",
    "adv.ask_schedule": (
        "Kapan dikirim? Ketik tanggal dan jam {zone}, mis. <i>2026-12-02 19:30</i> atau "
        "<i>besok 07:00</i>."
    ),
    "adv.schedule_past": (
        "Maaf, {time} sudah lewat, jadi tidak bisa dijadwalkan. Ketik waktu yang akan datang."
    ),
    "adv.role_gone": "Maaf, Anda tidak lagi memegang peran itu. Imbauan tidak dikirim.",
    "adv.lost": (
        "Imbauan yang sedang disusun tidak ditemukan lagi. Ketik /imbauan untuk mulai lagi."
    ),
    "adv.no_polsek": (
        "Maaf, imbauan ini perlu persetujuan Polsek, tetapi belum ada Polsek yang mencakup "
        "sasarannya. Hubungi admin."
    ),
    "adv.no_duty_chat": (
        "Maaf, imbauan ini perlu persetujuan {polsek}, tetapi Polsek itu belum punya grup "
        "piket (/piket). Tidak ada yang dikirim; hubungi petugas Polsek."
    ),
    "adv.submitted_sent": "📨 Imbauan #{id} sedang dikirim ke {count} penerima.",
    # The author's one progress message, edited as the advisory goes out.
    "adv.progress": "📨 Imbauan #{id} sedang dikirim… {sent}/{total}",
    "adv.progress_done": "✅ Imbauan #{id} sudah sampai ke {sent} dari {total} penerima.",
    "adv.progress_partly": (
        "⚠️ Imbauan #{id} sudah sampai ke {sent} dari {total} penerima; {missing}."
    ),
    "adv.progress_unreachable": "{count} tidak bisa dihubungi",
    "adv.progress_withdrawn": "{count} tidak dikirim karena dicabut",
    "adv.progress_details": "Rincian: /pengiriman {delivery}",
    "adv.progress_approved": "🛂 Disetujui oleh {by}.",
    "adv.submitted_scheduled": "🕒 Imbauan #{id} dijadwalkan {time} untuk {count} penerima.",
    "adv.submitted_pending": (
        "🛂 Imbauan #{id} dikirim ke {polsek} untuk disetujui. Anda akan diberi tahu hasilnya."
    ),
    "adv.when_now": "segera setelah disetujui",
    # Approval in the duty chat.
    "adv.approval_request": (
        "🛂 <b>Permintaan persetujuan imbauan #{id}</b>\n"
        "Dari: {author} ({source})\nSasaran: {targets}\nPenerima: {count}\n"
        "Waktu kirim: {when}\n\nIsi imbauan ada di pesan sebelum ini."
    ),
    "adv.approval_request_update": (
        "🛂 <b>Permintaan persetujuan pembaruan #{id}</b> untuk imbauan #{parent}\n"
        "Dari: {author} ({source})\nSasaran: {targets}\nPenerima: {count}\n"
        "Waktu kirim: {when}\n\nIsi pembaruan ada di pesan sebelum ini."
    ),
    "adv.approve_button": "✅ Setujui",
    "adv.reject_button": "❌ Tolak",
    "adv.approved_toast": "Disetujui. ✅",
    "adv.rejected_toast": "Ditolak. Pengirim sudah diberi tahu.",
    "adv.already_decided": "Imbauan #{id} sudah diputuskan oleh {by}: {outcome}.",
    "adv.already_withdrawn": "Imbauan #{id} sudah dicabut oleh pengirimnya.",
    "adv.outcome_approved": "disetujui",
    "adv.outcome_rejected": "ditolak",
    "adv.ask_reason": (
        "{name}, apa alasan menolak imbauan #{id}? Pilih alasan, atau balas pesan "
        "berikut dengan alasan Anda."
    ),
    "adv.ask_reason_reply": "✍️ Balas pesan ini dengan alasan penolakan.",
    "adv.reason_hoaks": "Hoaks / tidak akurat",
    "adv.reason_wewenang": "Di luar wewenang lembaga",
    "adv.reason_perbaiki": "Perlu diperbaiki dulu",
    "adv.approved_duty": "✅ Imbauan #{id} ({source}) disetujui oleh {by}.",
    "adv.approved_author": "✅ Imbauan #{id} disetujui oleh {by} dan sedang dikirim.",
    "adv.approved_author_scheduled": ("✅ Imbauan #{id} disetujui oleh {by}; akan dikirim {when}."),
    "adv.rejected_duty": "❌ Imbauan #{id} ({source}) ditolak oleh {by}. Alasan: {reason}",
    "adv.rejected_author": (
        "❌ Imbauan #{id} ditolak oleh {by}. Alasan: {reason}\n"
        "Tidak ada yang dikirim. Anda bisa memperbaikinya dan mengirim ulang dengan /imbauan."
    ),
    "adv.approval_parent_cancelled_duty": (
        "Pembaruan #{id} tidak dikirim: imbauan aslinya sudah dicabut."
    ),
    "adv.approval_parent_cancelled_author": (
        "Pembaruan #{id} tidak dikirim: imbauan aslinya sudah dicabut."
    ),
    "adv.approval_withdrawn_duty": "↩️ Imbauan #{id} ditarik kembali oleh pengirimnya.",
    "adv.expired_author": (
        "⏳ Imbauan terjadwal #{id} tidak dikirim: masa berlakunya habis sebelum waktunya."
    ),
    # The author's list, updates and cancellations.
    "adv.mine_none": "Anda belum pernah membuat imbauan. Mulai dengan /imbauan.",
    "adv.mine_head": "<b>Imbauan terbaru</b>",
    "adv.mine_line": (
        "{icon} <b>#{id}</b> · {status} · {count} penerima\n📍 {targets}\n<i>{excerpt}</i>"
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
        "Tulis pembaruan untuk imbauan #{id}. Pembaruan dikirim sebagai balasan ke "
        "semua penerima imbauan aslinya. /batal untuk batal."
    ),
    "adv.update_queued": "🔄 Pembaruan imbauan #{id} sedang dikirim ke {count} penerima.",
    "adv.update_pending": "🛂 Pembaruan imbauan #{id} menunggu persetujuan {polsek}.",
    "adv.update_cancelled": (
        "Maaf, imbauan #{id} sudah dicabut, jadi tidak bisa diperbarui. Buat imbauan baru "
        "dengan /imbauan."
    ),
    "adv.update_not_sent": (
        "Maaf, imbauan #{id} belum terkirim, jadi belum bisa diperbarui. Cabut lalu buat "
        "ulang bila isinya perlu diubah."
    ),
    "adv.ask_cancel_reason": (
        "Mengapa imbauan #{id} dicabut? Alasan Anda dikirim ke semua "
        "penerimanya (mis. <i>informasi keliru / hoaks</i>). /batal untuk batal."
    ),
    "adv.cancelled_sent": (
        "❌ Imbauan #{id} dicabut. Semua salinannya ditandai dan pemberitahuan sedang dikirim."
    ),
    "adv.cancelled_unsent": "❌ Imbauan #{id} dibatalkan sebelum terkirim.",
    "adv.already_cancelled": "Imbauan #{id} sudah dicabut sebelumnya.",
    "adv.cancel_inactive": "Imbauan #{id} tidak dikirim (ditolak atau kedaluwarsa).",
    "adv.too_old": (
        "Maaf, imbauan #{id} sudah lama terkirim dan daftar penerimanya sudah tidak disimpan, "
        "jadi tidak bisa diperbarui atau dicabut lagi. Silakan buat imbauan baru."
    ),
    "adv.not_yours": "Maaf, imbauan #{id} bukan buatan Anda.",
    "adv.unknown": "Imbauan itu tidak ditemukan.",
    # Residents.
    "adv.ack_thanks": "Terima kasih, sudah dicatat. ✅",
    "adv.ack_again": "Sudah tercatat sebelumnya. Terima kasih.",
    "adv.ack_preview": "Ini pratinjau: warga akan menekan tombol ini.",
    "adv.history_none": (
        "Belum ada imbauan untuk desa yang Anda ikuti. Atur desa Anda dengan /desa."
    ),
    "adv.history_head": "<b>Imbauan terbaru untuk desa Anda</b> ({zone})",
    "adv.history_line": "{icon} {time} · <b>{source}</b> {flags}\n{excerpt}",
    "adv.flag_exercise": "🧪 latihan",
    "adv.flag_cancelled": "❌ dicabut",
    "adv.flag_expired": "⏳ sudah tidak berlaku",
    "adv.mute_none": "Belum ada lembaga yang mengirim imbauan ke desa Anda.",
    "adv.mute_head": (
        "Tekan nama lembaga untuk membisukan atau menyalakan lagi pesan <b>Info</b>-nya. "
        "Pesan Waspada dan Darurat selalu sampai."
    ),
    "adv.muted_button": "🔕 {name} (senyap)",
    "adv.unmuted_button": "🔔 {name}",
    "adv.muted_toast": "Pesan Info lembaga ini dibisukan.",
    "adv.unmuted_toast": "Pesan Info lembaga ini akan sampai lagi.",
}

EN: dict[str, str] = {
    "cmd.imbauan": "Issue an official advisory to residents",
    "cmd.imbauanku": "My advisories: status, reads, update or withdraw",
    "cmd.riwayat": "Recent advisories for your village",
    "cmd.senyap": "Mute an organisation's Info messages",
    "adv.badge": "📢 <b>Advisory · {source}</b>",
    "adv.badge_update": "🔄 <b>Advisory update · {source}</b>",
    "adv.level_info": "ℹ️ Info",
    "adv.level_waspada": "⚠️ <b>BE ALERT</b>",
    "adv.level_darurat": "🚨 <b>EMERGENCY</b>",
    "adv.exercise": "🧪 <b>EXERCISE — not a real event</b>",
    "adv.chain": "✅ From {source}, approved by {approver}",
    "adv.chain_pending": "🛂 From {source}, awaiting approval by {approver}",
    "adv.meta": "🕒 {time} · 📍 {targets}",
    "adv.expires": "⏳ Valid until {time}",
    "adv.refers": "↩️ Refers to advisory #{id} ({time})",
    "adv.cancelled_head": "❌ <b>WITHDRAWN</b> at {time} — disregard this advisory.",
    "adv.cancel_notice": (
        "❌ <b>Advisory withdrawn · {source}</b>\n"
        "The advisory of {time} is withdrawn and no longer applies.\nReason: {reason}"
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
    "adv.target_unknown": "No area “{text}” found. Check the spelling and type it again.",
    "adv.target_which": "“{text}” exists in several places. Which one?",
    "adv.out_of_scope": (
        "Sorry, {what} is outside the area of the role you use for this advisory. "
        "Nothing was added."
    ),
    "adv.no_target": "Choose at least one target first.",
    "adv.too_many_targets": (
        "Sorry, one advisory can have at most {limit} targets. Targets beyond that are not "
        "added; please send another advisory for the others."
    ),
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
        "Until when does it apply? Type a date and time in {zone} (e.g. "
        "<i>2026-12-02 19:30</i> or <i>besok 07:00</i>), or press the button."
    ),
    "adv.expiry_none": "No expiry",
    "adv.expiry_past": "Sorry, {time} has passed. Type a time in the future.",
    "adv.expiry_before_send": "Sorry, it would expire before it is sent. Check the times.",
    "adv.time_unknown": (
        "Sorry, that time could not be read. Examples: <i>2026-12-02 19:30</i>, "
        "<i>02-12-2026 19:30</i>, <i>besok 07:00</i> or <i>21:00</i> (today), {zone}."
    ),
    "adv.preview_head": "👀 <b>Preview</b> — exactly as residents will receive it:",
    "adv.preview_count": "📬 It will reach <b>{count}</b> chats ({people} people, {groups} groups).",
    "adv.preview_approval": "🛂 Needs the approval of {polsek} before it is sent.",
    "adv.nobody": "Nobody would receive this advisory yet (0 recipients). Choose other targets.",
    "adv.send_now": "✅ Send now",
    "adv.submit_to": "Submit to {polsek}",
    "adv.submit_to_polsek": "Submit to the Polsek",
    "adv.schedule": "🕒 Schedule",
    "adv.drill_on": "🧪 Mark as exercise",
    "adv.drill_off": "🧪 Not an exercise",
    "adv.discard": "❌ Cancel",
    "adv.discarded": "Advisory discarded. Nothing was sent.",
    "adv.ask_schedule": (
        "When should it go out? Type a date and time in {zone}, e.g. <i>2026-12-02 19:30</i> "
        "or <i>besok 07:00</i>."
    ),
    "adv.schedule_past": "Sorry, {time} has passed, so it cannot be scheduled. Type a future time.",
    "adv.role_gone": "Sorry, you no longer hold that role. The advisory was not sent.",
    "adv.lost": "The advisory being written is gone. Type /imbauan to start again.",
    "adv.no_polsek": (
        "Sorry, this advisory needs a Polsek's approval, but no Polsek covers its targets "
        "yet. Contact an admin."
    ),
    "adv.no_duty_chat": (
        "Sorry, this advisory needs the approval of {polsek}, which has no duty chat yet "
        "(/piket). Nothing was sent; contact the Polsek's officers."
    ),
    "adv.submitted_sent": "📨 Advisory #{id} is being sent to {count} recipients.",
    "adv.progress": "📨 Advisory #{id} is being sent… {sent}/{total}",
    "adv.progress_done": "✅ Advisory #{id} has reached {sent} of {total} recipients.",
    "adv.progress_partly": "⚠️ Advisory #{id} has reached {sent} of {total} recipients; {missing}.",
    "adv.progress_unreachable": "{count} could not be reached",
    "adv.progress_withdrawn": "{count} not sent because it was withdrawn",
    "adv.progress_details": "Details: /pengiriman {delivery}",
    "adv.progress_approved": "🛂 Approved by {by}.",
    "adv.submitted_scheduled": "🕒 Advisory #{id} is scheduled for {time}, to {count} recipients.",
    "adv.submitted_pending": (
        "🛂 Advisory #{id} went to {polsek} for approval. You will be told the outcome."
    ),
    "adv.when_now": "as soon as approved",
    "adv.approval_request": (
        "🛂 <b>Approval requested for advisory #{id}</b>\n"
        "From: {author} ({source})\nTargets: {targets}\nRecipients: {count}\n"
        "Sending: {when}\n\nThe advisory itself is in the message above."
    ),
    "adv.approval_request_update": (
        "🛂 <b>Approval requested for update #{id}</b> of advisory #{parent}\n"
        "From: {author} ({source})\nTargets: {targets}\nRecipients: {count}\n"
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
        "✅ Advisory #{id} was approved by {by}; it will be sent {when}."
    ),
    "adv.rejected_duty": "❌ Advisory #{id} ({source}) rejected by {by}. Reason: {reason}",
    "adv.rejected_author": (
        "❌ Advisory #{id} was rejected by {by}. Reason: {reason}\n"
        "Nothing was sent. You may correct it and send it again with /imbauan."
    ),
    "adv.approval_parent_cancelled_duty": "Update #{id} not sent: its advisory was withdrawn.",
    "adv.approval_parent_cancelled_author": "Update #{id} not sent: its advisory was withdrawn.",
    "adv.approval_withdrawn_duty": "↩️ Advisory #{id} was withdrawn by its author.",
    "adv.expired_author": ("⏳ Scheduled advisory #{id} was not sent: it expired before its time."),
    "adv.mine_none": "You have not issued any advisory yet. Start with /imbauan.",
    "adv.mine_head": "<b>Recent advisories</b>",
    "adv.mine_line": "{icon} <b>#{id}</b> · {status} · {count} recipients\n📍 {targets}\n<i>{excerpt}</i>",
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
    "adv.update_queued": "🔄 The update to advisory #{id} is being sent to {count} recipients.",
    "adv.update_pending": "🛂 The update to advisory #{id} awaits the approval of {polsek}.",
    "adv.update_cancelled": (
        "Sorry, advisory #{id} was withdrawn, so it cannot be updated. Issue a new one "
        "with /imbauan."
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
    "adv.too_old": (
        "Sorry, advisory #{id} went out long ago and its list of recipients is no longer "
        "kept, so it can no longer be updated or withdrawn. Please issue a new advisory."
    ),
    "adv.not_yours": "Sorry, advisory #{id} is not yours.",
    "adv.unknown": "That advisory does not exist.",
    "adv.ack_thanks": "Thank you, noted. ✅",
    "adv.ack_again": "Already noted. Thank you.",
    "adv.ack_preview": "This is a preview: residents will press this button.",
    "adv.history_none": "No advisories for the villages you follow yet. Set yours with /desa.",
    "adv.history_head": "<b>Recent advisories for your village</b> ({zone})",
    "adv.history_line": "{icon} {time} · <b>{source}</b> {flags}\n{excerpt}",
    "adv.flag_exercise": "🧪 exercise",
    "adv.flag_cancelled": "❌ withdrawn",
    "adv.flag_expired": "⏳ no longer valid",
    "adv.mute_none": "No organisation has sent advisories to your village yet.",
    "adv.mute_head": (
        "Press an organisation to mute or unmute its <b>Info</b> messages. Be-alert and "
        "emergency messages always arrive."
    ),
    "adv.muted_button": "🔕 {name} (muted)",
    "adv.unmuted_button": "🔔 {name}",
    "adv.muted_toast": "This organisation's Info messages are muted.",
    "adv.unmuted_toast": "This organisation's Info messages will arrive again.",
}
