"""Texts of patrols (ronda): rosters, reminders, check-in, swaps and statistics.

Telegram HTML, like bot/texts.py (which merges these into TEXTS); values are escaped by `t()`.
"""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
