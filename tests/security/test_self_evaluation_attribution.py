"""Self-evaluation answers belong to the account that gave them (Charter: Responsibilities 7;
issue 7). Results appear only after the questionnaire closes, and each question's only with at
least 3 answers besides the reader's own; a re-linked account cannot read the old account's
answers, which still count. "Today" is 15 June 2026; the questionnaire closes on 10 June."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from committees.director_accounts import director_account_change
from committees.duties import services
from committees.models import Response
from tests import factories as f
from tests.committees.test_duties_models import answers_for, make_questionnaire

D = datetime.date
CLOSES = D(2026, 6, 10)
ANSWERED_ON = D(2026, 6, 5)
SECRET = "canary-attribution-4471 my own words"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _seat(committee, name):
    user = f.UserFactory(full_name=name)
    f.seat_qualified_member(committee, full_name=name, user=user)
    return user


def _answer(questionnaire, user, *, text="Fine.", rating=4, on=ANSWERED_ON, optional=None):
    answers = answers_for(questionnaire, rating=rating, text=text)
    if optional is not None:
        extra = questionnaire.questions.get(required=False)
        answers[extra.pk] = optional
    return services.evaluation_submit(
        questionnaire=questionnaire, user=user, answers=answers, as_of=on
    )


def _results(client_for, user, questionnaire):
    url = reverse("committees:evaluation_results", args=["audit", questionnaire.pk])
    return client_for(user).get(url).content.decode()


def test_the_chairs_own_answer_plus_two_others_shows_no_results(
    client_for, audit_committee, chair, member
):
    """Charter: Responsibilities 7: with her own answer and two others, the chair could subtract
    her own and read the other two: nothing is shown but completion."""
    third = _seat(audit_committee, "Dana Third")
    questionnaire = make_questionnaire(audit_committee, closes=CLOSES)
    _answer(questionnaire, member, text=SECRET, rating=1)
    _answer(questionnaire, third, rating=5)
    _answer(questionnaire, chair, rating=3)
    body = _results(client_for, chair, questionnaire)
    assert "3 of 3, 100%" in body
    assert 'data-results="withheld"' in body
    assert SECRET not in body and "3.00" not in body
    # The secretary, with no answer of her own, has three besides hers: the ratings show, and
    # the free text never does (it is the chair's alone).
    secretary = f.UserFactory(roles=["secretary"])
    secretary_page = _results(client_for, secretary, questionnaire)
    assert "3.00" in secretary_page and SECRET not in secretary_page


def test_an_open_questionnaire_shows_no_results(client_for, audit_committee, chair, member):
    """Charter: Responsibilities 7: results only once the questionnaire has closed: on its
    closing day nothing shows; the day after, the summary does."""
    others = [member, _seat(audit_committee, "Dana Third"), _seat(audit_committee, "Evan Fourth")]
    questionnaire = make_questionnaire(audit_committee, closes=D(2026, 6, 15))
    for user in others:
        _answer(questionnaire, user, text=SECRET, on=D(2026, 6, 14))
    body = _results(client_for, chair, questionnaire)
    assert 'data-results="not-closed"' in body and SECRET not in body
    with time_machine.travel(datetime.datetime(2026, 6, 16, 12, tzinfo=datetime.UTC), tick=False):
        after = _results(client_for, chair, questionnaire)
    assert 'data-results="not-closed"' not in after and SECRET in after


def test_a_question_answered_by_one_member_is_withheld(client_for, audit_committee, chair, member):
    """Charter: Responsibilities 7: the optional question only one member answered shows
    nothing, while the questions everyone answered show."""
    third, fourth = _seat(audit_committee, "Dana Third"), _seat(audit_committee, "Evan Fourth")
    questionnaire = make_questionnaire(audit_committee, closes=CLOSES)
    _answer(questionnaire, member, optional=SECRET)
    for user in (third, fourth, chair):
        _answer(questionnaire, user, text="Shared view.")
    body = _results(client_for, chair, questionnaire)
    assert SECRET not in body
    assert "Shared view." in body and body.count("data-question-withheld") == 1


def test_a_relinked_account_cannot_read_the_old_accounts_answers_which_still_count(
    client_for, audit_committee, chair, member, django_capture_on_commit_callbacks
):
    """Issue 7: the secretary links Bob's director record to a new account after Bob answered:
    the new account reads nothing of the old answers, cannot answer again, and the old answer
    still counts; the change is in the director's history and both addresses are told."""
    questionnaire = make_questionnaire(audit_committee, closes=D(2026, 6, 30))
    _answer(questionnaire, member, text=SECRET, on=D(2026, 6, 15))
    secretary = f.UserFactory(roles=["secretary"], email="sam@example.test")
    new_account = f.UserFactory(email="bob.new@example.test", full_name="Bob New")
    director = member.director
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        director_account_change(director=director, user=new_account, changed_by=secretary)

    url = reverse("committees:evaluation", args=["audit", questionnaire.pk])
    page = client_for(new_account).get(url).content.decode()
    assert SECRET not in page and "data-answered-elsewhere" in page
    again = client_for(new_account).post(url, {"question_1": "5"}, follow=True)
    assert SECRET not in again.content.decode()
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    response = Response.objects.get(questionnaire=questionnaire)
    assert response.user == member and response.director == director  # still counts for Bob
    duties = client_for(new_account).get(reverse("committees:duties", args=["audit"]))
    assert "1 of 2, 50%" in duties.content.decode()
    # The secretary linking the record to her own account reads nothing either.
    director_account_change(director=director, user=secretary, changed_by=secretary)
    assert SECRET not in client_for(secretary).get(url).content.decode()

    versions = director.history.order_by("history_id")
    assert [v.user_id for v in versions][-2:] == [new_account.pk, secretary.pk]
    assert versions.last().history_user == secretary
    first_notice = mail.outbox[0]
    assert set(first_notice.to) >= {member.email, new_account.email}
    assert "bob.new@example.test" in first_notice.body


def test_relinking_to_the_same_account_records_nothing(audit_committee, member):
    director = member.director
    before = director.history.count()
    mail.outbox.clear()
    director_account_change(director=director, user=member, changed_by=member)
    assert director.history.count() == before and mail.outbox == []
