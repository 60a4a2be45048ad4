"""The secretary's administration of the auditor: every record has its pages, with the
secretary's conveniences (lists, filters, search, inlines); the admin refuses the same bad input
as the portal, saves nothing half-way, keeps history and deletes no governance record."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin as django_admin
from django.urls import reverse

from auditors.models import Engagement, Fee, PolicyLine, PreApprovalPolicy
from tests.auditors import support
from tests.auditors.portal_support import auditor_year

D = datetime.date
pytestmark = pytest.mark.django_db
AUDITOR_MODELS = [
    model
    for model in apps.get_app_config("auditors").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def admin(client_for, secretary):
    return client_for(secretary)


def _url(model, view, *args):
    return reverse(f"admin:auditors_{model._meta.model_name}_{view}", args=args)


def _management(page) -> dict:
    """Every inline formset of an admin page, with no rows."""
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_every_auditor_record_is_in_the_admin():
    assert {model for model in AUDITOR_MODELS if model in django_admin.site._registry} == set(
        AUDITOR_MODELS
    )
    assert len(AUDITOR_MODELS) == 14


def _every_record(committee):
    """One record of every auditor model (the year's records, plus those it has none of)."""
    from auditors.models import CommitteeReport, Delegation, FormerStaffHire, StatementsReview

    engagement = auditor_year(committee)
    meeting = engagement.approved_at
    StatementsReview.objects.create(engagement=engagement, meeting=meeting)
    CommitteeReport.objects.create(engagement=engagement, dated=D(2026, 2, 20), text="Signed.")
    FormerStaffHire.objects.create(
        committee=committee,
        firm=engagement.firm,
        full_name="Former Senior",
        company_role="Controller",
        oversight_role=True,
        hired_on=D(2026, 3, 1),
        last_on_audit_on=D(2025, 12, 1),
        hours_on_audit=400,
    )
    Delegation.objects.create(
        committee=committee,
        director=committee.memberships.get(role="chair").director,
        granted_at=meeting,
        starts_on=meeting.day,
        fee_limit=100000,
    )
    return {model: model.objects.order_by("pk").first() for model in AUDITOR_MODELS}


def test_the_secretary_opens_each_list_add_change_and_history_page(committee, admin):
    problems = []
    for model, record in _every_record(committee).items():
        for url in (
            _url(model, "changelist"),
            _url(model, "changelist") + "?q=a",
            _url(model, "add"),
            _url(model, "change", record.pk),
            _url(model, "history", record.pk),
        ):
            status = admin.get(url).status_code
            if status != 200:
                problems.append((url, status))
    assert problems == []


def test_no_auditor_record_is_ever_deleted(committee, admin):
    """Governance records are kept: no delete page, no bulk delete action."""
    problems = []
    for model, record in _every_record(committee).items():
        if admin.get(_url(model, "delete", record.pk)).status_code != 403:
            problems.append(model.__name__)
        if "delete_selected" in admin.get(_url(model, "changelist")).content.decode():
            problems.append(f"{model.__name__} bulk")
    assert problems == []


def test_the_engagement_page_shows_partners_as1301_matters_and_fees_inline(committee, admin):
    engagement = auditor_year(committee)
    page = admin.get(_url(Engagement, "change", engagement.pk))
    models = [formset.formset.model.__name__ for formset in page.context["inline_admin_formsets"]]
    assert models == ["PartnerAssignment", "As1301Item", "Fee"]
    policy = PreApprovalPolicy.objects.get(committee=committee)
    page = admin.get(_url(PreApprovalPolicy, "change", policy.pk))
    assert [f.formset.model for f in page.context["inline_admin_formsets"]] == [PolicyLine]


def test_the_lists_filter_and_search(committee, admin):
    auditor_year(committee)
    page = admin.get(_url(Fee, "changelist"), {"category__exact": "tax"})
    assert page.status_code == 200
    assert {fee.category for fee in page.context["cl"].result_list} == {"tax"}
    page = admin.get(reverse("admin:auditors_servicerequest_changelist"), {"q": "Awaiting 3"})
    assert [r.service for r in page.context["cl"].result_list] == ["Awaiting 3"]


def test_the_history_of_a_change_is_kept_and_shown(committee, admin, secretary):
    engagement = auditor_year(committee)
    engagement.audit_fee = 2_500_000
    engagement._history_user = secretary
    engagement.save()
    page = admin.get(_url(Engagement, "history", engagement.pk)).content.decode()
    assert engagement.history.count() == 3  # created, ratified, the fee changed
    assert "Sam Secretary" in page or secretary.email in page


def test_history_is_read_never_restored(committee, admin):
    engagement = auditor_year(committee)
    version = engagement.history.earliest()
    url = reverse(
        "admin:auditors_engagement_simple_history", args=[engagement.pk, version.history_id]
    )
    assert admin.post(url, {}).status_code == 403


# Bad input: the model's own validation, as in the portal -------------------------------------


def _fee_form(engagement, **extra) -> dict:
    return {
        "engagement": engagement.pk,
        "service": "Tax return review",
        "category": "tax",
        "amount": "1000.00",
        "state": "billed",
        "basis": "fixed",
        "request": "",
        "recorded_on": "2026-06-01",
        **extra,
    }


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({"amount": "-1.00"}, "amount", "A fee cannot be negative."),
        ({"amount": "20000000000.00"}, "amount", "not a plausible fee"),
        ({"basis": "contingent"}, "basis", "may not charge a contingent fee"),
        ({"category": "consulting"}, "category", "not one of the available choices"),
    ],
)
def test_a_bad_fee_is_refused_with_a_clear_message_and_nothing_saved(
    extra, field, words, committee, admin
):
    """S-X 2-01(c)(5) contingent fees; negative, absurd and unknown-category fees."""
    engagement = support.engagement(committee, 2026)
    before = Fee.objects.count()
    response = admin.post(_url(Fee, "add"), _fee_form(engagement, **extra))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert words in " ".join(errors.get(field or "__all__", [])), errors
    assert Fee.objects.count() == before


