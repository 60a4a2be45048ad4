"""security target 9 for the engagement tools: each form fuzzed with generated input (NUL bytes,
invalid UTF-8, huge values, CR/LF, numbers and dates out of range). Every answer is a page or a
redirect, never a server error; a refusal shows its message and saves nothing; an accepted form
writes only the auditor's records. Each example runs in a savepoint that is rolled back."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.auditors.support import engagement, firm
from tests.meetings.support import hold
from tests.security.portal_data import changed_counts, row_counts
from tests.security.test_form_fuzz import FUZZ, check_post, encode, form_data, rolled_back

D = datetime.date
pytestmark = pytest.mark.django_db
AUDITOR_MODELS = {model._meta.label for model in apps.get_app_config("auditors").get_models()}

# name -> (fiscal year, a valid POST); the meeting is filled in from the fixture.
TOOLS = {
    "engagement_propose": (2027, {"firm": "FIRM", "audit_fee": "2400000.00"}),
    "engagement_approve": (2026, {"meeting": "MEETING", "audit_fee": "2500000.00"}),
    "engagement_ratify": (
        2026,
        {
            "ratified_on": "2026-05-20",
            "votes_for": "100",
            "votes_against": "5",
            "votes_abstaining": "1",
        },
    ),
    "engagement_activate": (2026, {"procedures_begin_on": "2026-09-01"}),
    "engagement_complete": (2026, {"report_issued_on": "2027-02-25"}),
    "engagement_terminate": (
        2026,
        {"terminated_on": "2026-10-01", "termination_reason": "The firm resigned."},
    ),
    "communication_record": (
        2026,
        {
            "kind": "independence",
            "received_on": "2026-05-01",
            "states_independent": "yes",
            "discussed_at": "MEETING",
            "discussion": "Discussed.",
        },
    ),
    "as1301_record": (
        2026,
        {
            "topic": "strategy",
            "communicated_on": "2026-11-10",
            "form": "oral",
            "meeting": "MEETING",
        },
    ),
    "statements_review": (2026, {"meeting": "MEETING", "recommends_inclusion": "on"}),
    "report_sign": (2026, {"dated": "2027-03-01"}),
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2027, 3, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def setting(committee, chair, client_for):
    """The 2026 engagement under way, a meeting held on 10 November 2026, the chair logged in."""
    engagement(committee, 2026, procedures_begin_on=None, status="approved")
    meeting = hold(committee, D(2026, 11, 10))
    return committee, meeting, client_for(chair)


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_each_engagement_form_survives_hostile_input(setting, tool):
    committee, meeting, client = setting
    year, valid = TOOLS[tool]
    filled = {
        name: {"MEETING": str(meeting.pk), "FIRM": str(firm().pk)}.get(value, value)
        for name, value in valid.items()
    }
    url = reverse(f"auditors:{tool}", args=[committee.slug, year])

    @FUZZ
    @given(example=form_data(filled), raw=st.booleans())
    def run(example, raw):
        fields, _ = example
        with rolled_back():
            before = row_counts()
            response = client.post(
                url, encode(fields, raw), content_type="application/x-www-form-urlencoded"
            )
            changed = changed_counts(before, row_counts())
            check_post(response, changed, AUDITOR_MODELS)

    run()
