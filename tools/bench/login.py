"""Logging in over HTTP as a person does: the login page, the password step of the two-step
form (django-two-factor-auth's wizard), then the code step; the session cookie it ends with
is what the load sends."""

import http.client
import re
import urllib.parse
from collections.abc import Callable
from http.cookies import SimpleCookie

LOGIN_PATH = "/accounts/login/"
STEP_FIELD = "login_view-current_step"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginFailed(Exception):
    pass


def csrf_token(html: str) -> str:
    """The form's CSRF token, from its hidden input."""
    match = CSRF_INPUT.search(html)
    if match is None:
        raise LoginFailed("The login page has no CSRF token.")
    return match.group(1)


def update_cookies(jar: dict, set_cookie_headers) -> dict:
    """Keep each cookie the server sets; drop those it expires (an empty value or max-age 0)."""
    for header in set_cookie_headers:
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                jar.pop(name, None)
            else:
                jar[name] = morsel.value
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in sorted(jar.items()))


class Browser:
    """Just enough of a browser: one host, a cookie jar, no redirects followed."""

    def __init__(self, host: str, port: int, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = cookie_header(self.cookies)
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        update_cookies(self.cookies, response.msg.get_all("Set-Cookie") or [])
        return response.status, response.getheader("Location", ""), content


def log_in(browser: Browser, email: str, password: str, code: Callable[[], str]) -> dict:
    """Both steps of the login form; ``code`` is asked for the authenticator's code only when
    the password step has passed. Returns the cookie jar of the verified session."""
    status, _, page = browser.request("GET", LOGIN_PATH)
    if status != 200:
        raise LoginFailed(f"GET {LOGIN_PATH}: HTTP {status}")
    token = csrf_token(page)
    status, _, page = browser.request(
        "POST",
        LOGIN_PATH,
        {
            "csrfmiddlewaretoken": token,
            STEP_FIELD: "auth",
            "auth-username": email,
            "auth-password": password,
        },
    )
    if status != 200 or 'name="token-otp_token"' not in page:
        raise LoginFailed(f"{email}: the password step did not lead to the code (HTTP {status}).")
    status, location, _ = browser.request(
        "POST",
        LOGIN_PATH,
        {"csrfmiddlewaretoken": csrf_token(page), STEP_FIELD: "token", "token-otp_token": code()},
    )
    if status != 302 or location.startswith(LOGIN_PATH):
        raise LoginFailed(f"{email}: the code was refused (HTTP {status}).")
    status, location, _ = browser.request("GET", "/")
    if status != 200:
        raise LoginFailed(f"{email}: the dashboard after login answered HTTP {status} {location}")
    return dict(browser.cookies)
