"""The login page in the portal's style: a refused login is announced once, as an alert a screen
reader reads out."""

import pytest
from django.test import Client

from tests.logins import post_password


@pytest.mark.django_db
def test_a_refused_login_is_announced_once_as_an_alert(member):
    response = post_password(Client(), member.email, "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Please enter a correct email address and password") == 1
    alert = html[html.index('role="alert"') :]
    assert alert.index("Please enter a correct email address") < alert.index("</div>")
