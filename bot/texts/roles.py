"""Texts of roles, invitations, organisations and the audit log. Telegram HTML."""

ID: dict[str, str] = {
    "cmd.kode": "Pakai kode undangan pengurus",
    "cmd.undang": "Buat undangan peran (polisi, pemuda, tokoh, …)",
    "cmd.undangan": "Undangan yang masih berlaku",
    "cmd.peran": "Admin: siapa memegang peran apa",
    "cmd.beriperan": "Admin: beri peran kepada seseorang",
    "cmd.cabutperan": "Admin: cabut peran seseorang",
    "cmd.organisasi": "Admin: nama organisasi dan persetujuan imbauan",
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
        "<code>/undang polisi; Polsek Lumbang; Aiptu Bambang S.</code> (pangkat dan nama "
        "boleh disebut)\n"
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
    "roles.invite_ask_title": (
        "Pangkat dan nama petugas, seperti yang akan tampil di kartu laporan dan kabar untuk "
        "warga (misalnya <i>Aiptu Bambang S.</i>)? Ketik, atau tekan <i>Lewati</i>."
    ),
    "roles.btn_skip_title": "➡️ Lewati",
    "roles.invite_title": "Pangkat dan nama: <b>{title}</b>",
    "roles.timeout": "Pembuatan undangan dihentikan karena tidak ada jawaban. Ketik /undang untuk mulai lagi.",
    "roles.invite_not_yours": (
        "Maaf, Anda hanya bisa mengundang untuk wilayah Polsek Anda sendiri, dan hanya admin "
        "yang bisa mengundang admin. Tidak ada undangan yang dibuat."
    ),
    "roles.invite_created": (
        "✅ Undangan dibuat: <b>{role}</b>\n"
        "Organisasi: {organisation}\n"
        "Sekali pakai, berlaku sampai {until}.\n\n"
        "Kirim tautan ini hanya kepada orang yang dimaksud:\n{link}\n\n"
        "Atau bacakan kodenya: <code>{code}</code> (ketik <code>/kode {code}</code> di bot).\n"
        "Anda akan diberi tahu saat undangan dipakai."
    ),
    "roles.btn_cancel_invite": "🗑 Batalkan undangan",
    "roles.invites_none": "Tidak ada undangan yang masih berlaku.",
    "roles.invites_header": "<b>Undangan yang masih berlaku ({count}, {zone})</b>",
    "roles.invite_line": "• …{hint}: {role} — oleh {by}, sampai {until}",
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
        "Berlaku sampai {until}.\n\n"
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
        "Pengguna “{text}” tidak dikenal. Pakai ID Telegram-nya (angka) atau @username "
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
    "roles.btn_revoke": "🗑 {role}",
    "roles.revoke_pick": "Peran mana yang dicabut dari {who}?",
    "roles.revoke_not_held": "{who} tidak memegang peran itu di sana. Tidak ada yang berubah.",
    "roles.revoke_gone": "Peran ini sudah dicabut sebelumnya. Tidak ada yang berubah.",
    "roles.revoked": "Peran {role} dicabut dari {who}.",
    "roles.revoked_you": "Peran Anda sebagai {role} telah dicabut. Hubungi Polsek jika ini keliru.",
    "roles.list_none": "Belum ada yang memegang peran di sini.",
    "roles.list_header": "<b>Pemegang peran ({count})</b>",
    "roles.list_line": "• {who} [<code>{id}</code>] — {role}",
    "roles.orgs_none": "Belum ada organisasi. Organisasi dibuat saat peran pertama diberikan.",
    "roles.orgs_header": "<b>Organisasi</b> (nama ini tampil sebagai sumber imbauan)",
    "roles.org_line": "<code>#{id}</code> {name} — {approval}",
    "roles.org_approval_yes": "imbauan perlu persetujuan Polsek",
    "roles.org_approval_no": "imbauan langsung terkirim",
    "roles.orgs_usage": (
        "Cara pakai: <code>/organisasi</code> (daftar), "
        "<code>/organisasi #id; Nama Baru</code>, atau "
        "<code>/organisasi #id; persetujuan ya|tidak</code>"
    ),
    "roles.org_approval_set_yes": "Imbauan {name} sekarang perlu persetujuan Polsek.",
    "roles.org_approval_set_no": "Imbauan {name} sekarang langsung terkirim tanpa persetujuan.",
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
    "roles.err_ttl": "Masa berlaku undangan antara 5 menit dan 30 hari, misalnya “24 jam” atau “7 hari”.",
    "roles.err_org_name": "Nama organisasi 2 sampai 128 karakter.",
    "roles.err_title": (
        "Pangkat dan nama: 2 sampai {max} karakter, misalnya <i>Aiptu Bambang S.</i>"
    ),
    "roles.err_title_role": "Pangkat dan nama hanya untuk undangan polisi.",
    "roles.err_org_missing": "Organisasi itu tidak ada. Lihat daftarnya dengan /organisasi.",
    "audit.usage": (
        "Cara pakai: <code>/audit</code> (20 terakhir), <code>/audit 50</code>, "
        "<code>/audit role</code> (jenis tindakan), <code>/audit @budi</code>, "
        "atau <code>/audit csv</code> (berkas)."
    ),
    "audit.none": "Tidak ada catatan audit yang cocok.",
    "audit.header": "<b>Catatan audit</b> ({count} terbaru, {zone})",
    "audit.line": "{at} · {actor} · <b>{action}</b> · {target} · {details}",
    "audit.footer": "\nSemua catatan: <code>/audit csv</code>.",
    "audit.csv_caption": "Catatan audit: {count} entri terbaru (waktu {zone}).",
}

