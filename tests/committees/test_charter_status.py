"""`manage.py charter_status`: the requirements of each committee on a date, as text or JSON,
exiting 1 when anything is failing or overdue. "Today" is 15 June 2026."""

import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from committees import services
from committees.models import CharterReview, Employment
from tests import factories as f
from tests.auditors.portal_support import keep_the_auditor
from tests.meetings.support import keep_the_meetings_charter

D = datetime.date
# Every key the JSON always had, and the title added for issue 8.
REQUIREMENT_KEYS = {"key", "kind", "rule", "status", "due", "detail", "title"}
# RULES 5 and Charter: Responsibilities 1 to 4: the auditor's duties, an audit committee's only.
AUDITOR_KEYS = {
    "auditors.preapproval_reported",
    "auditors.preapproval_policy",
    "auditors.partner_rotation",
    "auditors.cooling_off",
    "auditors.de_minimis",
    "auditors.engagement_approved",
    "auditors.first_engagement_relationships",
    "auditors.independence_letter",
    "auditors.quality_control_report",
    "auditors.audit_plan",
    "auditors.as1301_communications",
    "auditors.statements_review",
    "auditors.audit_findings",
    "auditors.auditor_evaluation",
    "auditors.ratification",
    "auditors.committee_report",
}
# The rule each SEC or PCAOB duty cites, as docs/rules.md gives it.
AUDITOR_RULES = {
    "auditors.preapproval_reported": "SOX 202",
    "auditors.preapproval_policy": "S-X 2-01(c)(7)",
    "auditors.partner_rotation": "S-X 2-01(c)(6)",
    "auditors.cooling_off": "S-X 2-01(c)(2)(iii)(B)",
    "auditors.de_minimis": "S-X 2-01(c)(7)(i)(C)",
    "auditors.first_engagement_relationships": "PCAOB 3526(a)",
    "auditors.independence_letter": "PCAOB 3526(b)",
    "auditors.as1301_communications": "AS 1301",
    "auditors.committee_report": "S-K 407(d)(3)",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def compliant(audit_committee, other_committee, chair, member, other_member):
    """Three qualified audit members (Alice chairs, financially sophisticated); the compensation
    committee has one member: one short of the two of Nasdaq 5605(d)(2)(A), and two short of the
    three its charter asks for, so it fails both."""
    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    # Charter: Responsibilities 7: reviewed this February, so the next review is months away.
    for committee in (audit_committee, other_committee):
        CharterReview.objects.create(
            committee=committee,
            reviewed_on=D(2026, 2, 12),
            held_at=CharterReview.HeldAt.MEETING,
            held_at_reference=f"{committee.name} meeting of 12 February 2026",
            outcome=CharterReview.Outcome.NO_CHANGE,
        )
    # Charter: Meetings: the audit committee keeps every meeting duty too.
    held = keep_the_meetings_charter(audit_committee)
    # RULES 5, Charter: Responsibilities 1 to 4: and every auditor duty.
    keep_the_auditor(audit_committee, held)
    return audit_committee


def status(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("charter_status", *args, stdout=out)
    except SystemExit as stop:
        return stop.code, out.getvalue()
    return 0, out.getvalue()


def test_json_has_exactly_the_documented_shape(compliant):
    code, out = status("--committee", "audit", "--as-of", "2026-06-15", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"as_of", "committees"} and data["as_of"] == "2026-06-15"
    (committee,) = data["committees"]
    assert set(committee) == {"slug", "name", "requirements"}
    assert committee["slug"] == "audit" and committee["name"] == "Audit Committee"
    assert committee["requirements"][0]["key"] == "committees.composition.size"
    assert all(set(req) == REQUIREMENT_KEYS for req in committee["requirements"])
    assert committee["requirements"][0]["title"]  # each requirement is named
    assert all(req["title"] for req in committee["requirements"])
    statuses = {req["key"]: req["status"] for req in committee["requirements"]}
    assert statuses.pop("committees.charter_review") == "due"  # next due 12 February 2027
    assert statuses.pop("committees.self_evaluation") == "due"
    # Issue 12: fiscal 2026's questionnaires are certified by 14 February 2027 and the board's
    # determinations adopted by 31 March 2027.
    assert statuses.pop("committees.director_questionnaires") == "due"
    assert statuses.pop("committees.annual_determinations") == "due"
    # RULES 6: this quarter's complaint summary and this year's procedure review are still due.
    assert statuses.pop("complaints.quarterly_summary") == "due"
    assert statuses.pop("complaints.procedure_review") == "due"
    # Charter: Meetings: two of the year's four meetings held by mid-June; May's minutes await
    # the August meeting.
    assert statuses.pop("meetings.min_meetings_per_year") == "due"
    assert statuses.pop("meetings.minutes_approved") == "due"
    # Met at the May meeting: the next executive session with each counterpart is due by May 2027.
    for counterpart in ("management", "internal_auditor", "independent_auditor"):
        assert statuses.pop(f"meetings.executive_session_{counterpart}") == "due"
    # RULES 5: every auditor duty is reported, and with the auditor's records kept none is
    # failing or overdue (some fall due later in the year).
    auditor = {key: statuses.pop(key) for key in list(statuses) if key.startswith("auditors.")}
    assert set(auditor) == AUDITOR_KEYS
    assert set(auditor.values()) <= {"met", "due", "due_soon"}, auditor
    assert set(statuses.values()) == {"met"}


def test_every_auditor_duty_cites_its_rule_and_is_the_audit_committee_s_only(compliant):
    """RULES 5: an SEC or PCAOB duty cites its rule id; the charter's auditor duties cite the
    charter; the compensation committee has no auditor duty."""
    code, out = status("--as-of", "2026-06-15", "--format", "json")
    audit, compensation = json.loads(out)["committees"]
    rows = {req["key"]: req for req in audit["requirements"] if req["key"] in AUDITOR_KEYS}
    assert set(rows) == AUDITOR_KEYS
    for key, rule in AUDITOR_RULES.items():
        assert (rows[key]["kind"], rows[key]["rule"]) == ("sec", rule), rows[key]
    assert all(row["kind"] in {"sec", "charter"} and row["rule"] for row in rows.values())
    assert not [r for r in compensation["requirements"] if r["key"].startswith("auditors.")]


def test_exit_status_1_when_a_committee_fails(compliant):
    """Nasdaq 5605(c)(2)(A) size: the compensation committee's charter asks for 3 members."""
    code, out = status("--as-of", "2026-06-15", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [c["slug"] for c in data["committees"]] == ["audit", "compensation"]
    size = data["committees"][1]["requirements"][0]
    assert size["key"] == "committees.composition.size" and size["status"] == "failing"


def test_text_output_is_a_table_per_committee(compliant):
    code, out = status("--as-of", "2026-06-15")
    assert code == 1
    assert "Charter status as of 15 June 2026" in out
    assert "Audit Committee (audit): nothing failing or overdue" in out
    assert "Compensation Committee (compensation): 2 failing or overdue" in out
    assert "STATUS" in out and "Nasdaq 5605(c)(2)(A)" in out
    # Words, never the codes; a short date where a column holds it.
    assert "due_soon" not in out and "cure_period" not in out
    assert "12 Feb 2027" in out and "2027-02-12" not in out


def _table(out: str, committee: str) -> list[str]:
    """The header and the requirement rows of one committee's table (details left out)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(committee)) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        if not line.startswith("      "):  # a detail is indented further
            rows.append(line)
    return rows


def test_text_columns_stay_aligned_however_long_the_citation(compliant):
    """Each column starts at the same place on every row, a long citation included (the
    compensation committee's size rule cites Nasdaq and its charter)."""
    code, out = status("--as-of", "2026-06-15")
    for committee in ("Audit Committee", "Compensation Committee"):
        header, *rows = _table(out, committee)
        assert header.split() == ["STATUS", "DUE", "KIND", "REQUIREMENT", "RULE"]
        for column in ("DUE", "KIND", "RULE", "REQUIREMENT"):
            at = header.index(column)
            for row in rows:
                assert row[at - 2 : at] == "  " and row[at] != " ", (column, row)
        assert len(rows) >= 5
        titles = [row[header.index("REQUIREMENT") : header.index("RULE")] for row in rows]
        assert all(title.strip() for title in titles)  # a title for each requirement
        assert all(row[header.index("RULE") :].strip() for row in rows)


def test_text_says_due_soon_and_cure_period_in_words_and_counts_them(company, compliant):
    """Nasdaq 5605(c)(4): a member in a cure period is counted apart from the failures in the
    headline; the charter review (Charter: Responsibilities 7) falling due reads "due soon"."""
    company.next_annual_meeting = D(2027, 5, 21)
    company.save()
    dana = compliant.memberships.get(director__full_name="Dana Third").director
    Employment.objects.create(
        director=dana,
        employer=Employment.Employer.COMPANY,
        title="Interim controller",
        start_date=D(2026, 6, 1),
    )
    services.cure_period_open(
        committee=compliant, director=dana, event_date=D(2026, 6, 1), reason="Outside control."
    )
    episode = services.episode_record(
        committee=compliant, began_on=D(2026, 6, 1), description="Dana Third relies on a cure."
    )
    services.exchange_notice_record(
        episode=episode,
        sent_on=D(2026, 6, 2),
        rule="nasdaq_5605c4",
        reported="Cure period for Dana Third.",
        sent_by="Chief Executive Officer",
    )
    code, out = status("--committee", "audit", "--as-of", "2027-02-10")
    assert "Charter status as of 10 February 2027" in out
    assert "Audit Committee (audit): nothing failing or overdue, 1 in a cure period" in out
    header, *rows = _table(out, "Audit Committee")
    assert any(row.split()[:5] == ["cure", "period", "21", "May", "2027"] for row in rows), rows
    assert any(row.split()[:2] == ["due", "soon"] for row in rows), rows
    assert code == 0  # a running cure period is not a failure: exit codes unchanged


def test_a_running_cure_period_is_not_a_failure_until_its_deadline(company, compliant):
    """Nasdaq 5605(c)(4): the cure period ends on the annual meeting of 21 May 2026; the day
    after, the committee fails."""
    company.next_annual_meeting = D(2026, 5, 21)
    company.save()
    dana = compliant.memberships.get(director__full_name="Dana Third").director
    Employment.objects.create(
        director=dana,
        employer=Employment.Employer.COMPANY,
        title="Interim controller",
        start_date=D(2026, 1, 10),
    )
    services.cure_period_open(
        committee=compliant, director=dana, event_date=D(2026, 1, 10), reason="Outside control."
    )
    # Nasdaq 5605(c)(4): relying on the cure period is an episode the exchange was told of.
    episode = services.episode_record(
        committee=compliant,
        began_on=D(2026, 1, 10),
        description="Dana Third relies on a cure period.",
    )
    services.exchange_notice_record(
        episode=episode,
        sent_on=D(2026, 1, 12),
        rule="nasdaq_5605c4",
        reported="Cure period for Dana Third.",
        sent_by="Chief Executive Officer",
    )

    def independence(out):
        rows = json.loads(out)["committees"][0]["requirements"]
        return next(r for r in rows if r["key"] == "committees.composition.independence")

    code, out = status("--committee", "audit", "--as-of", "2026-05-21", "--format", "json")
    assert code == 0
    assert independence(out)["status"] == "cure_period"
    assert independence(out)["due"] == "2026-05-21"
    code, out = status("--committee", "audit", "--as-of", "2026-05-22", "--format", "json")
    assert code == 1
    assert independence(out)["status"] == "failing"


def test_as_of_defaults_to_today(compliant):
    code, out = status("--committee", "audit", "--format", "json")
    assert json.loads(out)["as_of"] == "2026-06-15"
    assert code == 0


def test_unknown_committee_is_a_clear_error(compliant):
    with pytest.raises(
        CommandError, match="no committee with the slug 'nope'.*audit, compensation"
    ):
        call_command("charter_status", "--committee", "nope")


@pytest.mark.parametrize("value", ["15/06/2026", "2026-13-01", "yesterday"])
def test_bad_date_is_a_clear_error(db, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("charter_status", "--as-of", value)


def test_no_committees_yet(db):
    code, out = status("--format", "json")
    assert code == 0 and json.loads(out)["committees"] == []


def test_lists_every_registered_requirement(compliant):
    """Every requirement in the registry that applies to the committee, composition first."""
    from deadlines.registry import registry

    code, out = status("--committee", "audit", "--as-of", "2026-06-15", "--format", "json")
    keys = [req["key"] for req in json.loads(out)["committees"][0]["requirements"]]
    assert sorted(keys) == sorted(r.key for r in registry.all() if r.applies(compliant))
    # The auditor's duties (issue 11) register before the committees' own, after composition.
    rest = [key for key in keys if not key.startswith(("committees.composition.", "auditors."))]
    assert keys[: len(keys) - len(rest)] == [k for k in keys if k not in rest]
    # The auditor's duties (RULES 5) come in the order their app registers them.
    others = [key for key in rest if not key.startswith("auditors.")]
    assert others[:4] == [
        "committees.annual_determinations",
        "committees.charter_review",
        "committees.director_questionnaires",
        "committees.self_evaluation",
    ]
    assert all(key.startswith(("complaints.", "meetings.")) for key in others[4:])


@pytest.mark.parametrize(
    ("as_of", "expected", "code"),
    [("2027-02-11", "due_soon", 0), ("2027-02-12", "due_soon", 0), ("2027-02-13", "overdue", 1)],
)
def test_charter_review_overdue_the_day_after_it_falls_due(compliant, as_of, expected, code):
    """Charter: Responsibilities 7; Nasdaq 5605(c)(1): reviewed 12 February 2026, due again on
    12 February 2027; overdue (and exit 1) the day after."""
    got, out = status("--committee", "audit", "--as-of", as_of, "--format", "json")
    rows = {req["key"]: req for req in json.loads(out)["committees"][0]["requirements"]}
    review = rows["committees.charter_review"]
    assert (review["status"], review["due"], got) == (expected, "2027-02-12", code)


def test_a_stored_waiver_shows_as_waived(compliant, chair):
    """A waiver granted by the chair shows for that period, and is not a problem."""
    from deadlines.models import Occurrence
    from deadlines.services import deadlines_run, waiver_grant

    deadlines_run(as_of=D(2027, 2, 13))
    occurrence = Occurrence.objects.get(
        committee=compliant, requirement_key="committees.charter_review"
    )
    waiver_grant(
        occurrence=occurrence, user=chair, reason="Charter being replaced.", as_of=D(2027, 2, 13)
    )
    code, out = status("--committee", "audit", "--as-of", "2027-02-13", "--format", "json")
    rows = {req["key"]: req for req in json.loads(out)["committees"][0]["requirements"]}
    assert rows["committees.charter_review"]["status"] == "waived"
    assert "Charter being replaced." in rows["committees.charter_review"]["detail"]
    assert code == 0
