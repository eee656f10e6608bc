"""The Telegram face of the bot: one module per feature, each exposing `handlers()`.

Handlers parse the update, call a service, render the reply; no SQL and no business rules here.
"""
