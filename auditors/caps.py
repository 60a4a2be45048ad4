"""How much of each line of the pre-approval policy in force is used (S-X 2-01(c)(7)): the fees
of the services approved under the line against its cap, for the chart members read."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from auditors.models import PolicyLine, PreApprovalPolicy, ServiceRequest


@dataclass(frozen=True)
class LineUsage:
    line: PolicyLine
    used: Decimal
    remaining: Decimal  # never below zero
    over: bool  # more approved under the line than its cap
    share: int  # whole per cent of the cap used (may pass 100)


def policy_in_force(committee, as_of: datetime.date) -> PreApprovalPolicy | None:
    return (
        PreApprovalPolicy.objects.filter(
            committee=committee, effective_from__lte=as_of, effective_to__gte=as_of
        )
        .order_by("-effective_from", "-version")
        .first()
    )


def cap_usage(committee, as_of: datetime.date) -> list[LineUsage]:
    """Each line of the policy in force on ``as_of``, with the estimated fees of the services
    approved under it (two queries)."""
    policy = policy_in_force(committee, as_of)
    if policy is None:
        return []
    used = dict(
        ServiceRequest.objects.filter(
            policy_line__policy=policy, status=ServiceRequest.Status.APPROVED
        )
        .values("policy_line")
        .annotate(total=Sum("estimated_fee"))
        .values_list("policy_line", "total")
    )
    usages = []
    for line in policy.lines.order_by("category", "service"):
        spent = used.get(line.pk) or Decimal("0")
        share = int(round(spent * 100 / line.cap)) if line.cap else (100 if spent else 0)
        usages.append(
            LineUsage(
                line=line,
                used=spent,
                remaining=max(line.cap - spent, Decimal("0")),
                over=spent > line.cap,
                share=share,
            )
        )
    return usages
