"""Texts of areas and subscriptions (/start onboarding, /desa, /langganan, area admin). Telegram HTML."""

ID: dict[str, str] = {
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
        "Anda akan menerima imbauan dan kabar kamtibmas untuk desa itu."
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
    # One name, several areas ("Lumbang": a desa and a kecamatan): one short question.
    "areas.which": "{name} yang mana?",
    "areas.not_found": (
        "Desa bernama “{text}” tidak ditemukan. Periksa ejaannya dan ketik lagi, atau "
        "cari di daftar kecamatan."
    ),
    "areas.text_expected": (
        "Mohon kirim nama desa dalam bentuk teks. Ketik namanya, pilih tombol, atau /batal."
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
        "Hentikan <b>semua</b> ({count}) langganan? Anda tidak akan menerima imbauan desa "
        "lagi sampai berlangganan kembali."
    ),
    "areas.unsub_all_done": (
        "🔕 Semua langganan ({count}) dihentikan. Ketik /langganan untuk berlangganan lagi."
    ),
    "areas.unsub_kept": "Baik, langganan Anda tetap.",
    "areas.private_only": "Perintah ini dipakai di chat pribadi dengan bot.",
    "admin.only": "Maaf, perintah ini hanya untuk admin Kamtibmas Bot.",
    "areas.unknown": "Wilayah “{text}” tidak ditemukan. Periksa ejaannya.",
    "areas.ambiguous": (
        "“{text}” cocok dengan beberapa wilayah. Ulangi dengan nomornya, misalnya "
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
        "Polsek “{name}” belum terdaftar. Daftarkan dulu dengan "
        "<code>/polsek {name}; kecamatan</code> di chat pribadi dengan bot."
    ),
    "areas.admin_duplicate": "Sudah ada wilayah bernama {name} (<code>#{id}</code>) di tempat itu.",
    "areas.admin_self_neighbour": "Sebuah desa tidak bisa bertetangga dengan dirinya sendiri.",
    "areas.admin_bad_name": "Nama harus berisi huruf atau angka, paling panjang 128 karakter.",
    "areas.admin_wrong_level": "Wilayah <code>#{id}</code> bukan jenis yang diminta.",
    "group.group_only": "Perintah ini dipakai di dalam grup yang ingin diatur.",
    "group.not_allowed": (
        "Maaf, hanya admin grup ini yang juga pengurus terverifikasi Kamtibmas Bot yang "
        "bisa mengatur grup ini."
    ),
    "group.admin_check_no_access": (
        "Kami belum bisa memeriksa apakah Anda admin grup ini: pastikan bot sudah ditambahkan "
        "ke grup ini, lalu coba lagi."
    ),
    "group.admin_check_failed": (
        "Kami belum bisa memeriksa apakah Anda admin grup ini karena ada gangguan sambungan "
        "ke Telegram. Silakan coba lagi sebentar lagi."
    ),
    "group.usage": "Cara pakai: <code>/hubungkan nama desa</code>, misalnya <code>/hubungkan Karang Jati</code>.",
    "group.linked": (
        "✅ Grup ini terhubung dengan <b>{area}</b>. Imbauan untuk wilayah ini juga akan "
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

EN: dict[str, str] = {
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
    "areas.which": "Which {name}?",
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
    "group.group_only": "Use this command inside the group you want to set up.",
    "group.not_allowed": (
        "Sorry, only an admin of this group who is also a verified Kamtibmas Bot officer "
        "can set up this group."
    ),
    "group.admin_check_no_access": (
        "We could not check whether you are an admin of this group yet: make sure the bot has "
        "been added to this group, then try again."
    ),
    "group.admin_check_failed": (
        "We could not check whether you are an admin of this group because of a connection "
        "problem with Telegram. Please try again in a moment."
    ),
    "group.usage": "Usage: <code>/hubungkan village name</code>, for example <code>/hubungkan Karang Jati</code>.",
    "group.linked": (
        "✅ This group is linked to <b>{area}</b>. Advisories for this area will also be sent here."
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
