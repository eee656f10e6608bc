"""Verified roles: invitations (/undang, /undangan, deep links and /kode), grants and revocations
by admins (/beriperan, /cabutperan), who holds what (/peran) and organisation names
(/organisasi). The rules live in bot/services/roles/; these modules parse, ask and answer.

Arguments are separated by ";": `/undang pemuda patroli koordinator; Kronto`,
`/beriperan @budi; polisi; Polsek Lumbang`. The bot never asks for NIK or any identity number:
trust comes from the invitation of someone already trusted.
"""

from __future__ import annotations

from telegram.ext import BaseHandler

from handlers.roles import grants
from handlers.roles import invites
from handlers.roles import organisations


def handlers() -> list[BaseHandler]:
    """The invite conversation, the invite links and codes, and the admin role commands.

    They go before the areas module: `/start inv_...` must not start the onboarding."""
    return [*invites.handlers(), *grants.handlers(), *organisations.handlers()]
