"""The secretary runs the committee from the admin (issue 8): a save that breaks compliance says
so at once; no raw database message; an amended review names a version adopted on or after it;
a family member's fact is never saved as the director's own; the index is grouped by the work;
dates in words. "Today" is 15 June 2026."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from committees.models import (
    CharterReview,
    CharterVersion,
    Director,
    Employment,
    FamilyMember,
    LiteracyDetermination,
    Membership,
)
from tests import factories as f

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def full_committee(audit_committee, chair, member):
    f.seat_qualified_member(audit_committee, full_name="Tara Third", sophisticated=True)
    return audit_committee


def texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def inline_management(client, url) -> dict:
    """The management forms of every inline of an admin page, with no rows."""
    page = client.get(url)
    data = {}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data


# A save that breaks compliance --------------------------------------------------------------


def _seat(client, committee, director):
    data = {
        "director": director.pk,
        "committee": committee.pk,
        "role": "member",
        "start_date": "2026-06-15",
        "end_date": "",
    }
    return client.post(reverse("admin:committees_membership_add"), data, follow=True)


def test_seating_a_director_without_a_literacy_finding_warns_at_once(
    full_committee, secretary, client_for
):
    """Nasdaq 5605(c)(2)(A) literacy: the save is kept, and the admin names the finding, what is
    wrong and links to the committee's portal page."""
    lena = f.DirectorFactory(full_name="Lena Late")
    f.IndependenceDeterminationFactory(director=lena, determined_on=D(2026, 6, 1))
    response = _seat(client_for(secretary), full_committee, lena)
    assert response.status_code == 200
    assert Membership.objects.filter(director=lena).exists()
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1, texts(response)
    text = str(warnings[0])
    assert "Audit Committee no longer complies: Every member financially literate" in text
    assert "(Nasdaq 5605(c)(2)(A))" in text
    assert "The board has not found Lena Late financially literate." in text
    assert f'href="{reverse("committees:detail", args=[full_committee.slug])}"' in text
    # Shown as a link on the page, not as escaped text.
    page = response.content.decode()
    assert "See Audit Committee in the portal</a>" in page


