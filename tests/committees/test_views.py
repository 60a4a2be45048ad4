"""What the dashboard, the committee page and the director's file show. Fixed dates throughout:
"today" is 15 June 2026."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from committees.compliance import Status, director_independence, evaluate_committee
from committees.models import IndependenceDetermination
from tests import factories as f
from tests.conftest import TODAY

PAST = datetime.date(2025, 6, 1)
EVENT = datetime.date(2026, 3, 2)  # Dana's brother becomes an executive officer
DEADLINE = datetime.date(2027, 3, 2)  # one year after, before the 20 May 2027 annual meeting
AUDIT = reverse("committees:detail", args=["audit"])


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def roster(audit_committee, chair, member):
    """Alice chairs; Bob serves throughout; Evan served until 31 December 2025; Dana joined on
    1 January 2026 and lost her independence on 2 March 2026, when her brother became an
    executive officer of the company, so she serves in a cure period."""
    evan = f.seat_qualified_member(audit_committee, full_name="Evan Early")
    evan.memberships.update(end_date=datetime.date(2025, 12, 31))
    dana = f.seat_qualified_member(
        audit_committee, full_name="Dana Cure", start=datetime.date(2026, 1, 1)
    )
    f.lose_independence_in_cure_period(
        audit_committee,
        dana,
        event=EVENT,
        reason="Her brother was appointed Chief Operating Officer; she had no say in it.",
    )
    return {"dana": dana, "evan": evan, "alice": chair.director, "bob": member.director}


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


def test_committee_page_shows_the_cure_period_finding_with_its_explanation_and_deadline(
    roster, audit_committee, client_for, member
):
    """Nasdaq 5605(c)(4): a member who lost independence serves until the cure deadline."""
    report = evaluate_committee(audit_committee, TODAY)
    finding = next(x for x in report.findings if x.key == "committees.composition.independence")
    assert finding.status == Status.CURE_PERIOD
    assert finding.due == DEADLINE

    response = client_for(member).get(AUDIT)

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(finding.detail) in html
    assert "Deadline: 2 March 2027" in html
    assert "Cure period until 2 March 2027" in html  # the badge on Dana's roster row
    assert "In a cure period" in html
    assert "Exchange listing standard" in html and "Nasdaq 5605(c)(2)(A), 5605(a)(2)" in html
    assert roster["dana"].full_name in _section(
        html, 'id="roster-heading"', 'id="findings-heading"'
    )


def test_dashboard_lists_open_findings_with_rule_kind_deadline_and_a_link(
    roster, audit_committee, client_for, member
):
    report = evaluate_committee(audit_committee, TODAY)
    open_findings = [x for x in report.findings if x.status != Status.MET]
    assert open_findings  # the cure period and the exchange notice at least

    html = client_for(member).get(reverse("home")).content.decode()

    for finding in open_findings:
        assert escape(finding.detail) in html
        assert escape(finding.rule) in html
    met = [x for x in report.findings if x.status == Status.MET]
    for finding in met:
        assert f'data-finding="{finding.key}"' not in html
    assert "Deadline: 2 March 2027" in html
    # The exchange notice: relying on a cure period calls for notice under Nasdaq 5605(c)(4).
    assert "Nasdaq 5605(c)(4)" in html
    assert f'href="{AUDIT}"' in html
    assert "15 June 2026" in html


def test_roster_on_a_past_date_differs(roster, client_for, member):
    today_html = client_for(member).get(AUDIT).content.decode()
    past = client_for(member).get(AUDIT, {"as_of": PAST.isoformat()})

    assert past.status_code == 200
    assert past.context["as_of"] == PAST
    past_names = {m.director.full_name for m in past.context["report"].members}
    assert past_names == {"Alice Chair", "Bob Member", "Evan Early"}
    past_roster = _section(past.content.decode(), 'id="roster-heading"', 'id="findings-heading"')
    today_roster = _section(today_html, 'id="roster-heading"', 'id="findings-heading"')
    assert "Evan Early" in past_roster and "Dana Cure" not in past_roster
    assert "Dana Cure" in today_roster and "Evan Early" not in today_roster
    assert "1 June 2025" in past_roster
    # The roster history is the same on both dates: every membership, past and present.
    for html in (past.content.decode(), today_html):
        history = html[html.index('id="history-heading"') :]
        assert "Evan Early" in history and "Dana Cure" in history
        assert "31 December 2025" in history


def test_the_chair_is_listed_first(roster, client_for, member):
    response = client_for(member).get(AUDIT)
    members = response.context["report"].members
    assert members[0].director.full_name == "Alice Chair"
    assert members[0].membership.role == "chair"


@pytest.mark.parametrize(
    "bad",
    [
        "2026-02-30",
        "2026-13-01",
        "yesterday",
        "15/06/2026",
        "2026-06-15\x00",
        "9" * 5000,
        "9999-12-31",
        "0001-01-01",
    ],
)
@pytest.mark.parametrize("page", ["committee", "director"])
def test_a_bad_date_shows_an_error_on_a_normal_page(bad, page, roster, client_for, member):
    url = AUDIT if page == "committee" else reverse("committees:director", args=[roster["bob"].pk])

    response = client_for(member).get(url, {"as_of": bad})

    assert response.status_code == 200
    assert response.context["as_of"] == TODAY  # shown for today instead
    errors = response.context["form"].errors["as_of"]
    assert errors
    html = response.content.decode()
    for error in errors:
        assert escape(error) in html
    assert 'class="form-control is-invalid"' in html


def test_a_date_out_of_range_names_the_range(roster, client_for, member):
    response = client_for(member).get(AUDIT, {"as_of": "2300-01-01"})
    assert "Choose a date between 1 January 1900 and 31 December 2100." in (
        response.content.decode()
    )


def test_an_empty_date_means_today_without_an_error(roster, client_for, member):
    response = client_for(member).get(AUDIT, {"as_of": ""})
    assert response.context["as_of"] == TODAY
    assert not response.context["form"].errors
    assert "(today)" in response.content.decode()


def test_names_link_to_files_only_when_the_viewer_may_open_them(roster, client_for, board_reader):
    dana_url = reverse("committees:director", args=[roster["dana"].pk])
    assert dana_url in client_for(f.UserFactory(roles=["secretary"])).get(AUDIT).content.decode()
    reader_html = client_for(board_reader).get(AUDIT).content.decode()
    assert "Dana Cure" in reader_html
    assert "/committees/directors/" not in reader_html


def test_director_file_shows_tests_10a3_cure_period_and_determination_history(
    roster, client_for, member, secretary
):
    dana = roster["dana"]
    determination = IndependenceDetermination.objects.create(
        director=dana, determined_on=datetime.date(2026, 4, 1), is_independent=False
    )
    determination.notes = "The board noted the appointment of her brother."
    determination._history_user = secretary
    determination.save()
    result = director_independence(dana, TODAY)
    test_c = next(t for t in result.tests if t.code == "C")
    assert not test_c.passed

    response = client_for(member).get(reverse("committees:director", args=[dana.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for test in result.tests:
        assert f"({test.code}) {escape(test.title)}" in html
        assert escape(test.detail) in html
    assert escape(result.rule_10a3_detail) in html
    # Newest determination first, each with its change history: who changed what.
    section = _section(html, 'id="determinations-independence"', 'id="determinations-literacy"')
    assert section.index("1 April 2026") < section.index("1 January 2026")
    assert "In force on 15 June 2026" in section
    assert "Sam Secretary" in section
    assert "Changed" in section and "Recorded" in section
    assert f"Notes: (empty) → {escape(determination.notes)}" in section
    # The cure period with its deadline, and the facts the tests read.
    cure = _section(html, 'id="cure-heading"', 'id="facts-heading"')
    assert "2 March 2027" in cure and "Running on 15 June 2026" in cure
    assert escape("Her brother was appointed Chief Operating Officer") in cure
    assert "Dirk Cure" in html[html.index('id="facts-heading"') :]


def test_director_file_on_a_past_date_uses_the_determination_then_in_force(
    roster, client_for, member
):
    dana = roster["dana"]
    IndependenceDetermination.objects.create(
        director=dana, determined_on=datetime.date(2026, 4, 1), is_independent=False
    )
    url = reverse("committees:director", args=[dana.pk])
    before = client_for(member).get(url, {"as_of": "2026-03-01"}).content.decode()
    after = client_for(member).get(url).content.decode()
    assert "independent, made on 1 January 2026" in before
    assert "Running on" not in before  # the cure period starts on 2 March 2026
    assert "not independent, made on 1 April 2026" in after


def test_financial_expert_shows_its_five_attributes_and_route(roster, client_for, chair):
    """Regulation S-K Item 407(d)(5): the five attributes and how they were acquired."""
    f.FinancialExpertDeterminationFactory(
        director=roster["alice"], determined_on=datetime.date(2024, 1, 1)
    )
    html = client_for(chair).get(reverse("committees:director", args=[roster["alice"].pk]))
    html = html.content.decode()
    section = _section(html, 'id="determinations-expert"', 'id="determinations-exception"')
    assert "Designated an audit committee financial expert" in section
    assert section.count("answer-yes") == 5
    assert "(a) Principal financial or accounting officer" in section


def test_committee_list_shows_status(roster, client_for, member):
    html = client_for(member).get(reverse("committees:list")).content.decode()
    assert "Audit Committee" in html and "In a cure period" in html


def test_dashboard_explains_why_an_outsider_sees_nothing(db, client_for, outsider):
    html = client_for(outsider).get(reverse("home")).content.decode()
    assert "There is no committee to show you" in html
    assert "not on any committee" in html


def test_dashboard_tells_an_investigator_what_the_account_is_for(db, client_for, investigator):
    html = client_for(investigator).get(reverse("home")).content.decode()
    assert "complaint investigations" in html


def test_dashboard_tells_the_secretary_to_set_a_committee_up(db, client_for, secretary):
    html = client_for(secretary).get(reverse("home")).content.decode()
    assert "No committee has been set up yet" in html
    assert reverse("admin:index") in html


def test_pages_carry_no_inline_script_or_style(roster, client_for, member):
    """The Content-Security-Policy forbids inline script and style."""
    urls = [
        reverse("home"),
        reverse("committees:list"),
        AUDIT,
        reverse("committees:director", args=[roster["dana"].pk]),
    ]
    for url in urls:
        html = client_for(member).get(url).content.decode()
        assert "<style" not in html and "style=" not in html, url
        assert html.count("<script") == html.count("<script src="), url
