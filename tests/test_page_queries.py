"""Every page of the portal, for every role that opens it, does a bounded number of queries
(at most PAGE_QUERIES) whatever the data size: the walk of tests/security/test_every_url.py,
counted on the rich portal and again after tests/growth.py added more of everything. A page
whose count changes between the two reads something per row; one over the bound reads too much.
The first request of each page warms it (the stored evaluation is refreshed on the first read
after a change, as in use it is after the writer's commit); the second is counted."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ROLES
from tests.growth import grow
from tests.security import portal_data as data
from tests.security.test_every_url import _client, concrete_urls

on_today = data.on_today
portal = data.portal

PAGE_QUERIES = 15

# Pages over the bound, each with its own bound and the reason; their counts must still not grow
# with the data.
OVER_BOUND: dict[str, tuple[int, str]] = {
    # One query per table of recorded facts the questionnaire's sections prefill from, and the
    # board's four findings in force.
    "committees:dq_questionnaire": (19, "one read per fact table"),
    # The effect preview loads the director's facts, applies the answer in a savepoint that is
    # rolled back, and loads them again: twice the facts loader.
    "committees:dq_answer": (46, "the preview evaluates before and after the answer"),
}


def _counts(rich, client_for, client) -> dict[tuple[str, str], tuple[str, int]]:
    counts = {}
    for role in ROLES:
        if rich.users[role] is None:
            continue
        session = _client(client_for, client, rich, role)
        for name, url in concrete_urls(rich):
            if name in {"logout", "password_reset_confirm", "invitation_accept"}:
                continue  # they end or spend what the walk logs in with
            if session.get(url).status_code != 200:
                continue
            with CaptureQueriesContext(connection) as queries:
                response = session.get(url)
            if response.status_code == 200:
                counts[(role, url)] = (name, len(queries))
    return counts


def test_every_page_does_a_bounded_number_of_queries_at_two_sizes(portal, client_for, client):
    small = _counts(portal, client_for, client)
    grow(portal, 3)
    large = _counts(portal, client_for, client)
    problems = []
    for key, (name, count) in sorted(small.items()):
        role, url = key
        bound = OVER_BOUND.get(name, (PAGE_QUERIES, ""))[0]
        grown = large.get(key, (name, None))[1]
        if grown is None:
            problems.append(f"{role} {url}: answered 200 before the data grew, not after")
        elif count > bound or grown > bound:
            problems.append(f"{role} {url}: {count} then {grown} queries (bound {bound})")
        elif count != grown:
            problems.append(f"{role} {url}: {count} queries, {grown} with more data")
    assert problems == [], "\n".join(problems)