def test_recording_the_missing_finding_says_the_committee_complies_again(
    full_committee, secretary, client_for
):
    """Nasdaq 5605(c)(2)(A) literacy: the finding that fixes it is said too."""
    lena = f.DirectorFactory(full_name="Lena Late")
    f.IndependenceDeterminationFactory(director=lena, determined_on=D(2026, 6, 1))
    client = client_for(secretary)
    _seat(client, full_committee, lena)
    data = {"director": lena.pk, "determined_on": "2026-06-15", "is_financially_literate": "on"}
    response = client.post(reverse("admin:committees_literacydetermination_add"), data, follow=True)
    assert LiteracyDetermination.objects.filter(director=lena).exists()
    assert any(
        "Audit Committee meets Every member financially literate again" in m
        for m in texts(response)
    )
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_save_that_changes_no_compliance_warns_nothing(full_committee, secretary, client_for):
    client = client_for(secretary)
    director = f.DirectorFactory(full_name="Quinn Quiet")
    url = reverse("admin:committees_director_change", args=[director.pk])
    data = inline_management(client, url) | {
        "full_name": "Quinn Quiet",
        "email": "quinn@example.test",
        "phone": "+1 555 0100",
        "user": "",
        "biography": "",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    levels = {m.level_tag for m in response.context["messages"]}
    assert levels == {"success"}, texts(response)


# No raw database message --------------------------------------------------------------------


def test_every_constraint_has_its_own_message():
    """Each constraint of committees and deadlines says in words what is wrong: a form never
    shows Django's "Constraint ... is violated"."""
    bare = [
        f"{model.__name__}.{constraint.name}"
        for label in ("committees", "deadlines")
        for model in apps.get_app_config(label).get_models()
        for constraint in model._meta.constraints
        if constraint.violation_error_message == constraint.default_violation_error_message
        or "Constraint" in str(constraint.violation_error_message)
    ]
    assert bare == []


def test_a_household_member_not_sharing_the_home_gets_words_not_the_constraint(
    db, secretary, client_for
):
    """Nasdaq 5605(a)(2) family member: someone who is no relative counts only while sharing the
    director's home."""
    director = f.DirectorFactory()
    data = {"director": director.pk, "name": "Hal Lodger", "relationship": "household"}
    response = client_for(secretary).post(reverse("admin:committees_familymember_add"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Constraint" not in page and "is violated" not in page
    assert "only while sharing the director" in page
    assert not FamilyMember.objects.exists()


def test_family_pay_without_a_family_member_gets_words_not_the_constraint(
    db, secretary, client_for
):
    """Nasdaq 5605(a)(2)(B): pay to a family member below executive level names the family
    member it was paid to."""
    director = f.DirectorFactory()
    data = {
        "director": director.pk,
        "family_member": "",
        "paid_on": "2026-01-15",
        "amount": "1000",
        "kind": "family_non_exec",
        "description": "",
    }
    response = client_for(secretary).post(reverse("admin:committees_compensation_add"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Constraint" not in page and "is violated" not in page
    assert "needs the family member it was paid to" in page


# An amended charter review names a version adopted on or after it --------------------------


@pytest.fixture
def versions(audit_committee):
    old = audit_committee.charter_versions.get()
    new = CharterVersion.objects.create(
        committee=audit_committee,
        label="Amended June 2026",
        adopted_on=D(2026, 6, 10),
        effective_from=D(2026, 6, 10),
    )
    return old, new


def _review(version, reviewed_on="2026-06-10"):
    return {
        "reviewed_on": reviewed_on,
        "held_at": "meeting",
        "held_at_reference": "Audit Committee meeting of 10 June 2026",
        "outcome": "amended",
        "new_charter_version": version.pk,
        "summary": "",
    }


def test_the_admin_refuses_an_amended_review_naming_an_older_version(
    versions, audit_committee, secretary, client_for
):
    """Charter Resp. 7 / Nasdaq 5605(c)(1): the amended charter is the version adopted on or
    after the review."""
    old, new = versions
    client = client_for(secretary)
    url = reverse("admin:committees_charterreview_add")
    response = client.post(url, _review(old) | {"committee": audit_committee.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "before this review of 10 June 2026" in page
    assert "an amended charter is the version adopted on or after the review" in page
    assert not CharterReview.objects.exists()
    ok = client.post(url, _review(new) | {"committee": audit_committee.pk})
    assert ok.status_code == 302
    assert CharterReview.objects.get().new_charter_version == new


def test_the_portal_form_refuses_an_amended_review_naming_an_older_version(
    versions, audit_committee, secretary, client_for
):
    """Charter Resp. 7 / Nasdaq 5605(c)(1), on the portal's record-review page."""
    old, new = versions
    client = client_for(secretary)
    url = reverse("committees:charter_review_record", args=[audit_committee.slug])
    response = client.post(url, _review(old))
    page = response.content.decode()
    assert response.status_code == 200
    assert "an amended charter is the version adopted on or after the review" in page
    assert not CharterReview.objects.exists()
    assert client.post(url, _review(new)).status_code == 302


def test_the_service_refuses_it_too(versions, audit_committee, secretary):
    """Charter Resp. 7: whoever records the review (admin, portal, script)."""
    from django.core.exceptions import ValidationError

    from committees.duties.services import charter_review_record

    old, _ = versions
    with pytest.raises(ValidationError) as error:
        charter_review_record(
            committee=audit_committee,
            reviewed_on=D(2026, 6, 12),
            held_at="meeting",
            held_at_reference="Meeting of 12 June 2026",
            outcome="amended",
            new_charter_version=old,
            recorded_by=secretary,
            as_of=D(2026, 6, 15),
        )
    assert "new_charter_version" in error.value.message_dict


# A family member's fact is never saved as the director's own --------------------------------


def _director_add(client, **rows):
    url = reverse("admin:committees_director_add")
    data = inline_management(client, url) | {
        "full_name": "Maya Family",
        "email": "maya@example.test",
        "phone": "",
        "user": "",
        "biography": "",
    }
    for prefix, values in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = 1
        data |= {f"{prefix}-0-{name}": value for name, value in values.items()}
    return client.post(url, data)


SPOUSE = {"name": "Sam Family", "relationship": "spouse", "is_minor": "", "shares_home": "on"}
JOB = {
    "family_member": "",
    "employer": "subsidiary",
    "employer_name": "Northwind Labs",
    "title": "Chief Operating Officer",
    "is_executive_officer": "on",
    "start_date": "2025-01-01",
    "end_date": "",
}


def _prefix(client, model):
    page = client.get(reverse("admin:committees_director_add"))
    for formset in page.context["inline_admin_formsets"]:
        if formset.formset.model is model:
            return formset.formset.prefix
    raise AssertionError(model)


def test_a_spouses_job_entered_with_the_spouse_is_refused_not_saved_as_the_directors(
    db, secretary, client_for
):
    """Nasdaq 5605(a)(2)(A) and (C): an executive job of the spouse makes the director not
    independent under (C), not (A); the form refuses the row rather than guess."""
    client = client_for(secretary)
    rows = {_prefix(client, FamilyMember): SPOUSE, _prefix(client, Employment): JOB}
    response = _director_add(client, **rows)
    page = response.content.decode()
    assert response.status_code == 200
    assert "You are adding family members in this save, and this row names no one" in page
    assert not Director.objects.filter(full_name="Maya Family").exists()
    assert not Employment.objects.exists() and not FamilyMember.objects.exists()


def test_once_the_spouse_is_saved_the_job_names_her(db, secretary, client_for):
    """Nasdaq 5605(a)(2)(C): the second save chooses the saved spouse."""
    client = client_for(secretary)
    response = _director_add(client, **{_prefix(client, FamilyMember): SPOUSE})
    assert response.status_code == 302
    maya = Director.objects.get(full_name="Maya Family")
    spouse = maya.family.get()
    url = reverse("admin:committees_director_change", args=[maya.pk])
    page = client.get(url)
    html = page.content.decode()
    assert "Maya Family (the director)" in html  # the empty choice says whose fact it is
    employment = next(
        fs.formset for fs in page.context["inline_admin_formsets"] if fs.formset.model is Employment
    )
    data = inline_management(client, url) | {
        "full_name": "Maya Family",
        "email": "maya@example.test",
        "phone": "",
        "user": "",
        "biography": "",
    }
    family = next(
        fs.formset
        for fs in page.context["inline_admin_formsets"]
        if fs.formset.model is FamilyMember
    )
    data |= {
        f"{family.prefix}-TOTAL_FORMS": 1,
        f"{family.prefix}-INITIAL_FORMS": 1,
        f"{family.prefix}-0-id": spouse.pk,
        f"{family.prefix}-0-director": maya.pk,
        **{f"{family.prefix}-0-{k}": v for k, v in SPOUSE.items()},
        f"{employment.prefix}-TOTAL_FORMS": 1,
        **{
            f"{employment.prefix}-0-{k}": v for k, v in (JOB | {"family_member": spouse.pk}).items()
        },
    }
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    job = Employment.objects.get()
    assert job.family_member == spouse and job.director == maya


def test_the_directors_own_job_is_saved_when_no_family_is_being_added(db, secretary, client_for):
    """Nasdaq 5605(a)(2)(A): with no family member in the save, an empty choice is the
    director's own fact, as the choice says."""
    client = client_for(secretary)
    response = _director_add(client, **{_prefix(client, Employment): JOB})
    assert response.status_code == 302
    job = Employment.objects.get()
    assert job.family_member is None and job.director.full_name == "Maya Family"


# The index, grouped by the secretary's work ----------------------------------------------


def test_the_admin_index_is_grouped_by_what_the_secretary_does(db, secretary, client_for):
    response = client_for(secretary).get(reverse("admin:index"))
    groups = [app["name"] for app in response.context["app_list"]]
    assert groups == [
        "Roster: the company, its committees and who sits on them",
        "Directors' facts (what independence rests on)",
        "Determinations: the board's findings, cure periods and notices to the exchange",
        "Duties: charter reviews, self-evaluations and advisors",
        "Complaints: the policy, case numbers and dates (never contents), summaries, purges",
        "Meetings: agendas, attendance, minutes and reports to the board",
        "The auditor: engagements, fees, pre-approvals, partners and communications",
        "Deadlines: occurrences, waivers and the outbox",
        "Accounts: logins, roles and second factors",
    ]
    roster = response.context["app_list"][0]["models"]
    assert [m["object_name"] for m in roster] == [
        "CompanyProfile",
        "Committee",
        "CharterVersion",
        "Membership",
        "Director",
    ]
    page = response.content.decode()
    # The addresses stay Django's own.
    assert 'href="/admin/committees/membership/"' in page
    assert 'href="/admin/charter_portal/user/"' in page
    # An app's own page still lists that app.
    app_page = client_for(secretary).get(reverse("admin:app_list", args=["committees"]))
    assert [app["app_label"] for app in app_page.context["app_list"]] == ["committees"]


def test_a_superuser_sees_every_registered_model_in_some_group(db, client_for):
    from django.contrib import admin

    root = f.UserFactory(email="root@example.test", is_staff=True, is_superuser=True)
    response = client_for(root).get(reverse("admin:index"))
    shown = {
        (m["model"]._meta.app_label, m["model"]._meta.model_name)
        for app in response.context["app_list"]
        for m in app["models"]
    }
    registered = {(m._meta.app_label, m._meta.model_name) for m in admin.site._registry}
    assert shown == registered


# Dates in words -------------------------------------------------------------------------------


def test_records_name_their_dates_in_words(db):
    """What the admin shows for a record (its title, the messages) carries no ISO dates."""
    director = f.DirectorFactory(full_name="Ann Dates")
    literacy = f.LiteracyDeterminationFactory(director=director, determined_on=D(2026, 3, 2))
    assert str(literacy) == "Ann Dates: literate (2 March 2026)"
    pay = f.CompensationFactory(director=director, paid_on=D(2025, 12, 1), kind="board_fees")
    assert "on 1 December 2025" in str(pay)
