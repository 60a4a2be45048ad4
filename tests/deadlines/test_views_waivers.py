"""The occurrence page's waiver forms: the waive form only for whoever may waive a waivable
requirement (with the last day for a continuous one), a plain note on a listing or SEC one, a
revoke form on a waiver in force; every refusal says why and saves nothing (issue 6 section 3)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from deadlines.cadences import Continuous, FiscalQuarter
from deadlines.models import Waiver
from deadlines.registry import Evaluation, Requirement, registry
from deadlines.services import waiver_grant
from deadlines.status import Kind, Status
from tests.deadlines import views_data
from tests.deadlines.support import occurrence, requirement, run
from tests.deadlines.test_views_feed import _events, _make_address
from tests.deadlines.views_data import TODAY

on_today = views_data.on_today
year = views_data.year

D = datetime.date
WAIVE_BUTTON = "Waive this requirement"
REVOKE_BUTTON = "Revoke the waiver"
NOTE = "Listing standards and SEC rules cannot be waived"
EXPERTISE = "tests.financial_expertise"


def _url(record):
    return reverse("deadlines:occurrence", args=[record.pk])


@pytest.fixture
def exchange_duty(year, done):
    """An SEC rule's quarterly duty, open and due soon (Q2, due 30 June)."""
    requirement("tests.exchange_duty", FiscalQuarter(), done, kind=Kind.SEC, rule="SEC Rule X")
    run(TODAY)
    return occurrence("tests.exchange_duty", D(2026, 4, 1))


@pytest.fixture
def continuous(year):
    """A continuous charter duty failing since today."""
    registry.register(
        Requirement(
            key=EXPERTISE,
            title="Financial management expertise",
            kind=Kind.CHARTER,
            rule="Charter: Membership",
            cadence=Continuous(),
            evaluator=lambda committee, period, as_of: Evaluation(Status.FAILING, detail="None."),
        )
    )
    run(TODAY)
    return occurrence(EXPERTISE, D(2026, 1, 1))


@pytest.fixture
def waived(year, chair):
    return waiver_grant(occurrence=year["q1"], user=chair, reason="Joint review.", as_of=TODAY)


@pytest.mark.parametrize("who", ["chair", "secretary", "member"])
def test_a_listing_or_sec_requirement_shows_a_note_and_no_waive_form(
    exchange_duty, request, client_for, who
):
    html = client_for(request.getfixturevalue(who)).get(_url(exchange_duty)).content.decode()
    assert "This requirement is an SEC rule, which cannot be waived." in html
    assert NOTE in html
    assert WAIVE_BUTTON not in html


def test_waiving_an_sec_requirement_is_refused_with_a_message(exchange_duty, client_for, chair):
    response = client_for(chair).post(_url(exchange_duty), {"reason": "Board says"}, follow=True)
    assert "This requirement is an SEC rule, which cannot be waived." in response.content.decode()
    assert not Waiver.objects.exists()
    exchange_duty.refresh_from_db()
    assert (exchange_duty.status, exchange_duty.is_open) == (Status.DUE_SOON, True)


def test_a_continuous_duty_asks_for_the_last_day(continuous, client_for, chair):
    client = client_for(chair)
    html = client.get(_url(continuous)).content.decode()
    assert "Waived until (the last day)" in html and 'type="date"' in html
    response = client.post(_url(continuous), {"reason": "New member in July."})
    assert response.status_code == 200
    assert "Give the last day of the waiver" in response.content.decode()
    response = client.post(_url(continuous), {"reason": "New member.", "until": "2027-01-01"})
    assert "must end within this record&#x27;s period" in response.content.decode()
    assert not Waiver.objects.exists()
    response = client.post(_url(continuous), {"reason": "New member.", "until": "2026-07-31"})
    assert response.status_code == 302
    html = client.get(_url(continuous)).content.decode()
    assert "Waived by Alice Chair on 15 June 2026 until 31 July 2026" in html
    assert REVOKE_BUTTON in html and WAIVE_BUTTON not in html
    continuous.refresh_from_db()
    assert (continuous.status, continuous.is_open) == (Status.WAIVED, True)


