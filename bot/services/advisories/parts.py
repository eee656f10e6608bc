"""What every part of the advisory service works with: the bot's other services and the
renderer, handed over once by `AdvisoryService`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery import DeliveryService
from bot.services.advisories.messages import Messages
from bot.services.areas import AreaService
from bot.services.areas import SubscriptionService
from bot.services.roles import RoleService
from bot.services.users import UserService
from storage.db import Database


@dataclass(frozen=True)
class Deps:
    """The services a part of the advisory service calls."""

    db: Database
    areas: AreaService
    subscriptions: SubscriptionService
    roles: RoleService
    users: UserService
    delivery: DeliveryService
    messages: Messages


class Part:
    """A part of the advisory service (one concern), over the shared `Deps`."""

    def __init__(self, deps: Deps) -> None:
        self._db = deps.db
        self._areas = deps.areas
        self._subscriptions = deps.subscriptions
        self._roles = deps.roles
        self._users = deps.users
        self._delivery = deps.delivery
        self._messages = deps.messages
