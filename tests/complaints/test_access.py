"""Who sees a case (RULES 6; security target 6): the audit committee's chair, the members its
complaints policy names, assigned investigators and people the chair granted the case; never a
member named in the case or recused, who does not even learn that it exists. The secretary sees
number, dates and status in the administration only. Every read is logged; the chair reads the
log."""

import pytest
from django.urls import reverse

from complaints import services
from complaints.models import CaseExclusion, CaseRead
from tests import factories as f
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

SECRET = "Narrative the wrong reader must never see"
PAGES = ("complaints:case", "complaints:case_print")


@pytest.fixture
def case(new_case, chair, investigator):
    case, _ = new_case(narrative=SECRET)
    services.case_assign(case=case, by=chair, investigator=investigator)
    return case


@pytest.fixture
def users(chair, member, other_member, investigator, secretary, board_reader, outsider):
    return {
        "chair": chair,
        "member": member,
        "other_member": other_member,
        "investigator": investigator,
        "secretary": secretary,
        "board_reader": board_reader,
        "outsider": outsider,
        "anonymous": None,
    }


READS = {"chair", "investigator"}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_only_the_cases_it_may(role, users, case, client, client_for):
    """security target 6, for every case page and the list."""
    session = client if users[role] is None else client_for(users[role])
    for name in PAGES:
        response = session.get(reverse(name, args=[case.pk]))
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif role in READS:
            assert response.status_code == 200 and SECRET in response.content.decode()
        else:
            assert response.status_code == 404 and SECRET not in response.content.decode()
    if users[role] is not None:
        listing = session.get(reverse("complaints:list")).content.decode()
        assert (case.number in listing) == (role in READS)


def test_a_member_the_policy_names_reads_every_case(policy, member, case, client_for):
    policy.readers.add(member.director)
    response = client_for(member).get(reverse("complaints:case", args=[case.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("reason", ["named_by_reporter", "named", "recused"])
def test_an_excluded_reader_sees_nothing_not_even_that_the_case_exists(
    policy, member, case, client_for, chair, reason, new_case
):
    policy.readers.add(member.director)
    CaseExclusion.objects.create(
        case=case, director=member.director, reason=reason, by=chair, at=case.received_at
    )
    session = client_for(member)
    assert session.get(reverse("complaints:case", args=[case.pk])).status_code == 404
    assert case.number not in session.get(reverse("complaints:list")).content.decode()
    other_case, _ = new_case(narrative="Another matter")
    assert session.get(reverse("complaints:case", args=[other_case.pk])).status_code == 200


def test_a_reporter_can_keep_the_chair_herself_from_a_report(client, policy, chair, client_for):
    """The form offers the committee's members; the one ticked never sees the case."""
    from tests.complaints.conftest import submit

    response = submit(client, excluded=[str(chair.director.pk)])
    assert response.status_code == 201
    case = policy.committee.cases.get()
    assert case.exclusions.get().director == chair.director
    assert client_for(chair).get(reverse("complaints:case", args=[case.pk])).status_code == 404


def test_recusing_an_investigator_who_sits_as_director_ends_the_assignment(
    policy, case, chair, investigator, client_for
):
    director = f.DirectorFactory(full_name="Ivan Investigator", user=investigator)
    services.case_exclude(case=case, by=chair, director=director, reason="recused")
    assert not case.assignments.filter(ended_at=None).exists()
    assert (
        client_for(investigator).get(reverse("complaints:case", args=[case.pk])).status_code == 404
    )


def test_an_ended_assignment_ends_the_investigators_access(case, chair, investigator, client_for):
    assignment = case.assignments.get()
    services.case_unassign(case=case, by=chair, assignment_id=assignment.pk)
    response = client_for(investigator).get(reverse("complaints:case", args=[case.pk]))
    assert response.status_code == 404


def test_the_secretary_reads_contents_only_when_granted(case, chair, secretary, client_for):
    session = client_for(secretary)
    url = reverse("complaints:case", args=[case.pk])
    assert session.get(url).status_code == 404
    grant = services.case_grant(case=case, by=chair, user=secretary)
    assert SECRET in session.get(url).content.decode()
    services.case_grant_revoke(case=case, by=chair, grant_id=grant.pk)
    assert session.get(url).status_code == 404


def test_the_secretary_sees_number_dates_and_status_in_the_admin_never_contents(
    case, secretary, client_for
):
    session = client_for(secretary)
    listing = session.get(reverse("admin:complaints_case_changelist"))
    assert listing.status_code == 200 and case.number in listing.content.decode()
    page = session.get(reverse("admin:complaints_case_change", args=[case.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and case.number in body
    assert SECRET not in body and SECRET not in listing.content.decode()
    assert session.get(reverse("admin:complaints_case_add")).status_code == 403
    delete = session.post(reverse("admin:complaints_case_delete", args=[case.pk]), {"post": "yes"})
    assert delete.status_code == 403 and type(case).objects.filter(pk=case.pk).exists()


def test_every_read_is_logged_and_the_chair_reads_the_log(case, chair, investigator, client_for):
    client_for(investigator).get(reverse("complaints:case", args=[case.pk]))
    client_for(investigator).get(reverse("complaints:case_print", args=[case.pk]))
    reads = CaseRead.objects.filter(case=case, user=investigator)
    assert sorted(reads.values_list("what", flat=True)) == ["case file", "printable case file"]
    log = client_for(chair).get(reverse("complaints:case_log", args=[case.pk]))
    assert log.status_code == 200 and "Ivan Investigator" in log.content.decode()
    own = client_for(investigator).get(reverse("complaints:case_log", args=[case.pk]))
    assert own.status_code == 404