def test_a_non_audit_fee_without_its_approval_is_refused(committee, admin):
    """S-X 2-01(c)(7): a tax fee rests on an approved request."""
    engagement = support.engagement(committee, 2026)
    response = admin.post(_url(Fee, "add"), _fee_form(engagement))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("request", []))
    assert "choose the approved request" in errors
    assert Fee.objects.count() == 0


def test_a_good_fee_is_saved(committee, admin):
    """The audit itself rests on the engagement's approval."""
    engagement = support.engagement(committee, 2026)
    response = admin.post(_url(Fee, "add"), _fee_form(engagement, category="audit"))
    assert response.status_code == 302
    assert Fee.objects.get().amount == 1000


def _policy_form(committee, meeting, page, **extra) -> dict:
    return {
        "committee": committee.pk,
        "version": "1",
        "effective_from": "2026-03-01",
        "effective_to": "2027-02-28",
        "approved_at": meeting.pk,
        "summary": "Specific services up to their caps.",
        **_management(page),
        **extra,
    }


def test_a_policy_ending_before_it_starts_is_refused_with_its_lines(committee, admin):
    """S-X 2-01(c)(7): a policy has an effective period; a bad one saves neither the policy nor
    its lines."""
    meeting = support.engagement(committee, 2026).approved_at
    page = admin.get(_url(PreApprovalPolicy, "add"))
    data = _policy_form(
        committee,
        meeting,
        page,
        effective_to="2026-02-01",
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-0-service": "Benefit plan audit",
            "lines-0-nature": "audit_related",
            "lines-0-category": "audit_related",
            "lines-0-cap": "50000",
        },
    )
    response = admin.post(_url(PreApprovalPolicy, "add"), data)
    assert response.status_code == 200
    assert "The policy cannot end before it starts" in response.content.decode()
    assert PreApprovalPolicy.objects.count() == 0 and PolicyLine.objects.count() == 0


def test_a_policy_line_with_a_negative_cap_saves_nothing(committee, admin):
    meeting = support.engagement(committee, 2026).approved_at
    page = admin.get(_url(PreApprovalPolicy, "add"))
    data = _policy_form(
        committee,
        meeting,
        page,
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-0-service": "Benefit plan audit",
            "lines-0-nature": "audit_related",
            "lines-0-category": "audit_related",
            "lines-0-cap": "-5",
        },
    )
    response = admin.post(_url(PreApprovalPolicy, "add"), data)
    assert response.status_code == 200
    assert "A fee cannot be negative." in response.content.decode()
    assert PreApprovalPolicy.objects.count() == 0 and PolicyLine.objects.count() == 0


def test_a_second_live_engagement_for_a_year_is_refused(committee, admin):
    engagement = support.engagement(committee, 2026)
    page = admin.get(_url(Engagement, "add"))
    data = {
        "committee": committee.pk,
        "firm": support.firm("Second Firm LLP").pk,
        "fiscal_year": "2026",
        "status": "proposed",
        **_management(page),
    }
    response = admin.post(_url(Engagement, "add"), data)
    assert response.status_code == 200
    assert "already has an engagement for that fiscal year" in response.content.decode()
    assert list(Engagement.objects.all()) == [engagement]


@pytest.mark.parametrize("role", ["chair", "member", "board_reader", "outsider"])
def test_only_the_secretary_reaches_the_auditor_admin(role, committee, request, client_for):
    response = client_for(request.getfixturevalue(role)).get(_url(Engagement, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
