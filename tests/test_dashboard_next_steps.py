"""What the dashboard tells each reader to do next, and that it links only where the reader may
go (no dead ends). "Today" is 15 June 2026: the audit committee's charter review is overdue,
Dana Cure serves out a cure period (Nasdaq 5605(c)(4)) and a self-evaluation is open."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from charter_portal.permissions import can_manage_committee
from committees.models import AdvisorEngagement, AdvisorPayment
from committees.requirements import CHARTER_REVIEW_KEY
from deadlines.registry import registry
from tests import factories as f
from tests.committees.test_duties_models import make_questionnaire

D = datetime.date
TODAY = D(2026, 6, 15)
HOME = reverse("home")
RECORD_REVIEW = reverse("committees:charter_review_record", args=["audit"])


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def scene(audit_committee, chair, member, board_reader, secretary):
    dana = f.seat_qualified_member(audit_committee, full_name="Dana Cure", start=D(2026, 1, 1))
    f.lose_independence_in_cure_period(audit_committee, dana, event=D(2026, 3, 2))
    questionnaire = make_questionnaire(audit_committee)
    advisor = AdvisorEngagement.objects.create(
        committee=audit_committee,
        name="Harborview Forensic",
        kind=AdvisorEngagement.Kind.ACCOUNTING,
        purpose="Review of revenue recognition.",
        engaged_on=D(2026, 2, 1),
        fee_budget=Decimal("1000.00"),
    )
    AdvisorPayment.objects.create(
        engagement=advisor, paid_on=D(2026, 3, 1), amount=Decimal("1500.00"), description="x"
    )
    return {"dana": dana, "questionnaire": questionnaire, "advisor": advisor}


def _page(client_for, user):
    response = client_for(user).get(HOME)
    assert response.status_code == 200
    return response, response.content.decode()


def _steps(response):
    return {item.key: step for _, _, rows in response.context["panels"] for item, step in rows}


def test_the_charter_review_link_uses_the_record_pages_own_check(db):
    """Nasdaq 5605(c)(1): the page that records a review and the dashboard's link to it ask the
    same function, so they cannot disagree."""
    assert registry.get(CHARTER_REVIEW_KEY).may_act is can_manage_committee


def test_a_member_gets_no_link_to_a_page_that_refuses_them(scene, client_for, member):
    """The member's charter review item leads to its details, never to the 403 of the record
    page; the member's own to-do is the open self-evaluation (Charter: Responsibilities 7)."""
    response, html = _page(client_for, member)
    assert RECORD_REVIEW not in html
    assert client_for(member).get(RECORD_REVIEW).status_code == 403
    todos = [step.text for step in response.context["todos"]]
    assert todos == ["You have not answered the fiscal 2026 self-evaluation"]
    answer = reverse("committees:evaluation", args=["audit", scene["questionnaire"].pk])
    assert f'href="{answer}"' in html
    # A colleague opens Dana's file from the step, and nothing leads to the administration.
    dana_file = reverse("committees:director", args=[scene["dana"].pk])
    assert f'<a href="{dana_file}">Dana Cure</a>' in html
    assert "/admin/" not in html


def test_the_chair_records_the_review_and_sees_the_advisor_over_budget(scene, client_for, chair):
    """Nasdaq 5605(c)(1) and Charter: Responsibilities 6."""
    response, html = _page(client_for, chair)
    todos = [(step.key, step.text, step.url) for step in response.context["todos"]]
    review = next(t for t in todos if t[0] == CHARTER_REVIEW_KEY)
    assert review[1].startswith("Record the charter review (overdue since ")
    assert review[2] == RECORD_REVIEW
    assert f'href="{RECORD_REVIEW}"' in html
    assert client_for(chair).get(RECORD_REVIEW).status_code == 200
    advisor = next(t for t in todos if t[0] == "committees.advisor_budget")
    assert "$1,500.00 paid against a budget of $1,000.00" in advisor[1]
    # Urgent first: the overdue review and the overspent advisor before the questionnaire.
    assert todos[-1][1] == "You have not answered the fiscal 2026 self-evaluation"


def test_the_board_reader_gets_steps_without_names_or_action_links(scene, client_for, board_reader):
    """A board reader reads status, title and rule: the step names no director, and nothing
    links to a page that would refuse them."""
    response, html = _page(client_for, board_reader)
    assert response.context["todos"] == []
    step = _steps(response)["committees.composition.independence"]
    assert step.text == (
        "Replace the member who is not independent, or restore their independence, by 2 March 2027"
    )
    assert "Dana Cure" not in html
    assert RECORD_REVIEW not in html
    assert "Nothing is waiting for you." in html


def test_the_secretary_gets_the_administration_page_of_each_finding(scene, client_for, secretary):
    response, html = _page(client_for, secretary)
    steps = _steps(response)
    dana_admin = reverse("admin:committees_director_change", args=[scene["dana"].pk])
    assert steps["committees.composition.independence"].admin_links == (
        ("Dana Cure in the administration", dana_admin),
    )
    assert f'href="{dana_admin}"' in html
    notice = steps["committees.composition.exchange_notice"]
    assert notice.admin_links[0][1].startswith(
        reverse("admin:committees_noncomplianceepisode_changelist")
    )
    todos = [step.key for step in response.context["todos"]]
    assert CHARTER_REVIEW_KEY in todos and "committees.composition.exchange_notice" in todos
    # The secretary serves on no committee: no questionnaire to answer.
    assert "committees.self_evaluation" not in todos
    for _, url in notice.admin_links + steps["committees.composition.independence"].admin_links:
        assert client_for(secretary).get(url).status_code == 200


def test_an_answered_questionnaire_is_no_longer_a_to_do(scene, client_for, member):
    from committees.duties import services
    from tests.committees.test_duties_models import answers_for

    services.evaluation_submit(
        questionnaire=scene["questionnaire"],
        user=member,
        answers=answers_for(scene["questionnaire"]),
        as_of=TODAY,
    )
    response, html = _page(client_for, member)
    assert response.context["todos"] == []


def test_the_independence_finding_names_the_director_once(scene, client_for, member):
    """Nasdaq 5605(a)(2): the finding says once who is not independent and why."""
    from committees.models import IndependenceDetermination

    IndependenceDetermination.objects.create(
        director=scene["dana"], determined_on=D(2026, 3, 10), is_independent=False
    )
    response, html = _page(client_for, member)
    (item,) = [
        i
        for _, _, rows in response.context["panels"]
        for i, _ in rows
        if i.key == "committees.composition.independence"
    ]
    assert item.detail.startswith(
        "Dana Cure is not independent: the board so found on 10 March 2026. "
    )
    assert item.detail.count("is not independent") == 1
