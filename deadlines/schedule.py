"""When an occurrence is due soon or overdue, and which reminder a day calls for. Pure functions
of the due date and ``as_of``; the numbers come from settings, read at call time.

Reminders are never keyed on "due date minus N equals today" (a rule here): each threshold is
crossed on a day and stays crossed, and a run sends the latest threshold crossed that has no row
yet. A run skipped for three days therefore still sends the reminder it missed, once; if it missed
several (say both the 7-day and the 1-day reminder), only the latest goes, because a stale "due in
7 days" the day before the deadline would mislead.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from deadlines.status import Status

DEFAULT_REMINDER_DAYS = (30, 7, 1)
DEFAULT_OVERDUE_EVERY_DAYS = 7
DEFAULT_ESCALATION_DAYS = 14
DEFAULT_DUE_SOON_DAYS = 30


class ReminderKind(StrEnum):
    OPENED = "opened"  # a problem begins (a cure period opens) before any threshold is crossed
    REMINDER = "reminder"  # before the due date
    DUE = "due"  # on the due date
    OVERDUE = "overdue"  # every week while overdue
    ESCALATION = "escalation"  # overdue long enough that the board chair and secretary are told
    MESSAGE = "message"  # an app's own message, not about a deadline

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Threshold:
    offset_days: int  # days after the due date; negative before it
    kind: ReminderKind

    @property
    def label(self) -> str:
        if self.kind == ReminderKind.OPENED:
            return "opened"
        if self.offset_days <= 0:
            return f"{-self.offset_days}d"
        return f"overdue+{self.offset_days}d"


def _positive(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of days, at least 1: {value!r}.")
    return value


@dataclass(frozen=True)
class ReminderPolicy:
    before_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS
    overdue_every_days: int = DEFAULT_OVERDUE_EVERY_DAYS
    escalation_after_days: int = DEFAULT_ESCALATION_DAYS

    @classmethod
    def from_settings(cls) -> "ReminderPolicy":
        """DEADLINES_REMINDER_DAYS, DEADLINES_OVERDUE_EVERY_DAYS and DEADLINES_ESCALATION_DAYS,
        read now rather than at import so a deployment (or a test) can change them."""
        before = getattr(settings, "DEADLINES_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
        if isinstance(before, (str, bytes)) or not hasattr(before, "__iter__"):
            raise ImproperlyConfigured(
                f"DEADLINES_REMINDER_DAYS must be a list of days before the due date: {before!r}."
            )
        days = tuple(
            sorted({_positive("DEADLINES_REMINDER_DAYS", d) for d in before}, reverse=True)
        )
        every = getattr(settings, "DEADLINES_OVERDUE_EVERY_DAYS", DEFAULT_OVERDUE_EVERY_DAYS)
        escalate = getattr(settings, "DEADLINES_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS)
        return cls(
            before_days=days,
            overdue_every_days=_positive("DEADLINES_OVERDUE_EVERY_DAYS", every),
            escalation_after_days=_positive("DEADLINES_ESCALATION_DAYS", escalate),
        )

    def kind_after(self, offset_days: int) -> ReminderKind:
        if offset_days < 0:
            return ReminderKind.REMINDER
        if offset_days == 0:
            return ReminderKind.DUE
        if offset_days >= self.escalation_after_days:
            return ReminderKind.ESCALATION
        return ReminderKind.OVERDUE

    def latest_threshold(self, due: datetime.date, as_of: datetime.date) -> Threshold | None:
        """The last threshold crossed on or before ``as_of`` for a deadline of ``due``, or None
        before the first one."""
        days = (as_of - due).days
        if days < 0:
            crossed = [before for before in self.before_days if days >= -before]
            return Threshold(-min(crossed), ReminderKind.REMINDER) if crossed else None
        # On the due date, then every overdue_every_days, and once on the escalation day itself
        # when the escalation is not a multiple of the weekly interval.
        offset = days - days % self.overdue_every_days
        if self.escalation_after_days <= days:
            offset = max(offset, self.escalation_after_days)
        return Threshold(offset, self.kind_after(offset))


def due_status(
    due: datetime.date | None, as_of: datetime.date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS
) -> Status:
    """DUE until ``due_soon_days`` before the due date, DUE_SOON from then through the due date
    itself (it can still be met that day), OVERDUE from the day after. The engine works on dates:
    a run at 23:59:59 on the due date still sees DUE_SOON, one at 00:00:00 the next day OVERDUE."""
    if due is None:
        return Status.DUE
    if as_of > due:
        return Status.OVERDUE
    if as_of >= due - datetime.timedelta(days=due_soon_days):
        return Status.DUE_SOON
    return Status.DUE
