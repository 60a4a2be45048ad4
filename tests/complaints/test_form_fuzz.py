"""security target 9 for the complaint forms: the public report and reply, and the case page's
message, note and status forms, fuzzed with generated values (NUL bytes, invalid UTF-8, 100 kB
values, CR/LF). No server error; a refusal shows its message and saves nothing."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.security import portal_data as data
from tests.security.portal_data import changed_counts, row_counts
from tests.security.test_form_fuzz import FUZZ, form_data, post, rolled_back, shown_refusals

on_today = data.on_today
portal = data.portal

REPORT = {
    "form_token": "f" * 43,
    "category": "accounting",
    "narrative": "Invoices were split to stay under the limit.",
    "when_where": "March, head office",
    "people_involved": "",
    "contact": "",
    "lang": "en",  # refusals are compared in English (the Spanish ones: test_public.py)
}
SAVES = {
    "complaints.Case",
    "complaints.HistoricalCase",
    "complaints.CaseExclusion",
    "deadlines.Reminder",
    "deadlines.Reminder_recipients",
}


def _refused_plainly(response, changed, form_key="form"):
    assert changed == {}, f"refused, yet saved {changed}"
    form = response.context.get(form_key) if response.context else None
    assert shown_refusals(response, form=form), "refused without a message"


@pytest.fixture
def anonymous(client):
    return client


@FUZZ
@given(example=form_data(REPORT))
def test_the_public_report_form(portal, anonymous, example):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(anonymous, reverse("report:form"), fields, raw)
        changed = changed_counts(before, row_counts())
        assert response.status_code in (201, 400, 429)
        if response.status_code == 201:
            assert set(changed) <= SAVES, f"wrote {changed}"
        else:
            _refused_plainly(response, changed)


@pytest.fixture
def receipt(portal):
    from complaints import services

    case, receipt, _ = services.case_submit(
        policy=portal.case.committee.complaints_policy,
        category="other",
        narrative="For the fuzzed reply",
        form_token="r" * 43,
    )
    return receipt


@FUZZ
@given(
    example=form_data(
        {"action": "reply", "form_token": "g" * 43, "body": "More detail.", "retaliation": "on"}
    )
)
def test_the_public_reply_form(portal, anonymous, receipt, example):
    fields, raw = example
    fields = {**fields, "receipt": receipt}
    with rolled_back():
        before = row_counts()
        response = post(anonymous, reverse("report:follow_up"), fields, raw)
        changed = changed_counts(before, row_counts())
        assert response.status_code in (200, 400, 429)
        if response.status_code == 400:
            form_key = "reply" if response.context.get("reply") is not None else "form"
            _refused_plainly(response, changed, form_key)
        else:
            assert set(changed) <= {
                "complaints.Case",
                "complaints.HistoricalCase",
                "complaints.CaseMessage",
                "deadlines.Reminder",
                "deadlines.Reminder_recipients",
            }, f"wrote {changed}"


@FUZZ
@given(example=form_data({"receipt": "12345 12345 12345 12345 12345", "action": "open"}))
def test_the_receipt_form(portal, anonymous, example):
    fields, raw = example
    with rolled_back():
        before = row_counts()
        response = post(anonymous, reverse("report:follow_up"), fields, raw)
        assert response.status_code in (400, 429)
        assert changed_counts(before, row_counts()) == {}


@FUZZ
@given(
    example=form_data({"body": "A message.", "status": "acknowledged", "resolution": ""}),
    action=st.sampled_from(["message", "note", "status"]),
)
def test_the_case_page_forms(portal, client_for, example, action):
    fields, raw = example
    session = client_for(portal.users["chair"])
    url = reverse("complaints:case_action", args=[portal.case.pk, action])
    with rolled_back():
        before = row_counts()
        response = post(session, url, fields, raw)
        changed = changed_counts(before, row_counts())
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            _refused_plainly(response, changed, f"{action}_form")
