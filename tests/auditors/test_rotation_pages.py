"""The rotation, former-staff and fee-table pages: who opens them (404 for the rest, and for a
committee that is not an audit committee), the forms with refusals beside their fields and
nothing written, the CSV, and query counts that do not grow with the data."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auditors.models import Fee, FormerStaffHire, PartnerAssignment
from auditors.services.de_minimis import de_minimis_record
from auditors.services.hires import hire_record
from auditors.services.partners import partner_assign
from tests.auditors import support
from tests.meetings.support import NOW

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


def url(name, slug="audit"):
    return reverse(f"auditors:{name}", args=[slug])


@pytest.fixture
def cast(committee, chair, member, secretary, board_reader, outsider, other_member):
    return {
        "chair": chair,
        "member": member,
        "secretary": secretary,
        "board_reader": board_reader,
        "outsider": outsider,
        "other_member": other_member,
    }


OPENS = {
    "rotation": {"chair", "member", "secretary"},
    "hires": {"chair", "member", "secretary"},
    "fee_table": {"chair", "member", "secretary", "board_reader"},
    "fee_table_csv": {"chair", "member", "secretary", "board_reader"},
}


@pytest.mark.parametrize("page", OPENS)
def test_each_role_opens_only_what_it_may_and_others_get_404(page, cast, client_for):
    for role, user in cast.items():
        response = client_for(user).get(url(page))
        expected = 200 if role in OPENS[page] else 404
        assert response.status_code == expected, (page, role)
    # The compensation committee has no auditor: not found, even for the secretary.
    assert client_for(cast["secretary"]).get(url(page, "compensation")).status_code == 404


def test_anonymous_is_sent_to_log_in(client, committee):
    response = client.get(url("rotation"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_only_the_chair_and_the_secretary_record(committee, member, chair, client_for):
    support.engagement(committee, 2026)
    assert client_for(member).post(url("rotation"), {}).status_code == 403
    assert client_for(member).post(url("hires"), {}).status_code == 403
    page = client_for(member).get(url("rotation")).content.decode()
    assert "Record a partner's role" not in page
    assert "Record a partner's role" in client_for(chair).get(url("rotation")).content.decode()


def test_the_chair_records_an_assignment_and_a_sixth_lead_year_is_refused_beside_it(
    committee, chair, client_for
):
    """S-X 2-01(c)(6): the form records a year; the refusal of a sixth year as lead shows
    beside the partner field, and nothing is written."""
    for year in range(2021, 2026):
        partner_assign(
            engagement=support.engagement(committee, year), full_name="Pat Lee", role="lead"
        )
    engagement = support.engagement(committee, 2026)
    pat = support.partner("Pat Lee")
    client = client_for(chair)
    before = PartnerAssignment.objects.count()
    response = client.post(
        url("rotation"), {"engagement": engagement.pk, "partner": pat.pk, "role": "lead"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "five in a row" in errors["partner"][0] and "2031" in errors["partner"][0]
    assert 'id="id_partner_errors"' in response.content.decode()
    assert PartnerAssignment.objects.count() == before
    response = client.post(
        url("rotation"), {"engagement": engagement.pk, "full_name": "Kim Wu", "role": "lead"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert PartnerAssignment.objects.filter(partner__full_name="Kim Wu").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Kim Wu" in page and "Pat Lee" in page


def test_the_rotation_page_warns_of_the_last_allowed_year(committee, member, client_for):
    """S-X 2-01(c)(6): the page shows the year's standings and who must rotate when."""
    for year in range(2022, 2027):
        partner_assign(
            engagement=support.engagement(committee, year), full_name="Pat Lee", role="lead"
        )
    response = client_for(member).get(url("rotation") + "?year=2026")
    page = response.content.decode()
    assert "Last allowed year" in page
    assert "may return as lead from 2032" in page
    assert [s.state for s in response.context["page"].standings] == ["rotates_after_this_year"]
    # A year asked for that is not a year falls back to the current one.
    assert client_for(member).get(url("rotation") + "?year=abc").status_code == 200


