from deadlines.models.feeds import CalendarFeed
from deadlines.models.notices import Notification, Reminder
from deadlines.models.occurrences import Evidence, Occurrence, Waiver

__all__ = ["CalendarFeed", "Evidence", "Notification", "Occurrence", "Reminder", "Waiver"]
