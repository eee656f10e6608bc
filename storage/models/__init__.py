"""SQLModel tables: the database is the source of truth for everything the bot knows.

Timestamps are timezone-aware UTC in Python on every database (see `UTCDateTime`); they are
shown to people in WIB by the texts layer.

Tables live in one module per feature; import them from here (`from storage.models import Report`).
A new table goes into its feature's module and is listed below.
"""

from storage.models.advisories import (
    Advisory,
    AdvisoryAck,
    AdvisoryLevel,
    AdvisoryMute,
    AdvisoryStatus,
)
from storage.models.areas import (
    Area,
    AreaLevel,
    GroupLink,
    HomeArea,
    NeighbourLink,
    Polsek,
    Subscription,
)
from storage.models.columns import (
    EnumText,
    UTCDateTime,
    table_of,
    utcnow,
)
from storage.models.conversations import (
    ConversationState,
    UserDraft,
)
from storage.models.delivery import (
    OPEN_STATUSES,
    Delivery,
    DeliveryChat,
    DeliveryPacer,
    DeliveryState,
    OutboxRow,
    OutboxStatus,
)
from storage.models.patrols import (
    NeighbourAlert,
    NeighbourHelp,
    PatrolPost,
    PatrolSchedule,
    PatrolShift,
    PatrolShiftMember,
    PatrolSwap,
    ShiftStatus,
    SwapStatus,
)
from storage.models.people import (
    AuditEntry,
    CommandMenu,
    Division,
    Invite,
    Organisation,
    OrgKind,
    Role,
    RoleAssignment,
    User,
)
from storage.models.reports import (
    Report,
    ReportCategory,
    ReportEvent,
    ReportPhoto,
    ReportPrefix,
    ReportStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "Advisory",
    "AdvisoryAck",
    "AdvisoryLevel",
    "AdvisoryMute",
    "AdvisoryStatus",
    "Area",
    "AreaLevel",
    "AuditEntry",
    "CommandMenu",
    "ConversationState",
    "Delivery",
    "DeliveryChat",
    "DeliveryPacer",
    "DeliveryState",
    "Division",
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
    "ShiftStatus",
    "Subscription",
    "SwapStatus",
    "UTCDateTime",
    "User",
    "UserDraft",
    "table_of",
    "utcnow",
]
