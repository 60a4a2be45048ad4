"""The rotation, cooling-off and de minimis duties in the deadline engine: flagged in a partner's
last allowed year, failing when a recorded assignment (made past the portal's form) breaks a
limit, failing while an impairing hire stands, and the de minimis test per fiscal year."""

import datetime
from decimal import Decimal

import pytest

from auditors.models import Fee, PartnerAssignment
from auditors.requirements import rotation as req
from auditors.services.de_minimis import de_minimis_approve, de_minimis_record
from auditors.services.hires import hire_record
from auditors.services.partners import partner_assign
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run
from tests.auditors import support
from tests.meetings.support import NOW, hold

D = datetime.date


def status_on(committee, key, as_of, period_start=None):
    """The occurrence holding ``as_of`` (or starting on ``period_start``) after a run that day."""
    deadlines_run(as_of=as_of)
    rows = Occurrence.objects.filter(committee=committee, requirement_key=key)
    if period_start is not None:
        return rows.get(period_start=period_start)
    return rows.filter(period_start__lte=as_of).order_by("-period_start").first()


def test_each_duty_is_an_sec_rule_with_its_rule_id():
    """S-X 2-01(c)(6), S-X 2-01(c)(2)(iii)(B), S-X 2-01(c)(7)(i)(C): registered under the rule ids
    of the rules' auditor section, SEC kind (never waivable)."""
    rules = {key: registry.get(key).rule for key in req.ROTATION_KEYS}
    assert rules == {
        "auditors.partner_rotation": "S-X 2-01(c)(6)",
        "auditors.cooling_off": "S-X 2-01(c)(2)(iii)(B)",
        "auditors.de_minimis": "S-X 2-01(c)(7)(i)(C)",
    }
    for key in req.ROTATION_KEYS:
        assert registry.get(key).kind == "sec" and not registry.get(key).is_waivable


@pytest.fixture
def pat_five_years(committee):
    for year in range(2022, 2027):
        partner_assign(
            engagement=support.engagement(committee, year), full_name="Pat Lee", role="lead"
        )
    return support.partner("Pat Lee")


def test_the_last_allowed_year_is_flagged_until_a_successor_is_recorded(committee, pat_five_years):
    """S-X 2-01(c)(6): in fiscal year 2026, Pat's fifth as lead, the duty is due soon (on the
    year's last day) and names the year Pat may return; recording 2027's new lead meets it."""
    row = status_on(committee, req.ROTATION_KEY, D(2026, 6, 15))
    assert row.status == "due_soon" and row.due_date == D(2026, 12, 31)
    assert "Fiscal year 2027's audit needs another partner" in row.detail
    assert "may return as lead from 2032" in row.detail
    assert row.evidence.count() == 1
    partner_assign(engagement=support.engagement(committee, 2027), full_name="Kim Wu", role="lead")
    assert status_on(committee, req.ROTATION_KEY, D(2026, 6, 16)).status == "met"


def test_a_breach_recorded_past_the_form_is_failing(committee, pat_five_years):
    """S-X 2-01(c)(6): an assignment saved without the service's check (the admin's bulk tools,
    a data import) still shows as failing, with the years and the return year."""
    PartnerAssignment.objects.create(
        engagement=support.engagement(committee, 2027), partner=pat_five_years, role="lead"
    )
    row = status_on(committee, req.ROTATION_KEY, D(2026, 6, 15))
    assert row.status == "failing"
    assert "recorded as lead partner for fiscal year 2027, year 6" in row.detail
    assert "may return as lead from 2033" in row.detail


def test_year_four_of_a_lead_partner_is_met(committee):
    """S-X 2-01(c)(6): a partner in year 4 of 5 raises nothing."""
    for year in range(2023, 2027):
        partner_assign(
            engagement=support.engagement(committee, year), full_name="Pat Lee", role="lead"
        )
    assert status_on(committee, req.ROTATION_KEY, D(2026, 6, 15)).status == "met"


def test_an_impairing_hire_makes_the_cooling_off_duty_fail(committee):
    """S-X 2-01(c)(2)(iii)(B): failing from the hire day while the impairing hire stands; a hire
    that kept the cooling-off year is met."""
    support.engagement(committee, 2026, procedures_begin_on=D(2026, 9, 1))
    common = {
        "committee": committee,
        "firm": support.firm(),
        "company_role": "Controller",
        "oversight_role": True,
        "hired_on": D(2026, 3, 2),
        "hours_on_audit": 200,
    }
    hire_record(full_name="Lu Chen", last_on_audit_on=D(2025, 8, 31), **common)
    assert status_on(committee, req.COOLING_OFF_KEY, D(2026, 6, 15)).status == "met"
    hire_record(full_name="Jo Park", last_on_audit_on=D(2025, 9, 1), **common)
    row = status_on(committee, req.COOLING_OFF_KEY, D(2026, 6, 16))
    assert row.status == "failing" and "Jo Park" in row.detail
    assert row.evidence.count() == 2


@pytest.fixture
def found_service(committee, secretary):
    engagement = support.engagement(committee, 2026, report_issued_on=D(2027, 2, 20))
    Fee.objects.create(
        engagement=engagement,
        service="Audit",
        category="audit",
        amount=Decimal("1000000.00"),
        recorded_on=D(2026, 3, 1),
    )
    return de_minimis_record(
        engagement=engagement,
        service="Sales tax nexus study",
        nature="tax",
        fee="20000.00",
        provided_from=D(2026, 3, 1),
        found_on=D(2026, 5, 10),
        recognized_at_engagement=False,
        by=secretary,
        now=NOW,
    )


FY2026 = D(2026, 1, 1)


def test_the_de_minimis_duty_waits_for_the_report_then_is_met(committee, secretary, found_service):
    """S-X 2-01(c)(7)(i)(C): due while the audit is not completed (due soon as the report day
    nears); met on the report day once the committee approved the service in time."""
    row = status_on(committee, req.DE_MINIMIS_KEY, D(2026, 12, 1), FY2026)
    assert row.status == "due" and "The test is final when the audit report" in row.detail
    row = status_on(committee, req.DE_MINIMIS_KEY, D(2027, 2, 19), FY2026)
    assert row.status == "due_soon" and row.due_date == D(2027, 2, 20)
    assert "bring it to the committee for approval by 20 February 2027" in row.detail
    meeting = hold(committee, D(2026, 6, 10))
    de_minimis_approve(request=found_service, meeting=meeting, by=secretary)
    met = status_on(committee, req.DE_MINIMIS_KEY, D(2027, 2, 20), FY2026)
    assert met.status == "met" and "within the de minimis exception" in met.detail
    assert [link.object_id for link in met.evidence.all()] == [str(meeting.pk)]


def test_the_de_minimis_duty_fails_when_the_audit_completes_unapproved(committee, found_service):
    """S-X 2-01(c)(7)(i)(C): the report issued without the committee's approval: failing."""
    status_on(committee, req.DE_MINIMIS_KEY, D(2026, 12, 1), FY2026)
    failing = status_on(committee, req.DE_MINIMIS_KEY, D(2027, 2, 20), FY2026)
    assert failing.status == "failing" and "did not approve" in failing.detail
