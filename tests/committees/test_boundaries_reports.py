"""How a compliance report hands its findings on: ``charter_status --json`` prints each finding as
Finding.as_json() gives it, and pages look findings up by key (docs/rules.md: every rule reports one
finding with its kind, rule id, status, due date and explanation)."""

import datetime

from committees.compliance.composition import CompositionReport
from committees.compliance.findings import Finding, Kind, Status


def _finding(key="committees.composition.size", due=None):
    return Finding(
        key=key,
        kind=Kind.LISTING,
        rule="Nasdaq 5605(c)(2)(A)",
        title="At least three members",
        status=Status.CURE_PERIOD,
        detail="Two members serve; a third must be seated.",
        due=due,
    )


def test_5605c2A_a_finding_as_json_holds_every_field_by_name():
    finding = _finding(due=datetime.date(2027, 3, 31))
    assert finding.as_json() == {
        "key": "committees.composition.size",
        "kind": "listing",
        "rule": "Nasdaq 5605(c)(2)(A)",
        "status": "cure_period",
        "due": "2027-03-31",
        "detail": "Two members serve; a third must be seated.",
    }


def test_5605c2A_a_finding_without_a_due_date_gives_none():
    assert _finding().as_json()["due"] is None


def test_a_report_finds_a_finding_by_key_and_none_for_an_unknown_key():
    size = _finding()
    literacy = _finding(key="committees.composition.literacy")
    report = CompositionReport(
        committee=None,
        as_of=datetime.date(2026, 6, 1),
        charter=None,
        members=(),
        findings=(size, literacy),
        status=Status.CURE_PERIOD,
    )
    assert report.finding("committees.composition.literacy") is literacy
    assert report.finding("committees.composition.unknown") is None
