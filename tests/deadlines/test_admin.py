"""The secretary reads occurrences (with their history), waivers and reminders in the admin, sees
which reminders are pending, and can retry them; nothing there can be added, edited or deleted."""

import datetime

import pytest
from django.urls import reverse

from deadlines.cadences import FiscalQuarter
from deadlines.models import Notification, Reminder
from deadlines.selectors import unread_notification_count
from deadlines.services import notifications_mark_read, waiver_grant, waiver_revoke
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
KEY = "tests.quarterly_review"


@pytest.fixture
def records(domain, done, settings, chair):
    requirement(KEY, FiscalQuarter(), done)
    settings.EMAIL_BACKEND = "tests.deadlines.test_reminders.MailServerDown"
    run(D(2026, 3, 1))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    quarter = occurrence(KEY, D(2026, 1, 1))
    return quarter


def test_the_secretary_reads_every_engine_page(records, secretary, client_for):
    client = client_for(secretary)
    pages = [
        reverse("admin:deadlines_occurrence_changelist"),
        reverse("admin:deadlines_occurrence_change", args=[records.pk]),
        reverse("admin:deadlines_occurrence_history", args=[records.pk]),
        reverse("admin:deadlines_waiver_changelist"),
        reverse("admin:deadlines_reminder_changelist") + "?state=pending",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"mail.example.test is not answering" in client.get(pages[-1]).content


def test_nothing_can_be_added_or_deleted_there(records, secretary, client_for):
    client = client_for(secretary)
    assert client.get(reverse("admin:deadlines_occurrence_add")).status_code == 403
    delete = reverse("admin:deadlines_occurrence_delete", args=[records.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:deadlines_waiver_add")).status_code == 403


def test_members_and_outsiders_do_not_reach_it(records, member, client_for):
    response = client_for(member).get(reverse("admin:deadlines_occurrence_changelist"))
    assert response.status_code == 302  # to the admin login: members are not staff


def test_the_secretary_retries_a_pending_reminder(records, secretary, client_for):
    reminder = Reminder.objects.get()
    response = client_for(secretary).post(
        reverse("admin:deadlines_reminder_changelist"),
        {"action": "send_now", "_selected_action": [reminder.pk]},
        follow=True,
    )
    assert b"1 sent, 0 still pending." in response.content
    reminder.refresh_from_db()
    assert reminder.state == "sent"


def test_a_waiver_shows_on_its_occurrence(records, chair, secretary, client_for):
    waiver_grant(occurrence=records, user=chair, reason="Board resolution 12", as_of=D(2026, 3, 2))
    page = client_for(secretary).get(
        reverse("admin:deadlines_occurrence_change", args=[records.pk])
    )
    assert b"Board resolution 12" in page.content


def test_notifications_are_marked_read_by_their_owner_only(records, chair, member):
    run(D(2026, 3, 2))  # the mail server is back: the pending reminder goes
    mine = Notification.objects.get(user=chair)
    assert unread_notification_count(chair) == 1
    now = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    assert notifications_mark_read(user=member, notification_ids=[mine.pk], now=now) == 0
    assert notifications_mark_read(user=chair, notification_ids=[mine.pk], now=now) == 1
    assert unread_notification_count(chair) == 0


def test_a_revoked_waiver_shows_its_revocation_read_only(records, chair, secretary, client_for):
    waiver = waiver_grant(
        occurrence=records, user=chair, reason="Resolution 12", as_of=D(2026, 3, 2)
    )
    waiver_revoke(waiver=waiver, user=secretary, reason="Resolution 14", as_of=D(2026, 3, 3))
    client = client_for(secretary)
    page = client.get(reverse("admin:deadlines_waiver_change", args=[waiver.pk])).content.decode()
    for words in ("Resolution 12", "Resolution 14", "Revoked by", "Revoke reason", "Until"):
        assert words in page
    assert 'name="revoke_reason"' not in page  # read only: revoked only through the service
    listing = client.get(reverse("admin:deadlines_waiver_changelist")).content.decode()
    assert 'alt="False"' in listing  # no longer in force
