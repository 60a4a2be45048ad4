"""Partner rotation (S-X 2-01(c)(6)) at its boundaries: the pure arithmetic on a partner's history,
then the service and the admin's form that refuse an assignment beyond a limit."""

import pytest
from django.core.exceptions import ValidationError

from auditors import rotation
from auditors.models import AuditPartner, Engagement, PartnerAssignment
from auditors.services.partners import partner_assign
from tests.auditors import support

LEAD, CONCURRING, OTHER = "lead", "concurring", "other"


def years(first, last, role):
    return dict.fromkeys(range(first, last + 1), role)


# The pure check -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [LEAD, CONCURRING])
def test_year_five_in_the_role_is_allowed_and_year_six_refused(role):
    """S-X 2-01(c)(6): a lead or concurring partner serves at most 5 consecutive years in the
    role: the fifth is allowed, the sixth refused."""
    assert rotation.assignment_breach("Pat Lee", years(2022, 2025, role), 2026, role) is None
    breach = rotation.assignment_breach("Pat Lee", years(2022, 2026, role), 2027, role)
    assert breach is not None and breach.year == 2027 and breach.limit.years == 5
    assert breach.may_return_year == 2033  # had they served 2027: five years off, 2028-2032


def test_the_refusal_says_how_long_and_when_the_partner_may_return():
    """S-X 2-01(c)(6): the refusal names the years served and the first year back."""
    breach = rotation.assignment_breach("Pat Lee", years(2022, 2026, LEAD), 2027, LEAD)
    assert breach.message() == (
        "Pat Lee has been lead partner for fiscal years 2022 to 2026, five in a row; fiscal "
        "year 2027 would be year 6, beyond the limit of 5 (S-X 2-01(c)(6)). Pat Lee may return "
        "as lead from 2032."
    )


def test_an_other_audit_partner_serves_seven_years_and_not_eight():
    """S-X 2-01(c)(6): another audit partner serves at most 7 consecutive years on the audit."""
    assert rotation.assignment_breach("Sam Ortiz", years(2020, 2025, OTHER), 2026, OTHER) is None
    breach = rotation.assignment_breach("Sam Ortiz", years(2020, 2026, OTHER), 2027, OTHER)
    assert breach is not None and breach.limit is rotation.ANY_PARTNER
    assert "seven in a row" in breach.message()
    assert "may return to the audit from 2029" in breach.message()


def test_a_lead_partner_returns_after_five_years_off_not_four():
    """S-X 2-01(c)(6): after five years as lead, four years off is too few (the count goes on:
    the return would be a sixth year); five years off starts it again."""
    served = years(2020, 2024, LEAD)
    four_off = rotation.assignment_breach("Pat Lee", served, 2029, LEAD)
    assert four_off is not None
    assert "after 4 years off, shorter than the 5-year time-out" in four_off.message()
    assert "may return as lead from 2030" in four_off.message()
    assert rotation.assignment_breach("Pat Lee", served, 2030, LEAD) is None


def test_an_other_partner_returns_after_two_years_off_not_one():
    """S-X 2-01(c)(6): after seven years as an audit partner, one year off is too few; two
    start the count again."""
    served = years(2015, 2021, OTHER)
    assert rotation.assignment_breach("Sam Ortiz", served, 2023, OTHER) is not None
    assert rotation.assignment_breach("Sam Ortiz", served, 2024, OTHER) is None


def test_a_short_break_pauses_the_count_without_restarting_it():
    """S-X 2-01(c)(6): five years lead, one year off, back as lead: refused; and three years,
    a year off, two more make five, so a sixth is refused."""
    assert rotation.assignment_breach("Pat Lee", years(2020, 2024, LEAD), 2026, LEAD)
    history = {**years(2020, 2022, LEAD), **years(2024, 2025, LEAD)}
    assert rotation.counted_years(history, 5, 2025) == (2020, 2021, 2022, 2024, 2025)
    assert rotation.assignment_breach("Pat Lee", history, 2026, LEAD) is not None
    standing = rotation.standing_in("Pat Lee", history, 2025)
    assert standing.state == rotation.ROTATES and standing.may_return_year == 2031
    assert "five years counted together" in standing.message


def test_the_time_out_is_from_the_role_and_the_seven_years_count_every_role():
    """S-X 2-01(c)(6): a lead partner's time-out is from the lead role; as concurring partner
    the years on the audit still count towards the seven, so the eighth year is refused."""
    history = years(2020, 2024, LEAD)
    assert rotation.assignment_breach("Pat Lee", history, 2025, CONCURRING) is None
    history = {**history, **years(2025, 2026, CONCURRING)}
    breach = rotation.assignment_breach("Pat Lee", history, 2027, CONCURRING)
    assert breach is not None and breach.limit is rotation.ANY_PARTNER


