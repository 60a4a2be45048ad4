"""The fee ledger: each fee of the auditor's for a fiscal year, billed or expected, with the
approval it rests on (S-X 2-01(c)(7)) and its basis (no contingent fee, S-X 2-01(c)(5)). Fees
past a policy line's cap warn the chair, once per line and threshold."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse

from auditors.models import Fee, PolicyLine, ServiceRequest
from auditors.services.requests import money
from auditors.services_catalogue import Category
from charter_portal.roles import secretaries
from committees.models import Membership
from deadlines.services.messages import message_queue
from meetings.services.common import clean_text

# Shares of a line's cap at which the chair is told: nearing it, and past it.
CAP_THRESHOLDS = (90, 100)


def fee_record(
    *,
    engagement,
    service: str,
    category: str,
    amount,
    recorded_on: datetime.date,
    basis: str = Fee.Basis.FIXED,
    state: str = Fee.State.BILLED,
    request: ServiceRequest | None = None,
) -> Fee:
    """Record a fee. A contingent fee is refused; a fee for anything but the audit rests on an
    approved request of the same engagement (or one recorded as not pre-approved)."""
    if category not in Category.values:
        raise ValidationError({"category": "Choose one of the four fee categories."})
    if basis not in Fee.Basis.values:
        raise ValidationError({"basis": "Choose a fixed fee or hourly rates."})
    if state not in Fee.State.values:
        raise ValidationError({"state": "Say whether the fee is billed or expected."})
    fee = Fee(
        engagement=engagement,
        service=clean_text(service, "service", limit=300, required=True),
        category=category,
        amount=money(amount, "amount"),
        basis=basis,
        state=state,
        request=request,
        recorded_on=recorded_on,
    )
    with transaction.atomic():
        fee.full_clean()
        fee.save()
        if request is not None and request.policy_line_id:
            cap_warn(line=request.policy_line, as_of=recorded_on)
    return fee


def line_spent(line: PolicyLine) -> Decimal:
    """The fees recorded against the services approved under ``line``."""
    fees = Fee.objects.filter(request__policy_line=line)
    return fees.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def chair_users(committee, day: datetime.date) -> list:
    """Who hears of a cap passed: the chair serving that day (the secretaries if no chair
    logs in)."""
    seats = (
        Membership.objects.active_on(day)
        .filter(committee=committee, role=Membership.Role.CHAIR, director__user__is_active=True)
        .select_related("director__user")
    )
    users = [seat.director.user for seat in seats]
    return users or list(secretaries())


def cap_warn(*, line: PolicyLine, as_of: datetime.date) -> list[int]:
    """Tell the chair once per threshold the fees against ``line`` reach (the key holds the line
    and the threshold, so a repeated call sends nothing twice); returns the thresholds told."""
    spent = line_spent(line)
    policy = line.policy
    committee = policy.committee
    told = []
    for threshold in CAP_THRESHOLDS:
        reached = spent * 100 >= line.cap * threshold
        # The last threshold is the cap itself: spending up to it is approved, beyond it is not.
        if threshold >= 100:
            reached = spent > line.cap
        if line.cap <= 0 or not reached:
            continue
        words = "has passed" if threshold >= 100 else f"has reached {threshold}% of"
        url = reverse("auditors:policy", args=[committee.slug])
        message = message_queue(
            key=f"auditors.cap:{line.pk}:{threshold}",
            recipients=chair_users(committee, as_of),
            subject=f"{committee}: fees {words} a pre-approval cap",
            body=f"The fees recorded for “{line.service}” (policy v{policy.version}) come to "
            f"${spent:,.2f}, against a cap of ${line.cap:,.2f}. "
            + (
                "Spending beyond the cap is not pre-approved: the committee approves any more "
                "specifically."
                if threshold >= 100
                else "Further services under this line may not fit under the cap."
            )
            + f"\n\nThe policy and its caps: {url}",
            as_of=as_of,
        )
        if message is not None:
            told.append(threshold)
    return told
