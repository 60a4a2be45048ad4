"""The duties pages (Charter: Responsibilities 6 and 7): who sees what, the confidentiality of
self-evaluation answers, recording a review in the portal, and bounded queries. "Today" is
15 June 2026."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from committees.duties import services
from committees.models import AdvisorEngagement, AdvisorPayment, CharterReview
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire, review

D = datetime.date
TODAY = D(2026, 6, 15)
# Results show only once a questionnaire has closed (issue 7): these close on 10 June, answered
# on 5 June.
CLOSES = D(2026, 6, 10)
ANSWERED_ON = D(2026, 6, 5)
CANARY = "canary-7f3a-confidential-answer"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def third(audit_committee):
    user = f.UserFactory(email="dana.third@example.test", full_name="Dana Third")
    f.seat_qualified_member(audit_committee, full_name="Dana Third", user=user)
    return user


@pytest.fixture
def fourth(audit_committee):
    user = f.UserFactory(email="evan.fourth@example.test", full_name="Evan Fourth")
    f.seat_qualified_member(audit_committee, full_name="Evan Fourth", user=user)
    return user


@pytest.fixture
def answered(audit_committee, chair, member, third, fourth):
    """All four members answered a questionnaire that has closed, so the chair reads results
    with three answers besides her own; Bob's free text carries the canary."""
    questionnaire = make_questionnaire(audit_committee, closes=CLOSES)
    services.evaluation_submit(
        questionnaire=questionnaire,
        user=member,
        answers=answers_for(questionnaire, rating=2, text=CANARY),
        as_of=ANSWERED_ON,
    )
    for user, rating in ((chair, 4), (third, 5), (fourth, 3)):
        services.evaluation_submit(
            questionnaire=questionnaire,
            user=user,
            answers=answers_for(questionnaire, rating=rating, text=f"Comment rated {rating}"),
            as_of=ANSWERED_ON,
        )
    return questionnaire


def urls(committee, questionnaire):
    slug = committee.slug
    return [
        reverse("committees:duties", args=[slug]),
        reverse("committees:evaluation", args=[slug, questionnaire.pk]),
        reverse("committees:evaluation_results", args=[slug, questionnaire.pk]),
        reverse("committees:charter_review_record", args=[slug]),
    ]


def test_the_committee_page_links_to_its_duties(client_for, chair, audit_committee):
    page = client_for(chair).get(reverse("committees:detail", args=["audit"]))
    assert reverse("committees:duties", args=["audit"]) in page.content.decode()


def test_outsiders_get_404_everywhere(
    client_for, answered, audit_committee, other_member, outsider, investigator
):
    for user in (other_member, outsider, investigator):
        client = client_for(user)
        for url in urls(audit_committee, answered):
            assert client.get(url).status_code == 404, (user, url)


def test_only_the_chair_reads_the_written_answers_and_never_with_names(
    client_for, answered, audit_committee, chair, member, third, secretary, board_reader
):
    """Charter: Responsibilities 7: answers are confidential to the committee. The chair sees
    the aggregate and the free text without names; the secretary sees completion and ratings;
    members and board readers see neither; no one sees another member's own answers."""
    results = reverse("committees:evaluation_results", args=["audit", answered.pk])
    own = reverse("committees:evaluation", args=["audit", answered.pk])
    chair_page = client_for(chair).get(results).content.decode()
    assert CANARY in chair_page and "4 of 4, 100%" in chair_page
    assert "Bob Member" not in chair_page and "Dana Third" not in chair_page
    assert "3.50" in chair_page  # (2 + 4 + 5 + 3) / 4
    secretary_page = client_for(secretary).get(results)
    assert secretary_page.status_code == 200
    assert "4 of 4, 100%" in secretary_page.content.decode()
    assert CANARY not in secretary_page.content.decode()
    for user in (third, board_reader):
        assert client_for(user).get(results).status_code == 404
    # The member's own page shows the member's own answers, and only to that member.
    assert CANARY in client_for(member).get(own).content.decode()
    for user in (chair, third, secretary, board_reader):
        response = client_for(user).get(own)
        assert CANARY not in response.content.decode(), user
    for user in (chair, member, third, secretary, board_reader):
        duties = client_for(user).get(reverse("committees:duties", args=["audit"]))
        assert CANARY not in duties.content.decode()


