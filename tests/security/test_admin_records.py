"""The secretary's admin (security targets 13 and 9: governance records are never silently
deleted): independence facts cannot be deleted, only ended; a director's account link changes on
the record; search and autocomplete refuse a NUL byte with a message, never a server error."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from committees.models import Employment, FamilyMember
from tests import factories as f

FACT_ADMINS = [
    ("familymember", f.FamilyMemberFactory),
    ("employment", f.EmploymentFactory),
    ("compensation", f.CompensationFactory),
    ("businessrelationship", f.BusinessRelationshipFactory),
    ("organisationpayment", f.OrganisationPaymentFactory),
    ("compensationinterlock", f.CompensationInterlockFactory),
    ("auditorrelationship", f.AuditorRelationshipFactory),
    ("financialstatementpreparation", f.FinancialStatementPreparationFactory),
]


@pytest.mark.parametrize(("model", "factory"), FACT_ADMINS)
def test_an_independence_fact_cannot_be_deleted_in_the_admin(model, factory, client_for, secretary):
    fact = factory()
    client = client_for(secretary)
    delete = reverse(f"admin:committees_{model}_delete", args=[fact.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert type(fact).objects.filter(pk=fact.pk).exists()
    changelist = client.get(reverse(f"admin:committees_{model}_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    change = client.get(reverse(f"admin:committees_{model}_change", args=[fact.pk]))
    assert "are never deleted" in change.content.decode()


def test_the_directors_fact_inlines_have_no_delete_checkbox(client_for, secretary):
    director = f.DirectorFactory()
    f.FamilyMemberFactory(director=director)
    f.EmploymentFactory(director=director, start_date=datetime.date(2020, 1, 1))
    page = client_for(secretary).get(
        reverse("admin:committees_director_change", args=[director.pk])
    )
    body = page.content.decode()
    assert page.status_code == 200 and "-DELETE" not in body
    assert "enter its end date" in body


def test_an_ended_fact_stays_on_record(client_for, secretary):
    job = f.EmploymentFactory(start_date=datetime.date(2020, 1, 1))
    url = reverse("admin:committees_employment_change", args=[job.pk])
    data = {
        "director": job.director.pk,
        "family_member": "",
        "employer": job.employer,
        "employer_name": "",
        "title": job.title,
        "start_date": "2020-01-01",
        "end_date": "2024-12-31",
        "notes": "",
    }
    assert client_for(secretary).post(url, data).status_code == 302
    job.refresh_from_db()
    assert job.end_date == datetime.date(2024, 12, 31) and Employment.objects.count() == 1
    assert job.history.count() == 2


def test_changing_a_directors_account_in_the_admin_is_recorded_and_told(
    client_for, secretary, member, django_capture_on_commit_callbacks
):
    director = member.director
    new_account = f.UserFactory(email="bob.new@example.test")
    url = reverse("admin:committees_director_change", args=[director.pk])
    page = client_for(secretary).get(url)
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("full_name", "email", "phone")}
    data |= {"user": new_account.pk, "biography": ""}
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        data |= {
            f"{fs.prefix}-TOTAL_FORMS": 0,
            f"{fs.prefix}-INITIAL_FORMS": 0,
            f"{fs.prefix}-MIN_NUM_FORMS": 0,
            f"{fs.prefix}-MAX_NUM_FORMS": 1000,
        }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretary).post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    director.refresh_from_db()
    assert director.user == new_account
    latest = director.history.order_by("-history_id").first()
    assert latest.user_id == new_account.pk and latest.history_user == secretary
    assert len(mail.outbox) == 1
    assert {member.email, new_account.email} <= set(mail.outbox[0].to)


SEARCHES = [
    "admin:committees_director_changelist",
    "admin:committees_familymember_changelist",
    "admin:committees_committee_changelist",
    "admin:deadlines_occurrence_changelist",
    "admin:deadlines_reminder_changelist",
]


@pytest.mark.parametrize("name", SEARCHES)
@pytest.mark.parametrize("term", ["\x00", "Bob\x00Member", "a\x1bb"])
def test_admin_search_refuses_a_nul_byte_with_a_message(name, term, client_for, secretary):
    """security target 9, on SQLite and PostgreSQL alike: PostgreSQL refuses NUL in a query
    (a server error before); SQLite would search for it. Both now refuse it with a message."""
    f.FamilyMemberFactory(name="Bob Member's spouse")
    client = client_for(secretary)
    response = client.get(reverse(name), {"q": term, "o": "1"})
    assert response.status_code == 302
    assert "q=" not in response["Location"] and "o=1" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "contained a NUL byte or another control character" in page.content.decode()


def test_a_plain_search_still_works(client_for, secretary):
    f.FamilyMemberFactory(name="Zelda Searchable")
    page = client_for(secretary).get(
        reverse("admin:committees_familymember_changelist"), {"q": "Zelda"}
    )
    assert page.status_code == 200 and "Zelda Searchable" in page.content.decode()
    assert FamilyMember.objects.count() == 1


@pytest.mark.parametrize("term", ["\x00", "Bob\x00"])
def test_admin_autocomplete_refuses_a_nul_byte_without_a_server_error(term, client_for, secretary):
    f.DirectorFactory(full_name="Bob Member")
    params = {
        "term": term,
        "app_label": "committees",
        "model_name": "membership",
        "field_name": "director",
    }
    response = client_for(secretary).get(reverse("admin:autocomplete"), params)
    assert response.status_code == 400
    ok = client_for(secretary).get(reverse("admin:autocomplete"), {**params, "term": "Bob"})
    assert ok.status_code == 200 and "Bob Member" in ok.content.decode()
