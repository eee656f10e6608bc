"""Texts of the daily backup (bot/services/backups): what the admin chat is told.

Telegram HTML; values are escaped by `bot.texts.t()`.
"""

ID: dict[str, str] = {
    "backup.failed": (
        "⚠️ <b>Cadangan database harian gagal</b> ({when})\n"
        "{error}\n\n"
        "Folder: {folder}\n"
        "Periksa ruang disk dan izin folder itu, lalu coba <code>kamtibmas backup</code>. "
        "Pesan ini dikirim sekali; bot mencoba lagi setiap hari pukul {hour} dan memberi tahu "
        "lagi hanya jika cadangan gagal setelah sempat berhasil."
    ),
}

EN: dict[str, str] = {
    "backup.failed": (
        "⚠️ <b>The daily database backup failed</b> ({when})\n"
        "{error}\n\n"
        "Folder: {folder}\n"
        "Check the disk space and that folder's permissions, then try "
        "<code>kamtibmas backup</code>. This message is sent once; the bot tries again every "
        "day at {hour} and tells you again only if a backup fails after one has succeeded."
    ),
}
