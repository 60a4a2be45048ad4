"""The demo's auditor (seed_demo, auditors/demo.py): everything the issue asks the demo to show,
dated from the demo's day, valid as the admin would save it, and seeded once. The clock is frozen
on 15 June 2026."""

import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from auditors.models import (
    As1301Item,
    CommitteeReport,
    Communication,
    Engagement,
    Fee,
    PreApprovalPolicy,
    ServiceRequest,
    StatementsReview,
)
from auditors.rotation import standing_for
from auditors.services_catalogue import PROHIBITED_RULE, Category, prohibited_reason
from committees.models import Committee
from meetings.models import Meeting, Topic

D = datetime.date
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)
TODAY = D(2026, 6, 15)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--as-of", "2026-06-15", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def auditor_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_app_config("auditors").get_models()}


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "private-files"
    with time_machine.travel(NOW, tick=False):
        seed()
        yield Committee.objects.get(slug="audit")


def test_the_demo_auditor_has_two_years_a_policy_every_route_and_a_partner_due_to_rotate(demo):
    """The issue's demo: two fiscal years of fees in all four categories, a policy, requests
    approved under the policy, by delegation and at a meeting, a refused prohibited request
    (S-X 2-01(c)(4)), and a lead partner due to rotate next year (S-X 2-01(c)(6))."""
    completed = Engagement.objects.get(committee=demo, fiscal_year=2025)
    current = Engagement.objects.get(committee=demo, fiscal_year=2026)
    assert current.firm.name == "Calder & Moss LLP" and current.firm.pcaob_id
    assert completed.status == Engagement.Status.COMPLETED
    assert current.status == Engagement.Status.ACTIVE
    for engagement in (completed, current):
        assert engagement.approved_at.status == Meeting.Status.HELD
        categories = set(
            Fee.objects.filter(engagement=engagement).values_list("category", flat=True)
        )
        assert categories == set(Category.values)
        # The approved audit fee is what the audit category adds up to.
        audit = sum(f.amount for f in engagement.fees.filter(category=Category.AUDIT))
        assert audit == engagement.audit_fee

    policy = PreApprovalPolicy.objects.get(committee=demo)
    assert policy.in_force_on(TODAY) and policy.approved_at.status == Meeting.Status.HELD
    assert policy.lines.count() == 4
    assert all(line.cap > 0 and line.service for line in policy.lines.all())

    requests = ServiceRequest.objects.filter(committee=demo, engagement=current)
    under_policy = requests.filter(route="policy", status="approved")
    assert under_policy.count() == 2
    assert all(r.policy_line.policy == policy and r.reported_at for r in under_policy)
    delegated = requests.get(route="delegate", status="approved")
    assert (
        delegated.decided_on <= TODAY and delegated.estimated_fee <= delegated.delegation.fee_limit
    )
    # SOX 202: on the next meeting's agenda, to be reported to the full committee.
    item = delegated.reported_at
    assert item.meeting.day > delegated.decided_on and Topic.PREAPPROVAL_REPORT in item.serves
    assert item.meeting.status == Meeting.Status.SCHEDULED
    at_meeting = requests.get(route="committee", status="approved")
    assert at_meeting.approved_at.status == Meeting.Status.HELD
    assert at_meeting.independence_discussion and at_meeting.firm_description  # PCAOB 3525
    refused = requests.get(status="refused")
    assert refused.refusal_rule == PROHIBITED_RULE == "S-X 2-01(c)(4)"
    assert refused.refusal_reason == prohibited_reason(refused.nature)
    assert requests.filter(status="pending").count() == 1
    # A service never starts before its approval (S-X 2-01(c)(7)).
    for request in requests.filter(status="approved"):
        assert request.starts_on >= request.decided_on

    lead = next(s for s in standing_for(demo, 2026) if s.role == "lead")
    assert (lead.partner.full_name, lead.consecutive_years, lead.last_allowed_year) == (
        "Mark Delgado",
        5,
        2026,
    )
    assert lead.rotates  # due to rotate after this year


def test_the_completed_year_has_its_letters_checklist_review_and_signed_report(demo):
    """PCAOB 3526(b), AS 1301, Charter: Responsibilities 3, S-K 407(d)(3)."""
    completed = Engagement.objects.get(committee=demo, fiscal_year=2025)
    letters = Communication.objects.filter(committee=demo, received_on__gt=D(2025, 12, 31))
    assert {c.kind for c in letters} == {"independence", "quality_control"}
    assert all(c.discussed_at and c.discussion for c in letters)
    assert letters.get(kind="independence").states_independent is True
    assert As1301Item.objects.filter(engagement=completed).count() == 12
    review = StatementsReview.objects.get(engagement=completed)
    assert review.recommends_inclusion and review.meeting.day > D(2025, 12, 31)
    report = CommitteeReport.objects.get(engagement=completed)
    serving = {m.director for m in demo.memberships.active_on(report.dated)}
    assert set(report.signers.all()) == serving and report.dated <= TODAY
    # The firm's relationships were discussed before its first engagement (PCAOB 3526(a)).
    first = Engagement.objects.filter(committee=demo).order_by("fiscal_year").first()
    relationships = Communication.objects.get(committee=demo, kind="relationships")
    assert relationships.discussed_at.day <= first.approved_on


def test_every_demo_record_passes_the_admin_s_validation(demo):
    for model in apps.get_app_config("auditors").get_models():
        if model.__name__.startswith("Historical"):
            continue
        for record in model.objects.all():
            record.full_clean()


def test_seeding_again_adds_no_auditor_record(demo):
    counts = auditor_counts()
    with time_machine.travel(NOW, tick=False):
        out = seed()
    assert auditor_counts() == counts
    assert "nothing added" in out


def test_the_chair_reads_the_demo_auditor(demo, client_for):
    from django.contrib.auth import get_user_model

    chair = get_user_model().objects.get(email="margaret.chen@northwind.example")
    with time_machine.travel(NOW, tick=False):
        response = client_for(chair).get(reverse("auditors:year", args=["audit"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Calder &amp; Moss LLP" in html and "Mark Delgado" in html
    assert "Research and development tax credit study" in html
