"""The de minimis exception (S-X 2-01(c)(7)(i)(C)) at its boundaries: exactly 5% of the year's
fees is within and a cent more is not; recognized at engagement; approved on, before or after the
day the audit report is issued; and the record of a service found not pre-approved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from auditors.de_minimis import FoundService, de_minimis_for, de_minimis_test
from auditors.models import Fee, ServiceRequest
from auditors.services.de_minimis import de_minimis_approve, de_minimis_record
from tests.auditors import support
from tests.meetings.support import NOW, hold

D = datetime.date
REPORT = D(2027, 2, 20)
APPROVED = D(2026, 6, 10)
AFTER_REPORT = D(2027, 3, 1)


def found(fees="5000.00", *, recognized=False, approved_on=APPROVED, category="tax"):
    return FoundService(
        request=None,
        service="Sales tax nexus study",
        category=category,
        fees=Decimal(fees),
        recognized_at_engagement=recognized,
        approved_on=approved_on,
    )


def run(*services, total_other="95000.00", as_of=AFTER_REPORT, report=REPORT):
    fees = {"audit": Decimal(total_other)}
    for s in services:
        fees[s.category] = fees.get(s.category, Decimal("0")) + s.fees
    return de_minimis_test(
        fiscal_year=2026,
        fees_by_category=fees,
        services=list(services),
        report_issued_on=report,
        as_of=as_of,
    )


def test_exactly_five_percent_is_within_and_a_cent_more_is_not():
    """S-X 2-01(c)(7)(i)(C): 5,000.00 of 100,000.00 (exactly 5%) is within; 5,000.01 of
    100,000.01 is more than 5%."""
    within = run(found("5000.00"))
    assert within.failures == () and within.within
    assert within.percent == Decimal("5")
    over = run(found("5000.01"))
    assert len(over.failures) == 1 and "more than 5%" in over.failures[0]
    assert "does not cover" in over.message


def test_a_service_recognized_as_non_audit_at_engagement_is_not_covered():
    """S-X 2-01(c)(7)(i)(C): one recognized as non-audit when engaged needed pre-approval; an
    unrecorded answer is a failure too, saying what to record."""
    assert "needed pre-approval" in run(found(recognized=True)).failures[0]
    assert "is not recorded; record it" in run(found(recognized=None)).failures[0]


def test_approval_on_the_report_day_is_in_time_and_a_day_later_is_not():
    """S-X 2-01(c)(7)(i)(C): approved by the committee before the audit is completed (the day
    the audit report is issued counts as before); the day after does not."""
    assert run(found(approved_on=REPORT)).within
    late = run(found(approved_on=REPORT + datetime.timedelta(days=1)))
    assert "after the audit was completed on 20 February 2027" in late.failures[0]


def test_unapproved_waits_until_the_audit_completes_then_fails():
    """S-X 2-01(c)(7)(i)(C): before the report is issued an approval can still come; after it,
    the service was not approved in time."""
    waiting = run(found(approved_on=None), as_of=D(2027, 2, 19))
    assert waiting.failures == () and waiting.waiting and not waiting.within
    assert "by 20 February 2027" in waiting.waiting[0]
    failed = run(found(approved_on=None), as_of=REPORT)
    assert "did not approve" in failed.failures[0]


def test_the_proxy_percentage_per_category_counts_approved_services_only():
    """Schedule 14A 9(e), S-X 2-01(c)(7)(i)(C): the share of tax fees approved under the
    exception; a category without fees has no percentage."""
    result = run(found("5000.00"), total_other="95000.00")
    assert result.category_percent == {
        "audit_related": None,
        "tax": Decimal("100.00"),
        "all_other": None,
    }
    pending = run(found("5000.00", approved_on=None), as_of=D(2026, 12, 1))
    assert pending.category_percent["tax"] == Decimal("0.00")


# The service --------------------------------------------------------------------------------


def record(engagement, secretary, **overrides):
    kwargs = {
        "engagement": engagement,
        "service": "Sales tax nexus study",
        "nature": "tax",
        "fee": "20000.00",
        "provided_from": D(2026, 3, 1),
        "found_on": D(2026, 5, 10),
        "recognized_at_engagement": False,
        "by": secretary,
        "now": NOW,
        **overrides,
    }
    return de_minimis_record(**kwargs)


@pytest.mark.parametrize("nature", ["audit", "review", "attest"])
def test_an_audit_service_is_never_de_minimis(committee, secretary, nature):
    """S-X 2-01(c)(7)(i)(C): never for audit services; nothing is written."""
    engagement = support.engagement(committee, 2026)
    with pytest.raises(ValidationError) as refused:
        record(engagement, secretary, nature=nature)
    assert "never covers it" in refused.value.message_dict["nature"][0]
    assert ServiceRequest.objects.count() == 0 and Fee.objects.count() == 0


def test_bad_input_is_refused_with_nothing_half_saved(committee, secretary):
    engagement = support.engagement(committee, 2026)
    cases = [
        ({"nature": "legal"}, "nature"),
        ({"nature": "nonsense"}, "nature"),
        ({"fee": "-5"}, "fee"),
        ({"fee": "lots"}, "fee"),
        ({"fee": "99999999999"}, "fee"),
        ({"found_on": D(2026, 2, 1)}, "found_on"),
        ({"found_on": D(2026, 12, 1)}, "found_on"),
        ({"recognized_at_engagement": None}, "recognized_at_engagement"),
        ({"service": ""}, "service"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationError) as refused:
            record(engagement, secretary, **overrides)
        assert field in refused.value.message_dict, overrides
    assert ServiceRequest.objects.count() == 0 and Fee.objects.count() == 0


def test_recorded_with_its_fee_then_approved_at_a_meeting_with_quorum(committee, secretary):
    """S-X 2-01(c)(7)(i)(C): the service and its fee go in together; the committee approves it
    at a held meeting with a quorum, and the test then finds the year within the exception."""
    engagement = support.engagement(committee, 2026, report_issued_on=REPORT)
    Fee.objects.create(
        engagement=engagement,
        service="Audit of the annual statements",
        category="audit",
        amount=Decimal("2000000.00"),
        recorded_on=D(2026, 3, 1),
    )
    request = record(engagement, secretary)
    assert request.route == "de_minimis" and request.category == "tax"
    assert request.fees.get().amount == Decimal("20000.00")
    no_quorum = hold(committee, D(2026, 6, 1), present=[])
    with pytest.raises(ValidationError) as refused:
        de_minimis_approve(request=request, meeting=no_quorum, by=secretary)
    assert "no quorum" in str(refused.value)
    too_early = hold(committee, D(2026, 5, 1))
    with pytest.raises(ValidationError):
        de_minimis_approve(request=request, meeting=too_early, by=secretary)
    request.refresh_from_db()
    assert request.status == "pending"
    meeting = hold(committee, D(2026, 6, 10))
    de_minimis_approve(request=request, meeting=meeting, by=secretary)
    request.refresh_from_db()
    assert (request.status, request.decided_on, request.approved_at) == (
        "approved",
        D(2026, 6, 10),
        meeting,
    )
    result = de_minimis_for(committee, [2026], D(2027, 3, 1))[2026]
    assert result.within and result.total_fees == Decimal("2020000.00")
    with pytest.raises(ValidationError):
        de_minimis_approve(request=request, meeting=meeting, by=secretary)
