"""The pre-approval pages: who opens which (members and the secretary read, the chair and the
secretary act, the delegate decides, everyone else gets a 404), what the forms say about bad
input, and a bounded number of queries whatever the data."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auditors.models import Delegation, PreApprovalPolicy, ServiceRequest
from auditors.services import requests as services
from tests import factories as f
from tests.auditors.support import engagement
from tests.auditors.test_approvals_services import (
    PLAN_AUDIT,
    delegate_to,
    make_policy,
    submit,
)
from tests.meetings.support import hold, schedule

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def records(committee, chair, secretary):
    """A policy, the chair's delegation, a pending request and one approved under the policy."""
    make_policy(committee)
    delegate_to(committee, chair)
    audit = engagement(committee, 2026)
    pending = submit(committee, audit, secretary, firm_description="canary-firm-scope-2231")
    used = submit(
        committee, audit, secretary, service=PLAN_AUDIT["service"], estimated_fee=Decimal("10")
    )
    return {"pending": pending, "used": used, "audit": audit}


def _urls(records):
    pk = records["pending"].pk
    delegation = Delegation.objects.get().pk
    return {
        "requests": reverse("auditors:requests", args=["audit"]),
        "request": reverse("auditors:request", args=["audit", pk]),
        "policy": reverse("auditors:policy", args=["audit"]),
        "request_new": reverse("auditors:request_new", args=["audit"]),
        "request_decide": reverse("auditors:request_decide", args=["audit", pk]),
        "request_approve": reverse("auditors:request_approve", args=["audit", pk]),
        "request_refuse": reverse("auditors:request_refuse", args=["audit", pk]),
        "request_discussion": reverse("auditors:request_discussion", args=["audit", pk]),
        "request_move": reverse("auditors:request_move", args=["audit", pk]),
        "request_start": reverse("auditors:request_start", args=["audit", pk]),
        "policy_new": reverse("auditors:policy_new", args=["audit"]),
        "delegation_new": reverse("auditors:delegation_new", args=["audit"]),
        "delegation_revoke": reverse("auditors:delegation_revoke", args=["audit", delegation]),
    }


READ = {"requests", "request", "policy"}
ACT = {
    "request_new",
    "request_approve",
    "request_refuse",
    "request_discussion",
    "request_move",
    "request_start",
    "policy_new",
    "delegation_new",
    "delegation_revoke",
}


@pytest.mark.parametrize(
    "role, opens",
    [
        ("chair", READ | ACT | {"request_decide"}),  # the chair holds the delegation
        ("secretary", READ | ACT),
        ("member", READ),
    ],
)
def test_each_reader_opens_what_their_role_allows(records, client_for, request, role, opens):
    client = client_for(request.getfixturevalue(role))
    for name, url in _urls(records).items():
        status = client.get(url).status_code
        if name in opens:
            assert status == 200, (role, name)
        else:
            assert status == 403, (role, name)  # a reader who may not act is told so


