"""Issue 12: the questionnaire's pages. Confidentiality for every role (a director's answers are
the director's and the secretary's only: 404 for everyone else, fellow members included); bad
input says what to fix, saves nothing and keeps the draft. "Today" is 15 June 2026."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from committees import models as m
from tests.committees import questionnaire_support as q
from tests.logins import code_for

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def bobs(member, secretary):
    """Bob's questionnaire, with a new sibling reported, as a draft."""
    q.open_round(secretary)
    questionnaire = q.start(member)
    q.new_family(questionnaire)
    return questionnaire


def _url(name, *args):
    return reverse(f"committees:{name}", args=args)


CAST = ("chair", "member", "other_member", "investigator", "secretary", "board_reader", "outsider")


@pytest.mark.parametrize("role", CAST)
def test_only_the_director_and_the_secretary_read_the_answers(role, request, bobs, client_for):
    """Confidentiality: the chair (Bob's fellow member) gets a 404 like an outsider."""
    user = request.getfixturevalue(role)
    page = client_for(user).get(_url("dq_questionnaire", bobs.pk))
    assert page.status_code == (200 if role in ("member", "secretary") else 404)
    if page.status_code == 200:
        assert "Nora Sibling" in page.content.decode()


@pytest.mark.parametrize("role", CAST)
def test_the_review_page_is_the_secretarys(role, request, bobs, member, client_for):
    q.answer_every_section(bobs)
    q.certify(bobs, member)
    answer = bobs.answers.get(section="family", action="add")
    page = client_for(request.getfixturevalue(role)).get(_url("dq_answer", answer.pk))
    assert page.status_code == (200 if role == "secretary" else 404)


@pytest.mark.parametrize("role", CAST)
def test_the_printable_copy_for_director_and_secretary(role, request, bobs, member, client_for):
    q.answer_every_section(bobs)
    q.certify(bobs, member)
    page = client_for(request.getfixturevalue(role)).get(_url("dq_print", bobs.pk))
    assert page.status_code == (200 if role in ("member", "secretary") else 404)
    if page.status_code == 200:
        body = page.content.decode()
        assert "Nora Sibling" in body and "Certified by" in body


@pytest.mark.parametrize("role", CAST)
def test_the_years_status_and_the_determinations(role, request, bobs, client_for):
    """Members and the secretary read the status and determinations; board readers the status
    (no determinations' explanations); investigators and outsiders nothing."""
    client = client_for(request.getfixturevalue(role))
    status = client.get(_url("dq_round", 2026)).status_code
    batch = client.get(_url("dq_batch", 2026))
    readers = {"chair", "member", "other_member", "secretary", "board_reader"}
    assert status == (200 if role in readers else 404)
    assert batch.status_code == (200 if role in readers else 404)
    assert "Nora Sibling" not in batch.content.decode()


def test_a_draft_is_saved_section_by_section_and_survives_a_new_session(bobs, member, client_for):
    client = client_for(member)
    response = client.post(
        _url("dq_section", bobs.pk, "equity"),
        {"action": "statement", "equity-voting_equity_percent": "0.40"},
    )
    assert response.status_code == 302
    # A new session (another browser): the draft is in the database, not in the session.
    page = client_for(member).get(_url("dq_questionnaire", bobs.pk)).content.decode()
    assert 'value="0.40"' in page and "Nora Sibling" in page


def _post_new_job(client, questionnaire, **overrides):
    data = {
        "action": "save",
        "row": "new",
        "employment-new-family_member": "",
        "employment-new-employer": "company",
        "employment-new-title": "Adviser",
        "employment-new-start_date": "2026-01-05",
    }
    data.update({f"employment-new-{k}": v for k, v in overrides.items()})
    return client.post(_url("dq_section", questionnaire.pk, "employment"), data)


def test_a_date_in_the_future_is_refused_beside_the_field(bobs, member, client_for):
    before = m.DirectorAnswer.objects.count()
    response = _post_new_job(client_for(member), bobs, start_date="2026-07-01")
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "in the future" in response.content.decode()
    assert 'data-field-error="start_date"' in response.content.decode()
    assert m.DirectorAnswer.objects.count() == before


def test_a_date_before_the_birth_year_is_refused(bobs, member, client_for):
    bobs.director.birth_year = 1960
    bobs.director.save()
    before = m.DirectorAnswer.objects.count()
    response = _post_new_job(client_for(member), bobs, start_date="1955-03-01")
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "before your birth year (1960)" in response.content.decode()
    assert m.DirectorAnswer.objects.count() == before


def test_a_negative_amount_is_refused(bobs, member, client_for):
    before = m.DirectorAnswer.objects.count()
    response = client_for(member).post(
        _url("dq_section", bobs.pk, "compensation"),
        {
            "action": "save",
            "row": "new",
            "compensation-new-paid_on": "2026-02-01",
            "compensation-new-amount": "-5",
            "compensation-new-kind": "consulting",
        },
    )
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "cannot be negative" in response.content.decode()
    assert m.DirectorAnswer.objects.count() == before


def test_equity_over_100_percent_is_refused_and_the_draft_stays(bobs, member, client_for):
    client = client_for(member)
    client.post(
        _url("dq_section", bobs.pk, "equity"),
        {"action": "statement", "equity-voting_equity_percent": "2"},
    )
    response = client.post(
        _url("dq_section", bobs.pk, "equity"),
        {"action": "statement", "equity-voting_equity_percent": "101"},
    )
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "over 100%" in response.content.decode()
    saved = bobs.answers.get(section="equity")
    assert saved.data == {"voting_equity_percent": "2.00"}


