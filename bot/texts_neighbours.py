"""Texts of neighbour alerts: a report in one desa told to the watch of the desa around it.

Telegram HTML, like bot/texts.py (which merges these into TEXTS); values are escaped by `t()`.
"""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
