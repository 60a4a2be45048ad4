"""Composition alerts go through the deadline engine's one outbox: claimed once per threshold in
the evaluating transaction, sent after commit by email and to the in-portal list, retried until
they go (Nasdaq 5605(c)(4) cure periods; security target 11).

Dana Cure's brother becomes an executive officer of a subsidiary on 10 January 2026 (Nasdaq
5605(a)(2)(C)); the annual meeting on 21 May 2026 is her cure deadline. The clock is frozen on
15 June 2026; every run passes its day explicitly, as the daily run does."""

import datetime
import smtplib
import threading

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

from committees import services
from committees.models import Employment, LiteracyDetermination
from deadlines.models import Notification, Reminder
from deadlines.services import deadlines_run
from tests import factories as f

D = datetime.date
EVENT = D(2026, 1, 10)
DEADLINE = D(2026, 5, 21)
INDEPENDENCE = "committees.composition.independence"
LITERACY = "committees.composition.literacy"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://portal.northwind.example"


@pytest.fixture
def committee(company, audit_committee, chair, member, secretary):
    """Alice chairs, Bob and Dana serve; all qualified from 1 January 2024."""
    company.next_annual_meeting = DEADLINE
    company.save()
    f.seat_qualified_member(audit_committee, full_name="Dana Cure")
    return audit_committee


@pytest.fixture
def cure(committee):
    dana = committee.memberships.get(director__full_name="Dana Cure").director
    brother = f.FamilyMemberFactory(director=dana, name="Dirk Cure", relationship="sibling")
    Employment.objects.create(
        director=dana,
        family_member=brother,
        employer=Employment.Employer.SUBSIDIARY,
        employer_name="Baltic Precision Optics",
        title="Chief Financial Officer",
        is_executive_officer=True,
        start_date=EVENT,
    )
    return services.cure_period_open(
        committee=committee, director=dana, event_date=EVENT, reason="Outside her control."
    )


def run(as_of):
    report = deadlines_run(as_of=as_of)
    assert report.errors == []
    return report


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _mails():
    """The emails of composition notices (the committee's other duties send their own)."""
    ids = {str(n.pk) for n in _claimed()}
    return [m for m in mail.outbox if m.extra_headers.get("X-Charter-Reminder") in ids]


def _claimed(key=None):
    rows = Reminder.objects.filter(occurrence__requirement_key__startswith="committees.composition")
    if key:
        rows = rows.filter(occurrence__requirement_key=key)
    return list(rows.order_by("claimed_on", "pk"))


# Once and only once ------------------------------------------------------------------------


def test_a_failure_is_told_once_the_day_it_begins(committee, member):
    """Nasdaq 5605(c)(2)(A) literacy: Bob is found not literate on 1 March 2026; three runs
    that day and one the next send a single notice, by email and in the portal."""
    LiteracyDetermination.objects.create(
        director=member.director, determined_on=D(2026, 3, 1), is_financially_literate=False
    )
    for as_of in (D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 2)):
        run(as_of)
    (notice,) = _claimed()
    assert (notice.occurrence.requirement_key, notice.threshold) == (LITERACY, "0d")
    assert notice.due_date == D(2026, 3, 1) and notice.sent_at is not None
    assert len(_mails()) == 1
    assert _mails()[0].subject == "Not met: Every member financially literate (Audit Committee)"
    # Alice (chair), Bob and the secretary; Dana has no login.
    assert Notification.objects.filter(reminder=notice).count() == 3


def test_a_new_failure_after_recovery_is_a_new_episode(committee, member):
    """Failing 1-9 March (told on 1 March, reminded after a week), met from 10 March, failing
    again from 1 April: told again that day."""
    for day, literate in ((D(2026, 3, 1), False), (D(2026, 3, 10), True), (D(2026, 4, 1), False)):
        LiteracyDetermination.objects.create(
            director=member.director, determined_on=day, is_financially_literate=literate
        )
    for as_of in _days(D(2026, 3, 1), D(2026, 4, 2)):
        run(as_of)
    notices = [(n.due_date, n.threshold, n.claimed_on) for n in _claimed()]
    assert notices == [
        (D(2026, 3, 1), "0d", D(2026, 3, 1)),
        (D(2026, 3, 1), "overdue+7d", D(2026, 3, 8)),
        (D(2026, 4, 1), "0d", D(2026, 4, 1)),
    ]
    assert len(_mails()) == 3