@pytest.mark.parametrize("role", ["board_reader", "outsider", "other_member", "investigator"])
def test_everyone_else_gets_a_404(records, client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    for name, url in _urls(records).items():
        assert client.get(url).status_code == 404, (role, name)
        # The reading pages take no POST at all (405); the forms find nothing (404).
        assert client.post(url).status_code == (405 if name in READ else 404), (role, name)


def test_the_pages_exist_only_for_the_audit_committee(
    records, client_for, secretary, other_committee
):
    client = client_for(secretary)
    assert client.get(reverse("auditors:requests", args=["compensation"])).status_code == 404
    assert client.get(reverse("auditors:policy", args=["compensation"])).status_code == 404


def test_anonymous_is_sent_to_log_in(records, client):
    response = client.get(_urls(records)["requests"])
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_list_puts_pending_first_and_filters(records, client_for, member):
    client = client_for(member)
    page = client.get(_urls(records)["requests"]).content.decode()
    assert page.index("Due diligence on the Harbor") < page.index(PLAN_AUDIT["service"])
    approved = client.get(_urls(records)["requests"] + "?status=approved").content.decode()
    assert PLAN_AUDIT["service"] in approved and "Due diligence on the Harbor" not in approved


def test_the_detail_shows_the_decision_route_and_report(records, client_for, member):
    used = records["used"]
    page = client_for(member).get(reverse("auditors:request", args=["audit", used.pk]))
    text = page.content.decode()
    assert "Under the pre-approval policy" in text
    assert "The policy, applied on entry" in text
    assert "On the agenda of the next meeting once one is scheduled" in text
    # A member reads, acts on nothing.
    assert "What you can do" not in text


def test_the_secretary_enters_a_prohibited_request_and_sees_its_reason(
    records, client_for, secretary
):
    """S-X 2-01(c)(4): refused on entry, stored, with the rule named on its page."""
    client = client_for(secretary)
    response = client.post(
        _urls(records)["request_new"],
        {
            "engagement": records["audit"].pk,
            "service": "Design of the new general ledger system",
            "nature": "systems",
            "category": "all_other",
            "estimated_fee": "250000",
            "starts_on": "2026-07-01",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Refused under S-X 2-01(c)(4)" in text
    assert "may never provide" in text
    assert (
        ServiceRequest.objects.filter(status="refused", refusal_rule="S-X 2-01(c)(4)").count() == 1
    )


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"estimated_fee": "-5"}, "estimated_fee", "cannot be negative"),
        ({"estimated_fee": "99999999999"}, "estimated_fee", "not a plausible fee"),
        ({"nature": "astrology"}, "nature", "from the list"),
        ({"category": "tax"}, "category", "choose that category"),
        ({"starts_on": "2026-06-14"}, "starts_on", "move the start date"),
        ({"starts_on": "14/06/2026"}, "starts_on", "year-month-day"),
    ],
)
def test_bad_input_on_the_request_form_is_shown_beside_the_field(
    records, client_for, secretary, change, field, message
):
    before = ServiceRequest.objects.count()
    data = {
        "engagement": records["audit"].pk,
        "service": "Agreed-upon procedures on the bond covenant",
        "nature": "attest",
        "category": "audit_related",
        "estimated_fee": "15000",
        "starts_on": "2026-07-01",
        **change,
    }
    response = client_for(secretary).post(_urls(records)["request_new"], data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_errors"' in response.content.decode()
    assert ServiceRequest.objects.count() == before


def test_the_delegate_approves_between_meetings(records, client_for, chair, committee):
    """SOX 202: the chair, holding the delegation, approves; the next meeting's agenda has it."""
    coming = schedule(committee, D(2026, 7, 20))
    urls = _urls(records)
    response = client_for(chair).post(urls["request_decide"], {"decision": "approve"}, follow=True)
    assert "Your decision is recorded" in response.content.decode()
    row = ServiceRequest.objects.get(pk=records["pending"].pk)
    assert (row.status, row.route, row.reported_at.meeting) == ("approved", "delegate", coming)
    agenda = client_for(chair).get(coming.get_absolute_url()).content.decode()
    assert "Due diligence on the Harbor acquisition (approved by delegation)" in agenda


def test_beyond_the_delegation_the_form_says_so(records, client_for, chair, secretary, committee):
    big = submit(committee, records["audit"], secretary, estimated_fee=Decimal("50000.01"))
    url = reverse("auditors:request_decide", args=["audit", big.pk])
    response = client_for(chair).post(url, {"decision": "approve"})
    assert "beyond the delegation" in response.content.decode()
    assert ServiceRequest.objects.get(pk=big.pk).status == "pending"


def test_approval_at_a_meeting_without_quorum_is_refused(
    records, client_for, secretary, chair, committee
):
    thin = hold(committee, D(2026, 6, 12), present=[chair.director])
    response = client_for(secretary).post(_urls(records)["request_approve"], {"meeting": thin.pk})
    assert "had no quorum" in response.content.decode()
    assert ServiceRequest.objects.get(pk=records["pending"].pk).status == "pending"


def test_a_new_policy_with_a_broad_line_is_refused_on_the_form(
    records, client_for, secretary, committee
):
    meeting = hold(committee, D(2026, 6, 10))
    data = {
        "effective_from": "2026-07-01",
        "effective_to": "2027-06-30",
        "approved_at": meeting.pk,
        "summary": "Version two.",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "60",
        "lines-0-service": "Tax services",
        "lines-0-nature": "tax",
        "lines-0-category": "tax",
        "lines-0-cap": "50000",
    }
    response = client_for(secretary).post(_urls(records)["policy_new"], data)
    assert "too broad" in response.content.decode()
    assert PreApprovalPolicy.objects.count() == 1
    data["lines-0-service"] = "State franchise tax filings"
    data["lines-1-service"] = "Audit of the pension plan"  # no cap, no nature: said beside it
    response = client_for(secretary).post(_urls(records)["policy_new"], data)
    assert "Fill this in, or leave the whole line empty." in response.content.decode()
    data["lines-1-service"] = ""
    response = client_for(secretary).post(_urls(records)["policy_new"], data)
    assert response.status_code == 302
    assert PreApprovalPolicy.objects.count() == 2


def test_the_policy_page_shows_the_caps_chart_with_its_numbers(records, client_for, member):
    text = client_for(member).get(_urls(records)["policy"]).content.decode()
    assert "Fees $0.00 of $60,000.00" in text and "approved so far $10.00" in text


def test_the_caps_chart_is_drawn_on_the_server(records, committee):
    """The partial another page includes: SVG bars and the numbers in words, no script."""
    from django.template.loader import render_to_string

    from auditors.caps import cap_usage
    from auditors.services import fees

    fees.fee_record(
        engagement=records["audit"],
        service="Plan audit",
        category="audit_related",
        amount=Decimal("66000"),
        request=records["used"],
        recorded_on=D(2026, 6, 15),
    )
    chart = render_to_string(
        "auditors/_caps_chart.html", {"usages": cap_usage(committee, D(2026, 6, 15))}
    )
    assert chart.count("<svg") == 2 and "<script" not in chart and "style=" not in chart
    assert "110% of the cap: over" in chart and "over by $6,000.00" in chart
    assert 'width="100"' in chart  # the bar stops at the whole cap
    empty = render_to_string("auditors/_caps_chart.html", {"usages": []})
    assert "No pre-approval policy is in force" in empty


# Query counts ---------------------------------------------------------------------------------


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(committee, audit, secretary, size):
    from auditors.services import fees

    for n in range(size):
        row = submit(
            committee,
            audit,
            secretary,
            service=PLAN_AUDIT["service"],
            estimated_fee=Decimal("1"),
        )
        fees.fee_record(
            engagement=audit,
            service=row.service,
            category="audit_related",
            amount=Decimal("1"),
            request=row,
            recorded_on=D(2026, 6, 15),
        )
        submit(committee, audit, secretary, service=f"Comfort letter {n}", nature="attest")
        services.request_refuse(
            request=submit(committee, audit, secretary, service=f"Refused {n}"),
            by=secretary,
            reason="No.",
            as_of=D(2026, 6, 15),
        )
    for n in range(size):
        f.seat_qualified_member(committee, full_name=f"Extra member {size}-{n}")


def test_the_pages_keep_a_bounded_number_of_queries(
    records, committee, secretary, chair, client_for
):
    client = client_for(chair)
    urls = _urls(records)
    names = ("requests", "request", "policy", "request_new", "request_decide", "policy_new")
    small = {name: _count(client, urls[name]) for name in names}
    _grow(committee, records["audit"], secretary, 6)
    large = {name: _count(client, urls[name]) for name in names}
    assert large == small
