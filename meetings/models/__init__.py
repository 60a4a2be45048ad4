from meetings.models.meetings import (
    AgendaItem,
    Attendance,
    ExecutiveSession,
    Guest,
    Meeting,
    Recusal,
    Topic,
)
from meetings.models.records import (
    ActionItem,
    BoardReport,
    Material,
    MaterialRead,
    MaterialVersion,
    Minutes,
    MinutesLocked,
)

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "BoardReport",
    "ExecutiveSession",
    "Guest",
    "Material",
    "MaterialRead",
    "MaterialVersion",
    "Meeting",
    "Minutes",
    "MinutesLocked",
    "Recusal",
    "Topic",
]
