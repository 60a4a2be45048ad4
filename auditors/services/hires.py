"""Recording a former member of the audit team the company hires, and its cooling-off check
(S-X 2-01(c)(2)(iii)(B))."""

import datetime

from django.db import transaction

from auditors.cooling_off import CoolingOffFinding, findings_for
from auditors.models import AuditFirm, FormerStaffHire
from meetings.services.common import clean_text


@transaction.atomic
def hire_record(
    *,
    committee,
    firm: AuditFirm,
    full_name: str,
    company_role: str,
    oversight_role: bool,
    hired_on: datetime.date,
    last_on_audit_on: datetime.date,
    hours_on_audit: int,
    was_lead_or_concurring: bool = False,
) -> tuple[FormerStaffHire, CoolingOffFinding]:
    """Record the hire and return it with the check's finding. A hire that impairs independence
    is still recorded: it happened, and the committee's duty shows as failing until it is dealt
    with."""
    hire = FormerStaffHire(
        committee=committee,
        firm=firm,
        full_name=clean_text(full_name, "full_name", limit=200, required=True),
        company_role=clean_text(company_role, "company_role", limit=200, required=True),
        oversight_role=bool(oversight_role),
        hired_on=hired_on,
        last_on_audit_on=last_on_audit_on,
        hours_on_audit=hours_on_audit,
        was_lead_or_concurring=bool(was_lead_or_concurring),
    )
    hire.full_clean()
    hire.save()
    finding = next(
        f for h, f in findings_for(committee, first=hired_on, last=hired_on) if h == hire
    )
    return hire, finding
