import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class CompanyProfile(models.Model):
    """The one company this installation serves."""

    class Exchange(models.TextChoices):
        NASDAQ = "nasdaq", "Nasdaq"
        NYSE = "nyse", "NYSE"
        NYSE_AMERICAN = "nyse_american", "NYSE American"

    legal_name = models.CharField(max_length=200)
    ticker = models.CharField(max_length=10)
    exchange = models.CharField(max_length=20, choices=Exchange.choices, default=Exchange.NASDAQ)
    fiscal_year_end_month = models.PositiveSmallIntegerField(
        default=12, help_text="Month the fiscal year ends (1-12)."
    )
    fiscal_year_end_day = models.PositiveSmallIntegerField(
        default=31, help_text="Day of that month the fiscal year ends."
    )
    next_annual_meeting = models.DateField(
        null=True,
        blank=True,
        help_text="Date of the next annual shareholders meeting; cure periods depend on it.",
    )
    board_chair = models.ForeignKey(
        "committees.Director",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The chair of the board, told when a committee duty is long overdue.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "company profile"

    def __str__(self):
        return f"{self.legal_name} ({self.ticker})"

    def clean(self):
        if not 1 <= self.fiscal_year_end_month <= 12:
            raise ValidationError({"fiscal_year_end_month": "Enter a month from 1 to 12."})
        try:
            datetime.date(2023, self.fiscal_year_end_month, self.fiscal_year_end_day)
        except ValueError:
            raise ValidationError(
                {"fiscal_year_end_day": "That day does not exist in the chosen month."}
            ) from None
        if CompanyProfile.objects.exclude(pk=self.pk).exists():
            raise ValidationError("There is already a company profile; edit that one.")

    @classmethod
    def current(cls) -> "CompanyProfile | None":
        return cls.objects.order_by("pk").first()

    @classmethod
    def current_or_default(cls) -> "CompanyProfile":
        """The company profile, or an unsaved default (calendar fiscal year, no meeting date)."""
        return cls.current() or cls()

    def annual_meeting_dates(self) -> list[datetime.date]:
        """Every annual meeting date the portal has known, from this profile's history: a
        recorded date counts unless it was replaced before its day came (a postponement or a
        correction). Cure periods run to the first meeting after their event (5605(c)(4)), which
        may already have been replaced here by the following year's."""
        dates = {self.next_annual_meeting} if self.next_annual_meeting else set()
        if self.pk is None:
            return sorted(dates)
        rows = self.history.order_by("history_date", "history_id").values_list(
            "history_date", "next_annual_meeting"
        )
        segments = []  # [value, replaced at]
        for recorded_at, value in rows:
            if segments and segments[-1][0] == value:
                continue
            if segments:
                segments[-1][1] = recorded_at
            segments.append([value, None])
        for value, replaced_at in segments:
            if value and (replaced_at is None or timezone.localdate(replaced_at) >= value):
                dates.add(value)
        return sorted(dates)

    def first_annual_meeting_after(self, event: datetime.date) -> datetime.date | None:
        return next((day for day in self.annual_meeting_dates() if day > event), None)

    def _year_end(self, year: int) -> datetime.date:
        try:
            return datetime.date(year, self.fiscal_year_end_month, self.fiscal_year_end_day)
        except ValueError:  # 29 February in a common year
            return datetime.date(year, self.fiscal_year_end_month, 28)

    def fiscal_year_of(self, day: datetime.date) -> int:
        """Fiscal years are named by the calendar year in which they end."""
        return day.year if day <= self._year_end(day.year) else day.year + 1

    def fiscal_year_bounds(self, fiscal_year: int) -> tuple[datetime.date, datetime.date]:
        end = self._year_end(fiscal_year)
        start = self._year_end(fiscal_year - 1) + datetime.timedelta(days=1)
        return start, end
