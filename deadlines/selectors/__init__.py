"""Reads of the deadline engine for pages. Each costs a fixed number of queries whatever the
years of history."""

from deadlines.selectors.calendar import CalendarMonth, ComplianceYear, compliance_year
from deadlines.selectors.dashboard import (
    CommitteeDeadlines,
    DashboardReads,
    dashboard_deadlines,
    dashboard_reads,
)
from deadlines.selectors.feeds import responsible_deadlines
from deadlines.selectors.fiscal import fiscal_year_bounds, fiscal_year_of
from deadlines.selectors.items import DeadlineItem, EvidenceRef, item_for, safe_href
from deadlines.selectors.notices import (
    calendar_feed_user,
    has_calendar_feed,
    notification_page_rows,
    notifications_for_user,
    occurrences_between,
    open_occurrences,
    unread_notification_count,
)
from deadlines.selectors.report import EvidenceReport, evidence_report
from deadlines.selectors.standing import current_items, standing_items

__all__ = [
    "CalendarMonth",
    "CommitteeDeadlines",
    "DashboardReads",
    "ComplianceYear",
    "DeadlineItem",
    "EvidenceReport",
    "EvidenceRef",
    "calendar_feed_user",
    "compliance_year",
    "current_items",
    "dashboard_deadlines",
    "dashboard_reads",
    "evidence_report",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "has_calendar_feed",
    "item_for",
    "notification_page_rows",
    "notifications_for_user",
    "occurrences_between",
    "open_occurrences",
    "responsible_deadlines",
    "safe_href",
    "standing_items",
    "unread_notification_count",
]
