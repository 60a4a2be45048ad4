"""No dead ends, on a phone and on a desktop (issue 8):

- every page of the portal that a role opens (the URL walk of tests/security/test_every_url.py,
  with real object ids) reads at 390 px without sideways scrolling;
- each role follows every link on its dashboard and never meets a 403 or a 404.

The rich portal of tests/security/portal_data.py is the data: an overdue charter review, a cure
period, an open and a closed self-evaluation, an advisor, a waiver.
"""

from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import shot
from tests.logins import verified_login
from tests.security import portal_data as data
from tests.security.test_every_url import OPENS, concrete_urls

on_today = data.on_today
portal = data.portal

PHONE = {"width": 390, "height": 844}
ROLES = ("secretary", "chair", "member", "board_reader", "investigator")

# Pages whose layout another helper of issue 8 ("pages8") is rebuilding for phones: the evidence
# report (stacked rows), the compliance calendar and the duties pages. Listed here, not skipped,
# so the rest of the portal is held to the rule now; remove an entry once its page fits.
# (Empty when every page fits; keep the mechanism until the merge.)
OWNED_BY_PAGES8: set[str] = set()


def _enter(page, live_server, user) -> None:
    """A verified session (password and second factor passed) handed to the browser."""
    client = verified_login(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    host = urlsplit(live_server.url).hostname
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}]
    )


def _html_pages(portal, role) -> list[str]:
    """Each URL of the walk the role may open, once per page (CSV and calendar files aside)."""
    urls = []
    for name, url in concrete_urls(portal):
        if role not in OPENS.get(name, set()) or "format=csv" in url:
            continue
        if name in {"deadlines:feed_ics", "files:download", "healthz", "logout"}:
            continue
        urls.append(url)
    return urls


def _overflow(page) -> int:
    """How far the page runs past the window's right edge, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_at_390_px_without_sideways_scrolling(
    role, page, live_server, transactional_db, portal
):
    user = portal.users[role]
    _enter(page, live_server, user)
    page.set_viewport_size(PHONE)
    problems, checked = [], 0
    for url in _html_pages(portal, role):
        # Asked first without rendering: only the pages the role opens are loaded (another
        # committee's 404, a redirect elsewhere are someone else's page, checked in its turn).
        answer = page.context.request.get(live_server.url + url, max_redirects=0)
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue
        page.goto(live_server.url + url)
        checked += 1
        over = _overflow(page)
        if over > 0 and urlsplit(url).path not in OWNED_BY_PAGES8:
            shot(page, f"overflow-{role}-{urlsplit(url).path.strip('/').replace('/', '-')}")
            problems.append(f"{url}: {over} px too wide at 390 px")
    assert checked >= 5, f"{role} opened only {checked} pages"
    assert problems == [], "\n".join(problems)


def _links(page, base: str) -> list[str]:
    """Every link on the page that stays on the portal (in the navigation too)."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urljoin(base + "/", href)
        if url.startswith(base) and url not in links:
            links.append(url)
    return links


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_each_role_follows_every_link_on_its_dashboard_without_a_dead_end(
    role, page, live_server, transactional_db, portal
):
    """A link is shown only to someone who may follow it: the annual charter review, "Where it
    is done", the next steps' names and administration pages, the navigation."""
    _enter(page, live_server, portal.users[role])
    page.goto(live_server.url + "/")
    shot(page, f"dashboard-{role}")
    links = _links(page, live_server.url)
    assert len(links) >= 3
    dead = []
    for url in links:
        status = page.context.request.get(url, max_redirects=5).status
        if status in (403, 404):
            dead.append(f"{url}: {status}")
    assert dead == [], f"{role} meets dead ends:\n" + "\n".join(dead)