def test_a_periodic_waive_form_has_no_end_date(year, client_for, chair):
    html = client_for(chair).get(_url(year["q1"])).content.decode()
    assert WAIVE_BUTTON in html and "Waived until" not in html


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_chair_or_secretary_revokes_with_a_reason(waived, year, request, client_for, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert REVOKE_BUTTON in client.get(_url(year["q1"])).content.decode()
    response = client.post(
        _url(year["q1"]), {"action": "revoke", "revoke_reason": "The joint review fell through."}
    )
    assert response.status_code == 302
    html = client.get(_url(year["q1"])).content.decode()
    assert "Waiver revoked. The requirement was checked again at once." in html
    assert f"Revoked by {user.get_full_name()} on 15 June 2026" in html
    assert "The joint review fell through." in html and "Joint review." in html
    assert WAIVE_BUTTON in html  # open again, so it may be waived anew
    year["q1"].refresh_from_db()
    assert (year["q1"].status, year["q1"].is_open) == (Status.OVERDUE, True)


@pytest.mark.parametrize("who", ["member", "board_reader"])
def test_a_revocation_by_someone_who_may_not_is_refused_plainly(
    waived, year, request, client_for, who
):
    client = client_for(request.getfixturevalue(who))
    assert REVOKE_BUTTON not in client.get(_url(year["q1"])).content.decode()
    response = client.post(_url(year["q1"]), {"action": "revoke", "revoke_reason": "No."})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only the committee&#x27;s chair or the corporate secretary can revoke a waiver." in html
    waived.refresh_from_db()
    assert waived.revoked_at is None


@pytest.mark.parametrize("reason", ["", "a\x00b", "x" * 5001])
def test_a_revocation_without_a_reason_that_can_be_kept_saves_nothing(
    waived, year, client_for, chair, reason
):
    response = client_for(chair).post(
        _url(year["q1"]), {"action": "revoke", "revoke_reason": reason}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert any(
        words in html
        for words in (
            "Give the reason for revoking the waiver",
            "cannot be stored",
            "Keep the reason under 5000 characters",
        )
    )
    waived.refresh_from_db()
    assert waived.revoked_at is None


def test_revoking_when_nothing_is_waived_says_so(year, client_for, chair):
    response = client_for(chair).post(
        _url(year["q1"]), {"action": "revoke", "revoke_reason": "x"}, follow=True
    )
    assert "There is no waiver in force to revoke." in response.content.decode()


def test_a_continuous_waiver_reads_the_same_on_the_calendar_and_the_report(
    continuous, client_for, chair, member
):
    waiver_grant(
        occurrence=continuous,
        user=chair,
        reason="New member joins in July.",
        as_of=TODAY,
        until=D(2026, 7, 31),
    )
    words = "Waived by Alice Chair on 15 June 2026 until 31 July 2026"
    client = client_for(member)
    calendar = client.get(reverse("deadlines:calendar")).content.decode()
    report = client.get(reverse("deadlines:report")).content.decode()
    for html in (calendar, report):
        assert words in html and "New member joins in July." in html
    csv_text = client.get(reverse("deadlines:report"), {"format": "csv"}).content.decode()
    assert "2026-07-31,New member joins in July." in csv_text


def test_the_feed_tells_of_a_continuous_waiver_that_has_ended(
    continuous, client_for, chair, member
):
    """While waived the duty has no deadline, so the feed leaves it out; from the day after the
    waiver it is due again, and its event says which waiver ran until when, and why."""
    waiver_grant(
        occurrence=continuous, user=chair, reason="Interim expert.", as_of=TODAY, until=TODAY
    )
    client = client_for(member)
    token = _make_address(client)
    summaries = [str(event["summary"]) for event in _events(client, token)]
    assert summaries and not [summary for summary in summaries if "expertise" in summary]
    next_day = datetime.datetime(2026, 6, 16, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(next_day, tick=False):
        run(D(2026, 6, 16))
        (event,) = [
            event for event in _events(client, token) if "expertise" in str(event["summary"])
        ]
    assert str(event["summary"]) == "Due: Financial management expertise (Audit Committee)"
    description = str(event["description"])
    assert "Status: failing" in description
    assert "Waived by Alice Chair on 15 June 2026 until 15 June 2026" in description
    assert "Interim expert." not in description


def test_a_waiver_of_an_sec_rule_granted_before_the_rule_can_still_be_revoked(
    exchange_duty, client_for, chair
):
    """Waivers recorded before only charter duties could be waived stay on the record; the chair
    can revoke one, and the duty is judged again at once."""
    Waiver.objects.create(
        occurrence=exchange_duty, granted_by=chair, reason="Old waiver", granted_on=TODAY
    )
    exchange_duty.status, exchange_duty.is_open = Status.WAIVED, False
    exchange_duty.save(update_fields=["status", "is_open"])
    client = client_for(chair)
    html = client.get(_url(exchange_duty)).content.decode()
    assert REVOKE_BUTTON in html and NOTE in html and WAIVE_BUTTON not in html
    response = client.post(
        _url(exchange_duty), {"action": "revoke", "revoke_reason": "An SEC rule cannot be waived."}
    )
    assert response.status_code == 302
    exchange_duty.refresh_from_db()
    assert (exchange_duty.status, exchange_duty.is_open) == (Status.DUE_SOON, True)
