"""The secretary invites a director to the portal (issue 8): an account linked to the director,
an emailed single-use, expiring link to choose a password, then the second factor. An account
that already works is never taken over; staff and superuser accounts stay a superuser's."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse

from charter_portal.accounts.invitations import INVITATION_VALID_DAYS, invitation_tokens
from charter_portal.models import User
from committees.director_accounts import Invitation, director_invite
from deadlines.models import Reminder
from tests import factories as f

CHANGELIST = "admin:committees_director_changelist"
LINK = re.compile(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/[^/\s]+/)")
NEW_PASSWORD = "a long new passphrase 2026"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def dana(db):
    return f.DirectorFactory(full_name="Dana New", email="Dana.New@Example.test")


def invite(client, director, **extra):
    data = {"action": "invite_to_portal", "_selected_action": [director.pk], "index": 0}
    return client.post(reverse(CHANGELIST), data | extra, follow=True)


def invitation_mail():
    sent = [m for m in mail.outbox if m.subject == "You are invited to Charter Portal"]
    assert len(sent) == 1, [m.subject for m in mail.outbox]
    return sent[0]


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def page_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def accept(client, path, password=NEW_PASSWORD):
    """Open the link (it moves on to the set-password step) and choose a password."""
    opened = client.get(path)
    assert opened.status_code == 302, opened.content.decode()[:300]
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def test_the_secretary_invites_a_director_who_chooses_a_password_then_a_second_factor(
    dana, secretary, client_for, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(secretary), dana)
    assert any(
        "Invitation sent to Dana New at dana.new@example.test" in m for m in page_messages(response)
    )

    dana.refresh_from_db()
    user = dana.user
    assert user.email == "dana.new@example.test" and user.full_name == "Dana New"
    # A plain login: no password until the director chooses one, no staff status, no roles.
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    # The link change is recorded and told, as every account link is (issue 7).
    assert dana.history.order_by("-history_id").first().history_user == secretary
    assert any(m.subject == "Your Charter Portal account link was changed" for m in mail.outbox)

    message = invitation_mail()
    assert message.to == ["dana.new@example.test"]
    assert "until 22 June 2026" in message.body  # 15 June + 7 days, in the date style
    # The link is made when the email is sent and stored nowhere (not in the outbox).
    path = link_in(message)
    assert not Reminder.objects.filter(body__contains=path).exists()

    visitor = Client()
    done = accept(visitor, path)
    setup = reverse("two_factor:setup")
    assert done.status_code == 302 and done["Location"] == f"{setup}?next=%2F"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Logged in with the password only: every page sends her to set up the second factor.
    home = visitor.get("/")
    assert home.status_code == 302 and home["Location"].startswith(setup)
    assert visitor.get(setup).status_code == 200

    # The link worked once.
    again = Client().get(path, follow=True)
    assert "This invitation link no longer works" in again.content.decode()


def test_inviting_again_sends_a_new_link_and_the_old_one_stops_working(
    dana, secretary, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(secretary), dana)
    first = link_in(invitation_mail())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(secretary), dana)
    second = link_in(invitation_mail())
    assert first != second
    assert User.objects.filter(email="dana.new@example.test").count() == 1
    old = Client().get(first, follow=True)
    assert "This invitation link no longer works" in old.content.decode()
    assert accept(Client(), second).status_code == 302


def test_an_expired_link_gets_a_clear_page(
    dana, secretary, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(secretary), dana)
    path = link_in(invitation_mail())
    later = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC) + datetime.timedelta(
        days=INVITATION_VALID_DAYS, hours=1
    )
    with time_machine.travel(later, tick=False):
        page = Client().get(path, follow=True)
    body = page.content.decode()
    assert page.status_code == 200
    assert "This invitation link no longer works" in body
    assert "ask the corporate secretary" in body
    dana.refresh_from_db()
    assert not dana.user.has_usable_password()


def test_an_account_that_already_works_is_linked_never_taken_over(
    secretary, client_for, django_capture_on_commit_callbacks
):
    existing = f.UserFactory(email="erin@example.test", full_name="Erin Existing")
    erin = f.DirectorFactory(full_name="Erin Existing", email="ERIN@example.test")
    password = existing.password
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(secretary), erin)
    assert any("already has a working login" in m for m in page_messages(response))
    erin.refresh_from_db()
    existing.refresh_from_db()
    assert erin.user == existing and existing.password == password
    # Told of the link (issue 7); no set-password link was sent.
    assert [m.subject for m in mail.outbox] == ["Your Charter Portal account link was changed"]
    # Inviting a linked, working account again changes and sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert director_invite(director=erin, invited_by=secretary) == Invitation.ALREADY_ACTIVE
    assert mail.outbox == []


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True, "is_staff": True}])
def test_staff_and_superuser_accounts_stay_a_superusers(flags, secretary, client_for):
    admin_account = f.UserFactory(email="root@example.test", **flags)
    director = f.DirectorFactory(full_name="Rita Root", email="root@example.test")
    mail.outbox.clear()
    response = invite(client_for(secretary), director)
    assert any("is an administration account" in m for m in page_messages(response))
    director.refresh_from_db()
    admin_account.refresh_from_db()
    assert director.user is None and mail.outbox == []
    assert admin_account.has_usable_password()


def test_a_director_without_an_email_address_is_told_what_to_do(db, secretary, client_for):
    director = f.DirectorFactory(full_name="Nora Noemail", email="")
    response = invite(client_for(secretary), director)
    assert any(
        "Nora Noemail has no email address: record it on the director's page" in m
        for m in page_messages(response)
    )
    assert not User.objects.filter(full_name="Nora Noemail").exists()


def test_another_directors_login_is_never_reused(db, secretary, member, client_for):
    twin = f.DirectorFactory(full_name="Bob Twin", email=member.email)
    response = invite(client_for(secretary), twin)
    assert any("already the login of Bob Member" in m for m in page_messages(response))
    twin.refresh_from_db()
    assert twin.user is None


def test_the_button_on_the_directors_page_invites_and_comes_back(
    dana, secretary, client_for, django_capture_on_commit_callbacks
):
    client = client_for(secretary)
    change = reverse("admin:committees_director_change", args=[dana.pk])
    page = client.get(change).content.decode()
    assert "Invite to the portal" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, dana, _from_change="1")
    assert response.redirect_chain[-1][0] == change
    invitation_mail()


def test_the_secretary_still_cannot_change_accounts_or_grant_roles(
    db, secretary, client_for, member
):
    """Staff status, superuser status and groups stay a superuser's: the secretary sees the
    accounts, and changing or adding one is refused."""
    client = client_for(secretary)
    change = reverse("admin:charter_portal_user_change", args=[member.pk])
    refused = client.post(change, {"email": member.email, "is_staff": "on", "is_superuser": "on"})
    assert refused.status_code == 403
    assert client.get(reverse("admin:charter_portal_user_add")).status_code == 403
    member.refresh_from_db()
    assert not member.is_staff and not member.is_superuser


def test_an_invitation_link_and_a_password_reset_link_are_not_interchangeable(dana, secretary):
    director_invite(director=dana, invited_by=secretary)
    dana.refresh_from_db()
    user = dana.user
    assert invitation_tokens.check_token(user, invitation_tokens.make_token(user))
    assert not default_token_generator.check_token(user, invitation_tokens.make_token(user))
    assert not invitation_tokens.check_token(user, default_token_generator.make_token(user))
    # Once the password is chosen no invitation link works.
    token = invitation_tokens.make_token(user)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert not invitation_tokens.check_token(user, token)


def test_a_member_without_the_secretary_role_cannot_invite(dana, member, client_for):
    response = client_for(member).post(
        reverse(CHANGELIST),
        {"action": "invite_to_portal", "_selected_action": [dana.pk], "index": 0},
    )
    assert response.status_code in (302, 403)
    dana.refresh_from_db()
    assert dana.user is None
