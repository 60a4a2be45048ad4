"""Real-browser tests: Playwright drives the system's Chromium against a live server.

Playwright cannot download its own browser here, so it launches Debian's (apt package chromium).
These tests never skip: a missing browser is a failure with the command that fixes it.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest
import time_machine

from tests.logins import authenticator_for, code_for

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# "Now" for the live server in every journey; the clock keeps ticking so sessions and waits work.
NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)
# Screenshots of each screen a journey passes through, when BROWSER_SHOTS names a folder.
SHOTS = os.environ.get("BROWSER_SHOTS", "")


@pytest.fixture
def frozen_today():
    with time_machine.travel(NOW, tick=True):
        yield


def shot(page, name: str) -> None:
    """Keep a full-page screenshot of this screen, if BROWSER_SHOTS asks for them."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Chromium is not installed: run `apt-get install -y chromium` (or set CHROMIUM_PATH).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    # A Content-Security-Policy violation or a missing asset shows up as a console error.
    assert not console_errors, f"browser console errors: {console_errors}"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pass_second_factor(page, user) -> None:
    """On the code step of the login: enter the code the user's authenticator shows now."""
    page.get_by_label("Code").fill(code_for(user))
    page.get_by_role("button", name="Verify").click()


@pytest.fixture
def log_in(live_server):
    """Password, then the code from the user's (test) authenticator, as a person logs in."""

    def do(page, user, password="correct horse battery"):
        authenticator_for(user)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        pass_second_factor(page, user)
        page.wait_for_url(f"{live_server.url}/")

    return do
