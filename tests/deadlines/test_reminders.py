"""Reminders: claimed once per threshold by a unique row, sent from the outbox after commit, never
twice and never skipped, whatever happens to the runs, the worker or the mail server.
The requirement here is quarterly, due 31 March 2026: thresholds 1 March (30d), 24 March (7d),
30 March (1d), 31 March (0d), then 7 April (overdue+7d) and 14 April (escalation)."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from deadlines.cadences import FiscalQuarter
from deadlines.channels import EmailChannel
from deadlines.models import Notification, Reminder
from deadlines.registry import registry
from deadlines.services import deadlines_run
from tests.deadlines.support import days, requirement, run

D = datetime.date
KEY = "tests.quarterly_review"
Q1 = D(2026, 1, 1)


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail.example.test is not answering")


@pytest.fixture
def quarterly(domain, done):
    requirement(KEY, FiscalQuarter(), done, evidence_url=lambda c, p: f"/meetings/{c.slug}/")
    run(D(2026, 1, 2))
    return done


@pytest.fixture
def mail_down(settings):
    def switch(down: bool):
        settings.EMAIL_BACKEND = (
            "tests.deadlines.test_reminders.MailServerDown"
            if down
            else "django.core.mail.backends.locmem.EmailBackend"
        )

    return switch


def thresholds(*, state=None):
    rows = Reminder.objects.order_by("offset_days")
    if state == "pending":
        rows = rows.pending()
    return [row.threshold for row in rows]


def sent_thresholds():
    by_pk = {str(r.pk): r.threshold for r in Reminder.objects.all()}
    return [by_pk[message.extra_headers["X-Charter-Reminder"]] for message in mail.outbox]


def test_a_reminder_is_sent_once_to_the_committee_with_plain_words(
    quarterly, chair, member, settings
):
    report = run(D(2026, 3, 1))
    assert (report.claimed, report.sent, report.pending) == (1, 1, 0)
    [message] = mail.outbox
    assert message.subject == "Due in 30 days: Quarterly review (Audit Committee)"
    assert sorted(message.to) == sorted([chair.email, member.email])
    assert "Rule: Charter: test clause (charter)" in message.body
    assert "Due: 31 March 2026" in message.body
    assert f"Record or review the evidence: {settings.SITE_URL}/meetings/audit/" in message.body
    assert Notification.objects.filter(user=chair).count() == 1


def test_a_repeated_run_sends_nothing_new(quarterly):
    run(D(2026, 3, 1))
    again = run(D(2026, 3, 1))
    assert (again.claimed, again.sent) == (0, 0)
    assert sent_thresholds() == ["30d"]


def test_a_run_skipped_for_three_days_sends_the_missed_reminder_once(quarterly):
    for day in days(D(2026, 3, 1), D(2026, 3, 23)):
        run(day)
    # No run on 24, 25 or 26 March: the 7-day reminder was due on the 24th.
    run(D(2026, 3, 27))
    run(D(2026, 3, 28))
    assert sent_thresholds() == ["30d", "7d"]


def test_when_several_thresholds_were_missed_only_the_latest_is_sent(quarterly):
    """A run skipped over both the 7-day and the 1-day threshold sends the 1-day one only: a
    stale "due in 7 days" the day before the deadline would mislead."""
    run(D(2026, 3, 1))
    run(D(2026, 3, 30))
    run(D(2026, 3, 31))
    assert sent_thresholds() == ["30d", "1d", "0d"]


def test_a_run_for_an_earlier_day_never_sends_an_earlier_threshold(quarterly):
    run(D(2026, 3, 30))
    run(D(2026, 3, 1))
    assert sent_thresholds() == ["1d"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_claiming_leaves_it_pending_and_the_next_run_sends_it_once(
    quarterly, monkeypatch
):
    def killed():
        raise KeyboardInterrupt  # the claim has committed; the process dies before sending

    monkeypatch.setattr("deadlines.services.run.outbox_flush", killed)
    with pytest.raises(KeyboardInterrupt):
        deadlines_run(as_of=D(2026, 3, 1))
    assert thresholds(state="pending") == ["30d"] and mail.outbox == []
    monkeypatch.undo()
    run(D(2026, 3, 2))
    run(D(2026, 3, 3))
    assert sent_thresholds() == ["30d"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_rolls_back_and_the_next_run_sends_it_once(
    quarterly, monkeypatch, chair
):
    original = EmailChannel.deliver
    calls = []

    def dies_the_first_time(self, reminder, recipients):
        calls.append(reminder.pk)
        if len(calls) == 1:
            raise SystemExit(1)
        return original(self, reminder, recipients)

    monkeypatch.setattr(EmailChannel, "deliver", dies_the_first_time)
    with pytest.raises(SystemExit):
        deadlines_run(as_of=D(2026, 3, 1))
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.attempts, reminder.delivered_channels) == ("pending", 0, [])
    assert not Notification.objects.exists()
    run(D(2026, 3, 2))
    run(D(2026, 3, 3))
    assert sent_thresholds() == ["30d"]
    assert Notification.objects.filter(user=chair).count() == 1


def test_mail_server_down_keeps_the_reminder_pending_then_sends_it_once(
    quarterly, mail_down, chair
):
    mail_down(True)
    report = run(D(2026, 3, 1))
    reminder = Reminder.objects.get()
    assert (report.failed, report.pending, reminder.state, reminder.attempts) == (
        1,
        1,
        "pending",
        1,
    )
    assert "SMTPConnectError" in reminder.last_error
    # The portal list already has it; only the email is owed.
    assert reminder.delivered_channels == ["portal"]
    run(D(2026, 3, 2))
    assert Reminder.objects.get().attempts == 2
    mail_down(False)
    report = run(D(2026, 3, 3))
    reminder.refresh_from_db()
    assert (report.sent, reminder.state, reminder.last_error, reminder.attempts) == (
        1,
        "sent",
        "",
        3,
    )
    assert sent_thresholds() == ["30d"]
    assert Notification.objects.filter(user=chair).count() == 1


def test_a_pending_reminder_overtaken_by_a_later_one_is_cancelled(quarterly, mail_down):
    run(D(2026, 3, 1))
    mail_down(True)
    run(D(2026, 3, 24))
    assert thresholds(state="pending") == ["7d"]
    mail_down(False)
    run(D(2026, 3, 30))
    assert sent_thresholds() == ["30d", "1d"]
    assert Reminder.objects.get(threshold="7d").state == "cancelled"


def test_a_pending_reminder_for_a_requirement_met_meanwhile_is_not_sent(quarterly, mail_down):
    mail_down(True)
    run(D(2026, 3, 1))
    quarterly.record(KEY, Q1, D(2026, 3, 2))
    mail_down(False)
    report = run(D(2026, 3, 2))
    assert (report.cancelled, mail.outbox) == (1, [])
    assert "met before it was sent" in Reminder.objects.get().cancel_reason


def test_after_14_days_overdue_the_escalation_goes_only_to_the_board_chair_and_secretary(
    quarterly, secretary, board_chair, chair, member
):
    run(D(2026, 4, 7))
    overdue = Reminder.objects.get(threshold="overdue+7d")
    assert overdue.kind == "overdue" and set(overdue.recipients.all()) == {chair, member}
    run(D(2026, 4, 13))
    assert not Reminder.objects.filter(kind="escalation").exists()
    run(D(2026, 4, 14))
    escalation = Reminder.objects.get(threshold="overdue+14d")
    assert escalation.kind == "escalation"
    # The people the escalation rule names, and only them: not the committee's members.
    assert set(escalation.recipients.all()) == {secretary, board_chair}
    assert (
        mail.outbox[-1].subject
        == "Escalation: overdue by 14 days: Quarterly review (Audit Committee)"
    )


def test_reminder_days_come_from_settings_at_call_time(quarterly, settings):
    settings.DEADLINES_REMINDER_DAYS = [10]
    settings.DEADLINES_ESCALATION_DAYS = 3
    run(D(2026, 3, 20))
    assert thresholds() == []
    run(D(2026, 3, 21))
    run(D(2026, 4, 3))
    assert sent_thresholds() == ["10d", "overdue+3d"]


def test_with_nobody_responsible_the_escalation_recipients_are_told(
    quarterly, secretary, board_chair
):
    registry.set_responsible(lambda committee, as_of: [])
    run(D(2026, 3, 1))
    assert set(Reminder.objects.get().recipients.all()) == {secretary, board_chair}
    assert sorted(mail.outbox[0].to) == sorted([secretary.email, board_chair.email])


def test_with_nobody_at_all_to_tell_the_reminder_stays_pending_and_says_why(quarterly):
    registry.set_responsible(lambda committee, as_of: [])
    registry.set_escalation_recipients(lambda committee, as_of: [])
    report = run(D(2026, 3, 1))
    reminder = Reminder.objects.get()
    assert (report.pending, reminder.state) == (1, "pending")
    assert reminder.last_error.startswith("Nobody to send it to")