def test_walking_day_by_day_across_a_cure_period(cure):
    """Nasdaq 5605(c)(4): one notice the day the cure period opens, then the engine's reminders
    on their first day (30 days before the deadline, not 31; 7, 1 and 0 days), then one failure
    notice the day after the deadline."""
    for as_of in _days(D(2026, 1, 5), D(2026, 5, 25)):
        run(as_of)
    sent = [(n.threshold, n.claimed_on) for n in _claimed(INDEPENDENCE)]
    assert sent == [
        ("opened", EVENT),
        ("30d", D(2026, 4, 21)),
        ("7d", D(2026, 5, 14)),
        ("1d", D(2026, 5, 20)),
        ("0d", D(2026, 5, 21)),
        ("0d", D(2026, 5, 22)),  # the cure is over: failing from 22 May, a new episode
    ]
    assert [n.due_date for n in _claimed(INDEPENDENCE)][-2:] == [DEADLINE, D(2026, 5, 22)]
    assert len(_mails()) == len(_claimed()) == 6
    assert _mails()[0].subject == (
        "Cure period opened, 131 days to cure: Independent members (Audit Committee)"
    )


def test_a_skipped_run_still_sends_the_30_day_notice(cure):
    """Runs on 19 and 20 April, none on 21-23 April (the 30-day mark is 21 April), then 24 and
    25 April: the 30-day notice goes on 24 April, once."""
    run(D(2026, 4, 19))
    run(D(2026, 4, 20))
    assert [n.threshold for n in _claimed()] == ["opened"]
    run(D(2026, 4, 24))
    run(D(2026, 4, 25))
    assert [(n.threshold, n.claimed_on) for n in _claimed()] == [
        ("opened", D(2026, 4, 19)),
        ("30d", D(2026, 4, 24)),
    ]
    assert _mails()[-1].subject == (
        "Cure period ends in 27 days: Independent members (Audit Committee)"
    )


def test_a_first_run_late_in_the_cure_sends_only_the_latest_notice(cure):
    """A deployment started 3 days before the deadline sends the 7-day reminder (it says 3
    days), not three stale notices at once."""
    run(D(2026, 5, 18))
    assert [n.threshold for n in _claimed()] == ["7d"]
    assert _mails()[0].subject.startswith("Cure period ends in 3 days")


def test_vacancy_cure_opened_once(committee, member):
    """Nasdaq 5605(c)(4)(B): Bob leaves on 27 February 2026, leaving one vacancy."""
    services.membership_end(membership=member.director.memberships.get(), end_date=D(2026, 2, 27))
    run(D(2026, 2, 28))
    run(D(2026, 3, 1))
    (notice,) = _claimed()
    assert notice.threshold == "opened"
    assert notice.occurrence.requirement_key == "committees.composition.size"


# Delivery ----------------------------------------------------------------------------------


def test_smtp_failure_leaves_the_notice_pending_until_it_goes_once(cure, settings):
    settings.EMAIL_BACKEND = "tests.committees.test_notices.RefusingBackend"
    run(EVENT)
    run(EVENT)
    (notice,) = _claimed()
    assert notice.sent_at is None and notice.attempts == 2
    assert "SMTPServerDisconnected" in notice.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(D(2026, 1, 11))
    run(D(2026, 1, 12))
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 3 and notice.last_error == ""
    assert len(_mails()) == 1


def test_recipients_are_the_members_who_log_in_and_the_active_secretaries(
    committee, chair, secretary
):
    away = f.UserFactory(email="gone@example.test", roles=["secretary"])
    away.is_active = False
    away.save()
    LiteracyDetermination.objects.create(
        director=chair.director, determined_on=D(2026, 3, 1), is_financially_literate=False
    )
    run(D(2026, 3, 1))
    (message,) = _mails()
    assert message.to == [
        "alice.chair@example.test",
        "bob.member@example.test",
        "sam.secretary@example.test",
    ]


