"""The charter evidence report: each clause, its requirements, their outcomes, waivers and
evidence for a fiscal year; printable and downloadable as CSV (safe against formula injection)."""

import csv
import io

import pytest
from django.urls import reverse

from deadlines.cadences import FiscalYear
from deadlines.services import waiver_grant
from deadlines.status import Kind
from deadlines.views.report import csv_safe
from tests.deadlines import views_data
from tests.deadlines.support import occurrence, requirement, run
from tests.deadlines.views_data import CAN_SEE, CANNOT_SEE, QUARTERLY, TODAY, D

# Fixtures shared with the deadline engine's tests.
on_today = views_data.on_today
year = views_data.year

REPORT = reverse("deadlines:report")


def _csv(client, **params):
    response = client.get(REPORT, {"committee": "audit", "fy": "2026", "format": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="evidence-audit-fy2026.csv"'
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("who", CAN_SEE)
def test_who_sees_the_committee_reads_its_report(year, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    response = client.get(REPORT, {"committee": "audit", "fy": "2026"})
    assert response.status_code == 200
    assert len(_csv(client)) == 5


@pytest.mark.parametrize("who", CANNOT_SEE)
def test_another_committees_report_is_404(year, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(REPORT, {"committee": "audit"}).status_code == 404
    assert client.get(REPORT, {"committee": "audit", "format": "csv"}).status_code == 404


def test_anonymous_goes_to_login(year, client):
    assert client.get(REPORT, {"format": "csv"}).url.startswith(reverse("login"))


def test_one_table_with_each_rule_outcomes_and_evidence(year, client_for, member):
    response = client_for(member).get(REPORT, {"committee": "audit", "fy": "2026"})
    report = response.context["report"]
    # Worst first; each row cites its own rule.
    assert [(r.rule, r.kind, r.status) for r in report.rows] == [
        ("Charter: Meetings", "charter", "overdue"),
        ("Charter: Responsibilities 3", "charter", "overdue"),
        ("Charter: Meetings", "charter", "due_soon"),
        ("Charter: Responsibilities 3", "charter", "due"),
        ("PCAOB 3526(b)", "sec", "met"),
    ]
    meetings = [r.item for r in report.rows if r.title == "Quarterly review"]
    assert [(i.occurrence.period_start, str(i.status)) for i in meetings] == [
        (D(2026, 1, 1), "overdue"),
        (D(2026, 4, 1), "due_soon"),
    ]
    html = response.content.decode()
    assert 'href="/evidence/tests.independence_letter/2026-06-02"' in html
    assert "No requirement was waived this year." in html
    assert "Download CSV" in html


def test_a_requirement_with_nothing_that_year_is_still_listed(year, done, client_for, member):
    requirement("tests.later_duty", FiscalYear(), done, title="Later duty", rule="Charter: Z")
    response = client_for(member).get(REPORT, {"committee": "audit", "fy": "2026"})
    assert "Nothing recorded for this fiscal year." in response.content.decode()


def test_waivers_show_on_the_page_and_in_the_csv(year, client_for, chair, member):
    """A waiver shows on every report: who, when and why."""
    waiver_grant(
        occurrence=year["q1"], user=chair, reason="Joint meeting with the board.", as_of=TODAY
    )
    client = client_for(member)
    html = client.get(REPORT, {"committee": "audit", "fy": "2026"}).content.decode()
    assert "Waivers this year" in html
    assert "Waived by Alice Chair on 15 June 2026" in html
    assert html.count("Joint meeting with the board.") == 2  # the summary and the table
    row = next(
        r
        for r in _csv(client)
        if r["Period start"] == "2026-01-01" and r["Requirement key"] == QUARTERLY
    )
    assert (row["Status"], row["Waived by"], row["Waived on"]) == (
        "waived",
        "Alice Chair",
        "2026-06-15",
    )
    assert row["Waiver reason"] == "Joint meeting with the board."


def test_csv_has_one_row_per_occurrence(year, client_for, secretary, settings):
    settings.SITE_URL = "https://portal.example.test"
    rows = _csv(client_for(secretary))
    # The page's order: worst first.
    assert [(r["Requirement"], r["Period start"], r["Status"]) for r in rows] == [
        ("Quarterly review", "2026-01-01", "overdue"),
        ("Quarterly filing review", "2026-01-01", "overdue"),
        ("Quarterly review", "2026-04-01", "due soon"),
        ("Quarterly filing review", "2026-04-01", "due"),
        ("Auditor independence letter", "2026-01-01", "met"),
    ]
    letter = rows[-1]
    assert letter["Met on"] == "2026-06-02"
    assert letter["Kind"] == "SEC rule"
    assert letter["Evidence"] == (
        "Done on 2026-06-02 "
        "<https://portal.example.test/evidence/tests.independence_letter/2026-06-02>"
    )


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Plain words", "Plain words"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_cannot_start_a_formula(value, cell):
    assert csv_safe(value) == cell


def test_hostile_text_is_neutralised_in_the_download(domain, done, client_for, chair, on_today):
    requirement(
        "tests.hostile",
        FiscalYear(),
        done,
        title="=cmd|' /C calc'!A0",
        rule="@rule",
        kind=Kind.CHARTER,
    )
    run(TODAY)
    waiver_grant(
        occurrence=occurrence("tests.hostile", D(2026, 1, 1)),
        user=chair,
        reason="-2+3",
        as_of=TODAY,
    )
    (row,) = _csv(client_for(chair))
    assert row["Requirement"] == "'=cmd|' /C calc'!A0"
    assert row["Clause or rule"] == "'@rule"
    assert row["Waiver reason"] == "'-2+3"
