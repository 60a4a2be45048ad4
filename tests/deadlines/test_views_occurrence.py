"""The occurrence page and its waiver form: a waiver needs the committee's chair or the corporate
secretary and a reason, and then shows on the page, the report and the CSV."""

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Reminder, Waiver
from deadlines.status import Status
from tests.deadlines import views_data
from tests.deadlines.views_data import CAN_SEE, CAN_WAIVE, CANNOT_SEE, TODAY

# Fixtures shared with the deadline engine's tests.
on_today = views_data.on_today
year = views_data.year

WAIVE_BUTTON = "Waive this requirement"


def _url(occurrence):
    return reverse("deadlines:occurrence", args=[occurrence.pk])


@pytest.mark.parametrize("who", CAN_SEE)
def test_who_sees_the_committee_sees_the_occurrence(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(_url(year["q1"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quarterly review" in html
    assert "Charter: Meetings" in html
    assert "Our committee charter" in html
    assert "1 January 2026 to 31 March 2026" in html
    assert "31 March 2026" in html
    assert response.context["item"].status == Status.OVERDUE
    # Not met: the one click goes to where the review is recorded.
    assert 'href="/record/audit/2026-01-01/"' in html
    assert (WAIVE_BUTTON in html) == (who in CAN_WAIVE)


@pytest.mark.parametrize("who", CANNOT_SEE)
def test_anyone_else_gets_404(year, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url(year["q1"])).status_code == 404
    assert client.post(_url(year["q1"]), {"reason": "x"}).status_code == 404
    assert not Waiver.objects.exists()


def test_a_missing_occurrence_is_404(year, client_for, chair):
    assert client_for(chair).get(reverse("deadlines:occurrence", args=[99999])).status_code == 404


def test_anonymous_goes_to_login(year, client):
    response = client.get(_url(year["q1"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_met_occurrence_links_its_evidence(year, client_for, member):
    html = client_for(member).get(_url(year["letter"])).content.decode()
    assert 'href="/evidence/tests.independence_letter/2026-06-02"' in html
    assert "Met on" in html and "2 June 2026" in html
    assert WAIVE_BUTTON not in html


@pytest.mark.parametrize("who", CAN_WAIVE)
def test_the_chair_or_secretary_waives_with_a_reason(year, request, client_for, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    response = client.post(_url(year["q1"]), {"reason": "Board approved a single joint review."})
    assert response.status_code == 302
    waiver = Waiver.objects.get()
    assert (waiver.granted_by, waiver.granted_on) == (user, TODAY)
    html = client.get(_url(year["q1"])).content.decode()
    assert f"Waived by {user.get_full_name()}" in html
    assert "Board approved a single joint review." in html
    assert "Waived. The reason now shows" in html
    assert WAIVE_BUTTON not in html


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_waiver_without_a_reason_saves_nothing(year, client_for, chair, reason):
    response = client_for(chair).post(_url(year["q1"]), {"reason": reason})
    assert response.status_code == 200
    assert "Give the reason for the waiver; every report shows it." in response.content.decode()
    assert not Waiver.objects.exists()
    year["q1"].refresh_from_db()
    assert (year["q1"].status, year["q1"].is_open) == (Status.OVERDUE, True)


@pytest.mark.parametrize("reason", ["a\x00b", "x" * 5001])
def test_a_reason_that_cannot_be_kept_is_refused_plainly(year, client_for, chair, reason):
    response = client_for(chair).post(_url(year["q1"]), {"reason": reason})
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be stored" in html or "Keep the reason under 5000 characters" in html
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("who", ["member", "board_reader"])
def test_a_reader_cannot_waive(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).post(_url(year["q1"]), {"reason": "x"})
    assert response.status_code == 403
    assert not Waiver.objects.exists()


def test_a_closed_occurrence_cannot_be_waived(year, client_for, chair):
    response = client_for(chair).post(_url(year["letter"]), {"reason": "x"}, follow=True)
    assert "no longer open" in response.content.decode()
    assert not Waiver.objects.exists()


def test_reminders_show_sent_and_pending(year, client_for, member):
    """A notice that could not be sent shows as pending, labelled "not yet delivered"."""
    sent = Reminder.objects.filter(occurrence=year["q1"], sent_at__isnull=False)
    assert sent.exists()
    Reminder.objects.create(
        occurrence=year["q1"],
        kind="overdue",
        threshold="overdue+77d",
        offset_days=77,
        due_date=year["q1"].due_date,
        claimed_on=TODAY,
        subject="Overdue by 77 days: Quarterly review (Audit Committee)",
        body="...",
        attempts=2,
        last_attempt_at=timezone.now(),
        last_error="SMTP 451",
    )
    html = client_for(member).get(_url(year["q1"])).content.decode()
    assert "Pending: not yet delivered" in html
    assert "2 attempts so far" in html
    assert "SMTP 451" not in html  # the mail server's error is for the secretary's admin
    assert html.count("badge text-bg-success") + html.count("Not sent") >= sent.count()
