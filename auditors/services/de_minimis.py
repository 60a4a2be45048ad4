"""Recording a service the auditor provided without pre-approval, and the committee's approval
of it under the de minimis exception (S-X 2-01(c)(7)(i)(C))."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from auditors.models import Engagement, Fee, ServiceRequest
from auditors.models.common import LARGEST_FEE
from auditors.services_catalogue import (
    AUDIT_NATURES,
    CATEGORY_OF,
    DE_MINIMIS_RULE,
    Nature,
    is_prohibited,
    prohibited_reason,
)
from meetings.models import Meeting
from meetings.quorum import meeting_quorum
from meetings.services.common import clean_text
from meetings.zones import company_day


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"fee": "Enter the fee as an amount, such as 12500.00."}) from None
    if amount <= 0:
        raise ValidationError({"fee": "The fee must be more than nothing."})
    if amount > LARGEST_FEE:
        raise ValidationError({"fee": "That amount is not a plausible fee; check the digits."})
    return amount


@transaction.atomic
def de_minimis_record(
    *,
    engagement: Engagement,
    service: str,
    nature: str,
    fee,
    provided_from: datetime.date,
    found_on: datetime.date,
    recognized_at_engagement: bool,
    by,
    now: datetime.datetime,
    description: str = "",
) -> ServiceRequest:
    """Record a non-audit service found to have been provided without pre-approval, with its fee
    in the ledger, for the committee to approve before the audit is completed. An audit service
    is never de minimis, and a prohibited one never approvable."""
    service = clean_text(service, "service", limit=300, required=True)
    description = clean_text(description, "firm_description")
    if nature not in Nature.values:
        raise ValidationError({"nature": "Choose what kind of service it is."})
    if is_prohibited(nature):
        raise ValidationError({"nature": prohibited_reason(nature)})
    if nature in AUDIT_NATURES:
        raise ValidationError(
            {
                "nature": f"{Nature(nature).label} is an audit service: it must always be approved "
                f"before it starts, and the de minimis exception ({DE_MINIMIS_RULE}) never covers "
                "it. Bring it to the committee as a request."
            }
        )
    if not engagement.is_live:
        raise ValidationError(
            {"engagement": "That engagement is terminated; record the service on the live one."}
        )
    amount = _amount(fee)
    if found_on < provided_from:
        raise ValidationError(
            {"found_on": "A service cannot be found before it was provided; check both dates."}
        )
    if found_on > company_day(now):
        raise ValidationError({"found_on": "The day it was found cannot be in the future."})
    if recognized_at_engagement not in (True, False):
        raise ValidationError(
            {
                "recognized_at_engagement": "Say whether the service was recognized as a non-audit "
                "service when the auditor was engaged for it."
            }
        )
    request = ServiceRequest(
        committee=engagement.committee,
        engagement=engagement,
        service=service,
        nature=nature,
        category=CATEGORY_OF[Nature(nature)],
        estimated_fee=amount,
        starts_on=provided_from,
        firm_description=description,
        requested_by=by,
        requested_at=now,
        status=ServiceRequest.Status.PENDING,
        route=ServiceRequest.Route.DE_MINIMIS,
        found_on=found_on,
        recognized_at_engagement=recognized_at_engagement,
    )
    request.full_clean()
    request.save()
    ledger = Fee(
        engagement=engagement,
        service=service,
        category=request.category,
        amount=amount,
        state=Fee.State.BILLED,
        basis=Fee.Basis.FIXED,
        request=request,
        recorded_on=found_on,
    )
    ledger.full_clean()
    ledger.save()
    return request


@transaction.atomic
def de_minimis_approve(*, request: ServiceRequest, meeting: Meeting, by) -> ServiceRequest:
    """The committee's approval, at a held meeting with a quorum, of a service found not
    pre-approved. Whether it came in time is for the test (auditors.de_minimis) to say."""
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if request.route != ServiceRequest.Route.DE_MINIMIS:
        raise ValidationError("Only a service found not pre-approved is approved this way.")
    if request.status != ServiceRequest.Status.PENDING:
        raise ValidationError(f"This service is already {request.get_status_display().lower()}.")
    if meeting.committee_id != request.committee_id or meeting.status != Meeting.Status.HELD:
        raise ValidationError({"meeting": "Choose a meeting of the committee that was held."})
    if meeting.day < request.found_on:
        raise ValidationError(
            {"meeting": "The meeting was held before the service was found; choose a later one."}
        )
    quorum = meeting_quorum(meeting)
    if not quorum.met:
        raise ValidationError({"meeting": f"The meeting had no quorum: {quorum.words}"})
    request.status = ServiceRequest.Status.APPROVED
    request.approved_at = meeting
    request.decided_on = meeting.day
    request.decided_by = by
    request.save(update_fields=["status", "approved_at", "decided_on", "decided_by"])
    return request