EN: dict[str, str] = {
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
        "<code>/undang polisi; Polsek Lumbang; Aiptu Bambang S.</code> (rank and name are "
        "optional)\n"
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
    "roles.invite_ask_title": (
        "The officer's rank and name, as report cards and news to residents will show it "
        "(e.g. <i>Aiptu Bambang S.</i>)? Type it, or press <i>Skip</i>."
    ),
    "roles.btn_skip_title": "➡️ Skip",
    "roles.invite_title": "Rank and name: <b>{title}</b>",
    "roles.timeout": "The invitation was not finished in time. Type /undang to start again.",
    "roles.invite_not_yours": (
        "Sorry, you can only invite for your own Polsek's area, and only admins can invite "
        "admins. No invitation was made."
    ),
    "roles.invite_created": (
        "✅ Invitation created: <b>{role}</b>\n"
        "Organisation: {organisation}\n"
        "One use only, valid until {until}.\n\n"
        "Send this link only to the person it is for:\n{link}\n\n"
        "Or read out the code: <code>{code}</code> (they type <code>/kode {code}</code>).\n"
        "You will be told when it is used."
    ),
    "roles.btn_cancel_invite": "🗑 Cancel invitation",
    "roles.invites_none": "There are no open invitations.",
    "roles.invites_header": "<b>Open invitations ({count}, {zone})</b>",
    "roles.invite_line": "• …{hint}: {role} — by {by}, until {until}",
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
        "Valid until {until}.\n\n"
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
    "roles.btn_revoke": "🗑 {role}",
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
    "roles.err_title": "A rank and name has 2 to {max} characters, e.g. <i>Aiptu Bambang S.</i>",
    "roles.err_title_role": "Only a police officer's invitation has a rank and name.",
    "roles.err_org_missing": "That organisation does not exist. See the list with /organisasi.",
    "audit.usage": (
        "Usage: <code>/audit</code> (last 20), <code>/audit 50</code>, "
        "<code>/audit role</code> (kind of action), <code>/audit @budi</code>, "
        "or <code>/audit csv</code> (a file)."
    ),
    "audit.none": "No matching audit entries.",
    "audit.header": "<b>Audit log</b> ({count} newest, {zone})",
    "audit.line": "{at} · {actor} · <b>{action}</b> · {target} · {details}",
    "audit.footer": "\nEverything: <code>/audit csv</code>.",
    "audit.csv_caption": "Audit log: the {count} newest entries (times in {zone}).",
}
