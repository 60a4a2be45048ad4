"""Cure periods under Nasdaq 5605(c)(4). The notice to the exchange is its own record
(committees.models.exchange)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from committees.models.committees import Committee
from committees.models.common import validate_not_future, years_after
from committees.models.directors import Director
from deadlines.wording import day_words

VACANCY_SHORT_CURE = datetime.timedelta(days=180)


def independence_cure_deadline(
    event: datetime.date, next_annual_meeting: datetime.date | None
) -> datetime.date:
    """5605(c)(4)(A): the earlier of the next annual meeting or one year after the event."""
    one_year = years_after(event, 1)
    if next_annual_meeting and next_annual_meeting > event:
        return min(next_annual_meeting, one_year)
    return one_year


def vacancy_cure_deadline(
    event: datetime.date, next_annual_meeting: datetime.date | None
) -> datetime.date:
    """5605(c)(4)(B): as for lost independence, but at least 180 days after the vacancy when the
    annual meeting falls within 180 days of it."""
    if next_annual_meeting and event < next_annual_meeting <= event + VACANCY_SHORT_CURE:
        return event + VACANCY_SHORT_CURE
    return independence_cure_deadline(event, next_annual_meeting)


class CurePeriod(models.Model):
    """A member who stopped being independent for reasons outside their reasonable control may
    stay until the deadline. Recorded by the secretary, since the cause is a judgment; the vacancy
    cure is derived from the roster and needs no record."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="cure_periods")
    director = models.ForeignKey(Director, on_delete=models.PROTECT, related_name="cure_periods")
    event_date = models.DateField(help_text="The day the member stopped being independent.")
    reason = models.TextField(help_text="What happened, and why it was outside their control.")
    annual_meeting_date = models.DateField(
        null=True,
        blank=True,
        help_text="The next annual shareholders meeting after the event (from the company "
        "profile when left empty).",
    )
    deadline = models.DateField(editable=False)
    ended_on = models.DateField(
        null=True, blank=True, help_text="Date the cure period ended (replaced or cured)."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-event_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("event_date")),
                name="cure_period_ends_after_event",
                violation_error_message=(
                    "A cure period cannot end before its event; correct the end date."
                ),
            )
        ]

    def __str__(self):
        return (
            f"Cure period for {self.director} on {self.committee}, until {day_words(self.deadline)}"
        )

    def save(self, *args, **kwargs):
        self.fill_annual_meeting()
        self.deadline = self.compute_deadline()
        super().save(*args, **kwargs)

    def fill_annual_meeting(self) -> None:
        """Default the meeting to the first annual meeting after the event that the company
        profile has recorded (5605(c)(4)(A))."""
        if self.annual_meeting_date is None and self.event_date:
            from committees.models.company import CompanyProfile

            profile = CompanyProfile.current()
            if profile:
                self.annual_meeting_date = profile.first_annual_meeting_after(self.event_date)

    def compute_deadline(self) -> datetime.date:
        return independence_cure_deadline(self.event_date, self.annual_meeting_date)

    def is_running_on(self, as_of: datetime.date) -> bool:
        last_day = min(self.deadline, self.ended_on) if self.ended_on else self.deadline
        return self.event_date <= as_of <= last_day

    def clean(self):
        validate_not_future(self.event_date, "event_date", "The event")
        if self.ended_on and self.event_date and self.ended_on < self.event_date:
            raise ValidationError({"ended_on": "A cure period cannot end before its event."})
        if not (self.event_date and self.committee_id):
            return
        self.fill_annual_meeting()
        self.deadline = self.compute_deadline()
        others = CurePeriod.objects.filter(committee_id=self.committee_id).exclude(pk=self.pk)
        for other in others:
            other_end = min(other.deadline, other.ended_on) if other.ended_on else other.deadline
            mine_end = min(self.deadline, self.ended_on) if self.ended_on else self.deadline
            if other.event_date <= mine_end and self.event_date <= other_end:
                raise ValidationError(
                    f"A cure period for {other.director} already runs from "
                    f"{day_words(other.event_date)} to {day_words(other_end)}; only one cure "
                    "period may run at a time (5605(c)(4))."
                )