def test_the_aggregate_is_withheld_below_three_answers(client_for, audit_committee, chair, member):
    """With two answers, the chair could read the other member's answers off the summary."""
    questionnaire = make_questionnaire(audit_committee, closes=CLOSES)
    services.evaluation_submit(
        questionnaire=questionnaire,
        user=member,
        answers=answers_for(questionnaire, text=CANARY),
        as_of=ANSWERED_ON,
    )
    services.evaluation_submit(
        questionnaire=questionnaire,
        user=chair,
        answers=answers_for(questionnaire),
        as_of=ANSWERED_ON,
    )
    page = client_for(chair).get(
        reverse("committees:evaluation_results", args=["audit", questionnaire.pk])
    )
    body = page.content.decode()
    assert "2 of 2, 100%" in body and "at least 3 members besides you" in body
    assert CANARY not in body


def test_a_member_answers_in_the_portal_once(client_for, audit_committee, member):
    questionnaire = make_questionnaire(audit_committee)
    url = reverse("committees:evaluation", args=["audit", questionnaire.pk])
    client = client_for(member)
    first, second, text, _ = questionnaire.questions.order_by("order")
    bad = client.post(url, {f"question_{first.pk}": "3", f"question_{text.pk}": "Fine"})
    assert "Choose a rating from 1 to 5." in bad.content.decode()
    data = {f"question_{first.pk}": "3", f"question_{second.pk}": "5", f"question_{text.pk}": "Ok"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, f"question_{second.pk}": "1"}, follow=True)
    assert "already submitted and final" in again.content.decode()
    assert set(questionnaire.responses.get().answers.values_list("rating", flat=True)) == {
        3,
        5,
        None,
    }


def test_the_chair_records_a_review_and_a_member_cannot(
    client_for, audit_committee, chair, member, board_reader
):
    """Nasdaq 5605(c)(1): the chair or the secretary records the review."""
    url = reverse("committees:charter_review_record", args=["audit"])
    data = {
        "reviewed_on": "2026-06-12",
        "held_at": "meeting",
        "held_at_reference": "Audit Committee meeting of 12 June 2026",
        "outcome": "no_change",
        "summary": "Adequate as it stands.",
    }
    assert client_for(member).post(url, data).status_code == 403
    assert client_for(board_reader).get(url).status_code == 403
    bad = client_for(chair).post(url, {**data, "outcome": "amended"})
    assert "needs its new version" in bad.content.decode()
    future = client_for(chair).post(url, {**data, "reviewed_on": "2026-06-16"})
    assert "cannot be dated after today" in future.content.decode()
    nul = client_for(chair).post(url, {**data, "held_at_reference": "a\x00b"})
    assert nul.status_code == 200 and not CharterReview.objects.exists()
    done = client_for(chair).post(url, data)
    assert done.status_code == 302 and done["Location"].endswith("/committees/audit/duties/")
    saved = CharterReview.objects.get()
    assert (saved.reviewed_on, saved.recorded_by) == (D(2026, 6, 12), chair)


def _fill(committee, n):
    for i in range(n):
        review(committee, D(2020 + i, 3, 1))
        questionnaire = make_questionnaire(
            committee, title=f"FY{2020 + i}", opens=D(2020 + i, 3, 1), closes=D(2020 + i, 3, 31)
        )
        assert questionnaire.pk
        engagement = AdvisorEngagement.objects.create(
            committee=committee,
            name=f"Advisor {i}",
            kind=AdvisorEngagement.Kind.OTHER,
            purpose="Advice.",
            engaged_on=D(2020 + i, 1, 1),
            fee_budget=Decimal("100.00"),
        )
        for day in (2, 3):
            AdvisorPayment.objects.create(
                engagement=engagement, paid_on=D(2020 + i, 1, day), amount=Decimal("60.00")
            )


@pytest.mark.parametrize("size", [1, 5])
def test_the_duties_page_costs_bounded_queries(
    client_for, audit_committee, chair, member, size, django_assert_max_num_queries
):
    _fill(audit_committee, size)
    client = client_for(chair)
    # The page shows where the review and the self-evaluation stand as the engine stored them:
    # the first read of the day brings that up to date (as a commit's refresh would have); the
    # page then reads it in four queries (the freshness check, the occurrences, their evidence
    # and waivers in force).
    client.get(reverse("committees:duties", args=["audit"]))
    with django_assert_max_num_queries(24):
        page = client.get(reverse("committees:duties", args=["audit"]))
    body = page.content.decode()
    assert body.count("Over budget") == size and "Record a review" in body
