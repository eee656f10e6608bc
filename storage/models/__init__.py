"""SQLModel tables: the database is the source of truth for everything the bot knows.

Timestamps are timezone-aware UTC in Python on every database (see `UTCDateTime`); they are
shown to people in the configured zone (config `TZ`) by bot/texts/when.py.

Tables live in one module per feature; import them from here (`from storage.models import Report`).
A new table goes into its feature's module and is listed below.
"""

from storage.models.advisories import Advisory
from storage.models.advisories import AdvisoryAck
from storage.models.advisories import AdvisoryLevel
from storage.models.advisories import AdvisoryMute
from storage.models.advisories import AdvisoryStatus
from storage.models.areas import Area
from storage.models.areas import AreaLevel
from storage.models.areas import GroupLink
from storage.models.areas import HomeArea
from storage.models.areas import NeighbourLink
from storage.models.areas import Polsek
from storage.models.areas import Subscription
from storage.models.columns import EnumText
from storage.models.columns import UTCDateTime
from storage.models.columns import table_of
from storage.models.columns import utcnow
from storage.models.conversations import ConversationState
from storage.models.conversations import UserDraft
from storage.models.dasbor import WebKey
from storage.models.dasbor import WebLogin
from storage.models.delivery import OPEN_STATUSES
from storage.models.delivery import Delivery
from storage.models.delivery import DeliveryChat
from storage.models.delivery import DeliveryPacer
from storage.models.delivery import DeliveryState
from storage.models.delivery import DeliveryWorker
from storage.models.delivery import OutboxRow
from storage.models.delivery import OutboxStatus
from storage.models.edukasi import AttachmentKind
from storage.models.edukasi import EducationItem
from storage.models.edukasi import EducationSend
from storage.models.edukasi import EducationSeries
from storage.models.edukasi import EducationSeriesItem
from storage.models.edukasi import EducationTopic
from storage.models.edukasi import SeriesStatus
from storage.models.kondisi import DigestRun
from storage.models.kondisi import SituationNote
from storage.models.latihan import TrainingParticipant
from storage.models.latihan import TrainingReport
from storage.models.latihan import TrainingSession
from storage.models.latihan import TrainingStatus
from storage.models.patrols import NeighbourAlert
from storage.models.patrols import NeighbourHelp
from storage.models.patrols import PatrolPost
from storage.models.patrols import PatrolSchedule
from storage.models.patrols import PatrolShift
from storage.models.patrols import PatrolShiftMember
from storage.models.patrols import PatrolSwap
from storage.models.patrols import RondaVolunteer
from storage.models.patrols import ShiftStatus
from storage.models.patrols import SwapStatus
from storage.models.patrols import VolunteerStatus
from storage.models.people import TITLE_MAX
from storage.models.people import AuditEntry
from storage.models.people import CommandMenu
from storage.models.people import Division
from storage.models.people import Invite
from storage.models.people import Organisation
from storage.models.people import OrgKind
from storage.models.people import Role
from storage.models.people import RoleAssignment
from storage.models.people import User
from storage.models.profile import BotProfile
from storage.models.reports import Report
from storage.models.reports import ReportCategory
from storage.models.reports import ReportEvent
from storage.models.reports import ReportPhoto
from storage.models.reports import ReportPrefix
from storage.models.reports import ReportStatus
from storage.models.siaga import SiagaAnswer
from storage.models.siaga import SiagaCall
from storage.models.siaga import SiagaLevel
from storage.models.siaga import SiagaRecipient
from storage.models.siaga import SiagaStatus
from storage.models.siaga import SiagaTally

__all__ = [
    "OPEN_STATUSES",
    "TITLE_MAX",
    "Advisory",
    "AdvisoryAck",
    "AdvisoryLevel",
    "AdvisoryMute",
    "AdvisoryStatus",
    "Area",
    "AreaLevel",
    # sosialisasi (edukasi)
    "AttachmentKind",
    "AuditEntry",
    "BotProfile",
    "CommandMenu",
    "ConversationState",
    "Delivery",
    "DeliveryChat",
    "DeliveryPacer",
    "DeliveryState",
    "DeliveryWorker",
    "DigestRun",
    "Division",
    "EducationItem",
    "EducationSend",
    "EducationSeries",
    "EducationSeriesItem",
    "EducationTopic",
    "EnumText",
    "GroupLink",
    "HomeArea",
    "Invite",
    "NeighbourAlert",
    "NeighbourHelp",
    "NeighbourLink",
    "OrgKind",
    "Organisation",
    "OutboxRow",
    "OutboxStatus",
    "PatrolPost",
    "PatrolSchedule",
    "PatrolShift",
    "PatrolShiftMember",
    "PatrolSwap",
    "Polsek",
    "Report",
    "ReportCategory",
    "ReportEvent",
    "ReportPhoto",
    "ReportPrefix",
    "ReportStatus",
    "Role",
    "RoleAssignment",
    "RondaVolunteer",
    "SeriesStatus",
    "ShiftStatus",
    "SiagaAnswer",
    "SiagaCall",
    "SiagaLevel",
    "SiagaRecipient",
    "SiagaStatus",
    "SiagaTally",
    "SituationNote",
    "Subscription",
    "SwapStatus",
    "TrainingParticipant",
    "TrainingReport",
    "TrainingSession",
    "TrainingStatus",
    "UTCDateTime",
    "User",
    "UserDraft",
    "VolunteerStatus",
    "WebKey",
    "WebLogin",
    "table_of",
    "utcnow",
]
