"""Issue 8 on the duties and the pages behind them: the duties page marks an overdue charter
review as overdue; each committee's review cites only its own listing rule, on every page and in
charter_status; the self-evaluation's evidence link opens for the secretary. "Today" is
15 June 2026; the audit committee's charter was adopted on 15 January 2020 and never reviewed."""

import contextlib
import datetime
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from committees.requirements import CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY
from deadlines.models import Occurrence
from deadlines.registry import registry
from tests.committees.test_duties_models import make_questionnaire

D = datetime.date
AUDIT_RULE = "Charter: Responsibilities 7; Nasdaq 5605(c)(1)"
COMPENSATION_RULE = "Charter: Responsibilities 7; Nasdaq 5605(d)(1)"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def test_each_committee_cites_only_its_own_review_rule(audit_committee, other_committee):
    """Charter: Responsibilities 7 with Nasdaq 5605(c)(1) for the audit committee and 5605(d)(1)
    for the compensation committee; another kind of committee cites its charter alone."""
    requirement = registry.get(CHARTER_REVIEW_KEY)
    assert requirement.rule_for(audit_committee) == AUDIT_RULE
    assert requirement.rule_for(other_committee) == COMPENSATION_RULE
    other_committee.kind = "nominating"
    assert requirement.rule_for(other_committee) == "Charter: Responsibilities 7"
    assert str(requirement.kind_for(audit_committee)) == "charter"


def test_the_duties_page_marks_the_overdue_review_overdue(audit_committee, chair, client_for):
    """Nasdaq 5605(c)(1): never reviewed since its adoption on 15 January 2020, the review was
    due on 15 January 2021; the page says it is overdue, with the chair's way to record it."""
    response = client_for(chair).get(reverse("committees:duties", args=["audit"]))
    html = response.content.decode()
    assert response.context["review_item"].status == "overdue"
    assert 'data-duty-status="overdue"' in html
    assert "Overdue since" in html
    assert reverse("committees:charter_review_record", args=["audit"]) in html
    assert AUDIT_RULE in html and "5605(d)" not in html


def test_an_audit_item_never_cites_the_compensation_rule_anywhere(
    audit_committee, other_committee, chair, secretary, client_for
):
    """Nasdaq 5605(c)(1) vs 5605(d)(1): the audit committee's review, on the evidence report,
    its CSV, the calendar, the occurrence page and in charter_status (text and JSON)."""
    client = client_for(secretary)
    pages = [
        client.get(reverse("deadlines:report"), {"committee": "audit"}),
        client.get(reverse("deadlines:report"), {"committee": "audit", "format": "csv"}),
        client.get(reverse("deadlines:calendar"), {"committee": "audit"}),
        client.get(reverse("deadlines:calendar"), {"committee": "audit", "fy": "2027"}),
    ]
    review = Occurrence.objects.filter(
        committee=audit_committee, requirement_key=CHARTER_REVIEW_KEY
    ).first()
    pages.append(client.get(reverse("deadlines:occurrence", args=[review.pk])))
    for response in pages:
        body = response.content.decode("utf-8-sig")
        assert response.status_code == 200
        assert "5605(d)(1)" not in body, response.request
    assert AUDIT_RULE in pages[0].content.decode()
    compensation = client.get(reverse("deadlines:report"), {"committee": "compensation"})
    assert COMPENSATION_RULE in compensation.content.decode()
    assert "5605(c)(1)" not in compensation.content.decode()

    out = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("charter_status", "--committee", "audit", "--format", "json", stdout=out)
    (listed,) = json.loads(out.getvalue())["committees"]
    rules = {row["key"]: row["rule"] for row in listed["requirements"]}
    assert rules[CHARTER_REVIEW_KEY] == AUDIT_RULE
    text = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("charter_status", "--committee", "audit", stdout=text)
    assert "5605(d)(1)" not in text.getvalue() and "5605(c)(1)" in text.getvalue()


def test_the_self_evaluation_evidence_opens_for_the_secretary(
    audit_committee, chair, member, secretary, client_for
):
    """Charter: Responsibilities 7: the questionnaire as evidence links to its row on the duties
    page, which the secretary may open (its answering page is the serving members')."""
    questionnaire = make_questionnaire(audit_committee, opens=D(2026, 6, 1), closes=D(2026, 6, 30))
    response = client_for(secretary).get(reverse("committees:duties", args=["audit"]))
    assert response.status_code == 200
    item = response.context["evaluation_item"]
    assert item.occurrence.requirement_key == SELF_EVALUATION_KEY
    (evidence,) = item.evidence
    duties = reverse("committees:duties", args=["audit"])
    assert evidence.url == f"{duties}#self-evaluation-{questionnaire.pk}"
    assert f'id="self-evaluation-{questionnaire.pk}"' in response.content.decode()
    # Where it was linked before: the answering page, a 404 for the secretary, still closed.
    evaluation = reverse("committees:evaluation", args=["audit", questionnaire.pk])
    assert client_for(secretary).get(evaluation).status_code == 404
    report = client_for(secretary).get(reverse("deadlines:report"), {"committee": "audit"})
    html = report.content.decode()
    assert f'href="{duties}#self-evaluation-{questionnaire.pk}"' in html
    assert f'href="{evaluation}"' not in html
    # A serving member still answers from the duties page.
    page = client_for(member).get(duties).content.decode()
    assert f'href="{evaluation}">Answer</a>' in page


def test_recording_a_review_names_the_committees_own_rule(
    audit_committee, other_committee, secretary, client_for
):
    """Nasdaq 5605(d)(1): the compensation committee's review page cites its own rule only."""
    client = client_for(secretary)
    page = client.get(reverse("committees:charter_review_record", args=["compensation"]))
    html = page.content.decode()
    assert COMPENSATION_RULE in html and "5605(c)(1)" not in html
    html = client.get(reverse("committees:charter_review_record", args=["audit"])).content.decode()
    assert AUDIT_RULE in html and "5605(d)(1)" not in html
