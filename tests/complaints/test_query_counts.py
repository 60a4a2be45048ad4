"""The complaint pages run the same number of queries with three times the cases, messages,
notes, attachments and reads (each page's bound holds at both sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services
from complaints.attachments import PreparedFile

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
# Measured 11, 21, 18 and 12 (the session, the user, the roles, the second-factor device, the
# page's own reads and the access log's insert), with a little room.
BOUNDS = {"list": 13, "case": 23, "print": 20, "statistics": 14}


def _build(size, new_case, chair, investigator):
    cases = []
    for n in range(size):
        case, _ = new_case(narrative=f"case {n}", files=[PreparedFile(PDF, "pdf", False)] * size)
        for m in range(size):
            services.committee_message_send(case=case, by=chair, body=f"message {m}")
            services.case_note_add(case=case, by=chair, body=f"note {m}")
            services.case_read_log(case=case, user=chair, what="case file")
        services.case_assign(case=case, by=chair, investigator=investigator)
        cases.append(case)
    return cases


def _count(session, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = session.get(url)
    assert response.status_code == 200
    return len(queries)


def _pages(session, case) -> dict:
    return {
        "list": _count(session, reverse("complaints:list")),
        "case": _count(session, reverse("complaints:case", args=[case.pk])),
        "print": _count(session, reverse("complaints:case_print", args=[case.pk])),
        "statistics": _count(session, reverse("complaints:statistics")),
    }


def test_queries_do_not_grow_with_the_data(new_case, chair, investigator, client_for):
    session = client_for(chair)
    small = _pages(session, _build(1, new_case, chair, investigator)[0])
    large = _pages(session, _build(3, new_case, chair, investigator)[-1])
    assert small == large, (small, large)
    assert all(small[page] <= bound for page, bound in BOUNDS.items()), small
