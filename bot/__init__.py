"""Kamtibmas Bot: the application, its configuration, CLI and domain services."""
