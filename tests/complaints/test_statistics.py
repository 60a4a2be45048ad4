"""Statistics for the committee (RULES 6): cases by quarter and category, time to acknowledge
and to close, as server-drawn SVG charts and CSV, without identities; the quarterly summary and
the annual review of the procedures recorded from the same page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from complaints import services
from complaints.models import ProcedureReview, QuarterlySummary

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def cases(new_case, chair):
    made = []
    for day, category in ((D(2026, 2, 3), "accounting"), (D(2026, 5, 4), "auditing")):
        moment = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        case, _ = new_case(narrative="StatsCanary", category=category, now=moment)
        services.committee_message_send(
            case=case, by=chair, body="Ack", now=moment + datetime.timedelta(days=2)
        )
        made.append(case)
    return made


D = datetime.date


def test_the_chair_sees_charts_drawn_on_the_server_and_no_identities(
    cases, chair, client_for, audit_committee
):
    url = reverse("complaints:statistics") + f"?committee={audit_committee.slug}"
    response = client_for(chair).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") == 2 and "<script" not in body.split("</main>")[0]
    assert "StatsCanary" not in body and cases[0].number not in body
    assert "Jan–Mar 2026" in body


def test_the_csv_has_one_row_per_quarter(cases, member, client_for, audit_committee):
    url = reverse("complaints:statistics") + f"?committee={audit_committee.slug}&format=csv"
    response = client_for(member).get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().strip().splitlines()
    assert rows[0].startswith("quarter,Accounting,")
    assert len(rows) == 1 + 8
    assert "Jan–Mar 2026,1,0,0,0,0,0,1,2.0," in rows


def test_who_sees_statistics(
    cases, client_for, other_member, investigator, board_reader, secretary
):
    url = reverse("complaints:statistics")
    for user in (other_member, investigator, board_reader):
        assert client_for(user).get(url).status_code == 404
    assert client_for(secretary).get(url).status_code == 200


def test_the_chair_records_the_quarterly_summary_and_the_procedure_review(
    cases, chair, member, client_for, audit_committee
):
    url = reverse("complaints:statistics")
    data = {"committee": audit_committee.slug, "action": "summary", "presented_on": "2026-06-10"}
    assert client_for(member).post(url, data).status_code == 404
    assert client_for(chair).post(url, data).status_code == 302
    summary = QuarterlySummary.objects.get()
    assert summary.period_start == D(2026, 1, 1) and summary.counts["received"] == 1
    again = client_for(chair).post(url, data)
    assert again.status_code == 400 and QuarterlySummary.objects.count() == 1
    future = {**data, "action": "review", "reviewed_on": "2026-07-01", "outcome": "Fine"}
    assert client_for(chair).post(url, future).status_code == 400
    review = {**future, "reviewed_on": "2026-06-01"}
    assert client_for(chair).post(url, review).status_code == 302
    assert ProcedureReview.objects.get().outcome == "Fine"
