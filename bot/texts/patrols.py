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
    # --- end of choosing people
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
    # --- end of choosing people
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
