"""The personal calendar feed: a secret per-user address (only its hash stored) serving valid
iCalendar with the deadlines the user is responsible for; a reset makes the old address fail."""

import re

import icalendar
import pytest
from django.urls import reverse

from deadlines.models import CalendarFeed
from deadlines.models.feeds import token_digest
from tests.deadlines import views_data
from tests.deadlines.views_data import CAN_SEE, CANNOT_SEE, D

# Fixtures shared with the deadline engine's tests.
on_today = views_data.on_today
year = views_data.year

FEED = reverse("deadlines:feed")
ADDRESS = re.compile(r'value="https?://[^"]+/deadlines/feed/([A-Za-z0-9_-]+)\.ics"')


def _make_address(client, **data) -> str:
    response = client.post(FEED, data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = ADDRESS.search(response.content.decode())
    assert match, "the new address is shown once"
    return match.group(1)


def _events(client, token):
    response = client.get(reverse("deadlines:feed_ics", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.mark.parametrize("who", CAN_SEE + CANNOT_SEE)
def test_every_user_has_a_feed_page(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(FEED)
    assert response.status_code == 200
    assert "Make my feed address" in response.content.decode()


def test_anonymous_goes_to_login(db, client):
    assert client.get(FEED).url.startswith(reverse("login"))
    assert client.post(FEED).url.startswith(reverse("login"))
    assert not CalendarFeed.objects.exists()


def test_the_feed_lists_the_users_open_deadlines(year, client_for, chair, client):
    token = _make_address(client_for(chair))
    feed = CalendarFeed.objects.get(user=chair)
    assert feed.token_hash == token_digest(token)
    assert token not in feed.token_hash  # only the hash is kept
    events = _events(client, token)  # no login: the token is the key
    got = sorted((e.decoded("dtstart"), str(e["summary"])) for e in events)
    # Open and not met: both quarterly reviews and both filing reviews; the met letter is not.
    assert got == [
        (D(2026, 3, 31), "Due: Quarterly review (Audit Committee)"),
        (D(2026, 5, 15), "Due: Quarterly filing review (Audit Committee)"),
        (D(2026, 6, 30), "Due: Quarterly review (Audit Committee)"),
        (D(2026, 8, 14), "Due: Quarterly filing review (Audit Committee)"),
    ]
    event = next(e for e in events if e.decoded("dtstart") == D(2026, 3, 31))
    assert event.decoded("dtend") == D(2026, 4, 1)  # an all-day event
    assert str(event["uid"]).startswith(f"deadline-occurrence-{year['q1'].pk}@")
    description = str(event["description"])
    assert "Committee: Audit Committee" in description
    assert "Rule: Charter: Meetings (Our committee charter)" in description
    # The one date style, short where space is short: never "01 Jan 2026" or ISO.
    assert "Period: 1 Jan 2026 to 31 Mar 2026" in description
    assert reverse("deadlines:occurrence", args=[year["q1"].pk]) in str(event["url"])


def test_uids_are_stable(year, client_for, member, client):
    token = _make_address(client_for(member))
    first = sorted(str(e["uid"]) for e in _events(client, token))
    again = sorted(str(e["uid"]) for e in _events(client, token))
    assert first == again and len(set(first)) == 4


@pytest.mark.parametrize("who", ["secretary", "other_member", "outsider", "board_reader"])
def test_only_the_users_own_deadlines(year, request, client_for, client, who):
    """The domain's responsible hook names the audit committee's members, nobody else."""
    token = _make_address(client_for(request.getfixturevalue(who)))
    assert _events(client, token) == []


def test_reset_needs_confirming_and_stops_the_old_address(year, client_for, chair, client):
    browser = client_for(chair)
    old = _make_address(browser)
    response = browser.post(FEED, {})
    assert "Tick the box to confirm" in response.content.decode()
    assert client.get(reverse("deadlines:feed_ics", args=[old])).status_code == 200
    new = _make_address(browser, confirm="1")
    assert new != old
    assert client.get(reverse("deadlines:feed_ics", args=[old])).status_code == 404
    assert len(_events(client, new)) == 4
    assert CalendarFeed.objects.filter(user=chair).count() == 1


def test_a_wrong_token_is_404_and_no_cookie_is_set(year, client_for, chair, client):
    _make_address(client_for(chair))
    response = client.get(reverse("deadlines:feed_ics", args=["x" * 43]))
    assert response.status_code == 404
    assert not response.cookies


def test_the_feed_sets_no_cookie(year, client_for, chair, client):
    token = _make_address(client_for(chair))
    response = client.get(reverse("deadlines:feed_ics", args=[token]))
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_an_inactive_users_feed_stops(year, client_for, chair, client):
    token = _make_address(client_for(chair))
    chair.is_active = False
    chair.save(update_fields=["is_active"])
    assert client.get(reverse("deadlines:feed_ics", args=[token])).status_code == 404


def test_the_page_lists_what_is_in_the_feed(year, client_for, member):
    html = client_for(member).get(FEED).content.decode()
    assert html.count('class="calendar-item') == 4
