"""Texts of patrols (ronda): rosters, reminders, check-in, swaps and statistics. Telegram HTML."""

ID: dict[str, str] = {
    "cmd.ronda": "Giliran ronda Anda",
    "cmd.jadwal": "Jadwal ronda desa minggu ini",
    "cmd.aturronda": "Atur jadwal ronda (koordinator)",
    "cmd.statistikronda": "Statistik ronda",
    **{f"ronda.day_{i}": d for i, d in enumerate("Sen Sel Rab Kam Jum Sab Min".split())},
    "ronda.days_0123456": "Setiap hari",
    "ronda.days_01234": "Senin–Jumat",
    "ronda.days_56": "Sabtu dan Minggu",
    "ronda.status_held": "✅",
    "ronda.status_missed": "⚠️ tidak ada yang datang",
    "ronda.status_cancelled": "❌ dibatalkan",
    "ronda.where_post": "{post}, Desa {desa}",
    "ronda.where_desa": "Desa {desa}",
    "ronda.line": "🕘 {when} · 📍 {post} · 👥 {members} {status}",
    "ronda.nobody": "belum ada anggota",
    "ronda.alone": "tidak ada (Anda sendiri)",
    "ronda.lost": "Percakapan ini sudah selesai atau kedaluwarsa. Mulai lagi dengan /aturronda.",
    "ronda.expect_text": "Mohon jawab dengan teks, atau ketik /batal untuk berhenti.",
    "ronda.expect_button": "Mohon pilih salah satu tombol di atas, atau ketik /batal.",
    "ronda.gone": "Giliran ini sudah tidak ada.",
    # /ronda and /jadwal
    "ronda.none": (
        "Anda belum punya giliran ronda. Koordinator ronda desa Anda (Karang Taruna atau "
        "Bhabinkamtibmas) yang mengatur jadwal. Lihat jadwal desa dengan /jadwal."
    ),
    "ronda.none_koordinator": (
        "Anda belum punya giliran ronda. Sebagai koordinator, buat jadwal dengan /aturronda."
    ),
    "ronda.mine_head": "<b>🔦 Giliran ronda Anda</b> ({zone})",
    "ronda.mine_koordinator_hint": "Koordinator: atur jadwal dengan /aturronda.",
    "ronda.btn_checkin": "✅ Saya sudah di pos",
    "ronda.btn_checkin_short": "✅ Sudah di pos · {when}",
    "ronda.btn_swap": "🔁 Minta tukar",
    "ronda.btn_swap_short": "🔁 Minta tukar · {when}",
    "ronda.btn_incident": "⚠️ Laporkan kejadian",
    "ronda.week_no_desa": (
        "Desa mana? Ketik <code>/jadwal nama desa</code>, atau pilih desa Anda dulu dengan /desa."
    ),
    "ronda.week_head": "<b>📅 Jadwal ronda Desa {desa}</b> (7 hari ke depan, {zone})",
    "ronda.week_not_yours": (
        "Jadwal ronda Desa {desa} hanya untuk warga dan koordinator desa itu. Jadwal desa Anda: "
        "/jadwal"
    ),
    "ronda.week_empty": "Belum ada jadwal ronda Desa {desa} untuk 7 hari ke depan.",
    "ronda.week_empty_koordinator": (
        "Belum ada jadwal ronda Desa {desa} untuk 7 hari ke depan. Buat dengan /aturronda."
    ),
    "ronda.desa_not_found": "Desa \u201c{text}\u201d tidak ditemukan. Periksa ejaannya.",
    "ronda.desa_candidates": "Desa mana yang Anda maksud?",
    "ronda.desa_candidates_text": "Ada beberapa desa yang mirip: {names}. Tulis lebih lengkap.",
    # /aturronda
    "ronda.ask_desa": "Untuk desa mana jadwal ronda ini? Ketik nama desanya.",
    "ronda.menu": "<b>Ronda Desa {desa}</b>\nApa yang ingin Anda lakukan?",
    "ronda.btn_new_schedule": "➕ Buat jadwal ronda",
    "ronda.btn_posts": "📍 Pos ronda",
    "ronda.btn_week": "📅 Lihat jadwal",
    "ronda.btn_stats": "📊 Statistik",
    "ronda.ask_post": (
        "Di pos ronda mana? Pilih, atau ketik nama pos baru (misalnya <i>Pos Kamling RT 02</i>)."
    ),
    "ronda.btn_no_post": "Tanpa pos (seluruh desa)",
    "ronda.posts_head": "<b>Pos ronda Desa {desa}</b>",
    "ronda.no_posts": "Belum ada pos ronda.",
    "ronda.ask_post_name": "Ketik nama pos ronda baru, atau /batal.",
    "ronda.bad_post_name": "Nama pos harus 2 sampai {limit} karakter.",
    "ronda.post_far": "Lokasi itu {km} km di luar wilayah kita. Kirim lokasi pos yang benar.",
    "ronda.ask_post_place": (
        "Pos <b>{post}</b> disimpan. Kirim lokasinya (📎 → Lokasi) agar kehadiran dengan lokasi "
        "bisa diperiksa, atau tekan Lewati."
    ),
    "ronda.ask_post_place_again": "Kirim lokasi pos (📎 → Lokasi), atau ketik <i>lewati</i>.",
    "ronda.btn_skip": "Lewati",
    "ronda.post_saved": "✅ Pos <b>{post}</b> disimpan.",
    "ronda.post_saved_place": "✅ Pos <b>{post}</b> disimpan dengan lokasinya.",
    "ronda.post_added_choose": "✅ Pos <b>{post}</b> dibuat.",
    "ronda.ask_hours": (
        "Jam berapa? Tulis jam mulai dan selesai, misalnya <code>22:00-02:00</code> "
        "(boleh melewati tengah malam)."
    ),
    "ronda.bad_hours": (
        "Jamnya tidak terbaca. Tulis seperti <code>22:00-02:00</code> atau "
        "<code>21.30 s/d 01.30</code>."
    ),
    "ronda.hours_same": "Jam mulai dan jam selesai sama. Tulis misalnya <code>22:00-02:00</code>.",
    "ronda.ends_before_start": (
        "Jam selesai ({end}) sebelum jam mulai ({start}). Giliran malam boleh melewati tengah "
        "malam (misalnya 22:00–02:00), tetapi paling lama 12 jam. Periksa lagi jamnya."
    ),
    "ronda.too_long": "Satu giliran paling lama {hours} jam. Bagi menjadi dua giliran.",
    "ronda.too_short": "Satu giliran paling sedikit {minutes} menit.",
    "ronda.ask_days": (
        "Hari apa saja? Pilih, atau ketik nama hari (misalnya <i>Senin, Rabu, Jumat</i>) atau "
        "satu tanggal (misalnya <i>24/12</i>) untuk satu giliran saja."
    ),
    "ronda.btn_today": "Hari ini saja",
    "ronda.btn_tomorrow": "Besok saja",
    "ronda.bad_days": (
        "\u201c{word}\u201d bukan nama hari. Tulis misalnya <i>setiap hari</i>, "
        "<i>Senin, Rabu</i> atau satu tanggal seperti <i>24/12</i>."
    ),
    "ronda.bad_date": "Tanggal itu tidak ada. Tulis seperti <i>24/12</i>.",
    "ronda.date_past": "Tanggal itu sudah lewat.",
    "ronda.date_far": "Paling jauh {weeks} minggu ke depan.",
    "ronda.ask_weeks": "Untuk berapa minggu, mulai hari ini?",
    "ronda.weeks": "{n} mgg",
    "ronda.bad_weeks": "Pilih tombol, atau tulis angka 1 sampai {limit}.",
    "ronda.ask_teams_again": "Tulis tim lagi (satu tim per baris), atau /batal.",
    "ronda.bad_member": (
        "\u201c{name}\u201d bukan @username. Tulis anggota seperti <code>@andi</code>."
    ),
    "ronda.no_teams": "Tulis paling sedikit satu anggota, misalnya <code>@andi @budi</code>.",
    "ronda.too_many_teams": "Paling banyak {limit} tim.",
    "ronda.team_too_big": "Satu tim paling banyak {limit} orang.",
    "ronda.unknown_members": (
        "Belum pernah memakai bot: {names}. Minta mereka membuka bot dan mengetik /start, "
        "lalu tulis timnya lagi."
    ),
    "ronda.not_eligible": (
        "Tidak bisa ditugaskan di Desa {desa}: {names}. Anggota ronda adalah anggota Karang "
        "Taruna atau polisi untuk desa itu, atau warga yang sudah mendaftar lewat /ikutronda "
        "dan diterima koordinator."
    ),
    "ronda.overlap": "Jadwal bertabrakan dengan giliran lain:\n{lines}\nTidak ada yang disimpan.",
    "ronda.conflict_line": "• {name}: {when} ({where})",
    "ronda.conflict_more": "\n… dan {n} lagi",
    "ronda.no_shifts": "Tidak ada giliran yang belum lewat pada hari-hari itu. Pilih hari lain.",
    "ronda.summary": (
        "<b>Periksa jadwal ronda</b>\n"
        "Desa: {desa}\nPos: {post}\nJam: {hours} {zone}\nHari: {days}\n"
        "Jumlah giliran: {count}\n{teams}{rotation}"
    ),
    "ronda.summary_team": "Tim {n}: {names}",
    "ronda.summary_rotation": "\nTim bergiliran: tim 1, tim 2, … lalu kembali ke tim 1.",
    "ronda.summary_days": "{days}, {first} – {last}",
    "ronda.summary_once": "sekali, {date}",
    "ronda.btn_save": "✅ Simpan",
    "ronda.btn_cancel": "❌ Batal",
    "ronda.saved_toast": "Jadwal disimpan.",
    "ronda.saved": (
        "✅ Jadwal disimpan: {count} giliran, yang pertama {first}. Para anggota sudah diberi "
        "tahu dan akan diingatkan sebelum giliran mereka. Lihat dengan /jadwal."
    ),
    # messages to members
    "ronda.assigned": (
        "🔦 Anda masuk jadwal ronda di {where}: {n} giliran, yang pertama {when}. "
        "Anda akan diingatkan sebelum setiap giliran. Lihat giliran Anda dengan /ronda."
    ),
    "ronda.reminder": (
        "⏰ <b>Pengingat ronda</b> — {minutes} menit lagi\n{when}\n📍 {where}\n"
        "Bersama: {others}\n\nTidak bisa datang? Minta tukar dengan tombol di bawah."
    ),
    "ronda.started": (
        "🔦 <b>Giliran ronda dimulai</b>\n{when}\n📍 {where}\n\n"
        "Sesampai di pos, tekan tombol di bawah, atau bagikan lokasi Anda (📎 → Lokasi). "
        "Ada keadaan darurat? Telepon <b>110</b>."
    ),
    "ronda.alarm": (
        "⚠️ <b>Belum ada yang hadir</b> {minutes} menit setelah mulai:\n{when}\n📍 {where}\n"
        "Anggota: {members}"
    ),
    "ronda.ended": (
        "🌅 Giliran ronda selesai ({when}, {where}). Terima kasih! Bagaimana situasinya?"
    ),
    "ronda.btn_safe": "✅ Aman",
    "ronda.btn_happened": "⚠️ Ada kejadian",
    "ronda.btn_report_now": "📝 Buat laporan kejadian",
    "ronda.dropped_koordinator": (
        "ℹ️ {names} tidak lagi termasuk anggota ronda desa ini, jadi dikeluarkan dari giliran "
        "{when} ({where}). Tambahkan pengganti lewat /jadwal."
    ),
    "ronda.changed_hours": (
        "🕘 Giliran ronda Anda diubah: sebelumnya {before}, sekarang {when} ({where})."
    ),
    "ronda.added": "🔦 Anda ditambahkan ke giliran ronda {when} ({where}). Lihat /ronda.",
    "ronda.removed": "ℹ️ Anda tidak lagi bertugas pada giliran ronda {when} ({where}).",
    "ronda.cancelled": "❌ Giliran ronda {when} ({where}) dibatalkan oleh koordinator.",
    "ronda.cancelled_short": "Giliran ini dibatalkan.",
    # check-in and check-out
    "ronda.checked_in_toast": "Tercatat. Selamat bertugas!",
    "ronda.checked_in": (
        "✅ Kehadiran tercatat: {where}. Selamat bertugas! Jika melihat kejadian, laporkan dengan "
        "tombol di bawah; dalam keadaan darurat telepon <b>110</b>."
    ),
    "ronda.checked_in_late": (
        "✅ Kehadiran tercatat ({late} menit setelah mulai): {where}. Selamat bertugas! "
        "Dalam keadaan darurat telepon <b>110</b>."
    ),
    "ronda.checkin_already": "Kehadiran Anda untuk giliran ini sudah tercatat.",
    "ronda.not_member": "Anda tidak terdaftar pada giliran ini.",
    "ronda.location_no_shift": (
        "Terima kasih, tetapi Anda tidak sedang punya giliran ronda. Untuk melaporkan kejadian, "
        "pakai /lapor."
    ),
    "ronda.checkin_too_early": "Kehadiran bisa dicatat mulai 30 menit sebelum giliran ({when}).",
    "ronda.checkin_over": "Giliran ini sudah selesai.",
    "ronda.checkin_far": (
        "Lokasi Anda sekitar {km} km dari {where}, jadi belum dicatat sebagai kehadiran. "
        "Bagikan lokasi lagi setelah sampai di pos, atau tekan \u201cSaya sudah di pos\u201d."
    ),
    "ronda.checkout_safe": "✅ Tercatat: aman. Terima kasih sudah menjaga desa!",
    "ronda.checkout_incident": (
        "Tercatat: ada kejadian. Ceritakan lewat laporan (keterangan, lokasi, foto): tekan tombol "
        "di bawah. Dalam keadaan darurat telepon <b>110</b>."
    ),
    "ronda.checkout_already": "Catatan akhir giliran ini sudah tersimpan.",
    "ronda.checkout_without_checkin": "Anda belum tercatat hadir pada giliran ini.",
    # swaps
    "ronda.swap_asked": (
        "🔁 Permintaan tukar dikirim ke {n} anggota ronda desa. Anda diberi tahu jika ada yang "
        "menggantikan; sampai itu, giliran {when} tetap milik Anda."
    ),
    "ronda.swap_asked_nobody": (
        "🔁 Tidak ada anggota lain yang bisa ditawari. Hubungi koordinator Anda."
    ),
    "ronda.swap_nobody_free": (
        "🔁 Semua anggota ronda lain sudah punya giliran sendiri pada jam itu, jadi permintaan "
        "tukar untuk giliran {when} belum dikirim ke siapa pun. Silakan hubungi koordinator "
        "ronda Anda."
    ),
    "ronda.swap_already": "Permintaan tukar untuk giliran ini sudah dikirim.",
    "ronda.swap_too_late": "Giliran ini sudah dimulai atau selesai, tidak bisa ditukar lagi.",
    "ronda.swap_offer": (
        "🔁 <b>{name}</b> minta digantikan pada giliran ronda:\n{when}\n📍 {where}\nBisa "
        "menggantikan?"
    ),
    "ronda.btn_take": "🙋 Saya gantikan",
    "ronda.swap_taken": "Sudah ada yang menggantikan. Terima kasih!",
    "ronda.swap_own": "Anda sudah bertugas pada giliran ini.",
    "ronda.swap_not_eligible": "Anda tidak bisa bertugas ronda di Desa {desa}.",
    "ronda.swap_overlap": (
        "Anda tidak bisa menggantikan giliran ini: Anda sudah punya giliran lain pada jam itu "
        "({when})."
    ),
    "ronda.swap_took": "✅ Terima kasih! Anda sekarang bertugas {when} ({where}). Lihat /ronda.",
    "ronda.swap_done_giver": "✅ {taker} menggantikan giliran ronda Anda {when} ({where}).",
    "ronda.swap_done_koordinator": (
        "🔁 Tukar giliran ronda {when} ({where}): {giver} digantikan {taker}."
    ),
    # editing one shift
    "ronda.edit_menu": "<b>Ubah giliran</b>\n{line}",
    "ronda.btn_edit_hours": "🕘 Ubah jam",
    "ronda.btn_edit_members": "👥 Ganti anggota",
    "ronda.btn_edit_cancel": "🗑 Batalkan giliran",
    "ronda.btn_edit_cancel_yes": "Ya, batalkan giliran ini",
    "ronda.edit_cancel_sure": "Batalkan giliran ini? Anggotanya akan diberi tahu.\n{line}",
    "ronda.edit_cancelled_toast": "Giliran dibatalkan.",
    "ronda.edit_cancelled": "❌ Giliran dibatalkan:\n{line}",
    "ronda.ask_edit_hours": (
        "{line}\n\nTulis jam baru pada hari yang sama, misalnya <code>22:00-02:00</code>."
    ),
    "ronda.edit_saved": "✅ Giliran diubah, anggota diberi tahu:\n{line}",
    "ronda.not_editable": "Giliran ini sudah selesai atau dibatalkan.",
    "ronda.already_started": (
        "Giliran ini sudah dimulai; jam dan anggotanya tidak bisa diubah lagi."
    ),
    "ronda.start_past": "Jam mulai yang baru sudah lewat.",
    # statistics
    "ronda.stats": (
        "<b>📊 Statistik ronda</b> — {label}, {days} hari terakhir\n"
        "Giliran terlaksana: {held} ({held_pct}%)\nTidak ada yang datang: {missed}\n"
        "Dibatalkan: {cancelled}\n"
        "Kehadiran: {checkins} dari {expected} anggota, tepat waktu (≤ 10 menit): {on_time_pct}%\n"
        "Keterlambatan median: {median} menit\n"
        "Kejadian dilihat saat ronda: {seen}; laporan dari ronda: {reports}\n\n"
        "<b>Per desa</b> (terlaksana / tidak):\n{per_desa}"
    ),
    "ronda.stats_desa_line": "• {desa}: {held} / {missed}",
    "ronda.stats_everything": "semua desa",
    "ronda.stats_more": " dan {n} desa lain",
}

