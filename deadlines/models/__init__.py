from deadlines.models.notices import Notification, Reminder
from deadlines.models.occurrences import Evidence, Occurrence, Waiver

__all__ = ["Evidence", "Notification", "Occurrence", "Reminder", "Waiver"]
