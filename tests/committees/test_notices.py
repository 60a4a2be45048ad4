"""Composition notices: claimed once per key in the evaluating transaction, sent after commit from
an outbox, retried until they go (Nasdaq 5605(c)(4) cure periods; SECURITY.md target 11).

Dana Cure's brother becomes an executive officer of a subsidiary on 10 January 2026 (Nasdaq
5605(a)(2)(C)); the annual meeting on 21 May 2026 is her cure deadline. The clock is frozen on
15 June 2026; every evaluation date is passed explicitly."""

import datetime
import smtplib
import threading

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from charter_portal.celery import app as celery_app
from committees import services
from committees.models import CompositionNotice, Employment, LiteracyDetermination
from tests import factories as f

D = datetime.date
EVENT = D(2026, 1, 10)
DEADLINE = D(2026, 5, 21)
Kind = CompositionNotice.Kind


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


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One evaluation run, with its after-commit sending."""

    def evaluate(as_of):
        with django_capture_on_commit_callbacks(execute=True):
            return services.composition_notify(as_of=as_of)

    return evaluate


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _claimed(kind=None):
    notices = CompositionNotice.objects.order_by("pk")
    return list(notices.filter(kind=kind) if kind else notices)


# Once and only once ------------------------------------------------------------------------


def test_out_of_compliance_notice_sent_once_over_repeated_runs(committee, member, run):
    """Nasdaq 5605(c)(2)(A) literacy: Bob is found not literate on 1 March 2026; three runs
    that day and one the next send a single notice."""
    LiteracyDetermination.objects.create(
        director=member.director, determined_on=D(2026, 3, 1), is_financially_literate=False
    )
    for as_of in (D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 2)):
        run(as_of)
    (notice,) = _claimed()
    assert notice.kind == Kind.OUT_OF_COMPLIANCE
    assert notice.finding_key == "committees.composition.literacy"
    assert notice.subject == "committees.composition.literacy@2026-03-01"
    assert notice.sent_at is not None and notice.attempts == 1
    assert len(mail.outbox) == 1


def test_a_new_failure_after_recovery_is_a_new_episode(committee, member, run):
    """Each episode of failing gets one notice: failing 1-9 March, met 10-31 March, failing
    again from 1 April."""
    for day, literate in ((D(2026, 3, 1), False), (D(2026, 3, 10), True), (D(2026, 4, 1), False)):
        LiteracyDetermination.objects.create(
            director=member.director, determined_on=day, is_financially_literate=literate
        )
    for as_of in (D(2026, 3, 1), D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 31), D(2026, 4, 1)):
        run(as_of)
    notices = _claimed(Kind.OUT_OF_COMPLIANCE)
    assert [n.subject for n in notices] == [
        "committees.composition.literacy@2026-03-01",
        "committees.composition.literacy@2026-04-01",
    ]
    assert notices[0].episode_ended_on == D(2026, 3, 10)
    assert notices[1].episode_ended_on is None
    assert len(mail.outbox) == 2


def test_walking_day_by_day_across_a_cure_period(cure, run):
    """Nasdaq 5605(c)(4): exactly one opened, one 30-day and one 7-day notice, each on its first
    day (30 days before the deadline, not 31; 7 days before, not 8), then one out-of-compliance
    notice the day after the deadline."""
    for as_of in _days(D(2026, 1, 5), D(2026, 5, 25)):
        run(as_of)
    sent = {n.kind: n.evaluated_on for n in _claimed()}
    assert sent == {
        Kind.CURE_PERIOD_OPENED: EVENT,
        Kind.CURE_PERIOD_30_DAYS: D(2026, 4, 21),
        Kind.CURE_PERIOD_7_DAYS: D(2026, 5, 14),
        Kind.OUT_OF_COMPLIANCE: D(2026, 5, 22),
    }
    assert len(_claimed()) == 4 and len(mail.outbox) == 4
    cure_subjects = {n.subject for n in _claimed() if n.kind != Kind.OUT_OF_COMPLIANCE}
    assert cure_subjects == {f"cure-period:{cure.pk}"}


def test_a_skipped_run_still_sends_the_30_day_notice(cure, run):
    """Runs on 19 and 20 April, none on 21-23 April (the 30-day mark is 21 April), then 24 April:
    the 30-day notice goes on 24 April, once."""
    run(D(2026, 4, 19))
    run(D(2026, 4, 20))
    assert not _claimed(Kind.CURE_PERIOD_30_DAYS)
    run(D(2026, 4, 24))
    run(D(2026, 4, 25))
    (notice,) = _claimed(Kind.CURE_PERIOD_30_DAYS)
    assert notice.evaluated_on == D(2026, 4, 24)
    assert [m.subject for m in mail.outbox][-1] == (
        "Audit Committee: 27 days left in the cure period (deadline 21 May 2026)"
    )


def test_first_run_late_in_the_cure_sends_every_notice_due(cure, run):
    """A deployment started 3 days before the deadline still sends all three cure notices."""
    run(D(2026, 5, 18))
    assert {n.kind for n in _claimed()} == {
        Kind.CURE_PERIOD_OPENED,
        Kind.CURE_PERIOD_30_DAYS,
        Kind.CURE_PERIOD_7_DAYS,
    }


def test_vacancy_cure_opened_once(committee, member, run):
    """Nasdaq 5605(c)(4)(B): Bob leaves on 27 February 2026, leaving one vacancy."""
    services.membership_end(membership=member.director.memberships.get(), end_date=D(2026, 2, 27))
    run(D(2026, 2, 28))
    run(D(2026, 3, 1))
    (notice,) = _claimed()
    assert notice.kind == Kind.CURE_PERIOD_OPENED
    assert notice.subject.startswith("vacancy:")
    assert notice.finding_key == "committees.composition.size"


# Delivery ----------------------------------------------------------------------------------


def test_smtp_failure_leaves_the_notice_pending_until_it_goes_once(cure, run, settings):
    settings.EMAIL_BACKEND = "tests.committees.test_notices.RefusingBackend"
    run(EVENT)
    run(EVENT)
    (notice,) = _claimed()
    assert notice.sent_at is None
    assert notice.attempts == 2
    assert "SMTPServerDisconnected" in notice.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(D(2026, 1, 11))
    run(D(2026, 1, 12))
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 3 and notice.last_error == ""
    assert len(mail.outbox) == 1


def test_recipients_are_the_chair_and_the_secretaries(committee, chair, secretary, run):
    away = f.UserFactory(email="gone@example.test", roles=["secretary"])
    away.is_active = False
    away.save()
    alice = chair.director
    alice.user = None
    alice.email = "alice.private@example.test"
    alice.save()
    LiteracyDetermination.objects.create(
        director=alice, determined_on=D(2026, 3, 1), is_financially_literate=False
    )
    run(D(2026, 3, 1))
    (message,) = mail.outbox
    assert message.to == ["alice.private@example.test", "sam.secretary@example.test"]


def test_the_email_names_the_committee_finding_rule_deadline_and_link(cure, run):
    run(EVENT)
    (message,) = mail.outbox
    assert message.subject == "Audit Committee: a cure period is running until 21 May 2026"
    assert message.to == ["alice.chair@example.test", "sam.secretary@example.test"]
    body = message.body
    assert "Dana Cure" in body
    assert "Nasdaq 5605(c)(4)" in body and "5605(a)(2)" in body
    assert "21 May 2026" in body
    assert "https://portal.northwind.example/committees/audit/" in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_a_notice_with_no_one_to_tell_waits_for_a_recipient(company, audit_committee, run):
    """No chair and no secretary: the notice stays pending, then goes once someone is there."""
    company.next_annual_meeting = DEADLINE
    company.save()
    f.seat_qualified_member(audit_committee, full_name="Solo Member")
    run(D(2026, 3, 1))
    notices = _claimed()
    assert notices and all(n.sent_at is None for n in notices)
    assert all("No one to send it to" in n.last_error for n in notices)
    assert mail.outbox == []
    f.UserFactory(email="new.secretary@example.test", roles=["secretary"])
    run(D(2026, 3, 2))
    assert all(n.sent_at is not None for n in _claimed())
    assert len(mail.outbox) == len(notices)
    assert {tuple(m.to) for m in mail.outbox} == {("new.secretary@example.test",)}


# Concurrency -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_notice_once(cure):
    """Two beat processes evaluating the same day at the same moment (SECURITY.md target 11)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks (select_for_update); this runs on PostgreSQL.")
    barrier = threading.Barrier(2)
    errors = []

    def evaluate():
        try:
            barrier.wait()
            services.composition_notify(as_of=D(2026, 5, 18))
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
    assert len(notices) == 3 and all(n.sent_at is not None for n in notices)
    assert sorted(m.subject for m in mail.outbox) == sorted(n.email_subject for n in notices)


# The entry points --------------------------------------------------------------------------


def test_the_beat_task_is_registered_under_the_scheduled_name(settings):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    celery_app.loader.import_default_modules()  # what a worker does on start: autodiscovery
    assert "committees.tasks.evaluate_composition" in scheduled
    assert "committees.tasks.evaluate_composition" in celery_app.tasks


def test_the_beat_task_evaluates_today(cure, django_capture_on_commit_callbacks):
    """The clock says 15 June 2026, after the deadline: the task sends the failure notice."""
    from committees.tasks import evaluate_composition

    with django_capture_on_commit_callbacks(execute=True):
        claimed = evaluate_composition.delay().get()
    assert claimed == 1
    (notice,) = _claimed()
    assert notice.kind == Kind.OUT_OF_COMPLIANCE and notice.evaluated_on == D(2026, 6, 15)


def test_the_command_runs_the_same_service(cure, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("evaluate_composition", "--as-of", "2026-01-10")
    out = capsys.readouterr().out
    assert "Evaluated composition as of 2026-01-10: 1 new notice(s)" in out
    assert "Cure period opened: Audit Committee" in out
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("evaluate_composition", "--as-of", "2026-02-30")
