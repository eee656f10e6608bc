"""Texts of the desa's watch: naming people (a roster's teams, a shift's members, /siaga's
chosen people: the picker, text mentions, forwards) and volunteers for ronda (/ikutronda)."""

ID: dict[str, str] = {
    # --- choosing people (rosters, a shift's members; the picker is reusable: /siaga)
    "pick.ask_teams": (
        "Siapa yang bertugas? Tiga cara, boleh dicampur:\n"
        "• <b>Tulis</b> satu tim per baris, dengan @username atau sebut namanya (mention):\n"
        "<code>@andi @budi\n@citra @dedi</code>\n"
        "• Tekan <b>👥 Pilih dari daftar</b> untuk memilih anggota ronda desa, satu tim demi satu "
        "tim.\n"
        "• <b>Teruskan</b> (forward) pesan seorang anggota: ia masuk tim yang sedang disusun.\n"
        "Dengan beberapa tim, mereka bergiliran setiap malam. Anggota harus sudah pernah "
        "membuka bot ini."
    ),
    "pick.ask_team_single": (
        "Siapa yang bertugas? Tulis @username anggotanya atau sebut namanya (misalnya "
        "<code>@andi @budi</code>), tekan <b>👥 Pilih dari daftar</b>, atau teruskan (forward) "
        "pesan seorang anggota."
    ),
    "pick.ask_edit_members": (
        "{line}\n\nSiapa anggota baru giliran ini? Tulis semuanya (misalnya "
        "<code>@andi @budi</code>, atau sebut namanya), tekan <b>👥 Pilih dari daftar</b>, atau "
        "teruskan (forward) pesan seorang anggota."
    ),
    "pick.btn_list": "👥 Pilih dari daftar",
    "pick.btn_next": "➕ Tim berikutnya",
    "pick.btn_done": "✅ Selesai",
    "pick.btn_prev_page": "◀️",
    "pick.btn_next_page": "▶️",
    "pick.page": "{page}/{pages}",
    "pick.list": (
        "<b>{title}</b>\nTekan nama untuk memilih atau membatalkan (✅ = terpilih). "
        "Halaman {page} dari {pages}."
    ),
    "pick.list_title_team": "Pilih anggota Tim {n}",
    "pick.list_title_shift": "Pilih anggota giliran ini",
    "pick.list_empty": (
        "Belum ada anggota ronda Desa {desa} yang pernah membuka bot. Tulis @username, sebut "
        "namanya, atau teruskan pesan mereka."
    ),
    "pick.so_far": (
        "<b>Tim sejauh ini</b>\n{teams}\n\nTambah dari daftar, teruskan pesan anggota, atau tulis "
        "@username/sebut namanya; lalu tekan ✅ Selesai."
    ),
    "pick.team_line": "Tim {n}: {names}",
    "pick.team_line_current": "Tim {n} (sedang disusun): {names}",
    "pick.nobody_yet": "belum ada",
    "pick.chosen": "{name} dipilih.",
    "pick.unchosen": "{name} tidak jadi dipilih.",
    "pick.team_empty": "Tim ini masih kosong. Pilih anggotanya dulu.",
    "pick.unknown_people": (
        "Belum pernah memakai bot: {names}. Minta mereka membuka bot ini dan menekan "
        "<b>Mulai</b> (Start) dulu, lalu sebut mereka lagi."
    ),
    "pick.forward_hidden": (
        "Pesan dari \u201c{name}\u201d diteruskan tanpa akunnya: pengaturan privasinya "
        "menyembunyikan akun saat pesannya diteruskan. Pilih dia lewat 👥 Pilih dari daftar, "
        "atau tulis @username-nya."
    ),
    "pick.forward_chat": (
        "Pesan itu diteruskan dari grup atau kanal \u201c{name}\u201d, bukan dari seseorang. "
        "Teruskan pesan yang ditulis anggota sendiri, pilih dari daftar, atau tulis @username."
    ),
    # --- volunteers (/ikutronda) ---------------------------------------------------------------
    "cmd.ikutronda": "Ikut ronda desa Anda (relawan)",
    "relawan.no_home": (
        "Untuk ikut ronda, pilih dulu desa tempat tinggal Anda dengan /desa, lalu ketik "
        "/ikutronda lagi."
    ),
    "relawan.by_role": (
        "Anda sudah termasuk anggota ronda Desa {desa} lewat peran Anda (Karang Taruna atau "
        "polisi). Tidak perlu mendaftar; lihat giliran Anda dengan /ronda."
    ),
    "relawan.pending": (
        "⏳ Permintaan Anda ikut ronda Desa {desa} sudah dikirim {since} dan masih menunggu "
        "keputusan koordinator. Anda akan diberi tahu."
    ),
    "relawan.btn_withdraw": "↩️ Batalkan permintaan",
    "relawan.accepted_status": (
        "🔦 Anda anggota ronda Desa {desa} sebagai relawan (sejak {since}). Lihat giliran "
        "Anda dengan /ronda dan jadwal desa dengan /jadwal."
    ),
    "relawan.btn_leave": "🚪 Keluar dari ronda",
    "relawan.leave_sure": (
        "Keluar dari ronda Desa {desa}? Giliran Anda yang belum dimulai akan dilepas dan "
        "koordinator diberi tahu."
    ),
    "relawan.btn_leave_yes": "Ya, keluar",
    "relawan.btn_no": "Batal",
    "relawan.nothing_done": "Baik, tidak ada yang berubah.",
    "relawan.cooldown_status": (
        "Permintaan Anda ikut ronda Desa {desa} belum diterima. Agar koordinator tidak "
        "terus-menerus diminta, Anda bisa mendaftar lagi mulai {date}. Anda juga bisa "
        "berbicara langsung dengan koordinator ronda desa."
    ),
    "relawan.confirm": (
        "🙋 <b>Ikut ronda Desa {desa}</b>\n"
        "Permintaan Anda akan dikirim ke koordinator ronda desa (Karang Taruna, atau "
        "Bhabinkamtibmas). Mereka akan melihat nama Anda: <b>{name}</b>.\n"
        "Jika diterima, Anda bisa dimasukkan ke jadwal ronda. Kirim permintaan?"
    ),
    "relawan.btn_send": "✅ Kirim permintaan",
    "relawan.elsewhere": (
        "Anda juga masih tercatat di ronda Desa {desa} (atau menunggu keputusannya). Tidak "
        "tinggal di sana lagi? Anda bisa keluar."
    ),
    "relawan.btn_leave_desa": "🚪 Keluar: ronda {desa}",
    # answers of the service
    "relawan.home_changed": "Desa Anda sudah berubah. Ketik /ikutronda lagi.",
    "relawan.already_member": "Anda sudah anggota ronda Desa {desa}. Lihat /ronda.",
    "relawan.member_by_role": (
        "Anda sudah termasuk anggota ronda Desa {desa} lewat peran Anda; tidak perlu mendaftar."
    ),
    "relawan.already_pending": (
        "Permintaan Anda ikut ronda Desa {desa} sudah dikirim dan masih menunggu koordinator."
    ),
    "relawan.cooldown": ("Permintaan ikut ronda Desa {desa} bisa dikirim lagi mulai {date}."),
    "relawan.requested": (
        "✅ Permintaan dikirim ke {n} koordinator ronda Desa {desa}. Anda akan diberi tahu "
        "keputusannya."
    ),
    "relawan.requested_nobody": (
        "Permintaan Anda disimpan, tetapi Desa {desa} belum punya koordinator ronda di bot ini. "
        "Permintaan tetap menunggu dan akan terlihat oleh koordinator begitu ada. Anda juga "
        "bisa menghubungi Karang Taruna atau Bhabinkamtibmas desa Anda."
    ),
    "relawan.request_koordinator": (
        "🙋 <b>Permintaan ikut ronda</b>\n{name} ingin ikut ronda Desa {desa} sebagai "
        "relawan. Terima?"
    ),
    "relawan.btn_accept": "✅ Terima",
    "relawan.btn_reject": "❌ Tolak",
    "relawan.gone": "Permintaan ini sudah tidak ada.",
    "relawan.not_koordinator": "Maaf, Anda bukan koordinator ronda Desa {desa}.",
    "relawan.own_request": (
        "Anda tidak bisa memutuskan permintaan Anda sendiri. Koordinator lain yang memutuskan."
    ),
    "relawan.own_remove": "Untuk keluar dari ronda, pakai /ikutronda.",
    "relawan.accepted": (
        "✅ {name} diterima sebagai anggota ronda Desa {desa}. Masukkan ke jadwal lewat /aturronda."
    ),
    "relawan.rejected": "Permintaan {name} ditolak. Ia diberi tahu dengan sopan.",
    "relawan.accepted_volunteer": (
        "✅ Selamat! Anda diterima sebagai anggota ronda Desa {desa}. Koordinator akan "
        "memasukkan Anda ke jadwal; Anda diberi tahu setiap giliran. Lihat /ronda dan /jadwal."
    ),
    "relawan.rejected_volunteer": (
        "Terima kasih atas kesediaan Anda ikut ronda Desa {desa}. Untuk saat ini permintaan "
        "Anda belum bisa diterima. Anda bisa mencoba lagi mulai {date}, atau berbicara "
        "langsung dengan koordinator ronda desa."
    ),
    "relawan.decided_accepted": "Sudah diputuskan oleh {who}: {name} diterima.",
    "relawan.decided_rejected": "Sudah diputuskan oleh {who}: {name} ditolak.",
    "relawan.not_waiting": "Permintaan {name} sudah tidak menunggu keputusan.",
    "relawan.not_volunteer": "Anda bukan relawan ronda Desa {desa}.",
    "relawan.withdrawn": "Permintaan ikut ronda Desa {desa} dibatalkan.",
    "relawan.left": (
        "Anda sudah keluar dari ronda Desa {desa}; {n} giliran yang belum dimulai dilepas. "
        "Terima kasih sudah ikut menjaga desa!"
    ),
    "relawan.left_koordinator": "ℹ️ {name} keluar dari ronda Desa {desa}.",
    "relawan.lost_shifts": "Giliran yang kehilangan anggota (tambahkan pengganti lewat /jadwal):\n{lines}",
    "relawan.shift_line": "• {when} ({where})",
    "relawan.more_shifts": "… dan {n} lagi",
    "relawan.not_member_now": "{name} sudah bukan anggota ronda.",
    "relawan.removed": (
        "{name} dikeluarkan dari ronda Desa {desa}; {n} giliran yang belum dimulai dilepas."
    ),
    "relawan.removed_volunteer": (
        "ℹ️ Koordinator mengeluarkan Anda dari anggota ronda Desa {desa}. Terima kasih atas "
        "bantuan Anda selama ini. Jika ada pertanyaan, silakan bicara dengan koordinator."
    ),
    "relawan.removed_shifts": "Giliran Anda yang dilepas:\n{lines}",
    "relawan.removed_koordinator": "ℹ️ {name} dikeluarkan dari ronda Desa {desa}.",
    # the koordinator's list (/aturronda → 🙋 Relawan)
    "relawan.btn_menu": "🙋 Relawan",
    "relawan.list_head": "<b>🙋 Relawan ronda Desa {desa}</b>",
    "relawan.list_pending": "<b>Menunggu keputusan</b> ({n}):",
    "relawan.list_accepted": "<b>Anggota relawan</b> ({n}):",
    "relawan.list_line": "{n}. {name} · sejak {since}",
    "relawan.list_none": (
        "Belum ada relawan dan tidak ada permintaan yang menunggu. Warga desa bisa mendaftar "
        "dengan /ikutronda."
    ),
    "relawan.list_more": "… dan {n} lagi",
    "relawan.btn_accept_n": "✅ Terima {n}",
    "relawan.btn_reject_n": "❌ Tolak {n}",
    "relawan.btn_remove_n": "🚪 Keluarkan {n}",
    "relawan.remove_sure": (
        "Keluarkan {name} dari ronda Desa {desa}? Gilirannya yang belum dimulai akan dilepas, "
        "dan ia diberi tahu."
    ),
    "relawan.btn_remove_yes": "Ya, keluarkan",
    # /jadwal and /statistikronda
    "relawan.week_line": "👥 Anggota ronda: {members} orang, {volunteers} di antaranya relawan.",
    "relawan.week_pending": "🙋 {n} permintaan ikut ronda menunggu: /aturronda → Relawan.",
    "relawan.stats_line": (
        "👥 Anggota ronda: {members} orang, {volunteers} relawan; permintaan menunggu: {pending}"
    ),
}