def test_an_escalation_goes_only_to_the_board_chair_and_the_secretary(
    committee, company, member, secretary
):
    """After 14 days of failing, the escalation names the board chair and the secretary: not the
    committee's chair and never an ordinary member."""
    bert = f.seat_qualified_member(
        f.CommitteeFactory(name="Board", slug="board", kind="nominating"),
        full_name="Bert Boardchair",
        user=f.UserFactory(email="bert.board@example.test"),
    )
    company.board_chair = bert
    company.save()
    LiteracyDetermination.objects.create(
        director=member.director, determined_on=D(2026, 3, 1), is_financially_literate=False
    )
    for as_of in _days(D(2026, 3, 1), D(2026, 3, 15)):
        run(as_of)
    escalation = next(n for n in _claimed(LITERACY) if n.kind == "escalation")
    assert escalation.claimed_on == D(2026, 3, 15)
    assert sorted(user.email for user in escalation.recipients.all()) == [
        "bert.board@example.test",
        "sam.secretary@example.test",
    ]
    assert _mails()[-1].subject.startswith("Escalation: not met")


def test_the_email_names_the_committee_finding_rule_deadline_and_link(cure):
    run(EVENT)
    (message,) = _mails()
    assert message.to == [
        "alice.chair@example.test",
        "bob.member@example.test",
        "sam.secretary@example.test",
    ]
    body = message.body
    assert "Dana Cure" in body
    assert "Nasdaq 5605(c)(2)(A), 5605(a)(2)" in body
    assert "The cure period ends: 21 May 2026" in body
    assert "https://portal.northwind.example/committees/audit/" in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_a_notice_with_no_one_to_tell_waits_for_a_recipient(company, audit_committee):
    """No chair who logs in and no secretary: the notice stays pending, then goes once someone
    is there to receive it."""
    company.next_annual_meeting = DEADLINE
    company.save()
    f.seat_qualified_member(audit_committee, full_name="Solo Member")
    run(D(2026, 3, 1))
    notices = _claimed()
    assert notices and all(n.sent_at is None for n in notices)
    assert all("Nobody to send it to" in n.last_error for n in notices)
    assert _mails() == []
    f.UserFactory(email="new.secretary@example.test", roles=["secretary"])
    run(D(2026, 3, 2))
    assert all(n.sent_at is not None for n in _claimed())
    assert {tuple(m.to) for m in _mails()} == {("new.secretary@example.test",)}


# Concurrency -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_notice_once(cure):
    """Two beat processes evaluating the same day at the same moment (security target 11)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks (select_for_update); this runs on PostgreSQL.")
    barrier = threading.Barrier(2)
    errors = []

    def evaluate():
        try:
            barrier.wait()
            deadlines_run(as_of=D(2026, 5, 18))
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=evaluate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    notices = _claimed()
    assert len(notices) == 1 and notices[0].sent_at is not None
    assert [m.subject for m in _mails()] == [notices[0].subject]


def test_there_is_one_daily_task_and_one_outbox(settings):
    """Composition is evaluated, and told, by the deadline engine's daily run alone."""
    from django.apps import apps

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    # Besides the engine's run, only the complaints' retention purge (RULES 6), which tells no one.
    assert scheduled == {"deadlines.tasks.run_deadlines", "complaints.tasks.purge_expired_cases"}
    assert "compositionnotice" not in {m._meta.model_name for m in apps.get_models()}


def test_5605c4A_a_cure_period_first_seen_later_is_dated_from_its_event(cure, committee):
    """The run that first sees a cure period may come months after its event (it was recorded
    late): the stored occurrence and the calendar still place it on the event's day."""
    from deadlines.models import Occurrence
    from deadlines.selectors.calendar import compliance_year

    run(D(2026, 3, 2))
    occurrence = Occurrence.objects.get(committee=committee, requirement_key=INDEPENDENCE)
    assert occurrence.status == "cure_period"
    assert occurrence.problem_since == EVENT
    year = compliance_year(committee, 2026, D(2026, 3, 2))
    began = {
        (entry.day, entry.what)
        for month in year.months
        for entry in month.entries
        if entry.item is not None and entry.item.occurrence.pk == occurrence.pk
    }
    assert began == {(EVENT, "began"), (DEADLINE, "cure_ends")}
