"""The annual self-evaluation in a real browser (Charter: Responsibilities 7): a member answers
the open questionnaire from the committee's duties page, a required answer left empty is refused
and saves nothing, the answers are final once submitted; the chair sees completion, and the
aggregate (naming no one) only once at least three members have answered."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from committees.duties.services import evaluation_submit
from committees.models import Answer, Question, Questionnaire, Response
from tests import factories as f
from tests.browser.conftest import NOW, shot

TODAY = NOW.date()
AFTER_CLOSE = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)

RATING = "How well does the committee oversee the independent auditor?"
WRITTEN = "What should the committee do differently next year?"
OPTIONAL = "Anything else?"
BOB_SAYS = "Spend more time on internal controls with the auditor."


def _committee_with_an_open_questionnaire():
    """Alice chairs; Bob, Dana and Evan serve; the 2026 questionnaire is open all June with a
    required rating, a required written answer and an optional one."""
    f.CompanyProfileFactory()
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    people = {}
    for key, name, role in (
        ("alice", "Alice Chair", "chair"),
        ("bob", "Bob Member", "member"),
        ("dana", "Dana Third", "member"),
        ("evan", "Evan Fourth", "member"),
    ):
        user = f.UserFactory(email=f"{key}@example.test", full_name=name)
        f.seat_qualified_member(
            committee, role=role, sophisticated=role == "chair", full_name=name, user=user
        )
        people[key] = user
    questionnaire = Questionnaire.objects.create(
        committee=committee,
        title="Self-evaluation 2026",
        fiscal_year=2026,
        opens_on=datetime.date(2026, 6, 1),
        closes_on=datetime.date(2026, 6, 30),
    )
    questions = {
        "rating": Question.objects.create(questionnaire=questionnaire, order=1, text=RATING),
        "written": Question.objects.create(
            questionnaire=questionnaire, order=2, text=WRITTEN, kind=Question.Kind.TEXT
        ),
        "optional": Question.objects.create(
            questionnaire=questionnaire,
            order=3,
            text=OPTIONAL,
            kind=Question.Kind.TEXT,
            required=False,
        ),
    }
    return committee, questionnaire, questions, people


def _answer(questionnaire, questions, user, rating, text):
    evaluation_submit(
        questionnaire=questionnaire,
        user=user,
        answers={questions["rating"].pk: rating, questions["written"].pk: text},
        as_of=TODAY,
    )


@pytest.mark.browser
def test_a_member_answers_the_self_evaluation_and_the_answers_are_final(
    browser, page, log_in, live_server, transactional_db, frozen_today
):
    """Charter: Responsibilities 7: a missing required answer saves nothing; a submitted
    response is final, even from a form left open in another tab."""
    committee, questionnaire, questions, people = _committee_with_an_open_questionnaire()

    log_in(page, people["bob"])
    page.get_by_role("link", name="Open the Audit Committee roster").click()
    page.get_by_role("link", name="Charter reviews, self-evaluations and advisors").click()
    expect(
        page.get_by_role("heading", level=1, name="Audit Committee: the committee's own duties")
    ).to_be_visible()
    row = page.get_by_role("row", name="Self-evaluation 2026")
    expect(row).to_contain_text("open")
    expect(row.locator(".completion")).to_have_text("0 of 4, 0%")
    row.get_by_role("link", name="Answer", exact=True).click()

    expect(page.get_by_role("heading", level=1, name="Self-evaluation 2026")).to_be_visible()
    # The same form, left open in a second tab, is submitted again later.
    second_tab = page.context.new_page()
    second_tab.goto(page.url)

    # A required written answer left empty: a clear message, and nothing saved.
    page.get_by_role("group", name=RATING).get_by_label("4").check()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was submitted")
    expect(page.locator(f"#id_question_{questions['written'].pk}_errors")).to_have_text(
        "This question needs an answer."
    )
    expect(page.get_by_role("group", name=RATING).get_by_label("4")).to_be_checked()
    shot(page, "self_evaluation_1_missing_answer")
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0

    page.get_by_label(WRITTEN).fill(BOB_SAYS)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("alert")).to_have_text("Your answers are submitted. Thank you.")
    expect(
        page.get_by_text("You submitted your answers on 15 June 2026. They are final.")
    ).to_be_visible()
    answers = page.locator("dl")
    expect(answers).to_contain_text("4 out of 5")
    expect(answers).to_contain_text(BOB_SAYS)
    expect(answers.locator("dd").nth(2)).to_have_text("No answer")
    expect(page.get_by_role("button", name="Submit my answers")).to_have_count(0)
    shot(page, "self_evaluation_2_submitted")

    # Trying again from the stale tab is refused and changes nothing.
    second_tab.get_by_role("group", name=RATING).get_by_label("1").check()
    second_tab.get_by_label(WRITTEN).fill("A second opinion.")
    second_tab.get_by_role("button", name="Submit my answers").click()
    expect(second_tab.get_by_role("alert")).to_have_text(
        "Your answers are already submitted and final."
    )
    expect(second_tab.locator("dl")).to_contain_text("4 out of 5")
    shot(second_tab, "3_already_final")
    second_tab.close()
    response = Response.objects.get()
    assert {(a.rating, a.text) for a in response.answers.all()} == {(4, ""), (None, BOB_SAYS)}

    page.get_by_role("link", name="Duties").click()
    row = page.get_by_role("row", name="Self-evaluation 2026")
    expect(row.locator(".completion")).to_have_text("1 of 4, 25%")
    expect(row.get_by_role("link", name="Answer", exact=True)).to_have_count(0)
    expect(row.get_by_role("link", name="Your answers")).to_be_visible()
    expect(row.get_by_role("link", name="Results")).to_have_count(0)


@pytest.mark.browser
def test_the_chair_sees_the_aggregate_only_from_three_answers_and_never_a_name(
    page, log_in, live_server, transactional_db, frozen_today
):
    """Charter: Responsibilities 7: once the questionnaire has closed, with two answers besides
    hers the chair sees completion only; from three, the ratings' average and distribution and
    the written answers, none next to a name."""
    committee, questionnaire, questions, people = _committee_with_an_open_questionnaire()
    _answer(questionnaire, questions, people["bob"], 4, BOB_SAYS)
    _answer(questionnaire, questions, people["dana"], 2, "Meet the internal auditor alone.")

    # Results appear only once the questionnaire has closed (issue 7): the chair looks on 1 July.
    with time_machine.travel(AFTER_CLOSE, tick=True):
        log_in(page, people["alice"])
        page.goto(f"{live_server.url}/committees/audit/duties/")
        page.get_by_role("row", name="Self-evaluation 2026").get_by_role(
            "link", name="Results"
        ).click()
        expect(
            page.get_by_role("heading", level=1, name="Self-evaluation 2026: results")
        ).to_be_visible()
        expect(page.locator(".completion")).to_have_text("2 of 4, 50%")
        expect(page.get_by_role("status")).to_have_text(
            "The summary appears only when at least 3 members besides you have answered, so "
            "that no member's answers can be singled out."
        )
        expect(page.get_by_role("table")).to_have_count(0)
        expect(page.get_by_role("main")).not_to_contain_text(BOB_SAYS)
        shot(page, "self_evaluation_4_results_withheld")

        _answer(questionnaire, questions, people["evan"], 5, "Keep the meeting materials shorter.")
        page.reload()
        expect(page.locator(".completion")).to_have_text("3 of 4, 75%")
        expect(page.get_by_role("status")).to_have_count(0)
        ratings = page.get_by_role("table", name="For each rating question")
        rating_row = ratings.get_by_role("row", name=RATING)
        # Ratings 2, 4 and 5: three answers, average 3.67, one each of 2, 4 and 5.
        expect(rating_row.locator("td")).to_have_text(["3", "3.67", "0", "1", "0", "1", "1"])
        written = page.get_by_role("region", name="Written answers, without names")
        expect(written.get_by_role("listitem")).to_have_text(
            [
                "Keep the meeting materials shorter.",
                "Meet the internal auditor alone.",
                BOB_SAYS,
            ]
        )
        # The optional question nobody answered: withheld like any with fewer than three.
        expect(written).to_contain_text("Not shown: fewer than 3 members besides you answered")
        main = page.get_by_role("main")
        for name in ("Alice Chair", "Bob Member", "Dana Third", "Evan Fourth"):
            expect(main).not_to_contain_text(name)
        shot(page, "self_evaluation_5_results_shown")
