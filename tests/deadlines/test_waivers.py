"""A waiver needs a charter-kind requirement, the committee's chair or the corporate secretary, and
a reason; it closes a periodic occurrence, stops its reminders, and stays on the record."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from deadlines.cadences import FiscalQuarter, RollingMonths
from deadlines.models import Occurrence, Reminder, Waiver
from deadlines.registry import registry
from deadlines.services import waiver_grant
from deadlines.status import Kind, Status
from tests.deadlines.support import occurrence, requirement, run

D = datetime.date
KEY = "tests.quarterly_review"
Q1 = D(2026, 1, 1)


@pytest.fixture
def open_quarter(domain, done, settings):
    settings.EMAIL_BACKEND = "tests.deadlines.test_reminders.MailServerDown"
    requirement(KEY, FiscalQuarter(), done)
    run(D(2026, 3, 1))  # the 30-day reminder is claimed but the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return occurrence(KEY, Q1)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_waiver_needs_a_reason(open_quarter, chair, reason):
    with pytest.raises(ValidationError) as error:
        waiver_grant(occurrence=open_quarter, user=chair, reason=reason, as_of=D(2026, 3, 2))
    assert error.value.message_dict == {
        "reason": ["Give the reason for the waiver; every report shows it."]
    }
    assert not Waiver.objects.exists()
    assert occurrence(KEY, Q1).status == Status.DUE_SOON


def test_a_reason_that_cannot_be_stored_is_refused_plainly(open_quarter, chair):
    with pytest.raises(ValidationError, match="cannot be stored"):
        waiver_grant(occurrence=open_quarter, user=chair, reason="a\x00b", as_of=D(2026, 3, 2))
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("who", ["member", "other_member", "outsider", "board_reader"])
def test_only_the_chair_or_the_secretary_may_waive(open_quarter, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="chair or the corporate secretary"):
        waiver_grant(
            occurrence=open_quarter, user=user, reason="Board decision", as_of=D(2026, 3, 2)
        )
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_chair_or_secretary_waives_and_the_reminders_stop(open_quarter, request, who):
    user = request.getfixturevalue(who)
    waiver = waiver_grant(
        occurrence=open_quarter,
        user=user,
        reason="Meeting moved into Q2 by board resolution 2026-07.",
        as_of=D(2026, 3, 2),
    )
    waived = occurrence(KEY, Q1)
    assert (waived.status, waived.is_open, waived.active_waiver) == (Status.WAIVED, False, waiver)
    assert waiver.granted_by == user and waiver.granted_on == D(2026, 3, 2)
    assert Reminder.objects.get().cancel_reason == "The requirement was waived."
    assert waived.history.first().status == Status.WAIVED
    for day in (D(2026, 3, 24), D(2026, 4, 14)):
        run(day)
    assert mail.outbox == [] and Reminder.objects.count() == 1
    assert occurrence(KEY, Q1).status == Status.WAIVED


def test_a_closed_occurrence_cannot_be_waived(open_quarter, chair, done):
    done.record(KEY, Q1, D(2026, 3, 5))
    run(D(2026, 3, 5))
    with pytest.raises(ValidationError, match="already met"):
        waiver_grant(occurrence=open_quarter, user=chair, reason="Late", as_of=D(2026, 3, 6))


def test_without_a_permission_hook_nobody_may_waive(open_quarter, secretary):
    registry._can_waive = None
    with pytest.raises(PermissionDenied):
        waiver_grant(occurrence=open_quarter, user=secretary, reason="x", as_of=D(2026, 3, 2))


def test_a_waived_rolling_period_counts_the_next_from_its_due_date(domain, done, chair):
    requirement(
        "tests.independence_letter", RollingMonths(12), done, last_met=lambda c, d: D(2025, 4, 30)
    )
    run(D(2026, 1, 1))
    letter = occurrence("tests.independence_letter", D(2025, 5, 1))
    waiver_grant(occurrence=letter, user=chair, reason="Auditor replaced", as_of=D(2026, 2, 1))
    run(D(2026, 4, 30))
    # Nothing opens before the waived period would have ended.
    assert Occurrence.objects.filter(requirement_key="tests.independence_letter").count() == 1
    run(D(2026, 5, 1))
    following = occurrence("tests.independence_letter", D(2026, 5, 1))
    assert (following.due_date, following.status) == (D(2027, 4, 30), Status.DUE)


# Only the company's own charter can be relaxed (DESIGN, "Only charter-kind requirements can be
# waived"; issue 6 section 3): a listing standard or an SEC rule never.


def test_a_requirement_is_waivable_by_its_kind_unless_it_declares_otherwise(done):
    charter = requirement("tests.charter_duty", FiscalQuarter(), done)
    listing = requirement("tests.listing_duty", FiscalQuarter(), done, kind=Kind.LISTING)
    sec = requirement("tests.sec_duty", FiscalQuarter(), done, kind=Kind.SEC)
    fixed = requirement("tests.fixed_duty", FiscalQuarter(), done, waivable=False)
    assert (charter.is_waivable, listing.is_waivable, sec.is_waivable) == (True, False, False)
    assert fixed.is_waivable is False


@pytest.mark.parametrize(
    ("kind", "words"), [(Kind.LISTING, "a Nasdaq listing standard"), (Kind.SEC, "an SEC rule")]
)
def test_a_listing_or_sec_requirement_cannot_be_declared_waivable(done, kind, words):
    with pytest.raises(ValueError, match=f"{words} cannot be waived"):
        requirement("tests.declared", FiscalQuarter(), done, kind=kind, waivable=True)
    assert "tests.declared" not in registry


@pytest.mark.parametrize(
    ("kind", "words"), [(Kind.LISTING, "a Nasdaq listing standard"), (Kind.SEC, "an SEC rule")]
)
def test_a_listing_or_sec_requirement_is_never_waived_and_nothing_is_saved(
    domain, done, secretary, kind, words
):
    requirement("tests.exchange_duty", FiscalQuarter(), done, kind=kind)
    run(D(2026, 3, 1))
    duty = occurrence("tests.exchange_duty", Q1)
    before = (duty.status, duty.is_open, duty.history.count(), Reminder.objects.pending().count())
    with pytest.raises(ValidationError) as error:
        waiver_grant(occurrence=duty, user=secretary, reason="Board says so", as_of=D(2026, 3, 2))
    assert error.value.messages == [f"This requirement is {words}, which cannot be waived."]
    duty.refresh_from_db()
    after = (duty.status, duty.is_open, duty.history.count(), Reminder.objects.pending().count())
    assert after == before and not Waiver.objects.exists()


def test_a_charter_requirement_declared_not_waivable_is_refused(domain, done, chair):
    requirement("tests.fixed_duty", FiscalQuarter(), done, waivable=False)
    run(D(2026, 3, 1))
    with pytest.raises(ValidationError, match="declared as one that cannot be waived"):
        waiver_grant(
            occurrence=occurrence("tests.fixed_duty", Q1),
            user=chair,
            reason="x",
            as_of=D(2026, 3, 2),
        )
    assert not Waiver.objects.exists()


def test_a_reason_of_5000_characters_is_kept_and_5001_refused(open_quarter, chair):
    """The boundary of MAX_REASON_LENGTH, one character either side."""
    with pytest.raises(ValidationError, match="under 5000 characters"):
        waiver_grant(occurrence=open_quarter, user=chair, reason="x" * 5001, as_of=D(2026, 3, 2))
    assert not Waiver.objects.exists()
    waiver = waiver_grant(
        occurrence=open_quarter, user=chair, reason="x" * 5000, as_of=D(2026, 3, 2)
    )
    assert len(waiver.reason) == 5000


def test_a_periodic_waiver_takes_no_end_date(open_quarter, chair):
    """A waiver covers one occurrence of a periodic requirement: there is nothing to end."""
    with pytest.raises(ValidationError) as error:
        waiver_grant(
            occurrence=open_quarter,
            user=chair,
            reason="x",
            as_of=D(2026, 3, 2),
            until=D(2026, 3, 9),
        )
    assert "leave the end date empty" in error.value.message_dict["until"][0]
    assert not Waiver.objects.exists()


def test_the_database_keeps_one_unrevoked_waiver_per_occurrence(open_quarter, chair):
    waiver = waiver_grant(occurrence=open_quarter, user=chair, reason="x", as_of=D(2026, 3, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Waiver.objects.create(
            occurrence=waiver.occurrence, granted_by=chair, reason="again", granted_on=D(2026, 3, 3)
        )
    assert Waiver.objects.count() == 1


def test_a_waiver_covers_from_its_grant_through_its_end_and_not_from_its_revocation(chair):
    waiver = Waiver(granted_on=D(2026, 3, 2), until=D(2026, 3, 31))
    assert [waiver.covers(day) for day in (D(2026, 3, 1), D(2026, 3, 2))] == [False, True]
    assert [waiver.covers(day) for day in (D(2026, 3, 31), D(2026, 4, 1))] == [True, False]
    waiver.revoked_on = D(2026, 3, 10)
    assert [waiver.covers(day) for day in (D(2026, 3, 9), D(2026, 3, 10))] == [True, False]
    assert Waiver(granted_on=D(2026, 3, 2)).covers(D(2027, 1, 1))  # one period, no end


def test_where_the_rule_depends_on_the_committee_only_a_charter_citation_may_be_waived(
    domain, done, chair
):
    """A nominating committee's size is its charter's rule, an audit committee's Nasdaq
    5605(c)(2)(A): the same requirement is waivable for the one and not for the other."""
    cited = {"kind": Kind.LISTING}
    requirement(
        "tests.cited_duty",
        FiscalQuarter(),
        done,
        kind=Kind.LISTING,
        citation=lambda committee: (cited["kind"], "Cited for this committee"),
    )
    run(D(2026, 3, 1))
    duty = occurrence("tests.cited_duty", Q1)
    with pytest.raises(ValidationError, match="a Nasdaq listing standard, which cannot be waived"):
        waiver_grant(occurrence=duty, user=chair, reason="x", as_of=D(2026, 3, 2))
    assert not Waiver.objects.exists()
    cited["kind"] = Kind.CHARTER
    waiver_grant(occurrence=duty, user=chair, reason="Charter practice", as_of=D(2026, 3, 2))
    assert occurrence("tests.cited_duty", Q1).status == Status.WAIVED
