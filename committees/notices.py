"""Which composition notices a committee's report calls for, who receives them, their text, and
their delivery. Claiming rows and the outbox loop live in committees.services."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from charter_portal.roles import secretaries
from committees.compliance.findings import Finding, Status
from committees.models import CompositionNotice, Membership

Kind = CompositionNotice.Kind

# Reminders before a cure deadline (Nasdaq 5605(c)(4)): each goes out on the first run on or after
# the deadline minus its days while the cure still runs, never on one exact date, so a skipped day
# still sends it and the unique notice key stops a repeated run from sending it twice.
CURE_REMINDERS = (
    (Kind.CURE_PERIOD_30_DAYS, 30),
    (Kind.CURE_PERIOD_7_DAYS, 7),
)
SIZE_KEY = "committees.composition.size"
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class CureEpisode:
    """One cure period seen in a report: what identifies it, its deadline and its findings."""

    subject: str
    due: datetime.date
    findings: tuple[Finding, ...]


def cure_notice_kinds(due: datetime.date, as_of: datetime.date) -> list[str]:
    """The cure notices due on ``as_of`` for a cure period ending on ``due`` (inclusive)."""
    if as_of > due:
        return []
    kinds = [Kind.CURE_PERIOD_OPENED]
    kinds += [kind for kind, days in CURE_REMINDERS if as_of >= due - datetime.timedelta(days)]
    return kinds


def out_of_compliance_subject(finding: Finding, as_of: datetime.date) -> str:
    """A failure episode is named by its finding and the first day it was seen failing."""
    return f"{finding.key}@{as_of.isoformat()}"


def cure_episodes(report, as_of: datetime.date) -> list[CureEpisode]:
    """The cure periods the report's CURE_PERIOD findings rely on, one per cure period, so the
    independence and Rule 10A-3 findings covered by one cure period share its notices."""
    grouped: dict[str, list[Finding]] = {}
    dues: dict[str, datetime.date] = {}
    for finding in report.findings:
        if finding.status != Status.CURE_PERIOD or finding.due is None:
            continue
        subject = _cure_subject(report, finding, as_of)
        grouped.setdefault(subject, []).append(finding)
        dues[subject] = finding.due
    return [CureEpisode(subject, dues[s], tuple(found)) for s, found in grouped.items()]


def _cure_subject(report, finding: Finding, as_of: datetime.date) -> str:
    if finding.key == SIZE_KEY:
        # 5605(c)(4)(B): the vacancy cure is derived from the seat that emptied; a later vacancy
        # is a new cure period with its own notices.
        vacated = (
            Membership.objects.filter(committee=report.committee, end_date__lt=as_of)
            .order_by("-end_date", "-pk")
            .first()
        )
        return f"vacancy:{vacated.pk if vacated else 'none'}:{finding.due.isoformat()}"
    for member in report.members:
        cure = member.cure_period
        if cure is None or cure.deadline != finding.due:
            continue
        if not finding.director_ids or member.director.pk in finding.director_ids:
            return f"cure-period:{cure.pk}"
    return f"cure:{finding.key}:{finding.due.isoformat()}"


def recipients_for(committee, as_of: datetime.date) -> list[str]:
    """The committee's chair on ``as_of`` and every active user in the Secretary group."""
    addresses = []
    chair = (
        Membership.objects.active_on(as_of)
        .filter(committee=committee, role=Membership.Role.CHAIR)
        .select_related("director__user")
        .first()
    )
    if chair is not None:
        director = chair.director
        user_email = director.user.email if director.user_id and director.user.is_active else ""
        addresses.append(user_email or director.email)
    addresses += secretaries().values_list("email", flat=True)
    unique = []
    for address in addresses:
        if address and address.lower() not in {a.lower() for a in unique}:
            unique.append(address)
    return unique


def committee_url(committee) -> str:
    return settings.SITE_URL + reverse("committees:detail", kwargs={"slug": committee.slug})


def compose(
    *,
    committee,
    kind: str,
    findings,
    as_of: datetime.date,
    due: datetime.date | None,
) -> tuple[str, str]:
    """The plain-language subject line and body of a notice."""
    context = {
        "committee": committee,
        "kind": kind,
        "findings": list(findings),
        "as_of": as_of,
        "due": due,
        "days_left": (due - as_of).days if due else None,
        "url": committee_url(committee),
        "Kind": {choice.name: choice.value for choice in Kind},
    }
    subject = render_to_string("email/composition_notice_subject.txt", context)
    body = render_to_string("email/composition_notice_body.txt", context)
    # A header must be one line (Django refuses CR/LF in a subject).
    return " ".join(subject.split())[:255], body


def deliver(notice: CompositionNotice) -> bool:
    """Try to send one claimed notice and record the attempt on its row; True when it went.
    The caller holds the row lock, so two senders never send the same notice."""
    now = timezone.now()
    notice.attempts += 1
    notice.last_attempt_at = now
    fields = ["attempts", "last_attempt_at", "last_error", "sent_at"]
    if not notice.recipients:
        notice.recipients = recipients_for(notice.committee, notice.evaluated_on)
        fields.append("recipients")
    if not notice.recipients:
        notice.last_error = (
            "No one to send it to: the committee has no chair with an email address and the "
            "Secretary group has no active user. It will be retried on the next run."
        )
        notice.save(update_fields=fields)
        return False
    message = EmailMessage(
        subject=notice.email_subject,
        body=notice.email_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notice.recipients,
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001  (any mail failure leaves the notice pending)
        notice.last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        notice.save(update_fields=fields)
        return False
    notice.sent_at = now
    notice.last_error = ""
    notice.save(update_fields=fields)
    return True
