"""What the previous release stored still works after the upgrade: the buttons of messages it
sent (callback data in people's chats) and the conversations it kept open in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect
from sqlalchemy import text
from sqlmodel import select
from telegram.ext import CallbackQueryHandler

from bot.app import build_application
from bot.config import Settings
from handlers.menus import every_handler
from storage import migrate
from storage.db import Database
from storage.models import ConversationState
from storage.models import UserDraft
from storage.models import utcnow
from tests.harness import BotHarness
from tests.harness import FakeTelegram

# One button of every kind the previous release sent, byte for byte as it built them.
PREVIOUS_RELEASE_BUTTONS = [
    # areas and language
    "ar:h:ask", "ar:s:ask", "ar:s:kab:2", "ar:h:kec:3512:1", "ar:h:pick:3512",
    "ar:u:3512", "ar:ua", "ar:uay", "ar:un", "lang:en",
    # reports: /lapor, the duty card, the reporter's answer
    "lp:new", "lp:new:d:3512", "lp:new:d:3512:r:7", "lp:cat:pencurian", "lp:desa:3512",
    "lp:next", "lp:urg:1", "lp:anon:0", "lp:fix:place", "lp:send:0123456789abcdef",
    "lp:cancel", "lp:ans:42", "rp:take:42", "rp:proc:42", "rp:done:42", "rp:rej:42",
    "rp:ask:42", "rp:rr:42:hoaks",
    # roles and invitations
    "rl:n:pemuda:patroli:k", "rl:n:tokoh", "rl:p:1", "rl:x:5", "rl:a:K7M2Q9XD", "rl:d", "rl:v:9",
    # advisories
    "adv:o:123456789012", "adv:t:a:3512", "adv:t:g:patroli:3512", "adv:t:next", "adv:t:reset",
    "adv:l:darurat", "adv:e:none", "adv:p:drill", "adv:ok:12", "adv:no:12", "adv:nr:hoaks",
    "adv:u:12", "adv:x:12", "adv:ack:12", "adv:m:3",
    # patrols and neighbour alerts
    "pt:in:5", "pt:out:5:aman", "pt:out:5:kejadian", "pt:sw:5", "pt:tk:5", "pt:ed:5",
    "pt:eh:5", "pt:em:5", "pt:ec:5", "pt:ecy:5", "pa:desa:3512", "pa:new", "pa:post:4",
    "pa:skip", "pa:days:01234", "pa:wk:4", "pa:save", "pa:cancel", "nb:help:8",
]  # fmt: skip


def test_every_button_of_the_previous_release_has_its_handler(settings: Settings) -> None:
    application = build_application(settings)
    handlers = every_handler(h for group in application.handlers.values() for h in group)
    # The catch-all for stale buttons has no pattern: it must not be what answers these.
    buttons = [h for h in handlers if isinstance(h, CallbackQueryHandler)]
    patterns = [h.pattern for h in buttons if h.pattern is not None]
    unhandled = [
        data
        for data in PREVIOUS_RELEASE_BUTTONS
        if not any(p.match(data) for p in patterns)  # type: ignore[union-attr]
    ]
    assert unhandled == []


# A resident who began /lapor and chose the category, then an hour later opened /start and was
# asked for her home desa: the rows exactly as the previous release wrote them.
SITI = 5_550_001
KEY = f"[{SITI}, {SITI}]"
HOUR = dt.timedelta(hours=1)
DRAFT = (
    '{"lapor":{"category":"pencurian","desa_id":null,"lat":null,"lon":null,"photos":[],'
    '"place_text":"","token":"93570b5bfa261613"}}'
)


@pytest.fixture
def previous_release_rows(pasuruan: str) -> str:
    """The test database as the previous release left it (both conversations open, in which the
    older /lapor, registered first, would have taken her next text)."""
    now = utcnow()
    db = Database(pasuruan, pool_size=1)
    try:
        db.call(
            lambda s: s.add_all(
                [
                    ConversationState(
                        name="lapor", key=KEY, state='"describe"', updated_at=now - HOUR
                    ),
                    ConversationState(name="areas", key=KEY, state='"ask_home"', updated_at=now),
                    UserDraft(user_id=SITI, data=DRAFT, updated_at=now - HOUR),
                ]
            )
        )
    finally:
        db.close()
    return pasuruan


async def test_the_conversation_started_last_before_the_upgrade_takes_the_text(
    previous_release_rows: str, settings: Settings, fake: FakeTelegram
) -> None:
    async with BotHarness(settings, fake) as bot:
        siti = bot.updates.user(id=SITI, first_name="Siti")
        await bot.say(siti, "Kronto")
        assert "Kronto" in bot.fake.texts(SITI)[-1]
        home = await bot.services.subscriptions.home(SITI)
        assert home is not None and bot.services.areas.label(home) == "Kronto (Kec. Lumbang)"
        await bot.app.update_persistence()
        states = await bot.services.db.run(
            lambda s: [r.name for r in s.exec(select(ConversationState))]
        )
    assert states == []  # the onboarding finished; the /lapor left behind is gone


async def test_a_report_half_written_before_the_upgrade_goes_on(
    pasuruan: str, settings: Settings, fake: FakeTelegram
) -> None:
    db = Database(pasuruan, pool_size=1)
    try:
        db.call(
            lambda s: s.add_all(
                [
                    ConversationState(name="lapor", key=KEY, state='"describe"'),
                    UserDraft(user_id=SITI, data=DRAFT),
                ]
            )
        )
    finally:
        db.close()
    async with BotHarness(settings, fake) as bot:
        siti = bot.updates.user(id=SITI, first_name="Siti")
        await bot.say(siti, "Motor saya dicuri dari teras tadi malam sekitar jam dua")
        assert bot.fake.texts(SITI)[-1].startswith("Langkah 3 dari 6")


def test_officer_titles_are_added_to_stored_people_and_invites_and_taken_away_again(
    empty_database_url: str,
) -> None:
    """Migration 0009 on a database the previous release filled: its people and invites stay,
    with no title; a downgrade drops the column and keeps them too."""
    db = Database(empty_database_url, pool_size=1)
    try:
        migrate.upgrade(db.engine, "0008")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, first_name, created_at, last_seen_at) "
                    "VALUES (7123456789, 'Bams', :now, :now)"
                ),
                {"now": utcnow()},
            )
            connection.execute(
                text(
                    "INSERT INTO invites (code_hash, code_hint, role, scope, koordinator, "
                    "created_at, expires_at) VALUES ('h', 'WXYZ', 'polisi', '', false, :now, :now)"
                ),
                {"now": utcnow()},
            )
        migrate.upgrade(db.engine)
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT id, title FROM users")).all() == [
                (7123456789, None)
            ]
            assert connection.execute(text("SELECT code_hint, title FROM invites")).all() == [
                ("WXYZ", None)
            ]
        config = migrate.alembic_config(db.engine.url.render_as_string(hide_password=False))
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0008")
        assert migrate.current_revision(db.engine) == "0008"
        columns = {c["name"] for c in inspect(db.engine).get_columns("users")}
        assert "title" not in columns and "first_name" in columns
        assert "title" not in {c["name"] for c in inspect(db.engine).get_columns("invites")}
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM invites")).scalar_one() == 1
            assert connection.execute(text("SELECT first_name FROM users")).scalar_one() == "Bams"
    finally:
        db.close()


def test_residents_already_on_their_desas_roster_become_its_volunteers(
    empty_database_url: str,
) -> None:
    """Migration 0013: living in a desa no longer puts someone on its watch, so a resident
    already on a shift of their own desa is made an accepted volunteer of it; someone on a
    shift elsewhere, or living there with no shift, is not."""
    db = Database(empty_database_url, pool_size=1)
    try:
        migrate.upgrade(db.engine, "0012")
        now = {"now": utcnow()}
        with db.engine.begin() as connection:
            for area_id, name in ((1, "Kronto"), (2, "Pancur")):
                connection.execute(
                    text(
                        "INSERT INTO areas (id, level, name, created_at) "
                        "VALUES (:id, 'desa', :name, :now)"
                    ),
                    {"id": area_id, "name": name, **now},
                )
            # 11 lives in Kronto and is on its shift; 12 lives in Pancur and is on it too;
            # 13 lives in Kronto with no shift.
            for user_id, home in ((11, 1), (12, 2), (13, 1)):
                connection.execute(
                    text(
                        "INSERT INTO home_areas (user_id, area_id, updated_at) "
                        "VALUES (:user, :home, :now)"
                    ),
                    {"user": user_id, "home": home, **now},
                )
            connection.execute(
                text(
                    "INSERT INTO patrol_shifts (id, desa_id, starts_at, ends_at, status, version, "
                    "updated_at) VALUES (5, 1, :now, :now, 'planned', 1, :now)"
                ),
                now,
            )
            for user_id in (11, 12):
                connection.execute(
                    text(
                        "INSERT INTO patrol_shift_members (shift_id, user_id, note, added_at) "
                        "VALUES (5, :user, '', :now)"
                    ),
                    {"user": user_id, **now},
                )
        migrate.upgrade(db.engine)
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT user_id, desa_id, status FROM ronda_volunteers")
            ).all()
        assert rows == [(11, 1, "accepted")]
    finally:
        db.close()


def test_stored_broadcast_priorities_move_down_one_step_for_muster_calls(
    empty_database_url: str,
) -> None:
    """Migration 0015: DIRECT stays 0, the broadcasts' 1-3 become 2-4 (SIAGA is 1) in the
    deliveries and outbox rows a running release left; a downgrade takes them back."""
    db = Database(empty_database_url, pool_size=1)
    try:
        migrate.upgrade(db.engine, "0014")
        now = {"now": utcnow()}
        with db.engine.begin() as connection:
            for priority in range(4):
                connection.execute(
                    text(
                        "INSERT INTO deliveries (id, kind, ref, priority, payload, state, "
                        "created_at, total) VALUES (:id, 'advisory', '', :priority, '{}', "
                        "'sending', :now, 1)"
                    ),
                    {"id": priority + 1, "priority": priority, **now},
                )
                connection.execute(
                    text(
                        "INSERT INTO delivery_outbox (delivery_id, chat_id, priority, status, "
                        "attempts, not_before) VALUES (:id, :chat, :priority, 'pending', 0, 0)"
                    ),
                    {"id": priority + 1, "chat": 100 + priority, "priority": priority},
                )

        def stored() -> list[tuple[int, int]]:
            with db.engine.connect() as connection:
                found = connection.execute(
                    text(
                        "SELECT d.priority, o.priority FROM deliveries d "
                        "JOIN delivery_outbox o ON o.delivery_id = d.id ORDER BY d.id"
                    )
                ).all()
            return [tuple(row) for row in found]

        migrate.upgrade(db.engine)
        assert stored() == [(0, 0), (2, 2), (3, 3), (4, 4)]
        config = migrate.alembic_config(db.engine.url.render_as_string(hide_password=False))
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0014")
        assert stored() == [(0, 0), (1, 1), (2, 2), (3, 3)]
    finally:
        db.close()


def test_the_dashboard_tables_come_and_go_with_migration_0019(empty_database_url: str) -> None:
    """Migration 0019 on the previous release's database adds web_logins and web_keys (nothing
    else changes); a downgrade removes them again."""
    db = Database(empty_database_url, pool_size=1)
    try:
        migrate.upgrade(db.engine, "0018")
        before = set(inspect(db.engine).get_table_names())
        migrate.upgrade(db.engine)
        assert set(inspect(db.engine).get_table_names()) - before >= {"web_logins", "web_keys"}
        config = migrate.alembic_config(db.engine.url.render_as_string(hide_password=False))
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0018")
        assert set(inspect(db.engine).get_table_names()) == before
    finally:
        db.close()
