"""The auditor's records for tests: a firm, a fiscal year's engagement, a held meeting of the
audit committee to approve things at. Fiscal years end on 31 December (tests.factories)."""

import datetime
from decimal import Decimal

from auditors.models import AuditFirm, AuditPartner, Engagement
from tests.meetings.support import hold

D = datetime.date


def firm(name="Hartwell & Ames LLP", **kwargs) -> AuditFirm:
    kwargs.setdefault("pcaob_id", "1234")
    kwargs.setdefault("office", "Boston, Massachusetts")
    return AuditFirm.objects.get_or_create(name=name, defaults=kwargs)[0]


def engagement(committee, fiscal_year=2026, *, audit_firm=None, **kwargs) -> Engagement:
    """An engagement approved at a meeting held early in ``fiscal_year`` unless told otherwise."""
    kwargs.setdefault("status", Engagement.Status.ACTIVE)
    if kwargs["status"] != Engagement.Status.PROPOSED:
        kwargs.setdefault("approved_on", D(fiscal_year, 2, 10))
        if "approved_at" not in kwargs:
            kwargs["approved_at"] = hold(committee, kwargs["approved_on"])
        kwargs.setdefault("audit_fee", Decimal("2400000.00"))
    kwargs.setdefault("procedures_begin_on", D(fiscal_year, 9, 1))
    return Engagement.objects.create(
        committee=committee, firm=audit_firm or firm(), fiscal_year=fiscal_year, **kwargs
    )


def partner(name, audit_firm=None) -> AuditPartner:
    return AuditPartner.objects.get_or_create(firm=audit_firm or firm(), full_name=name)[0]