def test_standing_in_each_year_of_a_lead_partner():
    """S-X 2-01(c)(6): years 1 to 4 within, year 5 the last allowed (rotates after it), year 6
    beyond the limit."""
    history = years(2022, 2027, LEAD)
    states = [rotation.standing_in("Pat Lee", history, y).state for y in range(2022, 2028)]
    assert states == ["ok"] * 4 + ["rotates_after_this_year", "breaks_rule"]
    fourth = rotation.standing_in("Pat Lee", history, 2025)
    assert (fourth.consecutive_years, fourth.limit, fourth.last_allowed_year) == (4, 5, 2026)
    assert fourth.may_return_year == 2032
    last = rotation.standing_in("Pat Lee", history, 2026)
    assert "Fiscal year 2027's audit needs another partner" in last.message
    beyond = rotation.standing_in("Pat Lee", history, 2027)
    assert beyond.last_allowed_year == 2026 and beyond.may_return_year == 2033


def test_an_other_partner_rotates_after_year_seven():
    """S-X 2-01(c)(6): year 7 of another audit partner is the last allowed, 2 years off."""
    standing = rotation.standing_in("Sam Ortiz", years(2020, 2026, OTHER), 2026)
    assert standing.state == rotation.ROTATES
    assert (standing.limit, standing.last_allowed_year, standing.may_return_year) == (
        7,
        2026,
        2029,
    )


def test_a_year_with_a_successor_is_no_longer_waiting():
    """S-X 2-01(c)(6): in a lead partner's last allowed year the warning stands until the next
    year's audit records another lead partner."""
    pat = rotation.PartnerHistory("Pat Lee", years(2022, 2026, LEAD), {})
    assert [s.partner for s in rotation.still_to_replace([pat], 2026)] == ["Pat Lee"]
    kim = rotation.PartnerHistory("Kim Wu", {2027: LEAD}, {})
    assert rotation.still_to_replace([pat, kim], 2026) == []


# The service and the model ------------------------------------------------------------------


@pytest.fixture
def five_years_lead(committee):
    for year in range(2022, 2027):
        partner_assign(
            engagement=support.engagement(committee, year),
            full_name="Pat Lee" if year == 2022 else "",
            partner=None if year == 2022 else support.partner("Pat Lee"),
            role=LEAD,
        )
    return support.partner("Pat Lee")


def test_the_service_refuses_a_sixth_year_as_lead_and_saves_nothing(committee, five_years_lead):
    """S-X 2-01(c)(6): recording a sixth consecutive year as lead is refused beside the partner,
    with the years and the return year; no row is written."""
    engagement = support.engagement(committee, 2027)
    before = PartnerAssignment.objects.count()
    with pytest.raises(ValidationError) as refused:
        partner_assign(engagement=engagement, partner=five_years_lead, role=LEAD)
    message = refused.value.message_dict["partner"][0]
    assert "lead partner for fiscal years 2022 to 2026, five in a row" in message
    assert "may return as lead from 2032" in message
    assert PartnerAssignment.objects.count() == before
    # Another partner, named new, takes the lead; Pat may stay on as another audit partner.
    partner_assign(engagement=engagement, full_name="Kim Wu", role=LEAD)
    partner_assign(engagement=engagement, partner=five_years_lead, role=OTHER)
    assert PartnerAssignment.objects.count() == before + 2


def test_a_terminated_engagement_does_not_count(committee, five_years_lead):
    """S-X 2-01(c)(6): only live engagements count; a terminated year is a year off."""
    Engagement.objects.filter(fiscal_year=2026).update(status=Engagement.Status.TERMINATED)
    engagement = support.engagement(committee, 2027)
    assert partner_assign(engagement=engagement, partner=five_years_lead, role=LEAD).pk


def test_bad_input_is_refused_with_nothing_half_saved(committee):
    engagement = support.engagement(committee, 2026)
    other_firm = support.firm("Other & Co LLP")
    stranger = support.partner("Lee Stranger", other_firm)
    partners = AuditPartner.objects.count()
    cases = [
        ({"role": "boss", "full_name": "New Person"}, "role"),
        ({"role": LEAD}, "partner"),
        ({"role": LEAD, "partner": stranger}, "partner"),
        ({"role": LEAD, "partner": stranger, "full_name": "Both"}, "full_name"),
        ({"role": LEAD, "full_name": "x" * 201}, "full_name"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as refused:
            partner_assign(engagement=engagement, **kwargs)
        assert field in refused.value.message_dict, kwargs
    assert PartnerAssignment.objects.count() == 0
    assert AuditPartner.objects.count() == partners


def test_two_leads_in_one_year_are_refused(committee):
    engagement = support.engagement(committee, 2026)
    partner_assign(engagement=engagement, full_name="Pat Lee", role=LEAD)
    with pytest.raises(ValidationError) as refused:
        partner_assign(engagement=engagement, full_name="Kim Wu", role=LEAD)
    assert "already has a partner in that role" in str(refused.value)
    assert not AuditPartner.objects.filter(full_name="Kim Wu").exists()


def test_the_models_clean_refuses_what_the_service_refuses(committee, five_years_lead):
    """S-X 2-01(c)(6): the admin's form (full_clean) refuses the sixth year too; editing a
    recorded year in place does not count that year twice."""
    engagement = support.engagement(committee, 2027)
    with pytest.raises(ValidationError):
        PartnerAssignment(engagement=engagement, partner=five_years_lead, role=LEAD).full_clean()
    existing = PartnerAssignment.objects.get(engagement__fiscal_year=2026)
    existing.full_clean()
