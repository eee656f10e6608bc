"""Texts of sosialisasi (/edukasi): the library of education items, adding one, education series
and what they send. Telegram HTML (the `edukasi.advisory_*` texts are plain: the advisory
escapes them)."""

ID: dict[str, str] = {
    "cmd.edukasi": "Materi edukasi hukum dan kamtibmas",
    "conversation.edukasi_materi": "materi edukasi baru (/edukasi)",
    "conversation.edukasi_seri": "rencana seri edukasi (/edukasi)",
    # /edukasi: topics, items
    "edukasi.home": (
        "<b>📚 Edukasi</b>\nBacaan singkat dari Polsek dan tokoh masyarakat: hukum, cara "
        "menyampaikan aspirasi dengan tertib, bahaya narkoba, dan lainnya. Pilih topik."
    ),
    "edukasi.home_empty": "<b>📚 Edukasi</b>\nBelum ada materi edukasi.",
    "edukasi.btn_topic_hukum": "⚖️ Hukum",
    "edukasi.btn_topic_aspirasi": "📣 Aspirasi tertib",
    "edukasi.btn_topic_narkoba": "💊 Narkoba",
    "edukasi.btn_topic_remaja": "🧒 Kenakalan remaja",
    "edukasi.btn_topic_bencana": "🌊 Bencana",
    "edukasi.btn_topic_lalulintas": "🚦 Lalu lintas",
    "edukasi.btn_topic_lainnya": "📚 Lainnya",
    "edukasi.topic_page": "<b>{topic}</b> — terbaru di atas (halaman {page} dari {pages}).",
    "edukasi.topic_empty": "Belum ada materi untuk topik ini.",
    "edukasi.item": "<b>{title}</b>\n<i>{topic} · Sumber: {source} · {date}</i>\n\n{body}",
    "edukasi.item_caption": "<b>{title}</b>\n<i>Sumber: {source}</i>",
    "edukasi.item_gone": "Materi ini sudah tidak tersedia.",
    "edukasi.btn_again": "🔁 Kirim lagi ke saya",
    "edukasi.btn_archive": "🗄 Arsipkan",
    "edukasi.btn_back": "⬅️ Topik",
    "edukasi.btn_prev": "◀️ Sebelumnya",
    "edukasi.btn_next": "Berikutnya ▶️",
    "edukasi.archived": "Materi “{title}” diarsipkan: tidak tampil lagi di /edukasi.",
    "edukasi.archived_already": "Materi ini sudah diarsipkan.",
    "edukasi.btn_add": "➕ Tambah materi",
    "edukasi.btn_plan": "🗓 Rencanakan seri",
    "edukasi.btn_series": "📋 Seri edukasi",
    "edukasi.not_allowed": "Maaf, hanya pengelola edukasi yang bisa memakai tombol ini.",
    # adding an item
    "edukasi.ask_title": "<b>➕ Materi baru</b>\nApa judulnya? (paling banyak 100 karakter)",
    "edukasi.title_empty": "Judulnya terlalu pendek. Tulis judul paling sedikit 3 huruf.",
    "edukasi.title_long": (
        "Judulnya {length} karakter, terlalu panjang: paling banyak {limit} karakter. "
        "Persingkat judulnya."
    ),
    "edukasi.ask_topic": "Termasuk topik apa?",
    "edukasi.ask_source": "Dari siapa materi ini (sumbernya)?",
    "edukasi.no_sources": (
        "Belum ada lembaga yang tercatat sebagai sumber (Polsek, MUI, …). Lembaga tercatat "
        "begitu seseorang diberi peran di sana."
    ),
    "edukasi.source_gone": "Lembaga sumbernya sudah tidak ada. Mulai lagi dari /edukasi.",
    "edukasi.ask_body": (
        "Tulis isi materinya (paling banyak {limit} karakter). Tulis dengan bahasa sehari-hari."
    ),
    "edukasi.body_empty": "Isinya terlalu pendek. Tulis paling sedikit 10 huruf.",
    "edukasi.body_long": (
        "Isinya {length} karakter, terlalu panjang: paling banyak {limit} karakter (satu "
        "pesan Telegram memuat {telegram} karakter, sisanya untuk judul dan sumber imbauan). "
        "Persingkat {over} karakter, atau bagi menjadi dua materi. Tidak ada yang dipotong."
    ),
    "edukasi.ask_attachment": (
        "Ada foto atau berkas PDF yang menyertainya? Kirim sekarang, atau tekan tombol di bawah."
    ),
    "edukasi.btn_no_attachment": "Tanpa lampiran",
    "edukasi.not_pdf": (
        "Berkas “{name}” bukan PDF. Hanya foto atau berkas PDF yang bisa dilampirkan."
    ),
    "edukasi.pdf_too_big": (
        "Berkas PDF ini {size} MB, terlalu besar: paling besar {limit} MB. Kirim berkas yang "
        "lebih kecil, atau lanjut tanpa lampiran."
    ),
    "edukasi.expect_attachment": "Kirim foto atau berkas PDF, atau tekan “Tanpa lampiran”.",
    "edukasi.preview": "<b>Pratinjau</b> — begini materi ini tampil di /edukasi:",
    "edukasi.btn_save": "✅ Simpan",
    "edukasi.btn_drop": "❌ Batal",
    "edukasi.saved": "✅ Materi “{title}” disimpan di topik {topic}.",
    "edukasi.dropped": "Dibatalkan. Tidak ada yang disimpan.",
    "edukasi.lost": "Percakapan ini sudah berakhir. Mulai lagi dari /edukasi.",
    "edukasi.expect_choice": "Pilih salah satu tombol di atas, atau ketik /batal.",
    # planning a series
    "edukasi.ask_area": (
        "<b>🗓 Seri edukasi</b>\nSatu materi dikirim setiap beberapa hari sebagai imbauan Info "
        "(tanpa bunyi). Ke wilayah mana? Pilih di bawah, atau ketik nama desa atau kecamatan."
    ),
    "edukasi.ask_area_typed": (
        "<b>🗓 Seri edukasi</b>\nKe wilayah mana? Ketik nama desa atau kecamatan."
    ),
    "edukasi.area_not_found": "Tidak ada desa atau kecamatan bernama “{text}”. Coba ketik lagi.",
    "edukasi.area_candidates": "Yang mana maksud Anda?",
    "edukasi.out_of_scope": "Maaf, {area} di luar wilayah peran Anda.",
    "edukasi.ask_items": "<b>{area}</b>\nMateri mana yang dikirim, berurutan dari yang terlama?",
    "edukasi.btn_all": "📚 Semua topik",
    "edukasi.btn_pick": "✋ Pilih materi satu per satu",
    "edukasi.btn_pick_done": "➡️ Lanjut",
    "edukasi.pick": (
        "Tekan materi yang dikirim, berurutan sesuai urutan tekan ({count} dipilih). Tekan "
        "lagi untuk batal memilih."
    ),
    "edukasi.series_no_items": "Belum ada materi di pilihan itu. Pilih yang lain.",
    "edukasi.series_too_many": "Satu seri paling banyak {limit} materi.",
    "edukasi.ask_every": "{count} materi. Dikirim setiap berapa hari? (1–30)",
    "edukasi.every_range": "Tulis angka hari antara {least} dan {most}, misalnya 7.",
    "edukasi.ask_time": "Jam berapa dikirim (WIB)? Misalnya 07:00.",
    "edukasi.time_unknown": "Jamnya tidak dikenali. Tulis seperti 07:00 atau 19.30.",
    "edukasi.summary": (
        "<b>🗓 Seri edukasi</b>\nWilayah: {area}\nMateri: {count}, satu setiap {every} hari, "
        "pukul {time} WIB\nMateri pertama: {first}\nSebagai: {speaker}\n{approval}"
    ),
    "edukasi.summary_approval": "Setiap materi menunggu persetujuan {polsek} sebelum dikirim.",
    "edukasi.summary_direct": "Materi dari sumber yang perlu persetujuan diajukan ke Polsek dulu.",
    "edukasi.btn_start": "✅ Mulai seri",
    "edukasi.series_saved": "✅ Seri #{series} dimulai. Materi pertama: {first}.",
    # the list of series
    "edukasi.series_head": "<b>📋 Seri edukasi</b>",
    "edukasi.series_empty": "Belum ada seri edukasi.",
    "edukasi.series_line": (
        "#{series} · {area} · {status}\n{sent}/{count} terkirim, setiap {every} hari pukul "
        "{time}{next}"
    ),
    "edukasi.series_next": "; berikutnya {when}",
    "edukasi.status_active": "▶️ berjalan",
    "edukasi.status_paused": "⏸ dijeda",
    "edukasi.status_finished": "⏹ selesai",
    "edukasi.btn_pause": "⏸ Jeda #{number}",
    "edukasi.btn_resume": "▶️ Lanjut #{number}",
    "edukasi.btn_stop": "⏹ Hentikan #{number}",
    "edukasi.series_not_yours": "Maaf, seri ini bukan milik Anda.",
    "edukasi.series_unchanged": "Seri ini sudah berubah. Buka lagi daftarnya.",
    "edukasi.series_changed": "Seri #{series}: {status}.",
    # what a series sends
    "edukasi.advisory_head": "📚 Edukasi: {title}",
    "edukasi.advisory_pdf": "📄 Ada berkas PDF-nya: buka /edukasi.",
    "edukasi.advisory_photo": "🖼 Ada fotonya: buka /edukasi.",
    "edukasi.advisory_more": "Materi lain: /edukasi",
    "edukasi.series_author": "Seri edukasi #{series}",
    "edukasi.series_pending": (
        "🗓 Seri edukasi #{series}: materi “{title}” diajukan ke {polsek} untuk disetujui."
    ),
    "edukasi.series_paused_note": (
        "⏸ Seri edukasi #{series} dijeda karena materinya tidak bisa dikirim. Setelah "
        "masalahnya beres, lanjutkan dari /edukasi → 📋 Seri edukasi."
    ),
}