def test_certifying_with_unanswered_sections_is_refused(bobs, member, client_for):
    response = client_for(member).post(
        _url("dq_certify", bobs.pk),
        {"typed_name": bobs.director.full_name, "code": code_for(member)},
    )
    assert response.status_code == 200  # the page again, errors beside the fields
    body = response.content.decode()
    assert "Answer every section before certifying" in body and "Family members" in body
    bobs.refresh_from_db()
    assert not bobs.is_certified and bobs.answers.count() == 1


def test_a_wrong_second_factor_is_refused_and_nothing_is_certified(bobs, member, client_for):
    q.answer_every_section(bobs)
    answers = bobs.answers.count()
    response = client_for(member).post(
        _url("dq_certify", bobs.pk), {"typed_name": bobs.director.full_name, "code": "000000"}
    )
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "That code is not valid" in response.content.decode()
    bobs.refresh_from_db()
    assert not bobs.is_certified and bobs.answers.count() == answers


def test_a_wrong_name_is_refused(bobs, member, client_for):
    q.answer_every_section(bobs)
    response = client_for(member).post(
        _url("dq_certify", bobs.pk), {"typed_name": "Someone Else", "code": code_for(member)}
    )
    assert response.status_code == 200  # the page again, errors beside the fields
    assert "Type your name exactly as on record" in response.content.decode()
    bobs.refresh_from_db()
    assert not bobs.is_certified


def test_certifying_through_the_page_then_no_change(bobs, member, client_for):
    """Certified with the name and a fresh code; afterwards a change is refused and points to a
    change report, and nothing is saved."""
    q.answer_every_section(bobs)
    client = client_for(member)
    response = client.post(
        _url("dq_certify", bobs.pk),
        {"typed_name": f"  {bobs.director.full_name.upper()} ", "code": code_for(member)},
    )
    assert response.status_code == 302
    bobs.refresh_from_db()
    assert bobs.is_certified and bobs.certified_on == D(2026, 6, 15)
    assert bobs.answers.get(section="family", action="add").review == "pending"
    before = m.DirectorAnswer.objects.count()
    response = _post_new_job(client, bobs)
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "cannot change" in follow and "Report the change instead" in follow
    assert m.DirectorAnswer.objects.count() == before


def test_a_change_report_goes_through_the_same_review(member, secretary, client_for):
    """A change reported during the year is certified and awaits the secretary's review."""
    client = client_for(member)
    response = client.post(_url("dq_change_start"), {"report": "1"})
    report = m.DirectorQuestionnaire.objects.get(kind="change")
    assert response["Location"] == report.get_absolute_url()
    assert _post_new_job(client, report).status_code == 302
    response = client.post(
        _url("dq_certify", report.pk),
        {"typed_name": report.director.full_name, "code": code_for(member)},
    )
    assert response.status_code == 302
    answer = report.answers.get()
    assert answer.review == "pending"
    page = client_for(secretary).get(_url("dq_home")).content.decode()
    assert answer.get_absolute_url() in page


def test_a_returned_answer_shows_the_question_and_takes_a_reply(
    bobs, member, secretary, client_for
):
    q.answer_every_section(bobs)
    q.certify(bobs, member)
    answer = bobs.answers.get(section="family", action="add")
    response = client_for(secretary).post(
        _url("dq_answer", answer.pk), {"action": "return", "question": "Since when?"}
    )
    assert response.status_code == 302
    page = client_for(member).get(_url("dq_questionnaire", bobs.pk)).content.decode()
    assert "Since when?" in page
    client_for(member).post(_url("dq_reply", answer.pk), {"reply": "Since April."})
    answer.refresh_from_db()
    assert answer.review == "pending" and answer.reply == "Since April."


def test_the_review_page_shows_the_difference_and_the_effect(
    bobs, member, secretary, client_for, audit_committee
):
    """Nasdaq 5605(a)(2)(C): the preview names test C failing and a possible cure period."""
    sibling = bobs.answers.get(section="family", action="add")
    job = q.executive_job(bobs, f"a{sibling.pk}")
    q.answer_every_section(bobs)
    q.certify(bobs, member)
    job.refresh_from_db()
    body = client_for(secretary).get(_url("dq_answer", job.pk)).content.decode()
    assert "data-differs" in body and "Chief Financial Officer" in body
    assert "Test (C)" in body and "fails" in body
    assert "cure period" in body


def test_a_year_not_opened_says_so_where_the_deadlines_link(board_reader, client_for):
    """The requirements link to the year's pages all year: before the secretary opens it, they
    say when it opens by default (15 days after the year ends) instead of a dead end."""
    for name in ("dq_round", "dq_batch"):
        page = client_for(board_reader).get(_url(name, 2027))
        assert page.status_code == 200
        assert "Not open yet" in page.content.decode()
        assert "15 January 2028" in page.content.decode()
    assert client_for(board_reader).get(_url("dq_round", 3000)).status_code == 404


def test_opening_a_year_takes_the_defaults_and_refuses_a_second_one(secretary, client_for):
    """Issue 12: 15, 45 and 90 days after the fiscal year ends, unless the secretary sets
    others; a year opened twice is refused beside the field, nothing saved."""
    client = client_for(secretary)
    response = client.post(_url("dq_round_open"), {"fiscal_year": "2025"})
    row = m.QuestionnaireRound.objects.get()
    assert response["Location"] == row.get_absolute_url()
    assert (row.opens_on, row.certify_by, row.adopt_by) == (
        D(2026, 1, 15),
        D(2026, 2, 14),
        D(2026, 3, 31),
    )
    again = client.post(_url("dq_round_open"), {"fiscal_year": "2025"})
    assert again.status_code == 200
    assert 'data-field-error="fiscal_year"' in again.content.decode()
    assert m.QuestionnaireRound.objects.count() == 1
