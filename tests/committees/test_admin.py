"""The secretary's administration: every committees record is kept there, with history; bad input
gets a clear message and saves nothing; governance records are never deleted (docs/security.md
target 13). "Today" is 15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from committees import services
from committees.duties.services import advisor_engagement_record, charter_review_record
from committees.models import (
    Committee,
    Compensation,
    CurePeriod,
    Employment,
    ExceptionDetermination,
    ExchangeNotice,
    FinancialExpertDetermination,
    FinancialStatementPreparation,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    NoncomplianceEpisode,
    SophisticationDetermination,
)
from tests import factories as f

D = datetime.date
GOVERNANCE = [
    Committee,
    f.m.CharterVersion,
    Membership,
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
    FinancialExpertDetermination,
    ExceptionDetermination,
    CurePeriod,
    NoncomplianceEpisode,
    ExchangeNotice,
]


# Kept elsewhere on purpose: members' answers are confidential to the committee, so they have no
# admin at all; questions and advisor payments are edited inline on their parent.
NOT_IN_ADMIN = {f.m.Response, f.m.Answer, f.m.Question, f.m.AdvisorPayment}
# Issue 12: the directors' questionnaire lives in the portal only, where certification (name and
# second factor), review (the effect preview) and adoption apply; the admin would bypass them.
NOT_IN_ADMIN |= {
    f.m.QuestionnaireRound,
    f.m.DirectorQuestionnaire,
    f.m.DirectorAnswer,
    f.m.DeterminationBatch,
    f.m.BatchItem,
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def committees_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "committees"
    ]


def url(model, view, *args):
    return reverse(f"admin:committees_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def records(company, audit_committee, other_committee, chair, member, other_member, secretary):
    """At least one row of every committees model."""
    dana = f.seat_qualified_member(audit_committee, full_name="Dana Cure")
    brother = f.FamilyMemberFactory(director=dana, name="Dirk Cure", relationship="sibling")
    Employment.objects.create(
        director=dana,
        family_member=brother,
        employer=Employment.Employer.SUBSIDIARY,
        title="Chief Financial Officer",
        is_executive_officer=True,
        start_date=D(2026, 3, 2),
    )
    f.CompensationFactory(director=dana, kind=Compensation.Kind.BOARD_FEES)
    f.OrganisationPaymentFactory(relationship=f.BusinessRelationshipFactory(director=dana))
    # An interlock that ended long ago: Dana was independent until her brother's appointment,
    # so her cure period can start that day (Nasdaq 5605(c)(4)).
    f.CompensationInterlockFactory(director=dana, start_date=D(2015, 1, 1), end_date=D(2016, 1, 1))
    f.AuditorRelationshipFactory(director=dana, worked_on_company_audit=False, role="employee")
    f.FinancialStatementPreparationFactory(director=dana, start_date=D(2015, 1, 1))
    f.FinancialExpertDeterminationFactory(director=chair.director)
    f.ExceptionDeterminationFactory(director=dana, committee=audit_committee)
    services.determination_record(
        model=IndependenceDetermination,
        recorded_by=secretary,
        director=dana,
        determined_on=D(2026, 3, 5),
        is_independent=False,
    )
    services.cure_period_open(
        committee=audit_committee, director=dana, event_date=D(2026, 3, 2), reason="Outside."
    )
    episode = services.episode_record(
        committee=audit_committee,
        began_on=D(2026, 3, 2),
        description="Dana Cure relies on a cure period.",
        recorded_by=secretary,
    )
    services.exchange_notice_record(
        episode=episode,
        sent_on=D(2026, 3, 4),
        rule=ExchangeNotice.Rule.NASDAQ_5605C4,
        reported="The committee relies on the cure period for Dana Cure.",
        sent_by="Chief Executive Officer",
        recorded_by=secretary,
    )
    charter_review_record(
        committee=audit_committee,
        reviewed_on=D(2026, 2, 12),
        held_at="meeting",
        held_at_reference="Audit Committee meeting of 12 February 2026",
        outcome="no_change",
        recorded_by=secretary,
        as_of=D(2026, 6, 15),
    )
    f.m.Questionnaire.objects.create(
        committee=audit_committee,
        title="Self-evaluation 2026",
        fiscal_year=2026,
        opens_on=D(2026, 6, 1),
        closes_on=D(2026, 7, 1),
    )
    advisor_engagement_record(
        committee=audit_committee,
        name="Harbor Forensic Accounting",
        kind="accounting",
        purpose="Independent review of revenue recognition.",
        engaged_on=D(2026, 4, 1),
        fee_budget=Decimal("50000"),
    )
    return {"dana": dana}


# Access --------------------------------------------------------------------------------------


def test_secretary_opens_every_changelist_and_add_page(secretary, client_for):
    client = client_for(secretary)
    models = {
        model
        for model in apps.get_app_config("committees").get_models()
        if not model.__name__.startswith("Historical") and model not in NOT_IN_ADMIN
    }
    assert {model for model, _ in committees_admins()} == models
    for model, _ in committees_admins():
        assert client.get(url(model, "changelist")).status_code == 200, model
        assert client.get(url(model, "add")).status_code == 200, model


def test_secretary_opens_every_change_and_history_page(records, secretary, client_for):
    client = client_for(secretary)
    for model, _ in committees_admins():
        obj = model.objects.order_by("pk").first()
        assert obj is not None, model
        assert client.get(url(model, "changelist")).status_code == 200, model
        assert client.get(url(model, "change", obj.pk)).status_code == 200, model
        assert client.get(url(model, "history", obj.pk)).status_code == 200, model


def test_the_independence_determination_shows_its_bright_line_snapshot(
    records, secretary, client_for
):
    determination = IndependenceDetermination.objects.get(determined_on=D(2026, 3, 5))
    page = client_for(secretary).get(url(IndependenceDetermination, "change", determination.pk))
    assert "Chief Financial Officer" in page.content.decode()
    assert "NOT passed" in page.content.decode()


@pytest.mark.parametrize("view", ["index", "changelist"])
def test_a_user_who_is_not_staff_cannot_enter(member, client_for, view):
    target = reverse("admin:index") if view == "index" else url(Membership, "changelist")
    response = client_for(member).get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_outside_the_secretary_group_sees_no_committees_records(client_for, db):
    clerk = f.UserFactory(email="clerk@example.test")
    clerk.is_staff = True
    clerk.save()
    assert client_for(clerk).get(url(Membership, "changelist")).status_code == 403


def test_only_one_company_profile(company, secretary, client_for):
    assert client_for(secretary).get(url(f.m.CompanyProfile, "add")).status_code == 403


# Never deleted -------------------------------------------------------------------------------


def test_governance_records_cannot_be_deleted(records, secretary, client_for):
    client = client_for(secretary)
    for model in GOVERNANCE:
        obj = model.objects.order_by("pk").first()
        assert client.get(url(model, "delete", obj.pk)).status_code == 403, model
        assert client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        changelist = client.get(url(model, "changelist")).content.decode()
        assert "delete_selected" not in changelist, model
        client.post(
            url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert model.objects.filter(pk=obj.pk).exists(), model


def test_history_can_be_read_but_not_reverted(records, secretary, client_for):
    seat = Membership.objects.order_by("pk").first()
    version = seat.history.earliest()
    target = reverse(
        "admin:committees_membership_simple_history", args=[seat.pk, version.history_id]
    )
    client = client_for(secretary)
    assert client.get(target).status_code == 200
    assert client.post(target, {"role": "member"}).status_code == 403


# Bad input: a clear message and nothing saved ------------------------------------------------


def _membership_form(director, **overrides):
    data = {
        "director": director.pk,
        "committee": Committee.objects.get(slug="audit").pk,
        "role": "member",
        "start_date": "2025-01-01",
        "end_date": "",
    }
    return {**data, **overrides}


def test_an_overlapping_seat_is_refused_with_a_message(
    audit_committee, member, secretary, client_for
):
    response = client_for(secretary).post(url(Membership, "add"), _membership_form(member.director))
    assert response.status_code == 200
    assert (
        "Bob Member already sits on Audit Committee from 1 January 2024"
        in response.content.decode()
    )
    assert Membership.objects.filter(director=member.director).count() == 1


def test_a_second_chair_is_refused_with_a_message(audit_committee, chair, secretary, client_for):
    newcomer = f.DirectorFactory(full_name="Nora New")
    response = client_for(secretary).post(
        url(Membership, "add"), _membership_form(newcomer, role="chair")
    )
    assert "Alice Chair chairs Audit Committee" in response.content.decode()
    assert "one chair at a time" in response.content.decode()
    assert not Membership.objects.filter(director=newcomer).exists()


def test_an_end_before_the_start_is_refused_with_a_message(audit_committee, secretary, client_for):
    newcomer = f.DirectorFactory(full_name="Nora New")
    response = client_for(secretary).post(
        url(Membership, "add"), _membership_form(newcomer, end_date="2024-12-31")
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Membership.objects.filter(director=newcomer).exists()


def test_a_good_seat_is_saved_through_the_service_with_its_history(
    audit_committee, secretary, client_for
):
    newcomer = f.DirectorFactory(full_name="Nora New")
    response = client_for(secretary).post(url(Membership, "add"), _membership_form(newcomer))
    assert response.status_code == 302
    seat = Membership.objects.get(director=newcomer)
    assert seat.history.get().history_user == secretary


def test_ending_a_seat_in_the_admin(audit_committee, member, secretary, client_for):
    seat = member.director.memberships.get()
    form = _membership_form(member.director, start_date="2024-01-01", end_date="2026-05-31")
    response = client_for(secretary).post(url(Membership, "change", seat.pk), form)
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == D(2026, 5, 31)


def test_two_chairs_entered_together_on_the_committee_page(db, company, secretary, client_for):
    one, two = f.DirectorFactory(full_name="Ann One"), f.DirectorFactory(full_name="Tom Two")
    data = {
        "name": "Risk Committee",
        "slug": "risk",
        "kind": "other",
        "charter_versions-TOTAL_FORMS": "0",
        "charter_versions-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "0",
    }
    for index, director in enumerate((one, two)):
        data |= {
            f"memberships-{index}-director": director.pk,
            f"memberships-{index}-role": "chair",
            f"memberships-{index}-start_date": "2026-01-01",
            f"memberships-{index}-end_date": "",
        }
    response = client_for(secretary).post(url(Committee, "add"), data)
    assert response.status_code == 200
    assert "Ann One and Tom Two would both chair the committee" in response.content.decode()
    assert not Committee.objects.filter(slug="risk").exists()
    assert not Membership.objects.exists()


def test_a_future_determination_is_refused_with_a_message(db, secretary, client_for):
    director = f.DirectorFactory()
    data = {"director": director.pk, "determined_on": "2026-06-16", "is_financially_literate": "on"}
    response = client_for(secretary).post(url(LiteracyDetermination, "add"), data)
    assert "A board determination cannot be in the future." in response.content.decode()
    assert not LiteracyDetermination.objects.exists()


def test_a_determination_records_who_recorded_it(db, secretary, client_for):
    director = f.DirectorFactory()
    data = {
        "director": director.pk,
        "determined_on": "2026-06-15",
        "is_independent": "on",
        "no_compensatory_fees": "on",
        "voting_equity_percent": "0",
    }
    response = client_for(secretary).post(url(IndependenceDetermination, "add"), data)
    assert response.status_code == 302
    recorded = IndependenceDetermination.objects.get()
    assert recorded.recorded_by == secretary
    assert len(recorded.bright_line_snapshot["tests"]) == 6


def test_a_recorded_finding_cannot_be_changed_in_the_admin(db, secretary, client_for):
    determination = f.IndependenceDeterminationFactory()
    data = {"is_independent": "", "notes": "Reviewed again; no change.", "board_resolution": ""}
    response = client_for(secretary).post(
        url(IndependenceDetermination, "change", determination.pk), data
    )
    assert response.status_code == 302
    determination.refresh_from_db()
    assert determination.is_independent is True
    assert determination.notes == "Reviewed again; no change."


def test_a_negative_amount_is_refused_with_a_message(db, secretary, client_for):
    director = f.DirectorFactory()
    data = {"director": director.pk, "paid_on": "2026-01-15", "amount": "-5", "kind": "board_fees"}
    response = client_for(secretary).post(url(Compensation, "add"), data)
    assert "An amount cannot be negative." in response.content.decode()
    assert not Compensation.objects.exists()
    data["amount"] = "0"
    assert client_for(secretary).post(url(Compensation, "add"), data).status_code == 302
    assert Compensation.objects.get().amount == Decimal("0")


def test_a_cure_period_for_someone_not_on_the_committee_is_refused(
    company, audit_committee, secretary, client_for
):
    outsider = f.DirectorFactory(full_name="Otto Outside")
    data = {
        "committee": audit_committee.pk,
        "director": outsider.pk,
        "event_date": "2026-03-02",
        "reason": "Her brother joined the company.",
    }
    response = client_for(secretary).post(url(CurePeriod, "add"), data)
    assert response.status_code == 200
    assert "Otto Outside does not sit on Audit Committee" in response.content.decode()
    assert not CurePeriod.objects.exists()


def test_facts_offer_only_the_directors_own_family(records, secretary, client_for):
    dana = records["dana"]
    other = f.FamilyMemberFactory(name="Someone Else")
    page = client_for(secretary).get(reverse("admin:committees_director_change", args=[dana.pk]))
    content = page.content.decode()
    assert "Dirk Cure" in content and "Someone Else" not in content
    assert FinancialStatementPreparation.objects.filter(director=dana).exists()
    assert other.pk


def test_a_committee_with_its_roster_is_saved_through_the_services(
    db, company, secretary, client_for
):
    chair, member = f.DirectorFactory(full_name="Ann One"), f.DirectorFactory(full_name="Tom Two")
    data = {
        "name": "Risk Committee",
        "slug": "risk",
        "kind": "other",
        "charter_versions-TOTAL_FORMS": "1",
        "charter_versions-INITIAL_FORMS": "0",
        "charter_versions-0-label": "Adopted 2026",
        "charter_versions-0-adopted_on": "2026-01-05",
        "charter_versions-0-effective_from": "2026-01-05",
        "charter_versions-0-min_members": "2",
        "charter_versions-0-min_meetings_per_year": "2",
        "charter_versions-0-executive_session_interval_months": "12",
        "charter_versions-0-board_report_within_days": "30",
        "charter_versions-0-charter_review_interval_months": "12",
        "charter_versions-0-self_evaluation_interval_months": "12",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "0",
    }
    for index, (director, role) in enumerate(((chair, "chair"), (member, "member"))):
        data |= {
            f"memberships-{index}-director": director.pk,
            f"memberships-{index}-role": role,
            f"memberships-{index}-start_date": "2026-01-05",
            f"memberships-{index}-end_date": "",
        }
    response = client_for(secretary).post(url(Committee, "add"), data)
    assert response.status_code == 302
    risk = Committee.objects.get(slug="risk")
    assert risk.charter_on(D(2026, 6, 15)).min_members == 2
    seats = {m.director.full_name: m.role for m in risk.memberships.all()}
    assert seats == {"Ann One": "chair", "Tom Two": "member"}