def test_the_hire_form_records_and_shows_the_finding(committee, secretary, client_for):
    """S-X 2-01(c)(2)(iii)(B): the hire is recorded with its check; bad dates are refused beside
    the field and nothing is written."""
    firm = support.engagement(committee, 2026, procedures_begin_on=D(2026, 9, 1)).firm
    client = client_for(secretary)
    data = {
        "full_name": "Jo Park",
        "firm": firm.pk,
        "company_role": "Controller",
        "oversight_role": "on",
        "hired_on": "2026-03-02",
        "last_on_audit_on": "2026-04-01",
        "hours_on_audit": "40",
    }
    response = client.post(url("hires"), data)
    assert response.status_code == 200
    assert "cannot be after the hire day" in response.context["form"].errors["last_on_audit_on"][0]
    assert FormerStaffHire.objects.count() == 0
    response = client.post(url("hires"), {**data, "last_on_audit_on": "2025-12-15"}, follow=True)
    page = response.content.decode()
    assert FormerStaffHire.objects.count() == 1
    assert "Independence impaired" in page and "Jo Park" in page


def test_the_fee_table_page_and_csv_show_the_same_figures(
    committee, secretary, board_reader, client_for
):
    """Schedule 14A 9(e): the page and the download carry the same amounts; board readers see
    the table without the de minimis records (S-X 2-01(c)(7)(i)(C))."""
    last = support.engagement(committee, 2025)
    Fee.objects.create(
        engagement=last,
        service="Audit of the 2025 statements",
        category="audit",
        amount=Decimal("1234567.89"),
        recorded_on=D(2025, 3, 1),
    )
    de_minimis_record(
        engagement=last,
        service="Sales tax nexus study",
        nature="tax",
        fee="1000.00",
        provided_from=D(2025, 3, 1),
        found_on=D(2025, 5, 1),
        recognized_at_engagement=False,
        by=secretary,
        now=NOW,
    )
    # Today (15 June 2026) the last fiscal year ended is 2025: the default.
    page = client_for(secretary).get(url("fee_table")).content.decode()
    assert "$1,234,567.89" in page and "Sales tax nexus study" in page
    assert "Services not pre-approved" in page
    reader = client_for(board_reader).get(url("fee_table")).content.decode()
    assert "$1,234,567.89" in reader and "Services not pre-approved" not in reader
    response = client_for(board_reader).get(url("fee_table_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "fy2024-fy2025" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "fiscal_year"
    assert rows[1][:3] == ["2025", "Audit fees", "1234567.89"]
    assert rows[3][:6] == ["2025", "Tax fees", "1000.00", "1000.00", "0.00", "0.00"]
    other = client_for(secretary).get(url("fee_table_csv") + "?year=2026").content.decode()
    assert "2026,Audit fees,0.00" in other


def _build(committee, years, per_year: int):
    """Engagements for ``years``, each with a lead (four leads taking turns), ``per_year`` other
    partners, fees in three categories and hires of former staff."""
    for year in years:
        engagement = support.engagement(committee, year, procedures_begin_on=D(year, 9, 1))
        partner_assign(engagement=engagement, full_name=f"Lead {year % 4}", role="lead")
        for n in range(per_year):
            partner_assign(engagement=engagement, full_name=f"Other {year}-{n}", role="other")
            for category in ("tax", "audit", "all_other"):
                Fee.objects.create(
                    engagement=engagement,
                    service=f"{category} {year}-{n}",
                    category=category,
                    amount=Decimal("1000.00"),
                    recorded_on=D(year, 3, 1),
                )
            hire_record(
                committee=committee,
                firm=engagement.firm,
                full_name=f"Hire {year}-{n}",
                company_role="Controller",
                oversight_role=True,
                hired_on=D(year, 10, 1 + n),
                last_on_audit_on=D(year - 1, 1, 1),
                hours_on_audit=20,
            )


def _count(client, address) -> int:
    client.get(address)  # the first request fills the session and the stored evaluation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


def test_the_query_counts_do_not_grow_with_the_data(committee, secretary, client_for):
    client = client_for(secretary)
    pages = [
        url(name) + "?year=2020" for name in ("rotation", "hires", "fee_table", "fee_table_csv")
    ]
    _build(committee, range(2019, 2021), 1)
    small = [_count(client, page) for page in pages]
    _build(committee, range(2013, 2019), 3)
    large = [_count(client, page) for page in pages]
    assert large == small
