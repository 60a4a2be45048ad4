"""Fees against the caps of the pre-approval policy in force (S-X 2-01(c)(7)): for each line, the
fees recorded for the services approved under it, what is left, and whether it is over. Two
queries whatever the number of lines, requests and fees."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from auditors.models import Fee, PolicyLine, PreApprovalPolicy, ServiceRequest

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineUsage:
    line: PolicyLine
    used: Decimal  # fees recorded against the line's services
    remaining: Decimal  # cap less used, never below zero
    over: bool  # used beyond the cap
    share: float  # used / cap: 0 to 1, above 1 when over
    committed: Decimal = ZERO  # estimated fees of the services approved under the line

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def over_by(self) -> Decimal:
        return max(self.used - self.line.cap, ZERO)

    @property
    def bar_percent(self) -> int:
        """The bar's width: the share, drawn no wider than the whole cap."""
        return min(100, self.percent)


def _total(queryset, field: str):
    money = DecimalField(max_digits=16, decimal_places=2)
    summed = queryset.order_by().values("group").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(summed, output_field=money), Value(ZERO), output_field=money)


def cap_usage(committee, as_of: datetime.date) -> list[LineUsage]:
    """The lines of the committee's policy in force on ``as_of``, with their use."""
    # The policy in force and its lines in one query: the policy is a subquery of the lines'.
    policy = (
        PreApprovalPolicy.objects.filter(
            committee=committee, effective_from__lte=as_of, effective_to__gte=as_of
        )
        .order_by("-version")
        .values("pk")[:1]
    )
    fees = Fee.objects.filter(request__policy_line=OuterRef("pk")).annotate(group=Value(1))
    approved = ServiceRequest.objects.filter(
        policy_line=OuterRef("pk"), status=ServiceRequest.Status.APPROVED
    ).annotate(group=Value(1))
    lines = (
        PolicyLine.objects.filter(policy_id=Subquery(policy))
        .select_related("policy")
        .annotate(used=_total(fees, "amount"), committed=_total(approved, "estimated_fee"))
        .order_by("category", "service", "pk")
    )
    usages = []
    for line in lines:
        used = Decimal(line.used)
        share = float(used / line.cap) if line.cap else 0.0
        usages.append(
            LineUsage(
                line=line,
                used=used,
                remaining=max(line.cap - used, ZERO),
                over=used > line.cap,
                share=share,
                committed=Decimal(line.committed),
            )
        )
    return usages
