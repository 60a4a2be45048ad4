"""The case list pages and a case shows its latest messages and notes only (issue 13): their size
does not follow the number of cases or the length of a case."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import selectors, services

pytestmark = pytest.mark.django_db


def test_the_case_list_pages_awaiting_acknowledgement_first(
    new_case, chair, client_for, monkeypatch
):
    monkeypatch.setattr(selectors, "CASES_PER_PAGE", 2)
    cases = [new_case(narrative=f"case {n}")[0] for n in range(5)]
    for n, case in enumerate(cases):  # received a day apart, the first the oldest
        case.received_at = timezone.now() - datetime.timedelta(days=5 - n)
        case.save(update_fields=["received_at"])
    for case in cases[:2]:  # the two oldest are acknowledged
        case.acknowledged_at = timezone.now()
        case.save(update_fields=["acknowledged_at"])
    client = client_for(chair)
    shown = []
    for page in (1, 2, 3):
        response = client.get(reverse("complaints:list"), {"page": page})
        assert response.status_code == 200
        shown += [row.case.pk for row in response.context["cases"]]
    # Awaiting acknowledgement, the first to fall due (the oldest) first; then the rest, newest
    # first; each case once.
    assert shown == [cases[2].pk, cases[3].pk, cases[4].pk, cases[1].pk, cases[0].pk]
    assert "Page 1 of 3" in client.get(reverse("complaints:list")).content.decode()


def test_a_case_shows_its_latest_messages_and_notes(new_case, chair, client_for, monkeypatch):
    monkeypatch.setattr(selectors, "SHOWN", 3)
    case, _ = new_case()
    for n in range(5):
        services.committee_message_send(case=case, by=chair, body=f"message number {n}")
        services.case_note_add(case=case, by=chair, body=f"note number {n}")
    response = client_for(chair).get(reverse("complaints:case", args=[case.pk]))
    page = response.context["page"]
    bodies = [message.body for message in page.messages]
    assert bodies[-3:] == ["message number 2", "message number 3", "message number 4"]
    assert len(bodies) == 3 and page.earlier_messages
    assert [note.body for note in page.notes] == [f"note number {n}" for n in (2, 3, 4)]
    html = response.content.decode()
    assert "The latest 3 messages are shown" in html and "message number 1" not in html
