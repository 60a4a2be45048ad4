"""The cooling-off year (S-X 2-01(c)(2)(iii)(B)) at its boundaries: the last day on the audit one
calendar year before audit procedures begin and a day either side; 9 and 10 hours; a lead or
concurring partner with 5 hours."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from auditors import cooling_off
from auditors.models import FormerStaffHire
from auditors.services.hires import hire_record
from tests.auditors import support

D = datetime.date
BEGINS = D(2026, 9, 1)  # audit procedures for fiscal year 2026 begin
HIRED = D(2026, 10, 15)


def check(last_on, *, hours=120, partner=False, oversight=True, begins=BEGINS, same_firm=True):
    return cooling_off.cooling_off_check(
        full_name="Jo Park",
        oversight_role=oversight,
        hired_on=HIRED,
        last_on_audit_on=last_on,
        hours_on_audit=hours,
        was_lead_or_concurring=partner,
        fiscal_year=2026,
        procedures_begin_on=begins,
        audited_by_their_firm=same_firm,
    )


def test_last_day_exactly_one_year_before_procedures_is_inside_the_year():
    """S-X 2-01(c)(2)(iii)(B): the year before procedures begin on 1 September 2026 runs from 1
    September 2025: a last day on the audit that day impairs."""
    finding = check(D(2025, 9, 1))
    assert finding.impaired
    assert finding.window_start == D(2025, 9, 1)
    assert "1 September 2025" in finding.message and "impaired" in finding.message


def test_one_day_inside_impairs_and_one_day_outside_does_not():
    """S-X 2-01(c)(2)(iii)(B): 2 September 2025 is inside the year, 31 August 2025 outside."""
    assert check(D(2025, 9, 2)).impaired
    outside = check(D(2025, 8, 31))
    assert outside.state == cooling_off.CLEAR
    assert "the cooling-off year was kept" in outside.message


def test_nine_hours_are_left_out_and_ten_are_not():
    """S-X 2-01(c)(2)(iii)(B): fewer than 10 hours on the audit leaves a non-partner out."""
    nine = check(D(2026, 6, 1), hours=9)
    assert nine.state == cooling_off.EXCLUDED and "9 hours" in nine.message
    assert check(D(2026, 6, 1), hours=10).impaired


def test_a_lead_or_concurring_partner_is_never_left_out_for_few_hours():
    """S-X 2-01(c)(2)(iii)(B): a lead or concurring partner with 5 hours still impairs."""
    assert check(D(2026, 6, 1), hours=5, partner=True).impaired


def test_no_oversight_role_another_firm_or_no_start_day():
    """S-X 2-01(c)(2)(iii)(B): only an oversight role at the company, with the firm auditing the
    year, is checked; without the day procedures begin the check cannot be made and says so."""
    assert check(D(2026, 6, 1), oversight=False).state == cooling_off.NOT_OVERSIGHT
    assert check(D(2026, 6, 1), same_firm=False).state == cooling_off.OTHER_FIRM
    unknown = check(D(2026, 6, 1), begins=None)
    assert unknown.unknown and "record it on the year's engagement" in unknown.message


def test_a_leap_day_start_looks_back_to_28_february():
    """S-X 2-01(c)(2)(iii)(B): procedures beginning on 29 February look back to 28 February."""
    assert cooling_off.window_start(D(2028, 2, 29)) == D(2027, 2, 28)


def record(committee, **overrides):
    kwargs = {
        "committee": committee,
        "firm": support.firm(),
        "full_name": "Jo Park",
        "company_role": "Controller",
        "oversight_role": True,
        "hired_on": HIRED,
        "last_on_audit_on": D(2025, 9, 1),
        "hours_on_audit": 120,
        "was_lead_or_concurring": False,
        **overrides,
    }
    return hire_record(**kwargs)


def test_the_service_records_the_hire_and_returns_the_finding(committee):
    """S-X 2-01(c)(2)(iii)(B): the hire in fiscal year 2026 is checked against the day that
    year's procedures begin, on the recorded engagement."""
    support.engagement(committee, 2026, procedures_begin_on=BEGINS)
    hire, finding = record(committee)
    assert hire.pk and finding.impaired and finding.procedures_begin_on == BEGINS
    _, clear = record(committee, full_name="Lu Chen", last_on_audit_on=D(2025, 8, 31))
    assert clear.state == cooling_off.CLEAR


def test_bad_input_is_refused_and_nothing_saved(committee):
    support.engagement(committee, 2026)
    cases = [
        ({"last_on_audit_on": D(2026, 10, 16)}, "last_on_audit_on"),
        ({"hours_on_audit": 50_000}, "hours_on_audit"),
        ({"full_name": "  "}, "full_name"),
        ({"company_role": ""}, "company_role"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationError) as refused:
            record(committee, **overrides)
        assert field in refused.value.message_dict, overrides
    assert FormerStaffHire.objects.count() == 0
