"""Composition notices: the outbox of emails about a committee's composition.

A notice is claimed by creating its row, whose unique key (committee, kind, subject) says what it is
about, in the same transaction that decides it is due; it is sent after commit and retried until it
goes. Two runs, a repeated run or a crashed worker therefore never send one twice nor lose one.
"""

import datetime

from django.db import models
from django.db.models import Q

from committees.models.committees import Committee


class CompositionNoticeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)

    def open_episodes(self, committee_id: int, finding_key: str):
        """Out-of-compliance notices whose episode has not ended yet."""
        return self.filter(
            committee_id=committee_id,
            kind=CompositionNotice.Kind.OUT_OF_COMPLIANCE,
            finding_key=finding_key,
            episode_ended_on__isnull=True,
        )


class CompositionNotice(models.Model):
    class Kind(models.TextChoices):
        OUT_OF_COMPLIANCE = "out_of_compliance", "Out of compliance"
        CURE_PERIOD_OPENED = "cure_period_opened", "Cure period opened"
        CURE_PERIOD_30_DAYS = "cure_period_30_days", "30 days or less left in the cure period"
        CURE_PERIOD_7_DAYS = "cure_period_7_days", "7 days or less left in the cure period"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="composition_notices"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(
        max_length=255,
        help_text="What the notice is about: the finding and the day its episode began, or the "
        "cure period. Part of the notice's unique key.",
    )
    finding_key = models.CharField(max_length=100)
    rule = models.CharField(max_length=200)
    evaluated_on = models.DateField(help_text="The day whose evaluation claimed this notice.")
    due = models.DateField(null=True, blank=True, help_text="The deadline the notice is about.")
    episode_ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="First evaluated day the finding was no longer failing (out-of-compliance "
        "notices only); a later failure starts a new episode and a new notice.",
    )
    recipients = models.JSONField(default=list, blank=True)
    email_subject = models.CharField(max_length=255)
    email_body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = CompositionNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "subject"], name="one_composition_notice_per_key"
            ),
            models.CheckConstraint(
                condition=Q(episode_ended_on__isnull=True)
                | Q(episode_ended_on__gt=models.F("evaluated_on")),
                name="notice_episode_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="composition_notice_sent_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.committee} ({self.subject})"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def episode_is_open_on(self, as_of: datetime.date) -> bool:
        return self.evaluated_on <= as_of and (
            self.episode_ended_on is None or self.episode_ended_on > as_of
        )