EN: dict[str, str] = {
    "cmd.edukasi": "Legal and safety education",
    "conversation.edukasi_materi": "a new education item (/edukasi)",
    "conversation.edukasi_seri": "an education series plan (/edukasi)",
    "edukasi.home": (
        "<b>📚 Education</b>\nShort reads from the Polsek and community leaders: the law, voicing "
        "aspirations in an orderly way, the dangers of drugs, and more. Choose a topic."
    ),
    "edukasi.home_empty": "<b>📚 Education</b>\nThere are no education items yet.",
    "edukasi.btn_topic_hukum": "⚖️ Law",
    "edukasi.btn_topic_aspirasi": "📣 Orderly aspirations",
    "edukasi.btn_topic_narkoba": "💊 Drugs",
    "edukasi.btn_topic_remaja": "🧒 Youth delinquency",
    "edukasi.btn_topic_bencana": "🌊 Disasters",
    "edukasi.btn_topic_lalulintas": "🚦 Traffic",
    "edukasi.btn_topic_lainnya": "📚 Other",
    "edukasi.topic_page": "<b>{topic}</b> — newest first (page {page} of {pages}).",
    "edukasi.topic_empty": "There are no items for this topic yet.",
    "edukasi.item": "<b>{title}</b>\n<i>{topic} · Source: {source} · {date}</i>\n\n{body}",
    "edukasi.item_caption": "<b>{title}</b>\n<i>Source: {source}</i>",
    "edukasi.item_gone": "This item is no longer available.",
    "edukasi.btn_again": "🔁 Send it to me again",
    "edukasi.btn_archive": "🗄 Archive",
    "edukasi.btn_back": "⬅️ Topics",
    "edukasi.btn_prev": "◀️ Previous",
    "edukasi.btn_next": "Next ▶️",
    "edukasi.archived": "Item “{title}” archived: it no longer shows in /edukasi.",
    "edukasi.archived_already": "This item was archived already.",
    "edukasi.btn_add": "➕ Add an item",
    "edukasi.btn_plan": "🗓 Plan a series",
    "edukasi.btn_series": "📋 Education series",
    "edukasi.not_allowed": "Sorry, only education managers can use this button.",
    "edukasi.ask_title": "<b>➕ New item</b>\nWhat is its title? (at most 100 characters)",
    "edukasi.title_empty": "The title is too short. Write at least 3 letters.",
    "edukasi.title_long": (
        "The title has {length} characters, too long: at most {limit}. Please shorten it."
    ),
    "edukasi.ask_topic": "Which topic is it?",
    "edukasi.ask_source": "Who is it from (its source)?",
    "edukasi.no_sources": (
        "No organisation is recorded as a source yet (Polsek, MUI, …). One is recorded as soon "
        "as someone is given a role there."
    ),
    "edukasi.source_gone": "The source organisation is gone. Start again from /edukasi.",
    "edukasi.ask_body": "Write the item's text (at most {limit} characters), in everyday words.",
    "edukasi.body_empty": "The text is too short. Write at least 10 letters.",
    "edukasi.body_long": (
        "The text has {length} characters, too long: at most {limit} (a Telegram message holds "
        "{telegram} characters, the rest is for the title and the advisory's source). Shorten "
        "it by {over} characters, or split it into two items. Nothing is cut."
    ),
    "edukasi.ask_attachment": (
        "Is there a photo or a PDF file with it? Send it now, or press the button below."
    ),
    "edukasi.btn_no_attachment": "No attachment",
    "edukasi.not_pdf": "The file “{name}” is not a PDF. Only a photo or a PDF can be attached.",
    "edukasi.pdf_too_big": (
        "This PDF is {size} MB, too large: at most {limit} MB. Send a smaller file, or go on "
        "without an attachment."
    ),
    "edukasi.expect_attachment": "Send a photo or a PDF file, or press “No attachment”.",
    "edukasi.preview": "<b>Preview</b> — this is how the item shows in /edukasi:",
    "edukasi.btn_save": "✅ Save",
    "edukasi.btn_drop": "❌ Cancel",
    "edukasi.saved": "✅ Item “{title}” saved under {topic}.",
    "edukasi.dropped": "Cancelled. Nothing was saved.",
    "edukasi.lost": "This conversation has ended. Start again from /edukasi.",
    "edukasi.expect_choice": "Choose one of the buttons above, or type /batal.",
    "edukasi.ask_area": (
        "<b>🗓 Education series</b>\nOne item is sent every few days as an Info advisory "
        "(silent). To which area? Choose below, or type the name of a desa or kecamatan."
    ),
    "edukasi.ask_area_typed": (
        "<b>🗓 Education series</b>\nTo which area? Type the name of a desa or kecamatan."
    ),
    "edukasi.area_not_found": "There is no desa or kecamatan called “{text}”. Try again.",
    "edukasi.area_candidates": "Which one do you mean?",
    "edukasi.out_of_scope": "Sorry, {area} is outside the area of your role.",
    "edukasi.ask_items": "<b>{area}</b>\nWhich items are sent, oldest first?",
    "edukasi.btn_all": "📚 Every topic",
    "edukasi.btn_pick": "✋ Choose items one by one",
    "edukasi.btn_pick_done": "➡️ Next",
    "edukasi.pick": (
        "Press the items to send, in the order pressed ({count} chosen). Press again to unchoose."
    ),
    "edukasi.series_no_items": "There are no items in that choice yet. Choose another.",
    "edukasi.series_too_many": "A series holds at most {limit} items.",
    "edukasi.ask_every": "{count} items. Sent every how many days? (1–30)",
    "edukasi.every_range": "Write a number of days between {least} and {most}, e.g. 7.",
    "edukasi.ask_time": "At what time (WIB)? For example 07:00.",
    "edukasi.time_unknown": "That time was not understood. Write it like 07:00 or 19.30.",
    "edukasi.summary": (
        "<b>🗓 Education series</b>\nArea: {area}\nItems: {count}, one every {every} days at "
        "{time} WIB\nFirst item: {first}\nAs: {speaker}\n{approval}"
    ),
    "edukasi.summary_approval": "Each item waits for the approval of {polsek} before it goes.",
    "edukasi.summary_direct": "Items from a source that needs approval go to the Polsek first.",
    "edukasi.btn_start": "✅ Start the series",
    "edukasi.series_saved": "✅ Series #{series} started. First item: {first}.",
    "edukasi.series_head": "<b>📋 Education series</b>",
    "edukasi.series_empty": "There are no education series yet.",
    "edukasi.series_line": (
        "#{series} · {area} · {status}\n{sent}/{count} sent, every {every} days at {time}{next}"
    ),
    "edukasi.series_next": "; next {when}",
    "edukasi.status_active": "▶️ running",
    "edukasi.status_paused": "⏸ paused",
    "edukasi.status_finished": "⏹ finished",
    "edukasi.btn_pause": "⏸ Pause #{number}",
    "edukasi.btn_resume": "▶️ Resume #{number}",
    "edukasi.btn_stop": "⏹ Stop #{number}",
    "edukasi.series_not_yours": "Sorry, this series is not yours.",
    "edukasi.series_unchanged": "This series has changed. Open the list again.",
    "edukasi.series_changed": "Series #{series}: {status}.",
    "edukasi.advisory_head": "📚 Education: {title}",
    "edukasi.advisory_pdf": "📄 It comes with a PDF file: open /edukasi.",
    "edukasi.advisory_photo": "🖼 It comes with a photo: open /edukasi.",
    "edukasi.advisory_more": "More items: /edukasi",
    "edukasi.series_author": "Education series #{series}",
    "edukasi.series_pending": (
        "🗓 Education series #{series}: item “{title}” was submitted to {polsek} for approval."
    ),
    "edukasi.series_paused_note": (
        "⏸ Education series #{series} is paused because its item could not be sent. Once that "
        "is solved, resume it from /edukasi → 📋 Education series."
    ),
}
