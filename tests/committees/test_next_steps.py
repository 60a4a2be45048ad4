"""The next step of each composition finding and the reader's own to-dos, in words
(committees.next_steps): pure, no database."""

import datetime

import pytest

from committees import next_steps as ns
from deadlines.status import Status

D = datetime.date
ELENA = ns.Person("Elena Petrova", file_url="/committees/directors/7/")


def test_a_cure_period_names_the_director_the_deadline_and_who_acts():
    """Nasdaq 5605(c)(4)(A): replace the member or cure by the end of the cure period."""
    step = ns.finding_step(ns.INDEPENDENCE, Status.CURE_PERIOD, D(2027, 4, 1), people=(ELENA,))
    assert step.text == "Replace Elena Petrova, or restore their independence, by 1 April 2027"
    assert ns.Piece("Elena Petrova", "/committees/directors/7/") in step.pieces
    assert step.who.startswith("The board appoints and removes members")
    assert not step.urgent


def test_a_name_the_reader_may_not_open_is_not_a_link():
    """No link to a file the reader would be refused (a dead end)."""
    step = ns.finding_step(
        ns.INDEPENDENCE, "cure_period", D(2027, 4, 1), people=(ns.Person("Elena Petrova"),)
    )
    assert all(piece.url == "" for piece in step.pieces)


def test_a_summary_reader_gets_the_step_without_names():
    """Board readers read status, title and rule only: the step names no one."""
    step = ns.finding_step(ns.INDEPENDENCE, Status.CURE_PERIOD, D(2027, 4, 1))
    assert step.text == (
        "Replace the member who is not independent, or restore their independence, by 1 April 2027"
    )


def test_two_directors_are_named_once_each():
    step = ns.finding_step(
        ns.INDEPENDENCE,
        Status.CURE_PERIOD,
        D(2027, 4, 1),
        people=(ELENA, ns.Person("Omar Adeyemi")),
    )
    assert step.text.startswith("Replace Elena Petrova and Omar Adeyemi, or restore")
    assert step.text.count("Elena Petrova") == 1


def test_failing_without_a_cure_period_is_urgent_and_has_no_deadline():
    """Nasdaq 5605(c)(2)(A): without a cure period the lapse must be cured now."""
    step = ns.finding_step(ns.INDEPENDENCE, Status.FAILING, people=(ELENA,))
    assert step.text == "Replace Elena Petrova, or restore their independence, now"
    assert step.urgent


@pytest.mark.parametrize("status", [Status.MET, Status.WAIVED])
def test_nothing_to_do_when_met_or_waived(status):
    assert ns.finding_step(ns.INDEPENDENCE, status, people=(ELENA,)) is None


def test_the_exchange_notice_says_who_notifies_and_who_records():
    """Nasdaq 5625: prompt notice of noncompliance; the secretary records it."""
    step = ns.finding_step(ns.EXCHANGE_NOTICE, Status.DUE, admin_url="/admin/episodes/")
    assert step.text == "Notify the exchange and record the notice"
    assert step.who == ns.NOTICE
    assert step.admin_links == (("Fix it in the administration", "/admin/episodes/"),)


def test_every_composition_finding_has_its_own_step():
    from committees.requirements.composition import COMPOSITION_KEYS

    for key in COMPOSITION_KEYS:
        step = ns.finding_step(key, Status.FAILING, D(2026, 9, 1))
        assert step is not None and step.text != ns.DEFAULT_STEP, key
    assert ns.finding_step(ns.SIZE, Status.CURE_PERIOD, D(2026, 9, 1)).text == (
        "Appoint enough members to meet the minimum by 1 September 2026"
    )


def test_the_secretary_gets_each_directors_administration_page():
    person = ns.Person("Elena Petrova", admin_url="/admin/committees/director/7/change/")
    step = ns.finding_step(ns.INDEPENDENCE, Status.CURE_PERIOD, D(2027, 4, 1), people=(person,))
    assert step.admin_links == (
        ("Elena Petrova in the administration", "/admin/committees/director/7/change/"),
    )


def test_an_unanswered_self_evaluation():
    """Charter: Responsibilities 7: every member answers the self-evaluation."""
    step = ns.unanswered_evaluation(2026, "Audit Committee", D(2026, 12, 16), "/q/1/")
    assert step.text == "You have not answered the fiscal 2026 self-evaluation"
    assert step.who == "Audit Committee; it closes on 16 December 2026."
    assert step.url == "/q/1/"


def test_a_charter_review_to_record_says_since_when_it_is_overdue():
    """Nasdaq 5605(c)(1): the charter is reviewed every year."""
    overdue = ns.charter_review_to_record("Audit Committee", "overdue", D(2026, 10, 28), "/r/")
    assert overdue.text == "Record the charter review (overdue since 28 October 2026)"
    assert overdue.urgent
    soon = ns.charter_review_to_record("Audit Committee", "due_soon", D(2026, 12, 20), "/r/")
    assert soon.text == "Record the charter review (due 20 December 2026)"
    assert not soon.urgent


def test_an_advisor_over_budget():
    """Charter: Responsibilities 6: the committee approves its advisors' fees."""
    step = ns.advisor_over_budget(
        "Harborview", "Audit Committee", "$68,500.00", "$60,000.00", "/duties/#advisors"
    )
    assert step.text == (
        "Approve a larger budget for Harborview, or stop the work: $68,500.00 paid against a "
        "budget of $60,000.00"
    )
    assert step.urgent


def test_urgent_steps_come_first_otherwise_in_the_order_given():
    answer = ns.unanswered_evaluation(2026, "Audit Committee", D(2026, 12, 16), "/q/")
    review = ns.charter_review_to_record("Audit Committee", "overdue", D(2026, 10, 28), "/r/")
    later = ns.charter_review_to_record("Pay", "due", D(2027, 1, 5), "/r2/")
    assert ns.ordered([answer, later, review]) == [review, answer, later]
