"""Retention (RULES 6: the company's policy, with legal holds that stop deletion): a case is
purged ``retention_years`` after it was closed unless a legal hold is set. The purge runs daily
(beat, or `manage.py complaints_purge`), can be a dry run, and records counts only."""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from charter_portal.words import count_of
from committees.models.common import years_before
from complaints.attachments import attachment_delete
from complaints.models import Case, CaseAttachment, ComplaintsPolicy, PurgeRecord

SEAL_HOURS = 1
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeReport:
    as_of: datetime.date
    dry_run: bool
    purged: int
    held: int
    seals_cleared: int

    def summary(self) -> str:
        verb = "would purge" if self.dry_run else "purged"
        return (
            f"Complaint retention as of {self.as_of:%Y-%m-%d}: "
            f"{verb} {count_of(self.purged, 'case')}; "
            f"{self.held} past retention kept by a legal hold."
        )


def _expired(as_of: datetime.date):
    """Closed cases whose retention has run out on ``as_of``, policy by policy."""
    for policy in ComplaintsPolicy.objects.select_related("committee"):
        cutoff = years_before(as_of, policy.retention_years)
        yield from Case.objects.filter(
            committee_id=policy.committee_id, status=Case.Status.CLOSED, closed_at__date__lt=cutoff
        ).order_by("pk")


def cases_purge(*, as_of: datetime.date | None = None, dry_run: bool = False) -> PurgeReport:
    """Purge every closed case past its retention and not on hold, with its messages, notes,
    attachments (the stored files too), access log and history. Logs counts, never contents."""
    now = timezone.now()
    as_of = as_of or timezone.localdate()
    expired = list(_expired(as_of))
    held = [case for case in expired if case.legal_hold]
    doomed = [case for case in expired if not case.legal_hold]
    seals = Case.objects.exclude(receipt_sealed="").filter(
        received_at__lt=now - datetime.timedelta(hours=SEAL_HOURS)
    )
    seals_cleared = seals.count()
    if not dry_run:
        files = list(
            CaseAttachment.objects.filter(case__in=doomed).values_list("stored_name", flat=True)
        )
        with transaction.atomic():
            seals.update(receipt_sealed="")
            ids = [case.pk for case in doomed]
            Case.objects.filter(pk__in=ids).delete()
            # After the cases: deleting one writes a last historical row of its own.
            Case.history.filter(id__in=ids).delete()
            PurgeRecord.objects.create(
                ran_at=now, as_of=as_of, dry_run=False, purged=len(doomed), held=len(held)
            )
            transaction.on_commit(lambda: [attachment_delete(name) for name in files])
    else:
        PurgeRecord.objects.create(
            ran_at=now, as_of=as_of, dry_run=True, purged=len(doomed), held=len(held)
        )
    report = PurgeReport(as_of, dry_run, len(doomed), len(held), seals_cleared)
    logger.info(report.summary())  # counts only: no case number, no content
    return report
