"""Noncompliance episodes and the notices the company sent the exchange about them (Nasdaq 5625,
Nasdaq 5605(c)(4), SEC Rule 10A-3(a)(3)).

An episode runs from the first day the committee stopped complying with a listing standard or an
SEC rule (a running cure period included) to the first day it complied again. The secretary
records it; the services check each boundary against the composition findings of that day, so an
episode can only begin on a day of noncompliance and end on a day of compliance.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from committees.models.committees import Committee
from committees.models.common import validate_not_future
from deadlines.wording import day_words


class NoncomplianceEpisode(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="noncompliance_episodes"
    )
    began_on = models.DateField(
        help_text="The first day the committee did not comply with a listing standard or an SEC "
        "rule (or relied on a cure period)."
    )
    ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="The first day it complied again; empty while the noncompliance lasts.",
    )
    description = models.TextField(help_text="What did not comply, in plain words.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-began_on"]
        verbose_name = "noncompliance episode"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("began_on")),
                name="episode_ends_after_it_began",
                violation_error_message=(
                    "The committee complied again after the episode began, not before; correct the"
                    " end date."
                ),
            ),
            models.UniqueConstraint(
                fields=["committee", "began_on"],
                name="one_episode_per_committee_and_day",
                violation_error_message=(
                    "An episode of this committee already begins on that day; add to that episode "
                    "instead."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.committee}: noncompliance from {day_words(self.began_on)}"

    def covers(self, as_of: datetime.date) -> bool:
        return self.began_on <= as_of and (self.ended_on is None or self.ended_on > as_of)

    def clean(self):
        validate_not_future(self.began_on, "began_on", "The start of an episode")
        validate_not_future(self.ended_on, "ended_on", "The day the committee complied again")
        if self.began_on and self.ended_on and self.ended_on <= self.began_on:
            raise ValidationError(
                {"ended_on": "The committee complied again after the episode began, not before."}
            )
        if not (self.began_on and self.committee_id):
            return
        others = NoncomplianceEpisode.objects.filter(committee_id=self.committee_id)
        others = others.exclude(pk=self.pk).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=self.began_on)
        )
        if self.ended_on:
            others = others.filter(began_on__lt=self.ended_on)
        clash = others.order_by("began_on").first()
        if clash:
            until = f" to {day_words(clash.ended_on)}" if clash.ended_on else " and has not ended"
            raise ValidationError(
                f"An episode of {self.committee} already runs from {day_words(clash.began_on)}"
                f"{until}; record the day it ended, or add the notice to that episode."
            )


class ExchangeNotice(models.Model):
    """A notice the company gave the exchange about one noncompliance episode."""

    class Rule(models.TextChoices):
        NASDAQ_5625 = "nasdaq_5625", "Nasdaq 5625: noncompliance with the 5600 series"
        NASDAQ_5605C4 = "nasdaq_5605c4", "Nasdaq 5605(c)(4): relying on a cure period"
        SEC_10A3A3 = "sec_10a3a3", "SEC Rule 10A-3(a)(3): noncompliance with Rule 10A-3"

    episode = models.ForeignKey(
        NoncomplianceEpisode, on_delete=models.PROTECT, related_name="notices"
    )
    sent_on = models.DateField(help_text="The day the notice went to the exchange.")
    rule = models.CharField(
        max_length=20, choices=Rule.choices, help_text="The rule under which notice was given."
    )
    reported = models.TextField(help_text="What the notice told the exchange.")
    sent_by = models.CharField(
        max_length=200, help_text="Who sent it: name and title (an executive officer)."
    )
    document = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the notice is kept: the exchange's submission number or the reference "
        "of the filed letter in the company's records.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = "notice to the exchange"
        verbose_name_plural = "notices to the exchange"

    def __str__(self):
        return f"Notice of {day_words(self.sent_on)} ({self.get_rule_display().split(':')[0]})"

    def clean(self):
        validate_not_future(self.sent_on, "sent_on", "A notice to the exchange")
        if self.sent_on and self.episode_id and self.sent_on < self.episode.began_on:
            raise ValidationError(
                {
                    "sent_on": f"The episode began on {day_words(self.episode.began_on)}; a "
                    "notice about it cannot be dated before that."
                }
            )