EN: dict[str, str] = {
    # --- choosing people (rosters, a shift's members; the picker is reusable: /siaga)
    "pick.ask_teams": (
        "Who is on duty? Three ways, mixed as you like:\n"
        "• <b>Type</b> one team per line, with @usernames or by mentioning people:\n"
        "<code>@andi @budi\n@citra @dedi</code>\n"
        "• Press <b>👥 Pilih dari daftar</b> to choose the village's watch members, one team at "
        "a time.\n"
        "• <b>Forward</b> a message of a member: they join the team being put together.\n"
        "With several teams they take turns night by night. Members must have opened this bot "
        "before."
    ),
    "pick.ask_team_single": (
        "Who is on duty? Type their @usernames or mention them (e.g. <code>@andi @budi</code>), "
        "press <b>👥 Pilih dari daftar</b>, or forward a message of a member."
    ),
    "pick.ask_edit_members": (
        "{line}\n\nWho are the new members of this shift? Type all of them (e.g. "
        "<code>@andi @budi</code>, or mention them), press <b>👥 Pilih dari daftar</b>, or "
        "forward a message of a member."
    ),
    "pick.btn_list": "👥 Pilih dari daftar",
    "pick.btn_next": "➕ Next team",
    "pick.btn_done": "✅ Done",
    "pick.btn_prev_page": "◀️",
    "pick.btn_next_page": "▶️",
    "pick.page": "{page}/{pages}",
    "pick.list": (
        "<b>{title}</b>\nPress a name to choose it or to take it back (✅ = chosen). "
        "Page {page} of {pages}."
    ),
    "pick.list_title_team": "Choose the members of team {n}",
    "pick.list_title_shift": "Choose the members of this shift",
    "pick.list_empty": (
        "No member of the watch of {desa} has opened the bot yet. Type @usernames, mention "
        "people, or forward their messages."
    ),
    "pick.so_far": (
        "<b>Teams so far</b>\n{teams}\n\nAdd from the list, forward a member's message, or type "
        "an @username/mention; then press ✅ Done."
    ),
    "pick.team_line": "Team {n}: {names}",
    "pick.team_line_current": "Team {n} (being put together): {names}",
    "pick.nobody_yet": "nobody yet",
    "pick.chosen": "{name} chosen.",
    "pick.unchosen": "{name} no longer chosen.",
    "pick.team_empty": "This team is still empty. Choose its members first.",
    "pick.unknown_people": (
        "Never used the bot: {names}. Ask them to open this bot and press <b>Start</b> "
        "(Mulai) first, then name them again."
    ),
    "pick.forward_hidden": (
        "The message from \u201c{name}\u201d was forwarded without their account: their privacy "
        "setting hides it on forwarded messages. Choose them with 👥 Pilih dari daftar, or type "
        "their @username."
    ),
    "pick.forward_chat": (
        "That message was forwarded from the group or channel \u201c{name}\u201d, not from a "
        "person. Forward a message the member wrote, choose from the list, or type an @username."
    ),
    # --- volunteers (/ikutronda) ---------------------------------------------------------------
    "cmd.ikutronda": "Join your village's patrol (volunteer)",
    "relawan.no_home": (
        "To join the patrol, first choose the village you live in with /desa, then type "
        "/ikutronda again."
    ),
    "relawan.by_role": (
        "You are already a member of the {desa} patrol through your role (Karang Taruna or "
        "police). No need to sign up; see your shifts with /ronda."
    ),
    "relawan.pending": (
        "⏳ Your request to join the {desa} patrol was sent {since} and is waiting for a "
        "koordinator's decision. You will be told."
    ),
    "relawan.btn_withdraw": "↩️ Withdraw the request",
    "relawan.accepted_status": (
        "🔦 You are a volunteer member of the {desa} patrol (since {since}). See your shifts "
        "with /ronda and the village roster with /jadwal."
    ),
    "relawan.btn_leave": "🚪 Leave the patrol",
    "relawan.leave_sure": (
        "Leave the {desa} patrol? Your shifts that have not started will be released and the "
        "koordinators told."
    ),
    "relawan.btn_leave_yes": "Yes, leave",
    "relawan.btn_no": "Cancel",
    "relawan.nothing_done": "All right, nothing changed.",
    "relawan.cooldown_status": (
        "Your request to join the {desa} patrol was not accepted. So that koordinators are not "
        "asked again and again, you can ask again from {date}. You can also talk to the "
        "village's patrol koordinator directly."
    ),
    "relawan.confirm": (
        "🙋 <b>Join the {desa} patrol</b>\n"
        "Your request goes to the village's patrol koordinators (Karang Taruna, or the "
        "Bhabinkamtibmas). They will see your name: <b>{name}</b>.\n"
        "Once accepted, you can be put on the patrol roster. Send the request?"
    ),
    "relawan.btn_send": "✅ Send the request",
    "relawan.elsewhere": (
        "You are also still on the {desa} patrol (or waiting to be). No longer living there? "
        "You can leave it."
    ),
    "relawan.btn_leave_desa": "🚪 Leave: {desa} patrol",
    # answers of the service
    "relawan.home_changed": "Your village has changed. Type /ikutronda again.",
    "relawan.already_member": "You are already a member of the {desa} patrol. See /ronda.",
    "relawan.member_by_role": (
        "You are already a member of the {desa} patrol through your role; no need to sign up."
    ),
    "relawan.already_pending": (
        "Your request to join the {desa} patrol was sent and is waiting for a koordinator."
    ),
    "relawan.cooldown": "You can ask to join the {desa} patrol again from {date}.",
    "relawan.requested": (
        "✅ Request sent to {n} patrol koordinator(s) of {desa}. You will be told their decision."
    ),
    "relawan.requested_nobody": (
        "Your request is saved, but {desa} has no patrol koordinator in this bot yet. It stays "
        "waiting and a koordinator will see it once there is one. You can also contact the "
        "village's Karang Taruna or Bhabinkamtibmas."
    ),
    "relawan.request_koordinator": (
        "🙋 <b>Request to join the patrol</b>\n{name} would like to join the {desa} patrol as "
        "a volunteer. Accept?"
    ),
    "relawan.btn_accept": "✅ Accept",
    "relawan.btn_reject": "❌ Decline",
    "relawan.gone": "This request no longer exists.",
    "relawan.not_koordinator": "Sorry, you are not a patrol koordinator of {desa}.",
    "relawan.own_request": "You cannot decide your own request. Another koordinator decides.",
    "relawan.own_remove": "To leave the patrol, use /ikutronda.",
    "relawan.accepted": (
        "✅ {name} is now a member of the {desa} patrol. Put them on the roster via /aturronda."
    ),
    "relawan.rejected": "{name}'s request was declined. They were told politely.",
    "relawan.accepted_volunteer": (
        "✅ Welcome! You were accepted as a member of the {desa} patrol. The koordinator will put "
        "you on the roster; you are told of every shift. See /ronda and /jadwal."
    ),
    "relawan.rejected_volunteer": (
        "Thank you for offering to join the {desa} patrol. For now your request cannot be "
        "accepted. You can try again from {date}, or talk to the village's patrol koordinator."
    ),
    "relawan.decided_accepted": "Already decided by {who}: {name} was accepted.",
    "relawan.decided_rejected": "Already decided by {who}: {name} was declined.",
    "relawan.not_waiting": "{name}'s request is no longer waiting for a decision.",
    "relawan.not_volunteer": "You are not a volunteer of the {desa} patrol.",
    "relawan.withdrawn": "Your request to join the {desa} patrol was withdrawn.",
    "relawan.left": (
        "You left the {desa} patrol; {n} shift(s) not started yet were released. Thank you for "
        "helping to guard the village!"
    ),
    "relawan.left_koordinator": "ℹ️ {name} left the {desa} patrol.",
    "relawan.lost_shifts": "Shifts that lost a member (add a replacement via /jadwal):\n{lines}",
    "relawan.shift_line": "• {when} ({where})",
    "relawan.more_shifts": "… and {n} more",
    "relawan.not_member_now": "{name} is no longer a patrol member.",
    "relawan.removed": (
        "{name} was taken off the {desa} patrol; {n} shift(s) not started yet were released."
    ),
    "relawan.removed_volunteer": (
        "ℹ️ A koordinator took you off the {desa} patrol. Thank you for your help so far. If "
        "you have questions, please talk to the koordinator."
    ),
    "relawan.removed_shifts": "Your released shifts:\n{lines}",
    "relawan.removed_koordinator": "ℹ️ {name} was taken off the {desa} patrol.",
    # the koordinator's list (/aturronda → 🙋 Volunteers)
    "relawan.btn_menu": "🙋 Volunteers",
    "relawan.list_head": "<b>🙋 Patrol volunteers of {desa}</b>",
    "relawan.list_pending": "<b>Waiting for a decision</b> ({n}):",
    "relawan.list_accepted": "<b>Volunteer members</b> ({n}):",
    "relawan.list_line": "{n}. {name} · since {since}",
    "relawan.list_none": (
        "No volunteers and no requests waiting. Residents of the village can sign up with "
        "/ikutronda."
    ),
    "relawan.list_more": "… and {n} more",
    "relawan.btn_accept_n": "✅ Accept {n}",
    "relawan.btn_reject_n": "❌ Decline {n}",
    "relawan.btn_remove_n": "🚪 Remove {n}",
    "relawan.remove_sure": (
        "Take {name} off the {desa} patrol? Their shifts that have not started will be "
        "released, and they are told."
    ),
    "relawan.btn_remove_yes": "Yes, remove",
    # /jadwal and /statistikronda
    "relawan.week_line": "👥 Patrol members: {members}, of whom {volunteers} volunteers.",
    "relawan.week_pending": "🙋 {n} request(s) to join waiting: /aturronda → Volunteers.",
    "relawan.stats_line": (
        "👥 Patrol members: {members}, {volunteers} volunteers; requests waiting: {pending}"
    ),
}
