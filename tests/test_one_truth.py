"""One truth for every status (DESIGN: the requirement registry and the deadline engine): after a
change to any record a requirement depends on, committed through a service or the administration
site, every view shows the same status for every requirement, at once, with no daily run between.

The views: the dashboard, the committee roster, the compliance calendar, the occurrence page, the
evidence report (HTML and CSV), the personal calendar feed and ``charter_status``. The clock stands
at noon on 15 June 2026; every change commits for real (a transactional test), so the refresh runs
exactly as it does in use, after commit."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from committees import services
from committees.duties import services as duties
from committees.models import (
    AdvisorEngagement,
    CharterReview,
    LiteracyDetermination,
    Membership,
)
from deadlines.services import deadlines_run
from deadlines.services.feeds import calendar_feed_reset
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire
from tests.conftest import TODAY
from tests.one_truth import assert_agree, read_views

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date
LITERACY = "committees.composition.literacy"
SIZE = "committees.composition.size"
INDEPENDENCE = "committees.composition.independence"
REVIEW = "committees.charter_review"
EVALUATION = "committees.self_evaluation"


@pytest.fixture
def world(on_today, company, audit_committee, chair, member, secretary):
    """Alice chairs, Bob and Carl serve; the daily run has stored today's evaluation."""
    f.seat_qualified_member(audit_committee, full_name="Carl Third")
    deadlines_run(as_of=TODAY)
    return audit_committee


@pytest.fixture
def read(world, secretary, client_for):
    client = client_for(secretary)
    token = calendar_feed_reset(user=secretary, now=datetime.datetime.now(tz=datetime.UTC))
    feed_url = reverse("deadlines:feed_ics", args=[token])

    def views():
        return read_views(world, client, client_for(secretary), feed_url)

    return views


def test_every_view_agrees_before_any_change(read):
    assert_agree(read(), **{LITERACY: "met", SIZE: "met"})


def test_a_determination_recorded_by_service(read, member, secretary):
    """Nasdaq 5605(c)(2)(A) literacy: the board finds Bob not literate today."""
    services.determination_record(
        model=LiteracyDetermination,
        recorded_by=secretary,
        director=member.director,
        determined_on=TODAY,
        is_financially_literate=False,
    )
    assert_agree(read(), **{LITERACY: "failing"})


def test_a_determination_added_in_the_admin(read, member, secretary, client_for):
    """The same finding typed into the administration site."""
    response = client_for(secretary).post(
        reverse("admin:committees_literacydetermination_add"),
        {
            "director": member.director.pk,
            "determined_on": TODAY.isoformat(),
            "board_resolution": "Board meeting of 15 June 2026",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_agree(read(), **{LITERACY: "failing"})


def test_a_membership_ended_by_service(read, member, world):
    """Nasdaq 5605(c)(4)(B): Bob's seat ends, one vacancy: a cure period everywhere."""
    services.membership_end(membership=member.director.memberships.get(), end_date=TODAY)
    services.membership_end(
        membership=Membership.objects.get(director__full_name="Carl Third"), end_date=D(2026, 6, 10)
    )
    views = read()
    assert_agree(views)
    assert views["charter_status"][SIZE] in ("cure_period", "failing")


def test_a_membership_ended_in_the_admin(read, member, secretary, client_for, world):
    seat = Membership.objects.get(director__full_name="Carl Third")
    response = client_for(secretary).post(
        reverse("admin:committees_membership_change", args=[seat.pk]),
        {
            "committee": world.pk,
            "director": seat.director_id,
            "role": seat.role,
            "start_date": seat.start_date.isoformat(),
            "end_date": D(2026, 6, 10).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    views = read()
    assert_agree(views, **{SIZE: "cure_period"})


def test_a_director_fact_added_in_the_admin(read, member, secretary, client_for):
    """Nasdaq 5605(a)(2)(A): Bob became an employee of the company this month."""
    response = client_for(secretary).post(
        reverse("admin:committees_employment_add"),
        {
            "director": member.director.pk,
            "employer": "company",
            "employer_name": "Northwind Instruments",
            "title": "Vice President, Strategy",
            "is_executive_officer": "on",
            "start_date": D(2026, 6, 1).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    views = read()
    assert_agree(views)
    assert views["charter_status"][INDEPENDENCE] == "failing"


def test_a_charter_review_recorded_by_service(read, chair, world):
    """Charter: Responsibilities 7; Nasdaq 5605(c)(1): the review turns met everywhere."""
    duties.charter_review_record(
        committee=world,
        reviewed_on=TODAY,
        held_at=CharterReview.HeldAt.WRITTEN_CONSENT,
        held_at_reference="Unanimous written consent of 15 June 2026",
        outcome=CharterReview.Outcome.NO_CHANGE,
        recorded_by=chair,
        as_of=TODAY,
    )
    views = read()
    assert_agree(views)
    assert views["report"][REVIEW] == "met"


def test_self_evaluation_answers_by_service(read, chair, member, world):
    """Charter: Responsibilities 7: the answers of the members who log in."""
    questionnaire = make_questionnaire(world)
    for user in (chair, member):
        duties.evaluation_submit(
            questionnaire=questionnaire, user=user, answers=answers_for(questionnaire), as_of=TODAY
        )
    assert_agree(read())


def test_the_company_profile_changed_in_the_admin(read, company, secretary, client_for):
    """The fiscal calendar and the annual meeting feed every committee's deadlines."""
    response = client_for(secretary).get(
        reverse("admin:committees_companyprofile_change", args=[company.pk])
    )
    form = response.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["next_annual_meeting"] = D(2026, 9, 30).isoformat()
    response = client_for(secretary).post(
        reverse("admin:committees_companyprofile_change", args=[company.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_agree(read())


def test_an_advisor_payment_by_service(read, world):
    """Charter: Responsibilities 6: payments change no status, and every view still agrees."""
    engagement = duties.advisor_engagement_record(
        committee=world,
        name="Harborview Forensic Accounting",
        kind=AdvisorEngagement.Kind.ACCOUNTING,
        purpose="Forensic accounting support.",
        engaged_on=D(2026, 3, 1),
        fee_budget=Decimal("60000.00"),
    )
    duties.advisor_payment_record(
        engagement=engagement, paid_on=D(2026, 6, 1), amount=Decimal("75000"), as_of=TODAY
    )
    assert_agree(read())


def test_a_change_rolled_back_changes_nothing(read, member, secretary):
    from django.db import transaction

    before = read()
    with pytest.raises(RuntimeError), transaction.atomic():
        LiteracyDetermination.objects.create(
            director=member.director, determined_on=TODAY, is_financially_literate=False
        )
        raise RuntimeError("the secretary's save failed")
    assert read() == before


def test_the_records_reached_through_another_name_their_committee(world, member):
    """A record with no committee of its own (a question, a notice to the exchange) refreshes
    its parent's committee, not every committee; the company profile refreshes them all."""
    from committees.models import CompanyProfile, Question
    from committees.requirements.hooks import affected_committees

    questionnaire = make_questionnaire(world)
    question = Question.objects.filter(questionnaire=questionnaire).first()
    assert affected_committees(question) == [world.pk]
    assert affected_committees(member.director) == [world.pk]
    assert affected_committees(CompanyProfile.current()) is None