EN: dict[str, str] = {
    "cmd.ronda": "My patrol shifts",
    "cmd.jadwal": "This week's village patrol roster",
    "cmd.aturronda": "Manage the patrol roster (koordinator)",
    "cmd.statistikronda": "Patrol statistics",
    **{f"ronda.day_{i}": d for i, d in enumerate("Mon Tue Wed Thu Fri Sat Sun".split())},
    "ronda.days_0123456": "Every day",
    "ronda.days_01234": "Monday–Friday",
    "ronda.days_56": "Saturday and Sunday",
    "ronda.status_held": "✅",
    "ronda.status_missed": "⚠️ nobody came",
    "ronda.status_cancelled": "❌ cancelled",
    "ronda.where_post": "{post}, {desa} village",
    "ronda.where_desa": "{desa} village",
    "ronda.line": "🕘 {when} · 📍 {post} · 👥 {members} {status}",
    "ronda.nobody": "no members yet",
    "ronda.alone": "nobody (just you)",
    "ronda.lost": "This conversation has ended or expired. Start again with /aturronda.",
    "ronda.expect_text": "Please answer with text, or type /batal to stop.",
    "ronda.expect_button": "Please choose one of the buttons above, or type /batal.",
    "ronda.gone": "This shift no longer exists.",
    "ronda.none": (
        "You have no patrol shifts yet. Your village's patrol koordinator (Karang Taruna or "
        "Bhabinkamtibmas) makes the roster. See the village roster with /jadwal."
    ),
    "ronda.none_koordinator": (
        "You have no patrol shifts yet. As a koordinator, make a roster with /aturronda."
    ),
    "ronda.mine_head": "<b>🔦 Your patrol shifts</b> ({zone})",
    "ronda.mine_koordinator_hint": "Koordinator: manage the roster with /aturronda.",
    "ronda.btn_checkin": "✅ I am at the post",
    "ronda.btn_checkin_short": "✅ At the post · {when}",
    "ronda.btn_swap": "🔁 Ask to swap",
    "ronda.btn_swap_short": "🔁 Ask to swap · {when}",
    "ronda.btn_incident": "⚠️ Report an incident",
    "ronda.week_no_desa": (
        "Which village? Type <code>/jadwal village name</code>, or choose your village first "
        "with /desa."
    ),
    "ronda.week_head": "<b>📅 Patrol roster of {desa}</b> (next 7 days, {zone})",
    "ronda.week_not_yours": (
        "The patrol roster of {desa} is for its residents and koordinators. Your village's "
        "roster: /jadwal"
    ),
    "ronda.week_empty": "No patrol roster for {desa} in the next 7 days yet.",
    "ronda.week_empty_koordinator": (
        "No patrol roster for {desa} in the next 7 days yet. Make one with /aturronda."
    ),
    "ronda.desa_not_found": "No village called \u201c{text}\u201d. Check the spelling.",
    "ronda.desa_candidates": "Which village do you mean?",
    "ronda.desa_candidates_text": "Several villages match: {names}. Type more of the name.",
    "ronda.ask_desa": "Which village is this roster for? Type its name.",
    "ronda.menu": "<b>Patrols of {desa}</b>\nWhat would you like to do?",
    "ronda.btn_new_schedule": "➕ Make a roster",
    "ronda.btn_posts": "📍 Watch posts",
    "ronda.btn_week": "📅 See the roster",
    "ronda.btn_stats": "📊 Statistics",
    "ronda.ask_post": (
        "At which watch post? Choose, or type a new post's name (e.g. <i>Pos RT 02</i>)."
    ),
    "ronda.btn_no_post": "No post (the whole village)",
    "ronda.posts_head": "<b>Watch posts of {desa}</b>",
    "ronda.no_posts": "No watch posts yet.",
    "ronda.ask_post_name": "Type the new watch post's name, or /batal.",
    "ronda.bad_post_name": "A post's name is 2 to {limit} characters.",
    "ronda.post_far": "That location is {km} km outside our area. Send the post's real location.",
    "ronda.ask_post_place": (
        "Post <b>{post}</b> saved. Send its location (📎 → Location) so check-ins by location "
        "can be checked, or press Skip."
    ),
    "ronda.ask_post_place_again": "Send the post's location (📎 → Location), or type <i>skip</i>.",
    "ronda.btn_skip": "Skip",
    "ronda.post_saved": "✅ Post <b>{post}</b> saved.",
    "ronda.post_saved_place": "✅ Post <b>{post}</b> saved with its location.",
    "ronda.post_added_choose": "✅ Post <b>{post}</b> created.",
    "ronda.ask_hours": (
        "What hours? Type the start and end, e.g. <code>22:00-02:00</code> (may cross midnight)."
    ),
    "ronda.bad_hours": (
        "I could not read the hours. Type them like <code>22:00-02:00</code> or "
        "<code>21.30 to 01.30</code>."
    ),
    "ronda.hours_same": "Start and end are the same. Type e.g. <code>22:00-02:00</code>.",
    "ronda.ends_before_start": (
        "The end ({end}) is before the start ({start}). A night shift may cross midnight "
        "(e.g. 22:00–02:00), but lasts at most 12 hours. Please check the hours."
    ),
    "ronda.too_long": "A shift lasts at most {hours} hours. Split it into two shifts.",
    "ronda.too_short": "A shift lasts at least {minutes} minutes.",
    "ronda.ask_days": (
        "Which days? Choose, or type weekday names (e.g. <i>Monday, Wednesday</i>) or one date "
        "(e.g. <i>24/12</i>) for a single shift."
    ),
    "ronda.btn_today": "Today only",
    "ronda.btn_tomorrow": "Tomorrow only",
    "ronda.bad_days": (
        "\u201c{word}\u201d is not a weekday. Type e.g. <i>every day</i>, <i>Monday, "
        "Wednesday</i> or one date like <i>24/12</i>."
    ),
    "ronda.bad_date": "That date does not exist. Type it like <i>24/12</i>.",
    "ronda.date_past": "That date has passed.",
    "ronda.date_far": "At most {weeks} weeks ahead.",
    "ronda.ask_weeks": "For how many weeks, starting today?",
    "ronda.weeks": "{n} wk",
    "ronda.bad_weeks": "Choose a button, or type a number from 1 to {limit}.",
    "ronda.ask_teams_again": "Type the teams again (one per line), or /batal.",
    "ronda.bad_member": (
        "\u201c{name}\u201d is not a @username. Type members like <code>@andi</code>."
    ),
    "ronda.no_teams": "Type at least one member, e.g. <code>@andi @budi</code>.",
    "ronda.too_many_teams": "At most {limit} teams.",
    "ronda.team_too_big": "At most {limit} people in a team.",
    "ronda.unknown_members": (
        "Never used the bot: {names}. Ask them to open the bot and type /start, then type the "
        "teams again."
    ),
    "ronda.not_eligible": (
        "Cannot be put on duty in {desa}: {names}. Patrol members are Karang Taruna members or "
        "police for the village, or residents who volunteered with /ikutronda and were "
        "accepted by a koordinator."
    ),
    "ronda.overlap": "The roster clashes with other shifts:\n{lines}\nNothing was saved.",
    "ronda.conflict_line": "• {name}: {when} ({where})",
    "ronda.conflict_more": "\n… and {n} more",
    "ronda.no_shifts": "No shift on those days that has not passed yet. Choose other days.",
    "ronda.summary": (
        "<b>Check the patrol roster</b>\n"
        "Village: {desa}\nPost: {post}\nHours: {hours} {zone}\nDays: {days}\n"
        "Shifts: {count}\n{teams}{rotation}"
    ),
    "ronda.summary_team": "Team {n}: {names}",
    "ronda.summary_rotation": "\nTeams take turns: team 1, team 2, … then team 1 again.",
    "ronda.summary_days": "{days}, {first} – {last}",
    "ronda.summary_once": "once, {date}",
    "ronda.btn_save": "✅ Save",
    "ronda.btn_cancel": "❌ Cancel",
    "ronda.saved_toast": "Roster saved.",
    "ronda.saved": (
        "✅ Roster saved: {count} shifts, the first {first}. The members were told and will be "
        "reminded before their shifts. See it with /jadwal."
    ),
    "ronda.assigned": (
        "🔦 You are on the patrol roster at {where}: {n} shifts, the first {when}. You will be "
        "reminded before each shift. See your shifts with /ronda."
    ),
    "ronda.reminder": (
        "⏰ <b>Patrol reminder</b> — in {minutes} minutes\n{when}\n📍 {where}\n"
        "With: {others}\n\nCannot come? Ask for a swap with the button below."
    ),
    "ronda.started": (
        "🔦 <b>Your patrol shift starts</b>\n{when}\n📍 {where}\n\n"
        "Once at the post, press the button below or share your location (📎 → Location). "
        "Emergency? Call <b>110</b>."
    ),
    "ronda.alarm": (
        "⚠️ <b>Nobody has checked in</b> {minutes} minutes after the start:\n{when}\n📍 {where}\n"
        "Members: {members}"
    ),
    "ronda.ended": "🌅 The patrol shift is over ({when}, {where}). Thank you! How was it?",
    "ronda.btn_safe": "✅ All safe",
    "ronda.btn_happened": "⚠️ Something happened",
    "ronda.btn_report_now": "📝 Make an incident report",
    "ronda.dropped_koordinator": (
        "ℹ️ {names} are no longer members of this village's watch and were taken off the shift "
        "{when} ({where}). Add a replacement via /jadwal."
    ),
    "ronda.changed_hours": "🕘 Your patrol shift changed: it was {before}, now {when} ({where}).",
    "ronda.added": "🔦 You were added to the patrol shift {when} ({where}). See /ronda.",
    "ronda.removed": "ℹ️ You are no longer on the patrol shift {when} ({where}).",
    "ronda.cancelled": "❌ The patrol shift {when} ({where}) was called off by the koordinator.",
    "ronda.cancelled_short": "This shift was called off.",
    "ronda.checked_in_toast": "Recorded. Have a good watch!",
    "ronda.checked_in": (
        "✅ Check-in recorded: {where}. Have a good watch! If you see an incident, report it with "
        "the button below; in an emergency call <b>110</b>."
    ),
    "ronda.checked_in_late": (
        "✅ Check-in recorded ({late} minutes after the start): {where}. Have a good watch! "
        "In an emergency call <b>110</b>."
    ),
    "ronda.checkin_already": "You have already checked in for this shift.",
    "ronda.not_member": "You are not on this shift.",
    "ronda.location_no_shift": (
        "Thank you, but you have no patrol shift running now. To report an incident, use /lapor."
    ),
    "ronda.checkin_too_early": "Check-in opens 30 minutes before the shift ({when}).",
    "ronda.checkin_over": "This shift is over.",
    "ronda.checkin_far": (
        "Your location is about {km} km from {where}, so it was not recorded as a check-in. "
        "Share it again once at the post, or press \u201cI am at the post\u201d."
    ),
    "ronda.checkout_safe": "✅ Recorded: all safe. Thank you for guarding the village!",
    "ronda.checkout_incident": (
        "Recorded: something happened. Tell us in a report (description, place, photo): press "
        "the button below. In an emergency call <b>110</b>."
    ),
    "ronda.checkout_already": "This shift's end note is already recorded.",
    "ronda.checkout_without_checkin": "You did not check in on this shift.",
    "ronda.swap_asked": (
        "🔁 Swap request sent to {n} patrol members of the village. You will hear when someone "
        "takes it; until then the shift {when} stays yours."
    ),
    "ronda.swap_asked_nobody": "🔁 Nobody else can be asked. Please contact your koordinator.",
    "ronda.swap_nobody_free": (
        "🔁 Every other patrol member already has a shift of their own at that time, so the "
        "swap request for {when} was not sent to anyone. Please contact your koordinator."
    ),
    "ronda.swap_already": "A swap request for this shift was already sent.",
    "ronda.swap_too_late": "This shift has started or ended and can no longer be swapped.",
    "ronda.swap_offer": (
        "🔁 <b>{name}</b> asks someone to take their patrol shift:\n{when}\n📍 {where}\n"
        "Can you take it?"
    ),
    "ronda.btn_take": "🙋 I will take it",
    "ronda.swap_taken": "Someone already took it. Thank you!",
    "ronda.swap_own": "You are already on this shift.",
    "ronda.swap_not_eligible": "You cannot stand watch in {desa}.",
    "ronda.swap_overlap": (
        "You cannot take this shift: you already have another shift at that time ({when})."
    ),
    "ronda.swap_took": "✅ Thank you! You are now on duty {when} ({where}). See /ronda.",
    "ronda.swap_done_giver": "✅ {taker} takes your patrol shift {when} ({where}).",
    "ronda.swap_done_koordinator": (
        "🔁 Patrol shift swap {when} ({where}): {taker} replaces {giver}."
    ),
    "ronda.edit_menu": "<b>Change shift</b>\n{line}",
    "ronda.btn_edit_hours": "🕘 Change hours",
    "ronda.btn_edit_members": "👥 Change members",
    "ronda.btn_edit_cancel": "🗑 Call off the shift",
    "ronda.btn_edit_cancel_yes": "Yes, call this shift off",
    "ronda.edit_cancel_sure": "Call this shift off? Its members will be told.\n{line}",
    "ronda.edit_cancelled_toast": "Shift called off.",
    "ronda.edit_cancelled": "❌ Shift called off:\n{line}",
    "ronda.ask_edit_hours": (
        "{line}\n\nType the new hours on the same day, e.g. <code>22:00-02:00</code>."
    ),
    "ronda.edit_saved": "✅ Shift changed, members told:\n{line}",
    "ronda.not_editable": "This shift has ended or was called off.",
    "ronda.already_started": "This shift has started; its hours and members can no longer change.",
    "ronda.start_past": "The new start time has passed.",
    "ronda.stats": (
        "<b>📊 Patrol statistics</b> — {label}, last {days} days\n"
        "Shifts held: {held} ({held_pct}%)\nNobody came: {missed}\nCalled off: {cancelled}\n"
        "Check-ins: {checkins} of {expected} members, on time (≤ 10 minutes): {on_time_pct}%\n"
        "Median lateness: {median} minutes\n"
        "Incidents seen on patrol: {seen}; reports from patrols: {reports}\n\n"
        "<b>By village</b> (held / missed):\n{per_desa}"
    ),
    "ronda.stats_desa_line": "• {desa}: {held} / {missed}",
    "ronda.stats_everything": "all villages",
    "ronda.stats_more": " and {n} more villages",
}
