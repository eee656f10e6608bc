"""`Services`: every domain service, wired once per Application on one database."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.alerts import AlertThrottle
from bot.config import Settings
from bot.delivery import DeliveryService
from bot.services import chats
from bot.services.advisories import PROGRESS_KIND as ADVISORY_KIND
from bot.services.advisories import AdvisoryService
from bot.services.areas import AreaService
from bot.services.areas import SubscriptionService
from bot.services.audit import AuditService
from bot.services.dasbor import DasborService
from bot.services.edukasi import EdukasiService
from bot.services.kondisi import KondisiService
from bot.services.kondisi import KondisiSettings
from bot.services.latihan import LatihanService
from bot.services.neighbours import NeighbourService
from bot.services.patrols import PatrolService
from bot.services.patrols import PatrolSettings
from bot.services.privacy import PrivacyService
from bot.services.reports import ReportService
from bot.services.reports import ReportSettings
from bot.services.reports import undelivered
from bot.services.retention import RetentionService
from bot.services.retention import RetentionSettings
from bot.services.roles import RoleService
from bot.services.siaga import SiagaService
from bot.services.siaga import SiagaSettings
from bot.services.users import UserService
from storage.db import Database


@dataclass
class Services:
    """Every service the handlers may call, created once per Application."""

    settings: Settings
    db: Database
    users: UserService
    roles: RoleService
    alerts: AlertThrottle
    areas: AreaService
    subscriptions: SubscriptionService
    delivery: DeliveryService
    audit: AuditService
    reports: ReportService
    advisories: AdvisoryService
    patrols: PatrolService
    siaga: SiagaService
    neighbours: NeighbourService
    retention: RetentionService
    privacy: PrivacyService
    kondisi: KondisiService
    edukasi: EdukasiService
    latihan: LatihanService
    dasbor: DasborService

    @classmethod
    def create(cls, settings: Settings, db: Database) -> Services:
        """Wire the services on one database."""
        areas = AreaService(db, default_kabupaten=settings.default_kabupaten)
        users = UserService(db, default_language=settings.default_language)
        roles = RoleService(db, areas, admin_ids=settings.admin_ids)
        subscriptions = SubscriptionService(db, areas)
        retention = RetentionSettings(
            report_days=settings.retention_report_days,
            delivery_days=settings.retention_delivery_days,
            draft_days=settings.retention_draft_days,
        )
        delivery = DeliveryService(
            db, rate=settings.delivery_rate, paid_broadcast=settings.paid_broadcast
        )
        patrols = PatrolService(
            db,
            areas,
            roles,
            delivery,
            PatrolSettings(
                timezone=settings.timezone,
                language=settings.default_language,
                remind_minutes=settings.patrol_remind_minutes,
                grace_minutes=settings.patrol_checkin_grace_minutes,
                radius_km=settings.patrol_checkin_radius_km,
                bounds=settings.report_bounds,
            ),
        )
        neighbours = NeighbourService(
            db,
            areas,
            patrols,
            delivery,
            timezone=settings.timezone,
            language=settings.default_language,
        )
        advisories = AdvisoryService(
            db,
            areas=areas,
            subscriptions=subscriptions,
            roles=roles,
            users=users,
            delivery=delivery,
            timezone=settings.timezone,
            language=settings.default_language,
        )
        reports = ReportService(
            db,
            areas,
            delivery,
            ReportSettings(
                timezone=settings.timezone,
                language=settings.default_language,
                escalate_urgent_minutes=settings.report_escalate_urgent_minutes,
                escalate_minutes=settings.report_escalate_minutes,
                limit_per_day=settings.report_limit_per_day,
                polres_chat_id=settings.polres_chat_id,
                fallback_chat_id=settings.admin_chat_id,
                admin_chat_id=settings.admin_chat_id,
                bounds=settings.report_bounds,
            ),
            neighbours=neighbours,
            subscriptions=subscriptions,
        )
        siaga = SiagaService(
            db,
            areas,
            roles,
            patrols,
            delivery,
            SiagaSettings(
                timezone=settings.timezone,
                language=settings.default_language,
                close_hours=settings.siaga_close_hours,
                radius_km=settings.patrol_checkin_radius_km,
                bounds=settings.report_bounds,
            ),
        )
        services = cls(
            settings=settings,
            db=db,
            users=users,
            roles=roles,
            alerts=AlertThrottle(),
            areas=areas,
            subscriptions=subscriptions,
            delivery=delivery,
            audit=AuditService(db),
            reports=reports,
            advisories=advisories,
            patrols=patrols,
            siaga=siaga,
            neighbours=neighbours,
            retention=RetentionService(db, retention),
            privacy=PrivacyService(
                db,
                areas=areas,
                users=users,
                subscriptions=subscriptions,
                delivery=delivery,
                admin_ids=settings.admin_ids,
                timezone=settings.timezone,
                retention=retention,
            ),
            kondisi=KondisiService(
                db,
                areas,
                roles,
                delivery,
                KondisiSettings(
                    timezone=settings.timezone,
                    language=settings.default_language,
                    digest_weekday=settings.kondisi_digest_weekday,
                    digest_time=settings.kondisi_digest_time,
                ),
            ),
            edukasi=EdukasiService(
                db,
                areas=areas,
                roles=roles,
                advisories=advisories,
                delivery=delivery,
                timezone=settings.timezone,
                language=settings.default_language,
            ),
            latihan=LatihanService(db, areas, roles, delivery, language=settings.default_language),
            dasbor=DasborService(
                db,
                settings,
                roles=roles,
                areas=areas,
                reports=reports,
                advisories=advisories,
                patrols=patrols,
                siaga=siaga,
            ),
        )
        # What the delivery engine learns about the duty chats: a card that reached nobody, a
        # group that became a supergroup (ids in the configuration can only be logged).
        delivery.on_finished(undelivered.CARD_KIND, services.reports.card_finished)
        # An advisory's author follows it in one message, numbered as the advisory.
        delivery.on_progress(ADVISORY_KIND, services.advisories.progress)
        configured = {
            "ADMIN_CHAT_ID": settings.admin_chat_id,
            "POLRES_CHAT_ID": settings.polres_chat_id,
        }
        delivery.on_migrated(functools.partial(chats.follow_migration, configured=configured))
        return services
