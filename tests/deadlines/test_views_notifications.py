"""The in-portal notification list: newest first, paginated, marked read by POST, and the unread
count in the navigation (one query)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deadlines.models import Notification, Reminder
from tests.deadlines import views_data
from tests.deadlines.views_data import CAN_SEE, CANNOT_SEE, TODAY

# Fixtures shared with the deadline engine's tests.
on_today = views_data.on_today
year = views_data.year

NOTIFICATIONS = reverse("deadlines:notifications")
MARK = reverse("deadlines:notifications_read")


def _many(occurrence, user, count):
    for n in range(count):
        reminder = Reminder.objects.create(
            occurrence=occurrence,
            kind="overdue",
            threshold=f"test+{n}d",
            offset_days=1000 + n,
            due_date=occurrence.due_date,
            claimed_on=TODAY,
            subject=f"Test notice {n}",
            body="...",
        )
        Notification.objects.create(user=user, reminder=reminder)


@pytest.mark.parametrize("who", CAN_SEE + CANNOT_SEE)
def test_every_user_has_a_list(year, request, client_for, who):
    assert client_for(request.getfixturevalue(who)).get(NOTIFICATIONS).status_code == 200


def test_anonymous_goes_to_login(db, client):
    assert client.get(NOTIFICATIONS).url.startswith(reverse("login"))
    assert client.post(MARK, {"all": "1"}).url.startswith(reverse("login"))


def test_the_engine_s_notices_show_newest_first_with_the_unread_count(year, client_for, chair):
    mine = list(Notification.objects.filter(user=chair).order_by("-created_at", "-pk"))
    assert mine, "the runs delivered reminders to the chair's list"
    response = client_for(chair).get(NOTIFICATIONS)
    shown = list(response.context["page"].object_list)
    assert shown == mine
    html = response.content.decode()
    assert f'{len(mine)}<span class="visually-hidden"> unread</span>' in html
    assert html.index(mine[0].reminder.subject) < html.index(mine[-1].reminder.subject)


def test_only_the_users_own(year, client_for, chair, other_member):
    response = client_for(other_member).get(NOTIFICATIONS)
    assert list(response.context["page"].object_list) == []
    assert "You have no notifications." in response.content.decode()


def test_paginated(year, client_for, secretary):
    escalations = Notification.objects.filter(user=secretary).count()
    _many(year["q1"], secretary, 30 - escalations)
    client = client_for(secretary)
    first = client.get(NOTIFICATIONS).context["page"]
    second = client.get(NOTIFICATIONS, {"page": "2"}).context["page"]
    assert (len(first.object_list), len(second.object_list)) == (25, 5)
    assert first.object_list[0].reminder.subject == f"Test notice {29 - escalations}"
    assert client.get(NOTIFICATIONS, {"page": "x"}).status_code == 200


def test_mark_one_read_and_another_users_is_untouched(year, client_for, chair, member):
    theirs = Notification.objects.filter(user=member).first()
    mine = Notification.objects.filter(user=chair).first()
    client = client_for(chair)
    response = client.post(MARK, {"notification": [mine.pk, theirs.pk, "x", "²"]})
    assert response.status_code == 302 and response.url == NOTIFICATIONS
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_mark_all_read(year, client_for, chair):
    response = client_for(chair).post(MARK, {"all": "1"}, follow=True)
    assert "notification" in response.content.decode() and "read." in response.content.decode()
    assert not Notification.objects.filter(user=chair, read_at__isnull=True).exists()
    assert 'visually-hidden"> unread' not in response.content.decode()


def test_marking_needs_post(year, client_for, chair):
    assert client_for(chair).get(MARK).status_code == 405


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_notifications(year, client_for, secretary):
    client = client_for(secretary)
    _many(year["q1"], secretary, 2)
    few = _queries(client, NOTIFICATIONS)
    few_calendar = _queries(client, reverse("deadlines:calendar"))
    _many(year["q2"], secretary, 40)
    assert _queries(client, NOTIFICATIONS) == few
    # The unread count in the navigation is one query on every page.
    assert _queries(client, reverse("deadlines:calendar")) == few_calendar
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("deadlines:calendar"))
    counts = [q["sql"] for q in queries if "deadlines_notification" in q["sql"]]
    assert len(counts) == 1
