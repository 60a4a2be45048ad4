"""Account events end every session of the user and stop their calendar-feed address (issue 7:
logout, password change, deactivation, second-factor reset), and changes to accounts, their
groups and their second-factor devices keep history (security target 13)."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.accounts.second_factor import REAUTHENTICATED_AT
from charter_portal.models import User
from deadlines.models import CalendarFeed
from deadlines.services.feeds import calendar_feed_reset
from tests.conftest import PASSWORD
from tests.logins import authenticator_for, code_for, post_password

NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)
NEW_PASSWORD = "larch quarry mellow 42"


def _logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


@pytest.fixture
def two_sessions(member, client_for):
    """The member logged in twice (two browsers), with a calendar-feed address."""
    token = calendar_feed_reset(user=member, now=NOW)
    first, second = client_for(member), client_for(member)
    assert _logged_in(first) and _logged_in(second)
    return first, second, token


def _feed_works(token) -> bool:
    return Client().get(reverse("deadlines:feed_ics", args=[token])).status_code == 200


@pytest.mark.django_db
def test_logging_out_ends_every_session_and_the_feed(member, two_sessions):
    first, second, token = two_sessions
    assert first.post(reverse("logout")).status_code == 302
    assert not _logged_in(first) and not _logged_in(second)
    assert not _feed_works(token)
    assert not CalendarFeed.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_changing_the_password_ends_every_other_session_and_the_feed(member, two_sessions):
    first, second, token = two_sessions
    session = first.session
    session[REAUTHENTICATED_AT] = int(time.time())  # password and code confirmed just now
    session.save()
    response = first.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _logged_in(first)  # the session that made the change goes on
    assert not _logged_in(second)
    assert not _feed_works(token)


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["save", "update_fields"])
def test_deactivating_an_account_ends_every_session_and_the_feed(member, two_sessions, how):
    first, second, token = two_sessions
    member.is_active = False
    if how == "save":
        member.save()
    else:
        member.save(update_fields=["is_active"])
    assert not _logged_in(first) and not _logged_in(second)
    assert not _feed_works(token)
    member.is_active = True
    member.save()
    assert not _logged_in(first)  # reactivating does not bring old sessions back


@pytest.mark.django_db
def test_the_secretary_resets_a_second_factor_from_the_admin(
    member, secretary, two_sessions, client_for
):
    """The admin action: devices removed (with history naming the secretary), every session of
    the member ended, the feed stopped, the member told by email; the next login enrols."""
    first, second, token = two_sessions
    StaticDevice.objects.create(user=member, name="backup")
    mail.outbox = []
    admin = client_for(secretary)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin.post(
            reverse("admin:charter_portal_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [member.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticDevice.objects.filter(user=member).exists()
    assert not _logged_in(first) and not _logged_in(second)
    assert not _feed_works(token)
    # Through the one outbox, with whatever else was waiting in it.
    (told,) = [m for m in mail.outbox if "second factor was reset" in m.subject]
    assert told.to == [member.email]
    assert "reset the second factor" in told.body
    removed = TOTPDevice.history.filter(user_id=member.pk, history_type="-").get()
    assert removed.history_user == secretary
    client = Client()
    assert post_password(client, member.email, PASSWORD).status_code == 302
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor:setup"))


@pytest.mark.django_db
def test_only_the_secretary_may_reset_a_second_factor(member, chair, client_for):
    authenticator_for(member)
    response = client_for(chair).post(
        reverse("admin:charter_portal_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert TOTPDevice.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_changing_an_email_in_the_admin_asks_for_a_fresh_code(secretary, member, client_for):
    secretary.is_superuser = True
    secretary.save()
    admin = client_for(secretary)
    url = reverse("admin:charter_portal_user_change", args=[member.pk])
    data = {
        "email": "bob.new@example.test",
        "full_name": member.full_name,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    response = admin.post(url, data)
    assert response["Location"] == f"{reverse('reauthenticate')}?next={url}"
    member.refresh_from_db()
    assert member.email == "bob.member@example.test"
    admin.post(reverse("reauthenticate"), {"password": PASSWORD, "otp_token": code_for(secretary)})
    response = admin.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "bob.new@example.test"


@pytest.mark.django_db
def test_accounts_groups_and_devices_keep_history_but_not_logins_or_secrets(member, secretary):
    before = member.history.count()
    member.full_name = "Robert Member"
    member.save()
    member.groups.add(Group.objects.get_or_create(name="Investigator")[0])
    assert member.history.count() == before + 2
    latest = member.history.latest()
    assert [g.group.name for g in latest.groups.all()] == ["Investigator"]
    assert not hasattr(latest, "password")

    # A login (last_login) and ending sessions (the stamp) are bookkeeping, not changes.
    member.last_login = NOW
    member.save(update_fields=["last_login"])
    assert member.history.count() == before + 2

    device = authenticator_for(member)
    assert device.history.count() == 1
    historical = device.history.get()
    assert not hasattr(historical, "key")
    # Using the device saves its counter: no history row for that.
    assert device.verify_token(code_for(member))
    assert device.history.count() == 1
    device.name = "phone"
    device.save()
    assert device.history.count() == 2
    assert User.history.filter(id=member.pk).exists()
