"""The adapters between python-telegram-bot and the rest of the bot: the typed handler context
(`context.Ctx`, `context.App`), the database persistence of conversations (`persistence`), the
per-sender update processor (`updates`) and the delivery engine's sender (`sender`).

Only handlers, `bot.app` and these modules import `telegram`; services never do.
"""
